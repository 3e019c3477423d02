"""Trade figures: turnover against every stated pledge, the flows each way, the two customs bases and the revisions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.formatting import short_number, usd_bn, years_late
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.processed import Processed
from dashboard.schemas.trade import EXPORTS, IMPORTS, TradeSchema

P = style.PALETTE
UNIT = "US$ bn"
VALUE = TradeSchema.value_usd_bn  # the level column of the trade frame, its preferred series and revisions
PLEDGE_COLOURS = (P["orange"], P["sky"], P["green"], P["blue"], P["vermillion"], P["purple"], P["grey"])
PLEDGE_DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
BASES = {
    "china_customs": ("Chinese customs", P["blue"], "circle"),
    "russia_customs": ("Russian customs", P["vermillion"], "diamond"),
}
ARTICLE_VERSION = "2002"
LABEL_AT_FOOT_SHARE = (
    0.4  # event labels go to the foot of the plot where turnover is above this share of its peak
)


def pledges_figure(
    turnover: pd.DataFrame,
    ledger: pd.DataFrame,
    events: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Turnover by year with every stated trade target drawn as a pledge, its gap, first-reached marker and events."""
    pledges = ledger[ledger["measure"] == LEDGER_MEASURE].reset_index(drop=True)
    highlight = highlight_target if highlight_target in set(pledges["target_id"]) else None
    fig = go.Figure(_series_traces(turnover, "Turnover (preferred series)", P["black"], "solid", "circle"))
    fig.update_traces(legendrank=1)
    _note_missing_years(fig, turnover)
    points = {int(r.year): (float(r.value_usd_bn), r.source_id) for r in turnover.itertuples(index=False)}
    last_year = max(points, default=None)
    placed: list[tuple[int, int]] = []
    rows = list(enumerate(pledges.to_dict("records")))
    for index, row in sorted(rows, key=lambda item: item[1]["target_id"] == highlight):  # highlighted on top
        look = _look(index, row["target_id"], highlight)
        fig.add_traces(_pledge_traces(row, points, last_year, look))
        _gap_annotation(fig, row, look, placed, last_year)
    if points:
        _event_markers(fig, events, year_range or (min(points), max(points)), points)
    style.finish(
        fig,
        title="Trade turnover against every stated target",
        y_title=f"Turnover, {UNIT}",
        source_line="Sources: source id of every point on hover; targets: first source of each pledge",
        versions=versions,
    )
    return style.year_axis(fig, year_range)


