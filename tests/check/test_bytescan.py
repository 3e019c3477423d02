"""Byte-level checks: file types, encodings, NUL bytes, long lines and field counts, with lines and columns."""

import codecs
import io

import pytest

from dashboard.ingest.bytescan import MAX_LINE_BYTES, ByteScanner, ScanningReader
from dashboard.ingest.cells import formula_problem, integer_problem, number_problem
from dashboard.ingest.source import InputError


def scan(data: bytes, expected_fields=None, block=7) -> ByteScanner:
    """Feed `data` in small blocks, so that lines straddle blocks."""
    scanner = ByteScanner("f.csv")
    scanner.expected_fields = expected_fields
    for start in range(0, len(data), block):
        scanner.feed(data[start : start + block])
    scanner.finish()
    return scanner


def failure(data: bytes, **kwargs):
    with pytest.raises(InputError) as caught:
        scan(data, **kwargs)
    return caught.value.failures[0]


def test_a_utf8_bom_is_accepted_and_removed():
    scanner = ByteScanner("f.csv")
    assert scanner.feed(codecs.BOM_UTF8 + b"a,b\n1,2\n") == b"a,b\n1,2\n"
    assert scanner.bom


@pytest.mark.parametrize(
    "data, fragment",
    [
        (codecs.BOM_UTF16_LE + "a,b\n".encode("utf-16-le"), "UTF-16"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"PK\x03\x04rest", "xlsx"),
        (b"%PDF-1.7\n", "PDF"),
        (bytes(range(32)) * 20, "binary data"),
    ],
)
def test_files_that_are_not_csv_text_are_refused(data, fragment):
    found = failure(data)
    assert found.check == "file type" and fragment in found.value and found.line is None


def test_latin1_names_line_column_and_the_character():
    found = failure("a,b,note\n1,2,ok\n3,4,caf\xe9\n".encode("latin-1"))
    assert (found.line, found.column, found.check) == (3, "note", "encoding")
    assert "0xE9" in found.value and "'é'" in found.value


def test_a_nul_byte_names_line_and_column():
    found = failure(b"a,b\n1,2\n3,\x004\n")
    assert (found.line, found.column, found.check) == (3, "b", "NUL byte")


def test_a_quoted_comma_does_not_shift_the_column_of_a_problem():
    found = failure(b'a,b,c\n"x,y",\xff,z\n')
    assert (found.line, found.column) == (2, "b")


def test_a_very_long_line_is_refused_without_reading_it_all():
    found = failure(b"a,b\n1,2\n" + b"x" * (MAX_LINE_BYTES + 10), block=1 << 20)
    assert (found.line, found.check) == (3, "line length")


def test_field_counts_are_checked_across_blocks_and_quoted_lines_are_left_to_the_parser():
    assert scan(b'a,b,c\n1,2,3\n"x,y",2,3\n\n4,5,6', expected_fields=3).lines_done == 5
    found = failure(b"a,b,c\n1,2,3\n4,5,6,7\n", expected_fields=3)
    assert (found.line, found.check) == (3, "field count") and "too many" in found.value
    found = failure(b"a,b,c\n1,2,3\n4,5\n", expected_fields=3)
    assert found.line == 3 and "missing" in found.value


def test_the_scanning_reader_hashes_and_reports_progress():
    seen = []
    scanner = ByteScanner("f.csv")
    reader = ScanningReader(io.BytesIO(codecs.BOM_UTF8 + b"a\n1\n"), scanner, seen.append)
    assert reader.read(3) == b"a\n1"  # the block that was only a BOM is skipped, not taken for the end
    assert reader.read() == b"\n" and reader.read() == b""
    assert sum(seen) == 7 and len(scanner.sha256) == 64


@pytest.mark.parametrize(
    "cell, check",
    [
        ("1,234.5", "thousands separator"),
        ("1 234", "thousands separator"),
        ("12,5", "decimal point"),
        ("NaN", "missing value"),
        ("n/a", "missing value"),
        ("inf", "missing value"),
        ("about 3", "number"),
    ],
)
def test_number_cells(cell, check):
    assert number_problem(cell)[0] == check


def test_plain_numbers_pass_and_negatives_only_where_allowed():
    assert number_problem("-34") is None and number_problem("1e9") is None and number_problem(" 5.0 ") is None
    assert number_problem("-5", allow_negative=False)[0] == "non-negative"
    assert integer_problem("1994") is None and integer_problem("1994.5")[0] == "integer"


def test_formulas_are_told_from_signed_numbers():
    assert formula_problem("=SUM(A1:A3)") and formula_problem("+A1") and formula_problem("@SUM(A1)")
    assert (
        formula_problem("-34") is None and formula_problem("+5.2") is None and formula_problem("-inf") is None
    )
