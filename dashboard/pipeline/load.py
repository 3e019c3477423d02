"""Load every dataset of the catalog and validate it: integrity, schema, and source ids across datasets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.catalog import Catalog, Table
from dashboard.consistency import ConsistencyWarning, trade_warnings
from dashboard.errors import InvalidData
from dashboard.validation import Failure, ValidationReport, unresolved_source_ids, validate_table

SOURCES = "sources"


@dataclass
class Loaded:
    """Validation reports for every dataset, their validated frames, and the consistency warnings."""

    reports: dict[str, ValidationReport]
    tables: dict[str, Table]
    warnings: list[ConsistencyWarning]

    @property
    def ok(self) -> bool:
        """True when every dataset passed."""
        return all(report.ok for report in self.reports.values())

    def frames(self) -> dict[str, pd.DataFrame]:
        """The validated frame of each dataset."""
        return {name: report.frame for name, report in self.reports.items()}

    def versions(self) -> dict[str, str]:
        """The version loaded for each dataset."""
        return {name: report.version for name, report in self.reports.items()}

    def hashes(self) -> dict[str, str]:
        """The descriptor's sha256 of each dataset loaded."""
        return {name: table.version.expected_sha256 for name, table in self.tables.items()}


def load_all(catalog: Catalog, overrides: dict[str, str] | None = None) -> Loaded:
    """Read and validate every active dataset (or the versions in `overrides`), reporting every failure."""
    reports, tables = {}, {}
    for name, dataset in catalog.resolve_all(overrides).items():
        problems = catalog.integrity_problems(dataset)
        if problems and not dataset.csv_path.is_file():
            reports[name] = ValidationReport(
                name,
                dataset.version,
                str(dataset.csv_path),
                0,
                [Failure(str(dataset.csv_path), None, None, "integrity", problems[0])],
            )
            continue
        tables[name] = catalog.read(dataset, verify=False)
        reports[name] = validate_table(tables[name], problems)
    _check_source_ids(reports, tables)
    warnings = []
    if "trade" in tables and reports["trade"].frame is not None:
        warnings = trade_warnings(reports["trade"].frame, reports["trade"].file, tables["trade"].line_numbers)
    return Loaded(reports, tables, warnings)


def load_valid(catalog: Catalog, overrides: dict[str, str] | None = None) -> Loaded:
    """Like load_all, but raise InvalidData (with every report) unless every dataset passed."""
    loaded = load_all(catalog, overrides)
    if not loaded.ok:
        failing = [name for name, report in loaded.reports.items() if not report.ok]
        raise InvalidData(
            f"invalid data in: {', '.join(failing)} (run 'bilateral validate' for the report)",
            loaded.reports.values(),
        )
    return loaded


def _check_source_ids(reports: dict[str, ValidationReport], tables: dict[str, Table]) -> None:
    """Add a failure for every source id that does not resolve in the sources dataset."""
    sources = tables.get(SOURCES)
    if sources is None:
        return
    known = set(sources.frame["source_id"].dropna())
    for name, table in tables.items():
        if name != SOURCES:
            reports[name].failures += unresolved_source_ids(table, known)


def load_vintages(catalog: Catalog, name: str) -> dict[str, pd.DataFrame]:
    """The validated frame of every version of `name`, by version; InvalidData if any fails its schema."""
    frames = {}
    for version in catalog.versions(name):
        report = validate_table(catalog.read(catalog.resolve(name, version)))
        if not report.ok:
            raise InvalidData(
                f"invalid data in {name} {version} (run 'bilateral validate --version "
                f"{name}={version}' for the report)",
                [report],
            )
        frames[version] = report.frame
    return frames
