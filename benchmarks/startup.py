"""Start-up: from process start to the first page served, with the processed cache warm (goal <= 2.5 s).

Run: .venv/bin/python benchmarks/startup.py [--runs 5]
"First page served" is the overview as a browser gets it: the index HTML, the layout, and the router callback
that returns the page's content. The time to the index alone is printed too. One unmeasured start first warms
the caches `bilateral serve` keeps: processed tables (.cache/processed) and drawn figures (.cache/figures).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request

from _serve import serving, verdict, wait_until_up, warm_processed_cache

GOAL_S = 2.5
PAGES = ("/", "/trade", "/arms", "/border", "/migration", "/energy")
ROUTER = {"output": ".._pages_content.children..._pages_store.data..",
          "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
          "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"},
                     {"id": "_pages_location", "property": "search", "value": ""}],
          "changedPropIds": ["_pages_location.pathname", "_pages_location.search"], "state": []}


def first_page(base: str, path: str = "/") -> None:
    """Fetch what a browser needs to show a page: layout, dependencies, then the page content."""
    for address in ("/_dash-layout", "/_dash-dependencies"):
        urllib.request.urlopen(base + address, timeout=30).read()
    router = json.loads(json.dumps(ROUTER))
    router["inputs"][0]["value"] = path
    request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(router).encode(),
                                     headers={"Content-Type": "application/json"})
    body = urllib.request.urlopen(request, timeout=60).read()
    if path == "/" and b"Target ledger" not in body:
        raise RuntimeError("the overview's content did not come back")


def warm_caches() -> None:
    """Start once and visit every page, so that processed tables and drawn figures are on disk."""
    warm_processed_cache()
    with serving() as (process, base, _):
        wait_until_up(base, process)
        for path in PAGES:
            first_page(base, path)


def main() -> None:
    """Measure several cold starts and print median and worst."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    warm_caches()
    to_index, to_page = [], []
    for _ in range(runs):
        with serving() as (process, base, started):
            wait_until_up(base, process)
            to_index.append(time.perf_counter() - started)
            first_page(base)
            to_page.append(time.perf_counter() - started)
    worst = max(to_page)
    print(f"start-up to index HTML:  median {statistics.median(to_index):.2f} s, worst {max(to_index):.2f} s")
    print(f"start-up to first page:  median {statistics.median(to_page):.2f} s, worst {worst:.2f} s "
          f"({runs} runs)")
    print(f"goal <= {GOAL_S:.1f} s (worst run): {verdict(worst, GOAL_S)}")


if __name__ == "__main__":
    main()
