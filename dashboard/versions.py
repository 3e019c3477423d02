"""`bilateral datasets`: list, show, add (validated, atomic, never overwriting), diff and activate versions."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.atomic import fsync_directory, replace_durably, write_durably
from dashboard.catalog import CATALOG_NAME, Catalog, DatasetVersion
from dashboard.datapackage import DESCRIPTOR_NAME, file_stats, main_resource
from dashboard.diff import DatasetDiff, diff_versions
from dashboard.errors import BilateralError, InvalidData
from dashboard.ingest.header import NATIVE
from dashboard.ingest.native import read_dataset_file
from dashboard.ingest.reader import read_trade_input, sniff_header
from dashboard.ingest.source import InputFile, refuse
from dashboard.validation import unresolved_source_ids, validate_table
from dashboard.writer_lock import STAGING, writer_lock

VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
SOURCES = "sources"
__all__ = [
    "Added",
    "DatasetDiff",
    "VersionError",
    "activate_version",
    "add_version",
    "diff_versions",
    "init_datasets",
    "list_versions",
    "show_version",
]


class VersionError(BilateralError):
    """A version that cannot be added or activated as asked: a bad name, or one that exists already."""


@dataclass
class Added:
    """A version written by add_version."""

    dataset: str
    version: str
    directory: Path
    rows: int
    sha256: str
    activated: bool
    warnings: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)  # unfinished versions a killed writer had left, removed


def list_versions(catalog: Catalog) -> list[dict]:
    """Every version of every dataset in the catalog, oldest first, with the active one marked."""
    active = catalog.active_versions()
    return [
        _summary(catalog.resolve(name, version), active[name])
        for name in sorted(active)
        for version in catalog.versions(name)
    ]


def show_version(catalog: Catalog, name: str, version: str | None = None) -> dict:
    """A version's descriptor in short: fields, changelog, sources, integrity."""
    dataset = catalog.resolve(name, version)
    descriptor, resource = dataset.descriptor, dataset.resource
    return {
        **_summary(dataset, catalog.active_versions()[name]),
        "title": descriptor.get("title", ""),
        "description": descriptor.get("description", ""),
        "path": str(dataset.csv_path),
        "bytes": resource.get("bytes"),
        "sha256": dataset.expected_sha256,
        "integrity": catalog.integrity_problems(dataset),
        "licenses": [licence.get("name") for licence in descriptor.get("licenses", [])],
        "primary_key": resource["schema"].get("primaryKey", []),
        "fields": dataset.fields,
        "changelog": descriptor.get("changelog", []),
        "sources": descriptor.get("sources", []),
    }


def add_version(
    catalog: Catalog,
    name: str,
    file: InputFile,
    version: str,
    note: str,
    activate: bool = False,
    today: str | None = None,
) -> Added:
    """Validate `file` as a new version of `name`, then write it atomically beside the others (never over one)."""
    if not VERSION_PATTERN.match(version):
        raise VersionError(
            f"'{version}' is not a version name: use letters, digits, '.', '_' or '-' "
            "(a date such as 2027-01-15)"
        )
    if not note.strip():
        raise VersionError("--note must say what the new version changes")
    template = catalog.resolve(name)
    target = catalog.root / name / version
    _refuse_existing(target, name, version)
    checked = _validated(catalog, name, file, template)
    with writer_lock(catalog.root) as cleaned:  # one writer at a time; what a killed writer left is removed
        _refuse_existing(target, name, version)
        descriptor = _descriptor(catalog, template, version, note, today or dt.date.today().isoformat())
        _write_version(catalog.root, target, descriptor, checked.data)
        if activate:
            catalog_path = catalog.root / CATALOG_NAME
            previous = catalog_path.read_bytes()
            try:
                _write_catalog(catalog, name, version)
            except BaseException:  # interrupted: put the catalog back, then take the version away
                if catalog_path.read_bytes() != previous:
                    replace_durably(catalog_path, previous)
                shutil.rmtree(target, ignore_errors=True)
                raise
    stats = main_resource(descriptor)
    return Added(
        name,
        version,
        target,
        stats["rows"],
        stats["hash"].removeprefix("sha256:"),
        activate,
        checked.warnings,
        cleaned,
    )


def _refuse_existing(target: Path, name: str, version: str) -> None:
    """A version is never written over."""
    if target.exists():
        raise VersionError(
            f"{name} version {version} exists already: versions are immutable; choose a new version"
        )


