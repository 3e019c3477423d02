"""The fan chart of where trade may go against the open targets, and the chart of how the pledges moved: on small
frames worked by hand, then the titles on the bundled data (datasets/trade/2026-11-28, targets/2026-11-30)."""

import pandas as pd
import pytest

from dashboard.figures import findings
from dashboard.figures.describe import describe
from dashboard.figures.drift import curve, drift_figure, label_boxes, label_places, label_text, pledges
from dashboard.figures.outlook import fan_figure, open_targets
from dashboard.figures.registry import FigureParams, registered
from dashboard.figures.shown import shown_rows

TRADE = "trade_turnover_usd_bn"
COLUMNS = [
    "target_id",
    "title",
    "measure",
    "unit",
    "pledge_year",
    "deadline",
    "target_value",
    "target_low",
    "target_high",
    "status",
    "successor_id",
    "source_ids",
]
# A chain of three trade pledges (20 by 2000 -> 20 by 2008 -> 300 a year) and one standing apart (60-80 by
# 2010), plus a gas target that is never drawn.
ROWS = [
    ("a", "US$20 bn by 2000", TRADE, "usd_bn", 1996, 2000, 20.0, None, None, "missed", "b", "src-a;src-x"),
    ("b", "US$20 bn by 2008", TRADE, "usd_bn", 2003, 2008, 20.0, None, None, "met", "c", "src-b"),
    ("c", "US$300 bn a year", TRADE, "usd_bn", 2019, "annual rate", 300.0, None, None, "not_yet_reached", "",
     "src-c"),
    ("d", "US$60-80 bn by 2010", TRADE, "usd_bn", 2004, 2010, None, 60.0, 80.0, "missed", "", "src-d"),
    ("g", "38 bcm a year", "gas_power_of_siberia_bcm", "bcm", 2014, "annual rate", 38.0, None, None,
     "not_yet_reached", "", "src-g"),
]  # fmt: skip


@pytest.fixture
def ledger() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


@pytest.fixture
def actuals() -> pd.DataFrame:
    """Turnover of 100 in 2010, +10% a year to 259.374 in 2020, each year its own source."""
    years = list(range(2010, 2021))
    return pd.DataFrame(
        {
            "measure": TRADE,
            "year": years,
            "value": [100.0 * 1.1 ** (y - 2010) for y in years],
            "source_id": [f"s{y}" for y in years],
        }
    )


def _trace(fig, name):
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, [t.name for t in fig.data]
    return matches[0]


# --- the fan ---------------------------------------------------------------------------------------------------


def test_open_targets_are_the_trade_targets_without_a_deadline(ledger):
    assert [row["target_id"] for row in open_targets(ledger)] == ["c"]


def test_fan_median_is_the_compounding_and_the_title_says_when_it_reaches_the_target(ledger, actuals):
    # from 259.374 (2020) at +10% a year: 285.31 (2021), 313.84 (2022) >= 300: the median reaches it by 2022
    fig = fan_figure(actuals, ledger)
    median = _trace(fig, "Median simulation")
    assert list(median.x) == list(range(2020, 2031))
    assert median.y[2] == pytest.approx(313.842838)
    assert fig.layout.title.text.replace("<br>", " ") == (
        "If trade grows as it did in 2011-2020, US$300 bn a year (pledged 2019) is reached by 2022 in half the "
        "simulations"
    )
    target = _trace(fig, "US$300 bn a year (pledged 2019)")
    assert list(target.x) == [2019, 2030] and list(target.y) == [300.0, 300.0]
    assert [a.text for a in fig.layout.annotations if a.name == "median_reaches"] == [
        "median reaches<br>it by 2022"
    ]
    # the observed years the window replays, from 2010 (the level 2011's rate grows from), each with its source
    rows = shown_rows(fig)
    observed = rows[rows["series"] == "Turnover"]
    assert list(observed["x"]) == list(range(2010, 2021))
    assert set(rows["source_id"].dropna()) == {f"s{y}" for y in range(2010, 2021)} | {"src-c"}
    assert "10,000 simulations" in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "(mean +10% a year)" in fig.layout.title.subtitle.text.replace("<br>", " ")


