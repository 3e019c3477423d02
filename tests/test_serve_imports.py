"""Serving imports only what serving needs: `bilateral serve` and the app it builds load no Kaleido, rich or report."""

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
    print(json.dumps({{"pages": pages, "modules": sorted(sys.modules)}}))
    """
)


def imported(name: str, modules: list[str]) -> bool:
    """Whether `name` or one of its submodules was imported."""
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_serving_imports_no_kaleido_rich_or_report_code(tmp_path):
    script = SERVE_PATH.format(cache=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["pages"] == [200, 200, 200, 200]
    assert imported("dashboard.app", seen["modules"])  # the check can see what the app imports
    assert [name for name in NOT_FOR_SERVING if imported(name, seen["modules"])] == []


def test_a_command_registers_only_its_own_parser_and_help_lists_every_command():
    assert cli._named_command(["serve", "--port", "8051"]) == "serve"
    assert cli._named_command(["--help"]) is None and cli._named_command(["serv"]) is None
    only = cli.build_parser("serve")
    assert only.parse_args(["serve", "--port", "8051"]).port == 8051
    every = cli.build_parser()
    choices = every._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(choices) == list(cli.COMMANDS)