def activate_version(catalog: Catalog, name: str, version: str) -> str:
    """Pin `version` of `name` in catalog.json (rewritten atomically) after checking it; return the previous one."""
    dataset = catalog.resolve(name, version)
    catalog.verify(dataset)
    table = catalog.read(dataset, verify=False)
    report = validate_table(table)
    if name != SOURCES:
        report.failures += unresolved_source_ids(table, _known_sources(catalog))
    if not report.ok:
        raise InvalidData(f"{name} version {version} is not valid: not activated", [report])
    with writer_lock(catalog.root):
        previous = catalog.active_versions()[name]
        if previous != version:
            _write_catalog(catalog, name, version)
    return previous


def _validated(catalog: Catalog, name: str, file: InputFile, template: DatasetVersion):
    """The file checked as the dataset's own CSV (a Comtrade export is checked, then refused: not a dataset)."""
    if name == "trade" and sniff_header(file).format != NATIVE:
        read_trade_input(file, "comtrade", catalog)
        raise refuse(
            file.name,
            "format",
            "a Comtrade export, not the trade dataset's own columns: check it "
            "with 'bilateral check', or convert it to the dataset's columns with sources first",
            1,
        )
    known = None if name == SOURCES else _known_sources(catalog)
    return read_dataset_file(file, template, known)


def _known_sources(catalog: Catalog) -> set[str]:
    """Source ids of the active sources dataset (verified)."""
    return set(catalog.read(catalog.resolve(SOURCES)).frame["source_id"].dropna())


def _descriptor(catalog: Catalog, template: DatasetVersion, version: str, note: str, today: str) -> dict:
    """The active version's descriptor made the new version's: version, date, note, every version's changelog."""
    descriptor = copy.deepcopy(template.descriptor)
    descriptor.update(version=version, created=today, description=note)
    changelog, seen = [], set()
    for old in catalog.versions(template.name):
        for entry in catalog.resolve(template.name, old).descriptor.get("changelog", []):
            if entry.get("version") not in seen:
                seen.add(entry.get("version"))
                changelog.append(entry)
    descriptor["changelog"] = changelog + [{"version": version, "date": today, "note": note}]
    return descriptor


def _write_version(root: Path, target: Path, descriptor: dict, data: bytes) -> None:
    """CSV, then descriptor, into a staging folder (each fsynced), then one rename into place; undone if anything
    fails or is interrupted before the rename is on disk."""
    staging = root / STAGING / f"{target.parent.name}-{target.name}-{uuid.uuid4().hex[:8]}"
    resource = main_resource(descriptor)
    renamed = False
    try:
        staging.mkdir(parents=True)
        write_durably(staging / resource["path"], data)
        stats = file_stats(staging / resource["path"])
        resource.update(bytes=stats.bytes, hash=f"sha256:{stats.sha256}", rows=stats.rows)
        write_durably(staging / DESCRIPTOR_NAME, _json(descriptor, indent=2))
        fsync_directory(staging)
        if target.exists():
            raise VersionError(f"{target} appeared while writing: not overwritten")
        os.rename(staging, target)
        renamed = True
        fsync_directory(target.parent)
    except BaseException:
        if renamed:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if (root / STAGING).is_dir() and not any((root / STAGING).iterdir()):
            (root / STAGING).rmdir()


def _write_catalog(catalog: Catalog, name: str, version: str) -> None:
    """catalog.json with `name` pinned to `version`, replaced atomically."""
    path = catalog.root / CATALOG_NAME
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["active"][name] = version
    replace_durably(path, _json(payload, indent=4))


def _summary(dataset: DatasetVersion, active: str) -> dict:
    """One line of `datasets list`."""
    changelog = dataset.descriptor.get("changelog", [])
    note = next((e.get("note", "") for e in reversed(changelog) if e.get("version") == dataset.version), "")
    return {
        "dataset": dataset.name,
        "version": dataset.version,
        "active": dataset.version == active,
        "rows": dataset.resource.get("rows"),
        "created": dataset.descriptor.get("created", ""),
        "note": note,
    }


def _json(payload: dict, indent: int) -> bytes:
    """JSON text as the datasets folder writes it."""
    return (json.dumps(payload, indent=indent, ensure_ascii=False) + "\n").encode("utf-8")


def init_datasets(source: Catalog, folder: Path) -> Path:
    """Copy every version of `source` into FOLDER/datasets, a folder of the user's own that commands run inside
    FOLDER find first; the copy is verified against its descriptors. Never writes over an existing folder."""
    target = Path(folder) / "datasets"
    if target.exists():
        raise VersionError(f"{target} exists already: choose another folder (nothing was changed)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".datasets-{uuid.uuid4().hex[:8]}.tmp")
    try:
        shutil.copytree(source.root, staging, ignore=shutil.ignore_patterns(STAGING, "__pycache__"))
        copied = Catalog(staging)
        for name in copied.active_versions():
            for version in copied.versions(name):
                copied.verify(copied.resolve(name, version))
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
