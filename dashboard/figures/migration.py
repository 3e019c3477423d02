"""Migration page figures: how many Chinese live in Russia (counts, estimates and claims as ranges and
bounds), and how many visitors to Primorskii Krai left on time."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import findings
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import PALETTE, finish, year_axis
from dashboard.processed import Processed

SHARE_MEASURE = "visa_compliance_share"
KIND_STYLE = {  # kind -> (legend name, colour, symbol)
    "census": ("Census counts", PALETTE["blue"], "square"),
    "estimate": ("Specialists' and scholars' estimates", PALETTE["green"], "circle"),
    "claim": ("Press and other claims", PALETTE["vermillion"], "diamond"),
    "actual": ("Official statistics", PALETTE["purple"], "hexagon"),
}
GEO_SHORT = {
    "russian_empire": "Russian Empire",
    "primorye": "Primorye",
    "russia": "Russia",
    "moscow": "Moscow",
    "khabarovsk_krai": "Khabarovsk Krai",
    "primorskii_krai": "Primorskii Krai",
    "russian_far_east": "Russian Far East",
    "siberia_and_far_east": "Siberia + Far East",
}
MEASURE_WORDS = {
    "chinese_illegal_residents": " (illegal residents)",
    "chinese_illegal_arrivals": " (illegal arrivals)",
    "chinese_speakers": " (Chinese speakers)",
    "ethnic_chinese": " (ethnic Chinese)",
}
TICKS = (
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
    2_000_000,
    5_000_000,
    10_000_000,
    20_000_000,
)
SLOTS = 5  # side-by-side positions within a year, so that figures of one year and size do not hide each other
CENTRED = {1: (2,), 2: (1, 3), 3: (1, 2, 3), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
CLUSTER_DECADES = 0.1  # figures of one year closer than this on the log scale share a cluster
ARROW_FACTOR = 1.45  # where a bound's arrow sits, as a factor above or below it
SOURCE_LINE = (
    "Sources: the 2002 article, censuses (1897, 2002, 2010, 2021), Demoscope and others "
    "(each figure's source on hover)"
)


def migration_ranges(
    migration: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Chinese in Russia: each figure as a range, point or one-sided bound, by kind of source, log scale.

    No ledger target concerns migration, so `highlight_target` changes nothing here.
    """
    rows = migration[migration["measure"] != SHARE_MEASURE].copy()
    rows["shape"] = [_shape(r) for r in rows.itertuples()]
    rows["slot"] = _slots(rows)
    rows = rows.sort_values(["year", "kind", "source_id"])
    rows["labelled"] = ~rows.duplicated(["year", "geography", "kind", "measure"])
    fig = go.Figure()
    for slot in range(SLOTS):  # empty traces that fix the order of the side-by-side positions
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                name=f"position {slot}",
                offsetgroup=f"s{slot}",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for kind in [k for k in KIND_STYLE if k in set(rows["kind"])]:
        fig.add_trace(_legend_key(kind))
    for row in rows.itertuples():
        for trace in _row_traces(row):
            fig.add_trace(trace)
    fig.update_layout(scattermode="group", scattergap=0.2)
    finish(
        fig,
        title=findings.migration_finding(migration),
        subtitle="Chinese in Russia, persons (log scale), as each source states them: bars are ranges (low to "
        "high), filled markers single figures, open markers with an arrow one-sided bounds ('more than', "
        "'up to'); each figure's territory and period on hover",
        y_title="persons, log scale",
        source_line=SOURCE_LINE,
        versions=versions,
    )
    fig.update_yaxes(
        type="log",
        tickvals=list(TICKS),
        ticktext=[_short_number(t) for t in TICKS],
        range=[math.log10(TICKS[0]), math.log10(TICKS[-1])],
    )
    return year_axis(fig, year_range)


