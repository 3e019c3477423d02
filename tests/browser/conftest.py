"""Browser-test fixtures: Debian's Chromium for pytest-playwright, and the app served in-process per module."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app, make_loader

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (never a downloaded browser) with flags that suit a container."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: run `make system-deps` (apt-get install chromium fonts-liberation)"
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every page at 1280x800, the size the dashboard must be readable at; downloads allowed."""
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


@pytest.fixture(scope="module")
def app_data(tmp_path_factory):
    """The app on the bundled data, its processed cache in a throw-away folder."""
    loader = make_loader(cache_dir=tmp_path_factory.mktemp("processed"), as_of_year=2026)
    return create_app(loader), loader


@pytest.fixture(scope="module")
def base_url_app(app_data):
    """The address of the app, served in a daemon thread for this module and shut down after it."""
    app, _ = app_data
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="dash-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of the test's page, collected as they happen."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
