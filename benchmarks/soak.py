"""Soak: 4 clients for 60 s against `bilateral serve --prod`, 1% of requests malformed; prints a verdict.

Run: .venv/bin/python benchmarks/soak.py [--seconds 60] [--clients 4] [--workers N] [--json PATH]
The script starts `bilateral serve --prod` itself on a free 127.0.0.1 port (and stops it), records the callback
requests of every page's default view with a headless Chromium, measures them with one client for a few seconds
(the reference), then runs the clients for --seconds: each loops over random default-view callbacks and pages on a
kept-alive connection, and 1% of its requests are malformed (bad JSON, unknown component ids, bodies over the
size limit). Bounded: it stops at --seconds or --max-requests, whichever comes first, and sends load to 127.0.0.1
only. Pass: no worker dies, no unexpected answer (no 5xx; a 4xx for every malformed request, a 2xx for every
other), and the callbacks' p95 <= 50 ms (the dashboard's callback goal).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from _capture import CALLBACK_PATH, PAGES, capture
from _results import add_json_option, entry, run_main, write
from _serve import children, dashboard_command, serving, wait_until_up, warm_processed_cache

GOAL_MS = 50.0
WARM_UP_S = 5
REFERENCE_S = 5
MAX_SECONDS = 3600
OVERSIZE_BYTES = 3 * 1024 * 1024  # over the app's 2 MiB limit
PAGE_SHARE = 0.1
WORKER_TROUBLE = (
    "WORKER TIMEOUT",
    "was sent SIGKILL",
    "was sent SIGTERM",
    "Worker exited",
    "exited with code",
)
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, TimeoutError)


@dataclass
class Tally:
    """What one client saw: callback latencies, answers by kind and status, and the unexpected ones."""

    latencies_ms: list[float] = field(default_factory=list)
    answers: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0


def malformed(kind: str, normal: bytes) -> bytes:
    """A malformed callback body of one kind, made from a well-formed one."""
    body = json.loads(normal)
    if kind == "bad JSON":
        return normal[: len(normal) // 2]
    if kind == "unknown output id":
        return json.dumps(
            {
                **body,
                "output": "no-such-component.children",
                "outputs": {"id": "no-such-component", "property": "children"},
            }
        ).encode()
    if kind == "unknown input id":
        inputs = [{"id": "no-such-input", "property": "value", "value": 1} for _ in body["inputs"]]
        return json.dumps({**body, "inputs": inputs}).encode()
    return b'{"output": "' + b"x" * OVERSIZE_BYTES + b'"}'


MALFORMED_KINDS = ("bad JSON", "unknown output id", "unknown input id", "oversize body")


class Client:
    """One client on a kept-alive connection, retrying once (as browsers do) when the server closed a reused one."""

    # gunicorn closes a connection after refusing a large body it did not read; a fresh connection failing is an error.

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.connection, self.reused, self.reused_before_failure, self.retries = None, False, False, 0

    def send(self, method: str, address: str, body: bytes | None = None) -> int:
        """The status of one request (the body read in full); raises a connection error on a fresh connection."""
        try:
            return self._send_once(method, address, body)
        except CONNECTION_ERRORS:
            if not self.reused_before_failure:
                raise
            self.retries += 1
            return self._send_once(method, address, body)

    def _send_once(self, method: str, address: str, body: bytes | None) -> int:
        """One attempt; the connection is dropped on any error or when the server says it will close it."""
        if self.connection is None:
            self.connection, self.reused = http.client.HTTPConnection(self.host, self.port, timeout=30), False
        self.reused_before_failure = self.reused
        headers = {"Accept-Encoding": "gzip"} | (
            {"Content-Type": "application/json"} if body is not None else {}
        )
        try:
            self.connection.request(method, address, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except CONNECTION_ERRORS:
            self.close()
            raise
        self.reused = True
        if response.will_close:
            self.close()
        return response.status

    def close(self) -> None:
        """Drop the connection (the next request opens a new one)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def run_client(
    base: str,
    calls: list[tuple[str, bytes]],
    share: float,
    seed: int,
    deadline: float,
    max_requests: int,
    tally: Tally,
) -> None:
    """Loop until the deadline or the request budget: callbacks, pages, and now and then a malformed request."""
    rng, client = random.Random(seed), Client(base)
    while time.perf_counter() < deadline and tally.requests < max_requests:
        tally.requests += 1
        address, body = rng.choice(calls)
        roll = rng.random()
        if roll < share:
            kind = rng.choice(MALFORMED_KINDS)
            _expect(client, tally, kind, "POST", CALLBACK_PATH, malformed(kind, body), range(400, 500))
        elif roll < share + PAGE_SHARE:
            _expect(client, tally, "page", "GET", rng.choice(PAGES), None, range(200, 300))
        else:
            started = time.perf_counter()
            if _expect(client, tally, "callback", "POST", address, body, range(200, 300)):
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
    client.close()
    tally.retries = client.retries


def _expect(
    client: Client, tally: Tally, kind: str, method: str, address: str, body: bytes | None, expected: range
) -> bool:
    """Send one request and count its answer; True when it was the expected kind of answer."""
    try:
        status = client.send(method, address, body)
    except CONNECTION_ERRORS as error:
        tally.answers[kind, type(error).__name__] += 1
        tally.unexpected.append(f"{kind}: {type(error).__name__}: {error}")
        return False
    tally.answers[kind, status] += 1
    if status not in expected:
        tally.unexpected.append(f"{kind}: HTTP {status} {address}")
        return False
    return True


