"""Where trade may go against the targets that have no deadline ("US$250 bn a year"): a fan of the seeded
bootstrap `dashboard.fan` draws from the series' last ten years of growth (realism's method and window), the
observed years it replays, and each open target's level."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import fan as fans
from dashboard.figures import findings, style
from dashboard.figures.shown import computed_meta
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.processed import Processed

P = style.PALETTE
UNIT = "US$ bn"
DATASETS = ("trade", "targets")
OUTER, INNER = (0.1, 0.9), (0.25, 0.75)
TARGET_COLOURS = (P["vermillion"], P["purple"], P["orange"])
TARGET_DASHES = ("dash", "dot", "dashdot")


def open_targets(ledger: pd.DataFrame, measure: str = LEDGER_MEASURE) -> list[dict]:
    """The targets of `measure` with no deadline year (an annual rate), latest pledge first."""
    rows = ledger[ledger["measure"] == measure].to_dict("records")
    chosen = [row for row in rows if findings.deadline_year(row) is None]
    return sorted(chosen, key=lambda row: -int(row["pledge_year"]))


def fan_figure(
    actuals: pd.DataFrame,
    ledger: pd.DataFrame,
    *,
    horizon: int = fans.HORIZON_YEARS,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """The observed turnover of the window (with each point's source), the 10-90% and 25-75% bands and the median
    of the bootstrap paths from the last observed year, and each open trade target as a level line from its
    pledge year; the title says when the median path reaches the latest open target."""
    rows = actuals[actuals["measure"] == LEDGER_MEASURE].sort_values("year")
    series = {int(r.year): float(r.value) for r in rows.itertuples(index=False)}
    fan = fans.fan(series, horizon)
    targets = open_targets(ledger)
    fig = go.Figure()
    if fan is None:
        style.finish(
            fig,
            title="Too few years of trade growth in this version to say where trade may go",
            y_title=f"Turnover, {UNIT}",
            source_line="",
            versions=versions,
        )
        return style.no_data(fig, "No fan: fewer than 5 years of growth before the last observed year")
    first = fan.window[0] - 1  # the level the window's first rate grows from
    shown = rows[rows["year"] >= first]
    _bands(fig, fan)  # beneath; then what the description names first: the data, the targets, the median
    fig.add_traces(_observed(shown))
    for index, target in enumerate(targets):
        fig.add_trace(_target_line(target, fan.years[-1], index))
    fig.add_traces([_median(fan), *_edges(fan)])
    lead = targets[0] if targets else None
    reach = fan.median_reaches(findings.judged_level(lead)) if lead else None
    if lead is not None and reach is not None:
        _reach_note(fig, reach, findings.judged_level(lead))
    end = (fan.years[-1], fan.levels[fans.MEDIAN][-1])
    style.finish(
        fig,
        title=findings.fan_finding(fan.window, (fan.start_year, fan.start_value), end, reach, lead),
        subtitle=_subtitle(fan),
        y_title=f"Turnover, {UNIT}",
        source_line="Sources: each observed point's source on hover and in the Sources list; the bands are "
        "simulations, not sourced figures",
        versions=versions,
    )
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(range=style.year_span((first, fan.years[-1])))
    return style.year_axis(fig, None)


def _subtitle(fan: fans.Fan) -> str:
    """How the fan was drawn, in words."""
    return (
        f"Goods trade between China and Russia, {UNIT} a year. From {fan.start_year}: {fan.n:,} simulations "
        f"replaying at random the yearly growth of {fan.window[0]}-{fan.window[1]} (mean "
        f"{findings.signed_percent(fan.mean_growth_pct)} a year); the line is the median, the bands hold the "
        "middle half and 8 in 10 of them, as the pledges' chances are computed"
    )


def _bands(fig: go.Figure, fan: fans.Fan) -> None:
    """The outer and the inner band, each a filled outline (hovered by the edge lines `_edges` draws)."""
    for (low, high), alpha, name in (
        (OUTER, 0.18, "8 in 10 simulations (10-90%)"),
        (INNER, 0.32, "Middle half (25-75%)"),
    ):
        upper, lower = fan.levels[high], fan.levels[low]
        fig.add_trace(
            go.Scatter(
                x=fan.years + fan.years[::-1],
                y=upper + lower[::-1],
                mode="lines",
                fill="toself",
                fillcolor=_rgba(P["blue"], alpha),
                line={"width": 0},
                name=name,
                legendgroup=name,
                hoverinfo="skip",
            )
        )


def _median(fan: fans.Fan) -> go.Scatter:
    """The median of the simulations, year by year."""
    return go.Scatter(
        x=fan.years,
        y=fan.levels[fans.MEDIAN],
        mode="lines",
        name="Median simulation",
        line={"color": P["blue"], "width": 2.5, "dash": "dash"},
        hovertemplate=f"%{{x}}: median of the simulations %{{y:.0f}} {UNIT}<extra></extra>",
        meta=computed_meta(_how(fan, "the median")),
    )


def _edges(fan: fans.Fan) -> list[go.Scatter]:
    """The bands' edges, invisible lines a reader can hover (and the chart's description and its CSV read)."""
    return [
        go.Scatter(
            x=fan.years,
            y=fan.levels[q],
            mode="lines",
            line={"width": 0, "color": P["blue"]},
            name=f"{round(q * 100)}th percentile of the simulations",
            showlegend=False,
            hovertemplate=f"%{{x}}: {words} %{{y:.0f}} {UNIT}<extra></extra>",
            meta=computed_meta(_how(fan, f"the {round(q * 100)}th percentile")),
        )
        for q, words in (
            (OUTER[0], "1 simulation in 10 below"),
            (INNER[0], "1 simulation in 4 below"),
            (INNER[1], "1 simulation in 4 above"),
            (OUTER[1], "1 simulation in 10 above"),
        )
    ]


def _how(fan: fans.Fan, statistic: str) -> str:
    """How a fan's line was computed, for its rows in the chart's data: a simulation, not a sourced figure."""
    return (
        f"{statistic} of {fan.n:,} simulations (seed {fan.seed}) replaying at random the yearly growth of "
        f"{fan.window[0]}-{fan.window[1]} from {fan.start_year}; not a sourced figure"
    )


def _observed(rows: pd.DataFrame) -> list[go.Scatter]:
    """The observed turnover the simulations replay, a line with its sourced points."""
    years, values = rows["year"].astype(int).tolist(), rows["value"].astype(float).tolist()
    return [
        go.Scatter(
            x=years,
            y=values,
            mode="lines",
            name="Turnover",
            legendgroup="Turnover",
            line={"color": P["black"], "width": 3},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=years,
            y=values,
            mode="markers",
            name="Turnover",
            legendgroup="Turnover",
            showlegend=False,
            marker={"color": P["black"], "size": 7},
            customdata=[[source] for source in rows["source_id"]],
            hovertemplate=f"Turnover %{{x}}: %{{y:.1f}} {UNIT}<br>source: %{{customdata[0]}}<extra></extra>",
        ),
    ]


def _target_line(target: dict, end_year: int, index: int) -> go.Scatter:
    """An open target as a level from its pledge year to the fan's end, its pledge's source on hover."""
    level = findings.judged_level(target)
    years = [int(target["pledge_year"]), end_year]
    source = str(target["source_ids"]).split(";")[0].strip()
    name = f"{findings.target_words(target)} (pledged {int(target['pledge_year'])})"
    return go.Scatter(
        x=years,
        y=[level, level],
        mode="lines+markers",
        name=name,
        line={"color": TARGET_COLOURS[index % 3], "dash": TARGET_DASHES[index % 3], "width": 2},
        marker={"size": [8, 0], "symbol": "diamond", "color": TARGET_COLOURS[index % 3]},
        customdata=[[source], [source]],
        hovertemplate=f"<b>{target['title']}</b><br>target: %{{y:.0f}} {UNIT} a year"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _reach_note(fig: go.Figure, year: int, level: float) -> None:
    """Where the median path meets the target, labelled in words."""
    fig.add_annotation(
        x=year,
        y=level,
        text=f"median reaches<br>it by {year}",
        showarrow=True,
        arrowhead=0,
        ax=-12,
        ay=-52,
        xanchor="right",  # above the observed years, in two short lines: clear of the y axis at 390 px
        font={"size": 11, "color": P["black"]},
        bgcolor="rgba(255,255,255,0.85)",
        name="median_reaches",
    )


def _rgba(colour: str, alpha: float) -> str:
    """'#RRGGBB' as an rgba() string."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _draw(processed: Processed, params: FigureParams) -> go.Figure:
    """The fan from the ledger's actuals (the series the verdicts use) and the ledger."""
    versions = {name: processed.versions[name] for name in DATASETS if name in processed.versions}
    return fan_figure(processed.derived.actuals, processed.derived.ledger, versions=versions)


SPECS = (
    FigureSpec(
        name="trade_outlook",
        title="Where trade may go against the targets with no deadline",
        page="trade",
        datasets=DATASETS,
        draw=_draw,
        follows_year_range=False,
    ),
)
