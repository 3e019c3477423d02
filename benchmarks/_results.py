"""The common shape of every benchmark's figures: one entry per figure, each against a reference of the same run.

A script builds its entries with `entry(...)`, prints its own table, and with `--json PATH` writes them there;
`run_all.py` collects them into benchmarks/results.json."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
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


class StepFailed(RuntimeError):
    """A benchmark step that could not be measured: which step, on which page (if any), and why, in one line."""

    def __init__(self, step: str, reason: str, page: str | None = None):
        super().__init__(f"{step}{f' (page {page})' if page else ''}: {reason}")
        self.step, self.reason, self.page = step, reason, page

    def as_dict(self) -> dict:
        """Plain data for the --json file, which run_all.py reads."""
        return {"step": self.step, "page": self.page, "reason": self.reason}


def run_main(main: Callable[[], int]) -> int:
    """Run a script's main; a failure becomes one line on stderr, a {"failure": ...} --json file, and exit 2.

    A StepFailed is an expected kind of failure (a server that never answered, a page that never drew): no
    traceback. Anything else is a bug in the script: its traceback is printed too.
    """
    try:
        return main()
    except StepFailed as failure:
        _report_failure(failure.as_dict())
    except Exception as error:  # noqa: BLE001 - the report must name any failure, then the script stops
        traceback.print_exc()
        _report_failure({"step": "the script", "page": None, "reason": f"{type(error).__name__}: {error}"})
    return 2


def _report_failure(failure: dict) -> None:
    """Print the failure in one line and write it where --json points."""
    page = f" (page {failure['page']})" if failure["page"] else ""
    print(f"FAILED: {failure['step']}{page}: {failure['reason']}", file=sys.stderr, flush=True)
    parser = argparse.ArgumentParser(add_help=False)
    add_json_option(parser)
    path = parser.parse_known_args()[0].json
    if path is not None:
        path.write_text(json.dumps({"failure": failure}, indent=2), encoding="utf-8")


def _round(value: float | None) -> float | None:
    """Four significant digits are plenty for timings and sizes."""
    return None if value is None else float(f"{value:.4g}")
