"""The parameters of an API request, read strictly: an unknown name or an unusable value is a 400 naming it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from dashboard.api.replies import ApiError
from dashboard.api.table import Query
from dashboard.app.data import AppData
from dashboard.app.view import TARGET, VINTAGE, YEAR_FROM, YEAR_TO, View
from dashboard.catalog import Catalog

YEAR_LIMITS = (1900, 2200)
VIEW_KEYS = (YEAR_FROM, YEAR_TO, VINTAGE, TARGET)


def check_known(args: MultiDict, allowed: Iterable[str]) -> None:
    """400 for the first parameter this address does not take."""
    allowed = list(allowed)
    for key in args:
        if key not in allowed:
            raise ApiError(
                400, f"unknown parameter '{key}'; this address takes: {', '.join(allowed) or 'none'}", key
            )


def one(args: MultiDict, key: str) -> str | None:
    """The parameter's value, stripped (None when absent or empty); 400 when it is given twice."""
    values = args.getlist(key)
    if len(values) > 1:
        raise ApiError(400, f"parameter '{key}' is given {len(values)} times; give it once", key)
    value = values[0].strip() if values else ""
    return value or None


def year(args: MultiDict, key: str) -> int | None:
    """A whole year between the limits, or None when absent."""
    text = one(args, key)
    if text is None:
        return None
    low, high = YEAR_LIMITS
    if not text.isdigit() or not low <= int(text) <= high:
        raise ApiError(400, f"parameter '{key}' must be a year between {low} and {high}, not '{text}'", key)
    return int(text)


def versions(args: MultiDict, catalog: Catalog, datasets: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The dataset versions asked for (`trade=2002`), each checked against the versions on disk."""
    pairs = []
    for name in sorted(datasets):
        version = one(args, name)
        if version is None:
            continue
        known = catalog.versions(name)
        if version not in known:
            raise ApiError(
                400,
                f"dataset '{name}' has no version '{version}' (versions: {', '.join(known) or 'none'})",
                name,
            )
        pairs.append((name, version))
    return tuple(pairs)


def parse_view(args: MultiDict, data: AppData, catalog: Catalog) -> View:
    """The checked view the parameters describe (years, dataset versions, SIPRI vintage, highlighted target)."""
    start, end = year(args, YEAR_FROM), year(args, YEAR_TO)
    if start is not None and end is not None and start > end:
        raise ApiError(400, f"parameter 'from' ({start}) is after 'to' ({end})", YEAR_FROM)
    asked = View(
        year_range=None if (start, end) == (None, None) else (start, end),
        versions=versions(args, catalog, data.datasets),
        vintage=one(args, VINTAGE),
        target=one(args, TARGET),
    )
    view, _ = data.checked(asked)
    if asked.vintage and view.vintage is None:
        raise ApiError(400, f"there is no SIPRI vintage '{asked.vintage}'", VINTAGE)
    if asked.target and view.target is None:
        raise ApiError(400, f"there is no target '{asked.target}'", TARGET)
    return view


def view_keys(data: AppData) -> list[str]:
    """Every parameter a view takes: years, one per dataset (its version), vintage and target."""
    return [YEAR_FROM, YEAR_TO, *sorted(data.datasets), VINTAGE, TARGET]


AS_OF = "as_of"
CHART = "chart"
FORMAT = "format"


@dataclass(frozen=True)
class Param:
    """One query parameter: name, what it means, its JSON schema, whether it is required."""

    name: str
    description: str
    schema: dict
    required: bool = False


def query_parameters(query: Query, data: AppData, catalog: Catalog, formats: Iterable[str]) -> list[Param]:
    """The query parameters of a kind of route: what the parser accepts and the OpenAPI document lists."""
    year_schema = {"type": "integer", "minimum": YEAR_LIMITS[0], "maximum": YEAR_LIMITS[1]}
    versions = [
        Param(
            name, f"version of the {name} dataset (default: the active one)", {"enum": catalog.versions(name)}
        )
        for name in sorted(data.datasets)
    ]
    view = [
        Param(YEAR_FROM, "first year shown (time charts)", year_schema),
        Param(YEAR_TO, "last year shown (time charts)", year_schema),
        *versions,
        Param(VINTAGE, "SIPRI vintage of the arms charts (default: the newest)", {"type": "string"}),
        Param(TARGET, "id of the target to highlight", {"type": "string"}),
    ]
    if query is Query.VIEW:
        return view
    if query is Query.LEDGER:
        return [*versions, Param(AS_OF, "judge deadlines as of this year", year_schema)]
    if query is Query.CITE:
        return [
            Param(CHART, "the chart's id (GET /api/v1/charts)", {"enum": list(data.specs)}, required=True),
            Param(FORMAT, "citation format (default: bibtex)", {"enum": list(formats)}),
            *view,
        ]
    return []