def load(
    base: str,
    calls: list[tuple[str, bytes]],
    clients: int,
    seconds: float,
    share: float,
    seed: int,
    max_requests: int,
) -> tuple[list[Tally], float]:
    """Run `clients` threads for `seconds` (each at most max_requests / clients requests); their tallies."""
    tallies = [Tally() for _ in range(clients)]
    started = time.perf_counter()
    deadline = started + min(seconds, MAX_SECONDS)
    threads = [
        threading.Thread(
            target=run_client,
            args=(base, calls, share, seed + k, deadline, max_requests // clients, tallies[k]),
            daemon=True,
        )
        for k in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tallies, time.perf_counter() - started


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def worker_trouble(log: Path, booted_at_start: int) -> list[str]:
    """Lines of gunicorn's log saying a worker died, timed out or was replaced."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    trouble = [line for line in lines if any(sign in line for sign in WORKER_TROUBLE)]
    booted = [line for line in lines if "Booting worker" in line]
    return trouble + booted[booted_at_start:]


def soak(args) -> dict:
    """Start the server, capture, measure the reference, soak; what was seen."""
    warm_processed_cache()
    with tempfile.TemporaryDirectory(prefix="bilateral-soak-") as tmp:
        log = Path(tmp) / "gunicorn.log"
        with serving(command=dashboard_command(True, args.workers), log=log) as (process, base, _):
            wait_until_up(base, process)
            time.sleep(WARM_UP_S)
            calls = [(c.address, c.body) for c in capture(base)]
            workers = children(process.pid)
            booted = log.read_text(encoding="utf-8", errors="replace").count("Booting worker")
            reference, _ = load(base, calls, 1, REFERENCE_S, 0.0, args.seed, args.max_requests)
            tallies, elapsed = load(
                base, calls, args.clients, args.seconds, args.malformed, args.seed + 100, args.max_requests
            )
            time.sleep(0.5)  # a worker killed by the last requests would be replaced by now
            survived = children(process.pid) == workers and process.poll() is None
            trouble = worker_trouble(log, booted)
    latencies = [t for tally in tallies for t in tally.latencies_ms]
    return {
        "workers": len(workers),
        "survived": survived,
        "trouble": trouble,
        "elapsed": elapsed,
        "requests": sum(t.requests for t in tallies),
        "retries": sum(t.retries for t in tallies),
        "answers": sum((t.answers for t in tallies), Counter()),
        "unexpected": [u for t in tallies for u in t.unexpected],
        "latencies": latencies,
        "reference": reference[0].latencies_ms,
        "calls": len(calls),
    }


def main() -> int:
    """Soak, print what happened and the verdict, write the entries; exit 1 on FAIL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the clients run (default: 60)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: 2 x cores + 1)")
    parser.add_argument(
        "--malformed", type=float, default=0.01, help="share of malformed requests (default: 0.01)"
    )
    parser.add_argument("--max-requests", type=int, default=200_000, help="request budget (default: 200000)")
    parser.add_argument("--seed", type=int, default=20261128)
    add_json_option(parser)
    args = parser.parse_args()
    seen = soak(args)
    answers, latencies, unexpected = seen["answers"], seen["latencies"], seen["unexpected"]
    died = 0 if seen["survived"] and not seen["trouble"] else max(1, len(seen["trouble"]))
    server_errors = sum(n for (_, status), n in answers.items() if isinstance(status, int) and status >= 500)
    malformed_sent = sum(n for (kind, _), n in answers.items() if kind in MALFORMED_KINDS)
    print(
        f"{seen['requests']:,} requests in {seen['elapsed']:.1f} s from {args.clients} clients "
        f"({seen['requests'] / seen['elapsed']:.0f}/s) to {seen['workers']} gunicorn workers; "
        f"{seen['calls']} default-view callbacks; {malformed_sent} malformed"
    )
    for (kind, status), count in sorted(answers.items(), key=str):
        print(f"  {kind:18s} {status!s:>22s} {count:8,d}")
    for line in unexpected[:10] + seen["trouble"][:10]:
        print(f"  ! {line}")
    callback_p95, reference_p95 = p95(latencies), p95(seen["reference"])
    print(
        f"callbacks: p50 {statistics.median(latencies):.1f} ms, p95 {callback_p95:.1f} ms under load; "
        f"p95 {reference_p95:.1f} ms with 1 client and no malformed requests"
    )
    print(
        f"workers died or replaced: {died}; 5xx: {server_errors}; unexpected answers: {len(unexpected)}; "
        f"requests retried on a new connection after the server closed a reused one: {seen['retries']}"
    )
    passed = died == 0 and not unexpected and callback_p95 <= GOAL_MS
    print(
        f"soak verdict: {'PASS' if passed else 'FAIL'} (no worker dies, no unexpected answer, p95 <= {GOAL_MS:g} ms)"
    )
    label = f"{args.clients} clients, {args.seconds:g} s, {args.malformed:.0%} malformed"
    write(
        [
            entry(
                "soak",
                f"callback p95 under load ({label})",
                callback_p95,
                "ms",
                "same callbacks, 1 client, no malformed requests (p95)",
                reference_p95,
                goal_max=GOAL_MS,
            ),
            entry(
                "soak",
                f"unexpected answers ({label})",
                len(unexpected),
                "responses",
                goal_max=0,
                note=f"{seen['requests']} requests, {malformed_sent} malformed, {server_errors} 5xx, "
                f"{seen['retries']} retried on a new connection",
            ),
            entry(
                "soak",
                f"workers died or replaced ({label})",
                died,
                "workers",
                goal_max=0,
                note=f"{seen['workers']} workers",
            ),
        ],
        args.json,
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(run_main(main))
