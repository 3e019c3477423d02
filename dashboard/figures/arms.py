"""Arms page figures: Soviet/Russian arms deliveries to China in SIPRI TIV, one vintage at a time, and China's
share of them, with the stated (money-value) shares kept apart."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import findings
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import PALETTE, finish, year_axis
from dashboard.pipeline.arms import TO_CHINA, TOTAL_EXPORTS, vintages
from dashboard.processed import Processed

SHARE_SERIES = "share_china_of_supplier_exports"
ARTICLE_NAME = "The 2002 article: share of sales by money value (not TIV)"
PRESS_NAME = "SIPRI five-year share, press reports (TIV)"
LAST_SOVIET_YEAR = 1991
TIV_SOURCE_LINE = (
    "Source: SIPRI Arms Transfers Database; TIV = SIPRI trend-indicator value, a volume "
    "measure at constant 1990 prices, not the money value of sales"
)


def vintage_words(vintage: str) -> str:
    """A SIPRI vintage in words: 'sipri-2025-01' -> 'SIPRI data of 2025-01'."""
    match = re.fullmatch(r"sipri-(\d{4}-\d{2})", vintage)
    return f"SIPRI data of {match.group(1)}" if match else vintage.replace("-", " ").replace("_", " ")


def default_vintage(arms: pd.DataFrame) -> str:
    """The newest SIPRI vintage that holds the annual TIV series."""
    available = vintages(arms)
    if not available:
        raise ValueError("the arms data hold no annual TIV series")
    return available[-1]


def arms_tiv(
    arms: pd.DataFrame,
    *,
    vintage: str | None = None,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """USSR/Russia -> China TIV against the supplier's total exports by year, for one SIPRI vintage.

    No ledger target concerns TIV, so `highlight_target` changes nothing here.
    """
    vintage = _checked_vintage(arms, vintage)
    rows = _tiv_rows(arms, vintage)
    fig = go.Figure()
    total, to_china = rows[rows["series"] == TOTAL_EXPORTS], rows[rows["series"] == TO_CHINA]
    fig.add_trace(_tiv_bars(total, "USSR/Russia → all recipients", PALETTE["sky"], 0.85, 0.55))
    fig.add_trace(_tiv_bars(to_china, "USSR/Russia → China", PALETTE["vermillion"], 0.45, 1.0))
    fig.update_layout(barmode="overlay")
    _mark_soviet_end(fig, rows["year"])
    finish(
        fig,
        title=findings.arms_tiv_finding(to_china, year_range),
        subtitle=f"Arms deliveries by the USSR (to {LAST_SOVIET_YEAR}) and Russia (from {LAST_SOVIET_YEAR + 1}), "
        f"to China and to all recipients, in SIPRI trend-indicator values (TIV), US$ m at 1990 prices; "
        f"{_coverage(rows).lower()}; {vintage_words(vintage)} (others: {_others(arms, vintage)})",
        y_title="TIV, US$ m (1990 prices)",
        source_line=TIV_SOURCE_LINE,
        versions=versions,
    )
    return _year_axis(fig, year_range)


def arms_china_share(
    arms: pd.DataFrame,
    share: pd.DataFrame,
    *,
    vintage: str | None = None,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """China's TIV share of Soviet/Russian arms exports (derived, one vintage), with stated figures apart."""
    vintage = _checked_vintage(arms, vintage)
    if len(share) and set(share["vintage"]) != {vintage}:
        raise ValueError(f"share table is for {sorted(set(share['vintage']))}, not {vintage!r}")
    fig = go.Figure()
    tiv = _tiv_rows(arms, vintage)
    sources = tiv[tiv["series"] == TO_CHINA].set_index("year")["source_id"]
    for index, run in enumerate(_runs(share.sort_values("year"))):
        fig.add_trace(_share_line(run, sources, "China's share, TIV basis", index == 0))
    stated = arms[arms["series"] == SHARE_SERIES]
    for trace in _article_traces(stated[stated["measure_basis"] == "money_value"]):
        fig.add_trace(trace)
    press = stated[(stated["measure_basis"] == "tiv") & (stated["period_type"] == "five_years")]
    if len(press):
        fig.add_trace(_press_trace(press))
    finish(
        fig,
        title=findings.arms_share_finding(share, year_range),
        subtitle=f"China's share of Soviet/Russian arms exports, %: the line from SIPRI TIV within "
        f"{vintage_words(vintage)}; apart, the 2002 article's shares of sales by money value and SIPRI's "
        "five-year shares as the press reported them",
        y_title="% of Soviet/Russian arms exports",
        source_line=TIV_SOURCE_LINE,
        versions=versions,
    )
    fig.update_yaxes(range=[0, 100])
    return _year_axis(fig, year_range)


