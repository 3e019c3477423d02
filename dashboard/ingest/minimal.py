"""The minimal CSV people actually have: a year column and one value column, read into trade-shaped rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.ingest.bytescan import ByteScanner, field_count_message
from dashboard.ingest.cells import DECIMAL_COMMA, THOUSANDS, formula_problem, integer_problem, number_problem
from dashboard.ingest.source import InputError, InputFile, refuse
from dashboard.schemas.terms import EXPORTS, IMPORTS, TURNOVER, YEAR_MAX, YEAR_MIN
from dashboard.validation import Failure

YEAR_NAMES = ("year", "yr")
VALUE_COLUMNS = {  # normalised header name -> measure; the unit is US$ bn
    "turnover_usd_bn": TURNOVER,
    "trade_usd_bn": TURNOVER,
    "exports_usd_bn": EXPORTS,
    "china_exports_to_russia_usd_bn": EXPORTS,
    "imports_usd_bn": IMPORTS,
    "china_imports_from_russia_usd_bn": IMPORTS,
}
GENERIC_VALUE = "value"
MEASURE_CHOICES = {"turnover": TURNOVER, "exports": EXPORTS, "imports": IMPORTS}
UNIT_CHOICES = {"usd_bn": 1.0, "usd_mn": 1e-3, "usd": 1e-9}  # factor to US$ bn
MAX_COLUMNS = 3  # `auto` reads a header of at most this many columns as a minimal file
SOURCE_ID = "input-minimal"
SUFFIX = re.compile(
    r"^\s*(?P<pre>us\$|\$|usd)?\s*(?P<number>[\d.,'\u00a0 ]+?)\s*"
    r"(?P<post>bn|billions?|bln|b|mn|millions?|m|usd|us\$|\$|млрд\.?|亿)?\s*$",
    re.IGNORECASE,
)
TEMPLATE = """year,turnover_usd_bn
2020,107.76
2021,146.887
2022,190.271
2023,240.11
"""
SHAPE = (
    "a minimal CSV has a year column and one value column: turnover_usd_bn, exports_usd_bn (China's exports "
    "to Russia), imports_usd_bn (China's imports from Russia), or value with --measure and --unit"
)


@dataclass(frozen=True)
class MinimalFile:
    """A valid minimal file: its trade rows, each row's CSV line, what the value column meant, and warnings."""

    trade: pd.DataFrame
    line_numbers: list[int]
    rows: int
    sha256: str
    column: str
    measure: str
    unit: str
    warnings: list[str]


def normalised(name: str) -> str:
    """A header name as compared: ' Turnover USD bn ' -> 'turnover_usd_bn', 'Trade (US$ bn)' -> 'trade_usd_bn'."""
    text = name.strip().lower().replace("us$", "usd").replace("$", "usd")
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def looks_minimal(names: list[str]) -> bool:
    """Whether `auto` should read a header as a minimal file: a few columns (a native file has 13)."""
    return 0 < len(names) <= MAX_COLUMNS


def read_minimal(
    file: InputFile, names: list[str], measure: str | None = None, unit: str | None = None
) -> MinimalFile:
    """Check every line of a minimal file and return its figures as trade rows; raise InputError listing failures."""
    scanner = ByteScanner(file.name)
    body = scanner.feed(file.read_bytes())
    scanner.finish()
    year_index, value_index, measure, unit = _columns(file.name, names, measure, unit)
    text = body.decode("utf-8")
    failures, records, rows = _rows(file.name, text, names, year_index, value_index)
    if not rows:
        raise refuse(file.name, "data rows", "the file has a header but no data rows")
    if failures:
        raise InputError(file.name, failures, rows=rows)
    factor = UNIT_CHOICES[unit]
    trade = _trade_frame(file.name, [(year, value * factor) for _, year, value in records], measure)
    warnings = ["UTF-8 byte-order mark removed"] if scanner.bom else []
    if "\r" in text:
        warnings.append("Windows line ends (CRLF) read as LF")
    return MinimalFile(
        trade,
        [line for line, _, _ in sorted(records, key=lambda r: r[1])],
        rows,
        scanner.sha256,
        names[value_index].strip(),
        measure,
        unit,
        warnings,
    )


def _columns(file: str, names: list[str], measure: str | None, unit: str | None) -> tuple[int, int, str, str]:
    """Which column is the year and which the value, with the value's measure and unit; else InputError."""
    keys = [normalised(n) for n in names]
    years = [i for i, k in enumerate(keys) if k in YEAR_NAMES]
    others = [i for i, k in enumerate(keys) if k not in YEAR_NAMES]
    if not years:
        raise refuse(file, "missing column", f"no year column (a column named year): {SHAPE}", 1)
    if len(others) != 1:
        extra = ", ".join(f"'{names[i].strip()}'" for i in others) or "none"
        raise refuse(
            file,
            "value column",
            f"{len(others)} value columns ({extra}) where one is expected: {SHAPE}; "
            "put each measure in a file of its own",
            1,
            names[others[1]].strip() if len(others) > 1 else None,
        )
    index, key, raw = others[0], keys[others[0]], names[others[0]].strip()
    if key == GENERIC_VALUE:
        if not measure or not unit:
            raise refuse(
                file,
                "value column",
                "a column named 'value' needs --measure (turnover, exports or imports) and --unit "
                f"({', '.join(UNIT_CHOICES)}); or rename it turnover_usd_bn, exports_usd_bn or imports_usd_bn",
                1,
                raw,
            )
        return years[0], index, MEASURE_CHOICES[measure], unit
    if key in VALUE_COLUMNS:
        if measure or unit:
            raise refuse(
                file,
                "value column",
                f"--measure and --unit apply to a column named 'value'; '{raw}' already says its measure and "
                "unit: leave them out",
                1,
                raw,
            )
        return years[0], index, VALUE_COLUMNS[key], "usd_bn"
    raise refuse(
        file,
        "value column",
        f"'{raw}' is not a value column this tool knows: {SHAPE} (names are matched ignoring case and spaces; "
        "'bilateral check --template' prints an example)",
        1,
        raw,
    )


