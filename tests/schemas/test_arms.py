"""ArmsSchema: a hand-typed valid frame passes, and each check rejects its bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.arms import ArmsSchema
from tests.schemas.cases import failure_cases

BUNDLED = Path(__file__).resolve().parents[2] / "datasets" / "arms" / "2026-11-28" / "arms.csv"
COLUMNS = [
    "year",
    "period_label",
    "period_type",
    "series",
    "supplier",
    "recipient",
    "tiv_usd_m",
    "share_pct",
    "share_low_pct",
    "change_pct",
    "qualifier",
    "measure_basis",
    "vintage",
    "source_id",
    "note",
]
N = None
# Typed by hand, as strings, from the source pack's arms_transfers.csv (snapshots/source-pack/).
ROWS = [
    [
        "1950",
        "1950",
        "year",
        "tiv_supplier_total_exports",
        "Soviet Union",
        "All recipients",
        "3977.0",
        N,
        N,
        N,
        "exact",
        "tiv",
        "sipri-2022-05",
        "arms-sipri-2022-05-export",
        N,
    ],
    [
        "2021",
        "2021",
        "year",
        "tiv_supplier_to_china",
        "Russia",
        "China",
        "466.75",
        N,
        N,
        N,
        "exact",
        "tiv",
        "sipri-2025-01",
        "arms-sipri-2025-01-register",
        "sum of register rows by delivery year",
    ],
    [
        "2000",
        "2000 (as of Oct)",
        "part_year",
        "share_china_of_supplier_exports",
        "Russia",
        "China",
        N,
        "49.9",
        N,
        N,
        "exact",
        "money_value",
        "article-2002",
        "article-8397",
        N,
    ],
    [
        "2000",
        "2000 (after Dec deliveries)",
        "year",
        "share_china_of_supplier_exports",
        "Russia",
        "China",
        N,
        N,
        "70",
        N,
        "more_than",
        "money_value",
        "article-2002",
        "article-8567",
        N,
    ],
    [
        "2023",
        "2014-2018 to 2019-2023",
        "five_years_change",
        "change_china_total_imports",
        "All suppliers",
        "China",
        N,
        N,
        N,
        "-44",
        "exact",
        "tiv",
        "sipri-factsheet-2024-03",
        "arms-deccan-herald-2024-03-11",
        N,
    ],
]


def valid() -> pd.DataFrame:
    """The hand-typed valid frame."""
    return pd.DataFrame(ROWS, columns=COLUMNS, dtype=object)


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The failure cases of validating `df` (empty when it passes)."""
    return failure_cases(ArmsSchema, df)


def test_valid_frame_passes():
    out = ArmsSchema.validate(valid(), lazy=True)
    assert len(out) == len(ROWS)
    assert out.loc[1, "tiv_usd_m"] == 466.75


# (row, column, bad value, column named in failure_cases, substring of the failing check)
COLUMN_CASES = [
    (0, "year", "1889", "year", "greater_than_or_equal_to"),
    (0, "year", "2101", "year", "less_than_or_equal_to"),
    (0, "year", N, "year", "not_nullable"),
    (0, "period_label", "195", "period_label", "str_length"),
    (0, "period_type", "month", "period_type", "isin"),
    (0, "series", "tiv_total", "series", "isin"),
    (0, "supplier", "USSR", "supplier", "isin"),
    (1, "recipient", "PRC", "recipient", "isin"),
    (1, "tiv_usd_m", "-1", "tiv_usd_m", "greater_than_or_equal_to"),
    (2, "share_pct", "100.5", "share_pct", "less_than_or_equal_to"),
    (2, "share_pct", "-0.1", "share_pct", "greater_than_or_equal_to"),
    (3, "share_low_pct", "101", "share_low_pct", "less_than_or_equal_to"),
    (4, "change_pct", "-100.1", "change_pct", "greater_than_or_equal_to"),
    (3, "qualifier", "over", "qualifier", "isin"),
    (2, "measure_basis", "usd", "measure_basis", "isin"),
    (2, "vintage", "sipri-2024", "vintage", "isin"),
    (2, "vintage", N, "vintage", "not_nullable"),
    (1, "source_id", "Arms SIPRI", "source_id", "str_matches"),
    (1, "source_id", N, "source_id", "not_nullable"),
    (0, "tiv_usd_m", "many", "tiv_usd_m", "coerce_dtype"),
]


