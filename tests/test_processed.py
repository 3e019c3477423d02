"""The processed tables: built from verified inputs, cached by their hashes, refused when an input changed."""

import pytest

from dashboard import processed as processed_module
from dashboard.catalog import Catalog
from dashboard.errors import IntegrityError
from dashboard.processed import build


def test_second_build_comes_from_the_cache(catalog, tmp_path, monkeypatch):
    first = build(catalog, as_of_year=2026, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == 1

    def must_not_run(*args, **kwargs):
        raise AssertionError("derive ran although the inputs were cached")

    monkeypatch.setattr(processed_module, "derive", must_not_run)
    second = build(catalog, as_of_year=2026, cache_dir=tmp_path)
    assert second.derived.ledger.equals(first.derived.ledger)
    assert second.versions == first.versions


def test_another_version_is_another_cache_entry(catalog, tmp_path):
    current = build(catalog, as_of_year=2026, cache_dir=tmp_path)
    vintage = build(catalog, {"trade": "2002"}, as_of_year=2026, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == 2
    assert (current.versions["trade"], vintage.versions["trade"]) == (
        "2026-11-30",
        "2002",
    )  # trade 2026-11-30: 2012 added (issue 11)


def test_changed_input_is_refused_even_with_a_warm_cache(datasets_copy, tmp_path):
    copy = Catalog(datasets_copy)
    build(copy, as_of_year=2026, cache_dir=tmp_path)
    trade_csv = copy.resolve("trade").csv_path
    trade_csv.write_bytes(trade_csv.read_bytes() + b"\n")
    with pytest.raises(IntegrityError, match="trade.csv"):
        build(copy, as_of_year=2026, cache_dir=tmp_path)


def test_unreadable_cache_entry_is_rebuilt(catalog, tmp_path):
    build(catalog, as_of_year=2026, cache_dir=tmp_path)
    entry = next(tmp_path.glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    rebuilt = build(catalog, as_of_year=2026, cache_dir=tmp_path)
    assert not rebuilt.derived.ledger.empty


def test_processed_holds_series_ledger_and_warnings(catalog):
    result = build(catalog, as_of_year=2026, cache_dir=None)
    assert result.derived.trade_turnover.set_index("year").loc[2000, "value_usd_bn"] == 8.0
    assert any(w.kind == "basis_gap" for w in result.warnings)
    assert set(result.hashes) == set(result.versions)
