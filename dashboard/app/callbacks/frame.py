"""The chart frame's tabs: Table and Sources fill in when opened; images and the link are made in the browser."""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.downloads import csv_frame
from dashboard.app.data import AppData
from dashboard.app.frame import plain, sources_tab, table_tab


def register(app, data: AppData) -> None:
    """Wire the tab contents and the clientside image and link buttons."""

    @app.callback(
        Output({"type": ids.TAB_BODY, "name": MATCH, "kind": "table"}, "children"),
        Output({"type": ids.TAB_BODY, "name": MATCH, "kind": "sources"}, "children"),
        Input({"type": ids.CHART_TABS, "name": MATCH}, "active_tab"),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_tab(active_tab, search):
        """Thin: which chart, then `tab_contents`."""
        if not isinstance(ctx.outputs_list[0], dict):
            raise PreventUpdate
        return tab_contents(data, ctx.outputs_list[0]["id"]["name"], active_tab, search)

    for image_format in ("png", "svg"):
        app.clientside_callback(
            ClientsideFunction(namespace="frame", function_name="downloadImage"),
            Output({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "title"),
            Input({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "n_clicks"),
            State({"type": ids.IMAGE_BUTTON, "name": MATCH, "format": image_format}, "id"),
            State({"type": ids.IMAGE_NAME, "name": MATCH}, "data"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        ClientsideFunction(namespace="frame", function_name="copyLink"),
        Output({"type": ids.COPY_STATUS, "name": MATCH}, "children"),
        Input({"type": ids.COPY_LINK, "name": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )


def tab_contents(data: AppData, name: str, active_tab: str | None, search: str | None) -> tuple:
    """The opened tab's body (table or sources of the points shown in the view); the other left as it is."""
    if name not in data.specs or active_tab not in ("table", "sources"):
        raise PreventUpdate
    view = data.view(search)
    rows = csv_frame(data, name, view)
    if active_tab == "sources":
        return no_update, sources_tab(rows)
    layout = data.figure(name, view).layout
    years_on_x = data.specs[name].follows_year_range
    return table_tab(
        rows, plain(layout.xaxis.title.text), plain(layout.yaxis.title.text), years_on_x
    ), no_update
