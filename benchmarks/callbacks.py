"""Callback latency: p95 of every callback a page's default view fires, one client on loopback (goal <= 50 ms).

Run: .venv/bin/python benchmarks/callbacks.py [--repeats 50]
A headless Chromium (Debian's) opens each page's default view once against `bilateral serve`, recording every
callback request; each is then replayed `repeats` times, one at a time, and timed from request to last byte.
The browser's own timings of the first visit are printed apart ("first": they include queueing behind the
browser's own work, e.g. parsing plotly.js, and are not what the goal is about).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import time
from urllib.parse import urlsplit

from _serve import serving, verdict, wait_until_up, warm_processed_cache
from playwright.sync_api import sync_playwright

GOAL_MS = 50.0
WARM_UP_S = 5
PAGES = ("/", "/trade", "/arms", "/border", "/migration", "/energy")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def capture(base: str) -> list[tuple[str, str, str, bytes, float]]:
    """(page, callback output, address, request body, first-visit ms) of every callback the default views fire."""
    seen = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        for path in PAGES:
            requests.clear()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            for request in requests:
                address = urlsplit(request.url)
                if address.path == "/_dash-update-component":
                    body, timing = request.post_data_buffer, request.timing
                    seen.append((path, json.loads(body)["output"], f"{address.path}?{address.query}", body,
                                 timing["responseEnd"] - timing["requestStart"]))
        browser.close()
    return seen


def replay(base: str, address: str, body: bytes, repeats: int) -> list[float]:
    """Milliseconds of `repeats` sequential POSTs of one callback request on a kept-alive connection."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        connection.request("POST", address, body=body,
                           headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status not in (200, 204):
            raise RuntimeError(f"callback answered HTTP {response.status}")
    connection.close()
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    """Capture, replay and print a line per callback, then the worst p95 against the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    repeats = parser.parse_args().repeats
    warm_processed_cache()
    with serving() as (process, base, _):
        wait_until_up(base, process)
        time.sleep(WARM_UP_S)  # let the server's warm-up thread draw (or read) the default figures
        captured = capture(base)
        print(f"{'page':10s} {'callback output':58s} {'first':>8s} {'p50':>7s} {'p95':>7s}")
        worst = 0.0
        for path, output, address, body, first in captured:
            times = replay(base, address, body, repeats)
            worst = max(worst, p95(times))
            print(f"{path:10s} {output[:58]:58s} {first:6.1f}ms {statistics.median(times):5.1f}ms "
                  f"{p95(times):5.1f}ms")
    print(f"{len(captured)} default-view callbacks, {repeats} replays each; worst p95 {worst:.1f} ms")
    print(f"goal p95 <= {GOAL_MS:.0f} ms for every callback: {verdict(worst, GOAL_MS)}")


if __name__ == "__main__":
    main()
