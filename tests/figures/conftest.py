"""Fixtures for figure tests: the bundled datasets processed once per session, on the current trade series and on
the 2002 article's figures."""

import pytest

from dashboard.processed import build


@pytest.fixture(scope="session")
def processed(tmp_path_factory):
    """The bundled datasets, processed as of 2026."""
    return build(as_of_year=2026, cache_dir=tmp_path_factory.mktemp("processed-figures"))


@pytest.fixture(scope="session")
def processed_2002(tmp_path_factory):
    """The bundled datasets with the 2002 article's trade figures, processed as of 2026."""
    return build(
        overrides={"trade": "2002"}, as_of_year=2026, cache_dir=tmp_path_factory.mktemp("processed-2002")
    )
