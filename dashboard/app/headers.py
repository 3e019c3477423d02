"""Security headers on every response: a CSP allowing only the app's own scripts and Dash's hashed inline ones."""

from __future__ import annotations

from dash import Dash
from flask import Response

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


def install(app: Dash) -> None:
    """Add the headers to every response of the app's server."""
    app.server.after_request(lambda response: add_headers(app, response))


def content_security_policy(app: Dash) -> str:
    """The policy, its script-src naming the hash of every inline script Dash renders (clientside callbacks too)."""
    # Per response (a few hashes of short strings): Dash Pages registers a clientside callback at the first request.
    policy = {**POLICY, "script-src": ["'self'", *app.csp_hashes()]}
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


def add_headers(app: Dash, response: Response) -> Response:
    """Set the security headers on one response."""
    response.headers["Content-Security-Policy"] = content_security_policy(app)
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
