"""Page weight: bytes the first page load transfers, compressed (goal <= 2 MiB).

Run: .venv/bin/python benchmarks/page_weight.py
A headless Chromium (Debian's) opens the overview against `bilateral serve` with an empty cache. Printed: the bytes
actually transferred (bodies as sent, compressed when the server compresses, plus headers), and the same
responses gzipped at level 6 (what any compressing server sends), so the goal can be judged either way.
"""

from __future__ import annotations

import gzip
import urllib.request

from _serve import serving, verdict, wait_until_up, warm_processed_cache
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

GOAL_BYTES = 2 * 1024 * 1024
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def first_load(base: str) -> list[dict]:
    """Every response of a first visit to the overview: address, bytes on the wire, body bytes, encoding."""
    finished = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base + "/", wait_until="networkidle")
        page.wait_for_timeout(500)
        rows = []
        for request in finished:
            sizes = request.sizes()
            response = request.response()
            rows.append({"url": request.url, "method": request.method, "post": request.post_data_buffer,
                         "wire": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                         "body": _body_size(response),
                         "encoding": (response.headers.get("content-encoding", "") if response else "")})
        browser.close()
    return rows


def _body_size(response) -> int:
    """Bytes of a response's decoded body (0 for an empty answer, e.g. HTTP 204)."""
    try:
        return len(response.body()) if response and response.status != 204 else 0
    except PlaywrightError:
        return 0


def gzipped(base: str, row: dict) -> int:
    """The size of one response's body gzipped (fetched again without compression)."""
    request = urllib.request.Request(row["url"], data=row["post"], method=row["method"],
                                     headers={"Content-Type": "application/json", "Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return len(gzip.compress(body, compresslevel=6)) if body else 0


def main() -> None:
    """Load once, then print the largest responses and the totals against the goal."""
    warm_processed_cache()
    with serving() as (process, base, _):
        wait_until_up(base, process)
        rows = first_load(base)
        for row in rows:
            row["gzip"] = gzipped(base, row)
    rows.sort(key=lambda row: row["body"], reverse=True)
    print(f"{'response':70s} {'body':>10s} {'on wire':>10s} {'gzip':>10s}")
    for row in rows[:8]:
        print(f"{row['url'].split('/', 3)[-1][:70]:70s} {row['body']:10,d} {row['wire']:10,d} {row['gzip']:10,d}")
    wire, body, zipped = (sum(row[key] for row in rows) for key in ("wire", "body", "gzip"))
    encodings = sorted({row["encoding"] or "none" for row in rows})
    print(f"{len(rows)} responses: body {body / 2**20:.2f} MiB; transferred {wire / 2**20:.2f} MiB "
          f"(content-encoding: {', '.join(encodings)}); gzipped {zipped / 2**20:.2f} MiB")
    print(f"goal <= {GOAL_BYTES / 2**20:.0f} MiB compressed: transferred {verdict(wire, GOAL_BYTES)}, "
          f"gzipped {verdict(zipped, GOAL_BYTES)}")


if __name__ == "__main__":
    main()
