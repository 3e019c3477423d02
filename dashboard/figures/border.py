"""Border page figures: the 1997 force ceilings side by side, and the border lengths sources disagree on."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures import findings
from dashboard.figures.people import source_names
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import PALETTE, finish
from dashboard.processed import Processed

REDUCTION = "reduction_1997_moscow"
TARGET_ID = "border_troops_ceiling_1997"
# panel -> (axis title, ((provision, bar label), ...)), in drawing order
CEILINGS = {
    "Troops": (
        "troops",
        (
            ("troop_ceiling_china_side", "China"),
            ("troop_ceiling_joint_side", "Joint side"),
            ("troop_ceiling_total", "Both sides"),
        ),
    ),
    "Tanks": (
        "tanks",
        (
            ("tank_ceiling_china_side", "China"),
            ("tank_ceiling_joint_side", "Joint side"),
            ("tank_quota_russia", "Russia"),
        ),
    ),
    "Armoured vehicles": ("vehicles", (("afv_ceiling_russia", "Russia"),)),
}
PARTY_STYLE = {  # bar label -> (colour, pattern)
    "China": (PALETTE["vermillion"], ""),
    "Joint side": (PALETTE["blue"], "/"),
    "Russia": (PALETTE["sky"], "x"),
    "Both sides": (PALETTE["grey"], "."),
}
LENGTH_PANELS = (  # (provision, short name, panel title)
    ("border_length_china_russia", "China-Russia", "China-Russia border"),
    (
        "border_length_former_sino_soviet",
        "Former Sino-Soviet",
        "Former Sino-Soviet border (a longer line)",
    ),
)
BOUND_STYLE = {  # bound kind -> (legend name, symbol, colour)
    "exact": ("stated figure", "circle", PALETTE["blue"]),
    "upper": ("upper bound ('nearly', 'up to')", "triangle-left-open", PALETTE["vermillion"]),
    "lower": ("lower bound ('more than')", "triangle-right-open", PALETTE["green"]),
}
SOURCE_LINE = (
    "Sources: the 2002 article, FAS, China Daily, Guancha and others (each figure's source on hover)"
)
ROW_NAME_SHIFT_PX = 8  # a row's name sits this far above its dots (markers are 14 px)
ROW_NAMES_MARGIN_PX = 20  # no names left of the axis: the plot takes the width


def border_ceilings(
    border: pd.DataFrame, *, highlight_target: str | None = None, versions: dict[str, str] | None = None
) -> go.Figure:
    """The 1997 ceilings as grouped bars per category (troops, tanks, armoured vehicles), numbers labelled."""
    rows = border[border["agreement_id"] == REDUCTION]
    fig = make_subplots(rows=1, cols=len(CEILINGS), horizontal_spacing=0.14)
    shown_parties: set[str] = set()
    for col, (category, (_, bars)) in enumerate(CEILINGS.items(), start=1):
        for provision, label in bars:
            picked = rows[rows["provision"] == provision]
            if len(picked):
                fig.add_trace(
                    _ceiling_bar(
                        picked,
                        category,
                        label,
                        label not in shown_parties,
                        highlight=highlight_target == TARGET_ID and category == "Troops",
                    ),
                    row=1,
                    col=col,
                )
                shown_parties.add(label)
    fig.update_layout(barmode="group", bargap=0.25)
    finish(
        fig,
        title=findings.border_ceilings_finding(rows),
        subtitle=_ceilings_subtitle(border),
        y_title="troops",
        x_title=None,
        source_line=SOURCE_LINE,
        versions=versions,
    )
    # each panel's category under it names the unit (troops, tanks, vehicles): no y titles between the panels
    fig.update_yaxes(title_text=None, rangemode="tozero")
    if highlight_target == TARGET_ID:
        _note_target(fig, rows)
    fig.update_layout(uirevision="keep")
    return fig


def border_lengths(
    border: pd.DataFrame, *, versions: dict[str, str] | None = None, sources: pd.DataFrame | None = None
) -> go.Figure:
    """Conflicting border lengths as a dot plot, one row per source (named by publisher), bounds as bounds,
    two borders apart."""
    names = source_names(sources) if sources is not None else {}
    fig = make_subplots(
        rows=2,
        cols=1,
        subplot_titles=[title for _, _, title in LENGTH_PANELS],
        vertical_spacing=0.25,
    )
    for row, (provision, short, _) in enumerate(LENGTH_PANELS, start=1):
        lengths = border[(border["provision"] == provision) & (border["unit"] == "km")]
        lengths = lengths.assign(bound=[_bound_kind(q) for q in lengths["qualifier"]])
        for kind in BOUND_STYLE:
            picked = lengths[lengths["bound"] == kind].sort_values("value")
            if len(picked):
                fig.add_trace(_length_dots(picked, kind, short, names), row=row, col=1)
        fig.update_xaxes(range=_padded(lengths["value"]), row=row, col=1)
        _row_names_above(fig, row, [_row_label(r, names) for r in lengths.itertuples()])
    china_russia = border[(border["provision"] == LENGTH_PANELS[0][0]) & (border["unit"] == "km")]
    finish(
        fig,
        title=findings.border_lengths_finding(china_russia),
        subtitle="Border length in km, one row per source. Open triangles are bounds: pointing left, at "
        "most ('nearly', 'up to'); pointing right, more than. The lower panel is the former Sino-Soviet "
        "border (China with Russia, Kazakhstan, Kyrgyzstan and Tajikistan), a different line",
        y_title="",
        x_title="km",
        source_line=SOURCE_LINE,
        versions=versions,
    )
    fig.update_yaxes(title_text="", type="category", showticklabels=False)  # each row is named above its dots
    fig.update_layout(margin_l=ROW_NAMES_MARGIN_PX)
    for title in fig.layout.annotations[
        : len(LENGTH_PANELS)
    ]:  # the panels' titles, from the left as the rows
        title.update(x=0, xanchor="left", xref="paper")
    fig.update_xaxes(title_text="Length, km", title_font_size=11, nticks=3)  # the unit, also in the data out
    fig.update_layout(uirevision="keep")
    return fig


# --- private helpers ----------------------------------------------------------------------------------------


def _ceiling_bar(rows: pd.DataFrame, category: str, label: str, showlegend: bool, highlight: bool) -> go.Bar:
    """One party's ceiling in one category; customdata [source_id, unit, note]."""
    colour, pattern = PARTY_STYLE[label]
    return go.Bar(
        x=[category] * len(rows),
        y=rows["value"].tolist(),
        name=label,
        legendgroup=label,
        showlegend=showlegend,
        offsetgroup=label,
        text=[f"{v:,.0f}" for v in rows["value"]],
        textposition="inside",
        insidetextanchor="end",
        textangle=-90,
        marker={
            "color": colour,
            "pattern": {"shape": pattern, "fgcolor": PALETTE["black"]},
            "line": {"color": PALETTE["black"], "width": 3 if highlight else 0.5},
        },
        customdata=[
            [s, u, n if isinstance(n, str) else ""]
            for s, u, n in zip(rows["source_id"], rows["unit"], rows["note"])
        ],
        hovertemplate="%{fullData.name}, %{x}: %{y:,.0f} %{customdata[1]}<br>%{customdata[2]}"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _ceilings_subtitle(border: pd.DataFrame) -> str:
    """Where and when the ceilings apply: signature and the zone depth (km) from the data."""
    rows = border[border["agreement_id"] == REDUCTION]
    zone = rows[(rows["provision"] == "zone_depth") & (rows["unit"] == "km")]["value"].dropna()
    signed = rows["signed_date"].dropna()
    depth = f"within {zone.iloc[0]:g} km of the border on each side" if len(zone) else "in the border zone"
    when = f"signed in Moscow on {signed.iloc[0]}" if len(signed) else "signed in Moscow"
    return (
        f"Agreement on Mutual Reduction of Military Forces in the Border Areas, {when}; "
        f"ceilings apply {depth}. Joint side: Russia, Kazakhstan, Kyrgyzstan, Tajikistan"
    )


def _note_target(fig: go.Figure, rows: pd.DataFrame) -> None:
    """Name the highlighted ledger target inside the troop panel, above the side ceilings (headroom kept)."""
    china = rows[rows["provision"] == "troop_ceiling_china_side"]["value"].dropna()
    limit = f"at most {china.iloc[0]:,.0f} a side" if len(china) else "a ceiling per side"
    fig.add_annotation(
        text=f"Highlighted target:<br>troops {limit};<br>no sourced count of troops",
        xref="x domain",
        yref="y domain",
        x=0.01,
        y=0.99,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 11, "color": PALETTE["black"]},
        bgcolor="#FFF6D5",
        name="highlight",
    )


