"""The year range of a page's time charts: set by its slider (its year boxes commit on Enter), a box-select or zoom
on any of them, or the address; it travels to the other pages in the address.

Applied in the browser (assets/interactions.js, `interactions.yearRange`): each chart's axes are relaid out (x on
whole years, y fitted to the points in them, the rule of `display.y_range`), the address and the slider follow;
nothing goes to the server. An open Table or Sources tab is clicked again so that it refills on the new years."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State

from dashboard.app import ids
from dashboard.app.data import AppData

TIME_CHARTS = {"type": ids.TIME_CHART, "name": ALL}
SLIDERS = {"type": ids.YEAR_SLIDER, "page": ALL}


def register(app, data: AppData) -> None:
    """Wire the clientside year range callback."""
    app.clientside_callback(
        ClientsideFunction(namespace="interactions", function_name="yearRange"),
        Output(SLIDERS, "value"),
        Output(ids.URL, "search"),
        Input(ids.URL, "search"),
        Input(SLIDERS, "value"),
        Input(TIME_CHARTS, "selectedData"),
        Input(TIME_CHARTS, "relayoutData"),
        State(ids.URL, "pathname"),
        State(SLIDERS, "min"),
        State(SLIDERS, "max"),
        prevent_initial_call=True,
    )
