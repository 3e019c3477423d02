"""The unit normaliser: '$146.9 billion', '146,9 млрд долларов', '1469亿美元' -> value in bn, its rounding, currency."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.statements.lexicon import FLAGS

# a number as written: 1,469.5 / 146,9 / 1 469 / 2401.1 (no sign: growth takes its sign from the words)
NUMBER = r"\d+(?:[\u00a0\u202f ]\d{3})*(?:[.,]\d+)*"
SCALES: dict[str, float] = {  # a scale word -> US$ (or yuan) bn per unit
    "trillion": 1000.0,
    "tn": 1000.0,
    "трлн": 1000.0,
    "триллион": 1000.0,
    "万亿": 1000.0,
    "千亿": 100.0,
    "billion": 1.0,
    "bn": 1.0,
    "bln": 1.0,
    "b": 1.0,
    "млрд": 1.0,
    "миллиард": 1.0,
    "亿": 0.1,
    "million": 0.001,
    "mn": 0.001,
    "млн": 0.001,
    "миллион": 0.001,
    "万": 0.00001,
}
SCALE = (
    r"trillions?|tn\b|трлн\.?|триллион\w*|万亿|千亿|billions?|bn\b|bln\b|b\b|млрд\.?|миллиард\w*|亿"
    r"|millions?|mn\b|млн\.?|миллион\w*|万"
)
USD = r"US\$|\$|USD|U\.S\. dollars?|US dollars?|dollars?|долл(?:ар\w*|\.)|美元"
CNY = r"yuan|RMB|CNY|¥|юан\w*|人民币|元"
RUB = r"roubles?|rubles?|руб\w*\.?|卢布"
CURRENCY = f"(?P<usd{{n}}>{USD})|(?P<cny{{n}}>{CNY})|(?P<rub{{n}}>{RUB})"
AMOUNT = re.compile(
    f"(?:(?:{CURRENCY.format(n=1)})\\s?)?(?P<number>{NUMBER})\\s?(?P<scale>{SCALE})"
    f"(?:\\s?(?:of\\s)?(?:{CURRENCY.format(n=2)}))?",
    FLAGS,
)
PERCENT = re.compile(f"(?P<number>{NUMBER})\\s?(?:%|％|per ?cent\\b|percent\\b|процент\\w*)", FLAGS)
YEAR = re.compile(
    r"(?<![\d.,])(?P<year>19[5-9]\d|20\d\d)(?![\d.,]?\d)(?!\s?(?:%|亿|万|bn|billion|млрд))", FLAGS
)


@dataclass(frozen=True)
class Number:
    """A number as read: its value, the half-unit of its last digit (its rounding), in the unit it is given in."""

    value: float
    rounding: float


@dataclass(frozen=True)
class Amount:
    """A money amount normalised to bn of its currency (usd, cny, rub, or None when the text names none)."""

    value_bn: float
    rounding_bn: float
    currency: str | None
    as_read: str
    start: int
    end: int


def read_number(text: str, language: str) -> Number:
    """'1,469.5' -> 1469.5; '146,9' (Russian) -> 146.9; '1 469' -> 1469; the rounding is half the last digit."""
    digits = re.sub(r"[\u00a0\u202f ]", "", text)
    if "," in digits and "." in digits:
        digits = digits.replace(",", "")
    elif "," in digits:
        groups = digits.split(",")
        thousands = language != "ru" and all(len(g) == 3 for g in groups[1:])
        digits = digits.replace(",", "") if thousands or len(groups) > 2 else digits.replace(",", ".")
    if digits.count(".") > 1:  # '1.469.500': dots as thousands separators
        digits = digits.replace(".", "")
    decimals = len(digits.partition(".")[2])
    return Number(float(digits), 0.5 * 10.0**-decimals)


def read_amount(match: re.Match, language: str) -> Amount:
    """An AMOUNT match normalised: value and rounding in bn, currency from the words before or after it."""
    number = read_number(match["number"], language)
    factor = _scale(match["scale"])
    return Amount(
        number.value * factor,
        number.rounding * factor,
        _currency(match),
        match.group(0).strip(),
        match.start(),
        match.end(),
    )


def _scale(word: str) -> float:
    """The factor of a scale word to bn."""
    key = word.lower().rstrip(".")
    for name, factor in SCALES.items():
        if key == name or (len(name) > 3 and key.startswith(name)) or key == name + "s":
            return factor
    raise ValueError(f"unknown scale {word!r}")  # the SCALE pattern and SCALES disagree: a bug


def _currency(match: re.Match) -> str | None:
    """usd, cny, rub or None."""
    for code in ("usd", "cny", "rub"):
        if match[f"{code}1"] or match[f"{code}2"]:
            return code
    return None
