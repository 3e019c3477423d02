"""Trade figures: pledges against turnover, flows each way, the two customs bases and the 2002 article's revisions."""

import pandas as pd
import pytest

from dashboard.figures.registry import PAGES, FigureParams
from dashboard.figures.shown import shown_rows
from dashboard.figures.trade import SPECS, customs_figure, flows_figure, pledges_figure, vintages_figure

SERIES = ["year", "value_usd_bn", "reporting_basis", "source_id"]
# Preferred turnover as the sources give it (US$ bn); 2012 has no source.
TURNOVER = [
    (1996, 6.83, "official_statement", "trade-2007-06-china-daily"),
    (2000, 8.0, "article_2002", "article-19223"),
    (2004, 21.23, "unspecified", "trade-nd-m-yuntihai-com-3"),
    (2010, 55.45, "unspecified", "trade-2011-01-vietnamplus-2"),
    (2011, 79.2, "unspecified", "trade-nd-chinese-thesis-abstract-2"),
    (2013, 89.21, "official_statement", "trade-2014-06-estiw-ru"),
    (2022, 190.271, "china_customs", "trade-2023-07-sputnik"),
    (2023, 240.11, "china_customs", "trade-2025-01-bne-intellinews"),
    (2024, 244.81, "china_customs", "trade-2025-01-bne-intellinews-2"),
    (2025, 228.105, "china_customs", "trade-2026-01-bs178-com"),
]
LEDGER_COLUMNS = [
    "target_id",
    "title",
    "measure",
    "pledge_year",
    "deadline",
    "target_value",
    "target_low",
    "target_high",
    "baseline_year",
    "baseline_value",
    "actual_at_deadline",
    "actual_year",
    "shortfall",
    "shortfall_high",
    "first_reached_year",
    "first_reached_high_year",
    "years_late",
    "source_ids",
]
NA = None
# status, attainment (actual / target x 100) and unit of each row of LEDGER, in the same order:
# 8 / 20 = 40%; 55.45 / 60 = 92.4167%; 244.81 / 200 = 122.405%; 228.105 / 250 = 91.242%.
VERDICTS = [
    ("missed", 40.0, "usd_bn"),
    ("missed", 92.416667, "usd_bn"),
    ("met", 122.405, "usd_bn"),
    ("not_yet_reached", 91.242, "usd_bn"),
    ("no_observation", NA, "mt"),
]
# The ledger's verdicts, worked out by hand: 20 - 8.0 = 12; 60 - 55.45 = 4.55, 80 - 55.45 = 24.55;
# 200 - 244.81 = -44.81 (exceeded); 250 - 228.105 = 21.895 in the latest year.
LEDGER = [
    (
        "trade_20bn_by_2000",
        "US$20 bn by 2000 (1996)",
        "trade_turnover_usd_bn",
        1996,
        2000,
        20.0,
        NA,
        NA,
        1996,
        6.83,
        8.0,
        2000,
        12.0,
        NA,
        2004,
        NA,
        4,
        "article-19021;targets-2002-01-pravda-ru",
    ),
    (
        "trade_60_80bn_by_2010",
        "US$60-80 bn by 2010",
        "trade_turnover_usd_bn",
        2004,
        2010,
        NA,
        60.0,
        80.0,
        2004,
        21.23,
        55.45,
        2010,
        4.55,
        24.55,
        2011,
        2013,
        1,
        "targets-nd-jiaoxuezhishi-com;targets-2004-10-china-daily",
    ),
    (
        "trade_200bn_by_2024",
        "US$200 bn by 2024",
        "trade_turnover_usd_bn",
        2022,
        2024,
        200.0,
        NA,
        NA,
        2022,
        190.271,
        244.81,
        2024,
        -44.81,
        NA,
        2023,
        NA,
        -1,
        "targets-2018-10-rt",
    ),
    (
        "trade_250bn_a_year",
        "US$250 bn a year",
        "trade_turnover_usd_bn",
        2022,
        "annual rate",
        250.0,
        NA,
        NA,
        2022,
        190.271,
        228.105,
        2025,
        21.895,
        NA,
        NA,
        NA,
        NA,
        "targets-2023-11-sputnik-2",
    ),
    (
        "yukos_oil_10mt_by_2005",
        "Yukos oil",
        "oil_yukos_rail_mt",
        2002,
        2005,
        10.0,
        NA,
        NA,
        1999,
        1.5,
        NA,
        NA,
        NA,
        NA,
        NA,
        NA,
        NA,
        "article-23474",
    ),
]
EVENTS = pd.DataFrame(
    [
        ("ussr_collapse", "1991-01-01", 1991, "Soviet Union collapses", "article-1290"),
        ("strategic_partnership_1996", "1996-01-01", 1996, "Strategic partnership announced", "article-2980"),
        (
            "putin_xi_talks_2022",
            "2022-02-04",
            2022,
            "Putin-Xi talks in Beijing",
            "events-sputnik-2023-11-07-putin-xi-talks",
        ),
    ],
    columns=["event_id", "date", "year", "title", "source_id"],
)


