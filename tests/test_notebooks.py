"""The notebooks run top to bottom with nbclient in a temporary folder, offline, and write nothing into the repo."""

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # a Jupyter kernel per notebook

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9]*.py"))
WATCHED = ("notebooks", "datasets", "reports", ".cache")  # where a careless notebook would write
CELL_TIMEOUT_S = 300


def snapshot() -> dict[str, tuple[int, int]]:
    """Size and modification time of every file in the watched folders and at the top of the repository."""
    files = [p for p in REPO.iterdir() if p.is_file()]
    files += [
        p
        for name in WATCHED
        if (REPO / name).is_dir()
        for p in (REPO / name).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    return {str(p.relative_to(REPO)): (p.stat().st_size, p.stat().st_mtime_ns) for p in files}


def test_there_are_at_least_two_notebooks():
    assert [p.name for p in NOTEBOOKS][:2] == [
        "01_trade_against_the_pledges.py",
        "02_claims_estimates_and_measures.py",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_and_writes_nothing_into_the_repository(path, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # the kernel inherits it
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(proxy, "http://127.0.0.1:9")  # anything that tries the network fails fast
    notebook = jupytext.read(path)
    before = snapshot()
    NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()  # raises CellExecutionError
    assert snapshot() == before
