"""Serving imports only what serving needs: `bilateral serve` and the app it builds load no Kaleido, rich or report,
and with the processed tables cached, no pandera (schemas are for building tables, not for serving them)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard import cli

pytestmark = pytest.mark.slow  # a fresh interpreter: what one process imports is only seen in a new one

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_SERVING = ("kaleido", "rich", "dashboard.report")
SERVE_PATH = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from dashboard import cli
    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
        cli.main(["serve", "--help"])  # what `bilateral serve` imports before it serves
    from dashboard.app import create_app, make_loader  # `serve`, one process
    from dashboard.app.production import build_app  # `serve --prod`: each worker builds the app with this
    from dashboard.catalog import Catalog
    app = create_app(make_loader(Catalog(), cache_dir={cache!r}), catalog=Catalog())
    client = app.server.test_client()
    pages = [client.get(page).status_code for page in ("/", "/trade", "/_dash-layout", "/_dash-dependencies")]
    for path in ("/", "/trade"):  # the router's answer: what a browser asks for to draw the page
        body = {{
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{{"id": "_pages_content", "property": "children"}}, {{"id": "_pages_store", "property": "data"}}],
            "inputs": [{{"id": "_pages_location", "property": "pathname", "value": path}},
                       {{"id": "_pages_location", "property": "search", "value": ""}}],
            "changedPropIds": ["_pages_location.pathname"],
            "state": [],
        }}
        pages.append(client.post("/_dash-update-component", json=body).status_code)
    print(json.dumps({{"pages": pages, "modules": sorted(sys.modules)}}))
    """
)


def imported(name: str, modules: list[str]) -> bool:
    """Whether `name` or one of its submodules was imported."""
    return any(module == name or module.startswith(name + ".") for module in modules)


def serve_once(cache: Path) -> dict:
    """Pages answered and modules imported by a fresh interpreter that builds the app and serves two pages."""
    done = subprocess.run(
        [sys.executable, "-c", SERVE_PATH.format(cache=str(cache))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["pages"] == [200, 200, 200, 200, 200, 200]
    assert imported("dashboard.app", seen["modules"])  # the check can see what the app imports
    return seen


def test_serving_imports_no_kaleido_rich_or_report_code(tmp_path):
    first = serve_once(tmp_path)  # the processed tables are built (and validated, with pandera) and cached
    assert [name for name in NOT_FOR_SERVING if imported(name, first["modules"])] == []
    assert imported("pandera", first["modules"])
    again = serve_once(tmp_path)  # read from the cache: nothing to validate
    assert [name for name in (*NOT_FOR_SERVING, "pandera") if imported(name, again["modules"])] == []


def test_a_command_registers_only_its_own_parser_and_help_lists_every_command():
    assert cli._named_command(["serve", "--port", "8051"]) == "serve"
    assert cli._named_command(["--help"]) is None and cli._named_command(["serv"]) is None
    only = cli.build_parser("serve")
    assert only.parse_args(["serve", "--port", "8051"]).port == 8051
    every = cli.build_parser()
    choices = every._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(choices) == list(cli.COMMANDS)
