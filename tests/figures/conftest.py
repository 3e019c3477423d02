"""Fixtures for figure tests: the bundled datasets processed once per session."""

import pytest

from dashboard.processed import build


@pytest.fixture(scope="session")
def processed(tmp_path_factory):
    """The bundled datasets, processed as of 2026."""
    return build(as_of_year=2026, cache_dir=tmp_path_factory.mktemp("processed-figures"))
