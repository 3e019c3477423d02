"""The suite writes nothing into the repository: caches go to a session folder ($BILATERAL_CACHE_DIR, set in
tests/conftest.py for this process and its subprocesses), and the check that runs when the session ends
(tests/repository.py) sees a file a test left behind."""

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.repository import snapshot, written

REPO = Path(__file__).resolve().parent.parent


def test_the_cache_folder_is_a_session_folder_outside_the_repository():
    cache = Path(os.environ["BILATERAL_CACHE_DIR"]).resolve()
    assert cache.is_dir()
    assert REPO not in cache.parents and cache != REPO


def test_subprocesses_inherit_the_cache_folder():
    out = subprocess.run(
        [sys.executable, "-c", "import os; print(os.environ['BILATERAL_CACHE_DIR'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == os.environ["BILATERAL_CACHE_DIR"]


def test_the_check_sees_new_files_and_rewritten_outputs(tmp_path):
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "module.py").write_text("x = 1\n")
    (tmp_path / ".cache" / "processed").mkdir(parents=True)
    (tmp_path / ".cache" / "processed" / "old.pickle").write_bytes(b"old")
    before = snapshot(tmp_path)

    (tmp_path / ".cache" / "figures").mkdir()
    (tmp_path / ".cache" / "figures" / "new.json").write_text("{}")
    stale = tmp_path / ".cache" / "processed" / "old.pickle"
    stale.write_bytes(b"newer")
    os.utime(stale, ns=(time.time_ns(), time.time_ns() + 10**9))
    (tmp_path / "dashboard" / "module.py").write_text("x = 2\n")  # a source edit is not an output

    assert written(before, snapshot(tmp_path)) == [".cache/figures/new.json", ".cache/processed/old.pickle"]


def test_the_check_ignores_what_developers_and_their_tools_keep(tmp_path):
    before = snapshot(tmp_path)
    for folder in (".venv/lib", ".pytest_cache/v", ".ruff_cache", ".mypy_cache/3.11", ".hypothesis/examples"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file").write_text("x")
    (tmp_path / "dashboard" / "__pycache__").mkdir(parents=True)
    (tmp_path / "dashboard" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "pkg.egg-info").mkdir()
    (tmp_path / "pkg.egg-info" / "PKG-INFO").write_text("x")

    assert written(before, snapshot(tmp_path)) == []
