"""The package as a person installs it: a wheel (not editable) into a fresh place, used from an empty folder,
from a folder of their own, and from one holding a damaged copy of datasets/."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", ".cache", "reports", "__pycache__", ".*_cache", ".hypothesis"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources, installed (without its pinned dependencies, which this
    interpreter has) into a folder of its own."""
    work = tmp_path_factory.mktemp("install")
    shutil.copytree(
        REPO, work / "src", ignore=NOT_SOURCE
    )  # building in place would write into the repository
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", work / "wheel", work / "src"], check=True, timeout=600)
    (wheel,) = (work / "wheel").glob("*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", work / "site", wheel], check=True, timeout=600)
    return work / "site"


def bilateral(site: Path, *args, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    """`bilateral ARGS` from the installed wheel, run in `cwd`."""
    env = {**os.environ, "PYTHONPATH": str(site), "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("BILATERAL_DATASETS", None)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_wheel_carries_the_datasets_and_runs_from_an_empty_folder(site, tmp_path):
    bundled = site / "dashboard" / "bundled_datasets"
    assert (bundled / "catalog.json").is_file() and (bundled / "trade" / "2002" / "trade.csv").is_file()
    done = bilateral(site, "validate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"datasets: {bundled}" in done.stderr and "bundled with the package" in done.stderr
    done = bilateral(site, "targets", "--json", cwd=tmp_path)
    ledger = {entry["target_id"]: entry for entry in json.loads(done.stdout)}
    # The 1996 pledge: US$20 bn by 2000 against US$8 bn achieved (the article) -> missed, 40%.
    assert ledger["trade_20bn_by_2000"]["status"] == "missed"
    assert ledger["trade_20bn_by_2000"]["attainment_pct"] == pytest.approx(40.0, abs=0.5)
    assert not list(tmp_path.iterdir())  # nothing written where the command ran


def test_writing_into_the_bundled_copy_is_refused_with_the_way_out(site, tmp_path):
    trade = site / "dashboard" / "bundled_datasets" / "trade" / "2026-11-28" / "trade.csv"
    done = bilateral(
        site, "datasets", "add", "trade", trade, "--version", "2099-01-01", "--note", "x", cwd=tmp_path
    )
    assert done.returncode == 2
    assert "read-only" in done.stderr and "bilateral datasets init DIR" in done.stderr
    assert not (trade.parent.parent / "2099-01-01").exists()


def test_a_copy_of_ones_own_is_found_from_inside_and_a_damaged_one_refused(site, tmp_path):
    done = bilateral(site, "datasets", "init", tmp_path / "mine", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    mine = tmp_path / "mine" / "datasets"
    work = tmp_path / "mine" / "notes"
    work.mkdir()
    done = bilateral(site, "datasets", "list", cwd=work)
    assert done.returncode == 0 and f"datasets: {mine}" in done.stderr and "nearest" in done.stderr
    trade_csv = mine / "trade" / "2026-11-30" / "trade.csv"  # the active version (validate checks it)
    trade_csv.write_bytes(trade_csv.read_bytes().replace(b"1992,turnover,4.63", b"1992,turnover,4.64", 1))
    done = bilateral(site, "validate", "--json", cwd=work)
    assert done.returncode == 1
    descriptor = json.loads((trade_csv.parent / "datapackage.json").read_text())
    expected = descriptor["resources"][0]["hash"].removeprefix("sha256:")
    actual = hashlib.sha256(trade_csv.read_bytes()).hexdigest()
    report = json.dumps(json.loads(done.stdout))
    assert str(trade_csv) in report and expected in report and actual in report
    bundled = site / "dashboard" / "bundled_datasets" / "trade" / "2026-11-28" / "trade.csv"
    assert b"1992,turnover,4.63" in bundled.read_bytes()  # the damage stayed in the user's copy


def test_serve_answers_from_an_empty_folder(site, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("BILATERAL_DATASETS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, page = time.monotonic() + 240, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    page = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the dashboard never answered"
        assert "_dash-config" in page or "dash" in page.lower()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "bundled with the package" in err
