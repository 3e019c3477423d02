"""The OpenAPI 3.1 document, generated from the route table and the parameters the handlers accept."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dashboard.api.params import Param
from dashboard.api.table import Query, Route

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "status"],
    "properties": {
        "error": {"type": "string", "description": "what went wrong, in words"},
        "status": {"type": "integer"},
        "parameter": {"type": ["string", "null"], "description": "the parameter at fault, if any"},
    },
}


def document(
    routes: Sequence[Route],
    query_of: Callable[[Query], list[Param]],
    path_schemas: dict[str, dict],
    base: str,
    title: str,
) -> dict:
    """The description of every route: path and query parameters, answers (200, 304, 400, 404)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{title}: data API",
            "version": "1",
            "description": "Read-only access to the datasets, the target ledger and every chart's data, with "
            "citations that pin the data versions by sha256. Answers carry an ETag; send it back in "
            "If-None-Match to get 304 when nothing changed. Errors are JSON with a message.",
        },
        "servers": [{"url": base or "/"}],
        "paths": {
            route.openapi_path: {"get": operation(route, query_of(route.query), path_schemas)}
            for route in routes
        },
        "components": {"schemas": {"Error": ERROR_SCHEMA}},
    }


def operation(route: Route, query: list[Param], path_schemas: dict[str, dict]) -> dict:
    """One GET operation."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": path_schemas.get(name, {"type": "string"})}
        for name in route.path_parameters
    ] + [
        {
            "name": param.name,
            "in": "query",
            "required": param.required,
            "description": param.description,
            "schema": param.schema,
        }
        for param in query
    ]
    responses = {
        "200": {"description": route.summary, "content": {media: {} for media in route.media_types}},
        "304": {"description": "Not modified: the If-None-Match ETag is current."},
        "400": {"description": "A parameter is unknown or unusable; the message names it.", "content": error},
    }
    if route.path_parameters:
        responses["404"] = {"description": "No such chart, dataset or version.", "content": error}
    return {
        "operationId": route.handler,
        "summary": route.summary,
        "parameters": parameters,
        "responses": responses,
    }
