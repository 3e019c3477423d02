"""Clicking a data point opens its source: publisher, date, quote, reliability, link, footnote."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.components import source_details
from dashboard.app.data import AppData, source_record, target_of_click


def register(app, data: AppData) -> None:
    """Wire the point-click callback."""

    @app.callback(
        Output(ids.SOURCE_PANEL, "is_open"),
        Output(ids.SOURCE_BODY, "children"),
        Input({"type": ids.TIME_CHART, "name": ALL}, "clickData"),
        Input({"type": ids.CHART, "name": ALL}, "clickData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_point_click(_time_clicks, _other_clicks, search):
        """Thin: take the clicked point, then let `show_source` look it up."""
        clicked = ctx.triggered[0]["value"] if ctx.triggered else None
        chart = ctx.triggered_id["name"] if isinstance(ctx.triggered_id, dict) else None
        return show_source(data, search, chart, clicked)


def show_source(data: AppData, search: str | None, chart: str | None, clicked: dict | None):
    """Open the panel on the clicked point's source; ignore clicks on lines and bands that carry none."""
    point = ((clicked or {}).get("points") or [None])[0]
    source_id = source_of_point(point)
    if source_id is None or target_of_click(data, chart, clicked) is not None:
        raise PreventUpdate  # nothing sourced here, or a target on the overview: its chart opens instead
    view = data.view(search)
    return True, source_details(
        source_record(data.processed(view), source_id),
        source_id,
        {"series": _series(data, chart, view, point), "x": point.get("x"), "y": point.get("y")},
    )


def _series(data: AppData, chart: str | None, view, point: dict) -> str | None:
    """The name of the clicked point's trace."""
    curve = point.get("curveNumber")
    if chart not in data.specs or not isinstance(curve, int):
        return None
    traces = data.figure(chart, view).data
    return traces[curve].name if curve < len(traces) else None


def source_of_point(point: dict | None) -> str | None:
    """customdata[0] of a clicked point (the contract puts the source id first), or None."""
    if not point:
        return None
    custom = point.get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom if isinstance(custom, str) and custom else None
