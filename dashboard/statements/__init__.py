"""Numbers held against the sourced series: a file's values (`bilateral check --explain`) and a text's claims."""

from __future__ import annotations

from dashboard.ingest.source import InputFile, refuse
from dashboard.statements.claims import claims_in, sentences
from dashboard.statements.judge import Evidence, judge
from dashboard.statements.text import MAX_TEXT_BYTES, read_text

__all__ = ["MAX_TEXT_BYTES", "Evidence", "verify_file", "verify_text"]


def verify_text(text: str, evidence: Evidence, name: str = "text") -> list[dict]:
    """Every trade claim of a text with its verdict; InputError when the text holds no trade statement."""
    verdicts = [judge(claim, evidence) for sentence in sentences(text) for claim in claims_in(sentence)]
    if not verdicts:
        raise refuse(
            name,
            "no trade statement",
            "no trade statement found: no sentence gives an amount (e.g. '$146.9 billion', '147 млрд долларов', "
            "'1469亿美元') or a growth rate beside a word for trade",
        )
    return verdicts


def verify_file(file: InputFile, evidence: Evidence) -> list[dict]:
    """Read a text (limits, binary and markup refused) and verify it."""
    return verify_text(read_text(file), evidence, file.name)
