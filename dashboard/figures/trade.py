"""Trade figures: turnover against every stated pledge, the flows each way, the two customs bases and the revisions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import findings, style
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import STATUS_WORDS
from dashboard.formatting import ARTICLE_CITATION, percent, short_number, usd_bn, version_label, years_late
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.processed import Processed
from dashboard.schemas.terms import EXPORTS, IMPORTS, VALUE

P = style.PALETTE
UNIT = "US$ bn"
PLEDGE_COLOURS = (P["orange"], P["sky"], P["green"], P["blue"], P["vermillion"], P["purple"], P["grey"])
PLEDGE_DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
PLEDGE_SYMBOLS = ("diamond", "square", "triangle-up", "pentagon", "hexagon", "triangle-down", "cross", "x")
TURNOVER_NAME = "Turnover"
FAINT = 0.3  # opacity of the targets that are not highlighted
GAP_LABEL_PX, LABEL_ROW_PX = 30, 24  # label heights above a highlighted target's marker and star
EVENT_Y = 0.03  # events sit as ticks at the foot of the plot (share of its height)
BASES = {
    "china_customs": ("Chinese customs", P["blue"], "circle"),
    "russia_customs": ("Russian customs", P["vermillion"], "diamond"),
}
ARTICLE_VERSION = "2002"


def pledges_figure(
    turnover: pd.DataFrame,
    ledger: pd.DataFrame,
    events: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Turnover in a strong colour; each stated trade target a marker at (deadline, target) with a thin path from
    its baseline; the highlighted target in full (path, gap at the deadline, first reached), the others faint;
    years without data a light band; events a layer the reader turns on."""
    pledges = ledger[ledger["measure"] == LEDGER_MEASURE].reset_index(drop=True)
    highlight = highlight_target if highlight_target in set(pledges["target_id"]) else None
    fig = go.Figure(_series_traces(turnover, TURNOVER_NAME, P["black"], "solid", "circle", width=3.5))
    fig.update_traces(legendrank=1)
    points = {int(r.year): (float(r.value_usd_bn), r.source_id) for r in turnover.itertuples(index=False)}
    for index, row in enumerate(pledges.to_dict("records")):
        look = _look(index, row["target_id"], highlight)
        fig.add_traces(_pledge_traces(row, points, max(points, default=None), look))
        if row["target_id"] == highlight:
            _gap_annotation(fig, row, look)
            fig.add_traces(_first_reached(fig, row, points, look))
    if highlight is None:
        _label_last_point(fig, turnover, year_range)
    _missing_years_band(fig, turnover)
    if points:
        _event_layer(fig, events, year_range or (min(points), max(points)))
    style.finish(
        fig,
        title=findings.trade_pledges_finding(pledges, turnover, highlight, year_range),
        subtitle=_pledges_subtitle(turnover, versions),
        y_title=f"Turnover, {UNIT}",
        source_line="Sources: each point's source on hover and in the Sources list",
        versions=versions,
        years=_trade_years(turnover),
    )
    fig.update_yaxes(rangemode="tozero")
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
    version = (versions or {}).get("trade")
    data = f" {version_label('trade', version, _trade_years(turnover).get('trade'))}." if version else ""
    style.finish(
        fig,
        title=findings.trade_flows_finding(exports, imports, year_range),
        subtitle=f"China's goods exports to and imports from Russia, {UNIT} a year, one preferred figure per "
        f"year ({findings.basis_words(pd.concat([exports, imports]))}); a break in a line is a year without "
        f"a source.{data}",
        y_title=f"Goods trade, {UNIT}",
        source_line="Sources: each point's source on hover and in the Sources list",
        versions=versions,
        years=_trade_years(turnover),
    )
    if exports.empty and imports.empty:
        style.no_data(fig, _no_data_message(versions, "China's exports to and imports from Russia"))
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
                hovertemplate=f"{name} %{{x}}: %{{y:.2f}} {UNIT}<br>as reported: %{{customdata[1]}} "
                "(%{customdata[2]})"
                "<br>source: %{customdata[0]}<extra></extra>",
            )
        )
    years = pd.to_numeric(trade["year"], errors="coerce").dropna()
    middle = (years.min() + years.max()) / 2 if len(years) else 0
    for index, (year, group) in enumerate(gaps[gaps["measure"] == measure].groupby("year", sort=True)):
        _customs_gap_note(fig, int(year), group, index, leftward=year > middle)
    version = (versions or {}).get("trade")
    data = f" {version_label('trade', version)}." if version else ""
    style.finish(
        fig,
        title=findings.customs_finding(gaps, measure),
        subtitle=f"Turnover as Chinese and as Russian customs count it, {UNIT}: every sourced figure, none "
        f"averaged; the difference in % where a year has both.{data}",
        y_title=f"Turnover, {UNIT}",
        versions=versions,
        source_line="Sources: each point's source on hover and in the Sources list",
    )
    if rows.empty:
        style.no_data(fig, _no_data_message(versions, "Chinese or Russian customs figures"))
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
            name = version_label("trade", version, (int(part["year"].min()), int(part["year"].max())))
            fig.add_traces(_series_traces(part, name, P["black"], "solid", "circle"))
        else:
            fig.add_trace(_points(part, _version_label(version), P["orange"], "diamond-open", 14))
    several = revisions[revisions["revision_usd_bn"].fillna(0) != 0].sort_values(["year", "version"])
    for index, (year, group) in enumerate(several.groupby("year", sort=True)):  # revised years only
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
        title=findings.vintages_finding(revisions, ARTICLE_VERSION),
        subtitle=f"Turnover, {UNIT} a year: the figures {ARTICLE_CITATION} states (open diamonds) against "
        "the current series; every trade version, each validated",
        y_title=f"Turnover, {UNIT}",
        versions=versions,
        source_line="Sources: each point's source on hover and in the Sources list",
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
    if "reporting_basis" in rows:
        extra = rows["reporting_basis"].map(lambda b: findings.BASIS_WORDS.get(str(b), str(b)))
    else:
        extra = rows.get("version", pd.Series("", rows.index)).map(
            lambda v: _version_label(str(v)) if v else ""
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
    """Colour, dash and symbol of one pledge (no two alike), bold when highlighted, faint when another one is."""
    chosen = highlight is None or target_id == highlight
    return {
        "colour": PLEDGE_COLOURS[index % len(PLEDGE_COLOURS)],
        "dash": PLEDGE_DASHES[index % len(PLEDGE_DASHES)],
        "symbol": PLEDGE_SYMBOLS[index % len(PLEDGE_SYMBOLS)],
        "width": 3.0 if highlight is not None and chosen else 1.5,
        "size": 13 if highlight is not None and chosen else 10,
        "opacity": 1.0 if chosen else FAINT,
        "rank": 100 + index,
    }


def legend_name(row: dict) -> str:
    """A target in a few words for the legend, from its level and deadline: 'US$20 bn by 2000', 'US$60-80 bn by
    2010', 'US$250 bn a year', 'US$200 bn in 2023' (due in its pledge year); the ledger title is on hover."""
    level = findings.target_words(row)
    deadline = _deadline_year(row)
    if deadline is None:
        return level
    return f"{level} {'in' if deadline == int(row['pledge_year']) else 'by'} {deadline}"


def _verdict_words(row: dict) -> str:
    """'missed: US$8 bn in 2000, 40%' for the hover of a target's marker."""
    status = STATUS_WORDS.get(str(row["status"]), str(row["status"]).replace("_", " "))
    if pd.isna(row["actual_at_deadline"]) or pd.isna(row["actual_year"]):
        return status
    return (
        f"{status}: {usd_bn(row['actual_at_deadline'])} in {int(row['actual_year'])}, "
        f"{percent(row['attainment_pct'])} of the target"
    )


def _pledge_traces(row: dict, points: dict, last_year: int | None, look: dict) -> list[go.Scatter]:
    """A pledge: a thin path from the baseline to a marker at (deadline, target), up to the high end for a range;
    a level line from the pledge year for an annual rate."""
    name, source, threshold = legend_name(row), _first_source(row["source_ids"]), _threshold(row)
    verdict = _verdict_words(row)
    deadline = _deadline_year(row)
    if deadline is None:
        end = max(last_year or row["pledge_year"], row["pledge_year"])
        xs, ys = [int(row["pledge_year"]), end], [threshold] * 2
        cd = [[source, row["target_id"], "target, each year", verdict]] * 2
        sizes = [0, look["size"]]
    else:
        xs, ys, cd = [deadline], [threshold], [[source, row["target_id"], "target", verdict]]
        sizes = [look["size"]]
        if pd.notna(row["target_high"]) and pd.notna(row["target_low"]):
            xs, ys = [deadline, deadline], [float(row["target_low"]), float(row["target_high"])]
            cd = [
                [source, row["target_id"], "target, low end", verdict],
                [source, row["target_id"], "target, high end", verdict],
            ]
            sizes = [look["size"], look["size"]]
        baseline = None if pd.isna(row["baseline_year"]) else points.get(int(row["baseline_year"]))
        if row.get("baseline_stated") is True and pd.notna(row["baseline_year"]):  # the pledge's own words
            baseline = (float(row["baseline_value"]), row["baseline_source_id"])
        if baseline is not None and pd.notna(row["baseline_value"]):
            label = "baseline as the pledge states it" if row.get("baseline_stated") is True else "baseline"
            xs, ys = [int(row["baseline_year"])] + xs, [float(row["baseline_value"])] + ys
            cd = [[baseline[1], row["target_id"], label, verdict]] + cd
            sizes = [5] + sizes
    return [
        go.Scatter(
            x=[int(x) for x in xs],
            y=[float(y) for y in ys],
            mode="lines+markers",
            name=name,
            legendgroup=row["target_id"],
            legendrank=look["rank"],
            opacity=look["opacity"],
            line={"color": look["colour"], "dash": look["dash"], "width": look["width"]},
            marker={"symbol": look["symbol"], "size": sizes, "color": look["colour"]},
            customdata=cd,
            hovertemplate=f"<b>{row['title']}</b><br>%{{customdata[2]}}: %{{y:.1f}} {UNIT} in %{{x}}"
            "<br>%{customdata[3]}<br>source: %{customdata[0]}<extra></extra>",
        )
    ]


def _first_reached(fig: go.Figure, row: dict, points: dict, look: dict) -> list[go.Scatter]:
    """A star where the ledger says the target (and a range's high end) was first reached, labelled in words."""
    marks = [
        (row["first_reached_year"], "first reached", row["years_late"], "first_reached_range"),
        (
            row.get("first_reached_high_year"),
            "high end first reached",
            row.get("years_late_high"),
            "first_reached_high_range",
        ),
    ]
    found = [
        (int(year), text, _late_text(late, row.get(span)), row.get(span))
        for year, text, late, span in marks
        if pd.notna(year) and int(year) in points
    ]
    if not found:
        return []
    for rank, (year, text, late, span) in enumerate(found):  # labelled above the star, each a row higher
        fig.add_annotation(
            x=year,
            y=points[year][0],
            text=_reached_label(text, year, late, span).strip(),
            showarrow=True,
            arrowhead=0,
            arrowcolor=look["colour"],
            ax=12,
            ay=-(GAP_LABEL_PX + LABEL_ROW_PX * (rank + 1)),
            xanchor="left",
            font={"size": 11, "color": P["black"]},
            bgcolor="rgba(255,255,255,0.85)",
            name=f"first_reached:{row['target_id']}:{rank}",
        )
    return [
        go.Scatter(
            x=[year for year, *_ in found],
            y=[points[year][0] for year, *_ in found],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 16,
                "color": look["colour"],
                "line": {"width": 1, "color": P["black"]},
            },
            customdata=[
                [points[year][1], row["target_id"], _reached_label(text, year, late, span)]
                for year, text, late, span in found
            ],
            hovertemplate=f"<b>{legend_name(row)}</b><br>%{{customdata[2]}}: %{{y:.1f}} {UNIT}"
            "<br>source: %{customdata[0]}<extra></extra>",
            name=f"First reached: {legend_name(row)}",
            legendgroup=row["target_id"],
            showlegend=False,
        )
    ]


