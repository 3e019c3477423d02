"""The year range of a page's time charts: set by its slider, a box-select or zoom on any of them, or the URL;
it travels to the other pages in the address."""

from __future__ import annotations

import math

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.data import AppData
from dashboard.app.display import year_range_patch
from dashboard.app.pages import page_of_path
from dashboard.app.view import Bounds
from dashboard.errors import BilateralError

TIME_CHARTS = {"type": ids.TIME_CHART, "name": ALL}
SLIDERS = {"type": ids.YEAR_SLIDER, "page": ALL}


def register(app, data: AppData) -> None:
    """Wire the year range callback."""

    @app.callback(
        Output(SLIDERS, "value"),
        Output(ids.URL, "search"),
        Output(TIME_CHARTS, "figure"),
        Input(ids.URL, "search"),
        Input(SLIDERS, "value"),
        Input(TIME_CHARTS, "selectedData"),
        Input(TIME_CHARTS, "relayoutData"),
        State(ids.URL, "pathname"),
    )
    def on_year_range(search, slider_values, selections, relayouts, pathname):
        """Thin: read which input moved, then let `set_year_range` decide (a page has one slider or none)."""
        charts = [output["id"] for output in ctx.outputs_list[2]]
        if not slider_values:
            raise PreventUpdate  # a page without time charts
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and trigger.get("type") == ids.YEAR_SLIDER:
            trigger = ids.YEAR_SLIDER
        slider, search, patches = set_year_range(
            data,
            trigger,
            ctx.triggered_prop_ids,
            search,
            slider_values[0],
            selections,
            relayouts,
            charts,
            page_of_path(pathname),
        )
        return [slider], search, patches


def set_year_range(
    data: AppData,
    trigger,
    triggered_props,
    search: str | None,
    slider_value,
    selections,
    relayouts,
    charts: list[dict],
    page: str,
):
    """New slider value, query string and a patch per time chart (x on the years, y fitted to them), from
    whichever input set the range. The page's default years leave the address without a range."""
    try:
        view = data.view(search)
    except BilateralError:
        raise PreventUpdate from None  # an address that cannot be shown: its page says why
    years = data.page_years(page, view)
    if years is None:
        raise PreventUpdate
    bounds = years.bounds
    props = {key.rsplit(".", 1)[-1] for key in triggered_props or ()}
    if trigger is None:
        raise PreventUpdate  # a page just drawn: its layout already shows the view's years
    if trigger == ids.URL:
        shown = _ordered(data.years_shown(page, view) or years.default, bounds)
        patches = [_patch(data, chart, shown, view) for chart in charts]
        return (no_update if slider_value == list(shown) else list(shown)), no_update, patches
    year_range: tuple[int, int] | None
    if trigger == ids.YEAR_SLIDER:
        year_range = _ordered(slider_value, bounds)
        source = None
    elif isinstance(trigger, dict) and "selectedData" in props:
        year_range = years_of_selection(selections[charts.index(trigger)], bounds)
        source = trigger
    else:
        year_range = (
            years_of_relayout(relayouts[charts.index(trigger)], bounds) if trigger in charts else None
        )
        source = None
    if year_range is None:
        raise PreventUpdate
    new_view = view.with_year_range(None if year_range == years.default else year_range, data.bounds)
    new_search = new_view.search()
    patches = [_patch(data, chart, year_range, view, clear_selection=chart == source) for chart in charts]
    return (
        (no_update if slider_value == list(year_range) else list(year_range)),
        (no_update if new_search == (search or "") else new_search),
        patches,
    )


def _patch(data: AppData, chart: dict, year_range: tuple[int, int], view, clear_selection: bool = False):
    """A time chart's patch: x on the years, y fitted to the chart's points in them."""
    fitted = data.fitted_y(chart["name"], year_range, view) if chart["name"] in data.specs else None
    return year_range_patch(year_range, fitted, clear_selection=clear_selection)


def years_of_selection(selected: dict | None, bounds: Bounds) -> tuple[int, int] | None:
    """The whole years a box-select covers (its x range, else its points' x), or None for no selection."""
    if not selected:
        return None
    span = (selected.get("range") or {}).get("x")
    if not span:
        xs = [x for x in (year_number(p.get("x")) for p in selected.get("points", ())) if x is not None]
        span = [min(xs), max(xs)] if xs else None
    return _whole_years(span, bounds) if span else None


def years_of_relayout(relayout: dict | None, bounds: Bounds) -> tuple[int, int] | None:
    """The years a zoom on the x axis shows (a reset shows everything), or None when the x axis did not move."""
    if not relayout:
        return None
    if relayout.get("xaxis.autorange"):
        return bounds
    span = relayout.get("xaxis.range") or [relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")]
    return _whole_years(span, bounds) if None not in span else None


def _whole_years(span, bounds: Bounds) -> tuple[int, int] | None:
    """The whole years inside [a, b]; the nearest year when the span holds none."""
    numbers = [n for n in (year_number(v) for v in span) if n is not None]
    if len(numbers) != len(span):
        return None
    a, b = sorted(numbers)
    start, end = math.ceil(a), math.floor(b)
    if start > end:
        start = end = round((a + b) / 2)
    return _ordered((start, end), bounds)


def _ordered(value, bounds: Bounds) -> tuple[int, int]:
    """Two years in order and inside bounds."""
    low, high = bounds
    start, end = sorted(min(max(int(v), low), high) for v in value)
    return start, end


def year_number(value) -> float | None:
    """A year as a number: 2001, 2001.5 or '2001-06-30' (a date's year)."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return float(value[:4]) if value[:4].isdigit() else None
    return None
