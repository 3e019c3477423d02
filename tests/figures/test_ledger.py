"""The verdict board: every target on one scale (% of the target), baseline to outcome, status in colour, symbol
and words, sources on every marker."""

import pandas as pd
import pytest

from dashboard.figures import style
from dashboard.figures.ledger import FADED, SPECS, verdict_board
from dashboard.figures.registry import PAGES, FigureParams
from dashboard.figures.shown import shown_rows

COLUMNS = [
    "target_id",
    "title",
    "measure",
    "unit",
    "comparison",
    "pledge_year",
    "deadline",
    "target_value",
    "target_low",
    "target_high",
    "baseline_value",
    "actual_at_deadline",
    "actual_year",
    "attainment_pct",
    "first_reached_year",
    "years_late",
    "status",
    "source_ids",
]
# Typed from the sources: 1996 pledge of 20 from 6.83 (1996), 8.0 in 2000; 60-80 by 2010 from 21 (2004), 55.45 in
# 2010; 200 by 2024 from 100 (2018), 244.81 in 2024; the border ceiling has no count. Given out of order on purpose.
ROWS = [
    ("border_troops_ceiling_1997", "Border troops ceiling", "border_troops_per_side", "troops", "at_most", 1997,
     "standing", 130400.0, None, None, None, None, None, None, None, None, "no_observation",
     "article-13996;article-14054"),
    ("trade_200bn_by_2024", "US$200 bn by 2024", "trade_turnover_usd_bn", "usd_bn", "at_least", 2019, "2024",
     200.0, None, None, 100.0, 244.81, 2024, 122.405, 2023, -1, "met", "targets-2018-10-rt;targets-2023-11-sputnik"),
    ("trade_20bn_by_2000", "US$20 bn by 2000", "trade_turnover_usd_bn", "usd_bn", "at_least", 1996, "2000", 20.0,
     None, None, 6.83, 8.0, 2000, 40.0, 2004, 4, "missed", "article-19021;targets-2002-01-pravda-ru"),
    ("trade_60_80bn_by_2010", "US$60-80 bn by 2010", "trade_turnover_usd_bn", "usd_bn", "at_least", 2004, "2010",
     None, 60.0, 80.0, 21.0, 55.45, 2010, 92.416667, 2011, 1, "missed", "targets-nd-jiaoxuezhishi-com"),
]  # fmt: skip


@pytest.fixture
def ledger() -> pd.DataFrame:
    """A four-target ledger: two missed, one met, one without observation."""
    return pd.DataFrame(ROWS, columns=COLUMNS).astype({"actual_year": "Int64"})


