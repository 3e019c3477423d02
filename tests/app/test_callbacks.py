"""Callback functions called directly: year range, hover line, source panel, CSV, links and data choices."""

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.downloads import csv_frame
from dashboard.app.callbacks.errors import error_message
from dashboard.app.callbacks.frame import tab_contents
from dashboard.app.callbacks.navigation import choose_data, nav_links, open_target
from dashboard.app.callbacks.sources import show_source
from dashboard.app.view import View
from dashboard.errors import DatasetNotFound

CHARTS = [{"type": ids.TIME_CHART, "name": "turnover"}, {"type": ids.TIME_CHART, "name": "other"}]
CHART_PROP = '{"name":"turnover","type":"time-chart"}.'


def test_a_page_opened_on_a_range_shows_it_with_the_y_axis_fitted(data):
    """The server draws a page on the address's years (later changes happen in the browser, interactions.js)."""
    shown = data.shown("turnover", data.view("?from=2000&to=2010"))
    assert shown["layout"]["xaxis"]["range"] == [1999.5, 2010.5]
    # The y axis fits 2000-2010: the highest preferred turnover in those years is 2008's US$56.83 bn (Chinese
    # customs), plus 6% of room: 56.83 * 1.06 = 60.2398; from zero, as every value is positive.
    low, high = shown["layout"]["yaxis"]["range"]
    assert low == 0 and high == pytest.approx(60.2398)


def test_each_page_has_its_own_years_and_default(data):
    trade = data.page_years("trade", View())
    assert trade.bounds == (1991, 2025) and trade.default == (1991, 2025)  # the series starts in 1991
    assert data.page_years("overview", View()) is None  # no time chart: no year control
    assert data.shown("turnover", View())["layout"]["xaxis"]["range"] == [1990.5, 2025.5]


def test_the_years_stay_within_the_data_of_the_version_shown(data):
    # The 2002 article's trade figures run 1993-2001 (1994 as a change only): the control cannot go past them.
    years = data.page_years("trade", View(versions=(("trade", "2002"),)))
    assert years.bounds == (1993, 2001)


def test_clicking_a_point_opens_its_source(data, loader):
    turnover = loader(None).derived.trade_turnover
    row = turnover[turnover["year"] == 2000].iloc[0]
    sources = loader(None).frames["sources"].set_index("source_id")
    is_open, body = show_source(
        data,
        "",
        "turnover",
        {
            "points": [
                {"curveNumber": 0, "x": 2000, "y": row["value_usd_bn"], "customdata": [row["source_id"]]}
            ]
        },
    )
    text = str(body)
    assert is_open and sources.loc[row["source_id"], "quote"] in text
    assert sources.loc[row["source_id"], "publisher"] in text and "=turnover" in text


def test_clicking_a_line_without_a_source_does_nothing(data):
    with pytest.raises(PreventUpdate):
        show_source(data, "", "turnover", {"points": [{"curveNumber": 1, "x": 2000, "y": 20}]})


def test_an_unknown_source_id_says_so(data):
    _, body = show_source(data, "", "turnover", {"points": [{"x": 1, "y": 2, "customdata": ["nobody"]}]})
    assert "'nobody' is not in the bibliography" in str(body)


def test_the_csv_holds_the_points_in_the_year_range_with_sources(data, loader):
    frame = csv_frame(data, "turnover", View((2000, 2010)))
    turnover = loader(None).derived.trade_turnover
    assert sorted(frame["x"]) == sorted(turnover.loc[turnover["year"].between(2000, 2010), "year"])
    assert set(frame["series"]) == {"'=turnover"}  # neutralised
    assert frame["publisher"].notna().all() and frame["quote"].notna().all()
    assert len(frame) == 11  # 2000-2010: one preferred turnover a year


def test_the_default_view_holds_the_pages_own_years(data, loader):
    # The stand-in chart is on the trade page: its default years are the series' own, 1991-2025: 35 years, each
    # with a preferred turnover since trade 2026-11-30 sourced 2012 (88.16).
    assert len(csv_frame(data, "turnover", View())) == 35


def test_the_table_and_sources_tabs_show_the_points_in_view(data, loader):
    table, untouched = tab_contents(data, "turnover", ["table"], "?from=2000&to=2010")
    assert untouched is no_update
    cells = [row.children for row in table.children.children[1].children]
    assert (
        len(cells) == 11 and cells[0][0].children == "2000" and cells[0][2].children == "8"
    )  # US$8 bn in 2000
    untouched, sources = tab_contents(data, "turnover", ["sources"], "?from=2000&to=2010")
    assert untouched is no_update
    listed = sources.children.children
    frame = csv_frame(data, "turnover", View((2000, 2010)))
    assert len(listed) == frame["source_id"].nunique()  # each source once
    with pytest.raises(PreventUpdate):
        tab_contents(data, "turnover", [], "")  # no tab opened yet


def test_the_csv_of_a_chart_without_years_holds_every_point(data, loader):
    ledger = loader(None).derived.ledger
    assert len(csv_frame(data, "attainment", View((2000, 2001)))) == ledger["attainment_pct"].notna().sum()


def test_nav_links_keep_the_view_but_not_the_target(data):
    links = nav_links(data, "?from=2000&to=2010&trade=2002&target=trade_20bn_by_2000")
    assert links[0] == "/?from=2000&to=2010&trade=2002" and links[1] == "/trade?from=2000&to=2010&trade=2002"


def test_choosing_data_asks_for_a_redraw_only_when_the_view_changes(data):
    active = data.active_versions["trade"]
    request = choose_data(data, {"trade": "2002"}, "/trade", "?from=2000&to=2010")
    assert request["href"] == "/trade?from=2000&to=2010&trade=2002"
    with pytest.raises(PreventUpdate):
        choose_data(data, {"trade": active}, "/trade", "?from=2000&to=2010")
    with pytest.raises(PreventUpdate):
        choose_data(data, {"trade": active, "vintage": "newest"}, "/trade", f"?trade={active}")
    with pytest.raises(PreventUpdate):
        choose_data(data, {}, "/border", "?trade=2002")  # a page without choices keeps the view
    assert (
        choose_data(data, {"vintage": "sipri-2025-01"}, "/arms", "")["href"] == "/arms?vintage=sipri-2025-01"
    )
    back = choose_data(data, {"vintage": "newest"}, "/arms", "?trade=2002&vintage=sipri-2025-01")
    assert back["href"] == "/arms?trade=2002"


def test_error_messages_name_the_problem_or_say_it_was_logged():
    assert "no version" in error_message(DatasetNotFound("trade has no version 1999"))
    assert "KeyError" in error_message(KeyError("x")) and "logged" in error_message(KeyError("x"))


def test_a_target_clicked_on_the_overview_opens_its_chart_not_a_source(data):
    click = {"points": [{"customdata": ["article-19021", "trade_20bn_by_2000"], "x": 40.0}]}
    request = open_target(data, "attainment", click, "?from=2000&to=2010")
    assert request["href"] == "/trade?from=2000&to=2010&target=trade_20bn_by_2000"
    with pytest.raises(PreventUpdate):
        show_source(data, "", "attainment", click)  # the chart opens instead of the source panel
    with pytest.raises(PreventUpdate):
        open_target(data, "turnover", click, "")  # elsewhere a click opens the point's source
