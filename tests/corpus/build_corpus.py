"""Writes the malformed-file corpus and expected.json: python tests/corpus/build_corpus.py (small, synthetic files)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.check.synthetic import LEGACY_HEADER, PLUS_HEADER, legacy_row, plus_row, trade_lines

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"


def text(lines: list[str]) -> bytes:
    """Lines as a UTF-8 file with LF line ends."""
    return ("\n".join(lines) + "\n").encode("utf-8")


def replaced(line_number: int, old: str, new: str, count: int = 8) -> bytes:
    """The bundled trade rows with one substitution on one line (header = line 1)."""
    lines = trade_lines(count)
    assert old in lines[line_number - 1], (line_number, old)
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    return text(lines)


def corpus() -> list[tuple[str, bytes, dict]]:
    """(file name, bytes, expected failure: line, column, check, fragments of the message)."""
    t = trade_lines(8)
    header = t[0]
    long_note = t[2].replace("58.6 yi USD = 5.86 bn", "x" * 100_000)
    months = [plus_row(156, 643, "X", 2025, m, value=9e9) for m in range(1, 10)]
    return [
        ("empty.csv", b"", {"check": "empty file", "fragments": ["empty (0 bytes)"]}),
        ("blank_lines_only.csv", b"\n\n  \n", {"check": "header", "fragments": ["only blank lines"]}),
        ("header_only.csv", text([header]), {"check": "data rows", "fragments": ["header but no data rows"]}),
        (
            "wrong_delimiter.csv",
            text([line.replace(",", ";") for line in t[:1]] + [t[1].replace(",", ";")]),
            {"line": 1, "check": "delimiter", "fragments": ["separated by semicolons", "comma-separated"]},
        ),
        (
            "bom_utf16.csv",
            "\n".join(t).encode("utf-16"),
            {"check": "file type", "fragments": ["UTF-16", "CSV UTF-8"]},
        ),
        (
            "latin1.csv",
            replaced(3, "58.6 yi USD", "58.6 yi USD (é)").replace("é".encode(), b"\xe9"),
            {"line": 3, "column": "note", "check": "encoding", "fragments": ["0xE9", "not UTF-8", "'é'"]},
        ),
        (
            "nul_byte.csv",
            replaced(4, "Spanish machine", "Spanish\x00machine"),
            {"line": 4, "column": "note", "check": "NUL byte", "fragments": ["NUL (0x00)"]},
        ),
        ("binary.csv", bytes(range(256)) * 8, {"check": "file type", "fragments": ["binary data"]}),
        (
            "gzip.csv.gz",
            gzip.compress(text(t), mtime=0),
            {"check": "file type", "fragments": ["gzip", "gunzip"]},
        ),
        (
            "excel.xlsx",
            b"PK\x03\x04" + bytes(60),
            {"check": "file type", "fragments": ["xlsx", "export the sheet"]},
        ),
        (
            "very_long_line.csv",
            text(t[:2] + [long_note] + t[3:]),
            {"line": 3, "check": "line length", "fragments": ["more than 65,536 bytes"]},
        ),
        (
            "ragged_row.csv",
            replaced(5, ",,,", ",,", 8),
            {"line": 5, "check": "field count", "fragments": ["12 fields", "header has 13", "ragged"]},
        ),
        (
            "extra_field.csv",
            replaced(2, "3.9,", "3,9,", 8),
            {"line": 2, "check": "field count", "fragments": ["14 fields", "too many", "shift the columns"]},
        ),
        (
            "duplicated_header.csv",
            text([header.replace("note", "year")] + t[1:]),
            {
                "line": 1,
                "column": "year",
                "check": "duplicate column",
                "fragments": ["'year' heads 2 columns"],
            },
        ),
        (
            "header_repeated.csv",
            text(t[:4] + [header] + t[4:]),
            {"line": 5, "check": "header repeated", "fragments": ["two files pasted together"]},
        ),
        (
            "missing_column.csv",
            text([",".join(c.split(",")[:-1]) for c in t]),
            {
                "line": 1,
                "column": "note",
                "check": "missing column",
                "fragments": ["required column 'note' is missing"],
            },
        ),
        (
            "renamed_column.csv",
            text([header.replace("value_usd_bn,", "value_usd,", 1)] + t[1:]),
            {
                "line": 1,
                "column": "value_usd",
                "check": "column name",
                "fragments": ["renamed from 'value_usd_bn'"],
            },
        ),
        (
            "text_in_number.csv",
            replaced(3, ",5.86,", ",about 5.86,"),
            {
                "line": 3,
                "column": "value_usd_bn",
                "check": "number",
                "fragments": ["'about 5.86' is not a number"],
            },
        ),
        (
            "thousands_separator.csv",
            replaced(3, ",5.86,", ',"5,860.0",'),
            {
                "line": 3,
                "column": "value_usd_bn",
                "check": "thousands separator",
                "fragments": ["write 5860.0"],
            },
        ),
        (
            "negative_value.csv",
            replaced(3, ",5.86,", ",-5.86,"),
            {
                "line": 3,
                "column": "value_usd_bn",
                "check": "greater_than_or_equal_to(0)",
                "fragments": ["-5.86"],
            },
        ),
        (
            "nan_value.csv",
            replaced(4, ",4.63,", ",NaN,"),
            {
                "line": 4,
                "column": "value_usd_bn",
                "check": "missing value",
                "fragments": ["'NaN'", "leave the cell empty"],
            },
        ),
        (
            "duplicate_keys.csv",
            text(t + [t[4]]),
            {
                "line": 10,
                "column": "year, measure, reporting_basis, source_id",
                "check": "duplicate key",
                "fragments": ["year=1993", "lines 5, 10"],
            },
        ),
        (
            "year_out_of_range.csv",
            replaced(2, "1991,", "1789,"),
            {"line": 2, "column": "year", "check": "greater_than_or_equal_to(1890)", "fragments": ["1789"]},
        ),
        (
            "unknown_basis.csv",
            replaced(2, ",china_customs,", ",gacc,"),
            {"line": 2, "column": "reporting_basis", "check": "isin", "fragments": ["gacc"]},
        ),
        (
            "formula_cell.csv",
            replaced(3, ",5.86,", ",=SUM(C2:C3),"),
            {
                "line": 3,
                "column": "value_usd_bn",
                "check": "formula",
                "fragments": ["spreadsheet formula", "paste values"],
            },
        ),
        (
            "boolean_yes.csv",
            replaced(2, ",true,", ",yes,"),
            {
                "line": 2,
                "column": "preferred",
                "check": "boolean",
                "fragments": ["'yes' is not true or false"],
            },
        ),
        (
            "unterminated_quote.csv",
            replaced(3, "58.6 yi", '"58.6 yi', 3),
            {"line": 3, "check": "CSV syntax", "fragments": ["closing quote never comes"]},
        ),
        (
            "comtrade_no_china_russia.csv",
            text(
                [
                    PLUS_HEADER,
                    plus_row(842, 276, "X", 2020, cmd="8542"),
                    plus_row(842, 0, "M", 2020),
                    plus_row(276, 842, "X", 2021),
                ]
            ),
            {
                "check": "China-Russia rows",
                "fragments": [
                    "no China-Russia rows",
                    "reporters 842",
                    "276",
                    "partners",
                    "commodity codes",
                    "8542",
                    "TOTAL",
                ],
            },
        ),
        (
            "comtrade_detail_only.csv",
            text(
                [PLUS_HEADER]
                + [plus_row(156, 643, "X", 2020, cmd=c, value=1e8) for c in ("27", "2709", "7108", "8542")]
            ),
            {
                "check": "China-Russia totals",
                "fragments": [
                    "none of the 4 China-Russia rows is a total row",
                    "cmdCode other than 'TOTAL'",
                    "2709",
                ],
            },
        ),
        (
            "comtrade_partial_months.csv",
            text([PLUS_HEADER] + months),
            {"check": "complete years", "fragments": ["no complete year", "months 1-9 only (9 of 12)"]},
        ),
        (
            "comtrade_legacy_no_china_russia.csv",
            text(
                [
                    LEGACY_HEADER,
                    legacy_row(842, 484, 2, 2016, cmd="0101"),
                    legacy_row(699, 842, 1, 2016, cmd="0101"),
                ]
            ),
            {
                "check": "China-Russia rows",
                "fragments": ["no China-Russia rows", "reporters 699 (1 row), 842 USA (1 row)"],
            },
        ),
        (
            "comtrade_thousands.csv",
            text([PLUS_HEADER, plus_row(156, 643, "X", 2020, value='"1,234,567.0"')]),
            {
                "line": 2,
                "column": "primaryValue",
                "check": "thousands separator",
                "fragments": ["write 1234567.0"],
            },
        ),
        (
            "comtrade_negative.csv",
            text([PLUS_HEADER, plus_row(156, 643, "M", 2020, value="-5.0")]),
            {
                "line": 2,
                "column": "primaryValue",
                "check": "non-negative",
                "fragments": ["'-5.0' is negative"],
            },
        ),
        (
            "comtrade_missing_column.csv",
            text([PLUS_HEADER.replace(",primaryValue", ",primary_value"), plus_row(156, 643, "X", 2020)]),
            {
                "line": 1,
                "column": "primary_value",
                "check": "column name",
                "fragments": ["renamed from 'primaryValue'"],
            },
        ),
        (
            "comtrade_bad_month.csv",
            text([PLUS_HEADER, plus_row(156, 643, "X", 2020, 12, refMonth=13)]),
            {"line": 2, "column": "refMonth", "check": "month", "fragments": ["'13'", "nor 52"]},
        ),
        (
            "comtrade_duplicate_row.csv",
            text(
                [
                    PLUS_HEADER,
                    plus_row(156, 643, "X", 2020),
                    plus_row(156, 643, "M", 2020),
                    plus_row(156, 643, "X", 2020),
                ]
            ),
            {"line": 4, "check": "duplicate row", "fragments": ["as line 2", "counted twice"]},
        ),
        (
            "comtrade_ragged.csv",
            text([PLUS_HEADER, plus_row(156, 643, "X", 2020), plus_row(156, 643, "M", 2020) + ",x"]),
            {"line": 3, "check": "field count", "fragments": ["48 fields", "header has 47"]},
        ),
        (
            "comtrade_nan_value.csv",
            text([PLUS_HEADER, plus_row(156, 643, "X", 2020, value="nan")]),
            {"line": 2, "column": "primaryValue", "check": "missing value", "fragments": ["'nan'"]},
        ),
        *minimal_corpus(),
    ]


def minimal_corpus() -> list[tuple[str, bytes, dict]]:
    """Minimal files (a year and one value column) as people write them; `bilateral check` only (datasets add
    takes the dataset's own columns), so each is marked check_only."""
    only = {"check_only": True}
    return [
        (
            "minimal_thousands.csv",
            text(["Year,Turnover USD bn", "2021,146.887", '2022,"1,190.271"']),
            {
                "line": 3,
                "column": "Turnover USD bn",
                "check": "thousands separator",
                "fragments": ["write 1190.271"],
                **only,
            },
        ),
        (
            "minimal_decimal_comma.csv",
            text(["year,turnover_usd_bn", "2021,146,9"]),
            {
                "line": 2,
                "column": "turnover_usd_bn",
                "check": "decimal point",
                "fragments": ["write 146.9"],
                **only,
            },
        ),
        (
            "minimal_suffix.csv",
            text(["year,exports_usd_bn", "2022,76.12 bn", "2023,$111 billion"]),
            {
                "line": 2,
                "column": "exports_usd_bn",
                "check": "unit in value",
                "fragments": ["'76.12 bn'", "write the number alone (76.12)"],
                **only,
            },
        ),
        (
            "minimal_unknown_column.csv",
            text(["Year,Trade (RMB)", "2021,1"]),
            {
                "line": 1,
                "column": "Trade (RMB)",
                "check": "value column",
                "fragments": ["turnover_usd_bn", "--template"],
                **only,
            },
        ),
        (
            "minimal_two_measures.csv",
            text(["year,measure,value_usd_bn", "2021,turnover,146.887"]),
            {
                "line": 1,
                "column": "value_usd_bn",
                "check": "value column",
                "fragments": ["2 value columns", "a file of its own"],
                **only,
            },
        ),
        (
            "minimal_value_without_measure.csv",
            text(["year,value", "2021,146887"]),
            {
                "line": 1,
                "column": "value",
                "check": "value column",
                "fragments": ["--measure", "--unit"],
                **only,
            },
        ),
        (
            "minimal_duplicate_year.csv",
            text(["year,turnover_usd_bn", "2021,146.887", "2022,190.271", "2021,146.9"]),
            {"line": 4, "column": "year", "check": "duplicate year", "fragments": ["also on line 2"], **only},
        ),
    ]


def main() -> None:
    FILES.mkdir(exist_ok=True)
    expected = {}
    for name, data, expectation in corpus():
        (FILES / name).write_bytes(data)
        expected[name] = {"line": None, "column": None, **expectation}
    (HERE / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(expected)} files in {FILES}")


if __name__ == "__main__":
    main()
