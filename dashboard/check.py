"""`bilateral check`: the target ledger recomputed with a file's trade figures, and what changed against the bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from dashboard.catalog import Catalog
from dashboard.consistency import ConsistencyWarning
from dashboard.ingest.reader import TradeInput, read_trade_input
from dashboard.ingest.source import InputFile
from dashboard.locations import USER_CACHE, CacheDir
from dashboard.pipeline.derive import ledger_actuals
from dashboard.pipeline.trade import LEDGER_MEASURE
from dashboard.processed import Processed, build
from dashboard.schemas.ledger import LedgerSchema
from dashboard.schemas.trade import TURNOVER, TradeSchema
from dashboard.statements.evidence import explain
from dashboard.targets import compute_ledger, ledger_figures, ledger_frame, ledger_plans, ledger_records

MERGE, REPLACE = "merge", "replace"

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
    coverage: dict = field(default_factory=dict)  # how the file's years sit over the bundled series
    trade: pd.DataFrame | None = None  # the trade rows the ledger was judged on (merged or the file's alone)
    bundled_trade: pd.DataFrame | None = field(default=None, repr=False)  # the sourced rows `explained` uses

    @cached_property
    def explained(self) -> list[dict]:
        """Each of the file's values against the sourced bases; worked out when first asked for (about a second
        for a file of many years, which `check` without --explain need not wait for)."""
        return explain(self.input.trade, self.bundled_trade) if self.bundled_trade is not None else []

    def as_dict(self, with_explain: bool = False) -> dict:
        """The object `bilateral check --json` prints (with --explain, also "explain")."""
        extra = {"explain": self.explained} if with_explain else {}
        return {
            "input": {
                **self.input.summary(),
                "as_of_year": self.as_of_year,
                "coverage": self.coverage,
                "compared_with": {
                    "trade": self.bundled_versions.get("trade"),
                    "targets": self.bundled_versions.get("targets"),
                },
            },
            "ledger": self.ledger,
            "changes": self.changes,
            "warnings": [w.as_dict() for w in self.warnings],
            **extra,
        }


def check_trade(
    trade_input: TradeInput,
    catalog: Catalog | None = None,
    as_of_year: int | None = None,
    cache_dir: CacheDir = USER_CACHE,
    bundled: Processed | None = None,
    replace: bool = False,
) -> CheckResult:
    """Judge every target with the file's trade figures over the bundled ones: by default each (year, measure)
    the file gives replaces only that year of the bundled series; with `replace` the file's series stands alone
    (other measures as bundled either way). `bundled` passes the active versions' processed tables already
    loaded (the dashboard's), else they are built."""
    if bundled is None:
        bundled = build(
            catalog or Catalog(), as_of_year=as_of_year or dt.date.today().year, cache_dir=cache_dir
        )
    as_of_year = bundled.as_of_year
    bundled_trade = bundled.frames["trade"]
    trade = trade_input.trade if replace else merge_trade(bundled_trade, trade_input.trade)
    frames = {**bundled.frames, "trade": trade}
    entries = compute_ledger(
        bundled.frames["targets"],
        ledger_actuals(frames),
        as_of_year,
        figures=ledger_figures(frames),
        plans=ledger_plans(frames),
    )
    ledger = ledger_records(LedgerSchema.validate(ledger_frame(entries)))
    warnings = list(trade_input.warnings) + _source_warnings(trade_input, bundled.frames["sources"])
    if replace:
        warnings += _coverage_warnings(trade_input)
    return CheckResult(
        trade_input,
        ledger,
        ledger_changes(ledger_records(bundled.derived.ledger), ledger),
        bundled.versions,
        as_of_year,
        warnings,
        coverage(trade_input.trade, bundled_trade, bundled.versions.get("trade"), replace),
        trade,
        bundled_trade,
    )


def check_file(
    file: InputFile,
    as_: str = "auto",
    catalog: Catalog | None = None,
    as_of_year: int | None = None,
    progress: Callable[[int], None] | None = None,
    bundled: Processed | None = None,
    replace: bool = False,
) -> CheckResult:
    """Read and judge a file given as a path or as uploaded bytes (InputFile.from_bytes(data, name)); raises
    InputError, whose `failures` list every located problem, when the file is not valid."""
    catalog = catalog or Catalog()
    trade_input = read_trade_input(file, as_, catalog, progress)
    return check_trade(trade_input, catalog, as_of_year, bundled=bundled, replace=replace)


def merge_trade(bundled: pd.DataFrame, user: pd.DataFrame) -> pd.DataFrame:
    """The bundled trade rows with every (year, measure) the user's rows give replaced by the user's rows."""
    given = set(zip(user["year"].astype(int), user["measure"]))
    keep = [(int(y), m) not in given for y, m in zip(bundled["year"], bundled["measure"])]
    merged = pd.concat([bundled[keep], user], ignore_index=True)
    return TradeSchema.validate(merged.sort_values(["year", "measure"], kind="stable", ignore_index=True))


def coverage(user: pd.DataFrame, bundled: pd.DataFrame, version: str | None, replace: bool) -> dict:
    """The file's years against the bundled series, and the sentence that says how they were combined:
    'your 4 years (2020-2023) over the current series 1991-2025 (trade 2026-11-28)'."""
    yours = sorted({int(y) for y in user["year"]})
    series = sorted({int(y) for y in bundled["year"]})
    span = f"{series[0]}-{series[-1]}" if series else "none"
    count = f"your {len(yours)} year{'s' if len(yours) != 1 else ''} ({year_runs(yours)})"
    if replace:
        sentence = f"{count} alone: the bundled series {span} (trade {version}) is not used"
    else:
        sentence = f"{count} over the current series {span} (trade {version})"
    return {
        "mode": REPLACE if replace else MERGE,
        "your_years": yours,
        "series_years": [series[0], series[-1]] if series else [],
        "replaced_years": [] if replace else [y for y in yours if y in set(series)],
        "added_years": [] if replace else [y for y in yours if y not in set(series)],
        "sentence": sentence,
    }


def year_runs(years: list[int]) -> str:
    """[2012, 2014, 2015, 2016] -> '2012, 2014-2016'."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "none"


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
