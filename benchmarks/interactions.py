"""Interactions in the browser (issue 10): a year change and a linked hover on /trade against the floor, a bare
`Plotly.relayout` of the same charts in the same page (goal: each at most 3x the floor), median of 10.

Run: .venv/bin/python benchmarks/interactions.py [--runs 10] [--json PATH]
`bilateral serve` answers; Debian's Chromium opens /trade. Year change: from the Enter key in the slider's first
year box (capture listener, the input event) to the last time chart's plotly_relayout with the new x range.
Hover: from the mouse move onto a point of the turnover chart to the last other chart's hover line relayout.
Floor: Plotly.relayout of every time chart to the same kind of x and y ranges, awaited. The machine's load
average is printed with each figure (other work shares its cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from _capture import CHROMIUM, CHROMIUM_ARGS
from _results import add_json_option, entry, write
from _serve import serving, verdict, wait_until_up, warm_processed_cache
from playwright.sync_api import sync_playwright

PAGE = "/trade"
GOAL_RATIO = 3.0
CHARTS_JS = "() => [...document.querySelectorAll(\"[id*='time-chart'] .js-plotly-plot\")]"
INSTALL_JS = """() => {
    window.__bench = {relayouts: [], key: null};
    document.addEventListener('keydown', e => { if (e.key === 'Enter') window.__bench.key = performance.now(); }, true);
    document.addEventListener('mousemove', () => { window.__bench.move = performance.now(); }, true);
    document.querySelectorAll("[id*='time-chart'] .js-plotly-plot").forEach((gd, i) => gd.on('plotly_relayout',
        ev => window.__bench.relayouts.push({i, at: performance.now(), x: ev['xaxis.range'] || null,
                                             hover: Object.keys(ev).some(k => k.startsWith('shapes'))})));
    return document.querySelectorAll("[id*='time-chart'] .js-plotly-plot").length;
}"""
FLOOR_JS = """async ([start, end]) => {
    const gds = [...document.querySelectorAll("[id*='time-chart'] .js-plotly-plot")];
    const updates = gds.map(gd => {
        const y = window.bilateralInteractions.yRange(gd, [start, end]);
        gd._yearsShown = start + '-' + end;  // its echo through Dash is then ignored, as after a year change
        return Object.assign({'xaxis.range': [start - 0.5, end + 0.5], 'xaxis.autorange': false},
                             y ? {'yaxis.range': y, 'yaxis.autorange': false} : {});
    });
    const t0 = performance.now();
    await Promise.all(gds.map((gd, i) => window.Plotly.relayout(gd, updates[i])));
    return performance.now() - t0;
}"""
POINT_JS = """([year]) => {
    const gd = document.querySelector("[data-chart='trade_pledges'] .js-plotly-plot");
    const trace = gd._fullData.find(t => t.type === 'scatter' && Array.from(t.x).some(x => Number(x) === year)
                                         && t.y && Array.from(t.y).some(Number.isFinite));
    const i = Array.from(trace.x).findIndex(x => Number(x) === year);
    const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
    return {x: box.left + gd._fullLayout.xaxis.l2p(year), y: box.top + gd._fullLayout.yaxis.l2p(trace.y[i])};
}"""


def year_change(page, year: int, charts: int) -> float:
    """Type `year` in the first year box and press Enter: ms from the key to every chart relaid out."""
    page.evaluate("() => { window.__bench.relayouts = []; }")
    box = page.locator(".year-slider input[type=number]").first
    box.fill(str(year))
    page.evaluate("() => { window.__bench.relayouts = []; }")  # typing alone moves nothing
    box.press("Enter")
    page.wait_for_function(
        f"""() => new Set(window.__bench.relayouts.filter(r => r.x && r.x[0] === {year - 0.5})
            .map(r => r.i)).size >= {charts}""",
        timeout=30_000,
    )
    return page.evaluate(
        f"""() => Math.max(...window.__bench.relayouts.filter(r => r.x && r.x[0] === {year - 0.5})
            .map(r => r.at)) - window.__bench.key"""
    )


def hover(page, year: int, charts: int) -> float:
    """Move the mouse onto the turnover point of `year`: ms to the hover line on every other chart."""
    page.mouse.move(5, 5)
    page.wait_for_timeout(150)
    point = page.evaluate(POINT_JS, [year])
    page.evaluate("() => { window.__bench.relayouts = []; }")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(
        f"() => new Set(window.__bench.relayouts.filter(r => r.hover).map(r => r.i)).size >= {charts - 1}",
        timeout=30_000,
    )
    return page.evaluate(
        "() => Math.max(...window.__bench.relayouts.filter(r => r.hover).map(r => r.at)) - window.__bench.move"
    )


def measure(base: str, runs: int) -> dict[str, list[float]]:
    """Year changes, hovers and floors on one page, interleaved."""
    found: dict[str, list[float]] = {"year": [], "hover": [], "floor": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(base + PAGE)
        page.locator("[data-chart='trade_pledges'] .nsewdrag").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        charts = page.evaluate(INSTALL_JS)
        page.locator("[data-chart='trade_pledges'] .nsewdrag").first.scroll_into_view_if_needed()
        for run in range(runs):
            year = 1995 if run % 2 == 0 else 2000
            found["year"].append(year_change(page, year, charts))
            found["floor"].append(page.evaluate(FLOOR_JS, [2003 if run % 2 else 1998, 2025]))
            page.evaluate(FLOOR_JS, [year, 2025])  # back to the years the slider shows (not timed)
            found["hover"].append(hover(page, 2005 if run % 2 == 0 else 2010, charts))
        browser.close()
    return found


def main() -> int:
    """Serve the app, measure, print each figure with its floor, ratio and the load average."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    add_json_option(parser)
    args = parser.parse_args()
    warm_processed_cache()
    with serving() as (process, base, _):
        wait_until_up(base, process)
        found = measure(base, args.runs)
    load = os.getloadavg()[0]
    floor = statistics.median(found["floor"])
    entries = []
    for key, label in (
        ("year", "year change to every chart redrawn"),
        ("hover", "hover to the line on the others"),
    ):
        value = statistics.median(found[key])
        print(
            f"{label}: median {value:.1f} ms; floor (bare Plotly.relayout of the same charts) {floor:.1f} ms; "
            f"ratio {value / floor:.2f}x (goal <= {GOAL_RATIO:.0f}x: {verdict(value / floor, GOAL_RATIO)}); "
            f"load average {load:.2f}"
        )
        entries.append(
            entry(
                "interactions",
                f"{PAGE}: {label} (median of {args.runs})",
                value,
                "ms",
                "bare Plotly.relayout of the same charts, same page",
                floor,
                ratio_goal_max=GOAL_RATIO,
                note=f"load average {load:.2f}",
            )
        )
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
