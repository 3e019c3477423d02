"""The sentence corpus: every claim of 38 sentences (English, Russian, Chinese) against its hand-worked verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.processed import build
from dashboard.statements import Evidence, verify_text

CORPUS = json.loads((Path(__file__).resolve().parent / "corpus.json").read_text(encoding="utf-8"))
COMPARED = ("kind", "unit", "currency", "year", "measure", "verdict", "basis", "target_id")


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    """The bundled trade and targets, indexed."""
    bundled = build(as_of_year=2026, cache_dir=None)
    return Evidence.from_frames(bundled.frames["trade"], bundled.frames["targets"])


def test_the_corpus_has_at_least_ten_sentences_per_language_and_every_kind():
    languages = [entry["language"] for entry in CORPUS]
    assert all(languages.count(lang) >= 10 for lang in ("en", "ru", "zh"))
    claims = [claim for entry in CORPUS for claim in entry["claims"]]
    assert {c["kind"] for c in claims} == {"level", "growth", "target"}
    assert {c["verdict"] for c in claims} == {"consistent", "inconsistent", "target", "not_checkable"}
    assert sum(len(entry["claims"]) > 1 for entry in CORPUS) >= 5  # sentences with two numbers


@pytest.mark.parametrize("entry", CORPUS, ids=[e["sentence"][:40] for e in CORPUS])
def test_each_sentence_gives_its_hand_worked_verdicts(evidence, entry):
    found = verify_text(entry["sentence"], evidence)
    assert len(found) == len(entry["claims"]), found
    for claim, expected in zip(found, entry["claims"]):
        assert {k: claim[k] for k in COMPARED} == {k: expected.get(k) for k in COMPARED}, expected[
            "arithmetic"
        ]
        assert claim["value"] == pytest.approx(expected["value"])
        if expected.get("matched_value") is not None:
            assert claim["matched_value"] == pytest.approx(expected["matched_value"])
        if expected.get("difference_pct") is not None:
            assert claim["difference_pct"] == pytest.approx(expected["difference_pct"], abs=0.005)
        assert claim["sentence"] == entry["sentence"] and claim["evidence"]


def test_the_sentences_read_as_one_text_give_the_same_claims(evidence):
    text = "\n".join(entry["sentence"] for entry in CORPUS)
    found = verify_text(text, evidence)
    assert [(c["sentence"], c["verdict"]) for c in found] == [
        (entry["sentence"], claim["verdict"]) for entry in CORPUS for claim in entry["claims"]
    ]
