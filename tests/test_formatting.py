"""The one number formatter: expected strings worked out by hand."""

import math

import pytest

from dashboard.formatting import (
    amount,
    attainment,
    dataset_name,
    number,
    percent,
    short_number,
    usd_bn,
    version_label,
    years_late,
    years_late_short,
)


@pytest.mark.parametrize(
    "years, words",
    [(1, "1 year late"), (4, "4 years late"), (-1, "1 year early"), (-3, "3 years early"), (0, "on time")],
)
def test_years_late_in_words(years, words):
    assert years_late(years) == words


def test_years_late_short_is_signed():
    assert (years_late_short(4), years_late_short(-1), years_late_short(0)) == ("+4 y", "-1 y", "+0 y")


def test_numbers_drop_needless_decimals_only():
    assert (number(8.0), number(4.55), number(1234.5), number(40, 0), number(1200.0, 0)) == (
        "8",
        "4.55",
        "1,234.5",
        "40",
        "1,200",
    )
    assert number(None) == "" and number(math.nan, missing="–") == "–"


def test_short_numbers_keep_one_decimal_from_ten():
    assert (short_number(12), short_number(21.94), short_number(4.55), short_number(5.724)) == (
        "12",
        "21.9",
        "4.55",
        "5.72",
    )


def test_amounts_with_units():
    assert amount(8.0, "usd_bn") == "US$8 bn" and amount(55.45, "usd_bn") == "US$55.45 bn"
    assert amount(130400, "troops") == "130,400 troops" and amount(None, "mt") == "–"
    assert amount(4, "submarines") == "4 submarines" and usd_bn(36.8) == "US$36.8 bn"


def test_percentages():
    assert (
        percent(40.2),
        percent(122.0),
        percent(12.25, 1),
        percent(None),
        percent(None, missing="n/a"),
    ) == (
        "40%",
        "122%",
        "12.2%",
        "–",
        "n/a",
    )


def test_versions_and_datasets_in_plain_words():
    assert version_label("trade", "2002") == "As reported in the 2002 article"
    assert version_label("trade", "2026-11-28", (1991, 2025)) == "Current series 1991-2025 (2026-11-28)"
    assert version_label("trade", "2026-11-28") == "Current series (2026-11-28)"
    assert version_label("arms", "2026-11-28") == "Arms transfers (SIPRI), 2026-11-28"
    assert dataset_name("events") == "Timeline of events" and dataset_name("new_thing") == "New thing"


def test_attainment_says_a_bound_as_a_bound():
    assert attainment({"attainment_pct": 40.0}) == "40%"  # 8 / 20
    assert attainment({"attainment_pct": None, "attainment_at_most_pct": 76.0}) == "at most 76%"  # 7.6 / 10
    assert attainment({"attainment_pct": None}) == "–"
    assert attainment({"attainment_pct": 92.416667}, 1) == "92.4%"  # 55.45 / 60