@pytest.fixture
def turnover() -> pd.DataFrame:
    """Preferred turnover with a hole at 2012."""
    return pd.DataFrame(TURNOVER, columns=SERIES)


@pytest.fixture
def ledger() -> pd.DataFrame:
    """Four trade targets (value, range, exceeded, annual rate) and one oil target."""
    frame = pd.DataFrame(LEDGER, columns=LEDGER_COLUMNS)
    frame[["status", "attainment_pct", "unit"]] = pd.DataFrame(VERDICTS)
    years = [
        "pledge_year",
        "baseline_year",
        "actual_year",
        "first_reached_year",
        "first_reached_high_year",
        "years_late",
    ]
    return frame.astype({column: "Int64" for column in years})


def _trace(fig, name):
    """The one trace called `name`."""
    matches = [trace for trace in fig.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def _data_trace(fig, name):
    """The trace called `name` that carries sources (a series' points, not its line)."""
    matches = [trace for trace in fig.data if trace.name == name and trace.customdata is not None]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def _annotation(fig, name):
    """The annotation called `name`."""
    matches = [a for a in fig.layout.annotations if a.name == name]
    assert len(matches) == 1, [a.name for a in fig.layout.annotations]
    return matches[0]


def _sources(trace):
    """The first customdata element of each point."""
    return [row[0] for row in trace.customdata]


# --- trade_pledges -----------------------------------------------------------------------------------------


HIGHLIGHT = "trade_20bn_by_2000"


def test_pledges_draw_turnover_and_every_trade_target_only(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS)
    names = {trace.name for trace in fig.data if trace.showlegend is not False}
    assert names == {
        "Turnover",
        "US$20 bn by 2000",
        "US$60-80 bn by 2010",
        "US$200 bn by 2024",
        "US$250 bn a year",
        "Years without data",
        "Events",
    }
    assert not any("Yukos" in str(trace.name) for trace in fig.data)
    points = _data_trace(fig, "Turnover")
    assert list(points.x) == [row[0] for row in TURNOVER]
    assert list(points.y) == [row[1] for row in TURNOVER]
    assert _sources(points)[1] == "article-19223"


def test_every_target_has_its_own_colour_dash_or_symbol(processed):
    fig = SPECS[0].render(processed)
    looks = [
        (t.line.color, t.line.dash, t.marker.symbol)
        for t in fig.data
        if t.legendgroup and str(t.legendgroup).startswith("trade_") and t.showlegend is not False
    ]
    trade_targets = processed.derived.ledger["measure"].eq("trade_turnover_usd_bn").sum()
    assert len(looks) == trade_targets == 8  # datasets/targets/2026-11-30: eight trade targets
    assert len({(colour, dash) for colour, dash, _ in looks}) == 8


def test_missing_year_is_a_gap_in_the_line_and_a_light_band_with_one_legend_entry(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS)
    line = next(t for t in fig.data if t.name == "Turnover" and t.customdata is None)
    assert line.connectgaps is False
    by_year = dict(zip(line.x, line.y))
    assert by_year[2012] is None and by_year[2011] == 79.2 and by_year[2013] == 89.21
    band = _trace(fig, "Years without data")  # one legend entry for every gap
    assert band.fill == "toself" and band.yaxis == "y2" and band.customdata is None
    # TURNOVER has 1996, 2000, 2004, 2010, 2011, 2013, 2022-2025: five runs of missing years
    assert band.text == "No turnover figure: 1997-1999, 2001-2003, 2005-2009, 2012, 2014-2021"
    assert [x for x in band.x if x is not None][15:20] == [2011.5, 2012.5, 2012.5, 2011.5, 2011.5]
    two_gaps = turnover[turnover["year"] >= 2010]  # 2010, 2011, 2013, 2022-2025: 2012 and 2014-2021
    assert _trace(pledges_figure(two_gaps, ledger, EVENTS), "No data (2012, 2014-2021)").fill == "toself"
    assert not [a for a in fig.layout.annotations if "no data" in (a.text or "").lower()]  # no text over data


def test_pledge_runs_from_baseline_to_target_with_both_sources(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS)
    pledge = _data_trace(fig, "US$20 bn by 2000")
    assert list(pledge.x) == [1996, 2000] and list(pledge.y) == [6.83, 20.0]
    assert _sources(pledge) == ["trade-2007-06-china-daily", "article-19021"]
    assert all(row[1] == "trade_20bn_by_2000" for row in pledge.customdata)
    assert pledge.customdata[1][3] == "missed: US$8 bn in 2000, 40% of the target"


def test_default_view_labels_only_the_latest_turnover(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS)
    labels = [a for a in fig.layout.annotations if a.name != "source_line"]
    assert [(a.name, a.text, a.x) for a in labels] == [("last_point", "US$228.1 bn", 2025)]
    assert not [t for t in fig.data if str(t.name).startswith("First reached")]


def test_highlighted_gap_at_the_deadline_comes_from_the_ledger(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target=HIGHLIGHT)
    gap = _annotation(fig, "gap:trade_20bn_by_2000")
    assert (gap.text, gap.x, gap.y) == ("gap US$12 bn", 2000, 20.0)  # 20 - 8.0 = 12
    segment = [s for s in fig.layout.shapes if s.type == "line" and s.x0 == 2000 and s.x1 == 2000]
    assert [(s.y0, s.y1) for s in segment] == [(8.0, 20.0)]
    exceeded = pledges_figure(turnover, ledger, EVENTS, highlight_target="trade_200bn_by_2024")
    assert _annotation(exceeded, "gap:trade_200bn_by_2024").text == "exceeded by US$44.8 bn"  # 244.81 - 200


def test_range_target_runs_to_both_ends(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target="trade_60_80bn_by_2010")
    pledge = _data_trace(fig, "US$60-80 bn by 2010")
    assert list(pledge.x) == [2004, 2010, 2010] and list(pledge.y) == [21.23, 60.0, 80.0]
    assert _annotation(fig, "gap:trade_60_80bn_by_2010").text == "gap US$4.55 bn to the low end"  # 60 - 55.45


def test_first_reached_star_sits_on_turnover_with_its_source_and_words(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target=HIGHLIGHT)
    first = _trace(fig, "First reached: US$20 bn by 2000")
    assert (list(first.x), list(first.y)) == ([2004], [21.23])
    assert _sources(first) == ["trade-nd-m-yuntihai-com-3"]
    # first reached 2004, deadline 2000: 4 years late
    assert _annotation(fig, "first_reached:trade_20bn_by_2000:0").text == "first reached 2004 (4 years late)"


def test_each_star_says_its_own_end_s_years_late(turnover, ledger):
    # issue 11: the high end's star said the low end's "+1". Low end 60: 2011 - 2010 = 1 year late; high end
    # 80: 2013 - 2010 = 3, and with 2012 missing it may have been 2012: "2012 or 2013 (2-3 years late)".
    ledger = ledger.assign(years_late_high=pd.NA, first_reached_range=None, first_reached_high_range=None)
    at = ledger.index[ledger["target_id"] == "trade_60_80bn_by_2010"][0]
    ledger.at[at, "years_late_high"] = 3
    ledger.at[at, "first_reached_high_range"] = [2012, 2013]
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target="trade_60_80bn_by_2010")
    both = _trace(fig, "First reached: US$60-80 bn by 2010")
    assert (list(both.x), list(both.y)) == ([2011, 2013], [79.2, 89.21])
    assert [row[2] for row in both.customdata] == [
        "first reached 2011 (1 year late) ",
        "high end first reached 2012 or 2013 (2-3 years late) ",
    ]
    assert _annotation(fig, "first_reached:trade_60_80bn_by_2010:1").text.startswith(
        "high end first reached 2012 or"
    )


