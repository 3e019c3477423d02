"""p_at_pledge and its backtest, on series whose answer is known exactly, and the status history of the 1996
pledge, worked by hand from the preferred turnover of datasets/trade/2026-11-28/trade.csv."""

import math
from itertools import product

import numpy as np
import pytest

from dashboard.commands.targets import backtest_text
from dashboard.realism import (
    MIN_RATES,
    N_PATHS,
    SEED,
    backtest,
    growth_window,
    p_at_pledge,
    reach_probabilities,
    simulate,
)
from dashboard.targets import status_history

UP = math.log(1.2)


def test_constant_growth_gives_deterministic_paths():
    # +10% every year from 100: 110, 121, 133.1, 146.41, 161.051; five rates of ln 1.1
    series = {2000: 100.0, 2001: 110.0, 2002: 121.0, 2003: 133.1, 2004: 146.41, 2005: 161.051}
    # two years on from 161.051: 161.051 * 1.21 = 194.87171
    reached = p_at_pledge(series, 2005, 161.051, 2007, 194.8)
    short = p_at_pledge(series, 2005, 161.051, 2007, 194.9)
    assert (reached.p, reached.p_any_year) == (1.0, 1.0)
    assert (short.p, short.p_any_year) == (0.0, 0.0)
    # from a stated baseline of 200 instead: 200 * 1.1**3 = 266.2
    assert p_at_pledge(series, 2005, 200.0, 2008, 266.0).p == 1.0
    assert p_at_pledge(series, 2005, 200.0, 2008, 266.5).p == 0.0


def test_two_rates_two_years():
    # {+0%, +20%} equally likely, 2 years from 100, target 120: reached unless both years are +0%: 1 - 1/4
    at_deadline, any_year = reach_probabilities([0.0, UP], 100.0, 120.0, 2)
    assert at_deadline == pytest.approx(0.75, abs=0.02)
    assert any_year == pytest.approx(0.75, abs=0.02)


def test_reached_at_the_deadline_not_in_any_year():
    # {+20%, -1/6 (x 1/1.2)} from 100, target 110 in 2 years: 144 / 100 / 100 / 69.4 at the deadline: 1 in 4;
    # in some year: any path that starts with +20% (120 >= 110): 2 in 4
    at_deadline, any_year = reach_probabilities([UP, -UP], 100.0, 110.0, 2)
    assert at_deadline == pytest.approx(0.25, abs=0.02)
    assert any_year == pytest.approx(0.50, abs=0.02)


def test_a_ceiling_is_met_while_not_exceeded():
    # {+0%, +20%} from 100, at most 100 after 2 years: only +0%, +0%: 1 in 4
    at_deadline, _ = reach_probabilities([0.0, UP], 100.0, 100.0, 2, at_most=True)
    assert at_deadline == pytest.approx(0.25, abs=0.02)


def test_the_seed_makes_it_reproducible():
    first = reach_probabilities([0.0, UP, -UP], 100.0, 110.0, 3)
    assert reach_probabilities([0.0, UP, -UP], 100.0, 110.0, 3) == first
    assert (SEED, N_PATHS) == (20261130, 10_000)
    assert simulate([0.0, UP], 100.0, 2).shape == (10_000, 2)
    assert not np.array_equal(simulate([0.0, UP], 100.0, 3, seed=1), simulate([0.0, UP], 100.0, 3, seed=2))


def test_the_window_keeps_years_with_data_on_both_ends():
    series = {2004: 40.0, 2010: 50.0, 2011: 100.0, 2013: 121.0, 2014: 133.1}
    # ten years 2005-2014: 2011 (50 -> 100) and 2014 (121 -> 133.1); 2012 and 2013 lack a neighbour
    rates = growth_window(series, 2014)
    assert sorted(rates) == [2011, 2014]
    assert rates[2011] == pytest.approx(math.log(2.0))
    assert rates[2014] == pytest.approx(math.log(1.1))


def test_too_few_rates_give_no_probability():
    series = {1991: 3.9, 1992: 5.86, 1993: 7.68, 1994: 5.08, 1995: 5.46}  # four rates, 1992-1995
    realism = p_at_pledge(series, 1995, 5.46, 2000, 20.0)
    assert MIN_RATES == 5
    assert realism.p is None and "4 annual growth rates in 1986-1995 (at least 5 needed)" in realism.note
    assert p_at_pledge(series, None, None, 2023, 200.0).p is None  # due in its pledge year
    assert p_at_pledge(series, 1995, 5.46, None, 250.0).p is None  # no deadline year


def test_the_1996_pledge_against_an_exhaustive_count():
    # the 5 rates of 1992-1996 (3.9, 5.86, 7.68, 5.08, 5.46, 6.83); 20 from 6.83 in 4 years needs a sum of
    # log rates >= ln(20 / 6.83) = 1.0744; of the 5**4 = 625 equally likely draws, the count that does
    levels = {1991: 3.9, 1992: 5.86, 1993: 7.68, 1994: 5.08, 1995: 5.46, 1996: 6.83}
    rates = [math.log(levels[y] / levels[y - 1]) for y in range(1992, 1997)]
    exact = sum(sum(draw) >= math.log(20 / 6.83) for draw in product(rates, repeat=4)) / 625
    realism = p_at_pledge(levels, 1996, 6.83, 2000, 20.0)
    assert realism.p == pytest.approx(exact, abs=0.02)
    assert "5 annual log growth rates of 1987-1996" in realism.note and "seed 20261130" in realism.note


