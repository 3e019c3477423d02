"""Byte-level checks before any CSV parsing: file type, encoding, NUL bytes, line length and field counts."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable
from typing import BinaryIO

import numpy as np

from dashboard.ingest.source import refuse

MAX_LINE_BYTES = 1 << 16  # a trade or Comtrade row is well under 1 KiB
HEAD_BYTES = 1 << 13  # the start of the file that tells text from binary
BINARY_SHARE = 0.05  # share of control bytes in the head above which a file is binary
TEXT_CONTROLS = {9, 10, 12, 13}
NEWLINE, QUOTE = 10, 34
SIGNATURES = (
    (b"\x1f\x8b", "gzip-compressed data: decompress it first (gunzip FILE) and check the CSV inside"),
    (b"PK\x03\x04", "a ZIP archive or an Excel .xlsx workbook: export the sheet as CSV UTF-8"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls (or other Office) file: export the sheet as CSV UTF-8"),
    (b"%PDF", "a PDF document, not a CSV file"),
    (b"\x89PNG", "a PNG image, not a CSV file"),
    (codecs.BOM_UTF32_LE, "UTF-32 text (byte-order mark FF FE 00 00): save the file as CSV UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16 text (byte-order mark FF FE): save the file as CSV UTF-8"),
    (codecs.BOM_UTF16_BE, "UTF-16 text (byte-order mark FE FF): save the file as CSV UTF-8"),
)


class ByteScanner:
    """Checks a file's bytes block by block, keeping count of lines so that a problem has a line and a column.

    A UTF-8 byte-order mark is accepted and removed (Excel's "CSV UTF-8" writes one); `bom` says it was there."""

    def __init__(self, file: str, delimiter: str = ","):
        self.file = file
        self.delimiter = ord(delimiter)
        self.columns: list[str] = []  # header names (from line 1 unless set): name a problem's column
        self.expected_fields: int | None = None  # when set, every unquoted row must have this many fields
        self.digest = hashlib.sha256()
        self.bytes = 0
        self.bom = False
        self.lines_done = 0
        self._tail = b""
        self._started = False

    def feed(self, block: bytes) -> bytes:
        """Check the next block; return it as a parser should see it (without a leading UTF-8 BOM)."""
        self.digest.update(block)
        self.bytes += len(block)
        if not self._started and block:
            self._started = True
            block = self._check_start(block)
        data = self._tail + block
        cut = data.rfind(b"\n") + 1
        if cut and not self.columns and not self.lines_done:
            self.columns = _names(data[: data.find(b"\n")])
        if cut:
            self._check_lines(data[:cut], final=False)
        self._tail = data[cut:]
        if len(self._tail) > MAX_LINE_BYTES:
            raise refuse(self.file, "line length", _too_long(len(self._tail)), self.lines_done + 1)
        return block

    def finish(self) -> None:
        """Check the last line when the file does not end with a line break."""
        if self._tail:
            self._check_lines(self._tail, final=True)
            self._tail = b""

    @property
    def sha256(self) -> str:
        """Hash of every byte fed so far."""
        return self.digest.hexdigest()

    def _check_start(self, block: bytes) -> bytes:
        """Refuse compressed, binary and UTF-16 files; drop a UTF-8 BOM."""
        for signature, what in SIGNATURES:
            if block.startswith(signature):
                raise refuse(self.file, "file type", f"this is {what}")
        if block.startswith(codecs.BOM_UTF8):
            self.bom = True
            block = block[len(codecs.BOM_UTF8) :]
        head = np.frombuffer(block[:HEAD_BYTES], dtype=np.uint8)
        controls = int(np.count_nonzero((head < 32) & ~np.isin(head, list(TEXT_CONTROLS)) | (head == 127)))
        if head.size and controls / head.size > BINARY_SHARE:
            raise refuse(
                self.file,
                "file type",
                f"binary data, not text ({controls} control bytes in the first {head.size}): not a CSV file",
            )
        return block

    def _check_lines(self, data: bytes, final: bool) -> None:
        """NUL bytes, UTF-8, line length and (when known) field counts of whole lines."""
        nul = data.find(b"\x00")
        if nul >= 0:
            line, column = self._locate(data, nul)
            raise refuse(
                self.file,
                "NUL byte",
                "a NUL (0x00) byte: the file is damaged or not plain text",
                line,
                column,
            )
        if not data.isascii():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line, column = self._locate(data, error.start)
                raise refuse(self.file, "encoding", _not_utf8(data[error.start]), line, column) from None
        arr = np.frombuffer(data, dtype=np.uint8)
        ends = np.flatnonzero(arr == NEWLINE)
        if final:
            ends = np.append(ends, len(data))
        starts = np.concatenate(([0], ends[:-1] + 1))
        lengths = ends - starts
        if lengths.size and lengths.max() > MAX_LINE_BYTES:
            first = int(np.argmax(lengths > MAX_LINE_BYTES))
            raise refuse(
                self.file, "line length", _too_long(int(lengths[first])), self.lines_done + first + 1
            )
        if self.expected_fields is not None:
            self._check_field_counts(arr, starts, ends, lengths, self.expected_fields)
        self.lines_done += len(ends)

    def _check_field_counts(self, arr, starts, ends, lengths, expected_fields: int) -> None:
        """Every line without quotes (and not blank) has as many fields as the header."""
        fields = np.add.reduceat(arr == self.delimiter, starts, dtype=np.int64) + 1
        plain = lengths > 1
        if QUOTE in arr:
            plain &= np.add.reduceat(arr == QUOTE, starts, dtype=np.int64) == 0
        numbers = self.lines_done + np.arange(1, len(ends) + 1)
        bad = np.flatnonzero(plain & (fields != expected_fields) & (numbers > 1))
        if bad.size:
            index = int(bad[0])
            raise refuse(
                self.file,
                "field count",
                field_count_message(int(fields[index]), expected_fields),
                int(numbers[index]),
            )

    def _locate(self, data: bytes, position: int) -> tuple[int, str | None]:
        """Line number and column name of a byte position within `data` (which starts at a line start)."""
        line = self.lines_done + data.count(b"\n", 0, position) + 1
        start = data.rfind(b"\n", 0, position) + 1
        prefix = data[start:position].decode("utf-8", errors="replace")
        index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        if line == 1 or not self.columns:
            return line, None if line == 1 else f"field {index + 1}"
        return line, self.columns[index] if index < len(self.columns) else f"field {index + 1}"


def _names(line: bytes) -> list[str]:
    """Column names of a header line, however damaged (only to name where a problem is)."""
    return [
        name.strip() for name in next(csv.reader([line.decode("utf-8", errors="replace").rstrip("\r")]), [])
    ]


def field_count_message(found: int, expected: int) -> str:
    """What a row with the wrong number of fields means."""
    if found > expected:
        return (
            f"{found} fields where the header has {expected}: {found - expected} too many (an unquoted comma, "
            "a thousands separator or a trailing comma? pandas would silently shift the columns)"
        )
    return f"{found} fields where the header has {expected}: {expected - found} missing (a ragged row)"


def _not_utf8(byte: int) -> str:
    """The message for a byte that is not UTF-8, with what it would be in Latin-1."""
    char = bytes([byte]).decode("cp1252", errors="replace")
    return (
        f"byte 0x{byte:02X} is not UTF-8 (it reads as '{char}' in Latin-1/Windows-1252): save the file as "
        "CSV UTF-8"
    )


def _too_long(length: int) -> str:
    """The message for an over-long line."""
    return (
        f"a line of more than {MAX_LINE_BYTES:,} bytes ({length:,} read): line breaks are missing or this is "
        "not a CSV file of this kind"
    )


class ScanningReader(io.BufferedIOBase):
    """A binary stream that passes every block through a ByteScanner (and a progress callback) on its way to
    the CSV parser, so that one pass reads, checks and hashes the file."""

    def __init__(self, raw: BinaryIO, scanner: ByteScanner, progress: Callable[[int], None] | None = None):
        super().__init__()
        self.raw, self.scanner, self.progress = raw, scanner, progress
        self._done = False

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        while True:
            block = self.raw.read(size if size is not None and size >= 0 else -1)
            if not block:
                if not self._done:
                    self._done = True
                    self.scanner.finish()
                return b""
            if self.progress:
                self.progress(len(block))
            checked = self.scanner.feed(block)
            if checked:  # empty only when the block was nothing but a byte-order mark
                return checked

    read1 = read
