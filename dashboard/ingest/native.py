"""A file in a dataset's own CSV columns: bytes, header, rows and cells checked, then the dataset's schema."""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.catalog import DatasetVersion, Table, read_csv_table
from dashboard.datapackage import main_resource
from dashboard.ingest.bytescan import ByteScanner, field_count_message
from dashboard.ingest.cells import formula_problem, integer_problem, number_problem
from dashboard.ingest.header import NATIVE, column_failures, read_header
from dashboard.ingest.source import InputError, InputFile, refuse
from dashboard.validation import Failure, ValidationReport, unresolved_source_ids, validate_table

BOOLEAN_CELLS = ("true", "false")
UNIQUENESS_CHECK = "multiple_fields_uniqueness"


@dataclass
class NativeFile:
    """A valid file: its validation report (with the typed frame), table, normalised bytes and warnings."""

    report: ValidationReport
    table: Table
    data: bytes  # UTF-8 without BOM, LF line ends: as a dataset version stores it
    sha256: str  # of the file as given
    warnings: list[str] = field(default_factory=list)


def read_dataset_file(
    file: InputFile, template: DatasetVersion, known_sources: set[str] | None = None
) -> NativeFile:
    """Check a file against the columns and schema of `template`'s dataset; raise InputError listing failures.

    With `known_sources`, every source id must also resolve in it (as `bilateral validate` requires)."""
    data = file.read_bytes()
    if not data:
        raise refuse(file.name, "empty file", "the file is empty (0 bytes)")
    scanner = ByteScanner(file.name)
    body = scanner.feed(data)
    scanner.finish()
    header = read_header(file.name, body, NATIVE)
    expected = [f["name"] for f in template.fields]
    failures = column_failures(file.name, header.raw, expected)
    if failures:
        raise InputError(file.name, failures, template.name)
    text = body.decode("utf-8")
    warnings = ["UTF-8 byte-order mark removed"] if scanner.bom else []
    failures, rows = _row_failures(file.name, text, header.raw, template.fields)
    if not rows:
        raise refuse(file.name, "data rows", "the file has a header but no data rows")
    if failures:
        raise InputError(file.name, failures, template.name, rows)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        warnings.append("Windows line ends (CRLF) converted to LF")
    normalised = text.encode("utf-8")
    table = read_csv_table(_input_version(template, file.name, scanner.sha256), normalised)
    report = validate_table(table)
    report.failures = [_explained(f, table) for f in report.failures]
    if known_sources is not None:
        report.failures += unresolved_source_ids(table, known_sources)
    if not report.ok:
        raise InputError(file.name, report.failures, template.name, rows)
    return NativeFile(report, table, normalised, scanner.sha256, warnings)


def _row_failures(file: str, text: str, header: list[str], fields: list[dict]) -> tuple[list[Failure], int]:
    """Field counts, a repeated header, formulas and malformed numbers or booleans, row by row."""
    kinds = {f["name"]: f["type"] for f in fields}
    failures, rows = [], 0
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 1
    try:
        next(reader)
        previous_end = reader.line_num
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not record:
                continue
            rows += 1
            if record == header:
                failures.append(
                    Failure(
                        file,
                        line,
                        None,
                        "header repeated",
                        "the header line appears again (two files pasted together?)",
                    )
                )
            elif len(record) != len(header):
                failures.append(
                    Failure(file, line, None, "field count", field_count_message(len(record), len(header)))
                )
            else:
                failures += _cell_failures(file, line, zip(header, record), kinds)
    except csv.Error as error:
        message = str(error)
        if "unexpected end of data" in message:
            message = "a quoted field starts on this line and its closing quote never comes"
        failures.append(Failure(file, previous_end + 1, None, "CSV syntax", message))
    return failures, rows


def _cell_failures(file: str, line: int, cells, kinds: dict[str, str]) -> list[Failure]:
    """Problems of one row's cells, by the column's type."""
    failures = []
    for column, cell in cells:
        if not cell:
            continue
        kind = kinds.get(column)
        if kind in ("number", "integer"):
            formula = formula_problem(cell)
            problem = (
                ("formula", formula)
                if formula
                else (number_problem(cell) if kind == "number" else integer_problem(cell))
            )
        elif kind == "boolean":
            problem = None if cell in BOOLEAN_CELLS else ("boolean", f"'{cell}' is not true or false")
        else:
            formula = formula_problem(cell) if cell.startswith("=") else None
            problem = ("formula", formula) if formula else None
        if problem:
            failures.append(Failure(file, line, column, *problem))
    return failures


def _explained(failure: Failure, table: Table) -> Failure:
    """A duplicate-key failure that names the key and its values instead of pandera's check name."""
    if failure.check != UNIQUENESS_CHECK or failure.line not in table.line_numbers:
        return failure
    key = table.version.resource["schema"].get("primaryKey", [])
    frame = table.frame[key].astype(str)
    row = frame.iloc[table.line_numbers.index(failure.line)]
    same = [line for line, match in zip(table.line_numbers, (frame == row).all(axis=1)) if match]
    values = ", ".join(f"{k}={row[k]}" for k in key)
    return Failure(
        failure.file,
        failure.line,
        ", ".join(key),
        "duplicate key",
        f"{values} is the key of lines {', '.join(map(str, same))}",
    )


def _input_version(template: DatasetVersion, file_name: str, sha256: str) -> DatasetVersion:
    """A stand-in version for the user's file, so reports name the file as the user gave it."""
    descriptor = copy.deepcopy(template.descriptor)
    resource = main_resource(descriptor)
    resource.update(path=Path(file_name).name, hash=f"sha256:{sha256}")
    return DatasetVersion(template.name, "input", Path(file_name).parent, descriptor)
