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
        """Called once in each worker after the fork: the app that worker serves."""
        return self.build()


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


def build_server(debug: bool = False) -> Flask:
    """The WSGI app gunicorn serves: the Dash app's Flask server."""
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
