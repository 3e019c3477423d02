"""An uploaded file's turnover drawn over the bundled series (not registered: it depends on the user's file)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.schemas.terms import TURNOVER, VALUE

P = style.PALETTE
UNIT = "US$ bn"
NAME_CHARS = 60  # a longer file name is shortened in the legend


def upload_figure(
    bundled: pd.DataFrame, uploaded: pd.DataFrame, *, file_name: str, bundled_version: str | None = None
) -> go.Figure:
    """Bundled turnover (year, value_usd_bn) as a line; the upload's turnover rows (trade-shaped frame) as separate
    traces: the preferred ones the ledger used, and any others."""
    name = safe_name(file_name)
    rows = uploaded[(uploaded["measure"] == TURNOVER) & uploaded[VALUE].notna()]
    used = rows[rows["preferred"].astype(bool)]
    other = rows[~rows["preferred"].astype(bool)]
    label = f"Bundled turnover (trade {bundled_version})" if bundled_version else "Bundled turnover"
    fig = go.Figure(_line(bundled, label, P["black"], "solid", "circle"))
    fig.add_trace(_line(used, f"Uploaded: {name} (used for the ledger)", P["vermillion"], "dash", "diamond"))
    if len(other):
        fig.add_trace(_points(other, f"Uploaded: {name} (other rows, not used)", P["sky"], "square-open"))
    if rows.empty:
        fig.add_annotation(
            text=f"{name} has no turnover figures to draw",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 14, "color": P["vermillion"]},
            name="no_turnover",
        )
    style.finish(
        fig,
        title="Uploaded turnover over the bundled series",
        y_title=f"Turnover, {UNIT}",
        source_line=f"Uploaded: {name} (checked in memory, not stored); bundled: the validated dataset",
        versions={"trade": bundled_version} if bundled_version else None,
    )
    fig.update_xaxes(dtick=5, tickformat="d")
    return fig


def safe_name(file_name: str) -> str:
    """A file name as plain text for Plotly (which reads some HTML): escaped and shortened."""
    short = file_name if len(file_name) <= NAME_CHARS else file_name[: NAME_CHARS - 1] + "…"
    return html.escape(short)


def _line(frame: pd.DataFrame, name: str, colour: str, dash: str, symbol: str) -> go.Scatter:
    """A yearly series (one level per year) as a line with its points, gaps left open where a year has none."""
    values = dict(zip(frame["year"].astype(int), frame[VALUE].astype(float)))
    years = list(range(min(values), max(values) + 1)) if values else []
    return go.Scatter(
        x=years,
        y=[values.get(year) for year in years],
        mode="lines+markers",
        connectgaps=False,
        name=name,
        line={"color": colour, "dash": dash, "width": 2.5},
        marker={"color": colour, "symbol": symbol, "size": 8},
        hovertemplate=f"{name}<br>%{{x}}: %{{y:.2f}} {UNIT}<extra></extra>",
    )


def _points(frame: pd.DataFrame, name: str, colour: str, symbol: str) -> go.Scatter:
    """Every row as a point (a year may have several)."""
    rows = frame.sort_values("year")
    return go.Scatter(
        x=rows["year"].astype(int).tolist(),
        y=rows[VALUE].astype(float).tolist(),
        mode="markers",
        name=name,
        marker={"color": colour, "symbol": symbol, "size": 9},
        hovertemplate=f"{name}<br>%{{x}}: %{{y:.2f}} {UNIT}<extra></extra>",
    )
