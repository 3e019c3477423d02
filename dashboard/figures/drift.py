"""How the trade pledges moved: each stated trade target at its deadline and level, an arrow to the pledge that
replaced it (`successor_id`), its status in a symbol, a colour and a word beside the year it was pledged."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import findings, style
from dashboard.figures.ledger import STATUS_SYMBOLS
from dashboard.figures.shown import named_points_meta
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import STATUS_COLOURS, STATUS_WORDS
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.processed import Processed

P = style.PALETTE
Box = tuple[float, float, float, float]  # left, right, top, bottom in px (y down)
UNIT = "US$ bn"
DATASETS = ("targets", "trade")
# Labels are placed for the narrowest chart (390 px wide, its legend below the plot): pixels per year, plot height.
PX_PER_YEAR, PLOT_HEIGHT_PX = 9.0, 320.0
CHAR_PX, LABEL_HEIGHT_PX, MARKER_PX = 6.2, 30.0, 9.0  # a label: two lines of 11 px text
OFFSETS_PX = (-30, 30, -64, 64, -98, 98, -132, 132)  # label above/below its marker, further out on a clash
LIFT_SHARE = 0.12  # how far a link bows above the straight line, as a share of the value axis
CURVE_STEPS = 24
HEADROOM = 1.25
AXIS_GAP_PX = 3  # a label stays this far above the value axis's zero


def pledges(ledger: pd.DataFrame, as_of_year: int) -> list[dict]:
    """The stated trade targets with where each is drawn: x its deadline (a target with no deadline at the
    as-of year, its level drawn from the pledge year), y the level it is judged against."""
    rows = ledger[ledger["measure"] == LEDGER_MEASURE].to_dict("records")
    drawn = []
    for row in rows:
        deadline = findings.deadline_year(row)
        x = deadline if deadline is not None else max(as_of_year, int(row["pledge_year"]))
        drawn.append({**row, "x": x, "y": findings.judged_level(row), "dated": deadline is not None})
    return sorted(drawn, key=lambda r: (r["x"], r["y"], int(r["pledge_year"])))


def drift_figure(
    ledger: pd.DataFrame, *, as_of_year: int, versions: dict[str, str] | None = None
) -> go.Figure:
    """Each trade pledge at (deadline, level): a marker in its status's symbol and colour, labelled with the year
    it was pledged and its status in words; a range's high end a tick above it; an arrow from each pledge to
    the one that replaced it; a pledge with no deadline a level line from its pledge year."""
    drawn = pledges(ledger, as_of_year)
    fig = go.Figure()
    for row in drawn:
        if not row["dated"]:
            fig.add_trace(_level_line(row))
        if not findings.is_missing(row.get("target_high")):
            fig.add_trace(_range_line(row))
    for status in STATUS_SYMBOLS:
        chosen = [row for row in drawn if row["status"] == status]
        if chosen:
            fig.add_trace(_markers(status, chosen))
    lift = LIFT_SHARE * _top(drawn)
    by_id = {row["target_id"]: row for row in drawn}
    links = [
        (row, by_id[str(row["successor_id"])]) for row in drawn if str(row.get("successor_id") or "") in by_id
    ]
    fig.add_traces([_link(before, after, lift) for before, after in links])
    for before, after in links:
        _arrowhead(fig, before, after, lift)
    for row, (offset, anchor) in zip(drawn, label_places(drawn)):
        _label(fig, row, offset, anchor)
    style.finish(
        fig,
        title=findings.drift_finding(drawn),
        subtitle=f"Each stated trade target at its deadline and level, {UNIT}; an arrow from a pledge to the one "
        "that replaced it; the year pledged and the status beside each; a range from its low end, where it is "
        f"judged, to its high end. A target with no deadline is drawn at {as_of_year}, a dotted line from the "
        "year pledged",
        y_title=f"Target, {UNIT} a year",
        x_title="Deadline",
        source_line="Sources: the pledges as quoted in the stated-targets data (on hover and in the Sources "
        "list); statuses from the target ledger",
        versions=versions,
    )
    fig.update_yaxes(range=[0, _top(drawn)])
    if drawn:
        first = min(min(r["x"], int(r["pledge_year"])) for r in drawn)
        fig.update_xaxes(range=style.year_span((first - 1, max(r["x"] for r in drawn) + 1)))
    if not drawn:
        style.no_data(fig, "No stated trade target in this version")
    return style.year_axis(fig, None)


def label_places(drawn: list[dict]) -> list[tuple[int, str]]:
    """Where each label goes, measured for the narrowest chart (390 px wide): the first vertical offset of
    OFFSETS_PX (px, negative up) and anchor (centred on the marker, else ending or starting at it) whose box stays
    inside the plot and meets no earlier label, line to a label or marker, and whose own line to its marker
    crosses no earlier label."""
    scale = PLOT_HEIGHT_PX / _top(drawn)
    first = (min((r["x"] for r in drawn), default=0) - 1) * PX_PER_YEAR
    last = (max((r["x"] for r in drawn), default=0) + 1) * PX_PER_YEAR
    points = [(r["x"], r["y"]) for r in drawn] + [(r["x"], _high(r)) for r in drawn if _high(r) is not None]
    markers = [
        (
            x * PX_PER_YEAR - MARKER_PX,
            x * PX_PER_YEAR + MARKER_PX,
            -y * scale - MARKER_PX,
            -y * scale + MARKER_PX,
        )
        for x, y in points
    ]
    placed: list[Box] = []  # the labels' boxes
    leaders: list[Box] = []  # the thin lines from each label to its marker
    places: dict[int, tuple[int, str]] = {}
    for index in sorted(range(len(drawn)), key=lambda i: -drawn[i]["x"]):  # from the right: the longest last
        row = drawn[index]
        x, y = row["x"] * PX_PER_YEAR, -row["y"] * scale
        width = _label_width(row)
        candidates = [
            (offset, anchor, *_boxes(left, width, x, y, offset))
            for offset in OFFSETS_PX
            for anchor, left in (("center", x - width / 2), ("right", x - width), ("left", x))
            if first <= left and left + width <= last
        ]

        def clear(box: Box, leader: Box) -> bool:
            """Inside the plot, and meeting nothing placed before."""
            return (
                box[3] < -AXIS_GAP_PX
                and box[2] > -PLOT_HEIGHT_PX
                and not any(_meets(box, other) or _meets(leader, other) for other in placed)
                and not any(_meets(box, other) for other in leaders + markers)
            )

        offset, anchor, box, leader = next((c for c in candidates if clear(c[2], c[3])), candidates[0])
        placed.append(box)
        leaders.append(leader)
        places[index] = (offset, anchor)
    return [places[index] for index in range(len(drawn))]


def label_boxes(drawn: list[dict], places: list[tuple[int, str]]) -> list[Box]:
    """The box each label takes at the narrowest width, where `label_places` put it."""
    scale = PLOT_HEIGHT_PX / _top(drawn)
    boxes = []
    for row, (offset, anchor) in zip(drawn, places):
        x, y = row["x"] * PX_PER_YEAR, -row["y"] * scale
        width = _label_width(row)
        left = {"center": x - width / 2, "right": x - width, "left": x}[anchor]
        boxes.append(_boxes(left, width, x, y, offset)[0])
    return boxes


def _label_width(row: dict) -> float:
    """A label's width in px: its longest line."""
    return CHAR_PX * max(len(line) for line in label_text(row).split("<br>")) + 6


