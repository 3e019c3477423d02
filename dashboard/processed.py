"""The processed tables the app, report and CLI share: built once from verified inputs, cached by their hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.catalog import Catalog
from dashboard.consistency import ConsistencyWarning
from dashboard.locations import USER_CACHE, CacheDir, cache_folder
from dashboard.pickle_cache import code_fingerprint, read_cached, write_cached
from dashboard.pipeline.derive import Derived, derive
from dashboard.pipeline.load import load_valid, load_vintages

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
    cached = read_cached(folder, key)
    if isinstance(cached, Processed):
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
    write_cached(folder, key, processed)
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
