"""The target ledger: the one place where stated targets are compared with actual outcomes."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

STATUSES = (
    "met",
    "missed",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "no_observation",
)
ON_TRACK_RATIO, ACCELERATION_RATIO = 0.95, 0.60  # Open SDG progress thresholds on actual/required growth
ANNUAL_RATE, STANDING = "annual rate", "standing"


@dataclass
class LedgerEntry:
    """One target's verdict, with every number behind it."""

    target_id: str
    title: str
    measure: str
    unit: str
    comparison: str
    pledge_year: int
    deadline: int | str
    target_value: float | None
    target_low: float | None
    target_high: float | None
    baseline_year: int
    baseline_value: float | None
    actual_at_deadline: float | None
    actual_year: int | None
    attainment_pct: float | None
    shortfall: float | None
    first_reached_year: int | None
    years_late: int | None
    required_cagr_pct: float | None
    actual_cagr_pct: float | None
    status: str
    notes: str
    attainment_high_pct: float | None = None
    shortfall_high: float | None = None
    first_reached_high_year: int | None = None
    gap_years: list[int] = field(default_factory=list)
    yearly: list[dict] = field(default_factory=list)
    source_ids: str = ""


def compute_ledger(targets: pd.DataFrame, actuals: pd.DataFrame, as_of_year: int) -> list[LedgerEntry]:
    """Judge every target against the actuals of its measure, as known in `as_of_year`."""
    by_measure = {
        m: dict(zip(g["year"].astype(int), g["value"].astype(float))) for m, g in actuals.groupby("measure")
    }
    return [judge(row, by_measure.get(row["measure"], {}), as_of_year) for row in targets.to_dict("records")]


YEAR_COLUMNS = (
    "pledge_year",
    "baseline_year",
    "actual_year",
    "first_reached_year",
    "years_late",
    "first_reached_high_year",
)


def ledger_frame(entries: list[LedgerEntry]) -> pd.DataFrame:
    """The ledger as a frame, one row per target (years as nullable integers)."""
    frame = pd.DataFrame([asdict(entry) for entry in entries], columns=list(LedgerEntry.__dataclass_fields__))
    frame = frame.astype({column: "Int64" for column in YEAR_COLUMNS})
    return frame


def judge(target: dict, series: dict[int, float], as_of_year: int) -> LedgerEntry:
    """The verdict for one target given its measure's actuals by year."""
    goal = _number(target.get("target_value"))
    low, high = _number(target.get("target_low")), _number(target.get("target_high"))
    threshold = goal if goal is not None else low
    kind, at_most = target["deadline_kind"], target["comparison"] == "at_most"
    deadline_year = None if _missing(target.get("deadline_year")) else int(target["deadline_year"])
    pledge_year, baseline_year = int(target["pledge_year"]), int(target["baseline_year"])
    entry = LedgerEntry(
        target_id=target["target_id"],
        title=target["title"],
        measure=target["measure"],
        unit=target["unit"],
        comparison=target["comparison"],
        pledge_year=pledge_year,
        deadline=deadline_year if kind == "by_year" else (ANNUAL_RATE if kind == "annual_rate" else STANDING),
        target_value=goal,
        target_low=low,
        target_high=high,
        baseline_year=baseline_year,
        baseline_value=series.get(baseline_year),
        actual_at_deadline=None,
        actual_year=None,
        attainment_pct=None,
        shortfall=None,
        first_reached_year=None,
        years_late=None,
        required_cagr_pct=None,
        actual_cagr_pct=None,
        status="no_observation",
        notes="",
        source_ids=target.get("source_ids", ""),
    )
    observed = {year: value for year, value in sorted(series.items()) if pledge_year <= year <= as_of_year}
    notes = (
        [f"range {_fmt(low)}-{_fmt(high)}: judged against the low end"]
        if high is not None and low is not None
        else []
    )
    if not series:
        notes.append(f"no observation of {entry.measure} in the data")
    elif kind == "by_year":
        _judge_by_deadline(
            entry, threshold, high, at_most, series, observed, deadline_year, as_of_year, notes
        )
    else:
        _judge_each_year(entry, threshold, at_most, observed, kind, notes)
    entry.notes = "; ".join(notes)
    return entry


