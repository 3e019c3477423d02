"""The chart frame's tabs: switched in the browser; Table and Sources fill in when opened; images and the link
are made in the browser too."""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.downloads import csv_frame
from dashboard.app.data import AppData
from dashboard.app.frame import TABS, plain, sources_tab, table_tab

FILLED = ("table", "sources")


def _tab(name, tab: str) -> dict:
    """A tab's id (the chart's name, or MATCH)."""
    return {"type": ids.TAB_BUTTON, "name": name, "tab": tab}


def register(app, data: AppData) -> None:
    """Wire the tab switch, the tab contents and the clientside image and link buttons."""
    keys = [key for key, _ in TABS]
    later_store, later_slot = ids.later_ids(MATCH)
    app.clientside_callback(  # a page's later charts, drawn once its first one is painted
        ClientsideFunction(namespace="frame", function_name="drawLater"),
        Output(later_slot, "children"),
        Input(later_store, "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="frame", function_name="selectTab"),
        [Output({"type": ids.TAB_PANEL, "name": MATCH, "tab": key}, "hidden") for key in keys]
        + [Output(_tab(MATCH, key), "aria-selected") for key in keys]
        + [Output(_tab(MATCH, key), "className") for key in keys],
        [Input(_tab(MATCH, key), "n_clicks") for key in keys],
        prevent_initial_call=True,
    )

    @app.callback(
        Output({"type": ids.TAB_BODY, "name": MATCH, "kind": "table"}, "children"),
        Output({"type": ids.TAB_BODY, "name": MATCH, "kind": "sources"}, "children"),
        Input(_tab(MATCH, "table"), "n_clicks"),
        Input(_tab(MATCH, "sources"), "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_tab(table_clicks, sources_clicks, search):
        """Thin: which chart and which tabs have been opened, then `tab_contents`."""
        name = ctx.outputs_list[0]["id"]["name"]
        opened = [kind for kind, clicks in zip(FILLED, (table_clicks, sources_clicks)) if clicks]
        return tab_contents(data, name, opened, search)

    for image_format in ("png", "svg"):
        app.clientside_callback(
            ClientsideFunction(namespace="frame", function_name="downloadImage"),
            Output({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "title"),
            Input({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "n_clicks"),
            State({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "id"),
            State(ids.download_link_id(MATCH, "csv"), "download"),
            prevent_initial_call=True,
        )
    for kind, function in (("cite", "showCitation"), ("embed", "showEmbed")):
        app.clientside_callback(
            ClientsideFunction(namespace="frame", function_name=function),
            Output({"type": ids.SNIPPET, "name": MATCH, "kind": kind}, "children"),
            Input({"type": ids.SNIPPET_BUTTON, "name": MATCH, "kind": kind}, "n_clicks"),
            State({"type": ids.SNIPPET_SOURCE, "name": MATCH}, "data"),
            State(ids.download_link_id(MATCH, "csv"), "href"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        ClientsideFunction(namespace="frame", function_name="copySnippet"),
        Output({"type": ids.SNIPPET_COPIED, "name": MATCH}, "children"),
        Input({"type": ids.SNIPPET_COPY, "name": MATCH, "kind": "cite"}, "n_clicks"),
        Input({"type": ids.SNIPPET_COPY, "name": MATCH, "kind": "embed"}, "n_clicks"),
        State({"type": ids.SNIPPET, "name": MATCH, "kind": "cite"}, "children"),
        State({"type": ids.SNIPPET, "name": MATCH, "kind": "embed"}, "children"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="frame", function_name="copyLink"),
        Output({"type": ids.COPY_STATUS, "name": MATCH}, "children"),
        Input({"type": ids.COPY_LINK, "name": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )


def tab_contents(data: AppData, name: str, opened: list[str], search: str | None) -> tuple:
    """The bodies of the opened tabs (table, sources) for the points shown in the view; the others untouched."""
    if name not in data.specs or not opened:
        raise PreventUpdate
    view = data.view(search)
    rows = csv_frame(data, name, view)
    table: object = no_update
    sources: object = no_update
    if "table" in opened:
        layout = data.figure(name, view).layout
        years_on_x = data.specs[name].follows_year_range
        table = table_tab(rows, plain(layout.xaxis.title.text), plain(layout.yaxis.title.text), years_on_x)
    if "sources" in opened:
        sources = sources_tab(rows)
    return table, sources
