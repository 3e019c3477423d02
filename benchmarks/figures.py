"""Static export: every registered figure as PNG and SVG, against the same figures exported with bare Kaleido.

Run: .venv/bin/python benchmarks/figures.py [--runs 3] [--json PATH]
Goals (issue 4): the whole batch <= 15 s including the browser start (measured as `bilateral figures
--formats png,svg --quiet`, process start to exit); <= 0.4 s median per figure after warm-up (one figure in
both formats: render, checks, atomic writes, hashes; the first figure of a run is the warm-up); and the
library's batch within 1.2x of bare `kaleido.write_fig_sync` calls on one sync server for the same figures.
Both sides draw the figures with the same builders and start their own Chromium. Numbers are medians over
--runs; the load average is printed because a busy machine slows Chromium far more than Python.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import kaleido
from _results import add_json_option, entry, write

from dashboard.figures import style
from dashboard.figures.registry import registered
from dashboard.processed import build
from dashboard.report import write_report
from dashboard.static_export import kaleido_server

FORMATS = ("png", "svg")
BATCH_GOAL_S, PER_FIGURE_GOAL_S, RATIO_GOAL = 15.0, 0.4, 1.2
BILATERAL = Path(sys.executable).parent / "bilateral"


def ours(processed, out: Path) -> tuple[float, list[float]]:
    """The library's batch (browser start included) and each figure's export time after the first."""
    start = time.perf_counter()
    with kaleido_server() as export:
        result = write_report(processed, out, formats=FORMATS, exporter=export)
    return time.perf_counter() - start, [entry.seconds for entry in result.exported][1:]


def bare(processed, out: Path) -> tuple[float, list[float]]:
    """The same figures drawn the same way, written with bare Kaleido calls on one sync server."""
    start = time.perf_counter()
    figures = {name: spec.render(processed) for name, spec in registered().items()}
    per_figure = []
    kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True)
    try:
        for name, fig in figures.items():
            began = time.perf_counter()
            for fmt in FORMATS:
                opts = {"format": fmt, "width": style.EXPORT_WIDTH, "height": style.EXPORT_HEIGHT, "scale": 1}
                kaleido.write_fig_sync(fig, path=str(out / f"{name}.{fmt}"), opts=opts)
            per_figure.append(time.perf_counter() - began)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return time.perf_counter() - start, per_figure[1:]


def command(out: Path) -> float:
    """Wall time of the real command, from process start to exit."""
    start = time.perf_counter()
    subprocess.run(
        [str(BILATERAL), "figures", "--out", str(out), "--formats", ",".join(FORMATS), "--quiet"], check=True
    )
    return time.perf_counter() - start


def verdict(measured: float, goal: float) -> str:
    """'met' or 'NOT met'."""
    return "met" if measured <= goal else "NOT met"


def main() -> int:
    """Alternate the three measurements --runs times, print medians, goals and verdicts, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    add_json_option(parser)
    args = parser.parse_args()
    runs = args.runs
    processed = build()  # warms the processed cache the command uses too
    totals = {"ours": [], "bare": [], "command": []}
    per_figure = {"ours": [], "bare": []}
    for _ in range(runs):
        for name, measure in (("ours", ours), ("bare", bare)):
            with tempfile.TemporaryDirectory() as out:
                total, figures = measure(processed, Path(out))
            totals[name].append(total)
            per_figure[name].append(statistics.median(figures))
        with tempfile.TemporaryDirectory() as out:
            totals["command"].append(command(Path(out)))
    median = {name: statistics.median(values) for name, values in totals.items()}
    figure = {name: statistics.median(values) for name, values in per_figure.items()}
    count = len(registered())
    print(
        f"{count} figures as {' and '.join(FORMATS).upper()}, {runs} run(s), {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"batch, `bilateral figures` process start to exit: {median['command']:.2f} s "
        f"(goal <= {BATCH_GOAL_S:.0f} s): {verdict(median['command'], BATCH_GOAL_S)}"
    )
    print(
        f"median per figure after warm-up (both formats): {figure['ours']:.3f} s "
        f"(goal <= {PER_FIGURE_GOAL_S} s): {verdict(figure['ours'], PER_FIGURE_GOAL_S)}"
    )
    ratio = median["ours"] / median["bare"]
    print(
        f"library batch {median['ours']:.2f} s against bare Kaleido {median['bare']:.2f} s: ratio {ratio:.2f} "
        f"(goal <= {RATIO_GOAL}): {verdict(ratio, RATIO_GOAL)}"
    )
    print(
        f"per figure against bare Kaleido: {figure['ours']:.3f} s / {figure['bare']:.3f} s = "
        f"{figure['ours'] / figure['bare']:.2f}"
    )
    bare_batch = f"bare Kaleido, same {count} figures, one sync server (median of {runs})"
    write(
        [
            entry(
                "figures",
                f"library batch, {count} figures as PNG and SVG (median of {runs})",
                median["ours"],
                "s",
                bare_batch,
                median["bare"],
                ratio_goal_max=RATIO_GOAL,
            ),
            entry(
                "figures",
                "per figure after warm-up, PNG and SVG (median)",
                figure["ours"],
                "s",
                "bare Kaleido, per figure (median)",
                figure["bare"],
                goal_max=PER_FIGURE_GOAL_S,
            ),
            entry(
                "figures",
                "`bilateral figures --formats png,svg`, process start to exit",
                median["command"],
                "s",
                bare_batch,
                median["bare"],
                goal_max=BATCH_GOAL_S,
            ),
        ],
        args.json,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
