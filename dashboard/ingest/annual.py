"""Comtrade totals to years (annual rows as they are, 12 months summed, partial years set apart) and trade rows."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.comtrade import CHINA, RUSSIA
from dashboard.schemas.trade import TradeSchema

MONTHS = set(range(1, 13))
AGREEMENT_PCT = 0.5  # an annual row and its 12 months may differ by this much before a warning
BASIS = {CHINA: "china_customs", RUSSIA: "russia_customs"}
REPORTER_NAME = {CHINA: "China", RUSSIA: "Russia"}
MEASURE_OF = {
    (CHINA, "X"): "china_exports_to_russia",
    (RUSSIA, "M"): "china_exports_to_russia",
    (CHINA, "M"): "china_imports_from_russia",
    (RUSSIA, "X"): "china_imports_from_russia",
}
FLOW_NAME = {"M": "imports", "X": "exports"}
SOURCE_ID = "input-comtrade"


def annual_flows(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[dict], list[str]]:
    """One value per reporter, flow and year: the annual row, else the sum of all 12 months. Also the partial
    years (reporter, flow, year, months present) and warnings where annual and monthly rows disagree."""
    annual, partial, notes = [], [], []
    for (reporter, flow, year), group in rows.groupby(["reporter", "flow", "year"], sort=True):
        label = f"{REPORTER_NAME[reporter]}-reported {FLOW_NAME[flow]} {year}"
        yearly, monthly = group[group["month"] == 0], group[group["month"] > 0]
        months = sorted(monthly["month"].astype(int))
        if len(yearly):
            row = yearly.iloc[0]
            annual.append((reporter, flow, year, float(row["value_usd"]), f"annual row, line {row['line']}"))
            if set(months) == MONTHS:
                total = float(monthly["value_usd"].sum())
                gap = (total / row["value_usd"] - 1) * 100 if row["value_usd"] else 0.0
                if abs(gap) > AGREEMENT_PCT:
                    notes.append(
                        f"{label}: the 12 months sum to {total:,.0f} against the annual row's "
                        f"{row['value_usd']:,.0f} ({gap:+.1f}%); the annual row is used"
                    )
        elif set(months) == MONTHS:
            lines = monthly["line"]
            annual.append(
                (
                    reporter,
                    flow,
                    year,
                    float(monthly["value_usd"].sum()),
                    f"sum of 12 monthly rows, lines {lines.min()}-{lines.max()}",
                )
            )
        else:
            partial.append({"reporter": reporter, "flow": flow, "year": int(year), "months": months})
            notes.append(
                f"{label}: partial year, months {_months_text(months)} only ({len(months)} of 12); "
                "not summed, the year is left out"
            )
    flows = pd.DataFrame(annual, columns=["reporter", "flow", "year", "value_usd", "basis"])
    return flows, partial, notes


def trade_rows(flows: pd.DataFrame) -> pd.DataFrame:
    """Trade-dataset rows: China's exports to and imports from Russia, and their sum as turnover, kept apart by
    reporter; China's own report preferred, Russia's mirror report where China's is missing."""
    rows = []
    for (reporter, year), group in flows.groupby(["reporter", "year"], sort=True):
        by_measure = {MEASURE_OF[(reporter, r["flow"])]: r for r in group.to_dict("records")}
        for measure, r in by_measure.items():
            rows.append(
                _row(year, measure, r["value_usd"], reporter, f"{r['basis']}, {FLOW_NAME[r['flow']]}")
            )
        if len(by_measure) == 2:
            total = sum(r["value_usd"] for r in by_measure.values())
            rows.append(_row(year, "turnover", total, reporter, "exports + imports"))
    frame = pd.DataFrame(rows, columns=list(TradeSchema.to_schema().columns))
    chinese = frame.groupby(["year", "measure"])["reporting_basis"].transform(
        lambda b: (b == BASIS[CHINA]).any()
    )
    frame["preferred"] = (frame["reporting_basis"] == BASIS[CHINA]) | ~chinese.astype(bool)
    frame["preferred_reason"] = (
        frame["reporting_basis"]
        .map(
            {
                BASIS[CHINA]: "China's customs as reported to UN Comtrade (reporter 156)",
                BASIS[RUSSIA]: "only Russia's customs (reporter 643) report this year",
            }
        )
        .where(frame["preferred"])
    )
    return TradeSchema.validate(frame.sort_values(["year", "measure", "reporting_basis"], ignore_index=True))


def mirror(trade: pd.DataFrame) -> list[dict]:
    """Where both customs report a measure for a year: China's figure, Russia's and the gap in % of China's."""
    wide = trade.pivot_table(
        index=["measure", "year"], columns="reporting_basis", values="value_usd_bn", aggfunc="first"
    )
    if BASIS[CHINA] not in wide or BASIS[RUSSIA] not in wide:
        return []
    both = wide.dropna(subset=[BASIS[CHINA], BASIS[RUSSIA]])
    return [
        {
            "measure": measure,
            "year": int(year),
            "china_reported_usd_bn": round(china, 6),
            "russia_reported_usd_bn": round(russia, 6),
            "gap_pct": round((russia / china - 1) * 100, 2) if china else None,
        }
        for (measure, year), china, russia in zip(both.index, both[BASIS[CHINA]], both[BASIS[RUSSIA]])
    ]


def _row(year: int, measure: str, value_usd: float, reporter: str, how: str) -> dict:
    """One trade-dataset row from Comtrade."""
    return {
        "year": int(year),
        "measure": measure,
        "value_usd_bn": value_usd / 1e9,
        "value_low_usd_bn": None,
        "value_high_usd_bn": None,
        "yoy_change_pct": None,
        "reporting_basis": BASIS[reporter],
        "basis_as_reported": f"UN Comtrade, reported by {REPORTER_NAME[reporter]} ({reporter})",
        "partner": "russia",
        "preferred": False,
        "preferred_reason": None,
        "source_id": SOURCE_ID,
        "note": how,
    }


def _months_text(months: list[int]) -> str:
    """'1-9' or '1, 3, 5'."""
    if months and months == list(range(months[0], months[-1] + 1)) and len(months) > 2:
        return f"{months[0]}-{months[-1]}"
    return ", ".join(map(str, months)) or "none"
