"""Links and choices that follow the view: nav links keep the query, data choices redraw the page when applied."""

from __future__ import annotations

import time
from dataclasses import replace

from dash import ALL, ClientsideFunction, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.errors import on_error_each
from dashboard.app.components import DEFAULT_VINTAGE
from dashboard.app.data import AppData, target_of_click
from dashboard.app.overview import target_href
from dashboard.app.pages import PAGES, PATHS
from dashboard.app.view import href
from dashboard.errors import BilateralError

CHOICES = {"type": ids.DATA_CHOICE, "name": ALL}
# Push the address and tell every dcc.Location (Dash Pages' too) that it changed, as dcc.Link does.
NAVIGATE_JS = """
function(request) {
    if (request && request.href) {
        window.history.pushState({}, '', request.href);
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    }
    return window.dash_clientside.no_update;
}
"""


def register(app, data: AppData) -> None:
    """Wire the link, data-choice and clientside callbacks."""

    nav_hrefs = Output({"type": ids.NAV_LINK, "page": ALL}, "href")

    @app.callback(nav_hrefs, Input(ids.URL, "pathname"), State(ids.URL, "search"), on_error=on_error_each)
    def on_page_change(_pathname, search):
        """Thin: `nav_links`, on arriving at a page (a year change in the page sets them in the browser)."""
        return nav_links(data, search)

    # The year range changes the address in the browser (assets/interactions.js): the links follow there too.
    app.clientside_callback(
        ClientsideFunction(namespace="interactions", function_name="navLinks"),
        Output({"type": ids.NAV_LINK, "page": ALL}, "href", allow_duplicate=True),
        Input(ids.URL, "search"),
        State({"type": ids.NAV_LINK, "page": ALL}, "href"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.NAVIGATE, "data"),
        Input({"type": ids.DATA_APPLY, "name": ALL}, "n_clicks"),
        State(CHOICES, "value"),
        State(CHOICES, "id"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_data_choice(clicks, values, choice_ids, pathname, search):
        """Thin: on Apply (not on each change of a select), `choose_data` with the page's choices by name."""
        if not any(clicks or ()):
            raise PreventUpdate
        return choose_data(data, {i["name"]: v for i, v in zip(choice_ids, values)}, pathname, search)

    @app.callback(
        Output(ids.NAVIGATE, "data", allow_duplicate=True),
        Input({"type": ids.CHART, "name": ALL}, "clickData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_target_click(_clicks, search):
        """Thin: the clicked chart and point, then `open_target`."""
        clicked = ctx.triggered[0]["value"] if ctx.triggered else None
        chart = ctx.triggered_id["name"] if isinstance(ctx.triggered_id, dict) else None
        return open_target(data, chart, clicked, search)

    app.clientside_callback(
        NAVIGATE_JS, Output(ids.NAVIGATE, "id"), Input(ids.NAVIGATE, "data"), prevent_initial_call=True
    )
    app.clientside_callback(
        ClientsideFunction(namespace="shell", function_name="toggleNav"),
        Output(ids.NAV_COLLAPSE, "is_open"),
        Input(ids.NAV_TOGGLE, "n_clicks"),
        State(ids.NAV_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )


def open_target(data: AppData, chart: str | None, clicked: dict | None, search: str | None) -> dict:
    """A click on a target in an overview chart (the verdict board) opens the chart that shows that target,
    highlighted, keeping the view."""
    target = target_of_click(data, chart, clicked)
    if target is None:
        raise PreventUpdate
    view = data.view(search)
    ledger = data.processed(view).derived.ledger
    row = ledger[ledger["target_id"] == target].iloc[0].to_dict()
    return {"href": target_href(row, view, PATHS), "at": time.time()}


def nav_links(data: AppData, search: str | None) -> list[str]:
    """Nav links carrying the view; a highlighted target stays on its own page. An address that cannot be
    shown (its page says why) links to the plain pages."""
    try:
        across = replace(data.view(search), target=None)
    except BilateralError:
        return [page.path for page in PAGES]
    return [href(page.path, across) for page in PAGES]


def choose_data(data: AppData, choices: dict[str, str], pathname: str | None, search: str | None) -> dict:
    """A request to redraw the page on the chosen trade version and SIPRI vintage (nothing when the view has them)."""
    view = data.view(search)
    active = data.active_versions.get("trade")
    current = view.with_version(
        "trade", None if view.version_map.get("trade") == active else view.version_map.get("trade")
    )
    chosen = current
    if ids.TRADE_CHOICE in choices:
        trade = choices[ids.TRADE_CHOICE]
        chosen = chosen.with_version("trade", None if trade in (None, active) else trade)
    if ids.VINTAGE_CHOICE in choices:
        vintage = choices[ids.VINTAGE_CHOICE]
        chosen = replace(chosen, vintage=None if vintage in (None, DEFAULT_VINTAGE) else vintage)
    if chosen == current:
        raise PreventUpdate
    return {"href": href(pathname or "/", chosen), "at": time.time()}
