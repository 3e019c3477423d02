"""Page layouts read the query string: the ledger, the chart cards, the highlight banner, the alerts."""

import json

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard.app import create_app, ids
from dashboard.app.components import mark_years, shortfall, status_badge
from dashboard.app.data import AppData
from dashboard.app.factory import MAX_REQUEST_BYTES
from dashboard.app.overview import page_of_target
from dashboard.app.pages import PAGES, _cached_layout, chart_layout, claims_layout, overview_layout
from dashboard.formatting import amount
from tests.app.conftest import SPECS

TRADE = next(page for page in PAGES if page.key == "trade")


def _find(component, kind) -> list:
    """Every component of a type in a layout tree."""
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found += _find(child, kind)
    return found


def test_overview_links_every_target_to_its_chart_highlighted(data, loader):
    layout = overview_layout(data, **{"from": "2000", "to": "2010"})
    links = {
        link.id["target"]: link.href
        for link in _find(layout, dcc.Link)
        if isinstance(getattr(link, "id", None), dict)
    }
    ledger = loader(None).derived.ledger
    assert set(links) == set(ledger["target_id"])
    assert links["trade_20bn_by_2000"] == "/trade?from=2000&to=2010&target=trade_20bn_by_2000"
    assert links["power_of_siberia_38bcm_a_year"].startswith("/energy?")
    badges = [badge.children for badge in _find(layout, dbc.Badge)]
    assert badges.count("✗ missed") == (ledger["status"] == "missed").sum()
    assert len(_find(layout, dcc.Graph)) == 1  # the stand-in headline figure


def test_a_chart_page_shows_its_figures_on_the_view(data):
    layout = chart_layout(data, TRADE, **{"from": "2000", "to": "2010", "target": "trade_20bn_by_2000"})
    (graph,) = _find(layout, dcc.Graph)
    assert graph.id == {"type": ids.TIME_CHART, "name": "turnover"}
    assert graph.figure["layout"]["xaxis"]["range"] == [1999.5, 2010.5]
    assert graph.config["toImageButtonOptions"]["format"] == "png"
    assert "Highlighted target: " in str(layout) and "US$20 bn of trade by 2000" in str(layout)
    assert "Each checked against its schema and checksum" in str(layout)
    assert "Current series 1991-2025 (2026-11-30)" in str(layout) and "sha256" not in str(layout)


