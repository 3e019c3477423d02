"""Data API latency under gunicorn: p95 of a chart CSV request against a trivial JSON route of the same server.

Run: .venv/bin/python benchmarks/api.py [--repeats 40] [--workers N] [--json PATH]
`bilateral serve --prod` (gunicorn) serves the API. A few chart views are each requested once per worker first
(the cold request draws the figure and builds the CSV: printed, not judged), then every view and the trivial route
`GET /api/v1` (a small JSON document) are replayed `repeats` times in turn on kept-alive connections, by 1 client
and then by 4 concurrent clients, timed from request to last byte. Goal (issue 15): chart CSV p95 <= 3x the trivial
route's p95. A conditional request (If-None-Match, answered 304) is timed too, as a detail.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

from _results import add_json_option, entry, write
from _serve import children, dashboard_command, serving, wait_until_up, warm_processed_cache

RATIO_GOAL = 3.0
TRIVIAL = "/api/v1"
VIEWS = (
    "/api/v1/charts/trade_flows.csv?from=2000&to=2010",
    "/api/v1/charts/trade_flows.csv?trade=2002",
    "/api/v1/charts/arms_tiv.csv?from=1995&to=2015",
    "/api/v1/charts/migration_ranges.csv",
    "/api/v1/charts/border_lengths.csv",
)
WORKERS = 2
CLIENTS = (1, 4)
TIME_LIMIT_S = 300  # the replay stops here whatever is left: the load is bounded in requests and in time


def get(
    connection: http.client.HTTPConnection, address: str, headers: dict | None = None
) -> tuple[float, int, dict]:
    """(milliseconds, status, headers) of one GET on a kept-alive connection."""
    started = time.perf_counter()
    connection.request("GET", address, headers={"Accept-Encoding": "gzip", **(headers or {})})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status not in (200, 304):
        raise RuntimeError(f"{address} answered HTTP {response.status}")
    return elapsed, response.status, dict(response.getheaders())


def connect(base: str) -> http.client.HTTPConnection:
    """A connection to the server."""
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def replay(base: str, repeats: int, deadline: float, times: dict[str, list[float]]) -> None:
    """One client: every chart view, the trivial route and a conditional request, `repeats` rounds in turn."""
    connection = connect(base)
    tags = {address: get(connection, address)[2].get("ETag", "") for address in VIEWS}
    for _ in range(repeats):
        for address in VIEWS:
            if time.perf_counter() > deadline:
                break
            times["csv"].append(get(connection, address)[0])
            times["trivial"].append(get(connection, TRIVIAL)[0])
            elapsed, status, _ = get(connection, address, {"If-None-Match": tags[address]})
            if status == 304:
                times["304"].append(elapsed)
    connection.close()


def concurrently(base: str, repeats: int, clients: int, deadline: float) -> dict[str, list[float]]:
    """`clients` threads replaying at once; the timings of all of them by kind."""
    times: dict[str, list[float]] = {"csv": [], "trivial": [], "304": []}
    errors: list[BaseException] = []

    def run():
        try:
            replay(base, repeats, deadline, times)
        except (OSError, RuntimeError, http.client.HTTPException) as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"a client failed: {errors[0]}")
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(repeats: int, workers: int) -> tuple[dict[str, float], dict[int, dict[str, list[float]]], int]:
    """Cold first requests per view, then the timed rounds per client count."""
    warm_processed_cache()
    with serving(command=dashboard_command(prod=True, workers=workers)) as (process, base, _):
        wait_until_up(base, process)
        connection = connect(base)
        get(connection, TRIVIAL)
        cold = {address: get(connection, address)[0] for address in VIEWS}
        connection.close()
        deadline = time.perf_counter() + TIME_LIMIT_S
        concurrently(base, 2, max(CLIENTS), deadline)  # every worker builds every view once
        timings = {clients: concurrently(base, repeats, clients, deadline) for clients in CLIENTS}
        worker_count = len(children(process.pid))
    return cold, timings, worker_count


def entries_for(cold: dict[str, float], timings: dict[int, dict[str, list[float]]]) -> list[dict]:
    """Per client count: chart CSV p50 and p95 against the trivial route's; 304s and cold requests in detail."""
    entries = []
    for clients, times in timings.items():
        label = f"{clients} client{'s' if clients > 1 else ''}"
        reference = f"GET {TRIVIAL} (trivial JSON), same server, {label}"
        entries += [
            entry(
                "api",
                f"chart CSV p50, {len(VIEWS)} views, {label}",
                statistics.median(times["csv"]),
                "ms",
                reference + " (p50)",
                statistics.median(times["trivial"]),
            ),
            entry(
                "api",
                f"chart CSV p95, {len(VIEWS)} views, {label}",
                p95(times["csv"]),
                "ms",
                reference + " (p95)",
                p95(times["trivial"]),
                ratio_goal_max=RATIO_GOAL,
            ),
            entry(
                "api",
                f"chart CSV with If-None-Match (304) p95, {label}",
                p95(times["304"]),
                "ms",
                reference + " (p95)",
                p95(times["trivial"]),
                detail=True,
            ),
        ]
    entries += [
        entry("api", f"first request (draws the figure) {address}", ms, "ms", detail=True)
        for address, ms in cold.items()
    ]
    return entries


def main() -> int:
    """Measure, print the figures, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="rounds per client (default: 40)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"gunicorn workers (default: {WORKERS})")
    add_json_option(parser)
    args = parser.parse_args()
    cold, timings, workers = measure(args.repeats, args.workers)
    print(f"{len(VIEWS)} chart views, {args.repeats} rounds per client, gunicorn with {workers} workers")
    for address, ms in cold.items():
        print(f"first request {ms:7.1f} ms  {address}")
    for clients, times in timings.items():
        print(
            f"{clients} client(s): chart CSV p50 {statistics.median(times['csv']):.1f} ms p95 "
            f"{p95(times['csv']):.1f} ms; trivial p50 {statistics.median(times['trivial']):.1f} ms p95 "
            f"{p95(times['trivial']):.1f} ms; 304 p95 {p95(times['304']):.1f} ms"
        )
    entries = entries_for(cold, timings)
    for item in entries:
        if not item["detail"]:
            print(
                f"{item['name']}: {item['value']} ms (trivial {item['reference_value']} ms, x{item['ratio']})"
                + (f" goal {item['goal']}: {item['verdict']}" if item["goal"] else "")
            )
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
