"""Tests of MigrationSchema: a hand-typed valid frame passes, and every check fails on its own bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.migration import MigrationSchema
from tests.schemas.cases import failure_cases

CSV = Path(__file__).resolve().parents[2] / "datasets" / "migration" / "2026-11-28" / "migration.csv"
COLUMNS = [
    "year",
    "period_label",
    "geography",
    "geography_label",
    "measure",
    "kind",
    "persons",
    "persons_low",
    "persons_high",
    "share_pct",
    "share_low_pct",
    "qualifier",
    "source_id",
    "note",
]
# Typed by hand from migration.csv: the 2002 census (34,577), the article's Moscow range (20,000-25,000),
# Khabarovsk Krai "a maximum of 20,000" (high only) and Primorskii Krai visa compliance "more than 99 %".
ROWS = [
    [
        "2002",
        "2002",
        "russia",
        "Russian Federation",
        "ethnic_chinese",
        "census",
        "34577",
        None,
        None,
        None,
        None,
        "exact",
        "migration-wafarin-2002",
        None,
    ],
    [
        "2002",
        "c.2002",
        "moscow",
        "Moscow",
        "chinese_population",
        "estimate",
        None,
        "20000",
        "25000",
        None,
        None,
        "approx",
        "article-30086",
        None,
    ],
    [
        "2002",
        "c.2002",
        "khabarovsk_krai",
        "Khabarovsk Krai",
        "chinese_population",
        "estimate",
        "20000",
        None,
        "20000",
        None,
        None,
        "up_to",
        "article-30131",
        None,
    ],
    [
        "1997",
        "1997-2000",
        "primorskii_krai",
        "Primorskii Krai",
        "visa_compliance_share",
        "actual",
        None,
        None,
        None,
        "99",
        "99",
        "more_than",
        "article-29528",
        None,
    ],
]


def valid() -> pd.DataFrame:
    """The valid frame, all cells strings as the loader reads them."""
    return pd.DataFrame(ROWS, columns=COLUMNS)


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The failure cases of validating `df` (empty when it passes)."""
    return failure_cases(MigrationSchema, df)


def cell(row, column, value):
    """A mutation setting one cell."""

    def mutate(df):
        df.loc[row, column] = value
        return df

    return mutate


def test_valid_frame_passes():
    assert failures(valid()).empty


def test_census_conflict_rows_are_both_valid():
    # 2002 census: 34,577 and 39,483 from different copies; both kept (different source ids).
    df = pd.concat([valid(), valid().iloc[[0]]], ignore_index=True)
    df.loc[4, ["persons", "source_id"]] = ["39483", "migration-encycloreader-2002"]
    assert failures(df).empty


def _duplicate(df):
    return pd.concat([df, df.iloc[[1]]], ignore_index=True)


def _extra_column(df):
    df["extra"] = "x"
    return df


# (id, mutation, failing column or None for a dataframe-level check, check name, failing row or None)
BAD = [
    ("year too early", cell(0, "year", "1850"), "year", "greater_than_or_equal_to", 0),
    ("year too late", cell(0, "year", "2150"), "year", "less_than_or_equal_to", 0),
    ("year not an integer", cell(0, "year", "c.2002"), "year", "coerce_dtype", 0),
    ("period_label null", cell(0, "period_label", None), "period_label", "not_nullable", 0),
    ("geography", cell(0, "geography", "Russian Federation"), "geography", "isin", 0),
    ("measure", cell(0, "measure", "migrants"), "measure", "isin", 0),
    ("kind", cell(0, "kind", "limit"), "kind", "isin", 0),
    ("kind null", cell(0, "kind", None), "kind", "not_nullable", 0),
    ("persons negative", cell(0, "persons", "-1"), "persons", "greater_than_or_equal_to", 0),
    ("persons not a number", cell(0, "persons", "34 577"), "persons", "coerce_dtype", 0),
    ("persons_low negative", cell(1, "persons_low", "-20000"), "persons_low", "greater_than_or_equal_to", 1),
    ("persons_high negative", cell(2, "persons_high", "-1"), "persons_high", "greater_than_or_equal_to", 2),
    ("share above 100", cell(3, "share_pct", "101"), "share_pct", "less_than_or_equal_to", 3),
    ("share negative", cell(3, "share_pct", "-1"), "share_pct", "greater_than_or_equal_to", 3),
    ("share_low above 100", cell(3, "share_low_pct", "100.5"), "share_low_pct", "less_than_or_equal_to", 3),
    ("qualifier", cell(0, "qualifier", "roughly"), "qualifier", "isin", 0),
    ("source_id", cell(0, "source_id", "Wafarin 2002"), "source_id", "str_matches", 0),
    ("source_id null", cell(0, "source_id", None), "source_id", "not_nullable", 0),
    ("unique key", _duplicate, "measure", "multiple_fields_uniqueness", None),
    ("strict", _extra_column, "MigrationSchema", "column_in_schema", None),
    ("persons low above high", cell(1, "persons_low", "30000"), None, "low_le_value_le_high", 1),
    ("persons above high", cell(2, "persons", "25000"), None, "low_le_value_le_high", 2),
    ("share low above share", cell(3, "share_low_pct", "99.5"), None, "low_le_value_le_high", 3),
    ("neither persons nor share", cell(0, "persons", None), None, "persons_or_share", 0),
    ("persons and share", cell(0, "share_pct", "0.01"), None, "persons_or_share", 0),
    ("share measure with persons", cell(3, "persons", "1000"), None, "persons_or_share", 3),
    (
        "count measure with only a share",
        cell(3, "measure", "chinese_population"),
        None,
        "persons_or_share",
        3,
    ),
    ("more_than without low", cell(0, "qualifier", "more_than"), None, "bounds_match_qualifier", 0),
    ("up_to without high", cell(2, "persons_high", None), None, "bounds_match_qualifier", 2),
    ("up_to with low", cell(1, "qualifier", "up_to"), None, "bounds_match_qualifier", 1),
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


def test_bundled_csv_validates():
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])  # no boolean columns to map
    out = MigrationSchema.validate(df, lazy=True)
    assert len(out) == len(df) > 0
