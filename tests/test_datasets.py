"""Every dataset version on disk: descriptor promises hold, schema passes, sources resolve and trace to the pack."""

import csv
import io
import json

import pandas as pd
import pytest

from dashboard.catalog import DEFAULT_ROOT, Catalog
from dashboard.datapackage import file_stats
from dashboard.pipeline.load import load_all
from dashboard.validation import validate_table
from tests.conftest import read_pack

CATALOG = Catalog(DEFAULT_ROOT)
ALL_VERSIONS = [(name, version) for name in CATALOG.active_versions() for version in CATALOG.versions(name)]
REQUIRED_DESCRIPTOR_KEYS = {
    "name",
    "version",
    "created",
    "description",
    "licenses",
    "attribution",
    "sources",
    "changelog",
    "resources",
}


def test_catalog_pins_every_dataset_of_the_issue():
    assert set(CATALOG.active_versions()) == {
        "sources",
        "trade",
        "targets",
        "arms",
        "border",
        "migration",
        "energy",
        "events",
        "claims",
    }


@pytest.mark.parametrize(("name", "version"), ALL_VERSIONS)
def test_descriptor_matches_file(name, version):
    dataset = CATALOG.resolve(name, version)
    assert REQUIRED_DESCRIPTOR_KEYS <= set(dataset.descriptor)
    assert (dataset.descriptor["name"], dataset.descriptor["version"]) == (name, version)
    assert any(entry["version"] == version for entry in dataset.descriptor["changelog"])
    stats = file_stats(dataset.csv_path)
    assert (stats.bytes, stats.sha256, stats.rows) == (
        dataset.resource["bytes"],
        dataset.expected_sha256,
        dataset.resource["rows"],
    )
    header = next(csv.reader(io.StringIO(dataset.csv_path.read_text(encoding="utf-8"))))
    assert header == [field["name"] for field in dataset.fields]
    assert all(field.get("description") for field in dataset.fields)


@pytest.mark.parametrize(("name", "version"), ALL_VERSIONS)
def test_version_passes_its_schema(name, version):
    report = validate_table(CATALOG.read(CATALOG.resolve(name, version)))
    assert report.failures == []


@pytest.mark.parametrize("trade_version", CATALOG.versions("trade"))
def test_every_source_id_resolves(trade_version):
    # in the newest bibliography: versions of sources only add rows (2026-11-30b: the sources of trade 2026-11-30)
    loaded = load_all(CATALOG, {"trade": trade_version, "sources": CATALOG.versions("sources")[-1]})
    assert {name: report.failures for name, report in loaded.reports.items() if report.failures} == {}


def article_characters(source_pack) -> dict[int, str]:
    """The article's characters that its excerpts cover, by offset; overlapping excerpts must agree."""
    excerpts = json.loads((source_pack / "seed-article.excerpts.json").read_text(encoding="utf-8"))
    known: dict[int, str] = {}
    disagreements = []
    for excerpt in excerpts["excerpts"]:
        assert (
            0 <= excerpt["char_offset"] and excerpt["char_offset"] + len(excerpt["text"]) <= excerpts["chars"]
        )
        for position, char in enumerate(excerpt["text"], start=excerpt["char_offset"]):
            if known.setdefault(position, char) != char:
                disagreements.append((excerpt["char_offset"], position, known[position], char))
    assert disagreements == [], (
        f"overlapping excerpts disagree (offset, position, kept, new): {disagreements}"
    )
    return known


def article_text_at(known: dict[int, str], offset: int, length: int) -> str:
    """The article's text at offset, with a NUL character wherever no excerpt covers one."""
    return "".join(known.get(position, "\x00") for position in range(offset, offset + length))


