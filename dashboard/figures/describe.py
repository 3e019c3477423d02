"""A chart in words, generated from the figure's own data: what kind of chart it is, the years it covers and,
for each series, where it starts, ends and peaks. The report uses it as each image's caption and `alt` text
(after Open SDG's accessible charts); it reads only what a reader can point at in the chart.

What counts as data: visible traces a reader can hover (hoverinfo other than 'skip'), on axes that are not an
overlay (an events layer drawn on a second y axis over the first is left out); lines that cannot be hovered
still say what kind of chart it is. Traces sharing a legend group are one series, named by the trace that shows
in the legend. Categories drawn with tick texts are named by them."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.formatting import number, percent, usd_bn

MAX_SERIES = 4  # series described one by one; the rest are counted
MAX_CATEGORIES = 3  # categories named per series on a categorical axis
YEARS = range(1000, 2201)  # numeric x values read as years


@dataclass
class _Series:
    """One legend entry: its points with their value axis's title, the chart kinds drawn, whether as bars."""

    name: str
    points: list[tuple[object, float, str]] = field(default_factory=list)  # (x, value, value axis title)
    kinds: set[str] = field(default_factory=set)
    bars: bool = False


def describe(fig: go.Figure, subject: str, *, max_series: int = MAX_SERIES) -> str:
    """'Line chart: Trade turnover, 1991-2025. Turnover: from US$3.9 bn in 1991 to US$245 bn in 2024 ...'."""
    series = _series(fig)
    if not series:
        return f"Chart: {subject}. It shows no data."
    kinds = set().union(*(s.kinds for s in series))
    years = [int(x) for s in series for x, _, _ in s.points if _is_year(x)]  # type: ignore[call-overload]
    span = f", {_span(min(years), max(years))}" if years else ""
    head = f"{_kind_words(kinds)}: {_sentence_part(subject)}{span}{_log_note(fig)}."
    parts = [f"{s.name}: {_summary(s)}" for s in series[:max_series]]
    rest = len(series) - max_series
    if rest > 0:
        parts.append(f"and {rest} more series")
    return f"{head} {'; '.join(parts)}."


def value_text(value: float, axis_title: str) -> str:
    """A value in the unit its axis names: 'Turnover, US$ bn' -> 'US$3.9 bn'; '% of ...' -> '49%'."""
    unit = _unit(axis_title)
    if "US$ bn" in unit:
        return usd_bn(value)
    if "%" in unit:
        return percent(value, 0 if abs(value) >= 10 else 1)
    if unit.startswith("US$ m"):
        return f"US${_number(value)} m{unit.removeprefix('US$ m')}"
    return f"{_number(value)} {unit}".strip()


def _series(fig: go.Figure) -> list[_Series]:
    """The figure's series in drawing order, each with the points a reader can hover."""
    groups: dict[str, _Series] = {}
    for trace in fig.data:
        if not _is_drawn(fig, trace):
            continue
        key = trace.legendgroup or trace.name or f"trace {len(groups) + 1}"
        group = groups.setdefault(key, _Series(name=_plain(trace.name or key)))
        if trace.showlegend is not False and trace.name:
            group.name = _plain(trace.name)
        horizontal = _is_horizontal(trace)
        points = _points(trace, horizontal)
        if not points:
            continue
        group.kinds.add(_kind(trace, horizontal))
        if trace.hoverinfo == "skip":
            continue
        unit = _axis_title(fig, trace, "x" if horizontal else "y")
        labels = _tick_labels(fig, trace, "y" if horizontal else "x")
        group.points.extend((labels.get(c, c), v, unit) for c, v in points)
        group.bars = group.bars or trace.type == "bar"
    return [group for group in groups.values() if group.points]


def _points(trace, horizontal: bool) -> list[tuple[object, float]]:
    """(category or year, value) pairs with a finite value; years as ints."""
    categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
    pairs = zip(
        categories if categories is not None else (), values if values is not None else (), strict=False
    )
    return [(int(c) if _is_year(c) else c, float(v)) for c, v in pairs if _finite(v)]


def _is_horizontal(trace) -> bool:
    """Values along x: horizontal bars, or dots against categories on the y axis."""
    if getattr(trace, "orientation", None) == "h":
        return True
    ys, xs = trace.y if trace.y is not None else (), trace.x if trace.x is not None else ()
    return any(isinstance(y, str) for y in ys) and any(_finite(x) for x in xs)


def _is_drawn(fig: go.Figure, trace) -> bool:
    """Visible and not on an overlay axis (an events layer over the data)."""
    if trace.visible in (False, "legendonly"):
        return False
    axis_name = getattr(trace, "yaxis", None) or "y"
    axis = _layout_axis(fig, axis_name)
    return not (axis is not None and axis.overlaying)


