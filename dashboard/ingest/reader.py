"""Read a user's trade file, native or Comtrade, into a validated trade-shaped frame, or refuse it with failures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.catalog import Catalog
from dashboard.consistency import ConsistencyWarning, trade_warnings
from dashboard.ingest.annual import annual_flows, mirror, trade_rows
from dashboard.ingest.blocks import scan_blocks
from dashboard.ingest.bytescan import MAX_LINE_BYTES, ByteScanner
from dashboard.ingest.comtrade import CHINA, CODE_NAMES, RUSSIA, Scan, inventory_text, scan_comtrade
from dashboard.ingest.header import AS_CHOICES, MINIMAL, NATIVE, Header, read_header
from dashboard.ingest.minimal import read_minimal
from dashboard.ingest.native import read_dataset_file
from dashboard.ingest.pairs import typed_rows
from dashboard.ingest.source import InputError, InputFile, refuse

HEAD_BYTES = MAX_LINE_BYTES + 1
# Comtrade files from this size on are read by the block engine (blocks.py: pyarrow on threads beside the byte
# checks); smaller ones by the reference reader (comtrade.py). At 32 MiB (180,000 Comtrade Plus rows) the reference
# reader takes about 0.3 s of CPU and the engine 0.2 s: below it the engine would save under a tenth of a second,
# and the reference reader locates a problem in the same pass, where the engine hands such a file back to it.
LARGE_FILE_BYTES = 32 << 20


@dataclass
class TradeInput:
    """A user's trade figures, checked: the trade-shaped frame and what the file held."""

    file: str
    format: str
    bytes: int
    sha256: str
    rows: int
    trade: pd.DataFrame
    line_numbers: list[int] = field(default_factory=list)  # CSV line of each trade row (native files)
    warnings: list[ConsistencyWarning] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """The `input` object of `bilateral check --json`."""
        years = self.trade["year"]
        return {
            "file": self.file,
            "format": self.format,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "rows": self.rows,
            "trade_rows": len(self.trade),
            "years": [int(years.min()), int(years.max())] if len(years) else [],
            **self.details,
        }


def read_trade_input(
    file: InputFile,
    as_: str = "auto",
    catalog: Catalog | None = None,
    progress: Callable[[int], None] | None = None,
    measure: str | None = None,
    unit: str | None = None,
) -> TradeInput:
    """Check a file given as a path or as uploaded bytes; `as_` is auto, native, comtrade or minimal; `measure`
    and `unit` say what a minimal file's column named 'value' holds."""
    if as_ not in AS_CHOICES:
        raise ValueError(f"as_ must be one of {AS_CHOICES}, not {as_!r}")
    header = sniff_header(file, as_)
    if header.format == MINIMAL:
        return _read_minimal(file, header, measure, unit)
    if header.format == NATIVE:
        template = (catalog or Catalog()).resolve("trade")
        native = read_dataset_file(file, template)
        frame, lines = native.report.frame, native.table.line_numbers
        assert frame is not None  # read_dataset_file returns only a validated file, with its typed frame
        notes = [_note(file.name, "input", text) for text in native.warnings]
        return TradeInput(
            file.name,
            NATIVE,
            file.size,
            native.sha256,
            len(frame),
            frame,
            lines,
            notes + trade_warnings(frame, file.name, lines),
        )
    return _read_comtrade(file, header, progress)


def _read_minimal(file: InputFile, header: Header, measure: str | None, unit: str | None) -> TradeInput:
    """A year column and one value column, as trade rows of one measure."""
    minimal = read_minimal(file, header.raw, measure, unit)
    return TradeInput(
        file.name,
        MINIMAL,
        file.size,
        minimal.sha256,
        minimal.rows,
        minimal.trade,
        minimal.line_numbers,
        [_note(file.name, "input", text) for text in minimal.warnings],
        details={"column": minimal.column, "measure": minimal.measure, "unit": minimal.unit},
    )


