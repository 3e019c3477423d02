"""What a registered figure is (FigureSpec) and what a view can change in it (FigureParams), apart from the
registry so that figure modules can declare their specs without importing it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.people import name_sources
from dashboard.processed import Processed


@dataclass(frozen=True)
class FigureParams:
    """What a view can change: the year range, a highlighted target, the SIPRI vintage."""

    year_range: tuple[int, int] | None = None
    highlight_target: str | None = None
    arms_vintage: str | None = None


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: stable name, page, datasets shown, and the adapter that draws it from processed data."""

    name: str
    title: str
    page: str
    datasets: tuple[str, ...]
    draw: Callable[[Processed, FigureParams], go.Figure]
    follows_year_range: bool = True

    def render(self, processed: Processed, params: FigureParams | None = None) -> go.Figure:
        """Draw the figure for `processed` with `params` (defaults: the full view), its sources named in words."""
        return name_sources(self.draw(processed, params or FigureParams()), processed.frames["sources"])

    def versions(self, processed: Processed) -> dict[str, str]:
        """The version of each dataset this figure shows."""
        return {name: processed.versions[name] for name in self.datasets if name in processed.versions}