def visa_compliance(
    migration: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Share of foreign visitors leaving Primorskii Krai on time: exact shares as points, bounds as bounds.

    No ledger target concerns visa compliance, so `highlight_target` changes nothing here.
    """
    rows = migration[migration["measure"] == SHARE_MEASURE].sort_values("year")
    exact, bounds = rows[rows["share_low_pct"].isna()], rows[rows["share_low_pct"].notna()]
    fig = go.Figure()
    if len(exact):
        fig.add_trace(_share_trace(exact, exact["share_pct"], "Left on time (share as stated)", "circle", ""))
    if len(bounds):
        fig.add_trace(
            _share_trace(
                bounds,
                bounds["share_low_pct"],
                "Left on time: lower bound ('more than')",
                "triangle-up-open",
                "more than ",
            )
        )
        for row in bounds.itertuples():
            fig.add_shape(
                type="rect",
                x0=row.year - 0.3,
                x1=_period_end(row.period_label, row.year) + 0.3,
                y0=row.share_low_pct,
                y1=100,
                line={"width": 0},
                fillcolor=PALETTE["green"],
                opacity=0.2,
                layer="below",
            )
    finish(
        fig,
        title=findings.visa_finding(rows),
        subtitle="Share of foreign visitors to Primorskii Krai who left within the time their visas allowed, %, "
        "from the regional interior ministry as the 2002 article cites it; a lower bound is an open triangle "
        "over the span it covers, shaded up to 100%",
        y_title="% of foreign visitors",
        source_line="Source: the 2002 article, citing the regional interior ministry",
        versions=versions,
    )
    fig.update_yaxes(range=[0, 105])
    if year_range is None and len(rows):
        ends = [_period_end(label, year) for label, year in zip(rows["period_label"], rows["year"])]
        fig.update_xaxes(range=[int(rows["year"].min()) - 1, max(ends) + 1])
    return year_axis(fig, year_range)


# --- private helpers: migration_ranges ----------------------------------------------------------------------


def _shape(row) -> str:
    """range (low and high), lower or upper bound (one side only), or point."""
    low, high = _int(row.persons_low), _int(row.persons_high)
    if low is not None and high is not None and low != high:
        return "range"
    if row.qualifier == "more_than" or (low is not None and high is None):
        return "lower"
    if row.qualifier == "up_to" or (high is not None and low is None):
        return "upper"
    return "point"


def _span(row) -> tuple[float, float]:
    """The lowest and highest persons figure of a row (a point: the same twice)."""
    values = [v for v in (_int(row.persons_low), _int(row.persons), _int(row.persons_high)) if v is not None]
    return float(min(values)), float(max(values))


def _slots(rows: pd.DataFrame) -> list[int]:
    """A side-by-side position per row: rows of one year whose figures are close share a cluster, centred."""
    slots = pd.Series(CENTRED[1][0], index=rows.index)
    for _, group in rows.groupby("year"):
        ordered = sorted(group.itertuples(), key=lambda r: (_span(r), r.kind, r.source_id))
        clusters: list[list[int]] = []
        top = -math.inf
        for row in ordered:
            low, high = (math.log10(v) for v in _span(row))
            if not clusters or low - top > CLUSTER_DECADES:
                clusters.append([])
            clusters[-1].append(row.Index)
            top = max(top, high) if len(clusters[-1]) > 1 else high
        for cluster in clusters:
            positions = CENTRED.get(len(cluster), tuple(i % SLOTS for i in range(len(cluster))))
            for index, position in zip(cluster, positions):
                slots[index] = position
    return slots.tolist()


def _legend_key(kind: str) -> go.Scatter:
    """A legend entry for a kind of figure (colour and symbol); clicking it toggles the kind."""
    name, colour, symbol = KIND_STYLE[kind]
    return go.Scatter(
        x=[None],
        y=[None],
        name=name,
        legendgroup=kind,
        mode="markers",
        offsetgroup="s2",
        marker={"color": colour, "symbol": symbol, "size": 11},
    )


def _row_traces(row) -> list[go.Scatter]:
    """The data trace of one row, plus a non-data arrow for a one-sided bound."""
    _, colour, symbol = KIND_STYLE[row.kind]
    low, high = _span(row)
    name = f"{KIND_STYLE[row.kind][0]}: {row.geography_label}, {row.period_label}"
    values = [low, high] if row.shape == "range" else [low if row.shape == "lower" else high]
    open_marker = row.shape in ("lower", "upper")
    description = _describe(row, low, high)
    common = {"legendgroup": row.kind, "showlegend": False, "offsetgroup": f"s{row.slot}"}
    traces = [
        go.Scatter(
            x=[row.year] * len(values),
            y=values,
            name=name,
            mode="lines+markers+text",
            **common,
            text=[""] * len(values),  # territories on hover: labels of one year's cluster would meet
            textfont={"size": 10},
            textposition="middle left" if row.slot < CENTRED[1][0] else "middle right",
            line={"color": colour, "width": 6},
            cliponaxis=False,
            marker={
                "color": colour,
                "symbol": symbol + ("-open" if open_marker else ""),
                "size": 10,
                "line": {"width": 2, "color": colour},
            },
            customdata=[[row.source_id, row.geography_label, description, row.period_label]] * len(values),
            hovertemplate="%{customdata[1]} (%{customdata[3]})<br>%{customdata[2]}<br>source: %{customdata[0]}"
            "<extra>" + KIND_STYLE[row.kind][0] + "</extra>",
        )
    ]
    if open_marker or row.qualifier == "at_least":
        up = row.shape == "lower" or row.qualifier == "at_least"
        traces.append(
            go.Scatter(
                x=[row.year],
                y=[(high * ARROW_FACTOR) if up else (low / ARROW_FACTOR)],
                mode="markers",
                name=f"{name}: {'more' if up else 'less'} (bound arrow)",
                **common,
                hoverinfo="skip",
                marker={"color": colour, "symbol": "arrow-up" if up else "arrow-down", "size": 10},
            )
        )
    return traces


def _describe(row, low: float, high: float) -> str:
    """The figure in words, with its unit: '250,000-450,000 persons', 'up to 20,000 persons', ..."""
    what = MEASURE_WORDS.get(row.measure, "")
    if row.shape == "range":
        words = {"at_least": "at least ", "approx": "about "}.get(row.qualifier, "")
        return f"{words}{low:,.0f}-{high:,.0f} persons{what}"
    if row.shape == "lower":
        return f"more than {low:,.0f} persons{what}"
    if row.shape == "upper":
        return f"up to {high:,.0f} persons{what}"
    return f"{'about ' if row.qualifier == 'approx' else ''}{high:,.0f} persons{what}"


def _short_number(value: int) -> str:
    """20000 -> '20 thousand', 5000000 -> '5 million'."""
    return f"{value // 1_000_000} million" if value >= 1_000_000 else f"{value // 1_000} thousand"


def _int(value) -> int | None:
    """A nullable count as int, or None."""
    return None if value is None or pd.isna(value) else int(value)


# --- private helpers: visa_compliance and shared ------------------------------------------------------------


def _share_trace(rows: pd.DataFrame, values: pd.Series, name: str, symbol: str, words: str) -> go.Scatter:
    """Visa-compliance shares as markers, labelled; customdata [source_id, period, label]."""
    labels = [f"{words}{v:g}% ({p})" for v, p in zip(values, rows["period_label"])]
    return go.Scatter(
        x=rows["year"].tolist(),
        y=values.tolist(),
        name=name,
        mode="markers+text",
        text=[
            label.replace(" (", "<br>(", 1) for label in labels
        ],  # the period below: narrow enough for a phone
        textposition="bottom center",
        cliponaxis=False,  # a label under an early year may reach into the left margin
        marker={"symbol": symbol, "size": 14, "color": PALETTE["green"], "line": {"width": 2}},
        customdata=[[s, p, label] for s, p, label in zip(rows["source_id"], rows["period_label"], labels)],
        hovertemplate="%{customdata[2]} of foreign visitors left on time<br>period: %{customdata[1]}"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _period_end(label: str, year: int) -> int:
    """The last year of a 'YYYY-YYYY' period, else the row's year."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", str(label))
    return int(match.group(2)) if match else int(year)


# --- registry adapters --------------------------------------------------------------------------------------


def _versions(processed: Processed) -> dict[str, str]:
    """The migration dataset's version."""
    return {name: processed.versions[name] for name in ("migration",) if name in processed.versions}


def _draw_ranges(processed: Processed, params: FigureParams) -> go.Figure:
    """migration_ranges from processed data."""
    return migration_ranges(
        processed.frames["migration"],
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


def _draw_visa(processed: Processed, params: FigureParams) -> go.Figure:
    """visa_compliance from processed data."""
    return visa_compliance(
        processed.frames["migration"],
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


SPECS = (
    FigureSpec(
        name="migration_ranges",
        title="Chinese in Russia: counts, estimates and claims",
        page="migration",
        datasets=("migration",),
        draw=_draw_ranges,
    ),
    FigureSpec(
        name="visa_compliance",
        title="Visitors leaving Primorskii Krai on time",
        page="migration",
        datasets=("migration",),
        draw=_draw_visa,
    ),
)