def _bound_kind(qualifier: str) -> str:
    """exact, upper ('nearly', 'up to') or lower ('more than') bound."""
    return {"nearly": "upper", "up_to": "upper", "more_than": "lower"}.get(qualifier, "exact")


def _length_dots(rows: pd.DataFrame, kind: str, border_name: str, names: dict[str, str]) -> go.Scatter:
    """One row per source: the length (or the bound) in km; customdata [source_id, label, note]."""
    name, symbol, colour = BOUND_STYLE[kind]
    words = {"nearly": "nearly ", "up_to": "up to ", "more_than": "more than "}
    labels = [
        f"{words.get(q, '')}{v:,g} km" + (f" ({k})" if k == "estimate" else "")
        for v, q, k in zip(rows["value"], rows["qualifier"], rows["kind"])
    ]
    return go.Scatter(
        x=rows["value"].tolist(),
        y=[_row_label(r, names) for r in rows.itertuples()],
        name=f"{border_name}: {name}",
        mode="markers+text",
        text=labels,
        textposition="middle right",  # never towards the source names on the left
        marker={"symbol": symbol, "size": 14, "color": colour, "line": {"width": 2, "color": colour}},
        customdata=[
            [s, label, n if isinstance(n, str) else ""]
            for s, label, n in zip(rows["source_id"], labels, rows["note"])
        ],
        hovertemplate="%{customdata[1]}<br>%{customdata[2]}<br>source: %{customdata[0]}<extra></extra>",
    )


