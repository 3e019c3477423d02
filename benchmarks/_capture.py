"""Record the callback requests a browser (Debian's Chromium, headless) sends for each page's default view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

PAGES = ("/", "/trade", "/arms", "/border", "/migration", "/energy")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
CALLBACK_PATH = "/_dash-update-component"


@dataclass(frozen=True)
class Captured:
    """One callback request of a page's first visit: where it was sent, its body, and the browser's timing."""

    page: str
    output: str
    address: str
    body: bytes
    first_ms: float


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
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            for request in requests:
                address = urlsplit(request.url)
                if address.path == CALLBACK_PATH:
                    body, timing = request.post_data_buffer, request.timing
                    seen.append(Captured(path, json.loads(body)["output"], f"{address.path}?{address.query}", body,
                                         timing["responseEnd"] - timing["requestStart"]))
        browser.close()
    return seen
