"""TradeSchema: a valid frame passes; each check fails on a frame built to break it."""

import pandas as pd
import pytest

from dashboard.schemas.trade import TradeSchema
from tests.schemas.cases import failed_checks


def valid_frame() -> pd.DataFrame:
    """Three rows typed from the source pack: 2000 (article fn 36, China Daily) and 2001 (thesis text)."""
    return pd.DataFrame(
        {
            "year": ["2000", "2000", "2001"],
            "measure": ["turnover", "turnover", "turnover"],
            "value_usd_bn": ["8.0", "8.0", "10.67"],
            "value_low_usd_bn": [None, None, None],
            "value_high_usd_bn": [None, None, None],
            "yoy_change_pct": [None, None, "33.3"],
            "reporting_basis": ["article_2002", "official_statement", "unspecified"],
            "basis_as_reported": [
                "seed article (2002 book review)",
                "Chinese official (Asst. FM Cheng Guoping)",
                "unspecified",
            ],
            "partner": ["russia", "russia", "russia"],
            "preferred": pd.Series([True, False, True], dtype=object),
            "preferred_reason": ["the article's figure", None, "agreed by three sources"],
            "source_id": ["article-19223", "trade-2001-07-china-daily", "trade-nd-m-yuntihai-com"],
            "note": [None, "approximate", None],
        }
    )


def failing_checks(frame: pd.DataFrame) -> set[tuple]:
    """(column or None, check name) of every failure."""
    return failed_checks(TradeSchema, frame)


def test_valid_frame_passes():
    validated = TradeSchema.validate(valid_frame(), lazy=True)
    assert validated["year"].tolist() == [2000, 2000, 2001]


def with_cell(row, column, value):
    frame = valid_frame()
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize(
    ("row", "column", "value", "check"),
    [
        (0, "year", "1889", "greater_than_or_equal_to(1890)"),
        (0, "year", "2101", "less_than_or_equal_to(2100)"),
        (0, "year", "two thousand", "coerce_dtype('int64')"),
        (0, "measure", "balance", "isin"),
        (0, "value_usd_bn", "-1", "greater_than_or_equal_to(0)"),
        (0, "value_low_usd_bn", "-0.5", "greater_than_or_equal_to(0)"),
        (0, "value_high_usd_bn", "-0.5", "greater_than_or_equal_to(0)"),
        (2, "yoy_change_pct", "-101", "greater_than_or_equal_to(-100)"),
        (0, "reporting_basis", "gacc", "isin"),
        (0, "partner", "prc", "isin"),
        (0, "source_id", "Trade 1", "str_matches"),
        (0, "source_id", None, "not_nullable"),
        (0, "basis_as_reported", None, "not_nullable"),
    ],
)
def test_column_checks(row, column, value, check):
    failures = failing_checks(with_cell(row, column, value))
    assert any(col == column and name.startswith(check.split("(")[0]) for col, name in failures), failures


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"value_low_usd_bn": "9"}, "low_le_value_le_high"),
        ({"value_high_usd_bn": "7"}, "low_le_value_le_high"),
        ({"value_usd_bn": None, "preferred": False, "preferred_reason": None}, "states_something"),
        ({"value_usd_bn": None}, "preferred_rows_have_level_and_reason"),
        ({"preferred_reason": None}, "preferred_rows_have_level_and_reason"),
    ],
)
def test_row_checks(changes, check):
    frame = valid_frame()
    for column, value in changes.items():
        frame.loc[0, column] = value
    assert (None, check) in {(None, name) for _, name in failing_checks(frame)}


def test_two_preferred_rows_for_one_year_and_measure_fail():
    frame = with_cell(1, "preferred", True)
    frame.loc[1, "preferred_reason"] = "also preferred"
    assert any(name == "one_preferred_per_year_and_measure" for _, name in failing_checks(frame))


def test_duplicate_key_fails():
    frame = pd.concat([valid_frame(), valid_frame().iloc[[2]]], ignore_index=True)
    frame.loc[3, "preferred"] = False
    assert any("unique" in name for _, name in failing_checks(frame))


def test_text_boolean_is_refused():
    assert any(col == "preferred" for col, _ in failing_checks(with_cell(0, "preferred", "yes")))
