"""Record the callback requests a browser (Debian's Chromium, headless) sends for each page's default view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from _results import StepFailed
from playwright.sync_api import Error as PlaywrightError
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
CAPTURE_STEP = "capture of the default views' callbacks (headless Chromium)"


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
    """Every callback request the default view of each page fires, in order.

    A page that does not draw raises StepFailed naming the page and why: the browser's error, and every request
    the server refused or failed (HTTP 4xx/5xx) and every script error the page raised while it was opened.
    """
    seen = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requests, refused, errors = [], [], []
        page.on("requestfinished", lambda request: requests.append(request))
        page.on(
            "response",
            lambda response: (
                refused.append(f"HTTP {response.status} {urlsplit(response.url).path}")
                if response.status >= 400
                else None
            ),
        )
        page.on("pageerror", lambda error: errors.append(str(error).splitlines()[0]))
        for path in pages:
            for kept in (requests, refused, errors):
                kept.clear()
            try:
                settle(page, base + path)
            except PlaywrightError as error:
                raise StepFailed(CAPTURE_STEP, _why(error, refused, errors), page=path) from None
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


def _why(error: PlaywrightError, refused: list[str], errors: list[str]) -> str:
    """One line: the browser's error, then what the server refused and what the page's scripts raised."""
    message = str(error.message).splitlines()[0] if error.message else type(error).__name__
    reason = (
        f"no chart ({DRAWN}) drawn and the network quiet within {SETTLE_TIMEOUT_MS / 1000:g} s: {message}"
    )
    if refused:
        reason += f"; the server answered {len(refused)} request(s) with an error: {', '.join(refused[:3])}"
    if errors:
        reason += f"; script errors in the page: {'; '.join(errors[:2])}"
    return reason
