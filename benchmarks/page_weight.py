"""Page weight: bytes the first page load transfers, compressed (goal <= 1 MiB, issue 10), against a minimal Dash app.

Run: .venv/bin/python benchmarks/page_weight.py [--json PATH]
A headless Chromium (Debian's) opens the overview of `bilateral serve --prod` with an empty browser cache, then
the minimal reference app (one graph, so plotly.js loads too) served the same way. Printed: the bytes actually
transferred (bodies as sent, compressed by the server, plus headers), the bodies' decoded size, and the same
responses gzipped at level 6 (what any compressing server sends), so the goal can be judged either way.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import urllib.request

from _capture import CHROMIUM, CHROMIUM_ARGS, settle
from _results import add_json_option, entry, write
from _serve import dashboard_command, minimal_command, serving, verdict, wait_until_up, warm_processed_cache
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

GOAL_BYTES = 1 * 1024 * 1024  # issue 10 (was 2 MiB); the partial plotly.js bundle in assets/ gets there
MIB = 2**20
WORKERS = 2


def first_load(base: str) -> list[dict]:
    """Every response of a first visit to the index: address, bytes on the wire, body bytes, encoding."""
    finished = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("requestfinished", lambda request: finished.append(request))
        settle(page, base + "/")
        rows = []
        for request in finished:
            sizes = request.sizes()
            response = request.response()
            rows.append(
                {
                    "url": request.url,
                    "method": request.method,
                    "post": request.post_data_buffer,
                    "wire": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                    "body": _body_size(response),
                    "encoding": (response.headers.get("content-encoding", "") if response else ""),
                }
            )
        browser.close()
    return rows


def _body_size(response) -> int:
    """Bytes of a response's decoded body (0 for an empty answer, e.g. HTTP 204)."""
    try:
        return len(response.body()) if response and response.status != 204 else 0
    except PlaywrightError:
        return 0


def gzipped(row: dict) -> int:
    """The size of one response's body gzipped (fetched again without compression)."""
    request = urllib.request.Request(
        row["url"],
        data=row["post"],
        method=row["method"],
        headers={"Content-Type": "application/json", "Accept-Encoding": "identity"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return len(gzip.compress(body, compresslevel=6)) if body else 0


def load(command: list[str]) -> list[dict]:
    """The rows of one first load of the app `command` serves."""
    with serving(command=command) as (process, base, _):
        wait_until_up(base, process)
        rows = first_load(base)
        for row in rows:
            row["gzip"] = gzipped(row)
    return rows


def totals(rows: list[dict]) -> dict[str, int]:
    """Bytes on the wire, decoded bodies and gzipped bodies, summed."""
    return {key: sum(row[key] for row in rows) for key in ("wire", "body", "gzip")}


def main() -> int:
    """Load both apps, print the largest responses and the totals against the goal, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_json_option(parser)
    args = parser.parse_args()
    warm_processed_cache()
    rows = load(dashboard_command(True, WORKERS))
    reference = totals(load(minimal_command(True, WORKERS)))
    rows.sort(key=lambda row: row["body"], reverse=True)
    print(f"{'response':70s} {'body':>10s} {'on wire':>10s} {'gzip':>10s}")
    for row in rows[:8]:
        print(
            f"{row['url'].split('/', 3)[-1][:70]:70s} {row['body']:10,d} {row['wire']:10,d} {row['gzip']:10,d}"
        )
    ours = totals(rows)
    encodings = sorted({row["encoding"] or "none" for row in rows})
    print(
        f"{len(rows)} responses: body {ours['body'] / MIB:.2f} MiB; transferred {ours['wire'] / MIB:.2f} MiB "
        f"(content-encoding: {', '.join(encodings)}); gzipped {ours['gzip'] / MIB:.2f} MiB"
    )
    print(
        f"minimal Dash app: transferred {reference['wire'] / MIB:.2f} MiB, body {reference['body'] / MIB:.2f} MiB"
    )
    print(
        f"goal <= {GOAL_BYTES / MIB:.0f} MiB compressed: transferred {verdict(ours['wire'], GOAL_BYTES)}, "
        f"gzipped {verdict(ours['gzip'], GOAL_BYTES)}; load average {os.getloadavg()[0]:.2f}"
    )
    entries = [
        entry(
            "page weight",
            "first load of the overview, transferred (compressed)",
            ours["wire"] / MIB,
            "MiB",
            "minimal Dash app with one graph, transferred",
            reference["wire"] / MIB,
            goal_max=GOAL_BYTES / MIB,
        ),
        entry(
            "page weight",
            "first load of the overview, transferred (compressed)",
            ours["wire"] / MIB,
            "MiB",
            "the same responses uncompressed",
            ours["body"] / MIB,
        ),
    ]
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
