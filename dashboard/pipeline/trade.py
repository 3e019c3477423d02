"""Trade transforms: the preferred series per measure, year-on-year growth, and the ledger's trade actuals."""

from __future__ import annotations

import pandas as pd

from dashboard.schemas.terms import EXPORTS, IMPORTS, TURNOVER

MEASURES_WITH_SERIES = (TURNOVER, EXPORTS, IMPORTS)
LEDGER_MEASURE = "trade_turnover_usd_bn"


def preferred_series(trade: pd.DataFrame, measure: str = TURNOVER) -> pd.DataFrame:
    """The preferred level per year of `measure`, sorted by year, with growth over the previous year."""
    chosen = trade[(trade["measure"] == measure) & trade["preferred"].astype(bool)]
    series = chosen[["year", "value_usd_bn", "reporting_basis", "source_id"]].sort_values("year")
    series = series.reset_index(drop=True)
    series.insert(2, "growth_pct", yoy_growth_pct(series["year"], series["value_usd_bn"]))
    from dashboard.schemas.derived import PreferredSeriesSchema  # pandera only where a table is computed

    return PreferredSeriesSchema.validate(series)


def yoy_growth_pct(years: pd.Series, values: pd.Series) -> pd.Series:
    """Percent change on the previous calendar year; missing where that year has no level."""
    previous = pd.Series(values.to_numpy(), index=years.to_numpy()).reindex(years.to_numpy() - 1).to_numpy()
    growth = (values.to_numpy() / previous - 1.0) * 100.0
    return pd.Series(growth, index=values.index, dtype="float64")


def trade_actuals(trade: pd.DataFrame) -> pd.DataFrame:
    """Turnover as ledger actuals: measure, year, value, source_id."""
    series = preferred_series(trade, TURNOVER)
    return pd.DataFrame(
        {
            "measure": LEDGER_MEASURE,
            "year": series["year"],
            "value": series["value_usd_bn"],
            "source_id": series["source_id"],
        }
    )


def vintage_revisions(vintages: dict[str, pd.DataFrame], measure: str = TURNOVER) -> pd.DataFrame:
    """Preferred levels of `measure` in every version side by side (year, version, value_usd_bn, source_id),
    with each year's revision from the oldest version that has it to the newest (missing for a year in one only)."""
    rows = [
        preferred_series(frame, measure).assign(version=version)[
            ["year", "version", "value_usd_bn", "source_id"]
        ]
        for version, frame in sorted(vintages.items())
    ]
    table = (
        pd.concat(rows, ignore_index=True)
        if rows
        else pd.DataFrame(columns=["year", "version", "value_usd_bn", "source_id"])
    )
    ordered = table.sort_values(["year", "version"])
    first = ordered.groupby("year")["value_usd_bn"].transform("first")
    last = ordered.groupby("year")["value_usd_bn"].transform("last")
    in_several = ordered.groupby("year")["version"].transform("count") > 1
    ordered["revision_usd_bn"] = (last - first).round(6).where(in_several)
    ordered["revision_pct"] = ((last / first - 1.0) * 100.0).round(6).where(in_several)
    return ordered.reset_index(drop=True)
