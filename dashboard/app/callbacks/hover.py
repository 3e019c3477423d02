"""Hovering a year on one time chart marks the same year on the page's other time charts (a dotted line, hidden
where the year is outside a chart's years), in the browser: assets/interactions.js, `interactions.hover`."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output

from dashboard.app import ids
from dashboard.app.data import AppData

TIME_CHARTS = {"type": ids.TIME_CHART, "name": ALL}


def register(app, data: AppData) -> None:
    """Wire the clientside hover callback (it relays out the other charts' hover lines and updates no prop)."""
    app.clientside_callback(
        ClientsideFunction(namespace="interactions", function_name="hover"),
        Output(TIME_CHARTS, "id"),
        Input(TIME_CHARTS, "hoverData"),
        prevent_initial_call=True,
    )
