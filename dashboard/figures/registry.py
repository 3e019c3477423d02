"""The one list of figures: what the dashboard pages and the static report draw, and how each picks its data."""

from __future__ import annotations

from dashboard.figures import arms, border, drift, energy, ledger, migration, outlook, trade
from dashboard.figures.spec import FigureParams, FigureSpec

__all__ = ["PAGES", "SPECS", "FigureParams", "FigureSpec", "for_page", "registered"]

PAGES = ("overview", "trade", "arms", "border", "migration", "energy")
# Every figure, in page order.
SPECS: tuple[FigureSpec, ...] = (
    *ledger.SPECS,
    *drift.SPECS,  # under the verdict board: how the pledges moved
    *trade.SPECS[:1],
    *outlook.SPECS,  # beside the pledges: where trade may go against the open targets
    *trade.SPECS[1:],
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
