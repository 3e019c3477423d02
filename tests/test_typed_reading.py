"""Typed reading (pyarrow): the same frames and reports as the text reader, and no line numbers for clean files."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import catalog as catalog_module
from dashboard.catalog import Catalog, DatasetVersion, read_csv_table, read_typed_table
from dashboard.pipeline.load import load_all
from dashboard.schemas import rows_unique
from dashboard.validation import validate_table

CORPUS_FILES = Path(__file__).resolve().parent / "corpus" / "files"
BUNDLED = Catalog()
EVERY_VERSION = [(name, version) for name in BUNDLED.active_versions() for version in BUNDLED.versions(name)]
TRADE_HEADER = (
    "year,measure,value_usd_bn,value_low_usd_bn,value_high_usd_bn,yoy_change_pct,reporting_basis,"
    "basis_as_reported,partner,preferred,preferred_reason,source_id,note\n"
)


def trade_file(folder: Path, body: str, name: str = "trade.csv") -> tuple[DatasetVersion, bytes]:
    """A trade-shaped CSV with the active trade descriptor pointing at it."""
    descriptor = copy.deepcopy(BUNDLED.resolve("trade").descriptor)
    descriptor["resources"][0]["path"] = name
    data = (TRADE_HEADER + body).encode()
    (folder / name).write_bytes(data)
    return DatasetVersion("trade", "test", folder, descriptor), data


def outcome(read, dataset: DatasetVersion, data: bytes):
    """The failures a reader plus validate_table give, or the exception type it raises."""
    try:
        report = validate_table(read(dataset, data))
    except ValueError as error:  # the text reader's own refusals (encoding, parser) must stay the same
        return type(error).__name__
    return [failure.as_dict() for failure in report.failures]


@pytest.fixture
def no_line_numbers(monkeypatch):
    """Computing line numbers fails the test."""

    def refuse(text):
        raise AssertionError("line numbers were computed for a clean file")

    monkeypatch.setattr(catalog_module, "_record_start_lines", refuse)


@pytest.mark.parametrize(("name", "version"), EVERY_VERSION)
def test_a_clean_bundled_file_is_read_typed_and_validated_without_line_numbers(
    name, version, no_line_numbers
):
    table = BUNDLED.read(BUNDLED.resolve(name, version), typed=True)
    report = validate_table(table)
    assert table.typed and report.ok
    assert "line_numbers" not in table.__dict__


def test_a_clean_trade_file_with_quotes_absent_is_validated_without_line_numbers(tmp_path, no_line_numbers):
    body = "".join(
        f"{year},turnover,{year - 1900}.5,,,1.5,china_customs,SYNTHETIC,russia,true,why,synthetic-1,\n"
        for year in range(1950, 2050)
    )
    dataset, data = trade_file(tmp_path, body)
    report = validate_table(read_typed_table(dataset, data))
    assert report.ok and len(report.frame) == 100


def test_load_all_reads_typed_and_computes_line_numbers_only_for_warnings():
    loaded = load_all(BUNDLED)
    assert loaded.ok
    computed = [name for name, table in loaded.tables.items() if "line_numbers" in table.__dict__]
    assert all(table.typed for table in loaded.tables.values())
    assert computed == (["trade"] if loaded.warnings else [])


@pytest.mark.parametrize(("name", "version"), EVERY_VERSION)
def test_typed_and_text_reading_validate_to_the_same_frame(name, version):
    dataset = BUNDLED.resolve(name, version)
    data = dataset.csv_path.read_bytes()
    typed, text = (validate_table(read(dataset, data)) for read in (read_typed_table, read_csv_table))
    assert typed.ok and text.ok
    pd.testing.assert_frame_equal(typed.frame, text.frame, check_exact=True)


@pytest.mark.parametrize("path", sorted(CORPUS_FILES.glob("*.csv")), ids=lambda path: path.name)
def test_every_corpus_file_gives_the_same_report_typed_as_text(path):
    dataset = DatasetVersion("trade", "corpus", path.parent, _descriptor_for(path.name))
    data = path.read_bytes()
    assert outcome(read_typed_table, dataset, data) == outcome(read_csv_table, dataset, data)


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("0x7D0", "hexadecimal: pyarrow reads it as an integer, the text reader refuses it"),
        (" 2000", "padded: pyarrow trims it"),
        ("2000.0", "a decimal in an integer column"),
        ("nan", "a spelt-out NaN in a number column"),
        ("99999999999999999999", "beyond int64"),
    ],
)
def test_a_cell_pyarrow_reads_differently_goes_to_the_text_reader(tmp_path, cell, why):
    year, value = (cell, "1.5") if cell != "nan" else ("2000", cell)
    body = f"{year},turnover,{value},,,,china_customs,SYNTHETIC,russia,false,,synthetic-1,\n"
    dataset, data = trade_file(tmp_path, body)
    table = read_typed_table(dataset, data)
    assert not table.typed, why
    assert outcome(read_typed_table, dataset, data) == outcome(read_csv_table, dataset, data)


def test_a_typed_file_that_fails_its_schema_is_reported_from_its_text_with_lines(tmp_path):
    body = (
        "2000,turnover,1.5,,,,china_customs,SYNTHETIC,russia,false,,synthetic-1,\n"
        '2001,turnover,"1.5",,,,china_customs,"two\nlines",russia,false,,synthetic-1,\n'
        "3000,turnover,-2,,,,china_customs,SYNTHETIC,russia,false,,synthetic-1,\n"
    )
    dataset, data = trade_file(tmp_path, body)
    table = read_typed_table(dataset, data)
    assert table.typed
    report = validate_table(table)
    located = {(failure.line, failure.column) for failure in report.failures}
    assert {(5, "year"), (5, "value_usd_bn")} <= located  # line 5: the quoted line break counts
    assert outcome(read_typed_table, dataset, data) == outcome(read_csv_table, dataset, data)


def _descriptor_for(name: str) -> dict:
    """The active trade descriptor, pointing at a corpus file."""
    descriptor = copy.deepcopy(BUNDLED.resolve("trade").descriptor)
    descriptor["resources"][0]["path"] = name
    return descriptor


@pytest.mark.parametrize(
    "cell",
    ["5", "-5", "2024", "007", "-0", "--5", "-", "", "+5", " 5", "5 ", "1e3", "12a", "0x1F", "\u0663", "5-"],
)
def test_the_integer_test_says_what_the_pattern_says(cell):
    import pyarrow as pa

    assert catalog_module._integer_text(pa.array([cell, "1"])) == bool(
        re.fullmatch(catalog_module.INTEGER_TEXT, cell)
    )


def test_a_typed_file_with_a_repeated_key_is_reported_from_its_text_with_both_lines(tmp_path):
    # lines 2 and 4 share year, measure, basis and source (the unique key); line 3 differs only in its source
    body = (
        "2000,turnover,1.5,,,,china_customs,SYNTHETIC,russia,false,,synthetic-1,\n"
        "2000,turnover,1.5,,,,china_customs,SYNTHETIC,russia,false,,synthetic-2,\n"
        "2000,turnover,2.5,,,,china_customs,SYNTHETIC,russia,false,,synthetic-1,\n"
    )
    dataset, data = trade_file(tmp_path, body)
    table = read_typed_table(dataset, data)
    assert table.typed
    report = validate_table(table)
    assert {failure.line for failure in report.failures if "uniqueness" in failure.check} == {2, 4}
    assert outcome(read_typed_table, dataset, data) == outcome(read_csv_table, dataset, data)


@pytest.mark.parametrize(
    ("rows", "unique"),
    [
        ([(2000, "a"), (2001, "a"), (2000, "b")], True),
        ([(2000, "a"), (2001, "a"), (2000, "a")], False),
        (
            [(None, "a"), (2000, "a"), (None, "a")],
            False,
        ),  # two missing years are one value, as pandas counts them
        ([(None, "a"), (2000, "a"), (None, None)], True),
        ([(2000, None), (2000, None)], False),
    ],
)
def test_rows_unique_says_what_pandas_duplicated_says(rows, unique):
    frame = pd.DataFrame(rows, columns=["year", "measure"]).astype({"year": "Int64", "measure": "str"})
    # the expectation, checked against pandas itself
    assert bool(not frame.duplicated(keep=False).any()) == unique
    assert rows_unique(frame, ["year", "measure", "absent_column"]) is unique


def test_rows_unique_hashes_keys_too_many_to_count():
    frame = pd.DataFrame({"id": [f"id-{i}" for i in range(1000)] + ["id-7"], "n": range(1001)})
    assert rows_unique(frame, ["id", "n"]) is True  # 1,001 x 1,001 combinations: more than 8 per row, hashed
    assert rows_unique(frame, ["id"]) is False  # 1,000 codes for 1,001 rows: counted