def _top(drawn: list[dict]) -> float:
    """The top of the value axis: a quarter above the highest level or range end (room for labels above it)."""
    return max((max(r["y"], _high(r) or 0) for r in drawn), default=1.0) * HEADROOM or 1.0


def label_text(row: dict) -> str:
    """'1996<br>missed': the year pledged over the status in words."""
    return f"{int(row['pledge_year'])}<br>{STATUS_WORDS.get(str(row['status']), str(row['status']))}"


def _boxes(left: float, width: float, x: float, y: float, offset: int) -> tuple[Box, Box]:
    """A label's box `offset` px from its marker at (x, y), and the box of its line to the marker."""
    middle, half = y + offset, LABEL_HEIGHT_PX / 2
    box = (left, left + width, middle - half, middle + half)
    above = offset < 0
    top = (middle + half) if above else (y + MARKER_PX)
    bottom = (y - MARKER_PX) if above else (middle - half)
    return box, (x - 1, x + 1, top, bottom)


def _meets(a: Box, b: Box) -> bool:
    """Two boxes (left, right, top, bottom) overlap."""
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _high(row: dict) -> float | None:
    """A range's high end, or None."""
    high = row.get("target_high")
    return None if high is None or findings.is_missing(high) else float(high)


def _source(row: dict) -> str:
    """The pledge's first source id."""
    return str(row["source_ids"]).split(";")[0].strip()


def _hover(row: dict) -> str:
    """'US$20 bn by 2000, pledged 1996: missed'."""
    return (
        f"{findings.pledge_words(row)}, pledged {int(row['pledge_year'])}: "
        f"{STATUS_WORDS.get(str(row['status']), str(row['status']))}"
    )


