"""The data of a chart as a view shows it: exactly the points shown, each with its source, safe to open in a
spreadsheet (the Table and Sources tabs and the API's chart CSV read it)."""

from __future__ import annotations

import pandas as pd

from dashboard.app.data import AppData
from dashboard.app.view import View
from dashboard.figures.shown import (
    neutralise_formulas,
    shown_rows,
    with_sources,
    without_empty_optional_columns,
)


def csv_frame(data: AppData, name: str, view: View) -> pd.DataFrame:
    """The points the chart shows (inside the year range on a time chart), their sources attached, formulas neutralised."""
    figure = data.figure(name, view)
    rows = shown_rows(figure)
    apart = {
        trace.name
        for trace in figure.data
        if (getattr(trace, "yaxis", None) or "y") != "y"
        or getattr(trace, "visible", True) in (False, "legendonly")
    }
    rows = rows[~rows["series"].isin(apart)]  # a layer of its own axis, or hidden (events as ticks): not data
    spec = data.specs[name]
    years = data.years_shown(spec.page, view) if spec.follows_year_range else None
    if years:
        rows = rows[in_years(rows["x"], years)]
    rows = without_empty_optional_columns(rows)
    return neutralise_formulas(with_sources(rows, data.processed(view).frames["sources"]))


def in_years(xs: pd.Series, year_range: tuple[int, int]) -> pd.Series:
    """True where x (a year, or a date whose year counts) lies inside the range."""
    years = pd.to_numeric(xs, errors="coerce")
    dated = years.isna() & xs.notna()
    years[dated] = pd.to_numeric(xs[dated].astype(str).str[:4], errors="coerce")
    return years.between(*year_range)
