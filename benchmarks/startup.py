"""Start-up: process start to first page served (caches warm), against a minimal Dash app started the same way.

Run: .venv/bin/python benchmarks/startup.py [--runs 5] [--json PATH]
"First page served" is what a browser needs to show the first page: the index HTML, the layout, the callback
list, and the first callback (for the dashboard, the router returning the overview's content; for the reference,
its one trivial callback). Measured for `bilateral serve` against the minimal app on Dash's own server, and for
`bilateral serve --prod --workers 2` against the minimal app under gunicorn with 2 workers. Starts alternate
between the two so that a noisy machine slows both alike. One unmeasured start first warms the caches
`bilateral serve` keeps: processed tables (.cache/processed) and drawn figures (.cache/figures).
Goals: `bilateral serve` <= 2.5 s to the first page, worst run (the dashboard issue); the median at most 2x the
minimal app's started the same way, for both ways of serving (issue 13).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request

from _minimal_app import FLOOR_BODY
from _results import StepFailed, add_json_option, entry, run_main, write
from _serve import dashboard_command, minimal_command, serving, wait_until_up, warm_processed_cache

GOAL_S = 2.5
RATIO_GOAL = 2.0  # issue 13: to first page at most 2x the minimal app started the same way, median
PAGES = ("/", "/trade", "/arms", "/border", "/migration", "/energy")
ROUTER = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
    "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": "/"},
        {"id": "_pages_location", "property": "search", "value": ""},
    ],
    "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    "state": [],
}
WORKERS = 2
PAGE_CONTENT = b'"_pages_content"'  # the router's answer fills the page's content (whatever the page's words)


def first_page(base: str, body: dict, expect: bytes) -> None:
    """Fetch what a browser needs to show a page (index fetched by wait_until_up): layout, dependencies, callback."""
    for address in ("/_dash-layout", "/_dash-dependencies"):
        urllib.request.urlopen(base + address, timeout=30).read()
    request = urllib.request.Request(
        base + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    answer = urllib.request.urlopen(request, timeout=60).read()
    if expect not in answer:
        raise StepFailed(
            "first page after a cold start",
            f"{base}: the router's answer lacks {expect.decode()!r}; it began {answer[:120]!r}",
        )


def router(path: str) -> dict:
    """The router callback request for one page."""
    body = json.loads(json.dumps(ROUTER))
    body["inputs"][0]["value"] = path
    return body


def warm_caches() -> None:
    """Start once and visit every page, so that processed tables and drawn figures are on disk."""
    warm_processed_cache()
    with serving() as (process, base, _):
        wait_until_up(base, process)
        for path in PAGES:
            first_page(base, router(path), b"")


def timed_start(command: list[str], body: dict, expect: bytes) -> tuple[float, float]:
    """(seconds to index HTML, seconds to first page) of one cold start."""
    with serving(command=command) as (process, base, started):
        wait_until_up(base, process)
        to_index = time.perf_counter() - started
        first_page(base, body, expect)
        return to_index, time.perf_counter() - started


def main() -> int:
    """Alternate cold starts of each pair, print medians and worst runs, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    warm_caches()
    pairs = {
        "serve": (
            (dashboard_command(), router("/"), PAGE_CONTENT),
            (minimal_command(), FLOOR_BODY, b"floor"),
        ),
        f"serve --prod --workers {WORKERS}": (
            (dashboard_command(True, WORKERS), router("/"), PAGE_CONTENT),
            (minimal_command(True, WORKERS), FLOOR_BODY, b"floor"),
        ),
    }
    runs = {(mode, side): [] for mode in pairs for side in ("ours", "minimal")}
    for _ in range(args.runs):
        for mode, (ours, minimal) in pairs.items():
            runs[mode, "ours"].append(timed_start(*ours))
            runs[mode, "minimal"].append(timed_start(*minimal))
    entries = []
    print(
        f"{'started as':30s} {'app':8s} {'to index (median)':>18s} {'to first page (median)':>23s} {'worst':>7s}"
    )
    for (mode, side), times in runs.items():
        print(
            f"{mode:30s} {side:8s} {statistics.median(t[0] for t in times):16.2f} s "
            f"{statistics.median(t[1] for t in times):21.2f} s {max(t[1] for t in times):5.2f} s"
        )
    for mode in pairs:
        ours, minimal = ([t[1] for t in runs[mode, side]] for side in ("ours", "minimal"))
        reference = f"minimal Dash app, same start ({mode.replace('serve', 'Dash').replace('Dash --prod', 'gunicorn')})"
        entries.append(
            entry(
                "startup",
                f"`bilateral {mode}` to first page, median of {args.runs}",
                statistics.median(ours),
                "s",
                reference + ", median",
                statistics.median(minimal),
                ratio_goal_max=RATIO_GOAL,
            )
        )
        entries.append(
            entry(
                "startup",
                f"`bilateral {mode}` to first page, worst of {args.runs}",
                max(ours),
                "s",
                reference + ", worst",
                max(minimal),
                goal_max=GOAL_S if mode == "serve" else None,
            )
        )
    for item in entries:
        print(
            f"{item['name']}: {item['value']} s against {item['reference_value']} s (x{item['ratio']})"
            + (f", goal {item['goal']}: {item['verdict']}" if item["goal"] else "")
        )
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(run_main(main))
