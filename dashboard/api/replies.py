"""How the API answers: JSON errors with a message, weak ETags from the data's hashes, Cache-Control and 304s."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import flask

SHORT_MAX_AGE_S = 300  # what may change when a new version is activated: the active view, listings
LONG_MAX_AGE_S = 86_400  # a dataset version named in the address never changes
CACHE_SIZE = 256


class ApiError(Exception):
    """An answer other than 200: the status, a message a person can act on, the parameter at fault if any."""

    def __init__(self, status: int, message: str, parameter: str | None = None):
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


@dataclass(frozen=True)
class Body:
    """A response body ready to send: bytes, media type, and a file name when it is meant to be saved."""

    data: bytes
    mimetype: str
    filename: str | None = None


def error_response(error: ApiError) -> flask.Response:
    """The JSON form of an error: {"error": message, "status": code, "parameter": name or null}."""
    payload = {"error": error.message, "status": error.status, "parameter": error.parameter}
    response = flask.jsonify(payload)
    response.status_code = error.status
    response.headers["Cache-Control"] = "no-store"
    return response


def etag_of(*parts) -> str:
    """A validator from JSON-able parts (data hashes, the view, the code): equal parts, equal tag."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def json_body(payload, filename: str | None = None) -> Body:
    """A JSON body, UTF-8, keys in the given order."""
    text = json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=False, default=str) + "\n"
    return Body(text.encode("utf-8"), "application/json", filename)


class BodyCache:
    """The last bodies built, by ETag: a repeated request (without If-None-Match) costs a look-up."""

    def __init__(self, size: int = CACHE_SIZE):
        self._bodies: OrderedDict[str, Body] = OrderedDict()
        self._size, self._lock = size, threading.Lock()

    def get_or_build(self, tag: str, build: Callable[[], Body]) -> Body:
        """The cached body for `tag`, else `build()` (outside the lock: a slow build blocks nobody else)."""
        with self._lock:
            if tag in self._bodies:
                self._bodies.move_to_end(tag)
                return self._bodies[tag]
        body = build()
        with self._lock:
            self._bodies[tag] = body
            if len(self._bodies) > self._size:
                self._bodies.popitem(last=False)
        return body


def conditional(tag: str, build: Callable[[], Body], cache: BodyCache, max_age: int) -> flask.Response:
    """304 when the client holds `tag` (If-None-Match), else the body; both with the ETag and Cache-Control.

    Weak tags: the compression layer leaves them alone, and a weak match is what If-None-Match asks for."""
    if flask.request.if_none_match.contains_weak(tag):
        response = flask.Response(status=304)
    else:
        body = cache.get_or_build(tag, build)
        response = flask.Response(body.data, mimetype=body.mimetype)
        if body.filename:
            disposition = "attachment" if body.mimetype == "application/zip" else "inline"
            response.headers["Content-Disposition"] = f'{disposition}; filename="{body.filename}"'
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response
