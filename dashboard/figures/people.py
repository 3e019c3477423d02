"""Words for people in a drawn figure: each point's source named by publisher and date on hover (the source id
stays in customdata[0], where the app and the downloads read it, and never shows)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import publisher_name

SOURCE_HOVER = "source: %{customdata[0]}"
UNKNOWN_SOURCE = "listed under Sources"


def source_names(sources: pd.DataFrame) -> dict[str, str]:
    """Source id -> 'Publisher, 2007-06' from the bibliography."""
    names = {}
    for row in sources.itertuples(index=False):
        name = publisher_name(row.source_id, row.publisher)
        when = "" if pd.isna(row.published) or str(row.published) in name else f", {row.published}"
        names[row.source_id] = f"{name}{when}"  # the article's title already carries its year
    return names


def name_sources(fig: go.Figure, sources: pd.DataFrame) -> go.Figure:
    """Replace the source id in every hover text by the source's publisher and date (appended to customdata)."""
    names = source_names(sources)
    for trace in fig.data:
        template = getattr(trace, "hovertemplate", None)
        customdata = getattr(trace, "customdata", None)
        if customdata is None or not template or SOURCE_HOVER not in template:
            continue
        rows = [[item] if isinstance(item, str) else list(item) for item in customdata]
        width = max((len(row) for row in rows), default=1)
        trace.customdata = [
            row + [""] * (width - len(row)) + [names.get(str(row[0]), UNKNOWN_SOURCE)] for row in rows
        ]
        trace.hovertemplate = template.replace(SOURCE_HOVER, f"Source: %{{customdata[{width}]}}")
    return fig
