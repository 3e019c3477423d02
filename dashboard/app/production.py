"""`bilateral serve --prod`: the app under gunicorn, each worker building it (and loading the tables) once."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial

from dash import Dash
from flask import Flask
from gunicorn.app.base import BaseApplication

WORKER_CLASS = "gthread"
THREADS_PER_WORKER = 2
WORKER_TIMEOUT_S = 60  # a worker silent this long is replaced; loading the app takes a few seconds
GRACEFUL_TIMEOUT_S = 10
KEEPALIVE_S = 5


class DashboardApplication(BaseApplication):
    """gunicorn's application API: settings given in code, the WSGI app built by `build` in each worker."""

    def __init__(self, options: dict, build: Callable[[], Flask]):
        self.options, self.build = options, build
        super().__init__()

    def load_config(self) -> None:
        """Apply the settings (no configuration file, no GUNICORN_CMD_ARGS)."""
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        """Called once in each worker after the fork: the app that worker serves, set up before its first request."""
        server = self.build()
        set_up_before_serving(server)
        return server


def default_workers() -> int:
    """gunicorn's usual advice: 2 x cores + 1."""
    return 2 * (os.cpu_count() or 1) + 1


def options(host: str, port: int, workers: int, debug: bool = False) -> dict:
    """gunicorn settings: workers, no preloading (each worker loads its own app), no control socket."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "threads": THREADS_PER_WORKER,
        "timeout": WORKER_TIMEOUT_S,
        "graceful_timeout": GRACEFUL_TIMEOUT_S,
        "keepalive": KEEPALIVE_S,
        "preload_app": False,
        "control_socket_disable": True,
        "proc_name": "bilateral",
        "accesslog": "-" if debug else None,
        "errorlog": "-",
        "loglevel": "debug" if debug else "info",
    }


def build_app(debug: bool = False) -> Dash:
    """A worker's app: the processed tables read from the cache before the first request, figures warmed."""
    from dashboard.api.origins import origins_from_environment
    from dashboard.app import create_app, make_loader  # in the worker, after the fork
    from dashboard.catalog import Catalog
    from dashboard.locations import USER_CACHE, cache_folder, locate_datasets

    catalog = Catalog(locate_datasets().root)  # `serve` put its folder in $BILATERAL_DATASETS
    loader = make_loader(catalog)
    loader(None)  # the active versions' tables, once per worker start; other versions on first use, then kept
    app = create_app(
        loader,
        warm=True,
        figure_cache_dir=cache_folder(USER_CACHE, "figures"),
        catalog=catalog,
        embed_origins=origins_from_environment(),  # `serve --embed-origins`, through $BILATERAL_EMBED_ORIGINS
    )
    if debug:
        app.enable_dev_tools(debug=True, dev_tools_hot_reload=False)
    return app


def set_up_before_serving(server: Flask) -> None:
    """Run Dash's first-request set-up now, in the worker, before it accepts any request.

    Dash sets its "set up" flag before it registers the component bundles and callbacks (plotly/dash#3971): under
    gthread, a request arriving while a fresh worker's first request still builds the layout finds no bundle
    registered (HTTP 500 "dash is not a registered library") and the page never draws. One request here, served
    before gunicorn hands the worker anything, does the set-up alone.
    """
    response = server.test_client().get("/")
    if response.status_code != 200:
        raise RuntimeError(f"the app's index page answered HTTP {response.status_code} in its own worker")


def build_server(debug: bool = False) -> Flask:
    """The WSGI app gunicorn serves: the Dash app's Flask server (built without cyclic collection: startup.py)."""
    from dashboard.startup import without_collection

    with without_collection():
        return build_app(debug).server


def serve(
    host: str,
    port: int,
    workers: int | None = None,
    debug: bool = False,
    build: Callable[[], Flask] | None = None,
) -> None:
    """Run gunicorn in the foreground until it is stopped (Ctrl-C or SIGTERM)."""
    settings = options(host, port, workers or default_workers(), debug)
    DashboardApplication(settings, build or partial(build_server, debug)).run()
