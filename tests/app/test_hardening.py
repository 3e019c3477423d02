"""Hardening: security headers, bounded and well-formed requests, compression, and `serve --prod` under gunicorn."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.app import create_app, ids
from dashboard.app.factory import MAX_REQUEST_BYTES
from dashboard.app.pages import PAGES
from tests.app.conftest import ROUTER, SPECS

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = "/_dash-update-component"
NAV = {
    "output": '{"page":["ALL"],"type":"nav-link"}.href',
    "outputs": [
        {"id": {"page": p, "type": ids.NAV_LINK}, "property": "href"} for p in (page.key for page in PAGES)
    ],
    "inputs": [{"id": "url", "property": "pathname", "value": "/trade"}],
    "changedPropIds": ["url.pathname"],
    "state": [{"id": "url", "property": "search", "value": "?from=2000&to=2010"}],
}
MALFORMED = {
    "bad JSON": (b'{"output": "navigate.data", ', "application/json"),
    "not an object": (b"[1, 2, 3]", "application/json"),
    "not JSON at all": (b"output=navigate.data", "application/x-www-form-urlencoded"),
    "no output": (json.dumps({**ROUTER, "output": None}).encode(), "application/json"),
    "unknown output id": (
        json.dumps(
            {
                **ROUTER,
                "output": "no-such-component.children",
                "outputs": {"id": "no-such-component", "property": "children"},
            }
        ).encode(),
        "application/json",
    ),
    "unknown input id": (
        json.dumps(
            {
                **ROUTER,
                "inputs": [
                    {"id": "no-such-input", "property": "pathname", "value": "/"},
                    ROUTER["inputs"][1],
                ],
            }
        ).encode(),
        "application/json",
    ),
    "unknown pattern id": (
        json.dumps(
            {**NAV, "outputs": [{"id": {"page": "x", "type": "elsewhere"}, "property": "href"}]}
        ).encode(),
        "application/json",
    ),
    "inputs not a list": (json.dumps({**ROUTER, "inputs": "pathname"}).encode(), "application/json"),
    "oversize body": (b'{"output": "' + b"x" * MAX_REQUEST_BYTES + b'"}', "application/json"),
}
READY_TIMEOUT_S = 120


@pytest.fixture(scope="module")
def client(loader):
    """A test client of the app with the stand-in figures."""
    return create_app(loader, specs=SPECS).server.test_client()


def _script_src(policy: str) -> str:
    """The script-src directive of a Content-Security-Policy."""
    return next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))


def _assert_security_headers(headers) -> None:
    """The headers every response carries."""
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in _script_src(policy) and "'sha256-" in _script_src(policy)
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin")


def test_a_page_carries_the_security_headers(client):
    response = client.get("/trade")
    assert response.status_code == 200
    _assert_security_headers(response.headers)


def test_a_callback_response_carries_the_security_headers(client):
    response = client.post(CALLBACK, json=ROUTER)
    assert response.status_code == 200
    _assert_security_headers(response.headers)


def test_the_policy_hashes_every_inline_script_of_the_page(client):
    """Each inline <script> of the index page (clientside callbacks, the renderer) has its hash in script-src."""
    response = client.get("/")
    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.DOTALL)  # IE-only, never run
    scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, flags=re.DOTALL
    )
    assert len(scripts) >= 3
    script_src = _script_src(response.headers["Content-Security-Policy"])
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_an_asset_at_its_fingerprinted_address_is_kept_a_year_and_the_page_is_not(client):
    page = client.get("/")
    address = re.search(r'src="(/assets/frame\.js\?m=[0-9.]+)"', page.get_data(as_text=True)).group(1)
    kept = client.get(address).cache_control
    assert kept.max_age == 31_536_000 and kept.immutable and kept.public and not kept.no_cache
    unfingerprinted = client.get(
        "/assets/frame.js"
    ).cache_control  # the address alone says nothing of the content
    assert unfingerprinted.max_age is None and unfingerprinted.no_cache
    assert page.cache_control.max_age is None  # the page names the current fingerprints: never kept


def test_responses_are_compressed(client):
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_callback_request_gets_a_4xx_and_the_next_request_succeeds(client, kind):
    body, content_type = MALFORMED[kind]
    response = client.post(CALLBACK, data=body, content_type=content_type)
    assert 400 <= response.status_code < 500, (kind, response.status_code)
    assert response.get_json()["error"]
    _assert_security_headers(response.headers)
    assert client.post(CALLBACK, json=ROUTER).status_code == 200
    assert client.post(CALLBACK, json=NAV).status_code == 200


def test_the_413_says_what_the_limit_is(client):
    response = client.post(CALLBACK, data=b"x" * (MAX_REQUEST_BYTES + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["limit_bytes"] == MAX_REQUEST_BYTES
    assert f"{MAX_REQUEST_BYTES:,} bytes" in response.get_json()["error"]


def test_a_well_formed_request_with_a_bad_value_gets_a_handled_error(client):
    """A value a callback cannot use is the callback's business: a message in the page, not a 4xx or a 500."""
    body = {**NAV, "state": [{"id": "url", "property": "search", "value": {"not": "a query string"}}]}
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 200
    assert response.get_json()["sideUpdate"][ids.ERROR_ALERT]["is_open"]
    assert client.post(CALLBACK, json=NAV).status_code == 200


def test_no_component_renders_raw_html():
    offenders = [
        str(path)
        for folder in ("dashboard", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        if "dangerously_allow_html" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.slow
def test_workers_need_prod():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "serve", "--workers", "2"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--prod" in done.stderr


def _free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _get(url: str):
    """(status, headers) of a GET, or None while nothing answers yet (refused, reset, or slow under load)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers
    except OSError:  # URLError, ConnectionError and a read timeout (TimeoutError) are all OSErrors
        return None


@pytest.mark.slow
def test_serve_prod_runs_gunicorn_workers_with_the_headers(tmp_path):
    port, log = _free_port(), tmp_path / "gunicorn.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.cli", "serve", "--prod", "--workers", "2", "--port", str(port)],
            cwd=ROOT,
            stdout=sink,
            stderr=sink,
            start_new_session=True,
        )
    try:
        deadline, answer = time.monotonic() + READY_TIMEOUT_S, None
        while answer is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.25)
            answer = _get(f"http://127.0.0.1:{port}/")
        assert answer is not None, log.read_text()
        status, headers = answer
        assert status == 200 and headers["Server"].startswith("gunicorn")
        _assert_security_headers(headers)
        workers = _children(process.pid)
        assert len(workers) == 2, log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert process.returncode == 0, log.read_text()
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    assert "Booting worker" in log.read_text()
