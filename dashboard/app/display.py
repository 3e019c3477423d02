"""How the browser shows a registered figure (box-select on years, hover line, export options): look, never data."""

from __future__ import annotations

import base64
import math
import numbers
from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard.figures.style import EXPORT_HEIGHT, EXPORT_WIDTH, PALETTE, year_span

HOVER_LINE_NAME = "hover_year"
GRAPH_HEIGHT_PX = 560
IN_PAGE_TOP_MARGIN_PX = 24  # the title is the frame's heading; a legend above the plot pushes it down
Y_ROOM = 0.06  # room above the highest point shown, as a share of the range


def for_display(fig: go.Figure, follows_year_range: bool) -> dict:
    """The figure as a dict for dcc.Graph; a time chart box-selects years and carries a hidden hover line."""
    shown = fig.to_plotly_json()
    layout = dict(shown.get("layout", {}))
    layout.pop("width", None)
    layout.setdefault("height", GRAPH_HEIGHT_PX)
    # The page's frame shows the title and subtitle as text; the image downloads put them back (assets/frame.js).
    title = layout.get("title") or {}
    title = title if isinstance(title, dict) else {"text": str(title)}
    layout["meta"] = {
        "title": title.get("text", ""),
        "subtitle": (title.get("subtitle") or {}).get("text", ""),
        "title_layout": title,
        "margin_top": (layout.get("margin") or {}).get("t"),
    }
    layout["title"] = {"text": ""}
    layout["margin"] = {**(layout.get("margin") or {}), "t": IN_PAGE_TOP_MARGIN_PX}
    legend = dict(layout.get("legend") or {})
    if legend.get("yref") == "container":  # placed under the title: without it, at the top
        layout["meta"]["legend_y"] = legend.get("y")
        legend["y"] = 1 - IN_PAGE_TOP_MARGIN_PX / 2 / layout["height"]
        layout["legend"] = legend
    if follows_year_range:
        layout.update(dragmode="select", selectdirection="h")
        layout["shapes"] = [hover_line(None), *layout.get("shapes", ())]
    return {"data": shown.get("data", []), "layout": layout}


def with_year_range(shown: dict, year_range: tuple[int, int] | None) -> dict:
    """A shown time chart with its x axis on `year_range` (None: unchanged) and its y axis fitted to the points
    in those years, sharing the traces."""
    if year_range is None:
        return shown
    layout = dict(shown["layout"])
    layout["xaxis"] = {**layout.get("xaxis", {}), **x_range(year_range)}
    fitted = y_range(shown, year_range)
    if fitted is not None:
        layout["yaxis"] = {**layout.get("yaxis", {}), "range": fitted, "autorange": False}
    return {"data": shown["data"], "layout": layout}


def y_range(shown: dict, year_range: tuple[int, int]) -> list[float] | None:
    """The y range that fits every point (with its error bars) of the main y axis within `year_range`, from zero
    where the values are all positive, with a little room above; None when the figure fixes its own y range
    (a log scale with set ticks) or has no point in those years."""
    axis = shown.get("layout", {}).get("yaxis", {})
    if axis.get("type") == "log" or axis.get("fixedrange"):
        return None
    start, end = year_span(year_range)
    values: list[float] = []
    for trace in shown.get("data", ()):
        if trace.get("yaxis", "y") != "y" or trace.get("visible") is False:
            continue
        xs, ys = _array(trace.get("x")), _array(trace.get("y"))
        if xs is None or ys is None:
            continue
        plus, minus = _error_arrays(trace.get("error_y"), len(ys))
        for x, y, up, down in zip(xs, ys, plus, minus):
            if _finite(x) and _finite(y) and start <= x <= end:
                values += [y, y + (up if _finite(up) else 0.0), y - (down if _finite(down) else 0.0)]
    if not values:
        return None
    low, high = min(values), max(values)
    low = 0.0 if low >= 0 else low
    room = (high - low) * Y_ROOM or max(abs(high), 1.0) * Y_ROOM
    return [low - (room if low < 0 else 0.0), high + room]


def _error_arrays(error: dict | None, size: int) -> tuple[list, list]:
    """An error bar's up and down lengths per point (none: zeros)."""
    if not error or error.get("visible") is False or error.get("type", "data") != "data":
        return [0.0] * size, [0.0] * size
    plus = _array(error.get("array")) or [0.0] * size
    minus = (_array(error.get("arrayminus")) or plus) if error.get("symmetric") is False else plus
    return plus, minus


def _array(value) -> list | None:
    """A trace's data array as a list: plotly writes numeric arrays as base64 ({'dtype', 'bdata'})."""
    if value is None:
        return None
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return list(value)


def _finite(value) -> bool:
    """A real, finite number (not None, NaN or text)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


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


def graph_config(name: str) -> Any:  # dcc.Graph's Config TypedDict; a plain dict here
    """No mode bar (its buttons would come before everything else in the Tab order; the Download tab has the
    images); nothing can be sent to a cloud; PNG export at the report's size where Plotly offers it."""
    return {
        "displayModeBar": False,
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": ["lasso2d", "sendDataToCloud", "editInChartStudio"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": name,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 1,
        },
    }
