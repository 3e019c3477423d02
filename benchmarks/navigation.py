"""Navigation (issue 10): from a page's navigation start to its first chart drawn, warm caches, against a minimal Dash
page with one plotly chart of the same size (goal: at most 2x), median of --runs per page.

Run: .venv/bin/python benchmarks/navigation.py [--runs 5] [--json PATH]
`bilateral serve` and the minimal reference app (benchmarks/_minimal_app.py, Dash's own server, one graph) run side
by side; Debian's Chromium (headless, 1440x900) visits every page once to warm the browser's and the servers' caches,
then loads each page `--runs` times, alternating with the reference page. "First chart drawn" is the first moment a
plotly trace is in the page (a `g.trace` inside a chart's cartesian layer), seen by a MutationObserver installed before
the page's own scripts run, on the page's own clock (performance.now(), zero at navigation start). The machine's
load average is printed with the figures (other work shares its cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from _capture import CHROMIUM, CHROMIUM_ARGS, PAGES
from _results import StepFailed, add_json_option, entry, run_main, write
from _serve import minimal_command, serving, verdict, wait_until_up, warm_processed_cache
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

GOAL_RATIO = 2.0
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1440, "height": 900}
FIRST_TRACE_JS = """(() => {
    const seen = () => document.querySelector('.js-plotly-plot .cartesianlayer g.trace');
    const observer = new MutationObserver(() => {
        if (window.__firstTraceMs === undefined && seen()) {
            window.__firstTraceMs = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(document, {childList: true, subtree: true});
})();"""


def first_chart_ms(page, address: str) -> float:
    """Load `address`; milliseconds from navigation start to the first trace drawn."""
    try:
        page.goto(address, wait_until="commit")
        page.wait_for_function("() => window.__firstTraceMs !== undefined", timeout=TIMEOUT_MS)
    except PlaywrightError as error:
        raise StepFailed(f"navigation to {address}", str(error).splitlines()[0]) from None
    return page.evaluate("() => window.__firstTraceMs")


def measure(ours: str, minimal: str, runs: int) -> tuple[dict[str, list[float]], list[float]]:
    """Per page of ours, and for the reference page, the milliseconds of each warm navigation."""
    found: dict[str, list[float]] = {path: [] for path in PAGES}
    reference: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.add_init_script(FIRST_TRACE_JS)
        for path in PAGES:  # warm-up: browser cache, processed tables, drawn figures, page layouts
            first_chart_ms(page, ours + path)
        first_chart_ms(page, minimal + "/")
        for _ in range(runs):
            for path in PAGES:
                found[path].append(first_chart_ms(page, ours + path))
                reference.append(first_chart_ms(page, minimal + "/"))
        browser.close()
    return found, reference


def main() -> int:
    """Serve both apps, measure, print each page's figure with the reference, ratio and load average."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    warm_processed_cache()
    with (
        serving() as (process, base, _),
        serving(command=minimal_command()) as (reference_process, reference_base, _),
    ):
        wait_until_up(base, process)
        wait_until_up(reference_base, reference_process)
        found, reference = measure(base, reference_base, args.runs)
    load = os.getloadavg()[0]
    floor = statistics.median(reference)
    entries = []
    for path, times in found.items():
        value = statistics.median(times)
        print(
            f"{path:11s} navigation to first chart drawn: median {value:7.1f} ms; minimal Dash page {floor:6.1f} ms;"
            f" ratio {value / floor:4.2f}x (goal <= {GOAL_RATIO:.0f}x: {verdict(value / floor, GOAL_RATIO)});"
            f" load average {load:.2f}"
        )
        entries.append(
            entry(
                "navigation",
                f"{path}: navigation to the first chart drawn, warm caches (median of {args.runs})",
                value,
                "ms",
                "minimal Dash page, one plotly chart of the same size, same browser",
                floor,
                ratio_goal_max=GOAL_RATIO,
                note=f"load average {load:.2f}",
            )
        )
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(run_main(main))
