"""Record the callback requests a browser (Debian's Chromium, headless) sends for each page's default view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

PAGES = ("/", "/trade", "/arms", "/border", "/migration", "/energy")
CHROMIUM = "/usr/bin/chromium"
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
CALLBACK_PATH = "/_dash-update-component"
DRAWN = ".js-plotly-plot"  # every page of the dashboard, and the reference app, draws at least one chart
SETTLE_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Captured:
    """One callback request of a page's first visit: where it was sent, its body, and the browser's timing."""

    page: str
    output: str
    address: str
    body: bytes
    first_ms: float


def settle(page, address: str) -> None:
    """Open a page and wait until it has drawn a chart and the network is quiet again."""
    # "networkidle" alone can fire while a busy machine still parses the scripts, before the layout is asked for.
    page.goto(address, wait_until="networkidle", timeout=SETTLE_TIMEOUT_MS)
    page.locator(DRAWN).first.wait_for(state="visible", timeout=SETTLE_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)
    page.wait_for_timeout(300)


def capture(base: str, pages: tuple[str, ...] = PAGES) -> list[Captured]:
    """Every callback request the default view of each page fires, in order."""
    seen = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        for path in pages:
            requests.clear()
            settle(page, base + path)
            for request in requests:
                address = urlsplit(request.url)
                if address.path == CALLBACK_PATH:
                    body, timing = request.post_data_buffer, request.timing
                    seen.append(
                        Captured(
                            path,
                            json.loads(body)["output"],
                            f"{address.path}?{address.query}",
                            body,
                            timing["responseEnd"] - timing["requestStart"],
                        )
                    )
        browser.close()
    return seen
