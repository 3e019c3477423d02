"""Malformed callback requests get a 4xx and a short message before Dash sees them; an oversize body a friendly 413."""

from __future__ import annotations

import json
import logging

import flask
from dash import Dash
from dash._utils import split_callback_id
from werkzeug.exceptions import RequestEntityTooLarge

LOG = logging.getLogger("dashboard.app")
CALLBACK_ROUTE = "_dash-update-component"
WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])


def install(app: Dash) -> None:
    """Check every callback request's shape against the app's callbacks; answer 413 in words."""
    route = app.config.routes_pathname_prefix + CALLBACK_ROUTE
    app.server.before_request(lambda: check_callback_request(app, route))
    app.server.register_error_handler(RequestEntityTooLarge, too_large)


def too_large(error: RequestEntityTooLarge) -> tuple[flask.Response, int]:
    """A 413 that says what the limit is (JSON for the app's own requests, text for anything else)."""
    limit = flask.current_app.config.get("MAX_CONTENT_LENGTH")
    message = (
        f"The request is too large: this server accepts at most {limit:,} bytes."
        if limit
        else "The request is too large for this server."
    )
    return _answer(message, 413, limit_bytes=limit)


def check_callback_request(app: Dash, route: str) -> tuple[flask.Response, int] | None:
    """None for a well-formed callback request (or any other request); else the 4xx answer."""
    request = flask.request
    if request.path != route or request.method != "POST":
        return None
    if not request.is_json:
        return _answer("A callback request must be JSON (Content-Type: application/json).", 415)
    body = request.get_json(silent=True)  # an oversize body raises RequestEntityTooLarge here: the 413 above
    problem = callback_problem(app.callback_map, body)
    if problem is None:
        return None
    LOG.info("refused a malformed callback request: %s", problem)
    return _answer(
        f"Malformed callback request: {problem}.", 404 if problem.startswith("no callback") else 400
    )


def callback_problem(callback_map: dict, body) -> str | None:
    """What is wrong with a callback request body, or None when it matches a callback the server has."""
    if body is None:
        return "the body is not valid JSON"
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "no 'output' named"
    callback = callback_map.get(output)
    if callback is None or "callback" not in callback:
        return f"no callback for output '{output[:80]}'"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(prop, str) for prop in changed):
        return "'changedPropIds' is not a list of names"
    outputs = split_callback_id(output)  # a property may carry "@hash" (allow_duplicate), as the body does
    single = isinstance(outputs, dict)
    if not callback.get("no_output") and not _matches(
        body.get("outputs"), [outputs] if single else outputs, single
    ):
        return "'outputs' do not match the callback's outputs"
    for key in ("inputs", "state"):
        if not _matches(body.get(key, []), callback[key], single=False):
            return f"'{key}' do not match the callback's {key}"
    return None


def _matches(given, expected: list[dict], single: bool) -> bool:
    """Whether the request's ids and properties fit the callback's declared ones (a wildcard: a list of ids)."""
    if single:
        given = [given]
    if not isinstance(given, list) or len(given) != len(expected):
        return False
    for item, spec in zip(given, expected):
        items = item if isinstance(item, list) and _is_pattern(spec["id"]) else [item]
        if not all(_fits(one, spec) for one in items):
            return False
    return True


def _fits(item, spec: dict) -> bool:
    """One {id, property} of the request against one declared dependency."""
    if not isinstance(item, dict) or item.get("property") != spec["property"]:
        return False
    if not _is_pattern(spec["id"]):
        return item.get("id") == spec["id"]
    pattern, given = json.loads(spec["id"]), item.get("id")
    return (
        isinstance(given, dict)
        and given.keys() == pattern.keys()
        and all(value in WILDCARDS or given[key] == value for key, value in pattern.items())
    )


def _is_pattern(component_id: str) -> bool:
    """A pattern-matching id is declared as a JSON object."""
    return component_id.startswith("{")


def _answer(message: str, status: int, **extra) -> tuple[flask.Response, int]:
    """JSON for the app's own endpoints, plain text elsewhere."""
    if flask.request.path.startswith("/_dash"):
        return flask.jsonify({"error": message, "status": status, **extra}), status
    return flask.Response(message + "\n", mimetype="text/plain"), status