def test_annual_rate_is_a_level_line_from_pledge_to_last_year(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target="trade_250bn_a_year")
    rate = _data_trace(fig, "US$250 bn a year")
    assert (list(rate.x), list(rate.y)) == ([2022, 2025], [250.0, 250.0])
    assert set(_sources(rate)) == {"targets-2023-11-sputnik-2"}
    assert _annotation(fig, "gap:trade_250bn_a_year").text == "gap US$21.9 bn in 2025"  # 250 - 228.105
    assert not [t for t in fig.data if t.name == "First reached: US$250 bn a year"]


def test_events_are_a_layer_off_by_default_with_hover_text_not_labels(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS)
    events = _trace(fig, "Events")
    assert events.visible == "legendonly"
    assert list(events.x) == [1996, 2022]  # 1991 lies before the series
    assert _sources(events) == ["article-2980", "events-sputnik-2023-11-07-putin-xi-talks"]
    assert [row[2] for row in events.customdata] == [
        "Strategic partnership announced",
        "Putin-Xi talks in Beijing",
    ]
    assert not [a for a in fig.layout.annotations if (a.name or "").startswith("event:")]
    assert not [a for a in fig.layout.annotations if a.textangle not in (None, 0)]
    ranged = pledges_figure(turnover, ledger, EVENTS, year_range=(2000, 2025))
    assert list(_trace(ranged, "Events").x) == [2022]