def flows_figure(
    exports: pd.DataFrame,
    imports: pd.DataFrame,
    turnover: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """China's exports to and imports from Russia where sourced, with turnover for context."""
    fig = go.Figure()
    fig.add_traces(_series_traces(turnover, "Turnover (context)", P["grey"], "dot", "circle-open", width=1.5))
    fig.add_traces(_series_traces(exports, "China's exports to Russia", P["blue"], "solid", "circle"))
    fig.add_traces(_series_traces(imports, "China's imports from Russia", P["vermillion"], "dash", "diamond"))
    style.finish(
        fig,
        title="China's exports to and imports from Russia",
        y_title=f"Goods trade, {UNIT}",
        source_line="Sources: source id of every point on hover; gaps in a line are years without a source",
        versions=versions,
    )
    return style.year_axis(fig, year_range)


def customs_figure(
    trade: pd.DataFrame,
    gaps: pd.DataFrame,
    *,
    measure: str = "turnover",
    year_range: tuple[int, int] | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Every Chinese- and Russian-customs level of `measure` as a point, with the gap in % where a year has both."""
    rows = trade[(trade["measure"] == measure) & trade["reporting_basis"].isin(BASES) & trade[VALUE].notna()]
    fig = go.Figure()
    for basis, (name, colour, symbol) in BASES.items():
        part = rows[rows["reporting_basis"] == basis].sort_values(["year", "source_id"])
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(int).tolist(),
                y=part[VALUE].astype(float).tolist(),
                mode="markers",
                name=name,
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": 10,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[
                    [r.source_id, r.basis_as_reported, "preferred" if r.preferred else "not preferred"]
                    for r in part.itertuples(index=False)
                ],
                hovertemplate=f"{name} %{{x}}: %{{y:.2f}} {UNIT}<br>%{{customdata[1]}} (%{{customdata[2]}})"
                "<br>source: %{customdata[0]}<extra></extra>",
            )
        )
    for index, (year, group) in enumerate(gaps[gaps["measure"] == measure].groupby("year", sort=True)):
        _customs_gap_note(fig, int(year), group, index)
    style.finish(
        fig,
        title="Chinese against Russian customs: the same trade counted twice",
        y_title=f"Turnover, {UNIT}",
        versions=versions,
        source_line="Sources: source id of every point on hover; every sourced figure shown, none averaged",
    )
    return style.year_axis(fig, year_range)


def vintages_figure(
    revisions: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """The 2002 article's figures against the current series, one point per year and version, revisions noted."""
    ordered = sorted(revisions["version"].unique())
    fig = go.Figure()
    for version in ordered:
        part = revisions[revisions["version"] == version]
        if version == ordered[-1]:
            fig.add_traces(_series_traces(part, f"Current series ({version})", P["black"], "solid", "circle"))
        else:
            fig.add_trace(_points(part, _version_label(version), P["orange"], "diamond-open", 14))
    several = revisions[revisions["revision_pct"].notna()].sort_values(["year", "version"])
    for index, (year, group) in enumerate(several.groupby("year", sort=True)):
        fig.add_annotation(
            x=int(year),
            y=float(group[VALUE].max()),
            text=_revision_text(int(year), group),
            showarrow=True,
            arrowhead=2,
            ax=0,
            ay=-35 - 25 * (index % 3),
            name=f"revision:{year}",
            font={"size": 11},
            bgcolor="rgba(255,255,255,0.85)",
        )
    style.finish(
        fig,
        title="Revisions: the 2002 article's trade figures against the current series",
        y_title=f"Turnover, {UNIT}",
        versions=versions,
        source_line="Sources: source id of every point on hover; both trade versions are validated",
    )
    return style.year_axis(fig, year_range)


# --- private helpers -------------------------------------------------------------------------------------------


def _series_traces(
    frame: pd.DataFrame, name: str, colour: str, dash: str, symbol: str, width: float = 2.5
) -> list[go.Scatter]:
    """A yearly series as a line with explicit gaps (no data, no line) and its sourced points."""
    values = dict(zip(frame["year"].astype(int), frame[VALUE].astype(float)))
    years = list(range(min(values), max(values) + 1)) if values else []
    line = go.Scatter(
        x=years,
        y=[values.get(year) for year in years],
        mode="lines",
        connectgaps=False,
        name=name,
        legendgroup=name,
        line={"color": colour, "dash": dash, "width": width},
        hoverinfo="skip",
    )
    return [line, _points(frame, name, colour, symbol, 8, showlegend=False)]


def _points(
    frame: pd.DataFrame, name: str, colour: str, symbol: str, size: int, showlegend: bool = True
) -> go.Scatter:
    """Sourced yearly points: customdata holds each row's source id (and its reporting basis where known)."""
    rows = frame.sort_values("year")
    extra = (
        rows["reporting_basis"]
        if "reporting_basis" in rows
        else rows.get("version", pd.Series("", rows.index))
    )
    return go.Scatter(
        x=rows["year"].astype(int).tolist(),
        y=rows[VALUE].astype(float).tolist(),
        mode="markers",
        name=name,
        legendgroup=name,
        showlegend=showlegend,
        marker={"color": colour, "symbol": symbol, "size": size, "line": {"width": 1.5, "color": colour}},
        customdata=[[source, str(more)] for source, more in zip(rows["source_id"], extra)],
        hovertemplate=f"{name}<br>%{{x}}: %{{y:.2f}} {UNIT} (%{{customdata[1]}})<br>source: %{{customdata[0]}}"
        "<extra></extra>",
    )


def _look(index: int, target_id: str, highlight: str | None) -> dict:
    """Colour, dash, width and opacity of one pledge: bold when highlighted, faded when another one is."""
    chosen = highlight is None or target_id == highlight
    return {
        "colour": PLEDGE_COLOURS[index % len(PLEDGE_COLOURS)],
        "dash": PLEDGE_DASHES[index % len(PLEDGE_DASHES)],
        "width": 4.5 if highlight is not None and chosen else 2.0,
        "opacity": 1.0 if chosen else 0.25,
        "rank": 100 + index,
    }


def _pledge_traces(row: dict, points: dict, last_year: int | None, look: dict) -> list[go.Scatter]:
    """A pledge: baseline to target at the deadline (a band for a range), or a level line for an annual rate."""
    title, source, threshold = row["title"], _first_source(row["source_ids"]), _threshold(row)
    line = {"color": look["colour"], "dash": look["dash"], "width": look["width"]}
    common = {
        "name": title,
        "legendgroup": row["target_id"],
        "opacity": look["opacity"],
        "legendrank": look["rank"],
    }
    deadline = _deadline_year(row)
    traces = []
    if deadline is None:
        end = max(last_year or row["pledge_year"], row["pledge_year"])
        xs, ys, cd = (
            [row["pledge_year"], end],
            [threshold] * 2,
            [[source, row["target_id"], "target, each year"]] * 2,
        )
    else:
        xs, ys, cd = [deadline], [threshold], [[source, row["target_id"], "target"]]
        if pd.notna(row["target_high"]) and pd.notna(row["target_low"]):
            xs, ys = [deadline, deadline], [row["target_low"], row["target_high"]]
            cd = [
                [source, row["target_id"], "target, low end"],
                [source, row["target_id"], "target, high end"],
            ]
        baseline = None if pd.isna(row["baseline_year"]) else points.get(int(row["baseline_year"]))
        if row.get("baseline_stated") is True and pd.notna(row["baseline_year"]):  # the pledge's own words
            baseline = (float(row["baseline_value"]), row["baseline_source_id"])
        if baseline is not None and pd.notna(row["baseline_value"]):
            label = (
                "baseline (as the pledge states it)"
                if row.get("baseline_stated") is True
                else "baseline (turnover)"
            )
            xs, ys = [int(row["baseline_year"])] + xs, [float(row["baseline_value"])] + ys
            cd = [[baseline[1], row["target_id"], label]] + cd
            if len(xs) == 3:
                traces.append(_band(xs, ys, look, common))
    traces.append(
        go.Scatter(
            x=[int(x) for x in xs],
            y=[float(y) for y in ys],
            mode="lines+markers",
            line=line,
            marker={"symbol": "diamond", "size": 9, "color": look["colour"]},
            customdata=cd,
            hovertemplate=f"<b>{title}</b><br>%{{customdata[2]}}: %{{y:.2f}} {UNIT} in %{{x}}"
            "<br>source: %{customdata[0]}<extra></extra>",
            **common,
        )
    )
    traces.extend(_first_reached(row, points, look, common))
    return traces


def _band(xs: list, ys: list, look: dict, common: dict) -> go.Scatter:
    """The fan from the baseline to both ends of a range (not data: no customdata)."""
    return go.Scatter(
        x=[xs[0], xs[1], xs[2], xs[0]],
        y=[ys[0], ys[1], ys[2], ys[0]],
        fill="toself",
        mode="lines",
        line={"width": 0},
        fillcolor=_rgba(look["colour"], 0.2),
        hoverinfo="skip",
        **{**common, "name": f"{common['name']}: range", "showlegend": False},
    )


def _first_reached(row: dict, points: dict, look: dict, common: dict) -> list[go.Scatter]:
    """A star where the ledger says the target (and a range's high end) was first reached."""
    marks = [
        (row["first_reached_year"], "first reached the target", row["years_late"], "first_reached_range"),
        (
            row.get("first_reached_high_year"),
            "first reached the high end",
            row.get("years_late_high"),
            "first_reached_high_range",
        ),
    ]
    found = [
        (int(year), text + _late_text(late, row.get(span)))  # each end with its own years late
        for year, text, late, span in marks
        if pd.notna(year) and int(year) in points
    ]
    if not found:
        return []
    return [
        go.Scatter(
            x=[year for year, _ in found],
            y=[points[year][0] for year, _ in found],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 16,
                "color": look["colour"],
                "line": {"width": 1, "color": P["black"]},
            },
            customdata=[[points[year][1], row["target_id"], text] for year, text in found],
            hovertemplate=f"<b>{row['title']}</b><br>%{{customdata[2]}}: %{{y:.2f}} {UNIT} in %{{x}}"
            "<br>source: %{customdata[0]}<extra></extra>",
            **{**common, "name": f"First reached: {row['title']}", "showlegend": False},
        )
    ]


def _late_text(late, span) -> str:
    """' (3 years late)', or for a first-reached range [2012, 2013] ' (2012 or 2013: 2-3 years late)'."""
    if late is None or pd.isna(late):
        return ""
    late = int(late)
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return f" ({years_late(late)})"
    earliest = late - (int(span[1]) - int(span[0]))
    when = f"{span[0]} or {span[1]}" if int(span[1]) - int(span[0]) == 1 else f"{span[0]}-{span[1]}"
    if earliest > 0:
        return f" ({when}: {earliest}-{late} years late)"
    return f" ({when}: {years_late(earliest)} to {years_late(late)})"


def _gap_annotation(fig: go.Figure, row: dict, look: dict, placed: list, last_year: int | None) -> None:
    """The ledger's shortfall at the deadline (or latest year for an annual rate), with a dotted gap segment;
    a gap is labelled above the target, an excess below it, stacked away from labels already placed nearby."""
    if pd.isna(row["shortfall"]):
        return
    deadline, threshold = _deadline_year(row), _threshold(row)
    text = _gap_phrase(row["shortfall"])
    if pd.notna(row["target_high"]) and pd.notna(row["shortfall_high"]):
        text = (
            f"{text} to {short_number(row['target_low'])}; {_gap_phrase(row['shortfall_high'])} "
            f"to {short_number(row['target_high'])}"
        )
    latest = deadline is None or pd.isna(row["actual_at_deadline"])
    if latest:
        text = f"{text} in {int(row['actual_year'])}" + ("" if deadline is None else " (deadline open)")
    x = int(row["actual_year"]) if latest or deadline is None else deadline  # (deadline None implies latest)
    if pd.notna(row["actual_at_deadline"]):
        fig.add_shape(
            type="line",
            x0=x,
            x1=x,
            y0=float(row["actual_at_deadline"]),
            y1=threshold,
            layer="below",
            line={"color": look["colour"], "dash": "dot", "width": 2},
            opacity=look["opacity"],
        )
    side = -1 if row["shortfall"] > 0 else 1
    level = sum(1 for px, ps in placed if abs(px - x) <= 3 and ps == side)
    placed.append((x, side))
    near_end = last_year is not None and x > last_year - 6
    fig.add_annotation(
        x=x,
        y=threshold,
        text=text,
        showarrow=True,
        arrowhead=2,
        arrowcolor=look["colour"],
        ax=-45 if near_end else 45,
        ay=side * (30 + 26 * level),
        font={"size": 11},
        bgcolor="rgba(255,255,255,0.85)",
        bordercolor=look["colour"],
        opacity=look["opacity"],
        name=f"gap:{row['target_id']}",
        hovertext=row["title"],
    )


def _event_markers(fig: go.Figure, events: pd.DataFrame, span: tuple[int, int], points: dict) -> None:
    """Events in the span: dotted vertical lines, rotated labels (at the foot where turnover is high, alternating
    sides of the line within a year), and sourced markers along the top of the plot."""
    shown = events[(events["year"] >= span[0]) & (events["year"] <= span[1])].sort_values(
        ["date", "event_id"]
    )
    if shown.empty:
        return
    high = max(value for value, _ in points.values()) * LABEL_AT_FOOT_SHARE
    for year, group in shown.groupby("year", sort=True):
        fig.add_vline(x=int(year), line={"color": P["grey"], "dash": "dot", "width": 1}, layer="below")
        foot = points.get(int(year), (0.0, ""))[0] >= high
        for k, event in enumerate(group.itertuples(index=False)):
            right = k % 2 == 0
            fig.add_annotation(
                x=int(year),
                y=0.03 if foot else 0.95,
                yref="paper",
                text=event.title,
                textangle=-90,
                showarrow=False,
                xanchor="left" if right else "right",
                yanchor="bottom" if foot else "top",
                xshift=(1 if right else -1) * (2 + 12 * (k // 2)),
                font={"size": 9, "color": "#555555"},
                name=f"event:{event.event_id}",
            )
    fig.add_trace(
        go.Scatter(
            x=shown["year"].astype(int).tolist(),
            y=[1.0] * len(shown),
            yaxis="y2",
            mode="markers",
            name="Events",
            legendrank=900,
            marker={"symbol": "triangle-down", "size": 10, "color": P["grey"]},
            customdata=[[r.source_id, r.event_id, r.title, r.date] for r in shown.itertuples(index=False)],
            hovertemplate="%{customdata[2]} (%{customdata[3]})<br>source: %{customdata[0]}<extra></extra>",
        )
    )
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1.03], "visible": False, "fixedrange": True})


def _note_missing_years(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Name each year inside the series that has no data, at the foot of the gap."""
    years = set(frame["year"].astype(int))
    for year in (y for y in range(min(years, default=0), max(years, default=-1)) if y not in years):
        fig.add_annotation(
            x=year,
            y=0.02,
            yref="paper",
            text=f"{year}: no data",
            showarrow=False,
            font={"size": 10, "color": P["grey"]},
            name=f"missing:{year}",
        )


def _customs_gap_note(fig: go.Figure, year: int, group: pd.DataFrame, index: int) -> None:
    """'Russian customs +7.0%' (or a span of gaps) above a year that has both bases, with a bracket."""
    low, high = group["gap_pct"].min(), group["gap_pct"].max()
    gap = f"{low:+.1f}%" if round(low, 1) == round(high, 1) else f"{low:+.1f}% to {high:+.1f}%"
    values = pd.concat([group["china_usd_bn"], group["russia_usd_bn"]])
    fig.add_shape(
        type="line",
        x0=year,
        x1=year,
        y0=float(values.min()),
        y1=float(values.max()),
        line={"color": P["black"], "width": 1},
    )
    fig.add_annotation(
        x=year,
        y=float(values.max()),
        text=f"{year}: Russian customs {gap} on Chinese",
        showarrow=True,
        arrowhead=2,
        ax=0,
        ay=-40 - 20 * (index % 2),
        font={"size": 11},
        bgcolor="rgba(255,255,255,0.85)",
        name=f"customs_gap:{year}",
    )


def _revision_text(year: int, group: pd.DataFrame) -> str:
    """'1999: 5.9 -> 5.72, -3.1%', or '2000: 8, unrevised' where nothing was revised."""
    first, last = float(group[VALUE].iloc[0]), float(group[VALUE].iloc[-1])
    pct = float(group["revision_pct"].iloc[0])
    if float(group["revision_usd_bn"].iloc[0]) == 0:
        return f"{year}: {short_number(first)}, unrevised"
    return f"{year}: {short_number(first)} -> {short_number(last)}, {pct:+.1f}%"


def _version_label(version: str) -> str:
    """A legend name for a trade version."""
    return "2002 article, as stated" if version == ARTICLE_VERSION else f"Trade version {version}"


def _deadline_year(row: dict) -> int | None:
    """The deadline year, or None for an annual rate or standing target."""
    return None if isinstance(row["deadline"], str) or pd.isna(row["deadline"]) else int(row["deadline"])


def _threshold(row: dict) -> float:
    """The value a target is judged against: its value, or the low end of its range."""
    return float(row["target_value"] if pd.notna(row["target_value"]) else row["target_low"])


def _gap_phrase(shortfall: float) -> str:
    """'gap US$12 bn' or 'exceeded by US$36.8 bn'."""
    if shortfall > 0:
        return f"gap {usd_bn(shortfall)}"
    return f"exceeded by {usd_bn(-shortfall)}" if shortfall < 0 else "met exactly"


def _first_source(source_ids: str) -> str:
    """The first of ';'-separated source ids."""
    return source_ids.split(";")[0].strip()


def _rgba(colour: str, alpha: float) -> str:
    """'#RRGGBB' as an rgba() string."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _versions(processed: Processed, datasets: tuple[str, ...]) -> dict[str, str]:
    """The version of each dataset a figure shows."""
    return {name: processed.versions[name] for name in datasets if name in processed.versions}


def _draw_pledges(processed: Processed, params: FigureParams) -> go.Figure:
    """Pledges from the preferred turnover, the ledger and the events."""
    d = processed.derived
    return pledges_figure(
        d.trade_turnover,
        d.ledger,
        processed.frames["events"],
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed, ("trade", "targets", "events")),
    )


