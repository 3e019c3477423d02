"""The verdict on each claim of a text against the sourced trade series and the targets dataset.

Rules (worked by hand in tests/statements/corpus.json):
- a level is `consistent` when a sourced level of its year and measure (any basis) lies within the rounding of the
  sentence (146.9 -> +-0.05; $100 bn -> +-0.5), above it for "more than", below it for "less than", within
  APPROX_PCT for "about/nearly"; else `inconsistent`, with the nearest sourced level and the difference
  (claim / sourced - 1, in %);
- a growth rate is held the same way against the changes the sources report and the change computed from the
  preferred levels; its difference is in percentage points (claim - sourced);
- an amount in a sentence with a deadline ("by 2030", "к 2030 году", "到2030年") or a word for a goal is a `target`:
  the known target with the same value (and deadline, or "a year" for an annual rate), or none;
- a yuan or rouble figure, or one without a currency, is `not_checkable`: the series are in US dollars and no
  sourced conversion exists; so is a claim without a year or without sourced data for its year and measure."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.schemas.terms import EXPORTS, IMPORTS, TURNOVER
from dashboard.statements.claims import GROWTH, LEVEL, TARGET, Claim
from dashboard.statements.evidence import basis_label

CONSISTENT, INCONSISTENT, TARGET_VERDICT, NOT_CHECKABLE = (
    "consistent",
    "inconsistent",
    "target",
    "not_checkable",
)
APPROX_PCT = 3.0  # "about", "nearly": within this % of a sourced level
APPROX_POINTS = 1.0  # ... within this many points of a sourced change
TRADE_TARGET_MEASURE = "trade_turnover_usd_bn"
COMPUTED = "computed from the preferred levels"
MEASURE_WORDS = {
    TURNOVER: "turnover",
    EXPORTS: "China's exports to Russia",
    IMPORTS: "China's imports from Russia",
}
CURRENCY_WORDS = {"cny": "a yuan figure", "rub": "a rouble figure"}
EPSILON = 1e-9


@dataclass(frozen=True)
class Figure:
    """One sourced figure: a level in US$ bn or a change in %, with its basis in words and its source."""

    value: float
    label: str
    source_id: str


@dataclass
class Evidence:
    """The sourced series indexed for look-ups: levels and changes by (year, measure), and the trade targets."""

    levels: dict[tuple[int, str], list[Figure]] = field(default_factory=dict)
    changes: dict[tuple[int, str], list[Figure]] = field(default_factory=dict)
    targets: list[dict] = field(default_factory=list)
    last_year: int | None = None

    @classmethod
    def from_frames(cls, trade: pd.DataFrame, targets: pd.DataFrame) -> Evidence:
        """Index the trade dataset (every row, preferred first) and the trade targets."""
        evidence = cls()
        rows = trade.assign(_rank=~trade["preferred"].astype(bool)).sort_values(["_rank"], kind="stable")
        preferred: dict[tuple[int, str], float] = {}
        for row in rows.to_dict("records"):
            key = (int(row["year"]), row["measure"])
            label = basis_label(row["reporting_basis"], row["basis_as_reported"] or "")
            if pd.notna(row["value_usd_bn"]):
                evidence.levels.setdefault(key, []).append(
                    Figure(float(row["value_usd_bn"]), label, row["source_id"])
                )
                if row["preferred"]:
                    preferred[key] = float(row["value_usd_bn"])
            if pd.notna(row["yoy_change_pct"]):
                evidence.changes.setdefault(key, []).append(
                    Figure(float(row["yoy_change_pct"]), label, row["source_id"])
                )
        for (year, measure), value in sorted(preferred.items()):
            previous = preferred.get((year - 1, measure))
            if previous:
                change = round((value / previous - 1) * 100, 2)
                evidence.changes.setdefault((year, measure), []).append(
                    Figure(change, f"{COMPUTED} ({previous:g} to {value:g})", "computed")
                )
        evidence.last_year = int(trade["year"].max()) if len(trade) else None
        evidence.targets = [
            row for row in targets.to_dict("records") if row["measure"] == TRADE_TARGET_MEASURE
        ]
        return evidence


def judge(claim: Claim, evidence: Evidence) -> dict:
    """The verdict on one claim, with the sentence, the number as read and the evidence."""
    verdict = {
        "sentence": claim.sentence.text,
        "line": claim.sentence.line,
        "language": claim.sentence.language,
        "as_read": claim.as_read,
        "value": round(claim.value, 6),
        "unit": claim.unit,
        "currency": claim.currency,
        "year": claim.year,
        "measure": claim.measure,
        "kind": claim.kind,
        "bound": claim.bound,
        "verdict": NOT_CHECKABLE,
        "basis": None,
        "matched_value": None,
        "difference_pct": None,
        "target_id": None,
        "evidence": "",
    }
    if claim.kind == TARGET:
        return verdict | _target(claim, evidence)
    if claim.kind == LEVEL and claim.currency != "usd":
        words = CURRENCY_WORDS.get(claim.currency or "", "no currency named")
        return verdict | {
            "evidence": f"{words}: the trade series are in US dollars and no sourced conversion exists"
        }
    if claim.year is None:
        return verdict | {"evidence": "the sentence names no year"}
    table = evidence.levels if claim.kind == LEVEL else evidence.changes
    figures = table.get((claim.year, claim.measure), [])
    if not figures:
        what = "level" if claim.kind == LEVEL else "change"
        later = (
            f" (the data end in {evidence.last_year})"
            if evidence.last_year and claim.year > evidence.last_year
            else ""
        )
        return verdict | {
            "evidence": f"no sourced {what} of {MEASURE_WORDS[claim.measure]} for {claim.year}{later}"
        }
    return verdict | _held(claim, figures)


def _held(claim: Claim, figures: list[Figure]) -> dict:
    """consistent with the first figure that satisfies the claim, else inconsistent with the nearest."""
    growth = claim.kind == GROWTH
    unit = "%" if growth else " bn"
    listed = "; ".join(
        f"{f.label} {f.value:g}{unit} ({_difference(claim.value, f.value, growth):+.2f}{' points' if growth else '%'})"
        for f in figures
    )
    for figure in figures:
        if _satisfies(claim, figure.value, growth):
            return {
                "verdict": CONSISTENT,
                "basis": figure.label,
                "matched_value": figure.value,
                "difference_pct": _difference(claim.value, figure.value, growth),
                "evidence": f"matches {figure.label} ({figure.source_id}); sourced: {listed}",
            }
    nearest = min(figures, key=lambda f: abs(claim.value - f.value))
    return {
        "verdict": INCONSISTENT,
        "basis": nearest.label,
        "matched_value": nearest.value,
        "difference_pct": _difference(claim.value, nearest.value, growth),
        "evidence": f"nearest: {nearest.label} {nearest.value:g}{unit}; sourced: {listed}",
    }


def _satisfies(claim: Claim, sourced: float, growth: bool) -> bool:
    """Whether a sourced figure makes the claim true, given its bound and rounding."""
    if claim.bound == "above":
        return sourced >= claim.value - EPSILON
    if claim.bound == "below":
        return sourced <= claim.value + EPSILON
    close = abs(sourced - claim.value) <= claim.rounding + EPSILON
    if claim.bound == "about":
        near = (
            abs(sourced - claim.value) <= APPROX_POINTS
            if growth
            else abs(sourced / claim.value - 1) * 100 <= APPROX_PCT
        )
        return close or near
    return close


def _difference(value: float, sourced: float, growth: bool) -> float:
    """Points for a change; % of the sourced level for a level."""
    if growth:
        return round(value - sourced, 2)
    return round((value / sourced - 1) * 100, 2) if sourced else 0.0


def _target(claim: Claim, evidence: Evidence) -> dict:
    """The known target a stated target matches (value, and deadline or annual rate), or that none does."""
    if claim.unit == "%":
        return {"evidence": "a growth target: the targets dataset holds levels only"}
    if claim.currency != "usd":
        words = CURRENCY_WORDS.get(claim.currency or "", "no currency named")
        return {"evidence": f"{words}: the targets are in US dollars and no sourced conversion exists"}
    found = {"verdict": TARGET_VERDICT}
    if claim.measure != TURNOVER:
        return found | {
            "evidence": f"not in the targets dataset (it holds turnover targets, not {MEASURE_WORDS[claim.measure]})"
        }
    for target in evidence.targets:
        values = [target[k] for k in ("target_value", "target_low", "target_high") if pd.notna(target[k])]
        if not any(abs(float(v) - claim.value) <= claim.rounding + EPSILON for v in values):
            continue
        annual = target["deadline_kind"] == "annual_rate"
        deadline = None if pd.isna(target["deadline_year"]) else int(target["deadline_year"])
        if (annual and claim.annual) or (not annual and (claim.year is None or claim.year == deadline)):
            return found | {
                "target_id": target["target_id"],
                "matched_value": claim.value,
                "evidence": f"matches the known target '{target['title']}' (stated by {target['stated_by']})",
            }
    when = f" by {claim.year}" if claim.year else (" a year" if claim.annual else "")
    return found | {"evidence": f"not in the targets dataset: no known target of US${claim.value:g} bn{when}"}
