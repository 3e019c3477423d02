"""Row-level differences between two versions of a dataset, matched on the primary key: the vintage view."""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.catalog import Catalog, Table
from dashboard.errors import InvalidData


@dataclass
class DatasetDiff:
    """Rows added, removed and changed (per column, old and new value) between two versions, matched by key."""

    dataset: str
    old: str
    new: str
    key: list[str]
    added: list[dict]
    removed: list[dict]
    changed: list[dict]  # {"key": {...}, "old_line", "new_line", "columns": [{"column", "old", "new"}]}

    def rows(self) -> list[dict]:
        """One flat row per change (what a table shows): change, key columns, column, old, new."""
        flat = [
            {"change": "removed", **_key(row, self.key), "column": None, "old": None, "new": None}
            for row in self.removed
        ]
        flat += [
            {"change": "added", **_key(row, self.key), "column": None, "old": None, "new": None}
            for row in self.added
        ]
        flat += [{"change": "changed", **c["key"], **cell} for c in self.changed for cell in c["columns"]]
        return flat

    def as_dict(self) -> dict:
        """The object `bilateral datasets diff --json` prints."""
        return {
            "dataset": self.dataset,
            "old": self.old,
            "new": self.new,
            "key": self.key,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
        }


def diff_versions(catalog: Catalog, name: str, old: str, new: str) -> DatasetDiff:
    """Compare two versions of `name` row by row on the descriptor's primary key (values compared typed)."""
    before, after = (catalog.read(catalog.resolve(name, version)) for version in (old, new))
    key = after.version.resource["schema"].get("primaryKey") or list(after.frame.columns)
    kinds = {f["name"]: f["type"] for f in before.version.fields + after.version.fields}
    rows_before, rows_after = _keyed(before, key, kinds), _keyed(after, key, kinds)
    columns = list(dict.fromkeys([*before.frame.columns, *after.frame.columns]))
    changed = []
    for k in (k for k in rows_after if k in rows_before):
        (old_line, a), (new_line, b) = rows_before[k], rows_after[k]
        cells = [{"column": c, "old": a.get(c), "new": b.get(c)} for c in columns if a.get(c) != b.get(c)]
        if cells:
            changed.append(
                {"key": _key(b, key), "old_line": old_line, "new_line": new_line, "columns": cells}
            )
    return DatasetDiff(
        name,
        old,
        new,
        key,
        [{"line": line, **row} for k, (line, row) in rows_after.items() if k not in rows_before],
        [{"line": line, **row} for k, (line, row) in rows_before.items() if k not in rows_after],
        changed,
    )


def _keyed(table: Table, key: list[str], kinds: dict[str, str]) -> dict[tuple, tuple[int, dict]]:
    """Each row (plain typed values) with its CSV line, by key; a repeated key is invalid data."""
    rows: dict[tuple, tuple[int, dict]] = {}
    for line, record in zip(table.line_numbers, table.frame.to_dict("records")):
        row = {column: _plain(value, kinds.get(column)) for column, value in record.items()}
        k = tuple(row[c] for c in key)
        if k in rows:
            raise InvalidData(f"{table.version.csv_path}: line {line}: key {k} repeats line {rows[k][0]}")
        rows[k] = (line, row)
    return rows


def _plain(value, kind: str | None):
    """A cell as JSON data: None when empty; numbers as numbers, so that 8 and 8.0 are the same value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "integer":
        return int(float(value))
    if kind == "number":
        return float(value)
    return value


def _key(row: dict, key: list[str]) -> dict:
    """The key columns of a row."""
    return {column: row.get(column) for column in key}
