"""The target ledger as a chart: every stated target's attainment at a glance, coloured and patterned by status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.formatting import number, percent
from dashboard.processed import Processed

DATASETS = ("targets", "trade", "energy")
STATUS_PATTERNS = {
    "met": "",
    "on_track": "/",
    "missed": "x",
    "deterioration": "\\",
    "acceleration_needed": "-",
    "limited_progress": ".",
    "reached": "+",
    "not_yet_reached": "|",
    "no_observation": "",
}
UNIT_LABELS = {"usd_bn": "US$ bn", "mt": "Mt", "bcm": "bcm", "troops": "troops", "submarines": "submarines"}
NO_OBSERVATION = "no_observation"
FADED = 0.35


def attainment_figure(
    ledger: pd.DataFrame, *, highlight_target: str | None = None, versions: dict[str, str] | None = None
) -> go.Figure:
    """One horizontal bar per target: attainment % (of the low end for ranges), one trace per status."""
    titles = ledger["title"].tolist()
    highlight = highlight_target if highlight_target in set(ledger["target_id"]) else None
    fig = go.Figure()
    for status in _statuses_in_order(ledger):
        rows = ledger[ledger["status"] == status]
        fig.add_trace(_status_bars(rows, status, highlight))
    for row in ledger[ledger["status"] == NO_OBSERVATION].itertuples(index=False):
        fig.add_annotation(
            x=0,
            y=row.title,
            text="no observation",
            showarrow=False,
            xanchor="left",
            xshift=4,
            font={"color": style.PALETTE["black"], "size": 12},
            name=f"empty:{row.target_id}",
        )
    fig.add_vline(
        x=100,
        line={"color": style.PALETTE["black"], "dash": "dash", "width": 1.5},
        annotation={"text": "100% = target reached", "yanchor": "bottom", "font": {"size": 11}},
    )
    fig.update_yaxes(categoryorder="array", categoryarray=titles[::-1], automargin=True)
    fig.update_xaxes(rangemode="tozero", ticksuffix="%")
    style.finish(
        fig,
        title="Stated targets against outcomes: attainment by target",
        y_title="",
        x_title="Attainment, % of target (low end for ranges; latest year for annual rates)",
        source_line="Sources: each target's first source id (hover); the ledger of dashboard.targets",
        versions=versions,
    )
    fig.update_layout(uirevision="keep", barmode="overlay", bargap=0.3)
    return fig


def _statuses_in_order(ledger: pd.DataFrame) -> list[str]:
    """Statuses present in the ledger, in the order STATUS_PATTERNS lists them (legend order)."""
    present = set(ledger["status"])
    return [status for status in STATUS_PATTERNS if status in present]


def _status_bars(rows: pd.DataFrame, status: str, highlight: str | None) -> go.Bar:
    """The bars of one status: colour, pattern and a text label all name the status."""
    label = status.replace("_", " ")
    x = [None if pd.isna(value) else float(value) for value in rows["attainment_pct"]]
    chosen = [highlight is None or target == highlight for target in rows["target_id"]]
    return go.Bar(
        x=x,
        y=rows["title"].tolist(),
        orientation="h",
        name=label,
        legendgroup=status,
        marker={
            "color": style.STATUS_COLOURS[status],
            "pattern": {
                "shape": STATUS_PATTERNS[status],
                "fgcolor": style.PALETTE["black"],
                "solidity": 0.25,
            },
            "opacity": [1.0 if c else FADED for c in chosen],
            "line": {
                "color": style.PALETTE["black"],
                "width": [3.0 if highlight is not None and c else 0.5 for c in chosen],
            },
        },
        text=[f"{label} · {percent(value)}" if value is not None else "" for value in x],
        textposition="outside",
        cliponaxis=False,
        customdata=[_customdata(row, label) for row in rows.to_dict("records")],
        hovertemplate="<b>%{y}</b><br>attainment %{x:.1f}% of target<br>status: %{customdata[2]}"
        "<br>%{customdata[3]}<br>source: %{customdata[0]}<extra></extra>",
    )


def _customdata(row: dict, label: str) -> list[str]:
    """First source id, target id (the app opens the target's chart with it), status and a detail line."""
    return [first_source(row["source_ids"]), row["target_id"], label, _detail(row)]


def first_source(source_ids: str) -> str:
    """The first of a target's ';'-separated source ids."""
    return source_ids.split(";")[0].strip()


def _detail(row: dict) -> str:
    """'actual 8 US$ bn (2000) against 20 US$ bn', or why there is no actual."""
    unit = UNIT_LABELS.get(row["unit"], row["unit"])
    if pd.notna(row["target_value"]):
        goal = number(row["target_value"])
    else:
        goal = f"{number(row['target_low'])}-{number(row['target_high'])}"
    if pd.isna(row["actual_at_deadline"]):
        return f"target {goal} {unit}; no actual in the data"
    year = "" if pd.isna(row["actual_year"]) else f" ({int(row['actual_year'])})"
    return f"actual {number(row['actual_at_deadline'])} {unit}{year} against {goal} {unit}"


def _draw(processed: Processed, params: FigureParams) -> go.Figure:
    """The ledger chart from the processed ledger."""
    versions = {name: processed.versions[name] for name in DATASETS if name in processed.versions}
    return attainment_figure(
        processed.derived.ledger, highlight_target=params.highlight_target, versions=versions
    )


SPECS = (
    FigureSpec(
        name="ledger_attainment",
        title="Target ledger: attainment by target",
        page="overview",
        datasets=DATASETS,
        draw=_draw,
        follows_year_range=False,
    ),
)
