"""The verdict board: every stated target on one scale (% of what was promised), from the level when it was
pledged to the outcome, its status in a colour, a symbol and a word."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import style
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import STATUS_WORDS
from dashboard.formatting import amount, attainment, percent, years_late
from dashboard.processed import Processed
from dashboard.verdicts import board_order

DATASETS = ("targets", "trade", "energy")
STATUS_SYMBOLS = {
    "met": "circle",
    "on_track": "triangle-up",
    "missed": "x",
    "deterioration": "triangle-down",
    "acceleration_needed": "diamond",
    "limited_progress": "square",
    "reached": "star",
    "not_yet_reached": "circle-open",
    "no_observation": "circle-open-dot",
}
NO_OBSERVATION = "no_observation"
FADED = 0.35
SCALE_CAP_PCT = 200.0  # outcomes beyond twice the target are drawn at the edge, with their number
BOARD_SUBTITLE = (
    "Each stated target's outcome as a share of what was promised (the low end of a range), from the level when it "
    "was pledged; the status in words"
)
ROW_HEIGHT_PX = 52
ROW_TITLE_SHIFT_PX = 9  # each row's title sits just above its markers
LABEL_LEFT_FROM_PCT = 130.0  # outcome labels go left of markers this far right (they would leave the plot)
TARGET_LINE_NAME = "The target (100%)"


def verdict_board(
    ledger: pd.DataFrame, *, highlight_target: str | None = None, versions: dict[str, str] | None = None
) -> go.Figure:
    """One row per target, by deadline: a hollow circle at the baseline (the level when pledged) and a line to
    the outcome, as % of the target (the low end for a range); the outcome's marker has the status's colour and
    symbol and a label with the % and the status in words; a dashed line marks 100%."""
    rows = board_order(ledger).to_dict("records")
    highlight = highlight_target if highlight_target in {r["target_id"] for r in rows} else None
    labels = [
        str(row["target_id"]) for row in rows
    ]  # the rows' categories; people read the titles above them
    fig = go.Figure()
    fig.add_trace(_paths(rows, labels))
    fig.add_trace(_baselines(rows, labels))
    for status in STATUS_SYMBOLS:
        chosen = [(row, label) for row, label in zip(rows, labels) if row["status"] == status]
        if chosen:
            fig.add_trace(_outcomes(status, chosen, highlight))
    high_ends = [(row, label) for row, label in zip(rows, labels) if _high_end_pct(row) is not None]
    if high_ends:
        fig.add_trace(_high_ends(high_ends))
    target_line = {"color": style.PALETTE["black"], "dash": "dash", "width": 1.5}
    fig.add_vline(x=100, line=target_line)
    fig.add_trace(  # the dashed line's legend entry (the axis title said it, and ran off a phone's chart)
        go.Scatter(
            x=[None], y=[None], mode="lines", line=target_line, name=TARGET_LINE_NAME, hoverinfo="skip"
        )
    )
    for row, label in zip(rows, labels):
        fig.add_annotation(_row_title(row, label, highlight))
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=labels[::-1],
        showticklabels=False,
        title_text="",
        range=[-0.6, len(labels) - 0.3],
    )
    fig.update_xaxes(
        range=[-8, SCALE_CAP_PCT + 12],
        tickvals=[0, 50, 100, 150, 200],
        ticksuffix="%",
        zeroline=False,
    )
    style.finish(
        fig,
        title="What was promised, and what happened",
        y_title="",
        x_title="Outcome as % of the target",
        source_line="Sources: the pledges as quoted in the stated-targets data; outcomes from the trade and "
        "energy data (click a point for its source)",
        versions=versions,
    )
    style.add_subtitle(fig, BOARD_SUBTITLE)
    fig.update_layout(uirevision="keep", height=max(420, 230 + ROW_HEIGHT_PX * len(rows)), margin={"l": 20})
    return fig


def _row_title(row: dict, label: str, highlight: str | None) -> dict:
    """The target's title just above its row, from the left edge (readable at any width, unlike axis labels)."""
    return {
        "x": 0,
        "xref": "paper",
        "y": label,
        "yref": "y",
        "yshift": ROW_TITLE_SHIFT_PX,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "text": f"<b>{row['title']}</b>",
        "font": {"size": 12},
        "bgcolor": "rgba(255, 255, 255, 0.85)",
        "name": f"row:{row['target_id']}",
        "opacity": 1.0 if highlight in (None, row["target_id"]) else FADED,
    }


