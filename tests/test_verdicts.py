"""The answer in one sentence, counted by hand from small ledgers and from the bundled one."""

import pandas as pd
import pytest

from dashboard.processed import build
from dashboard.verdicts import board_order, verdict_line


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """The bundled datasets, judged as of 2026."""
    return build(as_of_year=2026, cache_dir=tmp_path_factory.mktemp("processed"))


def ledger(*statuses, robust=None, deadlines=None) -> pd.DataFrame:
    """A ledger with just what the sentence reads."""
    n = len(statuses)
    return pd.DataFrame(
        {
            "status": list(statuses),
            "robust": robust or [True] * n,
            "deadline": deadlines or [2000 + i for i in range(n)],
            "pledge_year": [1990 + i for i in range(n)],
        }
    )


def test_the_sentence_counts_every_kind_of_verdict_once():
    line = verdict_line(
        ledger("met", "missed", "missed", "on_track", "reached", "not_yet_reached", "no_observation")
    )
    assert line == (
        "Of 7 stated targets, 1 was met and 2 missed; 1 target still open (1 on track); "
        "2 with no deadline: 1 reached, 1 not yet; 1 cannot be judged for lack of data."
    )


def test_the_sentence_leaves_out_what_is_absent_and_says_when_a_verdict_is_fragile():
    assert verdict_line(ledger("missed", "missed")) == "Of 2 stated targets, 0 were met and 2 missed."
    assert verdict_line(ledger("on_track", "deterioration", robust=[True, False])) == (
        "Of 2 stated targets, none has a deadline that has passed; 2 targets still open (1 on track, 1 moving "
        "away). 1 verdict depends on which sourced figure is used."
    )


def test_the_bundled_ledger_in_one_sentence(processed):
    # As of 2026 (targets 2026-11-30b, energy 2026-11-30): met are US$20 bn in 4-5 years (56.83 in 2008), US$200 bn
    # by 2024 (244.81) and US$200 bn in 2023 (240.11); missed are US$20 bn by 2000 (8.0), 60-80 bn by 2010
    # (55.45 < 60), 100 bn by 2015 (64.2), 200 bn by 2020 (107.76) and Yukos' 10 Mt by 2005 (no Yukos figure, but
    # all of Russia's rail oil exports to China were 7.6 Mt in 2005, East Siberian Railway: 7.6 < 10); with no
    # deadline, Power of Siberia's 38 bcm is reached (38.8 in 2025 >= 38) and the 250 bn a year is not (228.105
    # in 2025); the troop ceiling and the eight Kilo submarines have no actual in the data.
    assert verdict_line(processed.derived.ledger) == (
        "Of 12 stated targets, 3 were met and 5 missed; 2 with no deadline: 1 reached, 1 not yet; "
        "2 cannot be judged for lack of data."
    )


def test_the_board_lists_targets_by_deadline_then_those_without_one():
    frame = ledger("met", "missed", "reached", deadlines=[2010, "annual rate", 2000])
    assert board_order(frame)["deadline"].tolist() == [2000, 2010, "annual rate"]
