"""Shared fixtures: the bundled catalog, a throw-away copy of datasets/, and the source pack's location."""

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalog import DEFAULT_ROOT, Catalog

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACK = Path(os.environ.get("BILATERAL_SOURCE_PACK", REPO_ROOT.parent / "shared" / "sources"))


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
    """The read-only source pack every number comes from (../shared/sources)."""
    if not SOURCE_PACK.is_dir():
        pytest.fail(f"source pack not found at {SOURCE_PACK} (set BILATERAL_SOURCE_PACK)")
    return SOURCE_PACK


def read_pack(source_pack: Path, name: str) -> pd.DataFrame:
    """A source-pack CSV as text cells."""
    return pd.read_csv(source_pack / name, dtype=str, keep_default_na=False)
