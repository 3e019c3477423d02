"""Callback latency under gunicorn: p50/p95 of every default-view callback, 1 and 4 clients, against a trivial callback.

Run: .venv/bin/python benchmarks/callbacks.py [--repeats 30] [--workers N] [--json PATH]
The dashboard runs as `bilateral serve --prod` does (gunicorn, 2 x cores + 1 workers) with one extra trivial
callback, the framework's floor, in the same server (benchmarks/_bench_app.py). A headless Chromium (Debian's)
opens each page's default view once, recording every callback request; each is then replayed `repeats` times per
client, by 1 client and then by 4 concurrent clients (kept-alive connections on 127.0.0.1), timed from request to
last byte. Goal (the dashboard issue): p95 <= 50 ms for every callback. The browser's own timings of the first
visit ("first") include queueing behind the browser's own work and are not what the goal is about.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

from _bench_app import FLOOR
from _capture import CALLBACK_PATH, Captured, capture
from _results import add_json_option, entry, run_main, write
from _serve import BENCHMARKS, children, serving, wait_until_up, warm_processed_cache

GOAL_MS = 50.0
WARM_UP_S = 5
WARM_UP_ROUNDS = 5
CLIENTS = (1, 4)
TIME_LIMIT_S = 600  # the replay stops here whatever is left: the load is bounded in requests and in time


def replay(base: str, requests: list[tuple[str, bytes]], repeats: int, deadline: float) -> list[list[float]]:
    """Milliseconds of each request, `repeats` rounds in order, on one kept-alive connection (one client)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    times: list[list[float]] = [[] for _ in requests]
    for _ in range(repeats):
        for index, (address, body) in enumerate(requests):
            if time.perf_counter() > deadline:
                break
            started = time.perf_counter()
            connection.request(
                "POST",
                address,
                body=body,
                headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
            )
            response = connection.getresponse()
            response.read()
            times[index].append((time.perf_counter() - started) * 1000)
            if response.status not in (200, 204):
                raise RuntimeError(f"callback answered HTTP {response.status}")
    connection.close()
    return times


def concurrently(
    base: str, requests: list[tuple[str, bytes]], repeats: int, clients: int, deadline: float
) -> list[list[float]]:
    """`clients` threads replaying the same requests at once; each request's timings from all of them."""
    results: list[list[list[float]]] = []
    threads = [
        threading.Thread(target=lambda: results.append(replay(base, requests, repeats, deadline)))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(results) != clients:
        raise RuntimeError("a client failed; see the error above")
    return [[t for result in results for t in result[index]] for index in range(len(requests))]


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(repeats: int, workers: int | None) -> tuple[list[Captured], dict[int, list[list[float]]], int]:
    """Capture the default-view callbacks, then time them and the floor (the last request) per client count."""
    warm_processed_cache()
    command = [sys.executable, str(BENCHMARKS / "_bench_app.py")] + (
        ["--workers", str(workers)] if workers else []
    )
    with serving(command=command) as (process, base, _):
        wait_until_up(base, process)
        time.sleep(WARM_UP_S)  # let each worker's warm-up thread read (or draw) the default figures
        captured = capture(base)
        requests = [(c.address, c.body) for c in captured] + [(CALLBACK_PATH, json.dumps(FLOOR).encode())]
        deadline = time.perf_counter() + TIME_LIMIT_S
        concurrently(
            base, requests, WARM_UP_ROUNDS, max(CLIENTS), deadline
        )  # every worker sees every request
        timings = {clients: concurrently(base, requests, repeats, clients, deadline) for clients in CLIENTS}
        worker_count = len(children(process.pid))
    return captured, timings, worker_count


def entries_for(captured: list[Captured], timings: dict[int, list[list[float]]]) -> list[dict]:
    """Per client count: pooled p50/p95 and the worst callback's p95 against the floor; each callback in detail."""
    entries = []
    for clients, times in timings.items():
        floor, calls = times[-1], times[:-1]
        pooled = [t for call in calls for t in call]
        label = f"{clients} client{'s' if clients > 1 else ''}"
        floor_ref = f"trivial callback, same server, {label}"
        entries += [
            entry(
                "callbacks",
                f"callback p50, every default-view callback, {label}",
                statistics.median(pooled),
                "ms",
                floor_ref + " (p50)",
                statistics.median(floor),
            ),
            entry(
                "callbacks",
                f"callback p95, every default-view callback, {label}",
                p95(pooled),
                "ms",
                floor_ref + " (p95)",
                p95(floor),
                goal_max=GOAL_MS,
            ),
        ]
        worst = max(range(len(calls)), key=lambda i: p95(calls[i]))
        entries.append(
            entry(
                "callbacks",
                f"worst callback p95, {label}",
                p95(calls[worst]),
                "ms",
                floor_ref + " (p95)",
                p95(floor),
                goal_max=GOAL_MS,
                note=f"{captured[worst].page} {captured[worst].output[:60]}",
            )
        )
        for call, times_of in zip(captured, calls):
            for stat, value, ref in (
                ("p50", statistics.median(times_of), statistics.median(floor)),
                ("p95", p95(times_of), p95(floor)),
            ):
                entries.append(
                    entry(
                        "callbacks",
                        f"{call.page} {call.output[:50]} {stat}, {label}",
                        value,
                        "ms",
                        f"{floor_ref} ({stat})",
                        ref,
                        goal_max=GOAL_MS if stat == "p95" else None,
                        detail=True,
                    )
                )
    return entries


def main() -> int:
    """Measure, print a line per callback and the summary, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="rounds per client (default: 30)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: 2 x cores + 1)")
    add_json_option(parser)
    args = parser.parse_args()
    captured, timings, workers = measure(args.repeats, args.workers)
    print(
        f"{len(captured)} default-view callbacks, {args.repeats} rounds per client, gunicorn with {workers} "
        f"workers"
    )
    print(
        f"{'page':10s} {'callback output':50s} {'first':>8s}"
        + "".join(f" {f'p50 x{c}':>8s} {f'p95 x{c}':>8s}" for c in timings)
    )
    rows = [(c.page, c.output, c.first_ms, i) for i, c in enumerate(captured)] + [
        ("(floor)", "trivial callback", float("nan"), len(captured))
    ]
    for page, output, first, index in rows:
        stats = "".join(
            f" {statistics.median(t[index]):6.1f}ms {p95(t[index]):6.1f}ms" for t in timings.values()
        )
        print(f"{page:10s} {output[:50]:50s} {first:6.1f}ms{stats}")
    entries = entries_for(captured, timings)
    for item in entries:
        if not item["detail"]:
            print(
                f"{item['name']}: {item['value']} ms (floor {item['reference_value']} ms, x{item['ratio']})"
                + (f" goal {item['goal']}: {item['verdict']}" if item["goal"] else "")
            )
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(run_main(main))
