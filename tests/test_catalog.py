"""The catalog: resolving versions, refusing changed files, reading with CSV line numbers."""

import pytest

from dashboard.catalog import Catalog
from dashboard.errors import DatasetNotFound, IntegrityError


def test_active_version_and_both_trade_vintages(catalog):
    assert catalog.resolve("trade").version == catalog.active_versions()["trade"]
    assert {"2002", "2026-11-28"} <= set(catalog.versions("trade"))


def test_unknown_dataset_names_the_known_ones(catalog):
    with pytest.raises(DatasetNotFound, match="unknown dataset 'trad'.*trade"):
        catalog.resolve("trad")


def test_unknown_version_lists_the_versions(catalog):
    with pytest.raises(DatasetNotFound, match=r"no version '1999'.*2002"):
        catalog.resolve("trade", "1999")


def test_changed_file_is_refused_with_both_hashes(datasets_copy):
    copy = Catalog(datasets_copy)
    dataset = copy.resolve("trade")
    expected = dataset.expected_sha256
    dataset.csv_path.write_bytes(dataset.csv_path.read_bytes().replace(b"8.0,", b"9.0,", 1))
    with pytest.raises(IntegrityError) as caught:
        copy.read(dataset)
    message = str(caught.value)
    assert str(dataset.csv_path) in message
    assert f"expected {expected}" in message
    assert "actual " in message and "size" not in message  # same length, different bytes


def test_missing_file_is_reported(datasets_copy):
    copy = Catalog(datasets_copy)
    dataset = copy.resolve("targets")
    dataset.csv_path.unlink()
    assert copy.integrity_problems(dataset) == [f"{dataset.csv_path}: file is missing"]


def test_read_gives_text_cells_booleans_and_line_numbers(catalog):
    table = catalog.read(catalog.resolve("trade", "2002"))
    assert table.line_numbers == [2, 3, 4, 5, 6]
    first = table.frame.iloc[0]
    assert first["year"] == "1993" and first["value_usd_bn"] == "7.68"
    assert first["preferred"] is True
    assert table.frame.iloc[1]["preferred"] is False
