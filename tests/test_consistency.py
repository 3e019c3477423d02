"""Consistency warnings: reported changes against levels, and Chinese against Russian customs."""

import pandas as pd

from dashboard.consistency import basis_gaps, yoy_mismatches


def frame(rows) -> pd.DataFrame:
    columns = [
        "year",
        "measure",
        "value_usd_bn",
        "yoy_change_pct",
        "reporting_basis",
        "preferred",
        "source_id",
    ]
    return pd.DataFrame(rows, columns=columns)


def test_reported_change_that_the_levels_contradict_is_flagged():
    # 2015 64.2 at -27.8% (TASS) against 2014's 95.28: 64.2 / 95.28 - 1 = -32.6%, 4.8 points off
    trade = frame(
        [
            (2014, "turnover", 95.28, 6.8, "china_customs", True, "a"),
            (2015, "turnover", 64.2, -27.8, "china_customs", True, "b"),
        ]
    )
    warnings = yoy_mismatches(trade, "trade.csv", [2, 3], tolerance_pp=1.0)
    assert [(w.line, w.kind) for w in warnings] == [(3, "yoy_mismatch")]
    assert "-27.8%" in warnings[0].message and "-32.6%" in warnings[0].message


def test_change_within_tolerance_is_not_flagged():
    # 2001: 10.67 / 8.0 - 1 = 33.4% against the article's 33.3%
    trade = frame(
        [
            (2000, "turnover", 8.0, None, "article_2002", True, "a"),
            (2001, "turnover", 10.67, 33.3, "article_2002", True, "b"),
        ]
    )
    assert yoy_mismatches(trade, "f", [2, 3], tolerance_pp=1.0) == []


def test_change_without_a_previous_level_is_not_judged():
    trade = frame([(2023, "china_exports_to_russia", None, 46.9, "china_customs", False, "a")])
    assert yoy_mismatches(trade, "f", [2], tolerance_pp=1.0) == []


def test_customs_bases_differing_beyond_tolerance_are_flagged():
    # 2010: Russian customs 59.34 against Chinese customs 55.45: +7.0%
    trade = frame(
        [
            (2010, "turnover", 55.45, None, "china_customs", True, "cn"),
            (2010, "turnover", 59.34, None, "russia_customs", False, "ru"),
            (2018, "turnover", 107.06, None, "china_customs", True, "cn18"),
            (2018, "turnover", 108.3, None, "russia_customs", False, "ru18"),
        ]
    )
    flagged = basis_gaps(trade, "f", [2, 3, 4, 5], tolerance_pct=2.0)
    assert [(w.line, w.kind) for w in flagged] == [(3, "basis_gap")]  # 2018: 1.2% is within 2%
    assert "+7.0%" in flagged[0].message
    assert len(basis_gaps(trade, "f", [2, 3, 4, 5], tolerance_pct=1.0)) == 2
