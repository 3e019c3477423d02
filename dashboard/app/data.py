"""What the app reads: a memoised loader of processed tables, and memoised figures drawn from them."""

from __future__ import annotations

import itertools
import math
import numbers
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import dash
import plotly
import plotly.graph_objects as go

from dashboard.app.display import for_display, with_year_range
from dashboard.app.figure_store import FigureStore, disk_key
from dashboard.app.view import Bounds, View, parse_search
from dashboard.catalog import Catalog
from dashboard.figures.registry import FigureSpec
from dashboard.locations import USER_CACHE, CacheDir
from dashboard.pickle_cache import code_fingerprint, read_cached, write_cached
from dashboard.processed import Processed, build

Loader = Callable[[Mapping[str, str] | None], Processed]
LAYOUT_MEMO_SIZE = 128
MAX_DEFAULT_GAP_YEARS = 25  # earlier points, this far from the rest, are left out of a page's default years


@dataclass(frozen=True)
class PageYears:
    """A page's year control: the ends it can reach and the years it shows by default."""

    bounds: Bounds
    default: Bounds


VINTAGED_DATASET = "trade"


def make_loader(
    catalog: Catalog | None = None, cache_dir: CacheDir = USER_CACHE, as_of_year: int | None = None
) -> Loader:
    """A callable returning the processed tables for a dict of dataset versions, built once per process each."""
    catalog = catalog or Catalog()
    active = catalog.active_versions()
    memo: dict[tuple, Processed] = {}
    lock = threading.Lock()

    def load(versions: Mapping[str, str] | None = None) -> Processed:
        """The processed tables for `versions` (absent datasets: their active version)."""
        overrides = {name: v for name, v in (versions or {}).items() if active.get(name) != v}
        key = tuple(sorted(overrides.items()))
        with lock:
            if key not in memo:
                memo[key] = build(catalog, overrides, as_of_year, cache_dir)
            return memo[key]

    return load