def _row_names_above(fig: go.Figure, row: int, labels: list[str]) -> None:
    """Each source's row named just above its dots, from the panel's left edge: the plot keeps the figure's whole
    width (names left of the axis took half of it, and at phone width all but a sliver)."""
    axis = "" if row == 1 else str(row)
    for label in dict.fromkeys(labels):
        fig.add_annotation(
            text=label,
            xref=f"x{axis} domain",
            x=0,
            xanchor="left",
            yref=f"y{axis}",
            y=label,
            yanchor="bottom",
            yshift=ROW_NAME_SHIFT_PX,
            showarrow=False,
            font={"size": 11, "color": PALETTE["grey"]},
            name="row name",
        )


def _row_label(row, names: dict[str, str]) -> str:
    """The dot plot's row: the source's publisher (short) and the period as stated."""
    publisher = names.get(row.source_id, "source").rsplit(", ", 1)[0].split(" (")[0]
    publisher = "The 2002 article" if publisher.startswith("“") else publisher
    period = row.period_label if isinstance(row.period_label, str) and row.period_label else ""
    return f"{publisher} · {period}" if period else publisher


def _padded(values: pd.Series) -> list[float]:
    """An x range around the values with room for the labels, which are written right of their dots."""
    low, high = float(values.min()), float(values.max())
    pad = 0.4 * max(high - low, 0.05 * high, 1.0)
    return [low - pad, high + 2.5 * pad]


# --- registry adapters --------------------------------------------------------------------------------------


def _versions(processed: Processed) -> dict[str, str]:
    """The border dataset's version."""
    return {name: processed.versions[name] for name in ("border",) if name in processed.versions}


def _draw_ceilings(processed: Processed, params: FigureParams) -> go.Figure:
    """border_ceilings from processed data."""
    return border_ceilings(
        processed.frames["border"], highlight_target=params.highlight_target, versions=_versions(processed)
    )


def _draw_lengths(processed: Processed, params: FigureParams) -> go.Figure:
    """border_lengths from processed data."""
    return border_lengths(
        processed.frames["border"], versions=_versions(processed), sources=processed.frames["sources"]
    )


SPECS = (
    FigureSpec(
        name="border_ceilings",
        title="1997 border ceilings: troops, tanks, armoured vehicles",
        page="border",
        datasets=("border",),
        draw=_draw_ceilings,
        follows_year_range=False,
    ),
    FigureSpec(
        name="border_lengths",
        title="Conflicting border lengths",
        page="border",
        datasets=("border",),
        draw=_draw_lengths,
        follows_year_range=False,
    ),
)
