"""Load every dataset of the catalog and validate it: integrity, schema, and source ids across datasets."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pandas as pd

from dashboard.catalog import Catalog, DatasetVersion, Table, read_typed_table
from dashboard.consistency import ConsistencyWarning, trade_warnings
from dashboard.errors import InvalidData
from dashboard.locations import CacheDir, cache_folder
from dashboard.pickle_cache import code_fingerprint, read_cached, write_cached
from dashboard.validation import Failure, ValidationReport, unresolved_source_ids, validate_table

SOURCES = "sources"
VerifiedFiles = Mapping[Path, bytes]  # CSV bytes a caller has already checked against their descriptor


@dataclass
class Loaded:
    """Validation reports for every dataset, their validated frames, and the consistency warnings."""

    reports: dict[str, ValidationReport]
    tables: dict[str, Table]
    warnings: list[ConsistencyWarning]
    from_cache: bool = (
        False  # True: the same bytes passed the same code's checks before, so not checked again
    )

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


def load_all(
    catalog: Catalog,
    overrides: dict[str, str] | None = None,
    verified: VerifiedFiles | None = None,
    cache_dir: CacheDir = None,
) -> Loaded:
    """Read and validate every active dataset (or the versions in `overrides`), reporting every failure.

    Each file is read once, hashed once (not at all when `verified` holds its checked bytes) and read typed;
    line numbers are computed only for a failure or a warning that names one. With a `cache_dir`, a set of files
    that passed before, byte for byte at the same paths and under the same code, is not validated again: its
    result is read back (`from_cache`). The bytes are still read and hashed every time, so a changed file is
    always seen; only what a valid result's checks would repeat identically is skipped.
    """
    datasets = catalog.resolve_all(overrides)
    checked = {name: _checked_bytes(catalog, dataset, verified) for name, dataset in datasets.items()}
    folder = cache_folder(cache_dir, "validated")
    key = _result_key(datasets, checked) if folder is not None else None
    if key is not None:
        cached = read_cached(folder, key)
        if isinstance(cached, Loaded):
            cached.from_cache = True
            return cached
    reports, tables = {}, {}
    for name, dataset in datasets.items():
        data, problems = checked[name]
        if data is None:
            reports[name] = ValidationReport(
                name,
                dataset.version,
                str(dataset.csv_path),
                0,
                [Failure(str(dataset.csv_path), None, None, "integrity", problems[0])],
            )
            continue
        tables[name] = read_typed_table(dataset, data)
        reports[name] = validate_table(tables[name], problems)
    _check_source_ids(reports, tables)
    warnings = []
    if "trade" in tables and reports["trade"].frame is not None:
        lines = cast(list[int], tables["trade"].lazy_line_numbers())  # read only where a warning needs one
        warnings = trade_warnings(reports["trade"].frame, reports["trade"].file, lines)
    loaded = Loaded(reports, tables, warnings)
    if key is not None and loaded.ok:  # only a clean result is kept: a failing one is always located afresh
        write_cached(folder, key, loaded)
    return loaded


def _result_key(
    datasets: Mapping[str, DatasetVersion], checked: Mapping[str, tuple[bytes | None, list[str]]]
) -> str | None:
    """The hash of every file's path and verified sha256 and of the code; None when any file failed integrity."""
    if any(data is None or problems for data, problems in checked.values()):
        return None
    inputs = {name: [str(dataset.csv_path), dataset.expected_sha256] for name, dataset in datasets.items()}
    import pandera

    # a new pandera may judge anew
    libraries = {module.__name__: module.__version__ for module in (pd, pandera)}
    payload = json.dumps(
        {"inputs": inputs, "code": code_fingerprint(), "libraries": libraries}, sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _checked_bytes(
    catalog: Catalog, dataset: DatasetVersion, verified: VerifiedFiles | None
) -> tuple[bytes | None, list[str]]:
    """The dataset's bytes and integrity problems: from `verified` when it holds them, else read and hashed."""
    if verified is not None and dataset.csv_path in verified:
        return verified[dataset.csv_path], []
    return catalog.read_checked(dataset)


def load_valid(
    catalog: Catalog, overrides: dict[str, str] | None = None, verified: VerifiedFiles | None = None
) -> Loaded:
    """Like load_all, but raise InvalidData (with every report) unless every dataset passed."""
    loaded = load_all(catalog, overrides, verified)
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


def load_vintages(
    catalog: Catalog, name: str, verified: VerifiedFiles | None = None
) -> dict[str, pd.DataFrame]:
    """The validated frame of every version of `name`, by version; InvalidData if any fails its schema.

    Every version is verified first (IntegrityError), by hashing it unless `verified` holds its checked bytes.
    """
    frames = {}
    for version in catalog.versions(name):
        dataset = catalog.resolve(name, version)
        if verified is not None and dataset.csv_path in verified:
            data = verified[dataset.csv_path]
        else:
            data = catalog.verified_bytes(dataset)
        report = validate_table(read_typed_table(dataset, data))
        if not report.ok:
            raise InvalidData(
                f"invalid data in {name} {version} (run 'bilateral validate --version "
                f"{name}={version}' for the report)",
                [report],
            )
        frames[version] = report.frame
    return frames
