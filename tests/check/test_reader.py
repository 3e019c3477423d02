"""Reading a user's trade file: native rows validated with CSV lines, Comtrade exports turned into years."""

import codecs

import pytest

from dashboard.catalog import Catalog
from dashboard.ingest import InputError, InputFile, read_dataset_file, read_trade_input
from dashboard.ingest import comtrade as comtrade_module
from tests.check.synthetic import (
    CHINA_EXPORTS,
    CHINA_IMPORTS,
    LEGACY_HEADER,
    PLUS_HEADER,
    RUSSIA_IMPORTS,
    TRADE_CSV,
    comtrade_export_lines,
    legacy_row,
    plus_row,
    trade_lines,
    write,
)


def refused(file: InputFile, **kwargs):
    with pytest.raises(InputError) as caught:
        read_trade_input(file, **kwargs)
    return caught.value.failures


def preferred(trade, measure: str = "turnover") -> dict[int, float]:
    rows = trade[(trade["measure"] == measure) & trade["preferred"]]
    return {int(y): round(float(v), 6) for y, v in zip(rows["year"], rows["value_usd_bn"])}


def test_the_bundled_trade_file_reads_as_native_with_its_lines():
    result = read_trade_input(InputFile.from_path(TRADE_CSV))
    assert result.format == "native" and result.rows == 105 and result.line_numbers[:3] == [2, 3, 4]
    assert any(w.kind == "basis_gap" for w in result.warnings)  # the consistency warnings come along


def test_an_upload_as_bytes_reads_like_the_file():
    data = TRADE_CSV.read_bytes()
    from_bytes = read_trade_input(InputFile.from_bytes(data, "upload.csv"))
    assert (
        from_bytes.file == "upload.csv"
        and from_bytes.sha256 == read_trade_input(InputFile.from_path(TRADE_CSV)).sha256
    )


def test_excel_bom_and_crlf_are_accepted_and_normalised_with_a_warning():
    data = codecs.BOM_UTF8 + TRADE_CSV.read_bytes().replace(b"\n", b"\r\n")
    native = read_dataset_file(InputFile.from_bytes(data, "excel.csv"), Catalog().resolve("trade"))
    assert native.data == TRADE_CSV.read_bytes()
    assert native.warnings == ["UTF-8 byte-order mark removed", "Windows line ends (CRLF) converted to LF"]


def test_failures_name_the_file_as_given_with_line_and_column():
    lines = trade_lines()
    lines[2] = lines[2].replace(",5.86,", ",-1,")
    failures = refused(InputFile.from_bytes(("\n".join(lines) + "\n").encode(), "mine.csv"))
    assert [(f.file, f.line, f.column) for f in failures] == [("mine.csv", 3, "value_usd_bn")]


def test_unknown_source_ids_fail_only_where_sources_are_required():
    lines = trade_lines()
    lines[1] = lines[1].replace("trade-2015-03-china-daily", "my-new-source")
    file = InputFile.from_bytes(("\n".join(lines) + "\n").encode(), "new.csv")
    assert read_trade_input(file).trade["source_id"].iloc[0] == "my-new-source"
    with pytest.raises(InputError) as caught:
        read_dataset_file(file, Catalog().resolve("trade"), known_sources={"trade-2019-m-siyezi-com"})
    assert {(f.line, f.column, f.value) for f in caught.value.failures} >= {(2, "source_id", "my-new-source")}


def test_a_comtrade_export_gives_years_per_reporter_and_the_mirror(export_csv):
    result = read_trade_input(InputFile.from_path(export_csv))
    trade = result.trade
    assert result.format == "comtrade_plus"
    china = trade[trade["reporting_basis"] == "china_customs"]
    assert preferred(china) == {y: round(CHINA_EXPORTS[y] + CHINA_IMPORTS[y], 6) for y in CHINA_EXPORTS}
    russia = trade[
        (trade["reporting_basis"] == "russia_customs") & (trade["measure"] == "china_exports_to_russia")
    ]
    assert (
        dict(zip(russia["year"], russia["value_usd_bn"].round(6))) == RUSSIA_IMPORTS
    )  # stray spaces stripped
    assert not russia["preferred"].any()  # China's own report is preferred; nothing summed across reporters
    mirror = {(m["measure"], m["year"]): m["gap_pct"] for m in result.details["mirror"]}
    assert mirror[("china_exports_to_russia", 2019)] == round((54.1 / 49.5 - 1) * 100, 2)
    assert result.details["partial_years"] == [
        {"reporter": "156", "flow": "X", "year": 2025, "months": list(range(1, 10))}
    ]
    notes = " ".join(w.message for w in result.warnings)
    assert "months 1-9 only" in notes and "flow RX" in notes
    note_2024 = trade[(trade["year"] == 2024) & (trade["measure"] == "china_exports_to_russia")]["note"].iloc[
        0
    ]
    assert note_2024.startswith("sum of 12 monthly rows")


