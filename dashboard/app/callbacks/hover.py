"""Hovering a year on one time chart marks the same year on the page's other time charts."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.errors import on_error_each
from dashboard.app.callbacks.year_range import year_number
from dashboard.app.data import AppData
from dashboard.app.display import hover_patch

TIME_CHARTS = {"type": ids.TIME_CHART, "name": ALL}


def register(app, data: AppData) -> None:
    """Wire the hover callback."""

    @app.callback(
        Output(TIME_CHARTS, "figure", allow_duplicate=True),
        Input(TIME_CHARTS, "hoverData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
        on_error=on_error_each,
    )
    def on_hover(hovers, search):
        """Thin: find the hovered chart, then let `mark_year` patch the others."""
        charts = [output["id"] for output in ctx.outputs_list]
        return mark_year(data, search, ctx.triggered_id, hovers, charts)


def mark_year(data: AppData, search: str | None, trigger, hovers: list, charts: list[dict]) -> list:
    """A hover-line patch for every other time chart whose years include the hovered one (else the line hides).

    A line outside a chart's years would widen its autoranged axis, so it is hidden there instead."""
    if trigger not in charts:
        raise PreventUpdate
    year = hovered_year(hovers[charts.index(trigger)])
    view = data.view(search)
    patches: list = []  # no_update or a Patch per chart
    for chart in charts:
        if chart == trigger:
            patches.append(no_update)
            continue
        extent = (
            data.x_extent(chart["name"], view) if year is not None and chart["name"] in data.specs else None
        )
        shown = year is not None and extent is not None and extent[0] <= year <= extent[1]
        patches.append(hover_patch(year if shown else None))
    return patches


def hovered_year(hover: dict | None) -> float | None:
    """The year under the pointer, or None when nothing is hovered."""
    points = (hover or {}).get("points") or []
    return year_number(points[0].get("x")) if points else None