def _trace(fig, name):
    """The one trace called `name`."""
    matches = [trace for trace in fig.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def test_rows_run_by_deadline_each_titled_in_words(ledger):
    fig = verdict_board(ledger)
    order = [
        "trade_20bn_by_2000",
        "trade_60_80bn_by_2010",
        "trade_200bn_by_2024",
        "border_troops_ceiling_1997",
    ]
    assert list(fig.layout.yaxis.categoryarray) == order[::-1]  # the earliest deadline on top
    titles = {a.name: a.text for a in fig.layout.annotations if (a.name or "").startswith("row:")}
    assert titles["row:trade_20bn_by_2000"] == "<b>US$20 bn by 2000</b>"
    assert fig.layout.yaxis.showticklabels is False  # no ids where people read


def test_outcomes_in_colour_symbol_and_words(ledger):
    fig = verdict_board(ledger)
    missed, met, empty = _trace(fig, "Missed"), _trace(fig, "Met"), _trace(fig, "No data")
    assert missed.marker.color == style.STATUS_COLOURS["missed"] and missed.marker.symbol == "x"
    assert met.marker.color == style.STATUS_COLOURS["met"] and met.marker.symbol != missed.marker.symbol
    assert list(missed.text) == ["40% · missed", "92% · missed"]  # 8/20 = 40%; 55.45/60 = 92.4%
    assert list(met.text) == ["122% · met"]  # 244.81/200 = 122.4%
    assert list(empty.text) == ["no data"]
    assert list(missed.x) == pytest.approx([40.0, 92.416667])


def test_baselines_and_paths_as_share_of_the_target(ledger):
    fig = verdict_board(ledger)
    baselines = _trace(fig, "Level when pledged")
    # 6.83/20 = 34.15%; 21/60 = 35% (the low end); 100/200 = 50%; no baseline for the ceiling.
    assert dict(zip(baselines.y, baselines.x)) == pytest.approx(
        {"trade_20bn_by_2000": 34.15, "trade_60_80bn_by_2010": 35.0, "trade_200bn_by_2024": 50.0}
    )
    path = _trace(fig, "From the level when pledged to the outcome")
    assert list(path.x[:2]) == pytest.approx([34.15, 40.0]) and path.x[2] is None
    high = _trace(fig, "High end of a range")
    assert list(high.x) == pytest.approx([80 / 60 * 100])  # 133.3%


def test_labels_stay_inside_and_off_the_line_back(ledger):
    frame = ledger.copy()
    frame.loc[frame["target_id"] == "trade_200bn_by_2024", ["attainment_pct"]] = 284.15  # drawn at the edge
    frame.loc[frame["target_id"] == "trade_20bn_by_2000", ["baseline_value"]] = 15.0  # 75% > 40%
    fig = verdict_board(frame)
    met, missed = _trace(fig, "Met"), _trace(fig, "Missed")
    assert (
        list(met.x) == [200.0]
        and list(met.text) == ["284% · met"]
        and list(met.textposition) == ["middle left"]
    )
    assert list(missed.textposition) == ["middle left", "middle right"]


def test_every_marker_carries_its_source_and_target(ledger):
    fig = verdict_board(ledger)
    assert [list(row[:2]) for row in _trace(fig, "Met").customdata] == [
        ["targets-2018-10-rt", "trade_200bn_by_2024"]
    ]
    hover = _trace(fig, "Missed").customdata[0][2]
    assert "Pledged 1996: US$20 bn by 2000" in hover and "Outcome: US$8 bn in 2000 (40%)" in hover
    assert "First reached 2004, 4 years late" in hover and "Status: missed" in hover
    assert "article-13996" in set(shown_rows(fig)["source_id"])


def test_the_subtitle_says_what_is_measured_and_100_percent_is_marked(ledger):
    fig = verdict_board(ledger)
    assert "share of what was promised" in fig.layout.title.subtitle.text
    assert [shape.x0 for shape in fig.layout.shapes] == [100]
    # the legend says what the dashed line is
    legend = next(t for t in fig.data if t.name == "The target (100%)")
    assert legend.line.dash == "dash" and fig.layout.shapes[0].line.dash == "dash"
    assert fig.layout.xaxis.title.text == "Outcome as % of the target"  # short enough for a phone's chart


def test_highlighted_target_stands_out_and_others_fade(ledger):
    fig = verdict_board(ledger, highlight_target="trade_60_80bn_by_2010")
    assert list(_trace(fig, "Missed").marker.opacity) == [FADED, 1.0]
    assert list(_trace(fig, "Met").marker.opacity) == [FADED]
    for highlight in (None, "not_a_target"):
        fig = verdict_board(ledger, highlight_target=highlight)
        assert set(_trace(fig, "Missed").marker.opacity) == {1.0}


def test_spec_is_registered_for_the_overview():
    (spec,) = SPECS
    assert (spec.name, spec.page, spec.follows_year_range) == ("verdict_board", "overview", False)
    assert spec.page in PAGES and set(spec.datasets) == {"targets", "trade", "energy"}


def test_spec_renders_on_bundled_data_with_known_sources(processed):
    (spec,) = SPECS
    fig = spec.render(processed, FigureParams(highlight_target="trade_20bn_by_2000"))
    known = set(processed.frames["sources"]["source_id"])
    assert set(shown_rows(fig)["source_id"]) <= known
    assert len(fig.layout.yaxis.categoryarray) == len(processed.derived.ledger)


def test_a_part_judged_on_its_whole_is_drawn_at_the_most_it_can_have_attained(ledger):
    # Yukos' 10 Mt by 2005 has no figure of its own; all Russian rail oil to China was 7.6 Mt in 2005 (East Siberian
    # Railway figures), so Yukos' share was at most 7.6 / 10 = 76%: missed, drawn at 76, "≤76%", "at most" in words
    yukos = pd.DataFrame(
        [("yukos_oil_10mt_by_2005", "Yukos: up to 10 Mt by 2005", "oil_yukos_rail_mt", "mt", "at_least", 2002,
          "2005", 10.0, None, None, 1.5, None, None, None, None, None, "missed", "article-23474")],
        columns=COLUMNS,
    ).assign(attainment_at_most_pct=76.0)  # fmt: skip
    fig = verdict_board(pd.concat([ledger.assign(attainment_at_most_pct=None), yukos], ignore_index=True))
    missed = _trace(fig, "Missed")
    at = list(missed.text).index("≤76% · missed")
    assert missed.x[at] == pytest.approx(76.0)
    assert "no figure of its own; at most 76% of the target" in missed.customdata[at][2]