def test_detail_partner2_transport_customs_and_services_rows_never_count(export_csv):
    result = read_trade_input(InputFile.from_path(export_csv))
    assert result.details["comtrade"]["total_rows_used"] == 49  # 10 + 24 + 9 + 6: nothing else
    assert preferred(result.trade, "china_exports_to_russia")[2020] == 50.5


def test_small_chunks_give_the_same_figures_and_lines(export_csv, monkeypatch):
    whole = read_trade_input(InputFile.from_path(export_csv))
    monkeypatch.setattr(comtrade_module, "CHUNK_ROWS", 5)
    chunked = read_trade_input(InputFile.from_path(export_csv))
    assert chunked.trade.equals(whole.trade) and chunked.details == whole.details


def test_an_annual_row_that_disagrees_with_its_twelve_months_is_used_with_a_warning(tmp_path):
    lines = [PLUS_HEADER, plus_row(156, 643, "X", 2021, value=12e9), plus_row(156, 643, "M", 2021, value=1e9)]
    lines += [plus_row(156, 643, "X", 2021, m, value=1.1e9) for m in range(1, 13)]
    result = read_trade_input(InputFile.from_path(write(tmp_path / "c.csv", lines)))
    assert preferred(result.trade, "china_exports_to_russia") == {2021: 12.0}
    assert any("sum to 13,200,000,000" in w.message for w in result.warnings)


def test_a_legacy_export_and_a_tab_separated_one_are_read(tmp_path):
    legacy = [
        LEGACY_HEADER,
        legacy_row(156, 643, 2, 2015, value=34.8e9),
        legacy_row(156, 643, 1, 2015, value=33.3e9),
        legacy_row(643, 156, 1, 2015, period="201501", value=1e9),
    ]
    result = read_trade_input(InputFile.from_path(write(tmp_path / "legacy.csv", legacy)))
    assert result.format == "comtrade_legacy" and preferred(result.trade) == {2015: 68.1}
    tabbed = [line.replace(",", "\t") for line in [PLUS_HEADER, plus_row(156, 643, "X", 2020, value=5e9)]]
    result = read_trade_input(InputFile.from_path(write(tmp_path / "bulk.txt", tabbed)))
    assert preferred(result.trade, "china_exports_to_russia") == {2020: 5.0}


def test_as_native_and_as_comtrade_force_the_reading(export_csv):
    assert refused(InputFile.from_path(export_csv), as_="native")[0].check in (
        "missing column",
        "column name",
    )
    assert refused(InputFile.from_path(TRADE_CSV), as_="comtrade")[0].check == "format"


def test_every_line_number_survives_chunks_for_a_failure(tmp_path, monkeypatch):
    lines = (
        [PLUS_HEADER]
        + [plus_row(842, 0, "X", 2020, cmd="01")] * 30
        + [plus_row(156, 643, "X", 2020, value="x")]
    )
    monkeypatch.setattr(comtrade_module, "CHUNK_ROWS", 7)
    failures = refused(InputFile.from_path(write(tmp_path / "c.csv", lines)))
    assert [(f.line, f.column, f.check) for f in failures] == [(32, "primaryValue", "number")]


def test_the_verbatim_comtrade_sample_is_recognised_and_told_it_has_no_china_russia_rows(source_pack):
    sample = source_pack / "raw" / "comtrade_plus_format_sample_laureleallen.csv"
    (found,) = refused(InputFile.from_path(sample))
    assert (
        found.check == "China-Russia rows"
        and "156 China (6 rows)" in found.value
        and "842 USA" in found.value
    )


def test_comtrade_rows_are_synthetic_in_every_description():
    assert all("SYNTHETIC" in line for line in comtrade_export_lines()[1:])


def test_a_quoted_line_break_keeps_the_line_numbers_of_later_rows():
    lines = trade_lines(4)
    lines[1] = lines[1].replace('"China-USSR (about', '"China-USSR\n(about')
    lines[4] = lines[4].replace(",7.68,", ",-7.68,")  # the record on physical line 6 (line 2 spans two)
    failures = refused(InputFile.from_bytes(("\n".join(lines) + "\n").encode(), "q.csv"))
    assert [(f.line, f.column) for f in failures] == [(6, "value_usd_bn")]


def test_other_datasets_are_read_against_their_own_schema():
    events = Catalog().resolve("events")
    native = read_dataset_file(InputFile.from_path(events.csv_path), events)
    assert native.report.ok and native.data == events.csv_path.read_bytes()


def test_every_bundled_version_reads_as_valid_input_unchanged():
    catalog = Catalog()
    sources = set(catalog.read(catalog.resolve("sources")).frame["source_id"])
    for name in catalog.active_versions():
        for version in catalog.versions(name):
            dataset = catalog.resolve(name, version)
            native = read_dataset_file(
                InputFile.from_path(dataset.csv_path), dataset, None if name == "sources" else sources
            )
            assert native.data == dataset.csv_path.read_bytes() and native.warnings == [], (name, version)