# --- private helpers ----------------------------------------------------------------------------------------


def _checked_vintage(arms: pd.DataFrame, vintage: str | None) -> str:
    """The requested vintage (default the newest), refused when it holds no annual TIV series."""
    available = vintages(arms)
    vintage = vintage or default_vintage(arms)
    if vintage not in available:
        raise ValueError(f"vintage {vintage!r} has no annual TIV series; available: {', '.join(available)}")
    return vintage


def _tiv_rows(arms: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """The supplier->China and supplier-total TIV rows of one vintage, by year."""
    rows = arms[(arms["vintage"] == vintage) & arms["series"].isin([TO_CHINA, TOTAL_EXPORTS])]
    return rows[rows["tiv_usd_m"].notna()].sort_values("year")


def _tiv_bars(rows: pd.DataFrame, name: str, colour: str, width: float, opacity: float) -> go.Bar:
    """One TIV series as bars, customdata [source_id, supplier]."""
    return go.Bar(
        x=rows["year"].tolist(),
        y=rows["tiv_usd_m"].tolist(),
        name=name,
        width=width,
        opacity=opacity,
        marker={"color": colour, "line": {"color": PALETTE["black"], "width": 0.5}},
        customdata=[[s, sup] for s, sup in zip(rows["source_id"], rows["supplier"])],
        hovertemplate="%{customdata[1]}, %{x}: %{y:,.0f} TIV US$ m<br>source: %{customdata[0]}<extra>"
        + name
        + "</extra>",
    )


def _mark_soviet_end(fig: go.Figure, years: pd.Series) -> None:
    """A dotted line between 1991 and 1992 when the data span the end of the USSR."""
    if len(years) and years.min() <= LAST_SOVIET_YEAR < years.max():
        fig.add_vline(
            x=LAST_SOVIET_YEAR + 0.5,
            line={"dash": "dot", "color": PALETTE["grey"], "width": 1},
            annotation_text="USSR → Russia",
            annotation_position="top left",
        )


def _coverage(rows: pd.DataFrame) -> str:
    """'Years 2000-2023' of the rows shown."""
    return f"Years {rows['year'].min()}-{rows['year'].max()}" if len(rows) else "No years"


def _others(arms: pd.DataFrame, vintage: str) -> str:
    """The other vintages, or 'none'."""
    return ", ".join(vintage_words(v) for v in vintages(arms) if v != vintage) or "none"


def _runs(share: pd.DataFrame) -> list[pd.DataFrame]:
    """Split rows into runs of consecutive years, so a line never bridges years without data."""
    years = share["year"].astype(int)
    run_id = (years.diff() != 1).cumsum()
    return [group for _, group in share.groupby(run_id, sort=True)]


def _share_line(run: pd.DataFrame, sources: pd.Series, name: str, showlegend: bool) -> go.Scatter:
    """One run of the TIV share line; customdata [supplier->China row's source_id]."""
    return go.Scatter(
        x=run["year"].tolist(),
        y=run["share_pct"].tolist(),
        name=name,
        mode="lines+markers",
        legendgroup="tiv_share",
        showlegend=showlegend,
        line={"color": PALETTE["blue"], "width": 2},
        marker={"symbol": "circle", "size": 6},
        customdata=[[sources.get(year, "")] for year in run["year"]],
        hovertemplate="%{x}: %{y:.1f}% (TIV basis)<br>source: %{customdata[0]}<extra>" + name + "</extra>",
    )


def _article_traces(rows: pd.DataFrame) -> list[go.Scatter]:
    """The article's money-value shares: exact figures and lower bounds, each its own marker trace."""
    exact, bounds = rows[rows["share_pct"].notna()], rows[rows["share_low_pct"].notna()]
    traces = []
    if len(exact):
        traces.append(
            _marker_trace(
                exact,
                exact["share_pct"],
                ARTICLE_NAME,
                "diamond-open",
                [f"{v:g}%, {p}" for v, p in zip(exact["share_pct"], exact["period_label"])],
                "top right",
            )
        )
    if len(bounds):
        name = f"{ARTICLE_NAME}, lower bound"
        traces.append(
            _marker_trace(
                bounds,
                bounds["share_low_pct"],
                name,
                "triangle-up-open",
                [f"more than {v:g}%, {p}" for v, p in zip(bounds["share_low_pct"], bounds["period_label"])],
                "middle right",
                wrap_after=", ",  # the whole label beside a 2000 marker is wider than a phone's plot
            )
        )
    return traces


def _marker_trace(
    rows: pd.DataFrame,
    values: pd.Series,
    name: str,
    symbol: str,
    labels: list[str],
    textposition: str,
    wrap_after: str | None = None,
) -> go.Scatter:
    """Labelled stand-alone markers (never joined by a line); customdata [source_id, label]. A label is drawn on
    two lines, broken after the first `wrap_after`, when given (the hover keeps it on one)."""
    return go.Scatter(
        x=rows["year"].tolist(),
        y=values.tolist(),
        name=name,
        mode="markers+text",
        text=[
            label.replace(wrap_after, wrap_after.rstrip() + "<br>", 1) if wrap_after else label
            for label in labels
        ],
        textposition=textposition,
        legendgroup="article",
        marker={"symbol": symbol, "size": 14, "color": PALETTE["orange"], "line": {"width": 2}},
        customdata=[[s, label] for s, label in zip(rows["source_id"], labels)],
        hovertemplate="%{customdata[1]}: share of Russian arms sales (money value, not TIV)"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _press_trace(rows: pd.DataFrame) -> go.Scatter:
    """SIPRI five-year shares as the press reported them: a marker at the period's end, a bar back over it."""
    rows = rows.sort_values(["year", "source_id"])
    back = [_period_length(label) for label in rows["period_label"]]
    labels = [f"{v:g}%, {p}" for v, p in zip(rows["share_pct"], rows["period_label"])]
    return go.Scatter(
        x=rows["year"].tolist(),
        y=rows["share_pct"].tolist(),
        name=PRESS_NAME,
        mode="markers",
        marker={"symbol": "square-open", "size": 11, "color": PALETTE["green"], "line": {"width": 2}},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [0] * len(rows),
            "arrayminus": back,
            "color": PALETTE["green"],
            "thickness": 1.5,
            "width": 4,
        },
        customdata=[[s, label] for s, label in zip(rows["source_id"], labels)],
        hovertemplate="SIPRI five-year share %{customdata[1]}, TIV basis<br>source: %{customdata[0]}"
        "<extra></extra>",
    )


def _period_length(label: str) -> int:
    """Years back from a 'YYYY-YYYY' period's end to its start (0 for a single year)."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", str(label))
    return int(match.group(2)) - int(match.group(1)) if match else 0


def _year_axis(fig: go.Figure, year_range: tuple[int, int] | None) -> go.Figure:
    """The shared year axis, whole years, few enough labels for a narrow screen."""
    return year_axis(fig, year_range)


# --- registry adapters --------------------------------------------------------------------------------------


def _versions(processed: Processed) -> dict[str, str]:
    """The arms dataset's version."""
    return {name: processed.versions[name] for name in ("arms",) if name in processed.versions}


def _draw_tiv(processed: Processed, params: FigureParams) -> go.Figure:
    """arms_tiv from processed data."""
    return arms_tiv(
        processed.frames["arms"],
        vintage=params.arms_vintage,
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


def _draw_share(processed: Processed, params: FigureParams) -> go.Figure:
    """arms_china_share from processed data (the derived share of the chosen vintage)."""
    arms = processed.frames["arms"]
    vintage = _checked_vintage(arms, params.arms_vintage)
    return arms_china_share(
        arms,
        processed.derived.arms_china_share[vintage],
        vintage=vintage,
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


SPECS = (
    FigureSpec(
        name="arms_tiv",
        title="Soviet/Russian arms deliveries to China (SIPRI TIV)",
        page="arms",
        datasets=("arms",),
        draw=_draw_tiv,
    ),
    FigureSpec(
        name="arms_china_share",
        title="China's share of Soviet/Russian arms exports",
        page="arms",
        datasets=("arms",),
        draw=_draw_share,
    ),
)
