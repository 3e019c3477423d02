"""Which web origins may frame the /embed/ pages: parsed once from `serve --embed-origins`, carried to workers."""

from __future__ import annotations

import os
import re

EMBED_ORIGINS_ENV = "BILATERAL_EMBED_ORIGINS"  # `serve --prod` passes the origins to gunicorn's workers here
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?$")


def parse_origins(text: str | None) -> tuple[str, ...]:
    """'https://a.example http://b.example:8080' -> the origins, in order, once each; ValueError naming a bad one.

    An origin is a scheme (http or https), a host (optionally `*.` for its subdomains) and a port: no path, no
    quotes, nothing a Content-Security-Policy would read as another directive."""
    origins: list[str] = []
    for item in (text or "").replace(",", " ").split():
        origin = item.rstrip("/")
        if not ORIGIN.match(origin):
            raise ValueError(
                f"'{item}' is not a web origin: give scheme and host, e.g. https://a.example or "
                "http://127.0.0.1:8000 (no path)"
            )
        if origin not in origins:
            origins.append(origin)
    return tuple(origins)


def origins_from_environment() -> tuple[str, ...]:
    """The origins `serve` put in the environment (none when unset)."""
    return parse_origins(os.environ.get(EMBED_ORIGINS_ENV))