def _reached_label(text: str, year: int, late: str, span) -> str:
    """'first reached 2004 (4 years late) ', or with a gap before it '... 2012 or 2013 (2-3 years late)'."""
    when = str(year)
    if isinstance(span, (list, tuple)) and len(span) == 2:
        when = f"{span[0]} or {span[1]}" if int(span[1]) - int(span[0]) == 1 else f"{span[0]}-{span[1]}"
    return f"{text} {when}{late} "


def _late_text(late, span) -> str:
    """' (3 years late)', or for a first-reached range [2012, 2013] ' (2-3 years late)'."""
    if late is None or pd.isna(late):
        return ""
    late = int(late)
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return f" ({years_late(late)})"
    earliest = late - (int(span[1]) - int(span[0]))
    if earliest > 0:
        return f" ({earliest}-{late} years late)"
    return f" ({years_late(earliest)} to {years_late(late)})"


def _gap_annotation(fig: go.Figure, row: dict, look: dict) -> None:
    """The highlighted target's gap at the deadline (or in the latest year for an annual rate): a dotted segment
    from the actual to the target, labelled beside it ('gap US$12 bn', 'exceeded by US$44.8 bn')."""
    if pd.isna(row["shortfall"]) or pd.isna(row["actual_at_deadline"]):
        return
    threshold = _threshold(row)
    x = int(row["actual_year"]) if _deadline_year(row) is None else _deadline_year(row)
    actual = float(row["actual_at_deadline"])
    fig.add_shape(
        type="line",
        x0=x,
        x1=x,
        y0=actual,
        y1=threshold,
        layer="below",
        line={"color": look["colour"], "dash": "dot", "width": 2.5},
        name=f"gap:{row['target_id']}",
    )
    text = _gap_phrase(row["shortfall"])
    if pd.notna(row["target_high"]) and pd.notna(row.get("shortfall_high")):
        text = f"{text} to the low end"
    if _deadline_year(row) is None:
        text = f"{text} in {x}"
    fig.add_annotation(  # above the target's marker, one row below the first-reached label
        x=x,
        y=threshold,
        text=text,
        showarrow=True,
        arrowhead=0,
        arrowcolor=look["colour"],
        ax=12,
        ay=-GAP_LABEL_PX,
        xanchor="left",
        font={"size": 11, "color": P["black"]},
        bgcolor="rgba(255,255,255,0.85)",
        name=f"gap:{row['target_id']}",
    )