def test_article_sources_quote_the_article_at_their_offset(catalog, source_pack):
    known = article_characters(source_pack)
    sources = validate_table(catalog.read(catalog.resolve("sources"))).frame
    article_rows = sources[sources["source_id"].str.startswith("article-")]
    assert len(article_rows) >= 10
    for row in article_rows.itertuples():
        assert article_text_at(known, row.char_offset, len(row.quote)) == row.quote, row.source_id


def test_article_figures_quote_the_article_at_their_offset(source_pack):
    known = article_characters(source_pack)
    figures = read_pack(source_pack, "article_figures.csv")
    assert len(figures) == 71  # the pack README's row count
    for row in figures.itertuples():
        assert article_text_at(known, int(row.char_offset), len(row.quote)) == row.quote, (
            f"line {row.Index + 2}"
        )


def test_overlapping_excerpts_that_disagree_are_refused(source_pack, tmp_path):
    excerpts = json.loads((source_pack / "seed-article.excerpts.json").read_text(encoding="utf-8"))
    first = excerpts["excerpts"][0]
    excerpts["excerpts"].append({"char_offset": first["char_offset"] + 1, "text": "X" + first["text"][2:]})
    (tmp_path / "seed-article.excerpts.json").write_text(json.dumps(excerpts), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"overlapping excerpts disagree .*\(1092, 1092, 'y', 'X'\)"):
        article_characters(tmp_path)


def test_non_article_quotes_appear_in_the_source_pack(catalog, source_pack):
    pack_text = {path.name: path.read_text(encoding="utf-8") for path in source_pack.glob("*.csv")}
    sources = validate_table(catalog.read(catalog.resolve("sources"))).frame
    quoted = sources[
        sources["quote"].notna()
        & ~sources["source_id"].str.startswith("article-")
        & sources["pack_file"].notna()
    ]
    missing = [
        row.source_id
        for row in quoted.itertuples()
        if row.quote.replace('"', '""') not in pack_text[row.pack_file]
        and row.quote not in pack_text[row.pack_file]
    ]
    assert missing == []


def test_sources_found_after_the_pack_are_pages_with_their_words(catalog):
    """From sources 2026-11-30b, sources found by search (issue 11) have no pack file: each is a page with a url, a
    verbatim quote, a note saying it was found by search, and an English gloss where the quote is not in English."""
    sources = validate_table(catalog.read(catalog.resolve("sources", "2026-11-30b"))).frame
    found = sources[sources["pack_file"].isna()]
    assert len(found) == 21
    assert found["url"].str.startswith("http").all() and found["quote"].notna().all()
    assert found["note"].str.startswith("Found by search (issue 11").all()
    not_english = found["quote"].str.contains(r"[\u0400-\u04ff\u4e00-\u9fffăâîșşțţ]", regex=True)
    assert not_english.sum() == 8 and found.loc[not_english, "gloss_en"].notna().all()
    assert found.loc[~not_english, "gloss_en"].isna().all()
    # the one rated low is the apparent error, kept visible
    assert list(found.loc[found["reliability"] == "low", "source_id"]) == [
        "energy-vedomosti-2026-01-07-pos-2024"
    ]


def test_arms_shares_found_by_search_are_sipri_tiv_shares_in_their_own_vintages(catalog):
    """arms 2026-11-30 adds three SIPRI shares of China in Russia's deliveries as the press reported them (TIV, not
    money): 43% over 2001-2005 (SIPRI Yearbook 2006), 54% in 2006 and 28% in 2007 (SIPRI, March 2008); every row
    of 2026-11-28 is kept, and the new vintages hold no TIV series, so they are never mixed with the tables."""
    old = validate_table(catalog.read(catalog.resolve("arms", "2026-11-28"))).frame
    new = validate_table(catalog.read(catalog.resolve("arms", "2026-11-30"))).frame
    added = new[new["vintage"].isin(["sipri-yearbook-2006", "sipri-2008-03"])]
    assert len(new) == len(old) + 3 == len(old) + len(added)
    assert sorted(zip(added["period_label"], added["share_pct"], added["measure_basis"])) == [
        ("2001-2005", 43.0, "tiv"),
        ("2006", 54.0, "tiv"),
        ("2007", 28.0, "tiv"),
    ]
    assert added["tiv_usd_m"].isna().all() and (added["series"] == "share_china_of_supplier_exports").all()


