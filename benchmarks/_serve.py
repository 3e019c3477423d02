"""Shared by the benchmarks: start a server (`bilateral serve`, `serve --prod`, the minimal reference app) as a child
process on a free loopback port, and stop it with all its children. Every load goes to 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _results import StepFailed

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
HOST = "127.0.0.1"
READY_TIMEOUT_S = 120
POLL_TIMEOUT_S = 10
STOP_TIMEOUT_S = 15


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def warm_processed_cache() -> None:
    """Build the processed tables once, as `bilateral serve` will look them up (default cache folder)."""
    subprocess.run(
        [sys.executable, "-c", "from dashboard.processed import build; build()"], cwd=ROOT, check=True
    )


def dashboard_command(prod: bool = False, workers: int | None = None) -> list[str]:
    """`bilateral serve` (one process) or `bilateral serve --prod` (gunicorn), without host and port."""
    command = [sys.executable, "-m", "dashboard.cli", "serve"]
    return command + (["--prod"] + (["--workers", str(workers)] if workers else []) if prod else [])


def minimal_command(prod: bool = False, workers: int | None = None) -> list[str]:
    """The reference: a minimal Dash app (one graph, one callback) started the same way."""
    command = [sys.executable, str(BENCHMARKS / "_minimal_app.py")]
    return command + (["--prod"] + (["--workers", str(workers)] if workers else []) if prod else [])


@contextlib.contextmanager
def serving(port: int | None = None, command: list[str] | None = None, log: Path | None = None):
    """Yield (process, base URL, start time) of a server (default: `bilateral serve`); then stop it and its workers."""
    port = port or free_port()
    argv = (command or dashboard_command()) + ["--host", HOST, "--port", str(port)]
    sink = log.open("wb") if log else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdout=sink,
        stderr=sink,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield process, f"http://{HOST}:{port}", started
    finally:
        stop(process)
        if log:
            sink.close()


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group (a gunicorn master stops its workers), SIGKILL if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (Linux /proc): a gunicorn master's workers."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    """Poll the index page until it answers 200.

    Not listening yet, a connection reset, or an answer slower than the poll's own timeout (gunicorn accepts on
    the master's socket while its workers still build the app) all mean "not up yet", until READY_TIMEOUT_S.
    """
    deadline = time.perf_counter() + READY_TIMEOUT_S
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise StepFailed(
                "start of the server", f"{' '.join(process.args[1:4])} exited with {process.returncode}"
            )
        try:
            with urllib.request.urlopen(base + "/", timeout=POLL_TIMEOUT_S) as response:
                if response.status == 200:
                    return
        except (OSError, http.client.HTTPException):  # URLError, ConnectionError, TimeoutError are OSErrors
            time.sleep(0.05)
    raise StepFailed("start of the server", f"no answer from {base}/ within {READY_TIMEOUT_S} s")


def verdict(measured: float, goal: float) -> str:
    """'PASS' when the measured value is within the goal, else 'FAIL'."""
    return "PASS" if measured <= goal else "FAIL"
