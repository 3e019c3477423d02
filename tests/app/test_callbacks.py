"""Callback functions called directly: year range, hover line, source panel, CSV, links and data choices."""

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.downloads import csv_frame
from dashboard.app.callbacks.errors import error_message
from dashboard.app.callbacks.frame import tab_contents
from dashboard.app.callbacks.hover import mark_year
from dashboard.app.callbacks.navigation import choose_data, nav_links, open_target
from dashboard.app.callbacks.sources import show_source
from dashboard.app.callbacks.year_range import set_year_range, years_of_relayout, years_of_selection
from dashboard.app.view import View
from dashboard.errors import DatasetNotFound

CHARTS = [{"type": ids.TIME_CHART, "name": "turnover"}, {"type": ids.TIME_CHART, "name": "other"}]
CHART_PROP = '{"name":"turnover","type":"time-chart"}.'


def _patched_range(patch) -> list:
    """The x range a year-range patch assigns."""
    return [
        op["params"]["value"]
        for op in patch.to_plotly_json()["operations"]
        if op["location"] == ["layout", "xaxis", "range"]
    ]


def _patched_y(patch) -> list:
    """The y range a year-range patch assigns."""
    return [
        op["params"]["value"]
        for op in patch.to_plotly_json()["operations"]
        if op["location"] == ["layout", "yaxis", "range"]
    ]


def test_the_url_sets_the_slider_and_every_time_chart(data):
    slider, search, patches = set_year_range(
        data,
        ids.URL,
        {"url.search": ids.URL},
        "?from=2000&to=2010",
        [1991, 2025],
        None,
        None,
        CHARTS,
        "trade",
    )
    assert slider == [2000, 2010] and search is no_update
    assert [_patched_range(p) for p in patches] == [[[1999.5, 2010.5]]] * 2
    # The y axis fits 2000-2010: the highest preferred turnover in those years is 2008's US$56.83 bn (Chinese
    # customs), plus 6% of room: 56.83 * 1.06 = 60.2398; from zero, as every value is positive.
    ((low, high),) = _patched_y(patches[0])
    assert low == 0 and high == pytest.approx(60.2398)


def test_each_page_has_its_own_years_and_default(data):
    trade = data.page_years("trade", View())
    assert trade.bounds == (1991, 2025) and trade.default == (1991, 2025)  # the series starts in 1991
    assert data.page_years("overview", View()) is None  # no time chart: no year control
    slider, _search, patches = set_year_range(
        data, ids.URL, {"url.search": ids.URL}, "", [1897, 2025], None, None, CHARTS, "trade"
    )
    assert slider == [1991, 2025] and _patched_range(patches[0]) == [[1990.5, 2025.5]]


def test_choosing_the_default_years_clears_them_from_the_address(data):
    slider, search, _ = set_year_range(
        data,
        ids.YEAR_SLIDER,
        {"year-slider.value": ids.YEAR_SLIDER},
        "?from=2000&to=2010",
        [1991, 2025],
        None,
        None,
        CHARTS,
        "trade",
    )
    assert slider is no_update and search == ""


def test_the_slider_writes_the_url_and_keeps_the_rest_of_the_view(data):
    slider, search, patches = set_year_range(
        data,
        ids.YEAR_SLIDER,
        {"year-slider.value": ids.YEAR_SLIDER},
        "?trade=2002",
        [1995, 2000],
        None,
        None,
        CHARTS,
        "trade",
    )
    assert slider is no_update and search == "?from=1995&to=2000&trade=2002"
    assert _patched_range(patches[1]) == [[1994.5, 2000.5]]


def test_the_years_stay_within_the_data_of_the_version_shown(data):
    # The 2002 article's trade figures run 1993-2001 (1994 as a change only): the control cannot go past them.
    years = data.page_years("trade", View(versions=(("trade", "2002"),)))
    assert years.bounds == (1993, 2001)
    slider, search, _ = set_year_range(
        data,
        ids.YEAR_SLIDER,
        {"year-slider.value": ids.YEAR_SLIDER},
        "?trade=2002",
        [1995, 2005],
        None,
        None,
        CHARTS,
        "trade",
    )
    assert slider == [1995, 2001] and search == "?from=1995&to=2001&trade=2002"