def _reference(row: dict) -> float | None:
    """What 100% stands for: the target, or the low end of a range."""
    value = row["target_value"] if pd.notna(row["target_value"]) else row["target_low"]
    return None if pd.isna(value) or not value else float(value)


def _baseline_pct(row: dict) -> float | None:
    """The baseline as % of the target (None without a baseline, or for a ceiling)."""
    reference = _reference(row)
    if reference is None or pd.isna(row.get("baseline_value")) or row.get("comparison") == "at_most":
        return None
    return _capped(100.0 * float(row["baseline_value"]) / reference)


def _outcome_pct(row: dict) -> float | None:
    """The outcome as % of the target (or the most it can be, where only that is known), drawn at most at the
    scale's edge."""
    for key in ("attainment_pct", "attainment_at_most_pct"):
        if pd.notna(row.get(key)):
            return _capped(float(row[key]))
    return None


def _high_end_pct(row: dict) -> float | None:
    """Where a range's high end falls on the scale (None for a single value)."""
    reference = _reference(row)
    if reference is None or pd.isna(row.get("target_high")) or pd.notna(row["target_value"]):
        return None
    return _capped(100.0 * float(row["target_high"]) / reference)


def _capped(pct: float) -> float:
    """A % no further than the scale's edge."""
    return min(pct, SCALE_CAP_PCT)


def _paths(rows: list[dict], labels: list[str]) -> go.Scatter:
    """A grey line per target from its baseline to its outcome (one trace, segments apart)."""
    xs: list[float | None] = []
    ys: list[str | None] = []
    for row, label in zip(rows, labels):
        start, end = _baseline_pct(row), _outcome_pct(row)
        if start is not None and end is not None:
            xs += [start, end, None]
            ys += [label, label, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name="From the level when pledged to the outcome",
        line={"color": style.PALETTE["grey"], "width": 3},
        hoverinfo="skip",
    )


def _baselines(rows: list[dict], labels: list[str]) -> go.Scatter:
    """A hollow circle at each baseline."""
    chosen = [(row, label) for row, label in zip(rows, labels) if _baseline_pct(row) is not None]
    chosen = [(row, label) for row, label in chosen if _outcome_pct(row) is not None]  # nothing to compare
    return go.Scatter(
        x=[_baseline_pct(row) for row, _ in chosen],
        y=[label for _, label in chosen],
        mode="markers",
        name="Level when pledged",
        marker={"symbol": "circle-open", "size": 11, "color": style.PALETTE["black"], "line": {"width": 2}},
        customdata=[[first_source(row["source_ids"]), row["target_id"]] for row, _ in chosen],
        hovertemplate="level when pledged: %{x:.0f}% of the target<extra></extra>",
    )


def _outcomes(status: str, chosen: list[tuple[dict, str]], highlight: str | None) -> go.Scatter:
    """The outcomes of one status: its colour, its symbol and a label saying the % and the status in words."""
    word = STATUS_WORDS[status]
    xs = [_outcome_pct(row) for row, _ in chosen]
    return go.Scatter(
        x=[0.0 if x is None else x for x in xs],
        y=[label for _, label in chosen],
        mode="markers+text",
        name=f"{word[0].upper()}{word[1:]}",
        marker={
            "symbol": STATUS_SYMBOLS[status],
            "size": 15,
            "color": style.STATUS_COLOURS[status],
            "line": {"width": 1.5, "color": style.PALETTE["black"]},
            "opacity": [1.0 if highlight in (None, row["target_id"]) else FADED for row, _ in chosen],
        },
        text=[_outcome_text(row, word) for row, _ in chosen],
        textposition=[_label_side(row) for row, _ in chosen],
        showlegend=False,  # labelled directly: the % and the status in words beside each marker
        cliponaxis=False,
        customdata=[
            [first_source(row["source_ids"]), row["target_id"], _hover(row, word)] for row, _ in chosen
        ],
        hovertemplate="%{customdata[2]}<extra></extra>",
    )


