"""The sourced figures a number can be held against: every basis's value for a year and measure, and the distance."""

from __future__ import annotations

import math

import pandas as pd

BASIS_LABELS = {
    "china_customs": "Chinese customs",
    "russia_customs": "Russian customs",
    "official_statement": "official statement",
    "article_2002": "the 2002 article",
    "unspecified": "unspecified source",
}
REPORTER_LABELS = {"156": "Comtrade as reported by China", "643": "Comtrade as reported by Russia"}
MATCH_PCT = 0.5  # a file's value within this % of a sourced one matches it


def basis_label(basis: str, as_reported: str = "") -> str:
    """A reporting basis in words; a Comtrade row names its reporter ('Comtrade as reported by China')."""
    if as_reported.startswith("your file"):
        return as_reported
    if "Comtrade" in as_reported:
        for code, label in REPORTER_LABELS.items():
            if f"({code})" in as_reported:
                return label
    return BASIS_LABELS.get(basis, basis.replace("_", " "))


def difference_pct(value: float, reference: float) -> float | None:
    """(value - reference) as % of reference, 2 decimals; None against zero."""
    return round((value / reference - 1) * 100, 2) if reference else None


def sourced_levels(trade: pd.DataFrame, year: int, measure: str) -> list[dict]:
    """Every sourced level of a measure in a year: basis, label, value, bounds, source, preferred; preferred first."""
    rows = trade[(trade["year"] == year) & (trade["measure"] == measure)]
    found = []
    for row in rows.to_dict("records"):
        value, low, high = (
            _number(row[k]) for k in ("value_usd_bn", "value_low_usd_bn", "value_high_usd_bn")
        )
        if value is None and low is None and high is None:
            continue
        found.append(
            {
                "basis": row["reporting_basis"],
                "label": basis_label(row["reporting_basis"], row["basis_as_reported"] or ""),
                "value_usd_bn": value,
                "low_usd_bn": low,
                "high_usd_bn": high,
                "source_id": row["source_id"],
                "preferred": bool(row["preferred"]),
            }
        )
    return sorted(found, key=lambda r: not r["preferred"])


def sourced_growth(trade: pd.DataFrame, year: int, measure: str) -> list[dict]:
    """Every reported year-on-year change of a measure in a year (as the sources state it), preferred first."""
    rows = trade[(trade["year"] == year) & (trade["measure"] == measure) & trade["yoy_change_pct"].notna()]
    found = [
        {
            "basis": row["reporting_basis"],
            "label": basis_label(row["reporting_basis"], row["basis_as_reported"] or ""),
            "value_pct": float(row["yoy_change_pct"]),
            "source_id": row["source_id"],
            "preferred": bool(row["preferred"]),
        }
        for row in rows.to_dict("records")
    ]
    return sorted(found, key=lambda r: not r["preferred"])


def explain(user: pd.DataFrame, bundled: pd.DataFrame) -> list[dict]:
    """For every value of a user's file: the sourced bases it matches (within MATCH_PCT) and its distance from
    each sourced level of the same year and measure, nearest first."""
    explained = []
    for row in user.sort_values(["year", "measure"]).to_dict("records"):
        value = _number(row["value_usd_bn"])
        if value is None:
            continue
        bases, bounds = [], []
        for level in sourced_levels(bundled, int(row["year"]), row["measure"]):
            if level["value_usd_bn"] is None:
                bounds.append(
                    {**level, "satisfied": _within(value, level["low_usd_bn"], level["high_usd_bn"])}
                )
                continue
            bases.append({**level, "difference_pct": difference_pct(value, level["value_usd_bn"])})
        bases.sort(key=lambda b: math.inf if b["difference_pct"] is None else abs(b["difference_pct"]))
        matches = []
        for b in bases:
            if (
                b["difference_pct"] is not None
                and abs(b["difference_pct"]) <= MATCH_PCT
                and b["label"] not in matches
            ):
                matches.append(b["label"])
        explained.append(
            {
                "year": int(row["year"]),
                "measure": row["measure"],
                "value_usd_bn": round(value, 6),
                "your_basis": basis_label(row["reporting_basis"], row["basis_as_reported"] or ""),
                "matches": matches,
                "bases": bases,
                "bounds": bounds,
            }
        )
    return explained


def _within(value: float, low: float | None, high: float | None) -> bool:
    """Whether a value lies within a sourced bound ('more than 185': above 185)."""
    return (low is None or value > low) and (high is None or value < high)


def _number(value) -> float | None:
    """A float, or None for a missing cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return float(value)