@dataclass
class AppData:
    """The loader and the registered figures, with the few look-ups the pages and callbacks share."""

    load: Loader
    specs: dict[str, FigureSpec]
    figure_cache_dir: Path | None = None
    _store: FigureStore = field(init=False, repr=False)
    _extents: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        self._store = FigureStore(self._draw, self._display, self._disk_key, self.figure_cache_dir)
        self._layouts: OrderedDict = OrderedDict()
        self._layout_lock = threading.Lock()

    def layout(self, key: Hashable, build: Callable[[], Any], view: View | None = None) -> Any:
        """A page layout built once per page and view, then shared (layouts are never mutated); the least recently
        used are dropped beyond LAYOUT_MEMO_SIZE. With the `view` it shows, it is also kept in the figure cache
        folder, by the data's hashes and the code, so the next start serves it without building it."""
        with self._layout_lock:
            if key in self._layouts:
                self._layouts.move_to_end(key)
                return self._layouts[key]
            on_disk = self._layout_disk_key(key, view) if view is not None else None
            built = read_cached(self.figure_cache_dir, on_disk) if on_disk else None
            if built is None:
                built = build()
                if on_disk:
                    write_cached(self.figure_cache_dir, on_disk, built)
            self._layouts[key] = built
            if len(self._layouts) > LAYOUT_MEMO_SIZE:
                self._layouts.popitem(last=False)
            return built

    def _layout_disk_key(self, key: Hashable, view: View) -> str:
        """What a page layout depends on: the code and its frameworks, the view's data hashes, the page and view."""
        processed = self.processed(view)
        frameworks = {"dash": dash.__version__, "plotly": plotly.__version__}
        return "layout-" + disk_key(self._code, frameworks, processed.hashes, processed.as_of_year, repr(key))

    def processed(self, view: View) -> Processed:
        """The processed tables for the view's dataset versions."""
        return self.load(view.version_map)

    @cached_property
    def datasets(self) -> tuple[str, ...]:
        """Names of the datasets a URL may pin to a version."""
        return tuple(self.load(None).versions)

    @cached_property
    def active_versions(self) -> dict[str, str]:
        """The version of each dataset that the catalog pins."""
        return dict(self.load(None).versions)

    @cached_property
    def bounds(self) -> Bounds:
        """The first and last year the app's year range can show."""
        return year_bounds(self.load(None))

    def view(self, search: str | None) -> View:
        """The checked view a query string describes."""
        return self.checked(parse_search(search, self.datasets))[0]

    def checked(self, view: View) -> tuple[View, list[str]]:
        """The view inside the year bounds, without a vintage or target the data lacks, and what was dropped.

        Raises the catalog's BilateralError when a dataset version does not exist."""
        view = view.clamped(self.bounds)
        processed = self.processed(view)
        problems = []
        if view.vintage and view.vintage not in arms_vintages(processed):
            problems.append(f"There is no SIPRI vintage '{view.vintage}'; showing the default.")
            view = replace(view, vintage=None)
        if view.target and view.target not in set(processed.derived.ledger["target_id"]):
            problems.append(f"There is no target '{view.target}' to highlight.")
            view = replace(view, target=None)
        return view, problems

    def for_page(self, page: str) -> list[FigureSpec]:
        """The registered figures of one page, in order."""
        return [spec for spec in self.specs.values() if spec.page == page]

    def figure(self, name: str, view: View) -> go.Figure:
        """The named figure for a checked view, showing every year; drawn once and shared: do not mutate it.

        The year range only sets a time chart's x axis (the figure contract), so the app draws each figure once
        for all ranges and sets the axis itself, as its year-range patches do."""
        return self._store.figure(name, self._drawn_view(name, view))

    def shown(self, name: str, view: View) -> dict:
        """The named figure as dcc.Graph shows it for the view: a time chart on the view's years, else on its
        page's default years, its y axis fitted to them."""
        shown = self._store.shown(name, self._drawn_view(name, view))
        spec = self.specs[name]
        if not spec.follows_year_range:
            return shown
        return with_year_range(shown, self.years_shown(spec.page, view))

    def page_years(self, page: str, view: View) -> PageYears | None:
        """The years a page's time charts span (the ends of its year control) and show by default (the same,
        less early points separated from the rest by a long gap, such as a single 1897 census); None for a page
        without time charts."""
        years = sorted(
            {
                y
                for spec in self.for_page(page)
                if spec.follows_year_range
                for y in self._years(spec.name, view)
            }
        )
        if not years:
            return None
        start = years[0]
        for before, after in itertools.pairwise(years):
            if after - before > MAX_DEFAULT_GAP_YEARS:
                start = after
        whole = (math.floor(years[0]), math.ceil(years[-1]))
        return PageYears(bounds=whole, default=(math.floor(start), whole[1]))

    def years_shown(self, page: str, view: View) -> tuple[int, int] | None:
        """The years a page's time charts show for a view: its range, else the page's default."""
        if view.years:
            return view.years
        years = self.page_years(page, view)
        return years.default if years else None

    def _years(self, name: str, view: View) -> list[float]:
        """Every numeric x of a time chart's points, sorted (drawn once per drawn view)."""
        key = (name, self._drawn_view(name, view))
        if key not in self._extents:
            self._extents[key] = sorted(
                {
                    float(x)
                    for trace in self.figure(name, view).data
                    if getattr(trace, "x", None) is not None
                    for x in trace.x
                    if isinstance(x, numbers.Real) and math.isfinite(x)
                }
            )
        return self._extents[key]

    def _drawn_view(self, name: str, view: View) -> View:
        """What a figure is drawn for: the view without its years, pinning only the datasets the figure shows
        (and the SIPRI vintage only for a figure of arms transfers)."""
        shows = self.specs[name].datasets
        return replace(
            view,
            year_range=None,
            versions=tuple(p for p in view.versions if p[0] in shows),
            vintage=view.vintage if "arms" in shows else None,
        )

    def _draw(self, name: str, view: View) -> go.Figure:
        """Draw a registered figure for a view."""
        return self.specs[name].render(self.processed(view), view.params())

    def _display(self, name: str, figure: go.Figure) -> dict:
        """The figure decorated for the browser."""
        return for_display(figure, self.specs[name].follows_year_range)

    def _disk_key(self, name: str, view: View) -> str:
        """What a drawn figure depends on: the code, the data's hashes, the as-of year and the view."""
        processed = self.processed(view)
        return disk_key(
            self._code,
            processed.hashes,
            processed.versions,
            processed.as_of_year,
            name,
            view.vintage,
            view.target,
        )

    @cached_property
    def _code(self) -> str:
        """The fingerprint of the package's code (the figures' and this app's)."""
        return code_fingerprint()


def year_bounds(processed: Processed) -> Bounds:
    """The first and last year of any dataset or derived table: the ends of the app's year range."""
    years = [
        frame["year"].dropna()
        for frame in (*processed.frames.values(), *processed.derived.tables())
        if "year" in frame.columns and frame["year"].notna().any()
    ]
    return int(min(y.min() for y in years)), int(max(y.max() for y in years))


def version_choices(processed: Processed) -> list[str]:
    """The versions of the vintaged dataset (trade) that a view may pick, newest first."""
    return sorted(processed.vintages, reverse=True)


def arms_vintages(processed: Processed) -> list[str]:
    """The SIPRI vintages that have a derived share table, newest first."""
    return sorted(processed.derived.arms_china_share, reverse=True)


def target_of_click(data: AppData, chart: str | None, clicked: dict | None) -> str | None:
    """The target a click on an overview chart points at (customdata[1] names it), or None: on the overview a
    click opens the target's chart; elsewhere it opens the point's source."""
    if chart not in data.specs or data.specs[chart].page != "overview":
        return None
    point = ((clicked or {}).get("points") or [None])[0] or {}
    custom = point.get("customdata")
    return custom[1] if isinstance(custom, list) and len(custom) > 1 and isinstance(custom[1], str) else None


def source_record(processed: Processed, source_id: str) -> dict | None:
    """The bibliography row of one source id, or None when the id is unknown."""
    sources = processed.frames["sources"]
    rows = sources[sources["source_id"] == source_id]
    return None if rows.empty else rows.iloc[0].to_dict()