def test_year_range_sets_the_axis_and_keeps_the_data(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, year_range=(1996, 2005))
    assert list(fig.layout.xaxis.range) == [1995.5, 2005.5]
    assert 2025 in _data_trace(fig, "Turnover").x
    assert fig.layout.uirevision == "keep"
    assert pledges_figure(turnover, ledger, EVENTS).layout.xaxis.range is None
    assert _annotation(fig, "last_point").text == "US$21.2 bn"  # the latest year shown: 2004, 21.23


def test_highlighted_pledge_is_bold_and_the_others_faint(turnover, ledger):
    fig = pledges_figure(turnover, ledger, EVENTS, highlight_target=HIGHLIGHT)
    chosen, other = _data_trace(fig, "US$20 bn by 2000"), _data_trace(fig, "US$200 bn by 2024")
    assert chosen.line.width > other.line.width
    assert (chosen.opacity, other.opacity) == (1.0, 0.3)
    assert not [a for a in fig.layout.annotations if a.name == "gap:trade_200bn_by_2024"]
    assert _data_trace(fig, "Turnover").opacity is None  # data never faded
    plain = pledges_figure(turnover, ledger, EVENTS, highlight_target="yukos_oil_10mt_by_2005")
    assert _data_trace(plain, "US$200 bn by 2024").opacity == 1.0


def test_pledges_shown_rows_are_exactly_the_sourced_points(turnover, ledger):
    rows = shown_rows(pledges_figure(turnover, ledger, EVENTS))
    # 10 turnover + 2 + 3 + 2 + 2 pledge points + 2 events
    assert len(rows) == 10 + 9 + 2
    assert rows["source_id"].notna().all() and rows["y"].notna().all()
    lit = shown_rows(pledges_figure(turnover, ledger, EVENTS, highlight_target=HIGHLIGHT))
    assert len(lit) == 10 + 9 + 2 + 1  # and the highlighted target's star


# --- trade_flows -------------------------------------------------------------------------------------------