@pytest.mark.parametrize("row, column, bad, failed_column, check", COLUMN_CASES)
def test_column_checks_reject(row, column, bad, failed_column, check):
    df = valid()
    df.loc[row, column] = bad
    fc = failures(df)
    hit = fc[(fc["column"] == failed_column) & fc["check"].astype(str).str.contains(check)]
    assert not hit.empty, fc


# (changes to the valid frame: row -> {column: value}, dataframe check expected to fail, failing row)
FRAME_CASES = [
    ({1: {"share_pct": "20.2"}}, "one_value_per_series", 1),  # two values on one row
    ({0: {"tiv_usd_m": N}}, "one_value_per_series", 0),  # no value
    ({2: {"share_pct": N, "change_pct": "49.9"}}, "one_value_per_series", 2),  # wrong column for the series
    ({1: {"recipient": "All recipients"}}, "parties_match_series", 1),
    ({4: {"supplier": "Russia"}}, "parties_match_series", 4),
    ({0: {"year": "1992", "period_label": "1992"}}, "supplier_matches_year", 0),
    ({2: {"year": "1991", "period_label": "1991 (as of Oct)"}}, "supplier_matches_year", 2),
    ({1: {"measure_basis": "money_value"}}, "tiv_figures_have_tiv_basis", 1),
    ({4: {"measure_basis": "money_value"}}, "tiv_figures_have_tiv_basis", 4),
    ({1: {"vintage": "article-2002"}}, "tiv_series_in_tiv_vintages", 1),
    ({4: {"vintage": "sipri-2022-05"}}, "tiv_series_in_tiv_vintages", 4),
    ({3: {"qualifier": "exact"}}, "qualifier_matches_bound", 3),
    ({2: {"qualifier": "more_than"}}, "qualifier_matches_bound", 2),
    ({2: {"period_label": "2001 (as of Oct)"}}, "period_label_names_year", 2),
]


@pytest.mark.parametrize("changes, check, bad_row", FRAME_CASES)
def test_dataframe_checks_reject(changes, check, bad_row):
    df = valid()
    for row, values in changes.items():
        for column, value in values.items():
            df.loc[row, column] = value
    fc = failures(df)
    hit = fc[fc["check"] == check]
    assert not hit.empty, fc
    assert set(hit["index"].dropna().astype(int)) == {bad_row}


def test_primary_key_is_unique():
    df = pd.concat([valid(), valid().iloc[[1]]], ignore_index=True)
    fc = failures(df)
    assert set(fc.loc[fc["check"] == "multiple_fields_uniqueness", "index"].astype(int)) == {1, 5}


def test_same_year_in_two_vintages_is_allowed():
    """2021 Russia->China: 773 (sipri-2022-05) beside 466.75 (sipri-2025-01), kept as two rows."""
    df = valid()
    extra = df.iloc[[1]].assign(
        tiv_usd_m="773.0", vintage="sipri-2022-05", source_id="arms-sipri-2022-05-export"
    )
    ArmsSchema.validate(pd.concat([df, extra], ignore_index=True), lazy=True)


def test_extra_column_is_rejected():
    fc = failures(valid().assign(value="1"))
    assert "column_in_schema" in set(fc["check"])


def test_bundled_csv_validates():
    df = pd.read_csv(BUNDLED, dtype=str, keep_default_na=False, na_values=[""])
    out = ArmsSchema.validate(df, lazy=True)
    assert list(out.columns) == COLUMNS
    assert len(out) == 372