def test_current_trade_holds_exactly_the_packs_figures(catalog, source_pack):
    pack = read_pack(source_pack, "trade_annual.csv")
    expected = sorted(
        zip(pack["year"].astype(int), pack["indicator"], pack["value_usd_bn"], pack["yoy_change_pct"])
    )
    ours = catalog.read(catalog.resolve("trade", "2026-11-28")).frame.fillna("")
    actual = sorted(
        zip(ours["year"].astype(int), ours["measure"], ours["value_usd_bn"], ours["yoy_change_pct"])
    )
    assert actual == expected


def test_2002_vintage_is_the_articles_trade_figures(catalog, source_pack):
    figures = read_pack(source_pack, "article_figures.csv")
    article_levels = figures[(figures["indicator"].str.startswith("bilateral trade turnover"))]
    expected = {
        (int(p[:4]), float(v)) for p, v in zip(article_levels["year_or_period"], article_levels["value"])
    }
    vintage = validate_table(catalog.read(catalog.resolve("trade", "2002"))).frame
    levels = vintage[vintage["value_usd_bn"].notna()]
    assert set(zip(levels["year"], levels["value_usd_bn"])) == expected
    assert (vintage["reporting_basis"] == "article_2002").all()


def test_trade_vintages_differ_by_real_revisions(catalog):
    old = validate_table(catalog.read(catalog.resolve("trade", "2002"))).frame
    new = validate_table(catalog.read(catalog.resolve("trade", "2026-11-28"))).frame
    old_1999 = old.loc[old["year"] == 1999, "value_usd_bn"].item()
    new_1999 = new.loc[
        (new["year"] == 1999) & (new["measure"] == "turnover") & new["preferred"], "value_usd_bn"
    ].item()
    assert (old_1999, new_1999) == (
        5.9,
        5.72,
    )  # article fn 35 against Chinese customs (China Daily 2004-10-14)


def test_targets_cover_the_issue_list(catalog):
    targets = validate_table(catalog.read(catalog.resolve("targets"))).frame.set_index("target_id")
    trade = targets[targets["measure"] == "trade_turnover_usd_bn"]
    pledges = {
        (
            row.pledge_year,
            None if pd.isna(row.deadline_year) else int(row.deadline_year),
            row.target_value if pd.notna(row.target_value) else (row.target_low, row.target_high),
        )
        for row in trade.itertuples()
    }
    assert pledges == {
        (1996, 2000, 20.0),
        (2003, 2008, 20.0),
        (2004, 2010, (60.0, 80.0)),
        (2011, 2015, 100.0),
        (2011, 2020, 200.0),
        (2018, 2024, 200.0),
        (2022, None, 250.0),
        (2023, 2023, 200.0),
    }
    assert targets.loc["border_troops_ceiling_1997", "comparison"] == "at_most"
    assert targets.loc["border_troops_ceiling_1997", "target_value"] == 130400
    assert targets.loc["trade_250bn_a_year", "deadline_kind"] == "annual_rate"
    assert all(len(ids.split(";")) >= 1 for ids in targets["source_ids"])
    assert len(targets.loc["trade_60_80bn_by_2010", "source_ids"].split(";")) == 7  # seven pack rows state it


def test_every_source_is_cited_by_some_row(catalog):
    loaded = load_all(catalog)
    frames = loaded.frames()
    cited = {
        source
        for name, frame in frames.items()
        if name != "sources"
        for column in ("source_id", "source_ids")
        if column in frame
        for cell in frame[column].dropna()
        for source in cell.split(";")
    }
    assert set(frames["sources"]["source_id"]) - cited == set()