def _judge_by_deadline(entry, threshold, high, at_most, series, observed, deadline_year, as_of_year, notes):
    """A target with a deadline: met or missed once it has passed, a progress rating while it is open."""
    meets = _meets_fn(at_most)
    entry.required_cagr_pct = cagr_pct(entry.baseline_value, threshold, deadline_year - entry.baseline_year)
    if entry.baseline_value is None:
        notes.append(f"baseline year {entry.baseline_year} has no data")
    if not observed:
        notes.append(f"no observation from {entry.pledge_year} (data end in {max(series)})")
        return
    entry.first_reached_year = first_reached(observed, threshold, meets)
    if entry.first_reached_year is not None:
        entry.years_late = entry.first_reached_year - deadline_year
        notes.append(f"first reached {entry.first_reached_year}")
    else:
        notes.append(f"not reached by {max(observed)} (last observation)")
    if high is not None:
        entry.first_reached_high_year = first_reached(observed, high, meets)
        reached_high = entry.first_reached_high_year
        notes.append(f"high end first reached {reached_high}" if reached_high else "high end not reached")
    reached = [y for y in (entry.first_reached_year, entry.first_reached_high_year) if y is not None]
    last_looked_at = max(observed)
    window_end = (
        last_looked_at
        if high is not None and entry.first_reached_high_year is None
        else max(reached, default=last_looked_at)
    )
    entry.gap_years = missing_years(series, entry.pledge_year, window_end)
    if entry.gap_years:
        notes.append(
            f"{_years_text(entry.gap_years)} {'has' if len(entry.gap_years) == 1 else 'have'} no data"
        )
    if deadline_year < as_of_year:
        actual = series.get(deadline_year)
        if actual is None:
            notes.append(f"deadline {deadline_year} has no data")
            return
        entry.actual_at_deadline, entry.actual_year = actual, deadline_year
        entry.actual_cagr_pct = cagr_pct(entry.baseline_value, actual, deadline_year - entry.baseline_year)
        entry.status = "met" if meets(actual, threshold) else "missed"
    else:
        latest = max(observed)
        actual = observed[latest]
        entry.actual_year = latest
        entry.actual_cagr_pct = cagr_pct(entry.baseline_value, actual, latest - entry.baseline_year)
        entry.status = progress_status(
            actual, threshold, entry.required_cagr_pct, entry.actual_cagr_pct, meets
        )
        notes.append(f"deadline {deadline_year} not yet passed; latest {latest}: {_fmt(actual)}")
    _attainment(entry, actual, threshold, high, at_most)


def _judge_each_year(entry, threshold, at_most, observed, kind, notes):
    """An annual-rate target or a standing ceiling: every observed year is judged; the latest gives the status."""
    meets = _meets_fn(at_most)
    if not observed:
        notes.append(f"no observation from {entry.pledge_year}")
        return
    entry.yearly = [{"year": y, "actual": v, "met": meets(v, threshold)} for y, v in observed.items()]
    latest = max(observed)
    entry.actual_at_deadline, entry.actual_year = observed[latest], latest
    entry.first_reached_year = first_reached(observed, threshold, meets)
    entry.gap_years = missing_years(observed, min(observed), latest)
    failed = [row["year"] for row in entry.yearly if not row["met"]]
    if kind == "standing":
        entry.status = "missed" if failed else "met"
        notes.append(
            f"exceeded in {_years_text(failed)}" if failed else f"not exceeded {min(observed)}-{latest}"
        )
    else:
        entry.status = "met" if meets(observed[latest], threshold) else "missed"
        reached = [row["year"] for row in entry.yearly if row["met"]]
        notes.append(
            f"judged each year {min(observed)}-{latest}: "
            + (f"reached in {_years_text(reached)}" if reached else "not reached in any year")
        )
    if entry.gap_years:
        notes.append(
            f"{_years_text(entry.gap_years)} {'has' if len(entry.gap_years) == 1 else 'have'} no data"
        )
    _attainment(entry, observed[latest], threshold, None, at_most)


