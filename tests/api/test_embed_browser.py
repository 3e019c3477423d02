"""An embedded chart in a real browser: a page on another port frames /embed/<id>; it renders when that origin is
allowed (`--embed-origins`) and the browser refuses it when it is not."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.app.frame import plain
from dashboard.catalog import Catalog
from dashboard.figures.registry import registered

pytestmark = pytest.mark.browser
EMBED = "/embed/trade_flows?from=2000&to=2010"
ACTIVE = Catalog().active_versions()  # the permalink pins the active versions of the view's datasets
WAIT_FOR_REFUSAL_MS = 3_000


@contextmanager
def _serving(wsgi):
    """A WSGI app on a free loopback port in a daemon thread; its address, then shut down."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def _host_page(target: dict):
    """A site of someone else's: one page framing the embed address held in `target`."""

    def app(environ, start_response):
        html = (
            "<!DOCTYPE html><html><head><title>A page elsewhere</title></head><body><h1>Elsewhere</h1>"
            f'<iframe id="embedded" src="{target["url"]}" width="900" height="560"></iframe></body></html>'
        )
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html.encode()]

    return app


@pytest.fixture(scope="module")
def sites(api_loader):
    """(allowed host page, other host page): the dashboard allows only the first one's origin to frame it."""
    target: dict = {}
    with _serving(_host_page(target)) as allowed, _serving(_host_page(target)) as other:
        app = create_app(api_loader, embed_origins=(allowed,))
        with _serving(app.server) as dashboard:
            target["url"] = dashboard + EMBED
            yield allowed, other


def test_an_allowed_origin_shows_the_chart_in_its_iframe(page, sites, api_loader, console_errors):
    """The framed page draws the chart (plotly.js and embed.js as files under the CSP) with its finding as the
    title (the figure's own, stated from its data) and a link back to the full view."""
    allowed, _ = sites
    title = plain(registered()["trade_flows"].render(api_loader(None)).layout.title.text)
    page.goto(allowed)
    frame = page.frame_locator("#embedded")
    expect(frame.locator("#chart[data-rendered='true'] .main-svg").first).to_be_visible(timeout=20_000)
    expect(frame.locator("h1")).to_contain_text(title)
    expect(frame.locator("footer a")).to_have_attribute(
        "href",
        "http://127.0.0.1:"
        + _port(page)
        + f"/trade?from=2000&to=2010&sources={ACTIVE['sources']}&trade={ACTIVE['trade']}",
    )
    assert frame.locator("nav").count() == 0
    assert console_errors == []


def test_another_origin_is_refused(page, sites):
    """The browser refuses to show the embed inside a page whose origin was not given: nothing is drawn."""
    _, other = sites
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(other)
    page.wait_for_timeout(WAIT_FOR_REFUSAL_MS)
    assert page.frame_locator("#embedded").locator("#chart").count() == 0
    assert any("frame-ancestors" in text for text in messages), messages


def _port(page) -> str:
    """The dashboard's port, read from the iframe's address."""
    return page.locator("#embedded").get_attribute("src").split(":")[2].split("/")[0]
