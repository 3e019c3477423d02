"""A user's file, from a path or from uploaded bytes, and the error that refuses it with located failures."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dashboard.errors import InvalidData
from dashboard.validation import Failure, ValidationReport

MAX_FAILURES = 200  # a report lists at most this many failures, then says how many more there were


@dataclass(frozen=True)
class InputFile:
    """A file to check: its name as the user knows it, and either its bytes (an upload) or its path."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    @classmethod
    def from_path(cls, path: Path | str) -> InputFile:
        """A file on disk, streamed when read."""
        return cls(str(path), path=Path(path))

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> InputFile:
        """Bytes already in memory, e.g. a browser upload, under the file name the user gave."""
        return cls(name, data=data)

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data) if self.data is not None else self._on_disk.stat().st_size

    def open(self) -> BinaryIO:
        """A binary stream over the content."""
        return io.BytesIO(self.data) if self.data is not None else self._on_disk.open("rb")

    def read_bytes(self) -> bytes:
        """The whole content."""
        return self.data if self.data is not None else self._on_disk.read_bytes()

    @property
    def _on_disk(self) -> Path:
        """The path of a file that is not in memory (every InputFile has its bytes or a path)."""
        if self.path is None:
            raise ValueError(f"{self.name}: neither bytes nor a path")
        return self.path


class InputError(InvalidData):
    """A file refused before or during validation; carries one report listing every located failure."""

    def __init__(self, file: str, failures: list[Failure], dataset: str = "trade", rows: int = 0):
        shown = list(failures[:MAX_FAILURES])
        if len(failures) > MAX_FAILURES:
            shown.append(
                Failure(file, None, None, "more failures", f"{len(failures) - MAX_FAILURES} more not shown")
            )
        first = shown[0]
        where = ", ".join(
            part
            for part in (
                f"line {first.line}" if first.line else "",
                f"column {first.column}" if first.column else "",
            )
            if part
        )
        headline = f"{file}: {where + ': ' if where else ''}{first.check}: {first.value}"
        if len(failures) > 1:
            headline += f" (and {len(failures) - 1} more)"
        super().__init__(headline, [ValidationReport(dataset, "input", file, rows, shown)])
        self.failures = shown


def refuse(
    file: str, check: str, value: str, line: int | None = None, column: str | None = None
) -> InputError:
    """An InputError with a single failure."""
    return InputError(file, [Failure(file, line, column, check, value)])