def _label_last_point(fig: go.Figure, turnover: pd.DataFrame, year_range: tuple[int, int] | None) -> None:
    """The latest turnover shown, written at its point (the one direct label of the default view)."""
    shown = findings.in_years(turnover, year_range).sort_values("year")
    if shown.empty:
        return
    last = shown.iloc[-1]
    fig.add_annotation(
        x=int(last["year"]),
        y=float(last[VALUE]),
        text=usd_bn(last[VALUE]),
        showarrow=False,
        xanchor="right",
        xshift=-8,
        yanchor="bottom",
        yshift=4,
        font={"size": 12, "color": P["black"]},
        name="last_point",
    )


def _event_layer(fig: go.Figure, events: pd.DataFrame, span: tuple[int, int]) -> None:
    """Events in the span as ticks along the foot of the plot, each named on hover: a layer the reader turns on
    in the legend (off by default)."""
    shown = events[(events["year"] >= span[0]) & (events["year"] <= span[1])].sort_values(
        ["date", "event_id"]
    )
    if shown.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=shown["year"].astype(int).tolist(),
            y=[EVENT_Y] * len(shown),
            yaxis="y2",
            mode="markers",
            name="Events",
            visible="legendonly",
            legendrank=900,
            marker={"symbol": "line-ns-open", "size": 14, "line": {"width": 2, "color": P["grey"]}},
            customdata=[[r.source_id, r.event_id, r.title, r.date] for r in shown.itertuples(index=False)],
            hovertemplate="%{customdata[2]} (%{customdata[3]})<br>source: %{customdata[0]}<extra></extra>",
        )
    )
    _overlay_axis(fig)


def _missing_years_band(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Years inside the series without a figure as a light band, one legend entry for them all."""
    years = set(frame["year"].astype(int))
    missing = [y for y in range(min(years, default=0), max(years, default=-1)) if y not in years]
    if not missing:
        return
    runs: list[list[int]] = []
    for year in missing:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    xs: list[float | None] = []
    ys: list[float | None] = []
    for run in runs:
        low, high = run[0] - 0.5, run[-1] + 0.5
        xs += [low, high, high, low, low, None]
        ys += [0, 0, 1, 1, 0, None]
    words = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            yaxis="y2",
            mode="lines",
            fill="toself",
            fillcolor="rgba(0,0,0,0.07)",
            line={"width": 0},
            name=f"No data ({words})" if len(runs) <= 3 else "Years without data",
            legendrank=800,
            hoveron="fills",
            hoverinfo="text",
            text=f"No turnover figure: {words}",
        )
    )
    _overlay_axis(fig)


def _overlay_axis(fig: go.Figure) -> None:
    """A hidden 0-1 axis over the plot for layers drawn by height share (gaps, events)."""
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True})


def _pledges_subtitle(turnover: pd.DataFrame, versions: dict[str, str] | None) -> str:
    """What the pledges chart measures, in what unit, on whose figures, and from which data version."""
    version = (versions or {}).get("trade")
    data = f" {version_label('trade', version, _trade_years(turnover).get('trade'))}." if version else ""
    return (
        f"Goods trade between China and Russia, {UNIT} a year, one preferred figure per year "
        f"({findings.basis_words(turnover)}); each stated target at its deadline.{data}"
    )


def _trade_years(frame: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The trade years shown, for the version's plain name ('Current series 1991-2025')."""
    if frame.empty:
        return {}
    return {"trade": (int(frame["year"].min()), int(frame["year"].max()))}


def _customs_gap_note(fig: go.Figure, year: int, group: pd.DataFrame, index: int, leftward: bool) -> None:
    """'Russian customs +7.0%' (or a span of gaps) above a year that has both bases, with a bracket; on two lines,
    and written leftward of its arrow in the later half of the years (it would run off a phone's chart)."""
    low, high = group["gap_pct"].min(), group["gap_pct"].max()
    same = round(low, 1) == round(high, 1)
    gap = findings.signed_percent(low) + ("" if same else f" to {findings.signed_percent(high)}")
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
        text=f"{year}: Russian customs<br>{gap} on Chinese",
        showarrow=True,
        arrowhead=2,
        xanchor="right" if leftward else "left",
        align="right" if leftward else "left",
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
    return f"{year}: {short_number(first)} → {short_number(last)} ({findings.signed_percent(pct)})"


def _version_label(version: str) -> str:
    """A legend name for a trade version."""
    return "The 2002 article, as stated" if version == ARTICLE_VERSION else version_label("trade", version)


def _no_data_message(versions: dict[str, str] | None, what: str) -> str:
    """'No data in this version: the 2002 article gives no Chinese or Russian customs figures'."""
    version = (versions or {}).get("trade")
    if version == ARTICLE_VERSION:
        return f"No data in this version: the 2002 article, {ARTICLE_CITATION}, gives no {what}"
    return f"No data in this version: no source gives {what}"


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
