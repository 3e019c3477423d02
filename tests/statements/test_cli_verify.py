"""`bilateral verify FILE|-`: the JSON shape, standard input, and bad input refused (exit 1) with nothing stored."""

from __future__ import annotations

import io
import json
import sys

import pytest

from dashboard import cli
from dashboard.catalog import DEFAULT_ROOT
from dashboard.statements import MAX_TEXT_BYTES
from tests.check.helpers import run, tree_digest

KEYS = {
    "sentence",
    "value",
    "unit",
    "currency",
    "year",
    "measure",
    "kind",
    "verdict",
    "basis",
    "matched_value",
    "difference_pct",
    "target_id",
}


def verify(capsys, *args) -> tuple[int, str, str]:
    """`bilateral verify ARGS` in this process."""
    code = cli.main(["verify", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module", autouse=True)
def bundled_digest():
    """datasets/ before and after: verify stores nothing."""
    before = tree_digest(DEFAULT_ROOT)
    yield
    assert tree_digest(DEFAULT_ROOT) == before


def test_json_lists_every_claim_with_the_documented_keys(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Trade passed $100 bn in 2018. 2024年中俄贸易额为1.74万亿元人民币。\n", encoding="utf-8")
    code, out, _ = verify(capsys, path, "--json")
    claims = json.loads(out)["claims"]
    assert code == 0 and len(claims) == 2 and all(KEYS <= set(c) for c in claims)
    # 2018 turnover 107.06 (Chinese customs) is more than 100: 100/107.06 - 1 = -6.59%
    assert (claims[0]["verdict"], claims[0]["basis"], claims[0]["difference_pct"]) == (
        "consistent",
        "Chinese customs",
        -6.59,
    )
    assert claims[1]["verdict"] == "not_checkable" and "no sourced conversion" in claims[1]["evidence"]
    assert claims[1]["currency"] == "cny" and claims[1]["value"] == 1740


def test_standard_input_is_read_with_a_dash(capsys, monkeypatch):
    text = "В 2018 году товарооборот достиг 108,3 млрд долларов."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = verify(capsys, "-", "--json")
    (claim,) = json.loads(out)["claims"]
    assert code == 0 and (claim["verdict"], claim["basis"], claim["matched_value"]) == (
        "consistent",
        "Russian customs",
        108.3,
    )


@pytest.mark.parametrize(
    ("name", "data", "check", "fragment"),
    [
        ("big.txt", b"Trade passed $100 bn in 2018. " * (MAX_TEXT_BYTES // 30 + 1), "text size", "100 kB"),
        ("binary.txt", bytes(range(256)) * 4, "file type", "binary data"),
        ("archive.txt", b"PK\x03\x04" + b"\x00" * 100, "file type", "ZIP archive"),
        (
            "none.txt",
            b"The weather in Moscow was fine in 2018.",
            "no trade statement",
            "no trade statement found",
        ),
        ("markup.txt", b"Trade passed\n<script>alert(1)</script> $100 bn in 2018.", "markup", "<script>"),
        ("latin1.txt", "Trade passed $100 bn in 2018 caf\u00e9.".encode("latin-1"), "encoding", "0xE9"),
        ("empty.txt", b"  \n", "empty text", "empty"),
    ],
)
def test_bad_input_is_refused_with_a_located_message(tmp_path, capsys, name, data, check, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = verify(capsys, path, "--json")
    (failure,) = json.loads(out)["failures"]
    assert code == 1 and failure["file"] == str(path) and failure["check"] == check
    assert fragment in failure["value"] and err.splitlines()[-1].startswith(f"error: {path}")
    if check == "markup":
        assert failure["line"] == 2 and failure["column"] == "character 1"


def test_markup_is_shown_escaped_in_the_table(tmp_path, capsys):
    path = tmp_path / "markup.txt"
    path.write_text("Trade <b>passed</b> $100 bn in 2018.", encoding="utf-8")
    code, out, _ = verify(capsys, path)
    assert code == 1 and "<b>" in out  # printed as text, not swallowed as console markup


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    code, _, err = verify(capsys, tmp_path / "nowhere.txt")
    assert code == 2 and "file not found" in err


@pytest.mark.slow
def test_the_console_script_verifies_a_text_in_three_languages(tmp_path):
    path = tmp_path / "three.txt"
    path.write_text(
        "In 2022 bilateral trade was more than $190 billion.\n"
        "Стороны намерены довести товарооборот до 200 млрд долларов к 2024 году.\n"
        "2019年中俄贸易额约为1200亿美元。\n",
        encoding="utf-8",
    )
    code, out, _ = run("verify", path)
    assert code == 0 and "3 claim(s): 1 consistent, 1 target, 1 inconsistent" in out
