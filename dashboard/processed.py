"""The processed tables the app, report and CLI share: built once from verified inputs, cached by their hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.atomic import write_atomic
from dashboard.catalog import Catalog
from dashboard.consistency import ConsistencyWarning
from dashboard.locations import USER_CACHE, CacheDir, cache_folder
from dashboard.pipeline.derive import Derived, derive
from dashboard.pipeline.load import load_valid, load_vintages

PACKAGE_DIR = Path(__file__).resolve().parent
VINTAGED_DATASET = "trade"  # every version of it is loaded, for the vintage comparison


@dataclass
class Processed:
    """Validated dataset frames, derived tables and warnings for one set of dataset versions."""

    versions: dict[str, str]
    hashes: dict[str, str]
    as_of_year: int
    frames: dict[str, pd.DataFrame]
    derived: Derived
    warnings: list[ConsistencyWarning]
    vintages: dict[str, pd.DataFrame]


def build(
    catalog: Catalog | None = None,
    overrides: dict[str, str] | None = None,
    as_of_year: int | None = None,
    cache_dir: CacheDir = USER_CACHE,
) -> Processed:
    """Verify every input's hash, then return the processed tables from the cache or by computing them."""
    catalog = catalog or Catalog()
    as_of_year = as_of_year or dt.date.today().year
    verified: dict[Path, bytes] = {}
    key = cache_key(catalog, overrides or {}, as_of_year, verified)
    folder = cache_folder(cache_dir, "processed")
    cached = _read_cache(folder, key)
    if cached is not None:
        return cached
    loaded = load_valid(catalog, overrides, verified)  # parses the bytes cache_key hashed: no second hash
    frames = loaded.frames()
    vintages = load_vintages(catalog, VINTAGED_DATASET, verified)
    processed = Processed(
        loaded.versions(),
        loaded.hashes(),
        as_of_year,
        frames,
        derive(frames, vintages, as_of_year),
        loaded.warnings,
        vintages,
    )
    _write_cache(folder, key, processed)
    return processed


def cache_key(
    catalog: Catalog, overrides: dict[str, str], as_of_year: int, verified: dict[Path, bytes] | None = None
) -> str:
    """Hash of every input's verified sha256, the as-of year and the package's code.

    Every input is hashed once (IntegrityError if it differs from its descriptor); `verified`, when given,
    receives each file's checked bytes, so a build on a cache miss parses them without hashing them again.
    """
    inputs: dict[str, list[str] | str] = {}
    datasets = sorted(catalog.resolve_all(overrides).items())
    vintages = [catalog.resolve(VINTAGED_DATASET, version) for version in catalog.versions(VINTAGED_DATASET)]
    checked: dict[Path, bytes] = {} if verified is None else verified
    for dataset in [dataset for _, dataset in datasets] + vintages:
        if dataset.csv_path not in checked:  # the active version is also a vintage: hashed once
            checked[dataset.csv_path] = catalog.verified_bytes(dataset)
    for name, dataset in datasets:
        inputs[name] = [dataset.version, dataset.expected_sha256]
    for dataset in vintages:
        inputs[f"{VINTAGED_DATASET}@{dataset.version}"] = dataset.expected_sha256
    payload = json.dumps(
        {"inputs": inputs, "as_of_year": as_of_year, "code": code_fingerprint()}, sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def code_fingerprint() -> str:
    """Hash of the package's Python sources, so a code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_cache(cache_dir: Path | None, key: str) -> Processed | None:
    """The cached tables for `key`, or None when absent or unreadable."""
    if cache_dir is None:
        return None
    path = Path(cache_dir) / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def _write_cache(cache_dir: Path | None, key: str, processed: Processed) -> None:
    """Store the tables under `key`, atomically; an unwritable cache only costs speed."""
    if cache_dir is None:
        return
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        write_atomic(
            Path(cache_dir) / f"{key}.pickle", pickle.dumps(processed, protocol=pickle.HIGHEST_PROTOCOL)
        )
    except OSError:
        pass
