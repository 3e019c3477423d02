"""`bilateral check`: the target ledger recomputed with a file's trade figures, and what changed against the bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.catalog import Catalog
from dashboard.consistency import ConsistencyWarning
from dashboard.ingest.reader import TradeInput, read_trade_input
from dashboard.ingest.source import InputFile
from dashboard.pipeline.derive import ledger_actuals
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.locations import USER_CACHE, CacheDir
from dashboard.processed import Processed, build
from dashboard.schemas.ledger import LedgerSchema
from dashboard.schemas.trade import TURNOVER
from dashboard.targets import compute_ledger, ledger_frame, ledger_records

COMPARED_KEYS = (
    "status",
    "actual_at_deadline",
    "actual_year",
    "attainment_pct",
    "shortfall",
    "first_reached_year",
    "years_late",
    "baseline_value",
    "required_cagr_pct",
    "actual_cagr_pct",
    "attainment_high_pct",
    "shortfall_high",
    "first_reached_high_year",
    "gap_years",
)


@dataclass
class CheckResult:
    """The ledger on the file's figures, the changes against the bundled active version, and warnings."""

    input: TradeInput
    ledger: list[dict]
    changes: list[dict]
    bundled_versions: dict[str, str]
    as_of_year: int
    warnings: list[ConsistencyWarning] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The object `bilateral check --json` prints."""
        return {
            "input": {
                **self.input.summary(),
                "as_of_year": self.as_of_year,
                "compared_with": {
                    "trade": self.bundled_versions.get("trade"),
                    "targets": self.bundled_versions.get("targets"),
                },
            },
            "ledger": self.ledger,
            "changes": self.changes,
            "warnings": [w.as_dict() for w in self.warnings],
        }


def check_trade(
    trade_input: TradeInput,
    catalog: Catalog | None = None,
    as_of_year: int | None = None,
    cache_dir: CacheDir = USER_CACHE,
    bundled: Processed | None = None,
) -> CheckResult:
    """Judge every target with the file's trade figures in place of the bundled ones (other measures as bundled);
    `bundled` passes the active versions' processed tables already loaded (the dashboard's), else they are built."""
    if bundled is None:
        bundled = build(
            catalog or Catalog(), as_of_year=as_of_year or dt.date.today().year, cache_dir=cache_dir
        )
    as_of_year = bundled.as_of_year
    frames = {**bundled.frames, "trade": trade_input.trade}
    entries = compute_ledger(bundled.frames["targets"], ledger_actuals(frames), as_of_year)
    ledger = ledger_records(LedgerSchema.validate(ledger_frame(entries)))
    warnings = list(trade_input.warnings) + _source_warnings(trade_input, bundled.frames["sources"])
    warnings += _coverage_warnings(trade_input)
    return CheckResult(
        trade_input,
        ledger,
        ledger_changes(ledger_records(bundled.derived.ledger), ledger),
        bundled.versions,
        as_of_year,
        warnings,
    )


def check_file(
    file: InputFile,
    as_: str = "auto",
    catalog: Catalog | None = None,
    as_of_year: int | None = None,
    progress: Callable[[int], None] | None = None,
    bundled: Processed | None = None,
) -> CheckResult:
    """Read and judge a file given as a path or as uploaded bytes (InputFile.from_bytes(data, name)); raises
    InputError, whose `failures` list every located problem, when the file is not valid."""
    catalog = catalog or Catalog()
    return check_trade(read_trade_input(file, as_, catalog, progress), catalog, as_of_year, bundled=bundled)


def ledger_changes(old: list[dict], new: list[dict]) -> list[dict]:
    """Per target whose verdict moved: old and new status and every changed number; status changes first."""
    before = {row["target_id"]: row for row in old}
    changes = []
    for order, row in enumerate(new):
        previous = before.get(row["target_id"])
        if previous is None:
            continue
        fields = [
            {"field": key, "old": previous[key], "new": row[key]}
            for key in COMPARED_KEYS
            if previous[key] != row[key]
        ]
        if fields:
            changes.append(
                {
                    "target_id": row["target_id"],
                    "title": row["title"],
                    "status_changed": previous["status"] != row["status"],
                    "old_status": previous["status"],
                    "new_status": row["status"],
                    "fields": fields,
                    "_order": order,
                }
            )
    changes.sort(key=lambda change: (not change["status_changed"], change["_order"]))
    return [{key: value for key, value in change.items() if key != "_order"} for change in changes]


def _source_warnings(trade_input: TradeInput, sources: pd.DataFrame) -> list[ConsistencyWarning]:
    """Source ids of a native file that the bundled sources dataset lacks (fatal for `datasets add`, not here)."""
    if trade_input.format != "native":
        return []
    known = set(sources["source_id"].dropna())
    return [
        ConsistencyWarning(
            "trade",
            trade_input.file,
            line,
            "unresolved_source",
            f"source id '{source}' is not in the bundled sources dataset",
        )
        for line, source in zip(trade_input.line_numbers, trade_input.trade["source_id"])
        if source not in known
    ]


def _coverage_warnings(trade_input: TradeInput) -> list[ConsistencyWarning]:
    """Say so when the file gives no preferred turnover: the trade targets then have no observation."""
    trade = trade_input.trade
    if ((trade["measure"] == TURNOVER) & trade["preferred"].astype(bool)).any():
        return []
    return [
        ConsistencyWarning(
            "trade",
            trade_input.file,
            None,
            "coverage",
            f"the file has no preferred turnover row: every {LEDGER_MEASURE} target has no observation",
        )
    ]
