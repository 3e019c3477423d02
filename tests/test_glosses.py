"""English glosses of the sources' quotes (sources 2026-11-30): every quote in another language has one, no
English quote has one, each gloss keeps every number of its quote, and the version changed nothing else."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

import pandas as pd
import pytest

from dashboard.app.frame import sources_tab
from dashboard.catalog import DEFAULT_ROOT, Catalog
from dashboard.figures.shown import with_sources

CATALOG = Catalog(DEFAULT_ROOT)
GLOSSED, BEFORE, FOUND, ARMS_FOUND = "2026-11-30", "2026-11-28", "2026-11-30b", "2026-11-30c"
ARTICLE_ROWS = "2026-11-30d"  # the article's figures that had no source row of their own
CYRILLIC_OR_CJK = re.compile(
    r"[\u0400-\u04ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Quotes in another language written in Latin letters (no script tells them from English).
OTHER_LATIN = {
    "energy-prensa-latina-2023-01-16-pos-contract",  # Portuguese
    "targets-2011-10-paperblog-fr",  # French
    "targets-nd-jiaoxuezhishi-com",  # Spanish
    "trade-2005-02-cri-german",  # German
    "trade-2011-01-vietnamplus",  # Vietnamese
    "trade-2011-01-vietnamplus-2",
    "trade-2011-01-vietnamplus-3",
    "trade-2011-01-vietnamplus-4",
    "trade-2019-05-sputnik-mundo",  # Spanish
}
# A number in a quote: digits grouped by spaces in threes (Russian 28 943), or digits joined by . or ,
QUOTE_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*")
# A number in a gloss, written the English way: commas group thousands, a point marks decimals
GLOSS_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)*")
DECIMAL_COMMA = re.compile(r"\d,\d")


def _frame(version: str) -> pd.DataFrame:
    return pd.read_csv(CATALOG.resolve("sources", version).csv_path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def glossed() -> pd.DataFrame:
    return _frame(GLOSSED)


def _foreign(row) -> bool:
    """The quote is in another language than English."""
    quote = row["quote"]
    return bool(CYRILLIC_OR_CJK.search(quote) or ARABIC.search(quote)) or row["source_id"] in OTHER_LATIN


def _value(token: str) -> Decimal | str:
    """A number as a value (so 61.05 and 61.050 agree); a date like 24.04.1997 stays text."""
    try:
        return Decimal(token)
    except InvalidOperation:
        return token


def quote_numbers(quote: str) -> list[Decimal | str]:
    """The quote's numbers: space groups joined; with both separators, the comma groups thousands (4,209.3);
    a comma alone is a decimal comma, read as a point (69,525 -> 69.525); in a quote that writes decimal
    commas, points between groups of three digits group thousands (Spanish 109.000)."""
    continental = bool(DECIMAL_COMMA.search(quote))
    numbers = []
    for token in QUOTE_NUMBER.findall(quote):
        token = re.sub(r"[ \u00a0\u202f]", "", token)
        if "," in token and "." in token:
            token = token.replace(",", "")
        elif "," in token:
            token = token.replace(",", ".")
        elif continental and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            token = token.replace(".", "")
        numbers.append(_value(token))
    return numbers


def gloss_numbers(gloss: str) -> set[Decimal | str]:
    return {_value(token.replace(",", "")) for token in GLOSS_NUMBER.findall(gloss)}


def test_the_number_readings_on_hand_worked_quotes():
    assert quote_numbers("составил $69,525 млрд") == [Decimal("69.525")]
    assert quote_numbers("и 28 943 человек по переписи 2010 г") == [Decimal(28943), Decimal(2010)]
    assert quote_numbers("确定为4,209.3公里") == [Decimal("4209.3")]
    assert quote_numbers("unos 109.000 millones de dólares, un aumento del 24,5%") == [
        Decimal(109000),
        Decimal("24.5"),
    ]
    assert quote_numbers("Соглашение от 24.04.1997") == ["24.04.1997"]
    assert gloss_numbers("28,943 people, $69.525 billion, 4,209.3 km, 24.04.1997") == {
        Decimal(28943),
        Decimal("69.525"),
        Decimal("4209.3"),
        "24.04.1997",
    }


def test_the_new_version_is_active_and_describes_the_gloss_as_the_maintainers():
    # sources 2026-11-30b (issue 11) keeps every glossed row and adds sources found by search
    assert CATALOG.active_versions()["sources"] in (GLOSSED, FOUND, ARMS_FOUND, ARTICLE_ROWS)
    fields = {f["name"]: f for f in CATALOG.resolve("sources", GLOSSED).fields}
    assert fields["gloss_en"]["type"] == "string"
    assert "by the project's maintainers; not the source's words" in fields["gloss_en"]["description"]


def test_every_cyrillic_or_cjk_quote_has_a_gloss(glossed):
    cyrillic_or_cjk = glossed[glossed["quote"].str.contains(CYRILLIC_OR_CJK)]
    assert len(cyrillic_or_cjk) == 43
    assert cyrillic_or_cjk.loc[cyrillic_or_cjk["gloss_en"].str.strip() == "", "source_id"].tolist() == []


def test_every_quote_in_another_language_has_a_gloss_and_no_english_quote_has_one(glossed):
    foreign = glossed.apply(_foreign, axis=1)
    assert glossed.loc[foreign & (glossed["gloss_en"].str.strip() == ""), "source_id"].tolist() == []
    assert glossed.loc[~foreign & (glossed["gloss_en"] != ""), "source_id"].tolist() == []


def test_a_gloss_is_in_english_and_not_the_quote(glossed):
    with_gloss = glossed[glossed["gloss_en"] != ""]
    for row in with_gloss.itertuples():
        assert not CYRILLIC_OR_CJK.search(row.gloss_en) and not ARABIC.search(row.gloss_en), row.source_id
        assert row.gloss_en != row.quote, row.source_id


def test_every_number_of_a_quote_is_in_its_gloss(glossed):
    missing = {}
    for row in glossed[glossed["gloss_en"] != ""].itertuples():
        absent = [n for n in quote_numbers(row.quote) if n not in gloss_numbers(row.gloss_en)]
        if absent:
            missing[row.source_id] = absent
    assert missing == {}


def test_the_new_version_is_the_old_one_plus_the_gloss(glossed):
    before = _frame(BEFORE)
    assert list(glossed.columns) == [*before.columns, "gloss_en"]
    pd.testing.assert_frame_equal(glossed.drop(columns="gloss_en"), before)
    old_lines = CATALOG.resolve("sources", BEFORE).csv_path.read_bytes().split(b"\n")
    new_lines = CATALOG.resolve("sources", GLOSSED).csv_path.read_bytes().split(b"\n")
    assert len(new_lines) == len(old_lines)
    # only a column added: every line of the old file begins its line of the new one, byte for byte
    assert all(new.startswith(old) for old, new in zip(old_lines, new_lines))


def test_the_chart_csv_and_the_sources_tab_carry_the_gloss(glossed):
    chinese, english = "trade-2019-m-siyezi-com", "arms-deccan-herald-2024-03-11"
    rows = pd.DataFrame(
        {"series": ["s", "s"], "x": [1992, 2023], "y": [5.86, 1.0], "source_id": [chinese, english]}
    )
    merged = with_sources(rows, glossed)
    gloss = glossed.set_index("source_id").loc[chinese, "gloss_en"]
    assert merged["gloss_en"].tolist() == [gloss, ""]
    shown = str(sources_tab(merged))
    assert f"In English: {gloss}" in shown and shown.count("In English:") == 1
    before = with_sources(rows, _frame(BEFORE))  # a version without glosses: no gloss column, no gloss shown
    assert "gloss_en" not in before.columns and "In English:" not in str(sources_tab(before))


def test_the_sources_found_by_search_keep_every_glossed_row_and_gloss_their_own_quotes(glossed):
    """sources 2026-11-30b: the 256 rows of 2026-11-30 unchanged, and the 8 new quotes in Russian, Chinese or Romanian
    glossed with every number of the quote (Romanian in Latin letters: listed by hand)."""
    found = _frame(FOUND)
    kept = found[found["source_id"].isin(glossed["source_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, glossed)
    new = found[~found["source_id"].isin(glossed["source_id"])]
    romanian = {
        "energy-incomemagazine-2025-12-26-pos-2025",
        "energy-incomemagazine-2025-12-26-pos-contract-2025",
        "energy-incomemagazine-2025-12-26-pos-2024",
    }
    foreign = new["quote"].str.contains(CYRILLIC_OR_CJK) | new["source_id"].isin(romanian)
    assert foreign.sum() == 8
    assert new.loc[foreign & (new["gloss_en"] == ""), "source_id"].tolist() == []
    assert new.loc[~foreign & (new["gloss_en"] != ""), "source_id"].tolist() == []
    missing = {
        row.source_id: [n for n in quote_numbers(row.quote) if n not in gloss_numbers(row.gloss_en)]
        for row in new[foreign].itertuples()
    }
    assert {k: v for k, v in missing.items() if v} == {}


def test_the_arms_sources_found_by_search_keep_every_row_and_gloss_their_russian_quotes():
    """sources 2026-11-30c: every row of 2026-11-30b unchanged, and two Russian quotes (SIPRI's TIV shares of China
    in Russian deliveries, 2001-2005 and 2006-2007) glossed with every number of the quote."""
    before, after = _frame(FOUND), _frame(ARMS_FOUND)
    kept = after[after["source_id"].isin(before["source_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before)
    new = after[~after["source_id"].isin(before["source_id"])]
    assert sorted(new["source_id"]) == [
        "arms-rb-ru-2006-sipri-yearbook-2001-2005",
        "arms-vpk-name-2008-sipri-2006-2007",
    ]
    for row in new.itertuples():
        assert CYRILLIC_OR_CJK.search(row.quote) and row.gloss_en
        assert [n for n in quote_numbers(row.quote) if n not in gloss_numbers(row.gloss_en)] == []


def test_the_article_rows_added_for_the_claims_are_the_articles_own_words(source_pack):
    """sources 2026-11-30d: every row of 2026-11-30c unchanged, and one row per 2002-article figure that had none,
    each the article's own words at its offset (the snapshot's excerpts), in English, so without a gloss."""
    excerpts = json.loads((source_pack / "seed-article.excerpts.json").read_text(encoding="utf-8"))
    at = {item["char_offset"]: item["text"] for item in excerpts["excerpts"]}
    before, after = _frame(ARMS_FOUND), _frame(ARTICLE_ROWS)
    kept = after[after["source_id"].isin(before["source_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before)
    new = after[~after["source_id"].isin(before["source_id"])]
    assert len(new) == 39  # 71 figures of the article, 32 with a row of their own before
    for row in new.itertuples():
        assert row.source_id == f"article-{int(row.char_offset)}" and row.reliability == "high"
        assert at[int(row.char_offset)].startswith(row.quote), row.source_id
        assert not CYRILLIC_OR_CJK.search(row.quote) and not row.gloss_en
