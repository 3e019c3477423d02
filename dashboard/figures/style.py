"""The look every figure shares, written once: colour-blind-safe palette, fonts, size, title and subtitle, units,
legend, source line in plain words, the year axis, and the message a figure shows when it has no data."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from dashboard.formatting import version_label

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
STATUS_WORDS = {  # every status in words, as every figure, the app and the report say it
    "met": "met",
    "missed": "missed",
    "on_track": "on track",
    "acceleration_needed": "needs faster growth",
    "limited_progress": "limited progress",
    "deterioration": "moving away",
    "reached": "reached",
    "not_yet_reached": "not yet reached",
    "no_observation": "no data",
}
FONT_FAMILY = "Liberation Sans, Arial, sans-serif"
EXPORT_WIDTH, EXPORT_HEIGHT = 1200, 700
DESIGN_HEIGHT_PX = 560  # the height the dashboard draws a chart at; the legend's place is worked out for it
SOURCE_LINE_OFFSET_PX = 52  # below the x-axis title, inside the bottom margin
TITLE_CHARS, SUBTITLE_CHARS, SOURCE_CHARS = 52, 95, 120  # a line break after about this many characters
TITLE_LINE_PX, SUBTITLE_LINE_PX, HEADER_PAD_PX, TITLE_PAD_PER_LINE_PX = 22, 16, 10, 12
X_TICK_STANDOFF_PX = 6
MAX_YEAR_TICKS = 6  # few enough year labels for a chart 390 px wide (a 35-year span: every 10 years)
NO_DATA = "no_data"  # the name of the annotation that stands in for an empty chart


def wrap(text: str, width: int) -> str:
    """Text broken into lines of about `width` characters with <br> (Plotly never wraps by itself)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) if text else text


def data_line(versions: dict[str, str] | None, years: dict[str, tuple[int, int]] | None = None) -> str:
    """Every dataset version in plain words: 'Data: Current series 1991-2025 (2026-11-28); Stated targets, ...'."""
    labels = [
        version_label(name, version, (years or {}).get(name))
        for name, version in sorted((versions or {}).items())
    ]
    return ("Data: " + "; ".join(labels) + " (validated)") if labels else ""


def finish(
    fig: go.Figure,
    *,
    title: str,
    y_title: str,
    x_title: str | None = "Year",
    source_line: str,
    versions: dict[str, str] | None = None,
    years: dict[str, tuple[int, int]] | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Apply the shared layout: the finding as title (and a subtitle), axis titles with units, the legend between
    them and the plot, and a source line naming the dataset versions in plain words."""
    footer = " · ".join(part for part in (source_line, data_line(versions, years)) if part)
    text = wrap(title, TITLE_CHARS)
    fig.update_layout(
        title={
            "text": text,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            # Plotly anchors a title of several lines by its first line's baseline: pad it down by the others
            "pad": {"t": HEADER_PAD_PX + TITLE_PAD_PER_LINE_PX * text.count("<br>")},
        },
        font={"family": FONT_FAMILY, "size": 13},
        template="plotly_white",
        margin={"l": 70, "r": 30, "t": 125, "b": 90},
        hovermode="closest",
    )
    if subtitle is not None:
        add_subtitle(fig, subtitle)
    else:
        _place_legend(fig)
    fig.update_yaxes(title_text=y_title)
    # a first year label, or a label on the first bar, never meets the y axis's "0"
    fig.update_xaxes(ticklabelstandoff=X_TICK_STANDOFF_PX)
    fig.update_yaxes(ticklabelstandoff=X_TICK_STANDOFF_PX)
    if x_title:
        fig.update_xaxes(title_text=x_title)
    fig.add_annotation(
        text=wrap(footer, SOURCE_CHARS),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-SOURCE_LINE_OFFSET_PX,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 10, "color": "#666666"},
        name="source_line",
    )
    return fig


def add_subtitle(fig: go.Figure, text: str) -> None:
    """A subtitle under the title: what is measured, in what unit, on whose figures (the legend goes below it)."""
    fig.update_layout(title_subtitle_text=wrap(text, SUBTITLE_CHARS), title_subtitle_font_size=12)
    _place_legend(fig)


def _place_legend(fig: go.Figure) -> None:
    """The legend in rows under the title and subtitle, above the plot: the plot moves down as the legend wraps
    (at 390 px), so neither the title nor the plot is ever written over."""
    title = fig.layout.title.text or ""
    subtitle = fig.layout.title.subtitle.text or ""
    header = (
        HEADER_PAD_PX
        + TITLE_PAD_PER_LINE_PX * title.count("<br>")
        + TITLE_LINE_PX * (title.count("<br>") + 1)
        + (SUBTITLE_LINE_PX * (subtitle.count("<br>") + 1) if subtitle else 0)
        + 6
    )
    fig.update_layout(
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 1 - header / DESIGN_HEIGHT_PX,
            "yanchor": "top",
            "xref": "container",
            "x": 0.01,
            "xanchor": "left",
            "itemwidth": 30,
            "font": {"size": 11},
        },
        margin={"t": header + 10},
    )


def no_data(fig: go.Figure, message: str) -> go.Figure:
    """A clear message in place of an empty plot: traces, axes, grid and legend gone, the title and source line
    kept (a chart whose main series has no data in this version draws nothing, not its context alone)."""
    fig.data = ()
    fig.add_annotation(
        text=wrap(message, 60),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 15, "color": "#444444"},
        name=NO_DATA,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(showlegend=False)
    return fig


def says_no_data(fig: go.Figure) -> bool:
    """True when the figure shows the no-data message instead of a plot."""
    return any(note.name == NO_DATA for note in fig.layout.annotations or ())


def year_span(year_range: tuple[int, int]) -> list[float]:
    """The x-axis range that shows whole years start..end: half a year of room either side."""
    return [year_range[0] - 0.5, year_range[1] + 0.5]


def year_axis(fig: go.Figure, year_range: tuple[int, int] | None, dtick: int | None = None) -> go.Figure:
    """Whole years on the x axis, limited to `year_range` (data kept: the app zooms), and the reader's zoom kept
    across updates. Plotly picks the step from at most MAX_YEAR_TICKS labels (few enough at 390 px); `dtick`
    asks for a step, widened where it would print more labels than that."""
    if year_range is not None:
        fig.update_xaxes(range=year_span(year_range))
    span = None if year_range is None else year_range[1] - year_range[0]  # the app may widen an open range
    if dtick is not None and (span is None or span / dtick > MAX_YEAR_TICKS):
        dtick = None
    if dtick is None and span is not None and span <= 6:
        dtick = 1  # never half years
    ticks = {"nticks": MAX_YEAR_TICKS} if dtick is None else {"dtick": dtick}
    fig.update_xaxes(tickformat="d", **ticks)
    fig.update_layout(uirevision="keep")
    return fig
