"""The chart frame as a keyboard and a screen reader meet it: a focusable, named, described figure; one polite
status line per chart (assets/stepper.js speaks there); download links with ids (a year change in the browser moves
them); data choices that wait for Apply."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.app import ids
from dashboard.app.components import data_choices
from dashboard.app.pages import PAGES, chart_layout

TRADE = next(page for page in PAGES if page.key == "trade")


def _all(component) -> list:
    """Every component of a layout tree, depth first."""
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found += _all(child)
    return found


def _by_id(layout) -> dict:
    """Components by their browser id."""
    return {
        ids.dom_id(c.id) if isinstance(c.id, dict) else c.id: c
        for c in _all(layout)
        if getattr(c, "id", None)
    }


def test_each_chart_is_a_focusable_figure_described_by_its_data_and_its_keys(data):
    layout = chart_layout(data, TRADE, **{"from": "2000", "to": "2010"})
    (figure,) = [c for c in _all(layout) if getattr(c, "role", None) == "figure"]
    assert figure.tabIndex == "0"
    assert getattr(figure, "aria-label")
    described = getattr(figure, "aria-describedby").split()
    known = _by_id(layout)
    assert [d in known for d in described] == [True, True]
    assert "1991" in known[described[0]].children  # the description in words, from the data
    assert "arrow keys" in known[described[1]].children and "Enter" in known[described[1]].children


def test_each_chart_has_one_polite_status_line_outside_its_tab_panels(data):
    layout = chart_layout(data, TRADE)
    statuses = [c for c in _all(layout) if getattr(c, "data-chart-status", None)]
    assert len(statuses) == 1
    (status,) = statuses
    assert status.role == "status" and getattr(status, "aria-live") == "polite"
    panels = [c for c in _all(layout) if getattr(c, "role", None) == "tabpanel"]
    assert not any(status in _all(panel) for panel in panels)


def test_the_download_links_carry_ids_the_browser_moves(data):
    known = _by_id(chart_layout(data, TRADE, **{"from": "2000", "to": "2010"}))
    csv = known[ids.dom_id(ids.download_link_id("turnover", "csv"))]
    zip_link = known[ids.dom_id(ids.download_link_id("turnover", "zip"))]
    assert isinstance(csv, html.A) and csv.href.endswith("turnover.csv?from=2000&to=2010")
    assert csv.download.startswith("turnover_2000-2010_") and zip_link.download.endswith(".zip")


def test_a_data_choice_has_an_apply_button_beside_its_select():
    row = data_choices(
        {ids.TRADE_CHOICE: ["2026-11-30", "2002"]}, {ids.TRADE_CHOICE: "2026-11-30"}, "2026-11-30"
    )
    (group,) = [c for c in _all(row) if isinstance(c, dbc.InputGroup)]
    select, apply = group.children
    assert select.id == ids.data_choice_id(ids.TRADE_CHOICE)
    assert apply.id == ids.data_apply_id(ids.TRADE_CHOICE) and apply.children == "Apply"
