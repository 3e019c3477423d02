"""Validation reports: every failure with file, CSV line, column, check and value; source ids across datasets."""

from dashboard.catalog import Catalog
from dashboard.datapackage import seal
from dashboard.pipeline.load import load_all


def corrupt(datasets, name, replacements, reseal=True):
    """Rewrite lines of a dataset copy (1-based line -> new text); reseal so only the schema can object."""
    catalog = Catalog(datasets)
    dataset = catalog.resolve(name)
    lines = dataset.csv_path.read_text(encoding="utf-8").split("\n")
    for line_number, text in replacements.items():
        lines[line_number - 1] = text(lines[line_number - 1]) if callable(text) else text
    dataset.csv_path.write_text("\n".join(lines), encoding="utf-8")
    if reseal:
        seal(dataset.directory)
    return catalog


def failures_of(catalog, name):
    return [(f.line, f.column, f.check, f.value) for f in load_all(catalog).reports[name].failures]


def test_bundled_data_is_valid(catalog):
    loaded = load_all(catalog)
    assert loaded.ok, {n: r.failures[:3] for n, r in loaded.reports.items() if r.failures}


def test_every_failure_is_listed_with_its_line(datasets_copy):
    catalog = corrupt(
        datasets_copy,
        "trade",
        {
            3: lambda line: line.replace("1992,turnover,5.86", "1992,turnover,-5.86"),
            5: lambda line: line.replace("1993,", "19x3,", 1),
            9: lambda line: line.replace(",unspecified,", ",hearsay,", 1),
        },
    )
    found = failures_of(catalog, "trade")
    assert (3, "value_usd_bn", "greater_than_or_equal_to(0)", "-5.86") in found
    assert any(line == 5 and column == "year" and value == "19x3" for line, column, _, value in found)
    assert any(
        line == 9 and column == "reporting_basis" and value == "hearsay" for line, column, _, value in found
    )


def test_row_check_is_reported_once_per_row(datasets_copy):
    # line 2 is 1991 turnover 3.9: a lower bound above the value breaks low <= value <= high
    catalog = corrupt(datasets_copy, "trade", {2: lambda line: line.replace("3.9,,,", "3.9,4.5,,", 1)})
    row_failures = [f for f in failures_of(catalog, "trade") if f[2] == "low_le_value_le_high"]
    assert row_failures == [(2, None, "low_le_value_le_high", "")]


def test_unresolved_source_id_names_file_line_and_id(datasets_copy):
    catalog = corrupt(
        datasets_copy, "trade", {2: lambda line: line.replace("trade-2015-03-china-daily", "trade-nowhere")}
    )
    assert (2, "source_id", "source id resolves in sources", "trade-nowhere") in failures_of(catalog, "trade")


def test_changed_bytes_are_an_integrity_failure_as_well(datasets_copy):
    catalog = corrupt(
        datasets_copy, "targets", {2: lambda line: line.replace(",20,,,", ",25,,,", 1)}, reseal=False
    )
    found = failures_of(catalog, "targets")
    assert len(found) == 1 and found[0][2] == "integrity" and "sha256 mismatch" in found[0][3]


def test_a_clean_result_is_read_back_only_for_the_same_bytes(datasets_copy, tmp_path):
    cache = tmp_path / "cache"
    catalog = Catalog(datasets_copy)
    first = load_all(catalog, cache_dir=cache)
    again = load_all(catalog, cache_dir=cache)
    assert first.ok and not first.from_cache
    assert again.from_cache and again.frames()["trade"].equals(first.frames()["trade"])
    # 1992 turnover made negative and resealed: new bytes, so the schema runs again and finds it
    catalog = corrupt(
        datasets_copy, "trade", {3: lambda line: line.replace("1992,turnover,5.86", "1992,turnover,-5.86")}
    )
    changed = load_all(catalog, cache_dir=cache)
    assert not changed.from_cache
    assert (3, "value_usd_bn") in [(f.line, f.column) for f in changed.reports["trade"].failures]
    assert not load_all(catalog, cache_dir=cache).from_cache  # a failing result is never kept


def test_a_changed_file_is_seen_even_after_a_clean_result(datasets_copy, tmp_path):
    cache = tmp_path / "cache"
    catalog = Catalog(datasets_copy)
    assert load_all(catalog, cache_dir=cache).ok
    # the bytes change without a new seal: the hash check, which runs every time, refuses them
    corrupt(datasets_copy, "trade", {3: lambda line: line.replace("5.86", "5.87", 1)}, reseal=False)
    loaded = load_all(catalog, cache_dir=cache)
    assert not loaded.from_cache and not loaded.ok
    assert [f.check for f in loaded.reports["trade"].failures] == ["integrity"]