def test_the_fans_data_holds_every_quantile_marked_as_computed(ledger, actuals):
    # every year's growth is +10%, so every simulation compounds alike: each quantile is 259.374 x 1.1^k
    rows = shown_rows(fan_figure(actuals, ledger))
    computed = rows[rows["computed"].notna()]
    assert computed["source_id"].isna().all() and rows[rows["computed"].isna()]["source_id"].notna().all()
    assert sorted(set(computed["series"])) == [
        "10th percentile of the simulations",
        "25th percentile of the simulations",
        "75th percentile of the simulations",
        "90th percentile of the simulations",
        "Median simulation",
    ]
    for _, line in computed.groupby("series"):
        assert list(line["x"]) == list(range(2020, 2031))
        assert line["y"].iloc[2] == pytest.approx(313.842838)  # 2022
    how = computed["computed"].iloc[0]
    assert "10,000 simulations" in how and "2011-2020" in how and how.endswith("not a sourced figure")


def test_fan_is_described_data_first(ledger, actuals):
    text = describe(fan_figure(actuals, ledger), "Where trade may go")
    assert text.startswith(
        "Line and dot chart: Where trade may go, 2010-2030. Turnover: from US$100 bn in 2010 to"
    )
    assert "US$300 bn a year (pledged 2019): from US$300 bn in 2019 to US$300 bn in 2030" in text
    assert "Median simulation: from US$259.4 bn in 2020 to US$672.7 bn in 2030" in text


def test_fan_without_enough_growth_says_so(ledger, actuals):
    fig = fan_figure(actuals[actuals["year"] >= 2017], ledger)  # 2018-2020: 3 rates
    assert [a.name for a in fig.layout.annotations if a.name == "no_data"] == ["no_data"]


def test_fan_titles(actuals):
    window, start = (2016, 2025), (2025, 228.1)
    target = {"target_value": 250.0, "deadline": "annual rate", "pledge_year": 2022, "unit": "usd_bn"}
    assert findings.fan_finding(window, start, (2035, 806.0), None, target) == (
        "If trade grows as it did in 2016-2025, US$250 bn a year (pledged 2022) is not reached by 2035 in half "
        "the simulations"
    )
    assert findings.fan_finding(window, start, (2035, 806.0), 2025, target) == (
        "Trade was US$228.1 bn in 2025, already at US$250 bn a year (pledged 2022)"
    )
    assert findings.fan_finding(window, start, (2035, 806.0), None, None) == (
        "If trade grows as it did in 2016-2025, half the simulations put it above US$806 bn in 2035"
    )


# --- the drift ---------------------------------------------------------------------------------------------------


def test_pledges_sit_at_their_deadline_and_level(ledger):
    drawn = {row["target_id"]: (row["x"], row["y"]) for row in pledges(ledger, 2026)}
    # the range is judged at its low end; the annual rate is drawn at the as-of year; gas is not trade
    assert drawn == {"a": (2000, 20.0), "b": (2008, 20.0), "d": (2010, 60.0), "c": (2026, 300.0)}


