"""Shared fixtures: the bundled catalog, a throw-away copy of datasets/, and the source pack's location."""

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import DEFAULT_ROOT, Catalog
from tests.repository import Snapshot, snapshot, written

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACK = REPO_ROOT / "snapshots" / "source-pack"  # the pack, sealed (snapshots/README.md)

CACHE_ENV = "BILATERAL_CACHE_DIR"
BROWSER_TESTS = REPO_ROOT / "tests" / "browser"
_CACHE_DIR = pytest.StashKey[Path]()
_REPOSITORY = pytest.StashKey[Snapshot]()


def pytest_configure(config: pytest.Config) -> None:
    """Caches in a throw-away folder for the session and every process it starts (hence os.environ); a snapshot
    of the repository to compare at the end. pytest-xdist workers inherit both from the controller."""
    if hasattr(config, "workerinput"):
        return
    config.stash[_CACHE_DIR] = Path(tempfile.mkdtemp(prefix="bilateral-test-cache-"))
    os.environ[CACHE_ENV] = str(config.stash[_CACHE_DIR])
    config.stash[_REPOSITORY] = snapshot(REPO_ROOT)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/browser is marked `browser` (slow tests carry @pytest.mark.slow themselves)."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test may leave a file in the repository (tests/repository.py says what is not looked at)."""
    before = session.config.stash.get(_REPOSITORY, None)
    paths = written(before, snapshot(REPO_ROOT)) if before is not None else []
    if paths:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write("\n")
        reporter.write_sep("=", f"the tests wrote into the repository {REPO_ROOT}", red=True)
        for path in paths[:20] + ([f"... and {len(paths) - 20} more"] if len(paths) > 20 else []):
            reporter.write_line(f"  {path}", red=True)
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's cache folder."""
    if _CACHE_DIR in config.stash:
        shutil.rmtree(config.stash[_CACHE_DIR], ignore_errors=True)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled datasets."""
    return Catalog(DEFAULT_ROOT)


@pytest.fixture
def datasets_copy(tmp_path) -> Path:
    """A copy of datasets/ that a test may damage."""
    target = tmp_path / "datasets"
    shutil.copytree(DEFAULT_ROOT, target)
    return target


@pytest.fixture(scope="session")
def source_pack() -> Path:
    """The sealed snapshot of the source pack every number comes from (snapshots/source-pack)."""
    if not SOURCE_PACK.is_dir():
        pytest.fail(f"source pack snapshot not found at {SOURCE_PACK}")
    return SOURCE_PACK


def read_pack(source_pack: Path, name: str) -> pd.DataFrame:
    """A source-pack CSV as text cells."""
    return pd.read_csv(source_pack / name, dtype=str, keep_default_na=False)
