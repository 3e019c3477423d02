"""Chinese against Russian customs gaps: one row per Russian figure, measured against the preferred Chinese one."""

import pandas as pd
import pytest

from dashboard.pipeline.customs import customs_gaps


def _trade(rows):
    """A trade frame with the columns customs_gaps reads."""
    return pd.DataFrame(
        rows, columns=["year", "measure", "value_usd_bn", "reporting_basis", "preferred", "source_id"]
    )


def test_gap_is_russian_over_chinese_in_percent():
    trade = _trade(
        [
            (2010, "turnover", 55.45, "china_customs", False, "cn"),
            (2010, "turnover", 59.34, "russia_customs", False, "ru"),
        ]
    )
    gaps = customs_gaps(trade)
    assert gaps[
        ["year", "china_usd_bn", "russia_usd_bn", "china_source_id", "russia_source_id"]
    ].values.tolist() == [[2010, 55.45, 59.34, "cn", "ru"]]
    assert gaps["gap_usd_bn"].iloc[0] == pytest.approx(3.89)
    assert gaps["gap_pct"].iloc[0] == pytest.approx(7.015329, abs=1e-5)  # 59.34 / 55.45 - 1


def test_every_russian_row_is_kept_and_the_preferred_chinese_row_is_the_reference():
    trade = _trade(
        [
            (2018, "turnover", 100.0, "china_customs", False, "cn-other"),
            (2018, "turnover", 107.06, "china_customs", True, "cn-preferred"),
            (2018, "turnover", 108.3, "russia_customs", False, "ru-1"),
            (2018, "turnover", 109.0, "russia_customs", False, "ru-2"),
        ]
    )
    gaps = customs_gaps(trade)
    assert gaps["russia_source_id"].tolist() == ["ru-1", "ru-2"]
    assert set(gaps["china_source_id"]) == {"cn-preferred"}
    assert gaps["gap_pct"].round(1).tolist() == [1.2, 1.8]


def test_years_with_one_basis_other_measures_and_missing_levels_give_no_row():
    trade = _trade(
        [
            (2008, "turnover", 56.83, "china_customs", True, "cn"),
            (2009, "turnover", None, "china_customs", True, "cn-empty"),
            (2009, "turnover", 40.0, "russia_customs", False, "ru"),
            (2010, "china_exports_to_russia", 29.0, "china_customs", True, "cn-x"),
            (2010, "china_exports_to_russia", 30.0, "russia_customs", False, "ru-x"),
        ]
    )
    assert customs_gaps(trade).empty
    assert len(customs_gaps(trade, "china_exports_to_russia")) == 1
