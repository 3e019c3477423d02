"""The common shape of every benchmark's figures: one entry per figure, each against a reference of the same run.

A script builds its entries with `entry(...)`, prints its own table, and with `--json PATH` writes them there;
`run_all.py` collects them into benchmarks/results.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def entry(
    benchmark: str,
    name: str,
    value: float,
    unit: str,
    reference: str | None = None,
    reference_value: float | None = None,
    goal_max: float | None = None,
    ratio_goal_max: float | None = None,
    detail: bool = False,
    note: str | None = None,
) -> dict:
    """One figure against its reference: value, unit, ratio, and a verdict where a goal exists (lower is better)."""
    # goal_max bounds the value, ratio_goal_max the ratio; `detail` entries stay out of run_all's summary table.
    ratio = value / reference_value if reference_value else None
    goals, verdict = [], None
    if goal_max is not None:
        goals.append(f"<= {goal_max:g} {unit}")
        verdict = value <= goal_max
    if ratio_goal_max is not None and ratio is not None:
        goals.append(f"ratio <= {ratio_goal_max:g}")
        verdict = (verdict is not False) and ratio <= ratio_goal_max
    return {
        "benchmark": benchmark,
        "name": name,
        "value": _round(value),
        "unit": unit,
        "reference": reference,
        "reference_value": _round(reference_value),
        "ratio": _round(ratio),
        "goal": " and ".join(goals) or None,
        "verdict": None if verdict is None else ("PASS" if verdict else "FAIL"),
        "detail": detail,
        "note": note,
    }


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """--json PATH: where to write the entries (run_all.py passes it)."""
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="write this benchmark's entries as JSON here"
    )


def write(entries: list[dict], path: Path | None) -> None:
    """Write the entries when a path was given."""
    if path is not None:
        path.write_text(json.dumps(entries, indent=2), encoding="utf-8")


def _round(value: float | None) -> float | None:
    """Four significant digits are plenty for timings and sizes."""
    return None if value is None else float(f"{value:.4g}")
