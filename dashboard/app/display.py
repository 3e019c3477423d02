"""How the browser shows a registered figure (box-select on years, hover line, export options): look, never data."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Patch

from dashboard.figures.style import EXPORT_HEIGHT, EXPORT_WIDTH, PALETTE, year_span

HOVER_LINE_NAME = "hover_year"
HOVER_LINE_INDEX = 0  # the app puts the hover line first among a time chart's shapes
GRAPH_HEIGHT_PX = 560


def for_display(fig: go.Figure, follows_year_range: bool) -> dict:
    """The figure as a dict for dcc.Graph; a time chart box-selects years and carries a hidden hover line."""
    shown = fig.to_plotly_json()
    layout = dict(shown.get("layout", {}))
    layout.pop("width", None)
    layout["height"] = GRAPH_HEIGHT_PX
    if follows_year_range:
        layout.update(dragmode="select", selectdirection="h")
        layout["shapes"] = [hover_line(None), *layout.get("shapes", ())]
    return {"data": shown.get("data", []), "layout": layout}


def with_year_range(shown: dict, year_range: tuple[int, int] | None) -> dict:
    """A shown time chart with its x axis on `year_range` (None: unchanged), sharing the traces."""
    if year_range is None:
        return shown
    layout = dict(shown["layout"])
    layout["xaxis"] = {**layout.get("xaxis", {}), **x_range(year_range)}
    return {"data": shown["data"], "layout": layout}


def x_range(year_range: tuple[int, int]) -> dict:
    """The x-axis settings that show whole years start..end."""
    return {"range": year_span(year_range), "autorange": False}


def hover_line(year: float | None) -> dict:
    """A dotted vertical line at `year` across the plot (hidden when year is None)."""
    at = 0 if year is None else year
    return {
        "type": "line",
        "name": HOVER_LINE_NAME,
        "xref": "x",
        "yref": "paper",
        "x0": at,
        "x1": at,
        "y0": 0,
        "y1": 1,
        "visible": year is not None,
        "layer": "above",
        "line": {"color": PALETTE["black"], "width": 1, "dash": "dot"},
    }


def hover_patch(year: float | None) -> Patch:
    """Move a time chart's hover line to `year` (None hides it)."""
    patch = Patch()
    patch["layout"]["shapes"][HOVER_LINE_INDEX] = hover_line(year)
    return patch


def year_range_patch(year_range: tuple[int, int] | None, clear_selection: bool = False) -> Patch:
    """Set a time chart's x axis to the years of `year_range` (None: everything)."""
    patch = Patch()
    if year_range is None:
        patch["layout"]["xaxis"]["autorange"] = True
    else:
        for key, value in x_range(year_range).items():
            patch["layout"]["xaxis"][key] = value
    if clear_selection:
        patch["layout"]["selections"] = []
    return patch


def graph_config(name: str) -> Any:  # dcc.Graph's Config TypedDict; a plain dict here
    """The mode bar: PNG export at the report's size, no Plotly logo, no lasso."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": name,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 1,
        },
    }