def test_a_box_select_sets_the_years_it_covers(data):
    selection = {"points": [], "range": {"x": [1999.6, 2010.4], "y": [0, 1]}}
    slider, search, patches = set_year_range(
        data,
        CHARTS[0],
        {CHART_PROP + "selectedData": CHARTS[0]},
        "",
        [1991, 2025],
        [selection, None],
        [None, None],
        CHARTS,
        "trade",
    )
    assert slider == [2000, 2010] and search == "?from=2000&to=2010"
    ops = patches[0].to_plotly_json()["operations"]
    assert any(
        op["location"] == ["layout", "selections"] for op in ops
    )  # the box is cleared where it was drawn
    assert not any(
        op["location"] == ["layout", "selections"] for op in patches[1].to_plotly_json()["operations"]
    )


def test_a_zoom_sets_the_years_and_a_reset_shows_all(data):
    bounds = data.bounds
    assert years_of_relayout({"xaxis.range[0]": 1990.2, "xaxis.range[1]": 2000.7}, bounds) == (1991, 2000)
    assert years_of_relayout({"xaxis.autorange": True}, bounds) == bounds
    assert years_of_relayout({"autosize": True}, bounds) is None
    assert years_of_selection({"points": [{"x": 2003}, {"x": 2001}]}, bounds) == (2001, 2003)
    assert years_of_selection(None, bounds) is None


def test_a_chart_appearing_changes_nothing(data):
    with pytest.raises(PreventUpdate):
        set_year_range(
            data,
            CHARTS[0],
            {CHART_PROP + "relayoutData": CHARTS[0]},
            "",
            [1991, 2025],
            [None, None],
            [None, None],
            CHARTS,
            "trade",
        )


def _line(patch) -> dict:
    """The hover line a patch assigns."""
    (operation,) = patch.to_plotly_json()["operations"]
    assert operation["location"] == ["layout", "shapes", 0]
    return operation["params"]["value"]


def test_hover_marks_the_year_on_the_other_charts_only(data):
    charts = [CHARTS[0], {"type": ids.TIME_CHART, "name": "turnover_too"}]
    data.specs["turnover_too"] = data.specs["turnover"]
    patches = mark_year(data, "", charts[0], [{"points": [{"x": 2004, "y": 1}]}, None], charts)
    assert patches[0] is no_update
    assert _line(patches[1])["x0"] == 2004 and _line(patches[1])["visible"]
    assert _line(mark_year(data, "", charts[0], [None, None], charts)[1])["visible"] is False


def test_hover_outside_a_charts_years_hides_its_line(data):
    charts = [CHARTS[0], {"type": ids.TIME_CHART, "name": "turnover_too"}]
    data.specs["turnover_too"] = data.specs["turnover"]
    hovered = [{"points": [{"x": 1950}]}, None]
    assert (
        _line(mark_year(data, "", charts[0], hovered, charts)[1])["visible"] is False
    )  # turnover starts 1991
    hovered = [{"points": [{"x": 1995}]}, None]
    assert _line(mark_year(data, "?from=2000&to=2010", charts[0], hovered, charts)[1])["visible"] is False


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
    # The stand-in chart is on the trade page: its default years are the series' own, 1991-2025: 35 years less
    # 2012, which has no sourced turnover.
    assert len(csv_frame(data, "turnover", View())) == 34


def test_the_table_and_sources_tabs_show_the_points_in_view(data, loader):
    table, untouched = tab_contents(data, "turnover", ["table"], "?from=2000&to=2010")
    assert untouched is no_update
    cells = [row.children for row in table.children.children[1].children]
    assert len(cells) == 11 and cells[0][0].children == "2000" and cells[0][2].children == "8"  # US$8 bn in 2000
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