def _tick_labels(fig: go.Figure, trace, letter: str) -> dict:
    """The category axis's tick texts by value (ids drawn as titles), else nothing."""
    axis = _layout_axis(fig, getattr(trace, f"{letter}axis", None) or letter)
    if axis is None or axis.tickvals is None or axis.ticktext is None:
        return {}
    return {value: _plain(str(text)) for value, text in zip(axis.tickvals, axis.ticktext, strict=False)}


def _kind(trace, horizontal: bool) -> str:
    """'bar', 'hbar', 'line' or 'dots'."""
    if trace.type == "bar":
        return "hbar" if horizontal else "bar"
    mode = getattr(trace, "mode", None) or ""
    return "line" if "lines" in mode and len(trace.x if trace.x is not None else ()) > 1 else "dots"


def _kind_words(kinds: set[str]) -> str:
    """{'line', 'dots'} -> 'Line and dot chart'."""
    words = {"line": "line", "bar": "bar", "hbar": "horizontal bar", "dots": "dot"}
    ordered = [words[k] for k in ("line", "bar", "hbar", "dots") if k in kinds]
    text = ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]
    return f"{text[0].upper()}{text[1:]} chart"


def _summary(series: _Series) -> str:
    """Where a series starts, ends and peaks (by year), or its bars by category, or the range of its dots."""
    points = series.points
    if not all(_is_year(x) for x, _, _ in points):
        if series.bars:
            shown = [f"{_plain(str(x))} {value_text(v, unit)}" for x, v, unit in points[:MAX_CATEGORIES]]
            more = len(points) - MAX_CATEGORIES
            return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        if len(points) == 1:
            return value_text(points[0][1], points[0][2])
        low, high = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
        return f"{len(points)} points from {value_text(low[1], low[2])} to {value_text(high[1], high[2])}"
    points = sorted(points, key=lambda p: (int(p[0]), p[1]))  # type: ignore[call-overload]
    years = {x for x, _, _ in points}
    low, high = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"{value_text(first[1], first[2])} in {first[0]}"
    if len(years) == 1:
        return f"{value_text(low[1], low[2])} to {value_text(high[1], high[2])} in {first[0]}"
    text = (
        f"from {value_text(first[1], first[2])} in {first[0]} to {value_text(last[1], last[2])} in {last[0]}"
    )
    if high[1] > max(first[1], last[1]):
        text += f", highest {value_text(high[1], high[2])} in {high[0]}"
    if low[1] < min(first[1], last[1]):
        text += f", lowest {value_text(low[1], low[2])} in {low[0]}"
    return text


def _unit(axis_title: str) -> str:
    """The unit part of an axis title: 'Turnover, US$ bn' -> 'US$ bn'; 'persons, log scale' -> 'persons'."""
    parts = [p.strip() for p in _plain(axis_title).split(", ") if p.strip() and p.strip() != "log scale"]
    return parts[-1] if parts else ""


def _axis_title(fig: go.Figure, trace, letter: str) -> str:
    """The title of the axis the trace's values are drawn against."""
    axis = _layout_axis(fig, getattr(trace, f"{letter}axis", None) or letter)
    return (axis.title.text or "") if axis is not None and axis.title else ""


def _log_note(fig: go.Figure) -> str:
    """', on a log scale' when the value axis is logarithmic."""
    return ", on a log scale" if fig.layout.yaxis.type == "log" else ""


def _layout_axis(fig: go.Figure, axis: str):
    """The layout's axis for a trace's axis name ('y2' -> layout.yaxis2), or None where the layout has none."""
    return getattr(fig.layout, f"{axis[0]}axis{axis[1:]}", None)


def _sentence_part(subject: str) -> str:
    """A subject without its closing full stop."""
    return _plain(subject).rstrip(". ")


def _plain(text: str) -> str:
    """Text without Plotly's markup (<br>, <b>, <span ...>)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<br\s*/?>", " ", text or ""))).strip()


def _span(first: object, last: object) -> str:
    """'1991-2025', or one year."""
    return str(first) if first == last else f"{first}-{last}"


def _is_year(x: object) -> bool:
    """A whole number that reads as a year."""
    return isinstance(x, numbers.Real) and _finite(x) and float(x).is_integer() and int(float(x)) in YEARS


def _finite(value: object) -> bool:
    """A number that is not missing."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _number(value: float) -> str:
    """No decimals from 1,000, one from 10, two below."""
    return number(value, 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2)


__all__: Sequence[str] = ("describe", "value_text")
