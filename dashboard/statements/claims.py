"""Finding trade statements in a text: sentences, then every amount or growth rate in them, read with its year,
measure, bound and kind (level, growth, target) by patterns and the lexicon; no model, the same text always gives
the same claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dashboard.schemas.terms import TURNOVER
from dashboard.statements.lexicon import (
    ANNUAL,
    BOUND_PATTERN,
    BOUND_WINDOW,
    DEADLINE,
    GROWTH_PATTERN,
    MEASURE_PATTERN,
    MEASURE_WORDS,
    TARGET_WORDS,
)
from dashboard.statements.numbers import AMOUNT, PERCENT, YEAR, read_amount, read_number

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？；])|\n\s*\n")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
CJK = re.compile(r"[\u4e00-\u9fff]")
LEVEL, GROWTH, TARGET = "level", "growth", "target"
YEAR_AFTER_WINDOW = 30  # a year this close after a number ('$100 bn in 2018') is its year


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text, its first line and its language (en, ru or zh, from its script)."""

    text: str
    line: int
    language: str


@dataclass(frozen=True)
class Claim:
    """One number of a trade statement, as read."""

    sentence: Sentence
    kind: str  # level, growth or target
    value: float  # bn of `currency` for a level or target; % for growth (signed)
    rounding: float  # half the last stated digit, in the same unit
    unit: str  # "bn" or "%"
    currency: str | None  # usd, cny, rub, or None (growth, or no currency named)
    year: int | None
    measure: str
    bound: str | None  # above, below, about, or None (exact)
    annual: bool  # "a year": matches an annual-rate target
    as_read: str


def sentences(text: str) -> Iterator[Sentence]:
    """The text's sentences (split after . ! ? and Chinese 。！？, and at blank lines), with line numbers."""
    position, line = 0, 1
    for match in [*SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            first_line = line + chunk.count("\n", 0, lead)
            yield Sentence(" ".join(stripped.split()), first_line, language(stripped))
        if match is None:
            break
        line += text.count("\n", position, match.end())
        position = match.end()


def language(text: str) -> str:
    """zh for Chinese characters, ru for Cyrillic, else en."""
    if CJK.search(text):
        return "zh"
    return "ru" if CYRILLIC.search(text) else "en"


def claims_in(sentence: Sentence) -> list[Claim]:
    """Every trade claim of a sentence: amounts (levels or targets) and growth rates; none without a trade word."""
    text = sentence.text
    measures = [(m.start(), _measure_of(m)) for m in MEASURE_PATTERN.finditer(text)]
    if not measures:
        return []
    amounts = [read_amount(m, sentence.language) for m in AMOUNT.finditer(text)]
    taken = [(a.start, a.end) for a in amounts]
    percents = [m for m in PERCENT.finditer(text) if not _inside(m.start(), taken)]
    if not amounts and not percents:
        return []
    years = [(m.start(), int(m["year"])) for m in YEAR.finditer(text) if not _inside(m.start(), taken)]
    deadlines = [(m.start(), int(next(g for g in m.groups() if g))) for m in DEADLINE.finditer(text)]
    is_target = bool(deadlines or TARGET_WORDS.search(text))
    annual = bool(ANNUAL.search(text))
    found = []
    for amount in amounts:
        year = _deadline_of(amount.end, deadlines) if is_target else None
        year = year or _year_of(amount.start, amount.end, years, taken)
        found.append(
            Claim(
                sentence,
                TARGET if is_target else LEVEL,
                amount.value_bn,
                amount.rounding_bn,
                "bn",
                amount.currency,
                year,
                _nearest(amount.start, measures),
                _bound(text, amount.start),
                annual,
                amount.as_read,
            )
        )
    for match in percents:
        sign = _growth_sign(text, match.start())
        if sign is None:
            continue  # a share or a rate that is not a change in trade
        number = read_number(match["number"], sentence.language)
        found.append(
            Claim(
                sentence,
                TARGET if is_target else GROWTH,
                sign * number.value,
                number.rounding,
                "%",
                None,
                (_deadline_of(match.end(), deadlines) if is_target else None)
                or _year_of(match.start(), match.end(), years, taken),
                _nearest(match.start(), measures),
                _bound(text, match.start()),
                annual,
                match.group(0).strip(),
            )
        )
    return sorted(found, key=lambda c: text.find(c.as_read))


def _measure_of(match: re.Match) -> str:
    """The measure of a MEASURE_PATTERN match (from its named group)."""
    index = int(next(name for name, value in match.groupdict().items() if value)[1:])
    return MEASURE_WORDS[index][1]


def _nearest(position: int, measures: list[tuple[int, str]]) -> str:
    """The measure named nearest before a number, else the first named after it."""
    before = [measure for start, measure in measures if start < position]
    if before:
        return before[-1]
    return measures[0][1] if measures else TURNOVER


def _deadline_of(end: int, deadlines: list[tuple[int, int]]) -> int | None:
    """A target's deadline: the first one after the amount ('$200 billion by 2020'), else the last before it."""
    after = [year for pos, year in deadlines if pos >= end]
    before = [year for pos, year in deadlines if pos < end]
    return after[0] if after else (before[-1] if before else None)


def _year_of(start: int, end: int, years: list[tuple[int, int]], taken: list[tuple[int, int]]) -> int | None:
    """A number's year: the first year shortly after it with no other amount between ('$100 bn in 2018'), else
    the nearest year before it, else the nearest anywhere."""
    after = [(pos, year) for pos, year in years if end <= pos <= end + YEAR_AFTER_WINDOW]
    if after and not any(end <= s < after[0][0] for s, _ in taken):
        return after[0][1]
    before = [year for pos, year in years if pos < start]
    if before:
        return before[-1]
    return years[0][1] if years else None


def _bound(text: str, position: int) -> str | None:
    """above, below or about when a bound word stands just before the number (the nearest one), else None."""
    window = text[max(0, position - BOUND_WINDOW) : position]
    found = None
    for match in BOUND_PATTERN.finditer(window):
        found = match.lastgroup
    return found


def _growth_sign(text: str, position: int) -> int | None:
    """+1 or -1 from the growth word nearest before the percentage (else just after it); None without one."""
    words = [(m.start(), m.lastgroup) for m in GROWTH_PATTERN.finditer(text)]
    before = [kind for start, kind in words if start < position]
    kind = before[-1] if before else next((k for s, k in words if s > position), None)
    if kind is None:
        return None
    return 1 if kind == "up" else -1


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a position falls in one of the spans."""
    return any(start <= position < end for start, end in spans)