def _attainment(
    entry: LedgerEntry, actual: float, threshold: float, high: float | None, at_most: bool
) -> None:
    """Attainment (actual as % of target) and shortfall (target minus actual; negative = exceeded)."""
    entry.attainment_pct = _pct(actual, threshold)
    entry.shortfall = round(threshold - actual, 6) if not at_most else round(actual - threshold, 6)
    if high is not None:
        entry.attainment_high_pct = _pct(actual, high)
        entry.shortfall_high = round(high - actual, 6)


def progress_status(actual, threshold, required_pct, actual_pct, meets) -> str:
    """Open-deadline rating from the ratio of actual to required growth (Open SDG thresholds)."""
    if meets(actual, threshold):
        return "on_track"
    if required_pct is None or actual_pct is None:
        return "no_observation"
    if required_pct <= 0:
        return "deterioration" if actual_pct < 0 else "limited_progress"
    ratio = actual_pct / required_pct
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    if ratio >= ACCELERATION_RATIO:
        return "acceleration_needed"
    return "limited_progress" if ratio >= 0 else "deterioration"


def cagr_pct(start: float | None, end: float | None, years: int) -> float | None:
    """Compound annual growth in percent from `start` to `end` over `years`; None where undefined."""
    if start is None or end is None or years <= 0 or start <= 0 or end < 0:
        return None
    return ((end / start) ** (1.0 / years) - 1.0) * 100.0


def first_reached(observed: dict[int, float], threshold: float, meets) -> int | None:
    """The first observed year whose value meets the threshold."""
    return next((year for year, value in sorted(observed.items()) if meets(value, threshold)), None)


def missing_years(series: dict[int, float], start: int, end: int) -> list[int]:
    """Years from start to end (inclusive) with no observation."""
    return [year for year in range(start, end + 1) if year not in series]


def _meets_fn(at_most: bool):
    """The comparison that says a value satisfies the target."""
    return (lambda v, t: v <= t) if at_most else (lambda v, t: v >= t)


def _pct(actual: float, reference: float) -> float | None:
    """actual as a percentage of reference."""
    return None if not reference else actual / reference * 100.0


def _number(value) -> float | None:
    """A float, or None for a missing cell."""
    return None if _missing(value) else float(value)


def _missing(value) -> bool:
    """True for None, NaN and pandas' NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _fmt(value: float) -> str:
    """A number without needless decimals."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _years_text(years: list[int]) -> str:
    """'2012' or '2012, 2013'."""
    return ", ".join(str(y) for y in years)


LEDGER_KEYS = (
    "target_id",
    "title",
    "measure",
    "unit",
    "comparison",
    "pledge_year",
    "deadline",
    "target_value",
    "target_low",
    "target_high",
    "baseline_year",
    "baseline_value",
    "actual_at_deadline",
    "actual_year",
    "attainment_pct",
    "shortfall",
    "first_reached_year",
    "years_late",
    "required_cagr_pct",
    "actual_cagr_pct",
    "status",
    "notes",
    "attainment_high_pct",
    "shortfall_high",
    "first_reached_high_year",
    "gap_years",
    "yearly",
    "source_ids",
)


def ledger_records(ledger: pd.DataFrame) -> list[dict]:
    """The ledger as JSON-ready dicts: missing values as None, whole numbers as int, floats to 6 decimals."""
    return [{key: _plain(row[key]) for key in LEDGER_KEYS} for row in ledger.to_dict("records")]


def _plain(value):
    """A JSON-friendly scalar (or list) for one ledger cell."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) if not isinstance(v, dict) else {k: _plain(x) for k, x in v.items()} for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return round(value, 6)
    return value
