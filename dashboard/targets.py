"""The target ledger: the one place where stated targets are compared with actual outcomes."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from dashboard.realism import p_at_pledge

STATUSES = (
    "met",
    "missed",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "reached",
    "not_yet_reached",
    "no_observation",
)
ON_TRACK_RATIO, ACCELERATION_RATIO = 0.95, 0.60  # Open SDG progress thresholds on actual/required growth
ANNUAL_RATE, STANDING = "annual rate", "standing"
TRADE_MEASURE, TURNOVER = "trade_turnover_usd_bn", "turnover"
IMPLIED_BY_GROWTH, IMPLIED_BY_PARTS = "implied_by_growth", "implied_by_parts_growth"
# A candidate figure in words, by its basis (the app says what a verdict depends on with these).
BASIS_WORDS = {
    "china_customs": "Chinese customs",
    "russia_customs": "Russian customs",
    "official_statement": "an official's statement",
    "article_2002": "the 2002 article",
    "unspecified": "basis not stated",
    "reported": "as reported",
}
EXCLUDED_RELIABILITY = "low"  # a machine translation, a forum or an apparent error is not a candidate figure
# a candidate that is the whole a target's measure is part of: the most the part was
UPPER_BOUND = "upper_bound"


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
    baseline_year: int | None
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
    years_late_high: int | None = None
    first_reached_range: list[int] | None = None
    first_reached_high_range: list[int] | None = None
    baseline_stated: bool = False
    baseline_source_id: str = ""
    candidates: list[dict] = field(default_factory=list)
    robust: bool = True
    commitment: str = ""
    successor_id: str = ""
    p_at_pledge: float | None = None
    p_at_pledge_note: str = ""
    status_history: list[dict] = field(default_factory=list)
    attainment_at_most_pct: float | None = None


def compute_ledger(
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    as_of_year: int,
    figures: pd.DataFrame | None = None,
    plans: pd.DataFrame | None = None,
) -> list[LedgerEntry]:
    """Judge every target against the actuals of its measure, as known in `as_of_year`; `figures` (every sourced
    value, see ledger_figures) gives each verdict's candidates, `plans` (see ledger_plans) the yearly plans a
    ramp-up contract is judged against. A measure that is part of another (PART_OF: Yukos' rail shipments of
    Russia's rail exports) is judged, at a deadline without a figure of its own, against the whole: the most the
    part can have been."""
    by_measure = {
        m: dict(zip(g["year"].astype(int), g["value"].astype(float))) for m, g in actuals.groupby("measure")
    }
    sources = {m: dict(zip(g["year"].astype(int), g["source_id"])) for m, g in actuals.groupby("measure")}
    figures_by = _records_by_measure(figures)
    plans_by = _records_by_measure(plans)
    entries = []
    for row in targets.to_dict("records"):
        series, plan = by_measure.get(row["measure"], {}), _by_year(plans_by.get(row["measure"], []))
        whole = _whole(row["measure"], by_measure, sources, figures_by)
        entry = judge(
            row,
            series,
            as_of_year,
            figures=figures_by.get(row["measure"], []),
            plans=plan,
            sources=sources.get(row["measure"], {}),
            whole=whole,
        )
        entry.status_history = status_history(row, series, as_of_year, plan, whole)
        entries.append(entry)
    return entries


def _whole(measure: str, by_measure: dict, sources: dict, figures_by: dict) -> dict | None:
    """The whole a measure is part of (PART_OF), with its actuals, their sources and every sourced figure; None
    where the measure is part of nothing or the whole has no actuals."""
    from dashboard.pipeline.energy import PART_OF, WHOLE_WORDS

    whole = PART_OF.get(measure)
    if whole is None or not by_measure.get(whole):
        return None
    return {
        "measure": whole,
        "words": WHOLE_WORDS.get(whole, whole),
        "values": by_measure[whole],
        "sources": sources.get(whole, {}),
        "figures": figures_by.get(whole, []),
    }


def status_history(
    target: dict,
    series: dict[int, float],
    as_of_year: int,
    plans: dict | None = None,
    whole: dict | None = None,
) -> list[dict]:
    """The verdict as it stood at the end of each year from the pledge year to `as_of_year`: the status the
    ledger gives with that year as its as-of year (a deadline is judged from the year after it)."""
    return [
        {"year": year, "status": _judge_on(target, series, year, plans or {}, whole).status}
        for year in range(int(target["pledge_year"]), as_of_year + 1)
    ]


def _records_by_measure(frame: pd.DataFrame | None) -> dict[str, list[dict]]:
    """A frame's rows as dicts grouped by measure, preferred rows first."""
    if frame is None or frame.empty:
        return {}
    rows = frame.assign(preferred=frame["preferred"].fillna(False).astype(bool))
    rows = rows.sort_values(["measure", "year", "preferred"], ascending=[True, True, False], kind="stable")
    return {measure: group.to_dict("records") for measure, group in rows.groupby("measure", sort=False)}


def _by_year(rows: list[dict]) -> dict[int, list[dict]]:
    """Rows grouped by year, in their order."""
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(int(row["year"]), []).append(row)
    return grouped


YEAR_COLUMNS = (
    "pledge_year",
    "baseline_year",
    "actual_year",
    "first_reached_year",
    "years_late",
    "first_reached_high_year",
    "years_late_high",
)


def ledger_frame(entries: list[LedgerEntry]) -> pd.DataFrame:
    """The ledger as a frame, one row per target (years as nullable integers)."""
    frame = pd.DataFrame([asdict(entry) for entry in entries], columns=list(LedgerEntry.__dataclass_fields__))
    frame = frame.astype({column: "Int64" for column in YEAR_COLUMNS})
    return frame


def judge(
    target: dict,
    series: dict[int, float],
    as_of_year: int,
    figures: list[dict] | None = None,
    plans: dict[int, list[dict]] | None = None,
    sources: dict[int, str] | None = None,
    whole: dict | None = None,
) -> LedgerEntry:
    """The verdict for one target given its measure's actuals by year, then the verdict on every other sourced
    figure of the years it rests on (`candidates`; `robust` when they all give the same status); a verdict on the
    whole the measure is part of lists the whole's figures of the deadline year (basis upper_bound)."""
    entry = _judge_on(target, series, as_of_year, plans or {}, whole)
    _realism(entry, series)
    entry.candidates = _candidates(
        target, series, as_of_year, plans or {}, entry, figures or [], sources or {}
    )
    if entry.attainment_at_most_pct is not None and whole is not None:
        entry.candidates += _bound_candidates(entry, whole)
    entry.robust = len({candidate["status"] for candidate in entry.candidates}) <= 1
    if not entry.robust:
        entry.notes += "; the verdict depends on the figure used: " + candidates_text(
            entry.candidates, entry.unit
        )
    return entry


def _realism(entry: LedgerEntry, series: dict[int, float]) -> None:
    """p_at_pledge and its note (dashboard.realism): from the level the ledger starts from, to the deadline."""
    threshold = entry.target_value if entry.target_value is not None else entry.target_low
    deadline = entry.deadline if isinstance(entry.deadline, int) else None
    realism = p_at_pledge(
        series,
        entry.baseline_year,
        entry.baseline_value,
        deadline,
        threshold,
        at_most=entry.comparison == "at_most",
    )
    entry.p_at_pledge, entry.p_at_pledge_note = realism.p, realism.note


def _judge_on(
    target: dict, series: dict[int, float], as_of_year: int, plans: dict, whole: dict | None = None
) -> LedgerEntry:
    """The verdict on one series of actuals (and, at a deadline it has no figure for, on the whole it is part of)."""
    goal = _number(target.get("target_value"))
    low, high = _number(target.get("target_low")), _number(target.get("target_high"))
    threshold = goal if goal is not None else low
    kind, at_most = target["deadline_kind"], target["comparison"] == "at_most"
    deadline_year = None if _missing(target.get("deadline_year")) else int(target["deadline_year"])
    # the schema gives a deadline_year to every by_year target and to no other kind
    no_deadline = ANNUAL_RATE if kind == "annual_rate" else STANDING
    pledge_year, baseline_year = int(target["pledge_year"]), int(target["baseline_year"])
    entry = LedgerEntry(
        target_id=target["target_id"],
        title=target["title"],
        measure=target["measure"],
        unit=target["unit"],
        comparison=target["comparison"],
        pledge_year=pledge_year,
        deadline=no_deadline if deadline_year is None else deadline_year,
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
        commitment=_text(target.get("commitment")),
        successor_id=_text(target.get("successor_id")),
    )
    notes = (
        [f"range {_fmt(low)}-{_fmt(high)}: judged against the low end"]
        if high is not None and low is not None
        else []
    )
    if deadline_year is not None:  # by_year
        _baseline(entry, target, deadline_year, notes)
    observed = {year: value for year, value in sorted(series.items()) if pledge_year <= year <= as_of_year}
    if not series:
        notes.append(f"no observation of {entry.measure} in the data")
    elif kind == "by_year":
        _judge_by_deadline(
            entry, threshold, high, at_most, series, observed, deadline_year, as_of_year, notes, whole
        )
    else:
        _judge_each_year(entry, target, threshold, at_most, observed, kind, notes, plans, as_of_year)
    entry.notes = "; ".join(notes)
    return entry


def _baseline(entry: LedgerEntry, target: dict, deadline_year: int, notes: list[str]) -> None:
    """The pledge's own baseline where it states one; none for a target due in its pledge year (its outcome is
    not its baseline); else the actual of the baseline year (set by the caller)."""
    stated = _number(target.get("baseline_value"))
    if deadline_year == entry.pledge_year:
        entry.baseline_year, entry.baseline_value = None, None
        notes.append(f"due in its pledge year ({deadline_year}): no baseline and no growth rate")
    elif stated is not None:
        entry.baseline_value, entry.baseline_stated = stated, True
        entry.baseline_source_id = _text(target.get("baseline_source_id"))
        notes.append(
            f"baseline {_fmt(stated)} ({entry.baseline_year}) as the pledge states it: "
            f"'{_text(target.get('baseline_quote'))}' ({entry.baseline_source_id})"
        )


def _judge_by_deadline(
    entry, threshold, high, at_most, series, observed, deadline_year, as_of_year, notes, whole=None
):
    """A target with a deadline: met or missed once it has passed, a progress rating while it is open."""
    meets = _meets_fn(at_most)
    has_baseline = entry.baseline_year is not None
    if has_baseline:
        entry.required_cagr_pct = cagr_pct(
            entry.baseline_value, threshold, deadline_year - entry.baseline_year
        )
        if entry.baseline_value is None:
            notes.append(f"baseline year {entry.baseline_year} has no data")
    if not observed:
        notes.append(f"no observation from {entry.pledge_year} (data end in {max(series)})")
        if deadline_year < as_of_year and whole is not None:
            _judge_by_whole(entry, threshold, at_most, whole, deadline_year, notes)
        return
    entry.first_reached_year = first_reached(observed, threshold, meets)
    if entry.first_reached_year is not None:
        entry.years_late = entry.first_reached_year - deadline_year
        entry.first_reached_range = first_reached_range(series, entry.pledge_year, entry.first_reached_year)
        notes.append(f"first reached {_reached_text(entry.first_reached_year, entry.first_reached_range)}")
    else:
        notes.append(f"not reached by {max(observed)} (last observation)")
    if high is not None:
        reached_high = entry.first_reached_high_year = first_reached(observed, high, meets)
        if reached_high is not None:
            entry.years_late_high = reached_high - deadline_year
            entry.first_reached_high_range = first_reached_range(series, entry.pledge_year, reached_high)
            notes.append(
                f"high end first reached {_reached_text(reached_high, entry.first_reached_high_range)}"
            )
        else:
            notes.append("high end not reached")
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
            if whole is not None:
                _judge_by_whole(entry, threshold, at_most, whole, deadline_year, notes)
            return
        entry.actual_at_deadline, entry.actual_year = actual, deadline_year
        if has_baseline:
            entry.actual_cagr_pct = cagr_pct(
                entry.baseline_value, actual, deadline_year - entry.baseline_year
            )
        entry.status = "met" if meets(actual, threshold) else "missed"
    else:
        latest = max(observed)
        actual = observed[latest]
        entry.actual_year = latest
        if has_baseline:
            entry.actual_cagr_pct = cagr_pct(entry.baseline_value, actual, latest - entry.baseline_year)
        entry.status = progress_status(
            actual, threshold, entry.required_cagr_pct, entry.actual_cagr_pct, meets
        )
        notes.append(f"deadline {deadline_year} not yet passed; latest {latest}: {_fmt(actual)}")
    _attainment(entry, actual, threshold, high, at_most)


def _judge_by_whole(entry, threshold, at_most, whole, year, notes) -> None:
    """A goal with no figure of its own at its deadline, judged on the whole its measure is part of: the part was at
    most the whole, so a whole below the goal means the part missed it too (attainment at most whole / goal). A
    whole at or above the goal, or a ceiling, decides nothing: the status stays no_observation."""
    value = whole["values"].get(year)
    if value is None:
        notes.append(f"nor has the whole it is part of ({whole['words']})")
        return
    said = (
        f"the whole it is part of, {whole['words']}, was {_fmt(value)} in {year} "
        f"({whole['sources'].get(year, '')}): the most it can have been"
    )
    if at_most or value >= threshold:
        notes.append(f"{said}; not below {_fmt(threshold)}, so that decides nothing")
        return
    entry.status = "missed"
    entry.attainment_at_most_pct = _pct(value, threshold)
    notes.append(
        f"{said}; below {_fmt(threshold)}, so missed (at most {entry.attainment_at_most_pct:.0f}% attained)"
    )


def _bound_candidates(entry: LedgerEntry, whole: dict) -> list[dict]:
    """Every sourced figure of the whole in the deadline year, each with the verdict it gives on the part (missed
    where below the goal, else no_observation: it decides nothing); equal values are listed once."""
    threshold = entry.target_value if entry.target_value is not None else entry.target_low
    year = int(entry.deadline)
    figures = [f for f in whole["figures"] if int(f["year"]) == year] or [
        {"value": whole["values"][year], "source_id": whole["sources"].get(year, ""), "preferred": True}
    ]
    listed, seen = [], set()
    for figure in figures:
        value = float(figure["value"])
        if round(value, 6) in seen:
            continue
        seen.add(round(value, 6))
        below = threshold is not None and value < threshold
        listed.append(
            {
                "value": value,
                "year": year,
                "source_id": figure["source_id"],
                "basis": UPPER_BOUND,
                "description": f"at most {whole['words']}",
                "used": value == whole["values"][year],
                "status": "missed" if below else "no_observation",
                "attainment_pct": None,
            }
        )
    return listed


def _judge_each_year(entry, target, threshold, at_most, observed, kind, notes, plans, as_of_year):
    """A level with no deadline (annual rate) or a standing ceiling: every observed year is judged. A ceiling
    is met while not exceeded; a level with no deadline is never met or missed: reached (in the years named)
    or not yet reached. A ramp-up contract's years are also judged against their sourced yearly plan."""
    meets = _meets_fn(at_most)
    if not observed:
        notes.append(f"no observation from {entry.pledge_year}")
        return
    entry.yearly = [{"year": y, "actual": v, "met": meets(v, threshold)} for y, v in observed.items()]
    latest = max(observed)
    entry.actual_at_deadline, entry.actual_year = observed[latest], latest
    entry.first_reached_year = first_reached(observed, threshold, meets)
    if entry.first_reached_year is not None:
        entry.first_reached_range = first_reached_range(observed, min(observed), entry.first_reached_year)
    entry.gap_years = missing_years(observed, min(observed), latest)
    failed = [row["year"] for row in entry.yearly if not row["met"]]
    if kind == "standing":
        entry.status = "missed" if failed else "met"
        notes.append(
            f"exceeded in {_years_text(failed)}" if failed else f"not exceeded {min(observed)}-{latest}"
        )
    else:
        reached = [row["year"] for row in entry.yearly if row["met"]]
        entry.status = "reached" if reached else "not_yet_reached"
        notes.append(
            f"no deadline: judged each year {min(observed)}-{latest}: "
            + (f"reached in {_years_text(reached)}" if reached else "not reached in any year")
        )
        entry.gap_years += list(range(latest + 1, as_of_year))  # complete years since the last observation
    if _flag(target.get("ramp_up")):
        _judge_ramp(entry, target, threshold, meets, plans, as_of_year, notes)
    if entry.gap_years:
        notes.append(
            f"{_years_text(entry.gap_years)} {'has' if len(entry.gap_years) == 1 else 'have'} no data"
        )
    _attainment(entry, observed[latest], threshold, None, at_most)


def _judge_ramp(entry, target, threshold, meets, plans, as_of_year, notes) -> None:
    """A plateau reached after a contractual ramp-up: each year against its sourced plan, and against the
    plateau from the year it applies (only where that year is sourced); no ramp is invented."""
    plateau_year = None if _missing(target.get("plateau_year")) else int(target["plateau_year"])
    notes.append(
        f"ramp-up contract: {_fmt(threshold)} is the plateau; each year is judged against its sourced plan"
    )
    unjudged = []
    for row in entry.yearly:
        year, actual = row["year"], row["actual"]
        if plateau_year is not None and year >= plateau_year:
            row.update(plan=threshold, plan_source_id="", met_plan=meets(actual, threshold))
            notes.append(
                f"{year}: {_fmt(actual)} against the plateau {_fmt(threshold)} ({_met(row['met_plan'])})"
            )
        elif year in plans:
            first, *others = plans[year]
            row.update(
                plan=first["value"], plan_source_id=first["source_id"], met_plan=meets(actual, first["value"])
            )
            also = "".join(
                f"; {_fmt(other['value'])} ({other['source_id']}): {_met(meets(actual, other['value']))}"
                for other in others
            )
            notes.append(
                f"{year}: {_fmt(actual)} against the year's plan {_fmt(first['value'])} "
                f"({first['source_id']}): {_met(row['met_plan'])}{also}"
            )
        else:
            row.update(plan=None, plan_source_id="", met_plan=None)
            unjudged.append(year)
    for year in sorted(set(plans) - {row["year"] for row in entry.yearly}):
        if year < as_of_year:
            first = plans[year][0]
            notes.append(
                f"{year}: plan {_fmt(first['value'])} ({first['source_id']}) but no outturn in the data"
            )
    if unjudged:
        notes.append(f"{_years_text(unjudged)}: no sourced plan, not judged against one")
    if plateau_year is None:
        notes.append(
            f"the year the plateau of {_fmt(threshold)} applies is not sourced: no year is judged against it"
        )


def _candidates(target, series, as_of_year, plans, entry, figures, sources) -> list[dict]:
    """The verdict on every sourced figure of the years the verdict rests on: the one used first, then each
    other value (a value equal to one already listed adds nothing)."""
    if not series and not figures:
        return []
    by_year = _by_year([f for f in figures if _in_window(int(f["year"]), target, entry, as_of_year)])
    years = sorted(_decisive_years(target, entry, series, as_of_year) | set(by_year))
    candidates = []
    for year in years:
        if year not in _decisive_years(target, entry, series, as_of_year):
            continue
        listed: list[dict] = []
        seen = set()
        if year in series:
            used = next((f for f in by_year.get(year, []) if f.get("preferred")), None) or {}
            listed.append(
                {
                    "value": series[year],
                    "source_id": used.get("source_id") or sources.get(year, ""),
                    "basis": used.get("basis", ""),
                    "description": used.get("description", ""),
                    "used": True,
                }
            )
            seen.add(round(series[year], 6))
        for other in by_year.get(year, []):
            if round(float(other["value"]), 6) in seen:
                continue
            seen.add(round(float(other["value"]), 6))
            listed.append(
                {
                    **{k: other.get(k, "") for k in ("source_id", "basis", "description")},
                    "value": float(other["value"]),
                    "used": False,
                }
            )
        if len(listed) < 2 and year != entry.actual_year:
            continue
        for one in listed:
            judged = (
                entry if one["used"] else _judge_on(target, {**series, year: one["value"]}, as_of_year, plans)
            )
            candidates.append(
                {
                    "value": one["value"],
                    "year": year,
                    "source_id": one["source_id"],
                    "basis": one["basis"],
                    "description": one["description"],
                    "used": one["used"],
                    "status": judged.status,
                    "attainment_pct": judged.attainment_pct,
                }
            )
    return candidates


def _in_window(year: int, target: dict, entry: LedgerEntry, as_of_year: int) -> bool:
    """Whether a figure's year lies in the years a target is judged on."""
    start = entry.baseline_year if entry.baseline_year is not None else entry.pledge_year
    return min(start, entry.pledge_year) <= year <= as_of_year


def _decisive_years(target: dict, entry: LedgerEntry, series: dict[int, float], as_of_year: int) -> set[int]:
    """The years a verdict rests on: the deadline once passed; while open, the latest year and an actual baseline;
    every year from the pledge for a level with no deadline or a ceiling."""
    if target["deadline_kind"] != "by_year":
        return {year for year in range(entry.pledge_year, as_of_year + 1)}
    deadline = int(target["deadline_year"])
    if deadline < as_of_year:
        return {deadline}
    years = {entry.actual_year} if entry.actual_year is not None else set()
    if entry.baseline_year is not None and not entry.baseline_stated:
        years.add(entry.baseline_year)
    return years


def candidates_text(candidates: list[dict], unit: str = "") -> str:
    """'64.2 (Chinese customs, 2015) gives 64% (missed), 68.03 (implied by ...) gives 68% (missed)'."""
    parts = []
    for c in candidates:
        what = c["description"] or BASIS_WORDS.get(c["basis"], c["basis"]) or c["source_id"]
        share = "no attainment" if c["attainment_pct"] is None else f"{c['attainment_pct']:.0f}%"
        parts.append(
            f"{_fmt(c['value'])} ({what}, {c['year']}) gives {share} ({c['status'].replace('_', ' ')})"
        )
    return ", ".join(parts)


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


def first_reached_range(series: dict[int, float], start: int, first_seen: int) -> list[int] | None:
    """[earliest, latest] when years without data (from `start` on) come just before the first year a level is
    seen: it may have been reached in any of them; None when the year before it has data (or is before start)."""
    earliest = first_seen
    while earliest - 1 >= start and earliest - 1 not in series:
        earliest -= 1
    return [earliest, first_seen] if earliest < first_seen else None


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


def _reached_text(year: int, span: list[int] | None) -> str:
    """'2013', or '2012 or 2013 (2012 has no data)' where years without data precede it."""
    if span is None:
        return str(year)
    earliest, latest = span
    either = f"{earliest} or {latest}" if latest - earliest == 1 else f"between {earliest} and {latest}"
    gap = list(range(earliest, latest))
    return f"{either} ({_years_text(gap)} {'has' if len(gap) == 1 else 'have'} no data)"


def _met(met: bool) -> str:
    """'met' or 'not met'."""
    return "met" if met else "not met"


def _flag(value) -> bool:
    """A boolean cell: True only for true."""
    return False if _missing(value) else bool(value)


def _text(value) -> str:
    """A text cell: empty for a missing one."""
    return "" if _missing(value) else str(value)


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
    "years_late_high",
    "first_reached_range",
    "first_reached_high_range",
    "baseline_stated",
    "baseline_source_id",
    "candidates",
    "robust",
    "commitment",
    "successor_id",
    "p_at_pledge",
    "p_at_pledge_note",
    "status_history",
    "attainment_at_most_pct",
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


def ledger_figures(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every sourced figure of each ledger measure by year, preferred or not: the trade dataset's turnover rows,
    the turnover that each reported change implies where it contradicts the levels (consistency's
    growth_implied_levels), the turnover that the parts' reported changes imply, and the energy deliveries.
    Figures from sources rated low (machine translations, forums, apparent errors) are left out.
    Columns: measure, year, value, source_id, basis, description, preferred."""
    from dashboard.consistency import growth_implied_levels
    from dashboard.pipeline.energy import LEDGER_MEASURES

    sources = frames.get("sources")
    low = (
        set()
        if sources is None
        else set(sources.loc[sources["reliability"] == EXCLUDED_RELIABILITY, "source_id"])
    )
    rows = []
    trade = frames["trade"]
    turnover = trade[(trade["measure"] == TURNOVER) & trade["value_usd_bn"].notna()]
    for row in turnover.itertuples(index=False):
        preferred = bool(row.preferred)
        if row.source_id in low and not preferred:
            continue
        rows.append(
            _figure(TRADE_MEASURE, row.year, row.value_usd_bn, row.source_id, row.reporting_basis, preferred)
        )
    implied = growth_implied_levels(trade)
    implied = implied[~implied["source_id"].isin(low)]
    for row in implied[implied["measure"] == TURNOVER].itertuples(index=False):
        words = f"implied by the {row.from_year} report's growth of {row.reported_change_pct:+.1f}%"
        rows.append(
            _figure(TRADE_MEASURE, row.year, row.value_usd_bn, row.source_id, IMPLIED_BY_GROWTH, False, words)
        )
    parts = implied[implied["preferred"].astype(bool)]
    exports = parts[parts["measure"] == "china_exports_to_russia"].set_index(["year", "from_year"])
    imports = parts[parts["measure"] == "china_imports_from_russia"].set_index(["year", "from_year"])
    for year, from_year in exports.index.intersection(imports.index):
        out, into = exports.loc[(year, from_year)], imports.loc[(year, from_year)]
        words = (
            f"implied by the {from_year} report's export and import growth of "
            f"{out['reported_change_pct']:+.1f}% and {into['reported_change_pct']:+.1f}%"
        )
        rows.append(
            _figure(
                TRADE_MEASURE,
                year,
                out["value_usd_bn"] + into["value_usd_bn"],
                f"{out['source_id']};{into['source_id']}",
                IMPLIED_BY_PARTS,
                False,
                words,
            )
        )
    energy = frames.get("energy")
    publishers = {} if sources is None else dict(zip(sources["source_id"], sources["publisher"]))
    for measure, (commodity, route, unit) in LEDGER_MEASURES.items() if energy is not None else []:
        assert energy is not None  # (no iteration otherwise)
        delivered = energy[
            (energy["commodity"] == commodity)
            & (energy["route"] == route)
            & (energy["unit"] == unit)
            & (energy["measure"] == "deliveries")
            & (energy["kind"] == "actual")
            & energy["year"].notna()
            & energy["value"].notna()
        ]
        for row in delivered.itertuples(index=False):
            preferred = bool(row.preferred) if not _missing(row.preferred) else False
            if row.source_id in low and not preferred:
                continue
            words = publishers.get(row.source_id, "")
            rows.append(_figure(measure, row.year, row.value, row.source_id, "reported", preferred, words))
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def ledger_plans(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The yearly plans of the energy measures: a 'plan' row as stated, or the year's deliveries less what they
    exceeded the obligations or plan by ('700 million cubic meters above contractual obligations'), or divided by
    1 plus the share they exceeded it by ('25% ahead of the contract's figures').
    Columns: measure, year, value, source_id, basis, description, preferred."""
    from dashboard.pipeline.energy import LEDGER_MEASURES

    energy = frames.get("energy")
    rows: list[dict] = []
    if energy is None:
        return pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for measure, (commodity, route, unit) in LEDGER_MEASURES.items():
        route_rows = energy[
            (energy["commodity"] == commodity)
            & (energy["route"] == route)
            & energy["year"].notna()
            & energy["value"].notna()
        ]
        mine = route_rows[route_rows["unit"] == unit]
        in_percent = route_rows[
            (route_rows["unit"] == "percent") & (route_rows["measure"] == "excess_over_obligations")
        ]
        delivered = mine[(mine["measure"] == "deliveries") & (mine["kind"] == "actual")]
        delivered = delivered[delivered["preferred"].fillna(False).astype(bool)]
        by_year = dict(zip(delivered["year"].astype(int), delivered["value"].astype(float)))
        for row in mine.itertuples(index=False):
            preferred = False if _missing(row.preferred) else bool(row.preferred)
            year = int(row.year)
            if row.measure == "plan":
                rows.append(
                    _figure(measure, year, row.value, row.source_id, "plan", preferred, "the year's plan")
                )
            elif row.measure == "excess_over_obligations" and year in by_year:
                plan = round(by_year[year] - float(row.value), 6)
                words = f"{_fmt(by_year[year])} delivered less {_fmt(float(row.value))} above plan"
                rows.append(_figure(measure, year, plan, row.source_id, "plan", preferred, words))
        for row in in_percent.itertuples(index=False):  # '25% ahead of the contract': delivered / 1.25
            year = int(row.year)
            if year in by_year:
                plan = round(by_year[year] / (1 + float(row.value) / 100), 6)
                words = f"{_fmt(by_year[year])} delivered, {_fmt(float(row.value))}% above plan"
                preferred = False if _missing(row.preferred) else bool(row.preferred)
                rows.append(_figure(measure, year, plan, row.source_id, "plan", preferred, words))
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


FIGURE_COLUMNS = ["measure", "year", "value", "source_id", "basis", "description", "preferred"]


def _figure(measure, year, value, source_id, basis, preferred, description=None) -> dict:
    """One row of ledger_figures / ledger_plans."""
    return {
        "measure": measure,
        "year": int(year),
        "value": float(value),
        "source_id": source_id,
        "basis": basis,
        "description": description if description is not None else BASIS_WORDS.get(basis, basis),
        "preferred": preferred,
    }
