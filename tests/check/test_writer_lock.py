"""Never lose a version: one writer at a time per datasets folder, and a killed writer's leftovers cleaned."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dashboard.catalog import Catalog
from dashboard.writer_lock import STAGING, writer_lock
from tests.check.helpers import run, tree_digest

TRADE_CSV = Path("trade") / "2026-11-28" / "trade.csv"

# A writer killed with SIGKILL at a chosen step: os.rename (staging -> version) or os.replace (the catalog).
KILLED_AT = """
import os, signal, sys
from dashboard.cli import main
def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(os, sys.argv[1], die)
main(sys.argv[2:])
"""


def add_args(root: Path, version: str, activate: bool = True) -> list[str]:
    """`datasets add` of the current trade CSV as a new version of trade in `root`."""
    args = ["datasets", "add", "trade", str(root / TRADE_CSV), "--version", version, "--note", "test"]
    return args + (["--activate"] if activate else []) + ["--datasets", str(root)]


def test_a_second_writer_waits_then_fails_with_a_clear_message(datasets_copy, monkeypatch):
    monkeypatch.setenv("BILATERAL_LOCK_TIMEOUT_S", "0.5")
    before = tree_digest(datasets_copy)
    with writer_lock(datasets_copy):
        code, _, err = run(*add_args(datasets_copy, "2027-01-01"))
    assert code == 1
    assert "another 'bilateral datasets' command is writing" in err and "waited 0.5 s" in err
    assert tree_digest(datasets_copy) == before


def test_a_second_writer_goes_ahead_once_the_first_has_finished(datasets_copy, monkeypatch):
    monkeypatch.setenv("BILATERAL_LOCK_TIMEOUT_S", "120")
    held = threading.Event()

    def hold_for_a_second():
        with writer_lock(datasets_copy):
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold_for_a_second)
    holder.start()
    held.wait()
    started = time.monotonic()
    code, _, err = run(*add_args(datasets_copy, "2027-01-02"))
    holder.join()
    assert code == 0, err
    assert time.monotonic() - started >= 1.0  # it waited for the lock (a lower bound: safe under load)
    assert Catalog(datasets_copy).active_versions()["trade"] == "2027-01-02"


@pytest.mark.slow  # new processes
def test_two_adds_at_once_both_land_and_the_catalog_is_whole(datasets_copy):
    env = {**os.environ, "BILATERAL_LOCK_TIMEOUT_S": "300", "NO_COLOR": "1"}
    bilateral = Path(sys.executable).parent / "bilateral"
    writers = [
        subprocess.Popen(
            [bilateral, *add_args(datasets_copy, version)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for version in ("2027-02-01", "2027-02-02")
    ]
    results = [(w.wait(timeout=300), w.stderr.read()) for w in writers]
    assert [code for code, _ in results] == [0, 0], results
    catalog = Catalog(datasets_copy)
    assert {"2027-02-01", "2027-02-02"} <= set(catalog.versions("trade"))
    for version in ("2027-02-01", "2027-02-02"):
        catalog.verify(catalog.resolve("trade", version))  # both sealed, neither half-written
    active = json.loads((datasets_copy / "catalog.json").read_text())["active"]["trade"]
    assert active in ("2027-02-01", "2027-02-02")
    assert not (datasets_copy / STAGING).exists()


@pytest.mark.slow  # new processes
@pytest.mark.parametrize("step", ["rename", "replace"])
def test_a_writer_killed_mid_way_loses_nothing_and_the_next_command_cleans_up(datasets_copy, step):
    catalog_before = (datasets_copy / "catalog.json").read_bytes()
    before = tree_digest(datasets_copy)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_AT, step, *add_args(datasets_copy, "2027-03-01")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == -9, done.stderr  # SIGKILL: no clean-up handler ran
    assert (datasets_copy / "catalog.json").read_bytes() == catalog_before  # never half-written
    assert json.loads(catalog_before)["active"]["trade"] == "2026-11-30"  # the active version
    if step == "rename":  # killed with the version complete in staging, before the rename
        assert any((datasets_copy / STAGING).iterdir())
        code, _, err = run("datasets", "list", "--datasets", datasets_copy)
        assert code == 0
        assert "removed 1 unfinished version(s)" in err and "interrupted command" in err
        assert not (datasets_copy / STAGING).exists()
        assert tree_digest(datasets_copy) == before
    else:  # killed while pinning it: the version is complete and sealed, the catalog still names the old one
        catalog = Catalog(datasets_copy)
        catalog.verify(catalog.resolve("trade", "2027-03-01"))
        assert catalog.active_versions()["trade"] == "2026-11-30"
