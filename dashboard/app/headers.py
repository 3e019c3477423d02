"""Headers on every response: security (a CSP allowing only the app's own scripts and Dash's hashed inline ones), and
a year's cache life for the app's assets, whose addresses change with their content."""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash
from flask import Response, request

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Styles may be inline: Plotly and Dash's components set style attributes. Scripts may not.
POLICY = {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
EMBED_PREFIX = "/embed/"  # the only addresses another site may frame, and only from the embed origins
ASSETS_PREFIX = "/assets/"
# Dash names each asset with its file's modification time: /assets/frame.js?m=1796030442.05
FINGERPRINT_PARAM = "m"
ASSET_MAX_AGE_S = 31_536_000  # a year, as Dash gives its own fingerprinted component bundles


def install(app: Dash, embed_origins: Sequence[str] = ()) -> None:
    """Add the headers to every response of the app's server; `embed_origins` may frame the /embed/ pages."""
    app.server.after_request(lambda response: add_headers(app, response, tuple(embed_origins)))
    app.server.after_request(cache_fingerprinted_assets)


def content_security_policy(app: Dash, frame_ancestors: Sequence[str] = ("'none'",)) -> str:
    """The policy, its script-src naming the hash of every inline script Dash renders (clientside callbacks too)."""
    # Per response (a few hashes of short strings): Dash Pages registers a clientside callback at the first request.
    policy = {**POLICY, "script-src": ["'self'", *app.csp_hashes()], "frame-ancestors": list(frame_ancestors)}
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


def add_headers(app: Dash, response: Response, embed_origins: tuple[str, ...] = ()) -> Response:
    """Set the security headers on one response (an embed page: framing by the embed origins, no X-Frame-Options)."""
    framed = bool(embed_origins) and request.path.startswith(EMBED_PREFIX)
    response.headers["Content-Security-Policy"] = content_security_policy(
        app, embed_origins if framed else POLICY["frame-ancestors"]
    )
    for name, value in STATIC_HEADERS.items():
        if not (framed and name == "X-Frame-Options"):  # DENY would contradict frame-ancestors
            response.headers.setdefault(name, value)
    return response


def cache_fingerprinted_assets(response: Response) -> Response:
    """An asset asked for by its fingerprinted address is kept a year, unasked (a changed file gets a new address);
    without the fingerprint it is checked with the server each time, as Flask serves static files."""
    if (
        request.path.startswith(ASSETS_PREFIX)
        and request.args.get(FINGERPRINT_PARAM)
        and response.status_code in (200, 304)
    ):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = ASSET_MAX_AGE_S
        response.cache_control.immutable = True
    return response
