"""The target ledger for a view (dataset versions, as-of year) as JSON records and as CSV."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections import OrderedDict

import pandas as pd

from dashboard.figures.shown import neutralise_formulas
from dashboard.pipeline.derive import derive
from dashboard.processed import Processed
from dashboard.targets import LEDGER_KEYS, ledger_records

CSV_SKIPPED_KEYS = ("yearly",)  # a table per target: in the JSON only, as in `bilateral targets --csv`
MEMO_SIZE = 16


class LedgerTables:
    """The ledger of processed tables, re-judged as of another year on demand (memoised, a few at a time)."""

    def __init__(self) -> None:
        self._memo: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    def ledger(self, processed: Processed, as_of_year: int | None) -> pd.DataFrame:
        """The ledger as of `as_of_year` (None: the year the tables were judged in)."""
        if as_of_year is None or as_of_year == processed.as_of_year:
            return processed.derived.ledger
        key = (tuple(sorted(processed.hashes.items())), as_of_year)
        with self._lock:
            if key not in self._memo:
                self._memo[key] = derive(processed.frames, processed.vintages, as_of_year).ledger
                if len(self._memo) > MEMO_SIZE:
                    self._memo.popitem(last=False)
            self._memo.move_to_end(key)
            return self._memo[key]


def ledger_document(processed: Processed, ledger: pd.DataFrame, as_of_year: int) -> dict:
    """The ledger's records with the versions, hashes and as-of year they were judged on."""
    return {
        "as_of_year": as_of_year,
        "versions": dict(processed.versions),
        "sha256": dict(processed.hashes),
        "targets": ledger_records(ledger),
    }


def ledger_csv(ledger: pd.DataFrame) -> bytes:
    """The ledger as CSV: one row per target; lists joined by ';', nested records as JSON; formulas defused."""
    columns = [key for key in LEDGER_KEYS if key not in CSV_SKIPPED_KEYS]
    rows = pd.DataFrame(
        [{key: _cell(record[key]) for key in columns} for record in ledger_records(ledger)], columns=columns
    )
    buffer = io.StringIO()
    neutralise_formulas(rows).to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue().encode("utf-8")


def _cell(value):
    """One ledger value as a CSV cell."""
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return ";".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
