"""The fan of where a series may go (dashboard.fan), on series whose answer is worked by hand: constant growth
compounds exactly; three equally likely rates put the 10th, 50th and 90th percentiles of one year on each; and
the fan is realism's own bootstrap (same window, seed and paths), not a second one."""

import math

import numpy as np
import pytest

from dashboard.fan import HORIZON_YEARS, MEDIAN, fan
from dashboard.realism import N_PATHS, SEED, WINDOW_YEARS, growth_window, simulate


def ten_percent_a_year(start: int = 2010, years: int = 11) -> dict[int, float]:
    """100 in `start`, +10% every year after it."""
    return {start + k: 100.0 * 1.1**k for k in range(years)}


def test_constant_growth_compounds_by_hand():
    # 100 in 2010, +10% a year: 2020 is 100 * 1.1**10 = 259.374246; every draw is ln 1.1, so every quantile of
    # every year is 259.374246 * 1.1**k: 2021 285.311671, 2023 345.227... (259.374246 * 1.331), 2030 672.749995
    result = fan(ten_percent_a_year())
    assert result is not None
    assert (result.start_year, result.start_value) == (2020, pytest.approx(259.374246))
    assert result.years == list(range(2020, 2031))
    assert result.window == (2011, 2020)
    median = result.levels[MEDIAN]
    assert median[0] == pytest.approx(259.374246)
    assert median[1] == pytest.approx(285.311671)
    assert median[3] == pytest.approx(345.227121)
    assert median[-1] == pytest.approx(672.749995)
    for levels in result.levels.values():  # no spread: every quantile is the compounding
        assert levels == pytest.approx(median)
    assert result.mean_growth_pct == pytest.approx(10.0)


def test_when_the_median_reaches_a_level():
    # from 259.374 in 2020: 285.31 (2021) < 300 <= 313.84 (2022); 1000 would need 1.1**k >= 3.855, k = 15 > 10
    result = fan(ten_percent_a_year())
    assert result.median_reaches(300.0) == 2022
    assert result.median_reaches(259.0) == 2020  # already there
    assert result.median_reaches(1000.0) is None
    assert result.share_at_end(672.0) == 1.0 and result.share_at_end(673.0) == 0.0


def test_three_equally_likely_rates_one_year_ahead():
    # six rates, two each of -10%, 0% and +20% (100 -> 90 -> 81 -> 81 -> 81 -> 97.2 -> 116.64): a year ahead a
    # third of the paths are at 116.64 * 0.9 = 104.976, a third at 116.64 and a third at 116.64 * 1.2 = 139.968,
    # so the 10th percentile is the first, the median the second, the 90th the third (10,000 paths: each third
    # holds about 3,333, far from the 10% and 90% marks)
    series = {2000: 100.0, 2001: 90.0, 2002: 81.0, 2003: 81.0, 2004: 81.0, 2005: 97.2, 2006: 116.64}
    result = fan(series, horizon=1)
    assert result.levels[0.1][1] == pytest.approx(104.976)
    assert result.levels[0.5][1] == pytest.approx(116.64)
    assert result.levels[0.9][1] == pytest.approx(139.968)


def test_the_window_and_the_minimum_are_realisms():
    # the window is the WINDOW_YEARS rates up to the last year; 4 rates (fewer than 5) give no fan
    series = ten_percent_a_year(2000, 30)
    result = fan(series)
    assert result.rates == growth_window(series, 2029)
    assert len(result.rates) == WINDOW_YEARS
    assert fan({2000: 1.0, 2001: 2.0, 2002: 3.0, 2003: 4.0, 2004: 5.0}) is None
    assert fan({}) is None


def test_the_fan_is_realisms_bootstrap():
    # the same seeded paths realism draws for p_at_pledge, summarised year by year
    series = {2014 + k: v for k, v in enumerate([95.3, 64.2, 69.5, 84.1, 107.1, 110.8, 107.8, 146.9, 190.3])}
    result = fan(series)
    paths = simulate(list(growth_window(series, 2022).values()), 190.3, HORIZON_YEARS, N_PATHS, SEED)
    assert result.levels[0.25][1:] == pytest.approx(list(np.quantile(paths, 0.25, axis=0)))
    assert (result.n, result.seed) == (N_PATHS, SEED)
    # the window 2013-2022 has rates for 2015-2022 only (2013 and 2014 lack the year before): 8 rates
    assert sorted(result.rates) == list(range(2015, 2023))
    assert result.rates[2015] == pytest.approx(math.log(64.2 / 95.3))
