"""Tests of BorderSchema: a hand-typed valid frame passes, and every check fails on its own bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.border import BorderSchema
from tests.schemas.cases import failure_cases

CSV = Path(__file__).resolve().parents[2] / "datasets" / "border" / "2026-11-28" / "border.csv"
A97 = (
    "Agreement on Mutual Reduction of Military Forces in the Border Areas "
    "(China + Joint Party: Russia, Kazakhstan, Kyrgyzstan, Tajikistan)"
)
COLUMNS = [
    "agreement_id",
    "agreement",
    "signed_date",
    "place",
    "provision",
    "party",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "kind",
    "date_value",
    "period_label",
    "source_id",
    "note",
]
# Typed by hand from border_agreements.csv: the article's 1997 troop ceilings (130,400 + 130,400 = 260,800),
# FAS's "more than 7,000 kilometers" and the Guancha expiry date 2020-12-31 (a date row, no number).
ROWS = [
    [
        "reduction_1997_moscow",
        A97,
        "1997-04-24",
        "Moscow",
        "troop_ceiling_total",
        "all",
        "260800",
        None,
        None,
        "troops",
        "exact",
        "limit",
        None,
        "1997",
        "article-13927",
        None,
    ],
    [
        "reduction_1997_moscow",
        A97,
        "1997-04-24",
        "Moscow",
        "troop_ceiling_china_side",
        "china",
        "130400",
        None,
        None,
        "troops",
        "exact",
        "limit",
        None,
        "1997",
        "article-13996",
        None,
    ],
    [
        "reduction_1997_moscow",
        A97,
        "1997-04-24",
        "Moscow",
        "troop_ceiling_joint_side",
        "joint_side",
        "130400",
        None,
        None,
        "troops",
        "exact",
        "limit",
        None,
        "1997",
        "article-14054",
        None,
    ],
    [
        "reduction_1997_moscow",
        A97,
        "1997-04-24",
        "Moscow",
        "border_length_former_sino_soviet",
        "all",
        "7000",
        "7000",
        None,
        "km",
        "more_than",
        "actual",
        None,
        None,
        "border-fas-length-7000",
        None,
    ],
    [
        "reduction_1997_moscow",
        A97,
        "1997-04-24",
        "Moscow",
        "expiry_date",
        "all",
        None,
        None,
        None,
        None,
        "exact",
        "limit",
        "2020-12-31",
        None,
        "border-guancha-2017-expiry",
        None,
    ],
]


def valid() -> pd.DataFrame:
    """The valid frame, all cells strings as the loader reads them."""
    return pd.DataFrame(ROWS, columns=COLUMNS)


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The failure cases of validating `df` (empty when it passes)."""
    return failure_cases(BorderSchema, df)


def cell(row, column, value):
    """A mutation setting one cell."""

    def mutate(df):
        df.loc[row, column] = value
        return df

    return mutate


def test_valid_frame_passes():
    assert failures(valid()).empty


def _duplicate(df):
    return pd.concat([df, df.iloc[[1]]], ignore_index=True)


def _extra_column(df):
    df["extra"] = "x"
    return df


# (id, mutation, failing column or None for a dataframe-level check, check name, failing row or None)
BAD = [
    ("agreement_id", cell(0, "agreement_id", "moscow_1997"), "agreement_id", "isin", 0),
    ("agreement null", cell(0, "agreement", None), "agreement", "not_nullable", 0),
    ("signed_date", cell(0, "signed_date", "24.04.1997"), "signed_date", "str_matches", 0),
    ("provision", cell(0, "provision", "troops_total"), "provision", "isin", 0),
    ("party", cell(0, "party", "kazakhstan"), "party", "isin", 0),
    ("value negative", cell(1, "value", "-1"), "value", "greater_than_or_equal_to", 1),
    ("value not a number", cell(1, "value", "130,400"), "value", "coerce_dtype", 1),
    ("value_low negative", cell(3, "value_low", "-7000"), "value_low", "greater_than_or_equal_to", 3),
    ("value_high negative", cell(3, "value_high", "-1"), "value_high", "greater_than_or_equal_to", 3),
    ("unit", cell(0, "unit", "persons"), "unit", "isin", 0),
    ("qualifier", cell(0, "qualifier", "about"), "qualifier", "isin", 0),
    ("qualifier null", cell(0, "qualifier", None), "qualifier", "not_nullable", 0),
    ("kind", cell(0, "kind", "claim"), "kind", "isin", 0),
    ("date_value", cell(4, "date_value", "31 Dec 2020"), "date_value", "str_matches", 4),
    ("source_id", cell(0, "source_id", "Article 13927"), "source_id", "str_matches", 0),
    ("source_id null", cell(0, "source_id", None), "source_id", "not_nullable", 0),
    ("unique key", _duplicate, "provision", "multiple_fields_uniqueness", None),
    ("strict", _extra_column, "BorderSchema", "column_in_schema", None),
    ("low above value", cell(3, "value_low", "7600"), None, "low_le_value_le_high", 3),
    ("value above high", cell(0, "value_high", "260000"), None, "low_le_value_le_high", 0),
    ("number and date", cell(0, "date_value", "1997-04-24"), None, "number_or_date", 0),
    ("number without unit", cell(0, "unit", None), None, "number_or_date", 0),
    ("date with unit", cell(4, "unit", "km"), None, "number_or_date", 4),
    ("neither number nor date", cell(4, "date_value", None), None, "number_or_date", 4),
    ("more_than with high", cell(3, "value_high", "8000"), None, "bounds_match_qualifier", 3),
    ("nearly without high", cell(0, "qualifier", "nearly"), None, "bounds_match_qualifier", 0),
    ("up_to with low", cell(3, "qualifier", "up_to"), None, "bounds_match_qualifier", 3),
    ("troop sum", cell(0, "value", "260000"), None, "troop_ceilings_add_up", 0),
]


@pytest.mark.parametrize(("mutate", "column", "check", "row"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_variant_fails(mutate, column, check, row):
    """The named check fails: on `column` for a column check, on row `row` for a dataframe check."""
    cases = failures(mutate(valid()))
    hit = cases[cases["check"].astype(str).str.contains(check)]
    if column is not None:
        hit = hit[hit["column"].eq(column)]
    if row is not None:
        hit = hit[hit["index"].eq(row)]
    assert not hit.empty, cases[["column", "check", "index"]]


def test_troop_sum_marks_only_the_total_row():
    # 130,400 (China) + 130,400 (joint side) = 260,800, not 261,000: the total row (index 0) alone fails.
    cases = failures(cell(0, "value", "261000")(valid()))
    flagged = cases.loc[cases["check"].eq("troop_ceilings_add_up"), "index"]
    assert set(flagged) == {0}


@pytest.mark.parametrize("drop", [1, 2], ids=["no china row", "no joint row"])
def test_troop_total_without_both_sides_is_not_involved(drop):
    df = cell(0, "value", "999")(valid()).drop(index=drop)
    assert failures(df).empty


def test_troop_sum_only_within_the_same_agreement_and_source():
    df = valid()
    df.loc[0, ["source_id", "value"]] = [
        "border-other-total",
        "200000",
    ]  # another document's total: not involved
    assert failures(df).empty
    df.loc[0, ["source_id", "agreement_id"]] = ["article-13927", "cbm_1996_shanghai"]  # another agreement
    assert failures(df).empty


def test_bundled_csv_validates():
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])  # no boolean columns to map
    out = BorderSchema.validate(df, lazy=True)
    assert len(out) == len(df) > 0
