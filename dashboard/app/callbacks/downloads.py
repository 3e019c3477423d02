"""The CSV button of each chart: exactly the points shown, each with its source, safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.data import AppData
from dashboard.app.view import View
from dashboard.figures.shown import neutralise_formulas, shown_rows, with_sources


def register(app, data: AppData) -> None:
    """Wire the CSV download callback."""

    @app.callback(
        Output(ids.CSV_DOWNLOAD, "data"),
        Input({"type": ids.CSV_BUTTON, "name": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def on_csv(clicks, search):
        """Thin: which button, then `csv_download`."""
        if not isinstance(ctx.triggered_id, dict) or not any(clicks or ()):
            raise PreventUpdate
        return csv_download(data, ctx.triggered_id["name"], search)


def csv_download(data: AppData, name: str, search: str | None) -> dict:
    """The dcc.Download payload for one chart as the view shows it."""
    if name not in data.specs:
        raise PreventUpdate
    view = data.view(search)
    frame = csv_frame(data, name, view)
    return dcc.send_data_frame(frame.to_csv, f"{name}.csv", index=False)


def csv_frame(data: AppData, name: str, view: View) -> pd.DataFrame:
    """The points the chart shows (inside the year range on a time chart), their sources attached, formulas neutralised."""
    rows = shown_rows(data.figure(name, view))
    if data.specs[name].follows_year_range and view.years:
        rows = rows[in_years(rows["x"], view.years)]
    return neutralise_formulas(with_sources(rows, data.processed(view).frames["sources"]))


def in_years(xs: pd.Series, year_range: tuple[int, int]) -> pd.Series:
    """True where x (a year, or a date whose year counts) lies inside the range."""
    years = pd.to_numeric(xs, errors="coerce")
    dated = years.isna() & xs.notna()
    years[dated] = pd.to_numeric(xs[dated].astype(str).str[:4], errors="coerce")
    return years.between(*year_range)
