"""Shared fixtures: the bundled catalog, a throw-away copy of datasets/, and the source pack's location."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import DEFAULT_ROOT, Catalog

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACK = REPO_ROOT / "snapshots" / "source-pack"  # the pack, sealed (snapshots/README.md)


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