def test_flows_show_exports_imports_and_turnover_with_gaps():
    exports = pd.DataFrame(
        [
            (1999, 1.5, "china_customs", "trade-2000-02-people-s-daily-3"),
            (2015, 32.9, "china_customs", "trade-2016-01-business-investor-guide-2"),
        ],
        columns=SERIES,
    )
    imports = pd.DataFrame(
        [
            (1999, 4.2, "china_customs", "trade-2000-02-people-s-daily-2"),
            (2015, 31.4, "china_customs", "trade-2016-01-business-investor-guide-3"),
        ],
        columns=SERIES,
    )
    turnover = pd.DataFrame(
        [
            (1999, 5.72, "china_customs", "trade-2004-10-china-daily"),
            (2015, 64.2, "china_customs", "trade-2016-01-business-investor-guide"),
        ],
        columns=SERIES,
    )
    fig = flows_figure(exports, imports, turnover, year_range=(2010, 2020))
    out, back = _data_trace(fig, "China's exports to Russia"), _data_trace(fig, "China's imports from Russia")
    assert (list(out.x), list(out.y)) == ([1999, 2015], [1.5, 32.9])
    assert (list(back.x), list(back.y)) == ([1999, 2015], [4.2, 31.4])
    assert _sources(back) == ["trade-2000-02-people-s-daily-2", "trade-2016-01-business-investor-guide-3"]
    assert list(_data_trace(fig, "Turnover (context)").y) == [5.72, 64.2]
    line = next(t for t in fig.data if t.name == "China's exports to Russia" and t.customdata is None)
    assert line.connectgaps is False and len(line.x) == 17 and line.y[1] is None
    assert list(fig.layout.xaxis.range) == [2009.5, 2020.5]
    assert fig.layout.yaxis.title.text == "Goods trade, US$ bn"


# --- trade_customs_bases -----------------------------------------------------------------------------------

TRADE_COLUMNS = [
    "year",
    "measure",
    "value_usd_bn",
    "reporting_basis",
    "basis_as_reported",
    "preferred",
    "source_id",
]
TRADE = pd.DataFrame(
    [
        (2008, "turnover", 56.83, "china_customs", "China customs", True, "trade-2009-10-interfax"),
        (2008, "turnover", 56.83, "china_customs", "China customs", False, "trade-2009-10-xinhua"),
        (
            2010,
            "turnover",
            55.45,
            "china_customs",
            "China customs",
            False,
            "trade-2011-06-formacion-profesional-a",
        ),
        (2010, "turnover", 55.45, "unspecified", "not stated", True, "trade-2011-01-vietnamplus-2"),
        (2010, "turnover", 59.34, "russia_customs", "Russian customs", False, "trade-2011-08-itar-tass-via"),
        (2018, "turnover", 107.06, "china_customs", "China customs", True, "trade-2019-01-rt"),
        (2018, "turnover", 108.3, "russia_customs", "Russian customs", False, "trade-2019-03-pennews"),
        (2018, "turnover", 109.0, "russia_customs", "Russian customs", False, "trade-2019-05-sputnik-mundo"),
        (
            2018,
            "china_exports_to_russia",
            47.98,
            "china_customs",
            "China customs",
            True,
            "trade-2019-01-rt-2",
        ),
        (2025, "turnover", None, "china_customs", "China customs", False, "trade-2026-01-kazinform"),
    ],
    columns=TRADE_COLUMNS,
)
# Russian over Chinese: 59.34 / 55.45 - 1 = +7.0%; 108.3 / 107.06 - 1 = +1.2%; 109 / 107.06 - 1 = +1.8%.
GAPS = pd.DataFrame(
    [
        (
            2010,
            "turnover",
            55.45,
            "trade-2011-06-formacion-profesional-a",
            59.34,
            "trade-2011-08-itar-tass-via",
            3.89,
            7.015329,
        ),
        (2018, "turnover", 107.06, "trade-2019-01-rt", 108.3, "trade-2019-03-pennews", 1.24, 1.158229),
        (2018, "turnover", 107.06, "trade-2019-01-rt", 109.0, "trade-2019-05-sputnik-mundo", 1.94, 1.812068),
    ],
    columns=[
        "year",
        "measure",
        "china_usd_bn",
        "china_source_id",
        "russia_usd_bn",
        "russia_source_id",
        "gap_usd_bn",
        "gap_pct",
    ],
)


