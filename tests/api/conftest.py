"""Fixtures for the data API: the app on the bundled data with every registered chart, its test client, the catalog."""

from __future__ import annotations

import pytest

from dashboard.app import create_app, make_loader
from dashboard.catalog import DEFAULT_ROOT, Catalog
from tests.browser.conftest import (  # noqa: F401  (Playwright on Debian's Chromium, as tests/browser)
    browser_context_args,
    browser_type_launch_args,
    console_errors,
)

EMBED_ORIGIN = "https://a.example"


@pytest.fixture(scope="session")
def api_loader(tmp_path_factory):
    """The bundled data, processed once for the session in a throw-away cache, judged as of 2026."""
    return make_loader(cache_dir=tmp_path_factory.mktemp("api-processed"), as_of_year=2026)


@pytest.fixture(scope="module")
def api_app(api_loader):
    """The dashboard with every registered chart, one embed origin allowed."""
    return create_app(api_loader, embed_origins=(EMBED_ORIGIN,))


@pytest.fixture
def client(api_app):
    """A test client of the app's server."""
    return api_app.server.test_client()


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    """The datasets the app serves (the bundled copy, as make_loader's default)."""
    return Catalog(DEFAULT_ROOT)
