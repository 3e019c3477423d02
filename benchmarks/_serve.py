"""Shared by the benchmarks: start `bilateral serve` as a child process on a free loopback port, and stop it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
READY_TIMEOUT_S = 60


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def warm_processed_cache() -> None:
    """Build the processed tables once, as `bilateral serve` will look them up (default cache folder)."""
    subprocess.run([sys.executable, "-c", "from dashboard.processed import build; build()"], cwd=ROOT, check=True)


@contextlib.contextmanager
def serving(port: int | None = None):
    """Yield (process, base URL, start time) of a dashboard child process; terminate it afterwards."""
    port = port or free_port()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "dashboard.cli", "serve", "--host", HOST, "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        yield process, f"http://{HOST}:{port}", started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    """Poll the index page until it answers 200."""
    deadline = time.perf_counter() + READY_TIMEOUT_S
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bilateral serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.01)
    raise TimeoutError(f"no answer from {base} within {READY_TIMEOUT_S} s")


def verdict(measured: float, goal: float) -> str:
    """'PASS' when the measured value is within the goal, else 'FAIL'."""
    return "PASS" if measured <= goal else "FAIL"
