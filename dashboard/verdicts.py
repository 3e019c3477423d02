"""The ledger's answer in words: one sentence for all targets, and the order a verdict board lists them in."""

from __future__ import annotations

from collections import Counter

import pandas as pd

PASSED = ("met", "missed")
OPEN = ("on_track", "acceleration_needed", "limited_progress", "deterioration")
NO_DEADLINE = ("reached", "not_yet_reached")
NO_DATA = "no_observation"
OPEN_WORDS = {
    "on_track": "on track",
    "acceleration_needed": "needing faster growth",
    "limited_progress": "making limited progress",
    "deterioration": "moving away",
}


def verdict_line(ledger: pd.DataFrame) -> str:
    """'Of 12 stated targets, 3 were met and 4 missed; 2 with no deadline are not yet reached; 3 cannot be judged
    for lack of data.' Every target is counted once; a clause appears only when some target falls in it."""
    counts = Counter(ledger["status"])
    clauses = [f"Of {_count(len(ledger), 'stated target')}, {_passed(counts)}"]
    open_ = {status: counts[status] for status in OPEN if counts[status]}
    if open_:
        total = sum(open_.values())
        detail = ", ".join(f"{n} {OPEN_WORDS[status]}" for status, n in open_.items())
        clauses.append(f"{_count(total, 'target')} still open ({detail})")
    no_deadline = {status: counts[status] for status in NO_DEADLINE if counts[status]}
    if no_deadline:
        clauses.append(_no_deadline(no_deadline))
    if counts[NO_DATA]:
        clauses.append(f"{counts[NO_DATA]} cannot be judged for lack of data")
    sentence = "; ".join(clauses) + "."
    fragile = int((~ledger["robust"].astype(bool)).sum()) if "robust" in ledger else 0
    if fragile:
        sentence += (
            f" {_count(fragile, 'verdict')} {'depends' if fragile == 1 else 'depend'} on which sourced figure "
            "is used."
        )
    return sentence


def board_order(ledger: pd.DataFrame) -> pd.DataFrame:
    """Targets by deadline (earliest first), then those without a year (annual rates, standing ceilings) by
    pledge year."""
    deadline = pd.to_numeric(ledger["deadline"], errors="coerce")
    ordered = ledger.assign(_dated=deadline.notna(), _deadline=deadline.fillna(9999))
    ordered = ordered.sort_values(["_dated", "_deadline", "pledge_year"], ascending=[False, True, True])
    return ordered.drop(columns=["_dated", "_deadline"]).reset_index(drop=True)


def _passed(counts: Counter) -> str:
    """'3 were met and 4 missed' (the deadlines that have passed), or that none has passed."""
    met, missed = counts["met"], counts["missed"]
    if not met and not missed:
        return "none has a deadline that has passed"
    return f"{met} {'was' if met == 1 else 'were'} met and {missed} missed"


def _no_deadline(counts: dict[str, int]) -> str:
    """'2 with no deadline are not yet reached', '1 with no deadline has been reached and 1 not yet'."""
    reached, waiting = counts.get("reached", 0), counts.get("not_yet_reached", 0)
    total = reached + waiting
    if not reached:
        return f"{total} with no deadline {'is' if total == 1 else 'are'} not yet reached"
    if not waiting:
        return f"{total} with no deadline {'has' if total == 1 else 'have'} been reached"
    return f"{total} with no deadline: {reached} reached, {waiting} not yet"


def _count(n: int, noun: str) -> str:
    """'1 target', '12 targets'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
