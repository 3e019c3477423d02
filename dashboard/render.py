"""Terminal output of the CLI: rich tables for validation reports, warnings and the ledger."""

from __future__ import annotations

import os
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from dashboard.formatting import attainment, years_late_short
from dashboard.formatting import number as _num

MIN_PIPE_WIDTH = 140
STATUS_STYLE = {
    "met": "green",
    "on_track": "green",
    "missed": "red",
    "deterioration": "red",
    "acceleration_needed": "yellow",
    "limited_progress": "yellow",
    "reached": "green",
    "not_yet_reached": "yellow",
    "no_observation": "dim",
}


def validation_tables(console: Console, reports, warnings) -> None:
    """A summary row per dataset, every failure with file, line, column, check and value, then the warnings."""
    summary = Table(title="Datasets")
    for column in ("dataset", "version", "rows", "sha256", "result"):
        summary.add_column(column)
    for report in reports:
        result = "[green]valid[/]" if report.ok else f"[red]{len(report.failures)} failure(s)[/]"
        summary.add_row(report.dataset, report.version, str(report.rows), report.sha256[:12], result)
    console.print(summary)
    failures = [failure for report in reports for failure in report.failures]
    if failures:
        table = Table(title="Failures")
        for column in ("file", "line", "column", "check", "value"):
            table.add_column(column, overflow="fold")
        for failure in failures:
            table.add_row(
                failure.file, _text(failure.line), _text(failure.column), failure.check, failure.value
            )
        console.print(table)
    warnings_table(console, warnings)


def warnings_table(console: Console, warnings) -> None:
    """Consistency warnings: where sources disagree (they do not fail validation)."""
    if not warnings:
        console.print("No consistency warnings.")
        return
    table = Table(title=f"Consistency warnings ({len(warnings)}): sources that disagree")
    for column in ("dataset", "line", "kind", "message"):
        table.add_column(column, overflow="fold")
    for warning in warnings:
        table.add_row(warning.dataset, _text(warning.line), warning.kind, warning.message)
    console.print(table)


def ledger_table(console: Console, records: list[dict], versions: Mapping[str, str | None]) -> None:
    """The target ledger, one row per target, status coloured; notes below the table."""
    table = Table(title=f"Target ledger (trade {versions.get('trade')}, targets {versions.get('targets')})")
    for header in (
        "target",
        "deadline",
        "goal",
        "baseline",
        "actual",
        "attained",
        "first reached",
        "growth req. / act.",
        "status",
    ):
        table.add_column(header, overflow="fold")
    for r in records:
        goal = (
            _num(r["target_value"])
            if r["target_value"] is not None
            else f"{_num(r['target_low'])}-{_num(r['target_high'])}"
        )
        late = "" if r["years_late"] is None else f" ({years_late_short(r['years_late'])})"
        growth = (
            ""
            if r["required_cagr_pct"] is None
            else f"{_num(r['required_cagr_pct'], 1)}% / "
            + (f"{_num(r['actual_cagr_pct'], 1)}%" if r["actual_cagr_pct"] is not None else "n/a")
        )
        style = STATUS_STYLE.get(r["status"], "")
        table.add_row(
            r["title"],
            _text(r["deadline"]),
            f"{goal} {r['unit']}",
            _num(r["baseline_value"]),
            _num(r["actual_at_deadline"]),
            attainment(r, 1, missing=""),
            _text(r["first_reached_year"]) + late,
            growth,
            f"[{style}]{r['status']}[/]",
        )
    console.print(table)
    for r in records:
        if r["notes"]:
            console.print(f"[bold]{r['target_id']}[/]: {r['notes']}")


def console() -> Console:
    """A console for the CLI: the terminal's width (or $COLUMNS), else a wide page for files and pipes."""
    plain = Console()
    return plain if plain.is_terminal or "COLUMNS" in os.environ else Console(width=MIN_PIPE_WIDTH)


def _text(value) -> str:
    """Any cell value as text; blank when missing."""
    return "" if value is None else str(value)
