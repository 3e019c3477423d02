"""The large-file engine of `bilateral check`: a Comtrade export parsed in blocks by pyarrow on worker threads.

The main thread reads the file in steps of SCAN_BYTES through the same ByteScanner as the reference reader
(`comtrade.scan_comtrade`): hash, encoding, NUL bytes, line length, in file order. Every BLOCK_BYTES, the checked
bytes, cut at their last line end, go to a pool of threads where pyarrow's CSV parser (which works without the
GIL) reads only the needed columns as text and checks every row's field count; only the rows whose reporter and
partner cells could be China's or Russia's come back, and from there the reference reader's own code
(`comtrade.keep_pairs`) decides what counts. At most IN_FLIGHT blocks are parsed or waiting at once, so memory
stays bounded whatever the size of the file.

The engine returns a Scan only when it can vouch that it equals the reference reader's: every block parsed
without complaint and with exactly one record per line (so that data row i is CSV line i + 2, as the reference
numbers them), and China-Russia rows found. Otherwise (a byte or CSV problem, a row with the wrong number of
fields, a quoted line break, a bare CR, or no China-Russia rows, whose message needs the reference's inventory)
it returns None and the caller reads the file with the reference reader, which locates the problem exactly as
before. A refused large file is therefore read up to twice; an accepted one once.

Why not DuckDB: its CSV reader gives no row numbers (the rejects table numbers only rejected lines), and the
notes and failures of a check name the CSV line of every total row used. Nor is it needed for speed: on the
20M-row benchmark file the whole check, process start included, took 1.5x the wall time of DuckDB's aggregate of
the same totals on 2 cores (10.7 s against 7.0 s) and 17 s of CPU against its 14 s (benchmarks/check_comtrade.py,
an idle machine).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dashboard.ingest.bytescan import ByteScanner
from dashboard.ingest.comtrade import PAIR_CODES, Scan, keep_pairs, new_scan
from dashboard.ingest.header import Header
from dashboard.ingest.source import InputError, InputFile

# a block holds about 45,000 Comtrade Plus rows: pyarrow's cost per call vanishes and memory stays small
BLOCK_BYTES = 8 << 20
# the byte checks' step: numpy's temporaries stay small (about 4x faster than steps of 8 MiB)
SCAN_BYTES = 1 << 18
THREADS = max(1, min(4, os.cpu_count() or 1))  # parser threads; the main thread checks bytes beside them
IN_FLIGHT = THREADS + 1  # blocks submitted and not collected; peak memory about (IN_FLIGHT + 2) blocks


class Unvouched(Exception):
    """The engine cannot vouch that its reading equals the reference reader's."""


def scan_blocks(
    file: InputFile, header: Header, progress: Callable[[int], None] | None = None
) -> Scan | None:
    """The file's Scan, read in parallel blocks; None when the reference reader must read it (see the module)."""
    scan, raw = new_scan(file, header)  # a missing column is refused here, as by the reference reader
    scanner = ByteScanner(file.name, header.delimiter)
    scanner.columns = header.names  # no expected_fields: pyarrow checks every row's count (quoted ones too)
    parse = _parser(header, raw)
    try:
        _read(file, scanner, scan, parse, raw, progress)
    except (InputError, Unvouched, pa.ArrowException):
        return None
    if not scan.pair_rows:
        return None
    scan.sha256, scan.bytes, scan.bom = scanner.sha256, scanner.bytes, scanner.bom
    return scan


def _read(file: InputFile, scanner: ByteScanner, scan: Scan, parse, raw: dict[str, str], progress) -> None:
    """Feed the blocks through the scanner in order, parse them on the pool, collect the results in order."""
    pending: deque[Future] = deque()
    rows = 0

    def collect(limit: int) -> None:
        nonlocal rows
        while len(pending) > limit:
            count, candidates = pending.popleft().result()
            if candidates is not None:
                candidates.index += rows
                keep_pairs(scan, candidates.rename(columns=raw))
            rows += count

    with file.open() as stream, ThreadPoolExecutor(THREADS, thread_name_prefix="comtrade-block") as pool:
        try:
            tail, pieces, size, in_header = b"", [], 0, True
            while True:
                piece = stream.read(SCAN_BYTES)
                end_of_file = not piece
                if end_of_file:
                    scanner.finish()
                else:
                    if progress:
                        progress(len(piece))
                    piece = scanner.feed(piece)
                    if in_header:  # line 1 is the header, already read
                        tail += piece
                        end = tail.find(b"\n")
                        if end < 0:
                            continue
                        piece, tail, in_header = tail[end + 1 :], b"", False
                    pieces.append(piece)
                    size += len(piece)
                    if size < BLOCK_BYTES:
                        continue
                if in_header:  # the file ends within its header: no data rows
                    break
                data = b"".join([tail, *pieces])
                pieces, size = [], 0
                cut = len(data) if end_of_file else data.rfind(b"\n") + 1
                tail = data[cut:]
                if cut:
                    pending.append(pool.submit(parse, data, cut))
                    collect(IN_FLIGHT)
                if end_of_file:
                    break
            collect(0)
        finally:
            for future in pending:
                future.cancel()
    scan.rows = rows


def _parser(header: Header, raw: dict[str, str]) -> Callable[[bytes, int], tuple[int, pd.DataFrame | None]]:
    """A function that parses one block of whole lines: (its row count, the candidate China-Russia rows as raw
    text cells indexed by row within the block, or None)."""
    read = pacsv.ReadOptions(column_names=header.raw, use_threads=False)
    syntax = pacsv.ParseOptions(delimiter=header.delimiter, ignore_empty_lines=False)
    names = list(raw)
    convert = pacsv.ConvertOptions(
        include_columns=names,
        column_types=dict.fromkeys(names, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    roles = {role: name for name, role in raw.items()}

    def parse(data: bytes, end: int) -> tuple[int, pd.DataFrame | None]:
        """The block data[:end] (not copied)."""
        block = memoryview(data)[:end]
        table = pacsv.read_csv(
            pa.py_buffer(block), read_options=read, parse_options=syntax, convert_options=convert
        )
        lines = data.count(b"\n", 0, end) + (data[end - 1] != ord("\n"))
        if table.num_rows != lines:  # a record over two lines (quoted line break) or a bare CR
            raise Unvouched(f"{table.num_rows} records in {lines} lines")
        mask = pc.and_(
            _may_be_pair(table.column(roles["reporter"])), _may_be_pair(table.column(roles["partner"]))
        )
        where = pc.indices_nonzero(mask)
        if not len(where):
            return table.num_rows, None
        taken = table.take(where)
        cells = {name: taken.column(name).to_pylist() for name in names}
        return table.num_rows, pd.DataFrame(cells, index=where.to_numpy().astype("int64"), dtype=object)

    return parse


def _may_be_pair(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """True where the cell contains China's or Russia's code: every cell the reference reads as one (stripped, a
    '.0' removed) and a few more, which `keep_pairs` then sorts out."""
    found = pc.match_substring(column, PAIR_CODES[0])
    for code in PAIR_CODES[1:]:
        found = pc.or_(found, pc.match_substring(column, code))
    return found
