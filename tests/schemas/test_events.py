"""EventsSchema: a hand-typed valid timeline passes, and each check rejects its own bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.events import EventsSchema
from tests.schemas.cases import failure_cases

CSV = Path(__file__).resolve().parents[2] / "datasets" / "events" / "2026-11-28" / "events.csv"
COLUMNS = ["event_id", "date", "precision", "year", "title", "description", "category", "source_id", "note"]
# Typed from the seed article (treaty 16 July 2001, SCO charter June 2002) and energy.csv (ESPO crude 2010).
ROWS = [
    [
        "friendship_treaty_2001",
        "2001-07-16",
        "day",
        "2001",
        "Treaty of Good-Neighbourliness",
        "Russia and China sign the friendship treaty.",
        "diplomacy",
        "article-3641",
        None,
    ],
    [
        "sco_charter_2002",
        "2002-06-01",
        "month",
        "2002",
        "SCO charter signed",
        "SCO members sign the charter in St. Petersburg.",
        "diplomacy",
        "article-44274",
        None,
    ],
    [
        "espo_crude_start_2010",
        "2010-01-01",
        "year",
        "2010",
        "ESPO crude to China (MT: 2010)",
        "Crude deliveries via the ESPO spur begin.",
        "energy",
        "events-moscow-times-2015-01-23-espo-start",
        "RT says 2011",
    ],
]


def valid() -> pd.DataFrame:
    """A fresh copy of the valid frame (object columns, so a test may blank any cell)."""
    return pd.DataFrame(ROWS, columns=COLUMNS).astype(object)


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The failure cases of validating `df` (empty when it passes)."""
    return failure_cases(EventsSchema, df)


def cells(row, **changes):
    """A mutation that sets several cells of one row."""

    def mutate(df):
        for column, value in changes.items():
            df.loc[row, column] = value
        return df

    return mutate


def test_valid_frame_passes():
    out = EventsSchema.validate(valid(), lazy=True)
    assert out["year"].tolist() == [2001, 2002, 2010]


# (id, mutation, expected column or None for frame-level, check name fragment, failing row index)
BAD = [
    ("event_id_duplicate", cells(1, event_id="friendship_treaty_2001"), "event_id", "field_uniqueness", 1),
    ("event_id_not_snake_case", cells(0, event_id="Friendship-Treaty"), "event_id", "str_matches", 0),
    ("event_id_missing", cells(0, event_id=None), "event_id", "not_nullable", 0),
    ("date_not_iso", cells(0, date="16/07/2001"), "date", "str_matches", 0),
    ("date_not_iso_fails_parse", cells(0, date="16/07/2001"), None, "date_parses", 0),
    ("date_impossible", cells(0, date="2001-02-30", year="2001"), None, "date_parses", 0),
    ("date_missing", cells(0, date=None), "date", "not_nullable", 0),
    ("precision_unknown", cells(0, precision="week"), "precision", "isin", 0),
    ("month_precision_not_day_01", cells(1, date="2002-06-15"), None, "date_matches_precision", 1),
    ("year_precision_not_jan_01", cells(2, date="2010-06-01"), None, "date_matches_precision", 2),
    ("year_precision_day_not_01", cells(2, date="2010-01-15"), None, "date_matches_precision", 2),
    ("year_differs_from_date", cells(0, year="2002"), None, "year_is_date_year", 0),
    (
        "year_below_1890",
        cells(2, date="1889-01-01", year="1889"),
        "year",
        "greater_than_or_equal_to(1890)",
        2,
    ),
    ("year_above_2100", cells(2, date="2101-01-01", year="2101"), "year", "less_than_or_equal_to(2100)", 2),
    ("year_not_integer", cells(0, year="c.2001"), "year", "coerce_dtype", None),
    ("title_too_long", cells(0, title="T" * 41), "title", "str_length", 0),
    ("title_empty", cells(0, title=""), "title", "str_length", 0),
    ("title_missing", cells(0, title=None), "title", "not_nullable", 0),
    ("description_missing", cells(0, description=None), "description", "not_nullable", 0),
    ("category_unknown", cells(0, category="sport"), "category", "isin", 0),
    ("source_id_malformed", cells(0, source_id="Article 3641"), "source_id", "str_matches", 0),
    ("source_id_missing", cells(0, source_id=None), "source_id", "not_nullable", 0),
]


@pytest.mark.parametrize("mutate,column,check,row", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_variant_fails_on_its_check(mutate, column, check, row):
    fc = failures(mutate(valid()))
    hit = fc[fc["check"].astype(str).str.contains(check, regex=False)]
    if column is not None:
        hit = hit[hit["column"] == column]
    assert not hit.empty, fc[["column", "check", "index"]].to_string()
    if row is not None:
        assert row in set(hit["index"].dropna().astype(int))


def test_title_of_40_chars_passes():
    EventsSchema.validate(cells(0, title="T" * 40)(valid()), lazy=True)


def test_extra_column_rejected():
    fc = failures(valid().assign(colour="red"))
    assert ((fc["check"] == "column_in_schema") & (fc["failure_case"] == "colour")).any()


def test_missing_column_rejected():
    fc = failures(valid().drop(columns=["precision"]))
    assert ((fc["check"] == "column_in_dataframe") & (fc["failure_case"] == "precision")).any()


def load_bundled() -> pd.DataFrame:
    """The bundled CSV read as the loader does (strings; the dataset has no boolean column)."""
    return pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])


def test_bundled_csv_validates():
    out = EventsSchema.validate(load_bundled(), lazy=True)
    assert list(out.columns) == COLUMNS
    assert len(out) == 21


def test_bundled_keeps_both_datings_of_conflicting_events():
    df = EventsSchema.validate(load_bundled())
    espo = df[df["event_id"].str.startswith("espo_crude_start")]
    deal = df[df["event_id"].str.startswith("rosneft_cnpc_deal")]
    assert sorted(espo["year"]) == [2010, 2011]
    assert sorted(deal["year"]) == [2013, 2014]


def test_bundled_article_events_cite_the_article():
    df = load_bundled().set_index("event_id")
    assert df.loc["friendship_treaty_2001", ["date", "source_id"]].tolist() == ["2001-07-16", "article-3641"]
    assert df.loc["ussr_collapse", ["date", "precision"]].tolist() == ["1991-01-01", "year"]
