"""Shared terminal output of the check and datasets commands: exit codes, failure reports, JSON, warnings."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dashboard.commands.base import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from dashboard.errors import InvalidData

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "invalid", "print_json", "usage_error"]


def print_json(payload) -> None:
    """JSON on stdout, as every --json option prints it."""
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def usage_error(command: str, message: str) -> int:
    """A usage error on stderr, in argparse's words; exit code 2."""
    print(f"bilateral {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def invalid(console: Console, error: InvalidData, as_json: bool, file: str | None = None) -> int:
    """The report of a refused file or version (every failure with file, line, column), exit code 1."""
    failures = [failure for report in error.reports for failure in report.failures]
    if as_json:
        print_json(
            {
                "input": {"file": file, "valid": False},
                "valid": False,
                "failures": [failure.as_dict() for failure in failures],
            }
        )
    else:
        failures_table(console, failures, f"Invalid: {len(failures)} failure(s)")
    print(f"error: {error}", file=sys.stderr)
    return EXIT_INVALID


def failures_table(console: Console, failures, title: str) -> None:
    """Failures as a table: file, line, column, check, value."""
    table = Table(title=title)
    for column in ("file", "line", "column", "check", "value"):
        table.add_column(column, overflow="fold")
    for failure in failures:
        table.add_row(
            escape(failure.file),
            _text(failure.line),
            escape(_text(failure.column)),
            escape(failure.check),
            escape(failure.value),
        )
    console.print(table)


def warnings_table(console: Console, warnings, title: str = "Warnings") -> None:
    """Warnings about the input (never fatal): line, kind, message."""
    if not warnings:
        console.print("No warnings.")
        return
    table = Table(title=f"{title} ({len(warnings)})")
    for column in ("line", "kind", "message"):
        table.add_column(column, overflow="fold")
    for warning in warnings:
        table.add_row(_text(warning.line), warning.kind, escape(warning.message))
    console.print(table)


def _text(value) -> str:
    """A cell as text; blank when missing."""
    return "" if value is None else str(value)
