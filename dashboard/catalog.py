"""The only module that opens datasets/: resolves the pinned version of each dataset, verifies it, reads it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, overload

from dashboard.datapackage import DESCRIPTOR_NAME, main_resource, read_descriptor
from dashboard.errors import DatasetNotFound, IntegrityError
from dashboard.locations import CATALOG_NAME, bundled_datasets

if TYPE_CHECKING:  # pandas is imported where tables are read: finding and verifying datasets needs none
    import pandas as pd

DEFAULT_ROOT = bundled_datasets()  # the library's default; commands choose with locations.locate_datasets
BOOLEAN_TEXT = {"true": True, "false": False}
UTF8_BOM = b"\xef\xbb\xbf"
INTEGER_TEXT = r"^-?[0-9]+$"  # what both readers accept alike; anything else is left to the text path


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


@dataclass(frozen=True, eq=False)
class Table:
    """A dataset read from disk: the frame, the file's bytes, and (computed when first asked) each row's line.

    `typed` frames hold the descriptor's types (read by pyarrow); text frames hold every cell as text but
    booleans, exactly as the file spells it, which is what located error reports are built from.
    """

    version: DatasetVersion
    frame: pd.DataFrame
    data: bytes = field(repr=False)
    typed: bool = False

    @cached_property
    def line_numbers(self) -> list[int]:
        """The CSV line on which each row starts (header is line 1); computed only when first asked for."""
        return _record_start_lines(self.data.decode("utf-8"))

    def lazy_line_numbers(self) -> Sequence[int]:
        """The line numbers as a sequence that computes them only when an item is read."""
        return LazyLineNumbers(self)

    def as_text(self) -> Table:
        """This table read as text cells: itself if it is, else the same bytes re-read by the text reader."""
        return read_csv_table(self.version, self.data) if self.typed else self


class LazyLineNumbers(Sequence[int]):
    """A table's line numbers, computed on first use: a caller that never reads one never pays for them."""

    def __init__(self, table: Table):
        self._table = table

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index):
        return self._table.line_numbers[index]

    def __len__(self) -> int:
        return len(self._table.line_numbers)

    def __iter__(self) -> Iterator[int]:
        return iter(self._table.line_numbers)


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
        return self.read_checked(dataset)[1]

    def read_checked(self, dataset: DatasetVersion) -> tuple[bytes | None, list[str]]:
        """The CSV's bytes, read once, and every way they differ from the descriptor (None: no file).

        The bytes returned are the bytes hashed: a caller parsing them parses exactly what was verified.
        """
        path = dataset.csv_path
        if not path.is_file():
            return None, [f"{path}: file is missing"]
        data = path.read_bytes()
        problems = []
        if len(data) != dataset.resource["bytes"]:
            problems.append(
                f"{path}: size changed: expected {dataset.resource['bytes']} bytes, found {len(data)}"
            )
        actual = hashlib.sha256(data).hexdigest()
        if actual != dataset.expected_sha256:
            problems.append(f"{path}: sha256 mismatch: expected {dataset.expected_sha256}, actual {actual}")
        return data, problems

    def verified_bytes(self, dataset: DatasetVersion) -> bytes:
        """The CSV's bytes once they match the descriptor; IntegrityError naming the file and both hashes."""
        data, problems = self.read_checked(dataset)
        if problems or data is None:
            raise IntegrityError("; ".join(problems))
        return data

    def verify(self, dataset: DatasetVersion) -> None:
        """Refuse a changed file: raise IntegrityError naming the file and both hashes."""
        self.verified_bytes(dataset)

    def read(self, dataset: DatasetVersion, verify: bool = True, typed: bool = False) -> Table:
        """Read a version's CSV (verified first unless told not to): text cells, or typed when asked."""
        data = self.verified_bytes(dataset) if verify else dataset.csv_path.read_bytes()
        return read_typed_table(dataset, data) if typed else read_csv_table(dataset, data)


def read_csv_table(dataset: DatasetVersion, data: bytes) -> Table:
    """Parse CSV bytes the way every dataset is read: text cells, empty = missing, booleans by descriptor."""
    import pandas as pd

    text = data.decode("utf-8")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    for spec in dataset.fields:
        if spec["type"] == "boolean" and spec["name"] in frame:
            frame[spec["name"]] = frame[spec["name"]].map(lambda v: BOOLEAN_TEXT.get(v, v)).astype(object)
    return Table(dataset, frame, data)


def read_typed_table(dataset: DatasetVersion, data: bytes) -> Table:
    """Parse CSV bytes into the descriptor's types with pyarrow (columnar, multi-threaded), no line numbers.

    Only a file both readers read alike is read typed: any cell pyarrow refuses, or reads more leniently than
    the text reader plus the schema's coercion would (hexadecimal or padded integers, a spelt-out NaN), an
    unknown or repeated column, a byte-order mark or an unpaired quote, gives the text table instead, whose
    cells locate errors.
    """
    frame = _typed_frame(dataset, data)
    if frame is None:
        return read_csv_table(dataset, data)
    return Table(dataset, frame, data, typed=True)


def _typed_frame(dataset: DatasetVersion, data: bytes) -> pd.DataFrame | None:
    """The typed frame, or None wherever the text reader must decide."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    quoted = b'"' in data
    if data.startswith(UTF8_BOM) or (quoted and data.count(b'"') % 2):  # a BOM skipped, an open quote read
        return None
    kinds = {spec["name"]: spec["type"] for spec in dataset.fields}
    arrow_types = {name: _ARROW_TYPES.get(kind, "string") for name, kind in kinds.items()}
    convert = pacsv.ConvertOptions(
        column_types={name: getattr(pa, kind)() for name, kind in arrow_types.items()},
        null_values=[""],
        true_values=["true"],
        false_values=["false"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            parse_options=pacsv.ParseOptions(newlines_in_values=quoted),  # no quotes: no line breaks
            convert_options=convert,
        )
        names = table.column_names
        if len(set(names)) != len(names) or not set(names) <= set(kinds):
            return None
        columns = {}
        for name in names:
            column, kind = table.column(name), kinds[name]
            if kind == "integer":
                if not _integer_text(column):
                    return None
                # digits beyond int64 raise: the text reader reports them
                column = pc.cast(column, pa.int64())
            elif kind == "number" and pc.any(pc.is_nan(column)).as_py() is True:
                return None  # "nan" and its spellings: the text reader says what they are
            columns[name] = column
        return pa.table(columns).to_pandas(types_mapper=_pandas_type)
    except pa.ArrowException:
        return None


def _integer_text(column) -> bool:
    """True when every present cell is INTEGER_TEXT: decimal digits after at most one minus sign.

    The same test as the pattern, without a regular expression per cell (a tenth of the time on a long file).
    """
    import pyarrow.compute as pc

    unsigned = pc.if_else(pc.starts_with(column, "-"), pc.utf8_slice_codeunits(column, 1), column)
    return pc.all(pc.ascii_is_decimal(unsigned)).as_py() is not False  # None: every cell empty


_ARROW_TYPES = {"integer": "string", "number": "float64", "boolean": "bool_"}  # integers: checked, then cast


def _pandas_type(arrow_type):
    """The pandas dtype a typed column becomes: nullable integers and booleans, and pandas' own str."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype("pyarrow", na_value=np.nan)
    return None


def _record_start_lines(text: str) -> list[int]:
    """The 1-based line on which each data record starts (header is line 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for index, record in enumerate(reader):
        if index > 0 and record:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts
