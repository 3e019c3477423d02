"""The one list of figures: what the dashboard pages and the static report draw, and how each picks its data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

import plotly.graph_objects as go

from dashboard.processed import Processed

# Modules of dashboard.figures that define SPECS (a tuple of FigureSpec), in page order.
FIGURE_MODULES = ("ledger", "trade", "arms", "border", "migration", "energy")
PAGES = ("overview", "trade", "arms", "border", "migration", "energy")


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
        """Draw the figure for `processed` with `params` (defaults: the full view)."""
        return self.draw(processed, params or FigureParams())

    def versions(self, processed: Processed) -> dict[str, str]:
        """The version of each dataset this figure shows."""
        return {name: processed.versions[name] for name in self.datasets if name in processed.versions}


def registered() -> dict[str, FigureSpec]:
    """Every figure by name, in page order."""
    specs = [spec for module in FIGURE_MODULES for spec in import_module(f"dashboard.figures.{module}").SPECS]
    return {spec.name: spec for spec in specs}


def for_page(page: str) -> list[FigureSpec]:
    """The figures one dashboard page shows, in order."""
    return [spec for spec in registered().values() if spec.page == page]
