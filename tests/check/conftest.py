"""Fixtures of the check and datasets tests: the bundled datasets digest and synthetic files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.catalog import DEFAULT_ROOT
from tests.check.helpers import tree_digest
from tests.check.synthetic import comtrade_export_lines, write


@pytest.fixture(scope="session")
def bundled_digest() -> dict[str, str]:
    """The digest of the real datasets/ before the tests touch anything."""
    return tree_digest(DEFAULT_ROOT)


@pytest.fixture
def export_csv(tmp_path) -> Path:
    """A synthetic Comtrade Plus export with China- and Russia-reported totals and rows that must not count."""
    return write(tmp_path / "comtrade_export.csv", comtrade_export_lines())
