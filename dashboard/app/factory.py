"""create_app(): the Dash app built around a processed-tables loader; nothing loads at import."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import flask
from dash import Dash

from dashboard import api
from dashboard.app import guard, headers, pages, shell
from dashboard.app.callbacks import register_all
from dashboard.app.callbacks.errors import on_error
from dashboard.app.data import AppData, Loader
from dashboard.app.overview import page_of_target
from dashboard.app.view import View
from dashboard.catalog import Catalog
from dashboard.figures.registry import FigureSpec, registered

ASSETS = Path(__file__).resolve().parent / "assets"
WARM_PAUSE_S = 0.005
WARM_AFTER_S = 2.0  # with nobody visiting, warming starts this long after the app is built
MAX_REQUEST_BYTES = 2 * 1024 * 1024  # callback payloads are small; anything larger is refused with HTTP 413


def create_app(
    processed_loader: Loader,
    specs: Mapping[str, FigureSpec] | None = None,
    warm: bool = False,
    figure_cache_dir: Path | None = None,
    catalog: Catalog | None = None,
    embed_origins: Sequence[str] = (),
) -> Dash:
    """The dashboard for the tables `processed_loader(versions)` returns, drawing the registered figures.

    `specs` replaces the figure registry (tests pass a few figures). `warm` draws every figure's default view and
    each target's highlighted chart in a background thread once the first page is out (start_warming), so later
    visits are fast and the first is not slowed; `figure_cache_dir` keeps
    drawn figures across restarts (the next start reads them instead of drawing). The data API (dashboard.api)
    serves `catalog`'s files (default: the bundled datasets, as make_loader's); `embed_origins` may frame /embed/.
    Dash Pages keeps one page registry per process, so the app created last owns the pages."""
    data = AppData(processed_loader, dict(registered() if specs is None else specs), figure_cache_dir)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        title=pages.APP_TITLE,
        update_title=None,  # type: ignore[arg-type]  # None (no "Updating..." title) is documented; the stub says str
        suppress_callback_exceptions=True,
        on_error=on_error,
        compress=True,
        serve_locally=True,
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)  # screen readers' language
    pages.register(data)
    app.layout = shell.layout(data)
    register_all(app, data)
    headers.install(app, embed_origins)
    guard.install(app)
    api.install(app, data, catalog or Catalog())
    if warm:
        start_warming(app, data)
    return app


def start_warming(app: Dash, data: AppData) -> None:
    """Warm the figures (warm_figures, in a background thread) once the first callback's answer has been sent, the
    first page's content, or WARM_AFTER_S after now if nobody has asked by then, whichever comes first: the
    thread shares the interpreter with the server, so starting it earlier slows the first page it exists to speed.
    """
    lock = threading.Lock()
    begun = threading.Event()

    def begin() -> None:
        with lock:
            if begun.is_set():
                return
            begun.set()
        threading.Thread(target=warm_figures, args=(data,), name="warm-figures", daemon=True).start()

    timer = threading.Timer(WARM_AFTER_S, begin)
    timer.daemon = True
    timer.start()

    @app.server.after_request
    def _warm_after_first_answer(response):
        """Start warming once this answer is sent (the first callback answer's)."""
        if not begun.is_set() and flask.request.path.endswith("/_dash-update-component"):
            response.call_on_close(begin)
        return response


def warm_figures(data: AppData) -> None:
    """Draw (or read from the figure cache) every default view, then each target's page with it highlighted.

    A short pause after each figure lets a request waiting for the figure store go first."""
    views = [(name, View()) for name in data.specs]
    for target in data.load(None).derived.ledger[["target_id", "measure"]].itertuples(index=False):
        views += [
            (spec.name, View(target=target.target_id))
            for spec in data.for_page(page_of_target(target.measure))
        ]
    for name, view in views:
        data.shown(name, view)
        time.sleep(WARM_PAUSE_S)
