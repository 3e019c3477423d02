"""TargetsSchema: a valid frame passes; each check fails on a frame built to break it."""

import pandas as pd
import pytest

from dashboard.schemas.targets import TargetsSchema
from tests.schemas.cases import failed_checks


def valid_frame() -> pd.DataFrame:
    """The 1996 pledge, the 2004 range and the 1997 troop ceiling, typed from the source pack."""
    return pd.DataFrame(
        {
            "target_id": ["trade_20bn_by_2000", "trade_60_80bn_by_2010", "border_troops_ceiling_1997"],
            "title": ["US$20 bn by 2000", "US$60-80 bn by 2010", "130,400 troops a side"],
            "measure": ["trade_turnover_usd_bn", "trade_turnover_usd_bn", "border_troops_per_side"],
            "unit": ["usd_bn", "usd_bn", "troops"],
            "comparison": ["at_least", "at_least", "at_most"],
            "target_value": ["20", None, "130400"],
            "target_low": [None, "60", None],
            "target_high": [None, "80", None],
            "pledge_year": ["1996", "2004", "1997"],
            "pledge_date": ["1996", "2004", "1997-04-24"],
            "baseline_year": ["1996", "2004", "1997"],
            "deadline_kind": ["by_year", "by_year", "standing"],
            "deadline_year": ["2000", "2010", None],
            "stated_by": [
                "Yeltsin and Jiang Zemin",
                "Chinese and Russian leaders",
                "China and the joint side",
            ],
            "source_ids": [
                "article-19021;targets-2002-01-pravda-ru",
                "targets-2005-06-china-daily",
                "article-13996",
            ],
            "note": [None, None, None],
        }
    )


def failing_checks(frame: pd.DataFrame) -> set[tuple]:
    """(column or None, check name) of every failure."""
    return failed_checks(TargetsSchema, frame)


def test_valid_frame_passes():
    assert len(TargetsSchema.validate(valid_frame(), lazy=True)) == 3


@pytest.mark.parametrize(
    ("row", "column", "value", "check"),
    [
        (0, "target_id", "T 1996", "str_matches"),
        (0, "measure", "trade", "isin"),
        (0, "unit", "usd", "isin"),
        (0, "comparison", "about", "isin"),
        (0, "target_value", "-20", "greater_than_or_equal_to"),
        (0, "pledge_year", "1800", "greater_than_or_equal_to"),
        (0, "deadline_kind", "soon", "isin"),
        (0, "deadline_year", "2200", "less_than_or_equal_to"),
        (0, "source_ids", "article-19021;", "str_matches"),
        (0, "source_ids", None, "not_nullable"),
        (0, "stated_by", None, "not_nullable"),
    ],
)
def test_column_checks(row, column, value, check):
    frame = valid_frame()
    frame.loc[row, column] = value
    failures = failing_checks(frame)
    assert any(col == column and name.startswith(check) for col, name in failures), failures


@pytest.mark.parametrize(
    ("row", "changes", "check"),
    [
        (0, {"target_value": None}, "value_or_range"),
        (1, {"target_high": None}, "value_or_range"),
        (1, {"target_low": "90"}, "value_or_range"),
        (1, {"target_value": "85"}, "value_or_range"),
        (0, {"unit": "troops"}, "unit_matches_measure"),
        (0, {"deadline_year": None}, "deadline_fits_kind"),
        (0, {"deadline_year": "1995"}, "deadline_fits_kind"),
        (2, {"deadline_year": "2020"}, "deadline_fits_kind"),
        (0, {"baseline_year": "1997"}, "baseline_not_after_pledge"),
    ],
)
def test_row_checks(row, changes, check):
    frame = valid_frame()
    for column, value in changes.items():
        frame.loc[row, column] = value
    assert check in {name for _, name in failing_checks(frame)}


def test_duplicate_target_id_fails():
    frame = valid_frame()
    frame.loc[1, "target_id"] = frame.loc[0, "target_id"]
    assert ("target_id", "field_uniqueness") in failing_checks(frame)