def made_up_ledger() -> list[dict]:
    """Seven targets: five judged with a p, one open, one judged without a p."""
    rows = [
        ("a", "met", 0.9),
        ("b", "missed", 0.2),
        ("c", "met", 0.3),
        ("d", "missed", 0.7),
        ("g", "missed", 1.0),
        ("e", "on_track", 0.5),
        ("f", "met", None),
    ]
    return [{"target_id": t, "status": s, "p_at_pledge": p} for t, s, p in rows]


def test_brier_score_and_calibration_by_hand():
    result = backtest(made_up_ledger())
    # (0.9-1)^2 + (0.2-0)^2 + (0.3-1)^2 + (0.7-0)^2 + (1-0)^2 = 0.01 + 0.04 + 0.49 + 0.49 + 1 = 2.03; / 5
    assert result["n"] == 5
    assert result["brier_score"] == pytest.approx(0.406)
    # 2 of 5 met: always forecasting 0.4 scores 0.4 * 0.6
    assert result["share_met"] == pytest.approx(0.4)
    assert result["reference_brier_score"] == pytest.approx(0.24)
    bins = [(b["low"], b["high"], b["count"], b["mean_p"], b["share_met"]) for b in result["calibration"]]
    assert bins[0] == (0.0, 0.2, 0, None, None)  # 0.2 belongs to the next bin
    assert bins[1][:3] == (0.2, 0.4, 2) and bins[1][3:] == pytest.approx((0.25, 0.5))  # b, c
    assert bins[2] == (0.4, 0.6, 0, None, None)  # e is open: not judged
    assert bins[3][:3] == (0.6, 0.8, 1) and bins[3][3:] == pytest.approx((0.7, 0.0))  # d
    assert bins[4][:3] == (0.8, 1.0, 2) and bins[4][3:] == pytest.approx((0.95, 0.5))  # a, g (1.0 included)
    text = backtest_text(result)
    assert "5 judged targets" in text and "Brier score 0.406" in text and "0.240" in text


def test_the_1996_pledge_status_history_by_hand():
    # preferred turnover; required growth from 6.83 (1996) to 20 (2000): (20 / 6.83) ** (1/4) - 1 = 30.8%
    series = {1996: 6.83, 1997: 6.12, 1998: 5.48, 1999: 5.72, 2000: 8.0, 2001: 10.67}
    pledge = {
        "target_id": "trade_20bn_by_2000",
        "title": "US$20 bn by 2000",
        "measure": "trade_turnover_usd_bn",
        "unit": "usd_bn",
        "comparison": "at_least",
        "pledge_year": 1996,
        "baseline_year": 1996,
        "deadline_kind": "by_year",
        "deadline_year": 2000,
        "target_value": 20.0,
    }
    history = {row["year"]: row["status"] for row in status_history(pledge, series, 2003)}
    assert history == {
        1996: "no_observation",  # the pledge year alone: growth over 0 years is undefined
        1997: "deterioration",  # 6.12, 5.48, 5.72: below 6.83, growth negative
        1998: "deterioration",
        1999: "deterioration",
        2000: "limited_progress",  # (8 / 6.83) ** (1/4) - 1 = 4.0% a year: 13% of the 30.8% needed
        2001: "missed",  # 8.0 in 2000 against 20
        2002: "missed",
        2003: "missed",
    }


def test_the_ledger_carries_p_at_pledge_and_status_history(catalog):
    from dashboard.processed import build
    from dashboard.targets import ledger_records

    records = {r["target_id"]: r for r in ledger_records(build(catalog, as_of_year=2026).derived.ledger)}
    first = records["trade_20bn_by_2000"]
    assert first["p_at_pledge"] == pytest.approx(94 / 625, abs=0.02)  # the exhaustive count above: 94 of 625
    assert [row["status"] for row in first["status_history"]] == [
        "no_observation",
        *["deterioration"] * 3,
        "limited_progress",
        *["missed"] * 26,  # 2001-2026
    ]
    assert records["trade_200bn_in_2023"]["p_at_pledge"] is None  # due in its pledge year
    assert records["trade_250bn_a_year"]["p_at_pledge"] is None  # no deadline year
    assert all(0 <= r["p_at_pledge"] <= 1 for r in records.values() if r["p_at_pledge"] is not None)
    assert all(r["p_at_pledge_note"] for r in records.values())


def _bilateral(*args: str):
    """The console script run as a user runs it."""
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "bilateral"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_the_command_prints_the_backtest_and_keeps_the_csv_valid():
    import csv
    import io
    import json

    done = _bilateral("targets", "--backtest", "--json", "--as-of", "2026")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # judged with a p: 20 bn by 2000, 20 bn in 4-5 years, 60-80 by 2010, 100 by 2015, 200 by 2020, 200 by
    # 2024 (200 in 2023 is judged but due in its pledge year: no p); met: the 2003 and 2018 pledges
    assert result["n"] == 6 and result["share_met"] == pytest.approx(2 / 6)
    assert sum(row["count"] for row in result["calibration"]) == 6
    words = _bilateral("targets", "--backtest", "--as-of", "2026").stdout
    assert "Brier score" in words and "indicative only" in words
    rows = list(csv.DictReader(io.StringIO(_bilateral("targets", "--csv", "--as-of", "2026").stdout)))
    first = next(r for r in rows if r["target_id"] == "trade_20bn_by_2000")
    assert first["status_history"].startswith("1996:no_observation;1997:deterioration;")
    assert 0 < float(first["p_at_pledge"]) < 1
    assert _bilateral("targets", "--backtest", "--csv").returncode == 2
