"""Cell-level problems a schema would miss or word badly: formulas, thousands separators, NaN spelled out."""

from __future__ import annotations

import re

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,'\u00a0\u202f ]\d{3})+(\.\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
FORMULA = re.compile(r"^(=|@|[+-]\s*[A-Za-z(])")
MISSING_WORDS = {
    "nan",
    "na",
    "n/a",
    "#n/a",
    "null",
    "none",
    "inf",
    "+inf",
    "-inf",
    "infinity",
    "-infinity",
    "-",
    "--",
    "...",
    "#value!",
    "#ref!",
    "#div/0!",
}


def formula_problem(text: str) -> str | None:
    """A message when a cell holds a spreadsheet formula instead of a value."""
    if text and FORMULA.match(text) and text.strip().lower() not in MISSING_WORDS:
        return f"'{text}' is a spreadsheet formula, not a value: paste values only (and never open a formula cell)"
    return None


def number_problem(text: str, allow_negative: bool = True) -> tuple[str, str] | None:
    """(check, message) when a non-empty cell of a number column is not a plain decimal number."""
    value = text.strip()
    if value.lower() in MISSING_WORDS:
        return "missing value", f"'{text}' stands for a missing value: leave the cell empty"
    if NUMBER.match(value):
        if not allow_negative and value.startswith("-") and float(value) != 0:
            return "non-negative", f"'{text}' is negative: trade values cannot be"
        return None
    if THOUSANDS.match(value):
        ambiguous = value.count(",") == 1 and "." not in value
        hint = f" (or {value.replace(',', '.')} if the comma is a decimal comma)" if ambiguous else ""
        return "thousands separator", f"'{text}' has a thousands separator: write {_plain(value)}{hint}"
    if DECIMAL_COMMA.match(value):
        return "decimal point", f"'{text}' uses a decimal comma: write {value.replace(',', '.')}"
    return "number", f"'{text}' is not a number"


def integer_problem(text: str) -> tuple[str, str] | None:
    """(check, message) when a non-empty cell of an integer column is not a whole number."""
    problem = number_problem(text)
    if problem:
        return problem
    if float(text) != int(float(text)):
        return "integer", f"'{text}' is not a whole number"
    return None


def _plain(value: str) -> str:
    """A number without its thousands separators."""
    return re.sub(r"[,'\u00a0\u202f ]", "", value)
