"""China-Russia total rows of a Comtrade file: each year, month, flow and value checked and typed."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.cells import number_problem
from dashboard.ingest.comtrade import Scan
from dashboard.schemas.terms import YEAR_MAX, YEAR_MIN
from dashboard.validation import Failure

ANNUAL_MONTH = "52"  # refMonth of an annual row in Comtrade Plus
USED_FLOWS = ("M", "X")
TYPED_COLUMNS = ["line", "reporter", "flow", "year", "month", "value_usd"]


def typed_rows(scan: Scan, file: str) -> tuple[pd.DataFrame, list[Failure], list[str]]:
    """The total rows as (line, reporter, flow, year, month 0 for annual rows or 1-12, value_usd), the failures
    of rows that cannot be used, and warnings for rows left out (re-exports, re-imports, other flows)."""
    names, failures, rows = scan.names, [], []
    skipped: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    for row in scan.totals().to_dict("records"):
        problems: list[tuple[str, str, str]] = []
        year = _year(row, names, problems)
        month = _month(row, names, year, problems)
        flow = scan.layout.flows.get(row["flow"])
        if not row["flow"]:
            problems.append((names["flow"], "flow", "empty flow code in a total row"))
        value = _value(row, names, problems)
        failures += [
            Failure(file, row["line"], column, check, message) for column, check, message in problems
        ]
        if problems:
            continue
        if flow not in USED_FLOWS:
            skipped[row["flow"]] = skipped.get(row["flow"], 0) + 1
            continue
        key = (row["reporter"], flow, year, month)
        if key in seen:
            failures.append(
                Failure(
                    file,
                    row["line"],
                    None,
                    "duplicate row",
                    f"same reporter, partner, flow and period as line {seen[key]}: counted twice",
                )
            )
            continue
        seen[key] = row["line"]
        rows.append((row["line"], row["reporter"], flow, year, month, value))
    notes = [
        f"{count:,} China-Russia total row(s) with flow {code} (not imports or exports) left out"
        for code, count in sorted(skipped.items())
    ]
    return pd.DataFrame(rows, columns=TYPED_COLUMNS), failures, notes


def _year(row: dict, names: dict, problems: list) -> int | None:
    """The reference year (from the period where the year is empty)."""
    text = row["year"] or (row.get("period") or "")[:4]
    if not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        problems.append(
            (names["year"], "year", f"'{row['year']}' is not a year between {YEAR_MIN} and {YEAR_MAX}")
        )
        return None
    return int(text)


def _month(row: dict, names: dict, year: int | None, problems: list) -> int | None:
    """0 for an annual row, else the month 1-12: from refMonth (Plus) or the period YYYY / YYYYMM (legacy)."""
    if "month" in names and row["month"]:
        text = row["month"]
        if text == ANNUAL_MONTH:
            return 0
        if text.isdigit() and 1 <= int(text) <= 12:
            return int(text)
        problems.append(
            (names["month"], "month", f"'{text}' is neither a month (1-12) nor 52 (an annual row)")
        )
        return None
    period = row.get("period") or ""
    if len(period) == 4 and period.isdigit():
        return 0
    if len(period) == 6 and period.isdigit() and 1 <= int(period[4:]) <= 12 and int(period[:4]) == year:
        return int(period[4:])
    column = names.get("period", names.get("month"))
    problems.append((column, "period", f"'{period}' is neither a year (YYYY) nor a month of {year} (YYYYMM)"))
    return None


def _value(row: dict, names: dict, problems: list) -> float | None:
    """The trade value in US$."""
    text = row["value"]
    if not text:
        problems.append((names["value"], "value", "a total row without a trade value"))
        return None
    problem = number_problem(text, allow_negative=False)
    if problem:
        problems.append((names["value"], *problem))
        return None
    return float(text)
