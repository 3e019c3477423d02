"""The API's handlers, one per row of the route table, and the blueprint built from that table."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cached_property

import flask
from werkzeug.exceptions import HTTPException

from dashboard.api import charts, datasets, embed, ledger, openapi, params
from dashboard.api.citation import FORMATS
from dashboard.api.replies import (
    LONG_MAX_AGE_S,
    SHORT_MAX_AGE_S,
    ApiError,
    Body,
    BodyCache,
    conditional,
    error_response,
    etag_of,
    json_body,
)
from dashboard.api.table import API, ROUTES, Query, Route
from dashboard.app.data import AppData
from dashboard.app.pages import APP_TITLE, PATHS
from dashboard.catalog import Catalog
from dashboard.claims import claim_records, claims_csv
from dashboard.errors import BilateralError
from dashboard.pickle_cache import code_fingerprint

DEFAULT_FORMAT = "bibtex"


class Api:
    """What the handlers share: the app's data and figures, the catalog, caches of built answers."""

    def __init__(self, data: AppData, catalog: Catalog):
        self.data, self.catalog = data, catalog
        self.bodies = BodyCache()
        self.ledgers = ledger.LedgerTables()
        self._names: dict[Query, list[str]] = {}

    @cached_property
    def code(self) -> str:
        """The package code's fingerprint: answers change when it does."""
        return code_fingerprint()

    def base(self) -> str:
        """scheme://host of this request, for absolute addresses."""
        return flask.request.url_root.rstrip("/")

    def query_parameters(self, query: Query) -> list[params.Param]:
        """The query parameters a kind of route takes."""
        return params.query_parameters(query, self.data, self.catalog, FORMATS)

    def parameter_names(self, query: Query) -> list[str]:
        """The names of a kind of route's query parameters (the datasets are fixed for the process: kept)."""
        if query not in self._names:
            self._names[query] = [param.name for param in self.query_parameters(query)]
        return self._names[query]

    def reply(self, route: Route, parts: tuple, build: Callable[[], Body]) -> flask.Response:
        """The answer with its ETag (from `parts`, the route and the code), 304 when the client has it."""
        tag = etag_of(route.handler, self.code, *parts)
        max_age = LONG_MAX_AGE_S if route.cache == "long" else SHORT_MAX_AGE_S
        return conditional(tag, build, self.bodies, max_age)

    def reply_with(self, route: Route, body: Body) -> flask.Response:
        """An answer whose ETag is its own content's hash (cheap bodies: listings, descriptors)."""
        return self.reply(route, (hashlib.sha256(body.data).hexdigest(),), lambda: body)

    def chart(self, chart_id: str) -> charts.ChartView:
        """The chart named in the address, in the view of the query string; 404 for an unknown id."""
        if chart_id not in self.data.specs:
            raise ApiError(404, f"unknown chart '{chart_id}'; GET {API}/charts lists them")
        view = params.parse_view(flask.request.args, self.data, self.catalog)
        return charts.ChartView(self.data, self.catalog, self.data.specs[chart_id], view, self.base())

    # --- handlers, named as in the route table ---

    def index(self, route: Route) -> flask.Response:
        """Where everything is."""
        base = self.base()
        links = {r.handler: base + r.openapi_path for r in ROUTES if r.handler != "index"}
        return self.reply_with(route, json_body({"name": APP_TITLE, "api": "v1", "links": links}))

    def datasets(self, route: Route) -> flask.Response:
        """Every dataset and version."""
        return self.reply_with(route, json_body(datasets.listing(self.catalog, self.base())))

    def dataset_csv(self, route: Route, name: str, version: str) -> flask.Response:
        """A version's CSV as stored."""
        dataset = datasets.resolve(self.catalog, name, version)
        return self.reply(
            route,
            (dataset.expected_sha256,),
            lambda: Body(datasets.csv_bytes(self.catalog, dataset), "text/csv", f"{name}-{version}.csv"),
        )

    def dataset_json(self, route: Route, name: str, version: str) -> flask.Response:
        """A version's rows as JSON."""
        dataset = datasets.resolve(self.catalog, name, version)
        return self.reply(
            route,
            (dataset.expected_sha256,),
            lambda: json_body(datasets.rows_record(self.catalog, dataset)),
        )

    def dataset_descriptor(self, route: Route, name: str, version: str) -> flask.Response:
        """A version's datapackage.json as stored."""
        dataset = datasets.resolve(self.catalog, name, version)
        return self.reply_with(route, Body(datasets.descriptor_bytes(dataset), "application/json"))

    def _ledger(self):
        """The tables and ledger the query asks for, and the as-of year."""
        args = flask.request.args
        versions = dict(params.versions(args, self.catalog, self.data.datasets))
        as_of = params.year(args, params.AS_OF)
        processed = self.data.load(versions)
        return processed, self.ledgers.ledger(processed, as_of), as_of or processed.as_of_year

    def ledger_json(self, route: Route) -> flask.Response:
        """The ledger as JSON."""
        processed, table, as_of = self._ledger()
        return self.reply(
            route,
            (processed.hashes, as_of),
            lambda: json_body(ledger.ledger_document(processed, table, as_of)),
        )

    def ledger_csv(self, route: Route) -> flask.Response:
        """The ledger as CSV."""
        processed, table, as_of = self._ledger()
        return self.reply(
            route,
            (processed.hashes, as_of),
            lambda: Body(ledger.ledger_csv(table), "text/csv", f"ledger-as-of-{as_of}.csv"),
        )

    def claims_json(self, route: Route) -> flask.Response:
        """The claims ledger as JSON."""
        processed, _, _ = self._ledger()
        return self.reply(
            route, (processed.hashes,), lambda: json_body({"claims": claim_records(processed.frames)})
        )

    def claims_csv(self, route: Route) -> flask.Response:
        """The claims ledger as CSV."""
        processed, _, _ = self._ledger()
        return self.reply(
            route,
            (processed.hashes,),
            lambda: Body(
                claims_csv(claim_records(processed.frames)).encode("utf-8"), "text/csv", "claims.csv"
            ),
        )

    def charts(self, route: Route) -> flask.Response:
        """Every chart with its addresses."""
        base = self.base()
        listed = [
            {
                "id": spec.name,
                "title": spec.title,
                "page": base + PATHS[spec.page],
                "datasets": list(spec.datasets),
                "follows_year_range": spec.follows_year_range,
                "csv": f"{base}{API}/charts/{spec.name}.csv",
                "metadata": f"{base}{API}/charts/{spec.name}.metadata.json",
                "zip": f"{base}{API}/charts/{spec.name}.zip",
                "embed": f"{base}/embed/{spec.name}",
            }
            for spec in self.data.specs.values()
        ]
        return self.reply_with(route, json_body({"charts": listed}))

    def chart_csv(self, route: Route, chart_id: str) -> flask.Response:
        """The rows a chart shows."""
        chart = self.chart(chart_id)
        return self.reply(
            route,
            chart.validator_parts(),
            lambda: Body(
                charts.csv_bytes(charts.chart_rows(chart)), "text/csv", f"{charts.file_stem(chart)}.csv"
            ),
        )

    def chart_metadata(self, route: Route, chart_id: str) -> flask.Response:
        """A chart's metadata."""
        chart = self.chart(chart_id)
        return self.reply(route, chart.validator_parts(), lambda: json_body(charts.metadata(chart)))

    def chart_zip(self, route: Route, chart_id: str) -> flask.Response:
        """A chart's CSV, metadata and README."""
        chart = self.chart(chart_id)
        return self.reply(
            route,
            chart.validator_parts(),
            lambda: Body(charts.zip_bytes(chart), "application/zip", f"{charts.file_stem(chart)}.zip"),
        )

    def cite(self, route: Route) -> flask.Response:
        """A citation of a chart's view in the format asked for."""
        args = flask.request.args
        chart_id = params.one(args, params.CHART)
        if chart_id is None:
            raise ApiError(400, "parameter 'chart' is required: a chart id from GET /api/v1/charts", "chart")
        fmt = params.one(args, params.FORMAT) or DEFAULT_FORMAT
        if fmt not in FORMATS:
            raise ApiError(400, f"unknown format '{fmt}'; formats: {', '.join(FORMATS)}", params.FORMAT)
        chart = self.chart(chart_id)
        mimetype, render = FORMATS[fmt]
        return self.reply(
            route,
            (*chart.validator_parts(), fmt),
            lambda: Body(render(charts.citation(chart)).encode("utf-8"), mimetype),
        )

    def openapi(self, route: Route) -> flask.Response:
        """This API's description."""
        path_schemas = {
            "chart_id": {"type": "string", "enum": list(self.data.specs)},
            "name": {"type": "string", "enum": sorted(self.catalog.active_versions())},
            "version": {"type": "string", "examples": sorted(self.catalog.versions("trade"))},
        }
        document = openapi.document(ROUTES, self.query_parameters, path_schemas, self.base(), APP_TITLE)
        return self.reply_with(route, json_body(document))

    def embed(self, route: Route, chart_id: str) -> flask.Response:
        """One chart for an iframe."""
        chart = self.chart(chart_id)
        return self.reply(
            route,
            chart.validator_parts(),
            lambda: Body(embed.embed_page(chart).encode("utf-8"), "text/html"),
        )

    def embed_script(self, route: Route) -> flask.Response:
        """The script that draws an embedded chart."""
        return self.reply_with(route, Body(embed.EMBED_SCRIPT.read_bytes(), "text/javascript"))

    def plotly_script(self, route: Route) -> flask.Response:
        """plotly.js."""
        digest, body = self._plotly
        return self.reply(route, (digest,), lambda: body)

    @cached_property
    def _plotly(self) -> tuple[str, Body]:
        """plotly.js and its sha256, read and hashed once (4.8 MB)."""
        data = embed.plotly_script().read_bytes()
        return hashlib.sha256(data).hexdigest(), Body(data, "text/javascript")