def _markers(status: str, rows: list[dict]) -> go.Scatter:
    """The pledges of one status: its symbol and colour, named in words in the legend."""
    word = STATUS_WORDS[status]
    return go.Scatter(
        x=[row["x"] for row in rows],
        y=[row["y"] for row in rows],
        mode="markers",
        name=f"{word[0].upper()}{word[1:]}",
        marker={
            "symbol": STATUS_SYMBOLS[status],
            "size": 14,
            "color": STATUS_COLOURS[status],
            "line": {"width": 1.5, "color": P["black"]},
        },
        cliponaxis=False,
        customdata=[[_source(row), _hover(row), row["title"]] for row in rows],
        hovertemplate="<b>%{customdata[2]}</b><br>%{customdata[1]}<br>source: %{customdata[0]}<extra></extra>",
        meta=named_points_meta([row["title"] for row in rows]),
    )


def _range_line(row: dict) -> go.Scatter:
    """A range from its low end (where it is judged) to its high end."""
    return go.Scatter(
        x=[row["x"], row["x"]],
        y=[row["y"], _high(row)],
        mode="lines+markers",
        name="High end of a range",
        showlegend=False,  # said in the subtitle: a legend row of lines would push the statuses onto rows apart
        line={"color": P["grey"], "width": 2},
        marker={"symbol": "line-ew", "size": [0, 14], "line": {"width": 2, "color": P["grey"]}},
        hoverinfo="skip",
    )


def _level_line(row: dict) -> go.Scatter:
    """A target with no deadline: its level from the year pledged to where it is drawn."""
    return go.Scatter(
        x=[int(row["pledge_year"]), row["x"]],
        y=[row["y"], row["y"]],
        mode="lines",
        name="No deadline: the level from the year pledged",
        showlegend=False,
        line={"color": STATUS_COLOURS[str(row["status"])], "width": 2, "dash": "dot"},
        hoverinfo="skip",
    )


def _link(before: dict, after: dict, lift: float) -> go.Scatter:
    """A curve from a pledge to the one that replaced it, bowed upward by `lift` (so that it never runs through
    a pledge drawn between them at the same level)."""
    xs, ys = curve(before, after, lift)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name="Replaced by",
        showlegend=False,
        line={"color": P["grey"], "width": 1.5},
        hoverinfo="skip",
    )


def curve(
    before: dict, after: dict, lift: float, steps: int = CURVE_STEPS
) -> tuple[list[float], list[float]]:
    """A quadratic Bezier curve from (x, y) of `before` to that of `after`, its control point `lift` above
    their midpoint: the points along it, ends included."""
    (x0, y0), (x2, y2) = (before["x"], before["y"]), (after["x"], after["y"])
    x1, y1 = (x0 + x2) / 2, (y0 + y2) / 2 + lift
    ts = [i / steps for i in range(steps + 1)]
    xs = [(1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t**2 * x2 for t in ts]
    ys = [(1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t**2 * y2 for t in ts]
    return xs, ys


def _arrowhead(fig: go.Figure, before: dict, after: dict, lift: float) -> None:
    """The head of a link's curve, at the pledge that replaced the other one."""
    xs, ys = curve(before, after, lift)
    fig.add_annotation(
        x=xs[-1],
        y=ys[-1],
        ax=xs[-3],
        ay=ys[-3],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        text="",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.3,
        arrowwidth=1.5,
        arrowcolor=P["grey"],
        standoff=8,
        name=f"replaced_by:{after['target_id']}",
    )


def _label(fig: go.Figure, row: dict, offset: int, anchor: str) -> None:
    """The year pledged and the status, above or below the marker, a thin line to it."""
    fig.add_annotation(
        x=row["x"],
        y=row["y"],
        text=label_text(row),
        showarrow=True,
        arrowhead=0,
        arrowwidth=1,
        arrowcolor=P["grey"],
        ax=0,
        ay=offset,
        xanchor=anchor,
        standoff=MARKER_PX - 2,
        font={"size": 11, "color": P["black"]},
        bgcolor="rgba(255,255,255,0.85)",
        name=f"label:{row['target_id']}",
    )


def _draw(processed: Processed, params: FigureParams) -> go.Figure:
    """The drift chart from the processed ledger."""
    versions = {name: processed.versions[name] for name in DATASETS if name in processed.versions}
    return drift_figure(processed.derived.ledger, as_of_year=processed.as_of_year, versions=versions)


SPECS = (
    FigureSpec(
        name="target_drift",
        title="How the trade pledges moved",
        page="overview",
        datasets=DATASETS,
        draw=_draw,
        follows_year_range=False,
    ),
)
