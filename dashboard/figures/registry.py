"""The one list of figures: what the dashboard pages and the static report draw, and how each picks its data."""

from __future__ import annotations

from dashboard.figures import arms, border, energy, ledger, migration, trade
from dashboard.figures.spec import FigureParams, FigureSpec

__all__ = ["PAGES", "SPECS", "FigureParams", "FigureSpec", "for_page", "registered"]

PAGES = ("overview", "trade", "arms", "border", "migration", "energy")
# Every figure, in page order.
SPECS: tuple[FigureSpec, ...] = (
    *ledger.SPECS,
    *trade.SPECS,
    *arms.SPECS,
    *border.SPECS,
    *migration.SPECS,
    *energy.SPECS,
)


def registered() -> dict[str, FigureSpec]:
    """Every figure by name, in page order."""
    return {spec.name: spec for spec in SPECS}


def for_page(page: str) -> list[FigureSpec]:
    """The figures one dashboard page shows, in order."""
    return [spec for spec in registered().values() if spec.page == page]