def blueprint(api: Api) -> flask.Blueprint:
    """A blueprint with one GET rule per route of the table, and a JSON 404 for any other address under /api/."""
    bp = flask.Blueprint("api", __name__)
    for route in ROUTES:
        bp.add_url_rule(route.rule, route.handler, view_func=answer(api, route), methods=["GET"])
    bp.add_url_rule("/api/<path:rest>", "not_found", view_func=not_found)
    return bp


def answer(api: Api, route: Route) -> Callable:
    """The view function of one route: strict parameters, the handler, errors as JSON (HTML on /embed/)."""
    handler = getattr(api, route.handler)

    def view(**path: str) -> flask.Response:
        try:
            params.check_known(flask.request.args, api.parameter_names(route.query))
            return handler(route, **path)
        except ApiError as error:
            return failure(route, error)
        except BilateralError as error:
            return failure(route, ApiError(500, f"the data cannot be served: {error}"))

    view.__name__ = route.handler
    view.__doc__ = route.summary
    return view


def failure(route: Route, error: ApiError) -> flask.Response:
    """An error as JSON, or as a short page for an embed."""
    if route.media_type == "text/html":
        response = flask.Response(embed.error_page(error.status, error.message), error.status)
        response.headers["Cache-Control"] = "no-store"
        return response
    return error_response(error)


def not_found(rest: str) -> flask.Response:
    """Any other address under /api/."""
    return error_response(ApiError(404, f"no such address: /api/{rest}; see {API}/openapi.json"))


def json_http_error(error: HTTPException):
    """An HTTP error (405, 500...) as JSON under /api/; elsewhere as the app would answer it."""
    if not flask.request.path.startswith("/api/"):
        return error
    return error_response(ApiError(error.code or 500, error.description or error.name))