def test_every_customs_row_is_a_point_and_nothing_is_averaged():
    fig = customs_figure(TRADE, GAPS)
    chinese, russian = _trace(fig, "Chinese customs"), _trace(fig, "Russian customs")
    assert (list(chinese.x), list(chinese.y)) == ([2008, 2008, 2010, 2018], [56.83, 56.83, 55.45, 107.06])
    assert (list(russian.x), list(russian.y)) == ([2010, 2018, 2018], [59.34, 108.3, 109.0])
    assert _sources(russian) == [
        "trade-2011-08-itar-tass-via",
        "trade-2019-03-pennews",
        "trade-2019-05-sputnik-mundo",
    ]
    assert "trade-2011-01-vietnamplus-2" not in _sources(chinese)  # another basis
    assert russian.mode == "markers"


def test_customs_gap_is_annotated_per_year_with_both_bases():
    fig = customs_figure(TRADE, GAPS, year_range=(2005, 2020))
    assert _annotation(fig, "customs_gap:2010").text == "2010: Russian customs<br>+7% on Chinese"
    assert _annotation(fig, "customs_gap:2018").text == "2018: Russian customs<br>+1.2% to +1.8% on Chinese"
    assert not [a for a in fig.layout.annotations if a.name == "customs_gap:2008"]
    assert list(fig.layout.xaxis.range) == [2004.5, 2020.5]
    assert len(shown_rows(fig)) == 7


# --- trade_vintages ----------------------------------------------------------------------------------------

REVISIONS = pd.DataFrame(
    [
        (1993, "2002", 7.68, "article-19165", 0.0, 0.0),
        (1993, "2026-11-28", 7.68, "article-19165", 0.0, 0.0),
        (1999, "2002", 5.9, "article-19112", -0.18, -3.050847),
        (1999, "2026-11-28", 5.72, "trade-2004-10-china-daily", -0.18, -3.050847),
        (2000, "2002", 8.0, "article-19223", 0.0, 0.0),
        (2000, "2026-11-28", 8.0, "article-19223", 0.0, 0.0),
        (2011, "2026-11-28", 79.2, "trade-nd-chinese-thesis-abstract-2", None, None),
        (2013, "2026-11-28", 89.21, "trade-2014-06-estiw-ru", None, None),
    ],
    columns=["year", "version", "value_usd_bn", "source_id", "revision_usd_bn", "revision_pct"],
)


def test_vintages_show_one_point_per_year_and_version():
    fig = vintages_figure(REVISIONS)
    article = _trace(fig, "The 2002 article, as stated")
    current = _data_trace(fig, "Current series 1993-2013 (2026-11-28)")
    assert (list(article.x), list(article.y)) == ([1993, 1999, 2000], [7.68, 5.9, 8.0])
    assert _sources(article) == ["article-19165", "article-19112", "article-19223"]
    assert (list(current.x), list(current.y)) == (
        [1993, 1999, 2000, 2011, 2013],
        [7.68, 5.72, 8.0, 79.2, 89.21],
    )
    assert len(shown_rows(fig)) == 8


def test_revisions_are_annotated_where_a_year_is_in_both():
    fig = vintages_figure(REVISIONS, year_range=(1990, 2002))
    # 5.72 / 5.9 - 1 = -3.05%
    assert _annotation(fig, "revision:1999").text == "1999: 5.9 → 5.72 (-3.1%)"
    assert not [a for a in fig.layout.annotations if a.name in ("revision:2000", "revision:2011")]
    assert list(fig.layout.xaxis.range) == [1989.5, 2002.5]


# --- the registered specs on the bundled data ----------------------------------------------------------------


def test_specs_are_registered_for_the_trade_page():
    assert [spec.name for spec in SPECS] == [
        "trade_pledges",
        "trade_flows",
        "trade_customs_bases",
        "trade_vintages",
    ]
    assert {spec.page for spec in SPECS} == {"trade"} and "trade" in PAGES
    assert set(SPECS[0].datasets) == {"trade", "targets", "events"}
    assert all(spec.follows_year_range for spec in SPECS)


def test_bundled_pledges_show_the_1996_gap(processed):
    fig = SPECS[0].render(processed, FigureParams(highlight_target=HIGHLIGHT))
    assert _annotation(fig, "gap:trade_20bn_by_2000").text == "gap US$12 bn"
    # datasets/trade/2026-11-30: turnover from 1991 to 2025
    assert "Current series 1991-2025 (2026-11-30)" in _annotation(fig, "source_line").text.replace(
        "<br>", " "
    )