def _draw_flows(processed: Processed, params: FigureParams) -> go.Figure:
    """Flows each way from the derived preferred series."""
    d = processed.derived
    return flows_figure(
        d.trade_series[EXPORTS],
        d.trade_series[IMPORTS],
        d.trade_turnover,
        year_range=params.year_range,
        versions=_versions(processed, ("trade",)),
    )


def _draw_customs(processed: Processed, params: FigureParams) -> go.Figure:
    """Customs bases from the trade frame; the gaps table from the pipeline (derived when the lead adds it)."""
    trade = processed.frames["trade"]
    gaps = processed.derived.trade_customs_gaps
    return customs_figure(
        trade, gaps, year_range=params.year_range, versions=_versions(processed, ("trade",))
    )


def _draw_vintages(processed: Processed, params: FigureParams) -> go.Figure:
    """Revisions across every trade version."""
    return vintages_figure(
        processed.derived.trade_revisions,
        year_range=params.year_range,
        versions=_versions(processed, ("trade",)),
    )


SPECS = (
    FigureSpec(
        name="trade_pledges",
        title="Trade turnover against every stated target",
        page="trade",
        datasets=("trade", "targets", "events"),
        draw=_draw_pledges,
    ),
    FigureSpec(
        name="trade_flows",
        title="China's exports to and imports from Russia",
        page="trade",
        datasets=("trade",),
        draw=_draw_flows,
    ),
    FigureSpec(
        name="trade_customs_bases",
        title="Chinese against Russian customs",
        page="trade",
        datasets=("trade",),
        draw=_draw_customs,
    ),
    FigureSpec(
        name="trade_vintages",
        title="Revisions: the 2002 article against the current series",
        page="trade",
        datasets=("trade",),
        draw=_draw_vintages,
        follows_year_range=True,
    ),
)