def test_an_unknown_version_or_target_is_a_message_not_a_crash(data):
    assert "cannot be shown" in str(chart_layout(data, TRADE, trade="1999"))
    assert "no target 'nope'" in str(chart_layout(data, TRADE, target="nope"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.key)
def test_every_page_draws_its_registered_figures(loader, page):
    from dashboard.figures.registry import registered

    data = AppData(loader, registered())
    if page.key in ("claims", "text"):  # pages of tables and forms, no chart
        assert not data.for_page(page.key)
        return
    layout = overview_layout(data) if page.key == "overview" else chart_layout(data, page)
    drawn_first = [graph.id["name"] for graph in _find(layout, dcc.Graph)]
    drawn_later = [  # the page's later graphs wait in stores until the first is on screen (assets/frame.js)
        store.data["props"]["id"]["name"]
        for store in _find(layout, dcc.Store)
        if isinstance(store.id, dict)
        and store.id["type"] == ids.LATER_GRAPH
        and store.data["type"] == "Graph"
    ]
    assert drawn_first + drawn_later == [spec.name for spec in data.for_page(page.key)]
    assert len(drawn_first) == 1


def test_targets_map_to_the_pages_that_chart_them():
    assert page_of_target("trade_turnover_usd_bn") == "trade"
    assert page_of_target("gas_power_of_siberia_bcm") == "energy"
    assert page_of_target("unknown") == "overview"


def test_values_carry_units_and_statuses_words():
    assert amount(20.0, "usd_bn") == "US$20 bn" and amount(130400, "troops") == "130,400 troops"
    assert amount(55.45, "usd_bn") == "US$55.45 bn" and amount(None, "mt") == "–"
    assert shortfall(-36.83, "usd_bn") == "exceeded by US$36.83 bn"
    assert status_badge("on_track").children == "↗ on track"


@pytest.fixture(scope="module")
def client(loader):
    """A test client of the app with the stand-in figures."""
    return create_app(loader, specs=SPECS).server.test_client()


def test_the_app_serves_its_pages_with_no_external_address(client):
    page = client.get("/trade").get_data(as_text=True)
    assert "bootstrap.min.css" in page
    assert 'src="http' not in page and 'href="http' not in page
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "source-panel" in layout  # the shell; the year control belongs to pages with time charts


def test_a_failing_callback_answers_with_a_message_not_http_500(client):
    chart = {"name": "turnover", "type": ids.TIME_CHART}
    point = {"points": [{"customdata": ["article-19223"], "x": 2000, "y": 8.0, "curveNumber": 0}]}
    body = {
        "output": f"..{ids.SOURCE_PANEL}.is_open...{ids.SOURCE_BODY}.children..",
        "outputs": [
            {"id": ids.SOURCE_PANEL, "property": "is_open"},
            {"id": ids.SOURCE_BODY, "property": "children"},
        ],
        "inputs": [[{"id": chart, "property": "clickData", "value": point}], []],
        "changedPropIds": [json.dumps(chart, separators=(",", ":")) + ".clickData"],
        "state": [{"id": "url", "property": "search", "value": "?trade=1999"}],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204)
    alert = response.get_json()["sideUpdate"][ids.ERROR_ALERT]
    assert alert["is_open"] and "1999" in alert["children"]


def test_requests_are_bounded(client):
    assert client.application.config["MAX_CONTENT_LENGTH"] == MAX_REQUEST_BYTES
    response = client.post(
        "/_dash-update-component", data=b"x" * (MAX_REQUEST_BYTES + 1), content_type="application/json"
    )
    assert response.status_code == 413


def test_a_page_is_built_once_per_view_and_shared(data):
    built = []

    def build(**query):
        built.append(query)
        return chart_layout(data, TRADE, **query)

    first = _cached_layout(data, "trade", build, **{"from": "2000", "to": "2010"})
    again = _cached_layout(data, "trade", build, **{"from": "2000", "to": "2010", "ignored": "x"})
    other = _cached_layout(data, "trade", build, **{"from": "2001", "to": "2010"})
    assert again is first and other is not first and len(built) == 2
    assert "cannot be shown" in str(_cached_layout(data, "trade", build, trade="1999"))  # answered, not kept


def test_the_claims_page_lists_every_figure_and_filters_by_verdict(data, loader):
    from dashboard.claims import claim_records

    records = claim_records(loader(None).frames)
    rows = _find(claims_layout(data), html.Tr)
    assert len(rows) == len(records) + 1  # a header row and one per figure of the article
    contradicted = [r for r in records if r["verdict"] == "contradicted"]
    filtered = _find(claims_layout(data, verdict="contradicted"), html.Tr)
    assert len(filtered) == len(contradicted) + 1
    text = str(claims_layout(data))
    assert "not_a_claim" not in text.replace(
        "verdict=not_a_claim", ""
    )  # the code only in the filter's address
    assert "“Sino-Russian Relations in a Changed International Landscape” (2002)" in text


def test_a_pasted_text_is_checked_statement_by_statement(loader):
    from dashboard.app.text_page import check_text

    # 2018 turnover: Chinese customs 107.06, Russian customs 108.3 (trade 2026-11-28): "passed $100 bn" holds.
    shown = check_text("Trade passed $100 bn in 2018.", loader(None))
    (row,) = _find(shown, html.Tr)[1:]
    cells = [cell.children for cell in row.children]
    assert cells[1] == "$100 bn" and cells[2] == "Consistent"
    assert "Chinese customs" in cells[3] and "(trade-" not in cells[3]  # sources by publisher, not by id
    refused = str(check_text("<script>alert(1)</script> no numbers here", loader(None)))
    assert "markup" in refused.lower() or "no trade statement" in refused
    assert "no trade statement" in str(check_text("The weather was fine.", loader(None)))


def test_where_sources_disagree_sits_under_the_chart_it_concerns(loader):
    """The turnover chart (named as the registry names it) is followed by its disagreements, years in the summary;
    the 2015 note is the 2016 Kommersant report's +2.2% against the 64.2 of Chinese customs (about 68)."""
    from dashboard.app.pages import disagreement_notes
    from dashboard.figures.registry import FigureSpec

    pledges = FigureSpec("trade_pledges", "Turnover", "trade", ("trade",), SPECS["turnover"].draw)
    layout = chart_layout(AppData(loader, {"trade_pledges": pledges}), TRADE)
    (details,) = _find(layout, html.Details)
    children = list(layout.children)
    before = children[children.index(details) - 1]
    assert "chart-card" in before.class_name and _find(before, dcc.Graph)  # right under the chart's card
    summary = str(_find(details, html.Summary)[0])
    assert "Where sources disagree" in summary and "2015" in summary and "⚠" in summary
    notes = [item.children for item in _find(details, html.Li)]
    assert any(n.startswith("2015: US$64.2 bn (Chinese customs); the 2016 growth of +2.2%") for n in notes)
    assert any("implies about US$68 bn" in n for n in notes)
    assert "trade-2017" not in str(details)  # publishers, never source ids
    one = disagreement_notes("x", ["2010: one."])
    assert "2010 (1 note)" in str(one.children[0])


@pytest.mark.parametrize(
    ("low", "high", "marks"),
    [
        (1991, 2025, [2000, 2010, 2020]),  # trade: every ten years
        (1999, 2025, [2000, 2010, 2020]),
        (1950, 2025, [1960, 1980, 2000, 2020]),  # 75 years: ten-year marks would be eight
        (1897, 2021, [1900, 1925, 1950, 1975, 2000]),  # migration: a century and more
    ],
)
def test_the_year_slider_labels_at_most_five_years(low, high, marks):
    assert mark_years(low, high) == marks
