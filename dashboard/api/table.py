"""The one table of routes: the blueprint is built from it and the OpenAPI document is generated from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from dashboard.api.citation import FORMATS

PATH_PARAMETER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


class Query(Enum):
    """Which query parameters a route takes."""

    NONE = "none"
    VIEW = "view"  # from, to, a version per dataset, vintage, target: as the dashboard's own URLs
    LEDGER = "ledger"  # a version per dataset, as_of
    CITE = "cite"  # chart, format, and the view


@dataclass(frozen=True)
class Route:
    """One GET address: its rule (Flask syntax), the handler's name, what it answers with, and a line on why."""

    rule: str
    handler: str
    media_type: str
    summary: str
    query: Query = Query.NONE
    cache: str = "short"  # "short": may change when a version is activated; "long": fixed by the address
    other_media_types: tuple[str, ...] = ()  # what else it may answer with, by its parameters

    @property
    def media_types(self) -> tuple[str, ...]:
        """Every media type of its 200 answers, the default first."""
        return (self.media_type, *self.other_media_types)

    @property
    def path_parameters(self) -> list[str]:
        """The names of the rule's variable parts."""
        return PATH_PARAMETER.findall(self.rule)

    @property
    def openapi_path(self) -> str:
        """The rule as an OpenAPI path: <name> -> {name}."""
        return PATH_PARAMETER.sub(lambda match: "{" + match.group(1) + "}", self.rule)


API = "/api/v1"
ROUTES: tuple[Route, ...] = (
    Route(API, "index", "application/json", "Where everything is: the addresses of this API."),
    Route(
        f"{API}/datasets",
        "datasets",
        "application/json",
        "Every dataset: its active version and all versions with sha256, rows and bytes.",
    ),
    Route(
        f"{API}/datasets/<name>/<version>.csv",
        "dataset_csv",
        "text/csv",
        "One version of a dataset: its CSV file as stored (byte for byte; sha256 as listed).",
        cache="long",
    ),
    Route(
        f"{API}/datasets/<name>/<version>.json",
        "dataset_json",
        "application/json",
        "One version of a dataset as JSON rows, typed by its fields, with the fields' units.",
        cache="long",
    ),
    Route(
        f"{API}/datasets/<name>/<version>/datapackage.json",
        "dataset_descriptor",
        "application/json",
        "One version's descriptor: fields with units, licence, sources, bytes, sha256, rows, changelog.",
        cache="long",
    ),
    Route(
        f"{API}/ledger.json",
        "ledger_json",
        "application/json",
        "The target ledger for the dataset versions and as-of year asked for.",
        Query.LEDGER,
    ),
    Route(
        f"{API}/ledger.csv",
        "ledger_csv",
        "text/csv",
        "The target ledger as CSV (the per-year table is in the JSON only).",
        Query.LEDGER,
    ),
    Route(
        f"{API}/claims.json",
        "claims_json",
        "application/json",
        "Every quantitative claim of the 2002 article with its verdict against later evidence, the evidence rows "
        "and a sentence of explanation.",
        Query.LEDGER,
    ),
    Route(
        f"{API}/claims.csv",
        "claims_csv",
        "text/csv",
        "The claims as CSV, one row each, the evidence in one cell.",
        Query.LEDGER,
    ),
    Route(f"{API}/charts", "charts", "application/json", "Every chart: its id, title, page and datasets."),
    Route(
        f"{API}/charts/<chart_id>.csv",
        "chart_csv",
        "text/csv",
        "The rows a chart shows for a view: series, x, y, what x and y measure (units), and each row's source.",
        Query.VIEW,
    ),
    Route(
        f"{API}/charts/<chart_id>.metadata.json",
        "chart_metadata",
        "application/json",
        "A chart's title, subtitle, units, sources, dataset versions with sha256, licence, permalink, citation.",
        Query.VIEW,
    ),
    Route(
        f"{API}/charts/<chart_id>.zip",
        "chart_zip",
        "application/zip",
        "A chart's CSV, metadata and a README (what it shows, how to cite, licence, caveats) in one zip.",
        Query.VIEW,
    ),
    Route(
        f"{API}/cite",
        "cite",
        FORMATS["bibtex"][0],
        "A citation of a chart's view naming the data versions, their sha256 and the permalink.",
        Query.CITE,
        other_media_types=tuple(media for name, (media, _) in FORMATS.items() if name != "bibtex"),
    ),
    Route(f"{API}/openapi.json", "openapi", "application/json", "This API described in OpenAPI 3.1."),
    Route(
        "/embed/<chart_id>",
        "embed",
        "text/html",
        "One chart for an iframe: title, source line, a link to the full view, no navigation.",
        Query.VIEW,
    ),
    Route(
        "/embed-assets/embed.js",
        "embed_script",
        "text/javascript",
        "The script that draws an embedded chart.",
        cache="long",
    ),
    Route(
        "/embed-assets/plotly.min.js",
        "plotly_script",
        "text/javascript",
        "plotly.js, as the embedded chart needs it.",
        cache="long",
    ),
)