def sniff_header(file: InputFile, as_: str = "auto") -> Header:
    """The file's header and format, from its first bytes (refusing empty, binary, compressed or non-UTF-8 ones)."""
    if file.size == 0:
        raise refuse(file.name, "empty file", "the file is empty (0 bytes)")
    with file.open() as stream:
        head = stream.read(HEAD_BYTES)
    return read_header(file.name, ByteScanner(file.name).feed(head), as_)


def _read_comtrade(file: InputFile, header, progress) -> TradeInput:
    """Stream a Comtrade export, keep its China-Russia totals and turn them into years and trade rows."""
    scan = scan_blocks(file, header, progress) if file.size >= LARGE_FILE_BYTES else None
    if scan is None:  # a small file, or one the engine could not vouch for: the reference reader
        scan = scan_comtrade(file, header, progress if file.size < LARGE_FILE_BYTES else None)
    if scan.rows == 0:
        raise refuse(file.name, "data rows", "the file has a header but no data rows")
    if not scan.pair_rows:
        raise refuse(file.name, "China-Russia rows", _no_pairs(scan))
    if scan.totals().empty:
        raise refuse(file.name, "China-Russia totals", _no_totals(scan))
    rows, failures, notes = typed_rows(scan, file.name)
    if failures:
        raise InputError(file.name, failures, rows=scan.rows)
    flows, partial, year_notes = annual_flows(rows)
    notes += year_notes
    if flows.empty:
        raise refuse(
            file.name,
            "complete years",
            "no complete year of China-Russia imports or exports: "
            + ("; ".join(year_notes) if year_notes else "; ".join(notes) or "no usable total rows"),
        )
    trade = trade_rows(flows)
    if scan.bom:
        notes.insert(0, "UTF-8 byte-order mark removed")
    details = {
        "comtrade": {
            "total_rows_used": len(rows),
            "china_russia_rows": scan.pair_rows,
            "reporters": sorted(set(flows["reporter"])),
        },
        "series": _series(trade),
        "partial_years": partial,
        "mirror": mirror(trade),
    }
    return TradeInput(
        file.name,
        header.format,
        scan.bytes,
        scan.sha256,
        scan.rows,
        trade,
        warnings=[_note(file.name, "comtrade", text) for text in notes],
        details=details,
    )


def _no_pairs(scan: Scan) -> str:
    """What a Comtrade file without China-Russia rows holds instead."""
    return (
        f"no China-Russia rows (reporter {CHINA} {CODE_NAMES[CHINA]} with partner {RUSSIA} "
        f"{CODE_NAMES[RUSSIA]}, or the reverse) among {scan.rows:,} rows; the file has reporters "
        f"{inventory_text(scan.reporters)}; partners {inventory_text(scan.partners)}; commodity codes "
        f"{inventory_text(scan.commodities, truncated='commodities' in scan.truncated)}"
    )


def _no_totals(scan: Scan) -> str:
    """Why none of the China-Russia rows is a total row."""
    names, totals = scan.names, scan.layout.totals
    reasons = [
        f"{count:,} have {names[role]} other than {' or '.join(repr(v) for v in totals[role])}"
        for role, count in scan.not_total.items()
        if count
    ]
    wanted = ", ".join(f"{names[role]} {values[0]}" for role, values in totals.items() if role in names)
    return (
        f"none of the {scan.pair_rows:,} China-Russia rows is a total row ({wanted}): "
        + "; ".join(reasons)
        + f"; their commodity codes: {inventory_text(scan.pair_commodities)}. "
        "Download the totals (commodity code TOTAL, all customs procedures, all modes of transport)"
    )


def _series(trade: pd.DataFrame) -> list[dict]:
    """The figures taken from the file, one per year, measure and reporter."""
    return [
        {
            "year": int(r["year"]),
            "measure": r["measure"],
            "reporting_basis": r["reporting_basis"],
            "value_usd_bn": round(float(r["value_usd_bn"]), 6),
            "preferred": bool(r["preferred"]),
            "note": r["note"],
        }
        for r in trade.to_dict("records")
    ]


def _note(file: str, kind: str, message: str) -> ConsistencyWarning:
    """A warning about the input (never fatal)."""
    return ConsistencyWarning("trade", file, None, kind, message)