def _high_ends(chosen: list[tuple[dict, str]]) -> go.Scatter:
    """A tick where a range's high end falls."""
    return go.Scatter(
        x=[_high_end_pct(row) for row, _ in chosen],
        y=[label for _, label in chosen],
        mode="markers",
        name="High end of a range",
        marker={"symbol": "line-ns", "size": 16, "line": {"width": 2, "color": style.PALETTE["black"]}},
        customdata=[[first_source(row["source_ids"]), row["target_id"]] for row, _ in chosen],
        hovertemplate="high end of the range: %{x:.0f}% of the low end<extra></extra>",
    )


def _label_side(row: dict) -> str:
    """Right of the marker, unless that runs off the plot or over the line back to the baseline."""
    outcome, baseline = _outcome_pct(row), _baseline_pct(row)
    if outcome is not None and (
        outcome > LABEL_LEFT_FROM_PCT or (baseline is not None and baseline > outcome)
    ):
        return "middle left"
    return "middle right"


def _outcome_text(row: dict, word: str) -> str:
    """'40% · missed', '≤76% · missed' (at most: a bound, as the hover says in words); beyond the scale, the real %;
    'no data' where there is no outcome."""
    known = attainment(row, missing="", at_most="≤")  # short on the board, where labels meet lines
    return f"{known} · {word}" if known else word


def _hover(row: dict, word: str) -> str:
    """Everything behind a verdict in a few lines: pledge, promise, outcome, first reached, status."""
    unit = row["unit"]
    goal = (
        amount(row["target_value"], unit)
        if pd.notna(row["target_value"])
        else f"{amount(row['target_low'], unit)} to {amount(row['target_high'], unit)}"
    )
    deadline = row["deadline"]
    when = (
        f"by {deadline}"
        if str(deadline).isdigit()
        else {"annual rate": "a year", "standing": "at any time"}.get(str(deadline), str(deadline))
    )
    lines = [f"<b>{row['title']}</b>", f"Pledged {row['pledge_year']}: {goal} {when}"]
    if pd.isna(row["actual_at_deadline"]):
        bound = attainment(row, missing="")
        lines.append(
            f"Outcome: no figure of its own; {bound} of the target"
            if bound
            else "Outcome: no figure in the data"
        )
    else:
        year = "" if pd.isna(row["actual_year"]) else f" in {int(row['actual_year'])}"
        lines.append(
            f"Outcome: {amount(row['actual_at_deadline'], unit)}{year} ({percent(row['attainment_pct'])})"
        )
    if pd.notna(row.get("first_reached_year")):
        late = "" if pd.isna(row.get("years_late")) else f", {years_late(int(row['years_late']))}"
        lines.append(f"First reached {int(row['first_reached_year'])}{late}")
    lines.append(f"Status: {word}")
    return "<br>".join(lines)


def first_source(source_ids: str) -> str:
    """The first of a target's ';'-separated source ids."""
    return source_ids.split(";")[0].strip()


def _draw(processed: Processed, params: FigureParams) -> go.Figure:
    """The verdict board from the processed ledger."""
    versions = {name: processed.versions[name] for name in DATASETS if name in processed.versions}
    return verdict_board(
        processed.derived.ledger, highlight_target=params.highlight_target, versions=versions
    )


SPECS = (
    FigureSpec(
        name="verdict_board",
        title="What was promised, and what happened",
        page="overview",
        datasets=DATASETS,
        draw=_draw,
        follows_year_range=False,
    ),
)
