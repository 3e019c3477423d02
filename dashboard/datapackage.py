"""Frictionless-style descriptors: read them, and seal a version directory with its CSV's bytes, hash and rows."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from dashboard.atomic import write_atomic

DESCRIPTOR_NAME = "datapackage.json"


@dataclass(frozen=True)
class FileStats:
    """Size, content hash and data-row count of one CSV file."""

    bytes: int
    sha256: str
    rows: int


def file_stats(path: Path) -> FileStats:
    """Measure a CSV file: bytes, sha256 and rows below the header."""
    data = path.read_bytes()
    records = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    rows = max(sum(1 for record in records if record) - 1, 0)
    return FileStats(len(data), hashlib.sha256(data).hexdigest(), rows)


def read_descriptor(version_dir: Path) -> dict:
    """Load the datapackage.json of a version directory."""
    return json.loads((version_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def main_resource(descriptor: dict) -> dict:
    """The single tabular resource of a dataset version."""
    return descriptor["resources"][0]


def write_json_atomically(path: Path, payload: dict) -> None:
    """Write JSON to a temporary file beside `path`, then move it into place."""
    write_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def seal(version_dir: Path) -> dict:
    """Record bytes, sha256 and rows of the version's CSV in its descriptor (for a new version only)."""
    descriptor = read_descriptor(version_dir)
    resource = main_resource(descriptor)
    stats = file_stats(version_dir / resource["path"])
    resource.update(bytes=stats.bytes, hash=f"sha256:{stats.sha256}", rows=stats.rows)
    write_json_atomically(version_dir / DESCRIPTOR_NAME, descriptor)
    return descriptor


if __name__ == "__main__":  # maintenance entry: python -m dashboard.datapackage seal DIR [DIR ...]
    if len(sys.argv) < 3 or sys.argv[1] != "seal":
        sys.exit("usage: python -m dashboard.datapackage seal VERSION_DIR [VERSION_DIR ...]")
    for arg in sys.argv[2:]:
        sealed = main_resource(seal(Path(arg)))
        print(f"{arg}: {sealed['rows']} rows, {sealed['bytes']} bytes, {sealed['hash']}")
