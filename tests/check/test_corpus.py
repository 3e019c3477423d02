"""The malformed-file corpus: through check and datasets add, exit 1, the expected message, datasets/ unchanged."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.catalog import DEFAULT_ROOT, Catalog
from tests.check.helpers import run, tree_digest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(EXPECTED)
DATASET_FILES = [name for name in FILES if not EXPECTED[name].get("check_only")]  # minimal files: check only
# every file goes through dashboard.cli.main (what the console script runs) in-process; these also go through the
# installed console script, one of each kind of failure (a process costs about 2 s of imports)
THROUGH_THE_SCRIPT = (
    "empty.csv",
    "gzip.csv.gz",
    "latin1.csv",
    "extra_field.csv",
    "renamed_column.csv",
    "negative_value.csv",
    "comtrade_no_china_russia.csv",
    "comtrade_partial_months.csv",
)


def matches(failure: dict, file: Path, expected: dict) -> bool:
    """The failure names the file, the expected line and column, the check, and every message fragment."""
    return (
        failure["file"] == str(file)
        and failure["line"] == expected["line"]
        and failure["column"] == expected["column"]
        and failure["check"].startswith(expected["check"])
        and all(fragment in failure["value"] for fragment in expected["fragments"])
    )


@pytest.fixture(scope="module")
def scripted(bundled_digest) -> dict[str, tuple[int, str, str]]:
    """`bilateral check FILE --json` through the console script, a few processes at a time."""

    def check(name):
        return name, run("check", CORPUS / "files" / name, "--json")

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(check, THROUGH_THE_SCRIPT))


@pytest.fixture(autouse=True, scope="module")
def digest_before_anything(bundled_digest) -> None:
    """Take the digest of the real datasets/ before the first corpus file is read."""


def test_the_corpus_has_at_least_25_files_each_with_its_expected_message():
    assert len(FILES) >= 25 and all((CORPUS / "files" / name).is_file() for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_check_refuses_the_file_with_its_message(capsys, name):
    path = CORPUS / "files" / name
    code = cli.main(["check", str(path), "--json"])
    captured = capsys.readouterr()
    _assert_refused(code, captured.out, captured.err, path, EXPECTED[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", THROUGH_THE_SCRIPT)
def test_check_through_the_console_script(scripted, name):
    _assert_refused(*scripted[name], CORPUS / "files" / name, EXPECTED[name])


def _assert_refused(code: int, out: str, err: str, path: Path, expected: dict) -> None:
    """Exit 1; a JSON report naming the file with the expected failure; the first failure on stderr."""
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["input"]["file"] == str(path)
    assert any(matches(f, path, expected) for f in report["failures"]), report["failures"]
    assert err.splitlines()[-1].startswith(f"error: {path}")  # after the line naming the datasets folder


@pytest.mark.parametrize("name", DATASET_FILES)
def test_datasets_add_refuses_the_file_and_writes_nothing(datasets_copy, capsys, name):
    before = tree_digest(datasets_copy)
    path = CORPUS / "files" / name
    code = cli.main(
        [
            "datasets",
            "add",
            "trade",
            str(path),
            "--version",
            "2099-01-01",
            "--note",
            "corpus",
            "--datasets",
            str(datasets_copy),
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and any(matches(f, path, EXPECTED[name]) for f in report["failures"]), report["failures"]
    assert tree_digest(datasets_copy) == before


@pytest.mark.slow
@pytest.mark.parametrize("name", THROUGH_THE_SCRIPT[:4])
def test_datasets_add_through_the_console_script(datasets_copy, name):
    before = tree_digest(datasets_copy)
    path = CORPUS / "files" / name
    code, out, err = run(
        "datasets",
        "add",
        "trade",
        path,
        "--version",
        "2099-01-01",
        "--note",
        "corpus",
        "--datasets",
        datasets_copy,
    )
    assert code == 1 and str(path) in out + err and "Invalid" in out
    assert tree_digest(datasets_copy) == before


@pytest.mark.slow  # needs the scripted runs
def test_the_bundled_datasets_are_unchanged(scripted, bundled_digest):
    """Every file under datasets/ has the sha256 it had before, and every CSV the one its descriptor records."""
    assert tree_digest(DEFAULT_ROOT) == bundled_digest
    catalog = Catalog(DEFAULT_ROOT)
    for name in catalog.active_versions():
        for version in catalog.versions(name):
            assert catalog.integrity_problems(catalog.resolve(name, version)) == []
