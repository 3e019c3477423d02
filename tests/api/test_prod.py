"""The data API under `bilateral serve --prod` (gunicorn): every described route answers, with the same headers."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 120
ORIGIN = "https://a.example"
PATH_VALUES = {"name": "trade", "version": "2002", "chart_id": "trade_flows"}


def _free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET, HTTP errors included; None while nothing answers yet."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except OSError:  # refused, reset, or a read timeout while the workers start
        return None


@pytest.mark.slow
def test_every_route_answers_under_serve_prod(tmp_path):
    port, log = _free_port(), tmp_path / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "dashboard.cli",
        "serve",
        "--prod",
        "--workers",
        "1",
        "--port",
        str(port),
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "--embed-origins", ORIGIN],
            cwd=ROOT,
            stdout=sink,
            stderr=sink,
            start_new_session=True,
        )
    try:
        deadline, answer = time.monotonic() + READY_TIMEOUT_S, None
        while answer is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.25)
            answer = _get(base + "/api/v1")
        assert answer is not None and answer[0] == 200, log.read_text()
        assert answer[1]["Server"].startswith("gunicorn")
        document = json.loads(_get(base + "/api/v1/openapi.json")[2])
        for path, item in document["paths"].items():
            required = [p["name"] for p in item["get"]["parameters"] if p["in"] == "query" and p["required"]]
            query = "?" + "&".join(f"{name}=trade_flows" for name in required) if required else ""
            status, headers, _ = _get(
                base + re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path) + query
            )
            assert status == 200, (path, log.read_text()[-2000:])
            assert headers["X-Content-Type-Options"] == "nosniff"
            framing = "frame-ancestors " + (ORIGIN if path.startswith("/embed/") else "'none'")
            assert framing in headers["Content-Security-Policy"], path
            assert (headers.get("X-Frame-Options") is None) == path.startswith("/embed/"), path
        status, headers, _ = _get(base + "/api/v1/charts/trade_flows.csv?from=2000")
        assert (
            _get(base + "/api/v1/charts/trade_flows.csv?from=2000", {"If-None-Match": headers["ETag"]})[0]
            == 304
        )
        status, _, body = _get(base + "/api/v1/charts/trade_flows.csv?from=then")
        assert status == 400 and json.loads(body)["parameter"] == "from"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert process.returncode == 0, log.read_text()
