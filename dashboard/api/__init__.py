"""Data out: a read-only API of the datasets, ledger and charts, citations that pin the data, embeddable charts.

Nothing heavy is imported here: `bilateral serve` reads dashboard.api.origins before it knows whether it needs Dash."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.app.data import AppData
    from dashboard.catalog import Catalog

__all__ = ["install"]


def install(app: Dash, data: AppData, catalog: Catalog) -> None:
    """Serve the API and the /embed/ pages from the app's server (its headers and limits apply to them)."""
    from werkzeug.exceptions import InternalServerError, MethodNotAllowed

    from dashboard.api.routes import Api, blueprint, json_http_error

    app.server.register_blueprint(blueprint(Api(data, catalog)))
    for error in (MethodNotAllowed, InternalServerError):
        app.server.register_error_handler(error, json_http_error)