def _rows(
    file: str, text: str, names: list[str], year_index: int, value_index: int
) -> tuple[list[Failure], list[tuple[int, int, float]], int]:
    """Failures and (line, year, value) of every data line; also the number of data lines."""
    failures: list[Failure] = []
    records: list[tuple[int, int, float]] = []
    seen: dict[int, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    year_name, value_name = names[year_index].strip(), names[value_index].strip()
    rows, previous_end = 0, 1
    try:
        next(reader)
        previous_end = reader.line_num
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not record or not any(cell.strip() for cell in record):
                continue
            rows += 1
            if len(record) != len(names):
                failures.append(_count_failure(file, line, record, names, value_index))
                continue
            year = _year(file, line, year_name, record[year_index], failures)
            value = _value(file, line, value_name, record[value_index], failures)
            if year is None or value is None:
                continue
            if year in seen:
                failures.append(
                    Failure(file, line, year_name, "duplicate year", f"{year} is also on line {seen[year]}")
                )
                continue
            seen[year] = line
            records.append((line, year, value))
    except csv.Error as error:
        failures.append(Failure(file, previous_end + 1, None, "CSV syntax", str(error)))
    return failures, records, rows


def _count_failure(file: str, line: int, record: list[str], names: list[str], value_index: int) -> Failure:
    """A row with too many fields: a thousands separator or decimal comma in the value when that explains it."""
    tail = ",".join(record[value_index:]).strip()
    column = names[value_index].strip()
    if len(record) > len(names) and value_index == len(names) - 1:
        split = f"has a comma inside the number, which splits the line into {len(record)} fields"
        if THOUSANDS.match(tail):
            hint = (
                f" (or {tail.replace(',', '.')} if the comma is a decimal comma)"
                if tail.count(",") == 1
                else ""
            )
            return Failure(
                file,
                line,
                column,
                "thousands separator",
                f"'{tail}' {split}: write {tail.replace(',', '')}{hint}",
            )
        if DECIMAL_COMMA.match(tail):
            return Failure(
                file, line, column, "decimal point", f"'{tail}' {split}: write {tail.replace(',', '.')}"
            )
    return Failure(file, line, None, "field count", field_count_message(len(record), len(names)))


def _year(file: str, line: int, column: str, cell: str, failures: list[Failure]) -> int | None:
    """The year of a line, or None with a failure."""
    text = cell.strip()
    problem = (
        ("missing value", "no year: fill it in or delete the line") if not text else integer_problem(text)
    )
    if problem is None and not YEAR_MIN <= int(float(text)) <= YEAR_MAX:
        problem = ("year", f"'{text}' is not a year between {YEAR_MIN} and {YEAR_MAX}")
    if problem:
        failures.append(Failure(file, line, column, *problem))
        return None
    return int(float(text))


def _value(file: str, line: int, column: str, cell: str, failures: list[Failure]) -> float | None:
    """The value of a line, or None with a failure saying what to write instead."""
    text = cell.strip()
    problem: tuple[str, str] | None
    if not text:
        problem = ("missing value", "no value: fill it in or delete the line")
    elif formula_problem(text):
        problem = ("formula", formula_problem(text) or "")
    else:
        problem = _suffix_problem(text, column) or number_problem(text, allow_negative=False)
    if problem:
        failures.append(Failure(file, line, column, *problem))
        return None
    return float(text)


def _suffix_problem(text: str, column: str) -> tuple[str, str] | None:
    """A value written with its unit or currency ('107 bn', '$107', '107 billion'): say to write the number only."""
    match = SUFFIX.match(text)
    if not match or not (match["pre"] or match["post"]):
        return None
    number = match["number"].strip()
    unit = "the column's unit" if normalised(column) == GENERIC_VALUE else "US$ bn, as its name says"
    return (
        "unit in value",
        f"'{text}' carries a unit or currency: write the number alone ({number}); "
        + f"the column '{column}' is in {unit}",
    )


def _trade_frame(file: str, values: list[tuple[int, float]], measure: str) -> pd.DataFrame:
    """Trade-dataset rows for the file's figures, each preferred (they are the user's series)."""
    rows = [
        {
            "year": year,
            "measure": measure,
            "value_usd_bn": value,
            "value_low_usd_bn": None,
            "value_high_usd_bn": None,
            "yoy_change_pct": None,
            "reporting_basis": "unspecified",
            "basis_as_reported": f"your file {file}",
            "partner": "russia",
            "preferred": True,
            "preferred_reason": "your figure",
            "source_id": SOURCE_ID,
            "note": None,
        }
        for year, value in sorted(values)
    ]
    from dashboard.schemas.trade import TradeSchema  # pandera when a file is read, not when the template is

    frame = pd.DataFrame(rows, columns=list(TradeSchema.to_schema().columns))
    return TradeSchema.validate(frame)
