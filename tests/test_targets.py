"""The target ledger, checked against values worked out by hand from the source pack, and by properties."""

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.schemas.ledger import LedgerSchema
from dashboard.targets import cagr_pct, compute_ledger, judge, ledger_frame, missing_years, progress_status

# Preferred turnover levels (US$ bn) as the source pack gives them, by year.
TURNOVER = {
    1996: 6.83,
    1997: 6.12,
    1998: 5.48,
    1999: 5.72,
    2000: 8.0,
    2001: 10.67,
    2002: 11.92,
    2003: 15.76,
    2004: 21.23,
    2005: 29.1,
    2006: 33.4,
    2007: 48.2,
    2008: 56.83,
    2009: 38.8,
    2010: 55.45,
    2011: 79.2,
    2013: 89.21,
    2014: 95.28,
    2015: 64.2,
    2016: 69.525,
    2017: 84.07,
    2018: 107.06,
    2019: 110.75,
    2020: 107.76,
    2021: 146.887,
    2022: 190.271,
    2023: 240.11,
    2024: 244.81,
    2025: 228.105,
}


def target(**overrides) -> dict:
    """A by-year trade target; keyword arguments change it."""
    base = {
        "target_id": "t",
        "title": "t",
        "measure": "trade_turnover_usd_bn",
        "unit": "usd_bn",
        "comparison": "at_least",
        "target_value": 20.0,
        "target_low": None,
        "target_high": None,
        "pledge_year": 1996,
        "baseline_year": 1996,
        "deadline_kind": "by_year",
        "deadline_year": 2000,
        "source_ids": "article-19021",
    }
    base.update(overrides)
    return base


def test_1996_pledge_missed_with_forty_percent():
    entry = judge(target(), TURNOVER, as_of_year=2026)
    assert entry.baseline_value == 6.83  # China Daily, State Councillor Tang Jiaxuan
    assert entry.actual_at_deadline == 8.0  # article fn 36
    assert entry.attainment_pct == pytest.approx(40.0)  # 8.0 / 20 = 0.40
    assert entry.shortfall == pytest.approx(12.0)  # 20 - 8.0
    assert entry.status == "missed"
    assert entry.first_reached_year == 2004  # 21.23 >= 20; 2001-2003 were 10.67, 11.92, 15.76
    assert entry.years_late == 4  # 2004 - 2000
    assert entry.required_cagr_pct == pytest.approx(30.81, abs=0.01)  # (20 / 6.83) ** (1/4) = 1.3081
    assert entry.actual_cagr_pct == pytest.approx(4.03, abs=0.01)  # (8.0 / 6.83) ** (1/4) = 1.0403


def test_200bn_by_2024_met_a_year_early():
    entry = judge(
        target(target_value=200.0, pledge_year=2018, baseline_year=2018, deadline_year=2024),
        TURNOVER,
        as_of_year=2026,
    )
    assert entry.status == "met"
    assert entry.first_reached_year == 2023  # 240.11 >= 200; 2022 was 190.271
    assert entry.years_late == -1  # early
    assert entry.attainment_pct == pytest.approx(122.405)  # 244.81 / 200
    assert entry.shortfall == pytest.approx(-44.81)  # exceeded by 44.81


def test_range_reports_both_ends_and_the_2012_gap():
    entry = judge(
        target(
            target_value=None,
            target_low=60.0,
            target_high=80.0,
            pledge_year=2004,
            baseline_year=2004,
            deadline_year=2010,
        ),
        TURNOVER,
        as_of_year=2026,
    )
    assert entry.status == "missed"  # 55.45 < 60
    assert entry.attainment_pct == pytest.approx(92.4167, abs=1e-3)  # 55.45 / 60
    assert entry.attainment_high_pct == pytest.approx(69.3125, abs=1e-3)  # 55.45 / 80
    assert entry.shortfall == pytest.approx(4.55) and entry.shortfall_high == pytest.approx(24.55)
    assert entry.first_reached_year == 2011  # 79.2 >= 60
    assert entry.first_reached_high_year == 2013  # 89.21 >= 80, and 2012 has no data
    assert entry.gap_years == [2012]
    assert "high end first reached 2013" in entry.notes and "2012 has no data" in entry.notes


def test_100bn_by_2015_names_the_gap_before_it_was_reached():
    entry = judge(
        target(target_value=100.0, pledge_year=2011, baseline_year=2011, deadline_year=2015),
        TURNOVER,
        as_of_year=2026,
    )
    assert (entry.status, entry.actual_at_deadline, entry.first_reached_year) == ("missed", 64.2, 2018)
    assert entry.gap_years == [2012]
    assert "first reached 2018; 2012 has no data" in entry.notes


def test_annual_rate_judges_each_year():
    entry = judge(
        target(
            target_value=250.0,
            pledge_year=2022,
            baseline_year=2022,
            deadline_kind="annual_rate",
            deadline_year=None,
        ),
        TURNOVER,
        as_of_year=2026,
    )
    assert [(row["year"], row["met"]) for row in entry.yearly] == [
        (2022, False),
        (2023, False),
        (2024, False),
        (2025, False),
    ]  # 190.271, 240.11, 244.81, 228.105 < 250
    assert entry.status == "missed"
    assert entry.deadline == "annual rate"
    assert entry.attainment_pct == pytest.approx(91.242)  # 228.105 / 250
    assert entry.first_reached_year is None


def test_ceiling_met_while_not_exceeded_and_missed_when_exceeded():
    ceiling = target(
        measure="border_troops_per_side",
        unit="troops",
        comparison="at_most",
        target_value=130400.0,
        pledge_year=1997,
        baseline_year=1997,
        deadline_kind="standing",
        deadline_year=None,
    )
    assert judge(ceiling, {1998: 120000.0, 1999: 130400.0}, 2026).status == "met"
    exceeded = judge(ceiling, {1998: 120000.0, 1999: 131000.0}, 2026)
    assert exceeded.status == "missed" and "exceeded in 1999" in exceeded.notes


def test_no_actuals_is_no_observation():
    entry = judge(
        target(
            measure="kilo_submarines_delivered",
            unit="submarines",
            target_value=8.0,
            pledge_year=2002,
            baseline_year=2002,
            deadline_year=2007,
        ),
        {},
        2026,
    )
    assert entry.status == "no_observation"
    assert entry.attainment_pct is None and entry.first_reached_year is None


def test_deadline_without_data_is_no_observation_not_missed():
    entry = judge(target(), {1996: 6.83, 1999: 5.72, 2001: 10.67}, 2026)
    assert entry.status == "no_observation"
    assert "deadline 2000 has no data" in entry.notes


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (100.0, "on_track"),  # already at the target (96.8)
        (88.0, "on_track"),  # 88 / 80 - 1 = 10.0% against the required 10.0%: ratio 1.0
        (85.0, "acceleration_needed"),  # 85 / 80 - 1 = 6.25%: ratio 0.625
        (82.0, "limited_progress"),  # 82 / 80 - 1 = 2.5%: ratio 0.25
        (76.0, "deterioration"),  # 76 / 80 - 1 = -5%: ratio -0.5
    ],
)
def test_open_deadline_progress(latest, status):
    # baseline 80.0 in 2024, target 96.8 by 2026 requires 10% a year (80 * 1.1 * 1.1 = 96.8)
    open_target = target(target_value=96.8, pledge_year=2024, baseline_year=2024, deadline_year=2026)
    entry = judge(open_target, {2024: 80.0, 2025: latest}, as_of_year=2025)
    assert entry.required_cagr_pct == pytest.approx(10.0)
    assert entry.status == status
    assert entry.actual_at_deadline is None and entry.actual_year == 2025


def test_compute_ledger_matches_actuals_to_targets_by_measure():
    targets = pd.DataFrame(
        [
            target(),
            target(
                target_id="kilo",
                measure="kilo_submarines_delivered",
                unit="submarines",
                target_value=8.0,
                pledge_year=2002,
                baseline_year=2002,
                deadline_year=2007,
            ),
        ]
    )
    actuals = pd.DataFrame(
        {
            "measure": "trade_turnover_usd_bn",
            "year": list(TURNOVER),
            "value": list(TURNOVER.values()),
            "source_id": "x",
        }
    )
    ledger = compute_ledger(targets, actuals, 2026)
    assert [(e.target_id, e.status) for e in ledger] == [("t", "missed"), ("kilo", "no_observation")]


# ---- properties of the arithmetic ----

levels = st.floats(min_value=0.1, max_value=1e4, allow_nan=False)


@given(start=levels, end=levels, years=st.integers(min_value=1, max_value=40))
def test_cagr_compounds_back_to_the_end_value(start, end, years):
    rate = cagr_pct(start, end, years)
    assert start * (1 + rate / 100) ** years == pytest.approx(end, rel=1e-9)


@given(goal=levels, actual=levels)
def test_attainment_and_shortfall_agree(goal, actual):
    entry = judge(
        target(target_value=goal, pledge_year=2000, baseline_year=2000, deadline_year=2001),
        {2000: 1.0, 2001: actual},
        as_of_year=2026,
    )
    assert entry.attainment_pct == pytest.approx(actual / goal * 100)
    assert entry.shortfall == pytest.approx(goal - actual, abs=1e-6)
    assert entry.status == ("met" if actual >= goal else "missed")
    assert (entry.first_reached_year == 2001) == (actual >= goal) or goal <= 1.0


@given(
    series=st.dictionaries(st.integers(1990, 2030), levels, max_size=30),
    start=st.integers(1990, 2030),
    length=st.integers(0, 20),
)
def test_missing_years_are_exactly_the_unobserved(series, start, length):
    gaps = missing_years(series, start, start + length)
    assert set(gaps) | {y for y in series if start <= y <= start + length} == set(
        range(start, start + length + 1)
    )
    assert not set(gaps) & set(series)


@given(required=st.floats(0.1, 50), actual=st.floats(-50, 50))
def test_progress_rating_follows_the_ratio(required, actual):
    status = progress_status(0.0, 1.0, required, actual, lambda v, t: v >= t)
    ratio = actual / required
    expected = (
        "on_track"
        if ratio >= 0.95
        else "acceleration_needed"
        if ratio >= 0.6
        else "limited_progress"
        if ratio >= 0
        else "deterioration"
    )
    assert status == expected


def test_ledger_schema_refuses_a_verdict_without_numbers():
    entry = judge(target(), TURNOVER, as_of_year=2026)
    LedgerSchema.validate(ledger_frame([entry]))
    entry.actual_at_deadline = None
    with pytest.raises(pa.errors.SchemaError, match="verdict_has_its_numbers"):
        LedgerSchema.validate(ledger_frame([entry]))
