"""Turns schema and cross-dataset failures into one report per file: line, column, check and offending value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard.catalog import Table
from dashboard.schemas import schema_for, verdict_schema_for

SOURCE_ID_SEPARATOR = ";"


@dataclass(frozen=True)
class Failure:
    """One failed check: where (file, CSV line, column) and what (check, offending value)."""

    file: str
    line: int | None
    column: str | None
    check: str
    value: str

    def as_dict(self) -> dict:
        """Plain-data form for JSON output."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "check": self.check,
            "value": self.value,
        }


@dataclass
class ValidationReport:
    """Every failure found in one dataset version (empty when valid) and the validated frame if any."""

    dataset: str
    version: str
    file: str
    rows: int
    failures: list[Failure] = field(default_factory=list)
    sha256: str = ""
    frame: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


def validate_table(table: Table, integrity_problems: Sequence[str] = ()) -> ValidationReport:
    """Check a table against its dataset's schema, lazily, so one report lists every failure.

    A typed table that passes is done with: no line number is ever computed. One that fails is checked again
    from its text cells, so every failure is located and reported exactly as the file spells it.
    """
    if table.typed:
        report = _validate(table, integrity_problems, locate=False)
        return report if report.ok else _validate(table.as_text(), integrity_problems)
    return _validate(table, integrity_problems)


def _validate(table: Table, integrity_problems: Sequence[str], locate: bool = True) -> ValidationReport:
    """The schema's verdict on one table; failures located only when `locate` (else only counted)."""
    dataset = table.version
    report = ValidationReport(
        dataset.name, dataset.version, str(dataset.csv_path), len(table.frame), sha256=dataset.expected_sha256
    )
    report.failures += [
        Failure(report.file, None, None, "integrity", problem) for problem in integrity_problems
    ]
    import pandera.pandas as pa  # here, not above: what imports this module for Failure needs no pandera

    try:
        # a typed frame is ours alone (read for this check): coerced in place, not copied
        schema = schema_for(dataset.name) if locate else verdict_schema_for(dataset.name)
        report.frame = schema.validate(table.frame, lazy=True, inplace=table.typed)
    except pa.errors.SchemaErrors as errors:
        if not locate:
            report.failures.append(Failure(report.file, None, None, "schema", "see the text reading"))
            return report
        report.failures += _schema_failures(errors.failure_cases, report.file, table.line_numbers)
    report.failures.sort(key=lambda f: (f.line or 0, f.column or "", f.check))
    return report


def _schema_failures(cases: pd.DataFrame, file: str, line_numbers: list[int]) -> list[Failure]:
    """One Failure per failing cell; a row-level check gives one Failure per row, not one per column."""
    failures, seen_row_checks = [], set()
    for case in cases.itertuples(index=False):
        line = _line_of(case.index, line_numbers)
        column = None if pd.isna(case.column) else str(case.column)
        check, value = str(case.check), _cell_text(case.failure_case)
        if case.schema_context == "DataFrameSchema" and column is not None and line is not None:
            if (line, check) in seen_row_checks:
                continue
            seen_row_checks.add((line, check))
            column, value = None, ""  # a row check: the whole row is the offending value
        failures.append(Failure(file, line, column, check, value))
    return failures


def _line_of(index, line_numbers: list[int]) -> int | None:
    """CSV line of a frame row index (header is line 1); None when pandera gives no row."""
    if index is None or pd.isna(index):
        return None
    position = int(index)
    return line_numbers[position] if 0 <= position < len(line_numbers) else position + 2


def _cell_text(value) -> str:
    """Printable form of an offending value."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def unresolved_source_ids(table: Table, known_ids: set[str]) -> list[Failure]:
    """Failures for every source id (in `source_id` or `source_ids`) that the sources dataset lacks.

    Vectorised: cells split on the separator, ids stripped; line numbers are read only for the ids that fail.
    """
    failures = []
    frame, file = table.frame, str(table.version.csv_path)
    for column in ("source_id", "source_ids"):
        if column not in frame:
            continue
        cells = frame[column].reset_index(drop=True)
        cells = cells[cells.map(type) == str] if cells.dtype == object else cells.dropna()
        ids = cells.astype(str).str.split(SOURCE_ID_SEPARATOR).explode().str.strip()
        unknown = ids[(ids != "") & ~ids.isin(known_ids)]
        for position, source in zip(unknown.index, unknown):
            line = table.line_numbers[int(position)]
            failures.append(Failure(file, line, column, "source id resolves in sources", str(source)))
    return failures
