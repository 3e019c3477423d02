"""The look every figure shares, written once: colour-blind-safe palette, fonts, size, title, units, source line."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
STATUS_COLOURS = {
    "met": PALETTE["green"],
    "on_track": PALETTE["green"],
    "missed": PALETTE["vermillion"],
    "deterioration": PALETTE["vermillion"],
    "acceleration_needed": PALETTE["orange"],
    "limited_progress": PALETTE["yellow"],
    "reached": PALETTE["blue"],
    "not_yet_reached": PALETTE["sky"],
    "no_observation": PALETTE["grey"],
}
FONT_FAMILY = "Liberation Sans, Arial, sans-serif"
EXPORT_WIDTH, EXPORT_HEIGHT = 1200, 700
SOURCE_LINE_OFFSET_PX = 52  # below the x-axis title, inside the bottom margin


def finish(
    fig: go.Figure,
    *,
    title: str,
    y_title: str,
    x_title: str | None = "Year",
    source_line: str,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Apply the shared layout: title, axis titles with units, legend, and a source line naming dataset versions."""
    versions_text = ", ".join(f"{name} {version}" for name, version in sorted((versions or {}).items()))
    footer = source_line + (f" · Data: {versions_text} (validated)" if versions_text else "")
    fig.update_layout(
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 0.985,
            "yanchor": "top",
        },
        font={"family": FONT_FAMILY, "size": 13},
        template="plotly_white",
        margin={"l": 70, "r": 30, "t": 125, "b": 90},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "xanchor": "left"},
        hovermode="closest",
    )
    fig.update_yaxes(title_text=y_title)
    if x_title:
        fig.update_xaxes(title_text=x_title)
    fig.add_annotation(
        text=footer,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-SOURCE_LINE_OFFSET_PX,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 10, "color": PALETTE["grey"]},
        name="source_line",
    )
    return fig


def add_subtitle(fig: go.Figure, text: str) -> None:
    """A subtitle under the title (the shared top margin holds it above the legend)."""
    fig.update_layout(title_subtitle_text=text, title_subtitle_font_size=12)


def year_span(year_range: tuple[int, int]) -> list[float]:
    """The x-axis range that shows whole years start..end: half a year of room either side."""
    return [year_range[0] - 0.5, year_range[1] + 0.5]


def year_axis(fig: go.Figure, year_range: tuple[int, int] | None, dtick: int | None = None) -> go.Figure:
    """Whole years on the x axis (a tick every `dtick` years, or plotly's choice), limited to `year_range` (data
    kept: the app zooms), and the reader's zoom kept across updates."""
    if year_range is not None:
        fig.update_xaxes(range=year_span(year_range))
    fig.update_xaxes(tickformat="d", **({} if dtick is None else {"dtick": dtick}))
    fig.update_layout(uirevision="keep")
    return fig
