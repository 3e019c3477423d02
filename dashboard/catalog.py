"""The only module that opens datasets/: resolves the pinned version of each dataset, verifies it, reads it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.datapackage import DESCRIPTOR_NAME, file_stats, main_resource, read_descriptor
from dashboard.errors import DatasetNotFound, IntegrityError
from dashboard.locations import CATALOG_NAME, bundled_datasets

DEFAULT_ROOT = bundled_datasets()  # the library's default; commands choose with locations.locate_datasets
BOOLEAN_TEXT = {"true": True, "false": False}


@dataclass(frozen=True)
class DatasetVersion:
    """One immutable version of a dataset: where it lives and what its descriptor promises."""

    name: str
    version: str
    directory: Path
    descriptor: dict

    @property
    def resource(self) -> dict:
        """The descriptor's tabular resource."""
        return main_resource(self.descriptor)

    @property
    def csv_path(self) -> Path:
        """Path of the version's CSV file."""
        return self.directory / self.resource["path"]

    @property
    def expected_sha256(self) -> str:
        """The sha256 the descriptor records, without its prefix."""
        return self.resource["hash"].removeprefix("sha256:")

    @property
    def fields(self) -> list[dict]:
        """Field descriptions (name, type, unit, description)."""
        return self.resource["schema"]["fields"]


@dataclass(frozen=True)
class Table:
    """A dataset read from disk: the frame (all cells text but booleans) and each row's CSV line number."""

    version: DatasetVersion
    frame: pd.DataFrame
    line_numbers: list[int]


class Catalog:
    """Resolves dataset versions under one datasets/ root."""

    def __init__(self, root: Path | str = DEFAULT_ROOT):
        self.root = Path(root)

    def active_versions(self) -> dict[str, str]:
        """The version the catalog file pins for each dataset."""
        path = self.root / CATALOG_NAME
        if not path.is_file():
            raise DatasetNotFound(f"{path}: catalog file not found")
        return dict(json.loads(path.read_text(encoding="utf-8"))["active"])

    def versions(self, name: str) -> list[str]:
        """Every version of `name` present on disk, oldest first."""
        base = self.root / name
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir() if (p / DESCRIPTOR_NAME).is_file())

    def resolve(self, name: str, version: str | None = None) -> DatasetVersion:
        """The given version of `name`, or the active one."""
        active = self.active_versions()
        if name not in active:
            raise DatasetNotFound(f"unknown dataset '{name}'; the catalog has: {', '.join(sorted(active))}")
        version = version or active[name]
        directory = self.root / name / version
        if not (directory / DESCRIPTOR_NAME).is_file():
            known = ", ".join(self.versions(name)) or "none"
            raise DatasetNotFound(f"dataset '{name}' has no version '{version}' (versions: {known})")
        return DatasetVersion(name, version, directory, read_descriptor(directory))

    def resolve_all(self, overrides: dict[str, str] | None = None) -> dict[str, DatasetVersion]:
        """Every dataset of the catalog at its active version, or the version `overrides` names."""
        overrides = overrides or {}
        active = self.active_versions()
        for name in sorted(set(overrides) - set(active)):
            raise DatasetNotFound(f"unknown dataset '{name}'; the catalog has: {', '.join(sorted(active))}")
        return {name: self.resolve(name, overrides.get(name)) for name in active}

    def integrity_problems(self, dataset: DatasetVersion) -> list[str]:
        """Messages for every way the CSV differs from its descriptor (missing, bytes, sha256)."""
        path = dataset.csv_path
        if not path.is_file():
            return [f"{path}: file is missing"]
        stats = file_stats(path)
        problems = []
        if stats.bytes != dataset.resource["bytes"]:
            problems.append(
                f"{path}: size changed: expected {dataset.resource['bytes']} bytes, found {stats.bytes}"
            )
        if stats.sha256 != dataset.expected_sha256:
            problems.append(
                f"{path}: sha256 mismatch: expected {dataset.expected_sha256}, actual {stats.sha256}"
            )
        return problems

    def verify(self, dataset: DatasetVersion) -> None:
        """Refuse a changed file: raise IntegrityError naming the file and both hashes."""
        problems = self.integrity_problems(dataset)
        if problems:
            raise IntegrityError("; ".join(problems))

    def read(self, dataset: DatasetVersion, verify: bool = True) -> Table:
        """Read a version's CSV (verified first unless told not to) as text cells with CSV line numbers."""
        if verify:
            self.verify(dataset)
        return read_csv_table(dataset, dataset.csv_path.read_bytes())


def read_csv_table(dataset: DatasetVersion, data: bytes) -> Table:
    """Parse CSV bytes the way every dataset is read: text cells, empty = missing, booleans by descriptor."""
    text = data.decode("utf-8")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    for field in dataset.fields:
        if field["type"] == "boolean" and field["name"] in frame:
            frame[field["name"]] = frame[field["name"]].map(lambda v: BOOLEAN_TEXT.get(v, v)).astype(object)
    return Table(dataset, frame, _record_start_lines(text))


def _record_start_lines(text: str) -> list[int]:
    """The 1-based line on which each data record starts (header is line 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for index, record in enumerate(reader):
        if index > 0 and record:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts
