"""Chinese against Russian customs: the gap between the two bases per year, as a table the trade figures can show."""

from __future__ import annotations

import pandas as pd

CHINA, RUSSIA = "china_customs", "russia_customs"
COLUMNS = [
    "year",
    "measure",
    "china_usd_bn",
    "china_source_id",
    "russia_usd_bn",
    "russia_source_id",
    "gap_usd_bn",
    "gap_pct",
]


def customs_gaps(trade: pd.DataFrame, measure: str = "turnover") -> pd.DataFrame:
    """One row per Russian-customs level of `measure` in a year that also has a Chinese-customs level: the Russian
    figure against the Chinese one (the preferred Chinese row where there is one, as consistency.basis_gaps does),
    gap in US$ bn and in % of the Chinese figure."""
    levels = trade[(trade["measure"] == measure) & trade["value_usd_bn"].notna()]
    rows = []
    for year, group in levels.groupby("year", sort=True):
        chinese = group[group["reporting_basis"] == CHINA]
        russian = group[group["reporting_basis"] == RUSSIA]
        if chinese.empty or russian.empty:
            continue
        reference = chinese.sort_values("preferred", ascending=False, kind="stable").iloc[0]
        for other in russian.itertuples(index=False):
            china, russia = float(reference["value_usd_bn"]), float(other.value_usd_bn)
            rows.append(
                [
                    int(year),
                    measure,
                    china,
                    reference["source_id"],
                    russia,
                    other.source_id,
                    round(russia - china, 6),
                    round((russia / china - 1.0) * 100.0, 6),
                ]
            )
    return pd.DataFrame(rows, columns=COLUMNS)