def test_drift_draws_statuses_in_words_symbols_and_arrows_to_successors(ledger):
    fig = drift_figure(ledger, as_of_year=2026)
    missed = _trace(fig, "Missed")
    assert list(zip(missed.x, missed.y)) == [(2000, 20.0), (2010, 60.0)]
    assert missed.marker.symbol == "x"
    assert _trace(fig, "Met").marker.symbol == "circle"
    assert _trace(fig, "Not yet reached").marker.symbol == "circle-open"
    heads = sorted(a.name for a in fig.layout.annotations if a.name.startswith("replaced_by:"))
    assert heads == ["replaced_by:b", "replaced_by:c"]  # a -> b -> c; d replaced nothing
    labels = {a.name: a.text for a in fig.layout.annotations if a.name.startswith("label:")}
    assert labels == {
        "label:a": "1996<br>missed",
        "label:b": "2003<br>met",
        "label:c": "2019<br>not yet reached",
        "label:d": "2004<br>missed",
    }
    assert fig.layout.title.text.replace("<br>", " ") == (
        "Replaced pledges moved later 2 times out of 2 and higher once: from US$20 bn by 2000 (pledged 1996) to "
        "US$300 bn a year (pledged 2019)"
    )
    rows = shown_rows(fig)
    assert set(rows["source_id"]) == {"src-a", "src-b", "src-c", "src-d"}  # each pledge's first source
    # each marker names its pledge
    named = rows.dropna(subset=["point"]).set_index("point")["series"].to_dict()
    assert named == {
        "US$20 bn by 2000": "Missed",
        "US$60-80 bn by 2010": "Missed",
        "US$20 bn by 2008": "Met",
        "US$300 bn a year": "Not yet reached",
    }


def test_a_link_bows_above_the_straight_line():
    # from (2000, 20) to (2008, 20) lifted 10: the control point is (2004, 30), the curve's middle (2004, 25)
    xs, ys = curve({"x": 2000, "y": 20.0}, {"x": 2008, "y": 20.0}, 10.0, steps=4)
    assert xs == [2000, 2002, 2004, 2006, 2008]
    assert ys == pytest.approx([20.0, 23.75, 25.0, 23.75, 20.0])


def test_labels_never_overlap_at_phone_width(processed):
    drawn = pledges(processed.derived.ledger, processed.as_of_year)
    places = label_places(drawn)
    assert len(places) == len(drawn) == 8
    assert label_text(drawn[0]) == "1996<br>missed"
    # the 200 by 2020, 200 in 2023 and 200 by 2024 pledges sit within 4 years at one level: their labels apart
    boxes = label_boxes(drawn, places)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), (a, b)


def test_drift_finding_counts_replacements():
    rows = [
        {"target_id": "a", "successor_id": "b", "pledge_year": 2011, "deadline": 2020, "target_value": 200.0},
        {"target_id": "b", "successor_id": "", "pledge_year": 2018, "deadline": 2024, "target_value": 200.0},
    ]
    assert findings.drift_finding(rows) == (
        "Replaced pledges moved later once out of 1 and higher 0 times: from US$200 bn by 2020 (pledged 2011) to "
        "US$200 bn by 2024 (pledged 2018)"
    )
    assert findings.drift_finding(rows[1:]) == "No stated trade target was replaced by another"


# --- on the bundled data -----------------------------------------------------------------------------------------


def test_bundled_titles(processed):
    # turnover 2016-2025 (trade.csv, preferred): ten rates from 64.2 (2015) to 228.105 (2025), mean of the logs
    # ln(228.105 / 64.2) / 10 = 0.12679 -> +13.5% a year; 250 / 228.105 = 1.096: half the ten rates exceed +9.6%
    # (+20.9, +27.3, +36.3, +29.5, +26.2%), so a year on about half the paths are at or above 250
    fan = registered()["trade_outlook"].render(processed, FigureParams())
    assert fan.layout.title.text.replace("<br>", " ") == (
        "If trade grows as it did in 2016-2025, US$250 bn a year (pledged 2022) is reached by 2026 in half the "
        "simulations"
    )
    assert "(mean +13.5% a year)" in fan.layout.title.subtitle.text.replace("<br>", " ")
    # replacements (successor_id): 20 by 2000 -> 20 in 4-5 years (2008) -> 60-80 by 2010 -> 100 by 2015;
    # 200 by 2020 -> 200 by 2024 -> 250 a year: all 5 later, 3 higher (20->60, 60->100, 200->250)
    drift = registered()["target_drift"].render(processed, FigureParams())
    assert drift.layout.title.text.replace("<br>", " ") == (
        "Replaced pledges moved later 5 times out of 5 and higher 3 times: from US$20 bn by 2000 (pledged 1996) "
        "to US$250 bn a year (pledged 2022)"
    )
