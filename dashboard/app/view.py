"""A view of the dashboard as data, read from and written to the query string, so every view is a URL."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from dashboard.figures.registry import FigureParams

YEAR_FROM, YEAR_TO, VINTAGE, TARGET = "from", "to", "vintage", "target"
Bounds = tuple[int, int]


@dataclass(frozen=True)
class View:
    """Year range, dataset versions, SIPRI vintage and highlighted target: everything a URL restores."""

    year_range: tuple[int | None, int | None] | None = None
    versions: tuple[tuple[str, str], ...] = ()
    vintage: str | None = None
    target: str | None = None

    @property
    def version_map(self) -> dict[str, str]:
        """The dataset versions asked for, by dataset (absent: the active version)."""
        return dict(self.versions)

    def clamped(self, bounds: Bounds) -> View:
        """The view with its year range inside `bounds`, ordered, and None when it covers them."""
        if self.year_range is None:
            return self
        low, high = bounds
        start, end = (
            default if v is None else min(max(int(v), low), high)
            for v, default in zip(self.year_range, bounds)
        )
        start, end = min(start, end), max(start, end)
        return replace(self, year_range=None if (start, end) == (low, high) else (start, end))

    @property
    def years(self) -> tuple[int, int] | None:
        """The year range when both ends are known (always, once clamped), else None."""
        start, end = self.year_range or (None, None)
        return None if start is None or end is None else (start, end)

    def with_year_range(self, year_range: tuple[int, int] | None, bounds: Bounds) -> View:
        """The same view showing `year_range` (None: everything)."""
        return replace(self, year_range=year_range).clamped(bounds)

    def with_version(self, dataset: str, version: str | None) -> View:
        """The same view on another version of one dataset (None: the active one)."""
        versions = {**self.version_map, dataset: version}
        return replace(self, versions=tuple(sorted((k, v) for k, v in versions.items() if v)))

    def params(self) -> FigureParams:
        """What the figure builders take from this view (the year range must be clamped first)."""
        return FigureParams(year_range=self.years, highlight_target=self.target, arms_vintage=self.vintage)

    def search(self) -> str:
        """The query string, '?...' or '' for the default view."""
        pairs: list[tuple[str, str | int]] = []
        if self.year_range is not None:
            pairs += [
                (key, value) for key, value in zip((YEAR_FROM, YEAR_TO), self.year_range) if value is not None
            ]
        pairs += list(self.versions)
        pairs += [(key, value) for key, value in ((VINTAGE, self.vintage), (TARGET, self.target)) if value]
        return "?" + urlencode(pairs) if pairs else ""


def parse_query(query: Mapping[str, str | list[str]], datasets: Iterable[str]) -> View:
    """The view a query string's parameters describe; unknown keys and unreadable years are ignored."""

    def first(key):
        value = query.get(key)
        value = value[0] if isinstance(value, list) and value else value
        return value.strip() if isinstance(value, str) and value.strip() else None

    years = (_year(first(YEAR_FROM)), _year(first(YEAR_TO)))
    versions = tuple(sorted((name, first(name)) for name in set(datasets) if first(name)))
    return View(
        year_range=None if years == (None, None) else years,
        versions=versions,
        vintage=first(VINTAGE),
        target=first(TARGET),
    )


def parse_search(search: str | None, datasets: Iterable[str]) -> View:
    """The view of a '?...' query string."""
    return parse_query(parse_qs((search or "").lstrip("?"), keep_blank_values=False), datasets)


def href(path: str, view: View) -> str:
    """A page's address showing `view`."""
    return (path or "/") + view.search()


def _year(text: str | None) -> int | None:
    """An integer year from query text, or None."""
    try:
        return int(float(text)) if text is not None else None
    except (ValueError, OverflowError):
        return None
