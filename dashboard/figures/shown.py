"""The data a figure shows, as rows with their sources: what the CSV download and the report's tables hold."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import publisher_name

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
COMPUTED = "computed"  # the column (and a trace's meta key) saying how a value without a source was computed
POINT = "point"  # the column (and a trace's meta key, a list) naming each point where a series holds several things
OPTIONAL_COLUMNS = (COMPUTED, POINT)  # in a chart's data only where one of its rows has one


def shown_rows(fig: go.Figure) -> pd.DataFrame:
    """One row per plotted point that carries a source id (customdata[0]), and one per point of a computed trace
    (its meta says how it was computed; it has no source of its own): series, x, y, source_id, computed, and the
    point's own name where its trace's meta gives one (the pledges of one status are several targets)."""
    rows = []
    for trace in fig.data:
        if getattr(trace, "x", None) is None:
            continue
        ys = trace.y if getattr(trace, "y", None) is not None else [None] * len(trace.x)
        meta = trace.meta if isinstance(trace.meta, dict) else {}
        names = meta.get(POINT) or [None] * len(trace.x)
        if meta.get(COMPUTED):
            rows += [
                {
                    "series": trace.name,
                    "x": x,
                    "y": y,
                    "source_id": None,
                    COMPUTED: meta[COMPUTED],
                    POINT: name,
                }
                for x, y, name in zip(trace.x, ys, names)
            ]
            continue
        customdata = getattr(trace, "customdata", None)
        if customdata is None:
            continue
        for x, y, extra, name in zip(trace.x, ys, customdata, names):
            source = extra if isinstance(extra, str) else extra[0]
            rows.append(
                {"series": trace.name, "x": x, "y": y, "source_id": source, COMPUTED: None, POINT: name}
            )
    return pd.DataFrame(rows, columns=["series", "x", "y", "source_id", COMPUTED, POINT])


def computed_meta(how: str) -> dict:
    """A trace's meta marking its values as computed (shown_rows lists them with `how`, and no source)."""
    return {COMPUTED: how}


def named_points_meta(names: list[str]) -> dict:
    """A trace's meta naming each of its points (shown_rows lists each with its name)."""
    return {POINT: list(names)}


def without_empty_optional_columns(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows without the optional columns no row fills (most charts: sourced figures, one thing a series)."""
    return rows.drop(columns=[c for c in OPTIONAL_COLUMNS if c in rows and rows[c].isna().all()])


def with_sources(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Attach publisher, date, address, quote, reliability and (where the sources carry one) the quote's English
    gloss of each row's source."""
    columns = ["source_id", "publisher", "published", "url", "quote", "reliability"]
    if "gloss_en" in sources.columns:
        columns.append("gloss_en")
    merged = rows.merge(sources[columns], on="source_id", how="left")
    merged["publisher"] = [publisher_name(s, p) for s, p in zip(merged["source_id"], merged["publisher"])]
    return merged


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as formulas (=, +, -, @, tab, CR) with a quote."""

    def safe(value):
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value

    return frame.apply(
        lambda column: column.map(safe) if column.dtype == object or str(column.dtype) == "str" else column
    )
