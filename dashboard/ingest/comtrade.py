"""Comtrade exports (Comtrade Plus and legacy), streamed in chunks of the needed columns: China-Russia totals kept."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.ingest.bytescan import ByteScanner, ScanningReader, field_count_message
from dashboard.ingest.header import LEGACY, PLUS, Header, column_failures
from dashboard.ingest.source import InputError, InputFile, refuse

CHINA, RUSSIA = "156", "643"
PAIR_CODES = (CHINA, RUSSIA)
CODE_NAMES = {"0": "World", CHINA: "China", RUSSIA: "Russian Federation", "842": "USA"}
CHUNK_ROWS = 200_000
TALLIED_CODES = 20_000
SHOWN_CODES = 12


@dataclass(frozen=True)
class Layout:
    """Where a Comtrade layout keeps each needed value, and which values mark a total row."""

    format: str
    columns: dict[str, str]  # role -> column name (canonical spelling)
    optional: tuple[str, ...]  # roles a file may lack
    totals: dict[str, tuple[str, ...]]  # role -> the values of a total row
    flows: dict[str, str]  # the file's flow code -> M, X, RM, RX


LAYOUTS = {
    PLUS: Layout(
        PLUS,
        {
            "type": "typeCode",
            "year": "refYear",
            "month": "refMonth",
            "period": "period",
            "reporter": "reporterCode",
            "partner": "partnerCode",
            "partner2": "partner2Code",
            "flow": "flowCode",
            "commodity": "cmdCode",
            "customs": "customsCode",
            "transport": "motCode",
            "value": "primaryValue",
        },
        ("type", "period"),
        {
            "commodity": ("TOTAL",),
            "customs": ("C00",),
            "transport": ("0",),
            "partner2": ("0",),
            "type": ("C",),
        },
        {"M": "M", "X": "X", "RM": "RM", "RX": "RX"},
    ),
    LEGACY: Layout(
        LEGACY,
        {
            "year": "Year",
            "period": "Period",
            "reporter": "Reporter Code",
            "partner": "Partner Code",
            "partner2": "2nd Partner Code",
            "flow": "TradeFlow Code",
            "commodity": "Commodity Code",
            "customs": "Customs Proc. Code",
            "transport": "Mode of Transport Code",
            "value": "TradeValueUS",
        },
        ("partner2", "customs", "transport"),
        {"commodity": ("TOTAL",), "customs": ("C00", ""), "transport": ("0", ""), "partner2": ("0", "")},
        {"1": "M", "2": "X", "3": "RX", "4": "RM"},
    ),
}


@dataclass
class Scan:
    """What one pass over a Comtrade file found: its China-Russia total rows and an inventory of the rest."""

    layout: Layout
    names: dict[str, str]  # role -> the column name as the file spells it
    rows: int = 0
    pairs: list[pd.DataFrame] = field(default_factory=list)
    reporters: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))  # code -> rows
    partners: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    commodities: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    truncated: set[str] = field(
        default_factory=set
    )  # tallies that kept only each chunk's most frequent codes
    pair_rows: int = 0
    pair_commodities: Counter = field(default_factory=Counter)
    not_total: Counter = field(default_factory=Counter)  # role -> China-Russia rows that are not totals by it
    sha256: str = ""
    bytes: int = 0
    bom: bool = False

    def totals(self) -> pd.DataFrame:
        """The China-Russia total rows (text cells, stripped) with their CSV line."""
        columns = ["line", *self.names]
        return pd.concat(self.pairs, ignore_index=True) if self.pairs else pd.DataFrame(columns=columns)


def scan_comtrade(file: InputFile, header: Header, progress: Callable[[int], None] | None = None) -> Scan:
    """Stream the file once: check its bytes, read only the needed columns in chunks, keep China-Russia totals."""
    scan, raw = new_scan(file, header)
    scanner = ByteScanner(file.name, header.delimiter)
    scanner.columns, scanner.expected_fields = header.names, len(header.raw)
    with file.open() as stream, warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        reader = ScanningReader(stream, scanner, progress)
        try:
            chunks = pd.read_csv(
                reader,
                sep=header.delimiter,
                usecols=list(raw),
                dtype=object,
                index_col=False,
                keep_default_na=False,
                na_values=[],
                skip_blank_lines=False,
                chunksize=CHUNK_ROWS,
                encoding="utf-8",
            )
            for chunk in chunks:
                _take(scan, chunk.rename(columns=raw))
        except pd.errors.ParserError as error:
            raise _parser_failure(file.name, error) from None
        except pd.errors.ParserWarning:
            raise refuse(file.name, "field count", "a row has more fields than the header") from None
    scan.sha256, scan.bytes, scan.bom = scanner.sha256, scanner.bytes, scanner.bom
    return scan


def new_scan(file: InputFile, header: Header) -> tuple[Scan, dict[str, str]]:
    """An empty scan of the file's layout and the columns to read ({name as in the file: role}); refuses a header
    that lacks a required column."""
    layout = LAYOUTS[header.format]
    failures = column_failures(
        file.name,
        header.names,
        list(layout.columns.values()),
        [c for r, c in layout.columns.items() if r not in layout.optional],
        allow_extra=True,
    )
    if failures:
        raise InputError(file.name, failures)
    position = {name: i for i, name in enumerate(header.names)}
    present = {role: name for role, name in layout.columns.items() if name in position}
    return Scan(layout, present), {header.raw[position[name]]: role for role, name in present.items()}


def _take(scan: Scan, chunk: pd.DataFrame) -> None:
    """Count one chunk's reporters, partners and commodities; keep its China-Russia total rows."""
    scan.rows += len(chunk)
    reporter_ok = _matching(chunk["reporter"], scan, "reporters")
    partner_ok = _matching(chunk["partner"], scan, "partners")
    _tally(chunk["commodity"], scan, "commodities", TALLIED_CODES)
    keep_pairs(scan, chunk[reporter_ok & partner_ok])


def keep_pairs(scan: Scan, pairs: pd.DataFrame) -> None:
    """Of rows that may be China-Russia rows (raw text cells, indexed by data row from 0): count those whose
    reporter and partner codes are China's and Russia's (stripped, a '.0' removed), and keep their total rows,
    stripped, with their CSV line (row + 2)."""
    if pairs.empty:
        return
    pairs = pd.DataFrame(
        {role: _stripped(role, pairs[role].tolist()) for role in pairs.columns},
        index=pairs.index,
        dtype=object,
    )
    reporter, partner = pairs["reporter"], pairs["partner"]
    pairs = pairs[reporter.isin(PAIR_CODES) & partner.isin(PAIR_CODES) & (reporter != partner)]
    scan.pair_rows += len(pairs)
    scan.pair_commodities.update(pairs["commodity"])
    total = pd.Series(True, index=pairs.index)
    for role, accepted in scan.layout.totals.items():
        if role in pairs:
            ok = pairs[role].isin(accepted)
            scan.not_total[role] += int((~ok).sum())
            total &= ok
    kept = pairs[total]
    if not kept.empty:
        scan.pairs.append(kept.assign(line=kept.index + 2)[["line", *scan.names]])


def _stripped(role: str, cells: list) -> list[str]:
    """A column's cells stripped: values as text, codes as codes (each distinct code worked out once)."""
    if role == "value":
        return [_text(cell) for cell in cells]
    codes = {cell: _code(cell) for cell in set(cells)}
    return [codes[cell] for cell in cells]


def _matching(column: pd.Series, scan: Scan, tally: str) -> pd.Series:
    """Add the column's codes to the scan's tally; True where the code is China's or Russia's."""
    counts, codes = _tally(column, scan, tally)
    return column.isin(counts.index[codes.isin(PAIR_CODES).to_numpy()])


def _tally(
    column: pd.Series, scan: Scan, tally: str, limit: int | None = None
) -> tuple[pd.Series, pd.Series]:
    """Count the column's codes (stripped) into the scan's tally: all of them, or a chunk's `limit` most
    frequent (the commodity tally only serves a message). Returns the chunk's counts and their codes."""
    counts = column.value_counts(dropna=False, sort=False)
    if limit and len(counts) > limit:
        scan.truncated.add(tally)
        counts = counts.nlargest(limit)
    codes = pd.Series(counts.index, dtype=object).fillna("").astype(str).str.strip()
    codes = codes.str.replace(r"^(\d+)\.0$", r"\1", regex=True)
    setattr(scan, tally, getattr(scan, tally).add(counts.groupby(codes.to_numpy()).sum(), fill_value=0))
    return counts, codes


def _text(value) -> str:
    """A cell without stray spaces; empty when missing."""
    return value.strip() if isinstance(value, str) else ""


def _code(value) -> str:
    """A code without stray spaces (and without a '.0' a spreadsheet may have added)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def _parser_failure(file: str, error: pd.errors.ParserError) -> InputError:
    """The parser's complaint, with its line, as a failure."""
    message = str(error).strip()
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        expected, line, seen = map(int, found.groups())
        return refuse(file, "field count", field_count_message(seen, expected), line)
    row = re.search(r"row (\d+)", message)
    return refuse(
        file,
        "CSV syntax",
        message.removeprefix("Error tokenizing data. C error: "),
        int(row.group(1)) + 1 if row else None,
    )


def inventory_text(counts: Counter | pd.Series, limit: int = SHOWN_CODES, truncated: bool = False) -> str:
    """'842 USA (6 rows), 0 World (2 rows) and 3 more' for a message: the most frequent codes first."""
    counts = pd.Series(counts, dtype="int64").sort_values(ascending=False, kind="stable")
    shown = [
        f"{code or '(empty)'}{' ' + CODE_NAMES[code] if code in CODE_NAMES else ''} "
        f"({count:,} row{'s' if count != 1 else ''})"
        for code, count in counts.head(limit).items()
    ]
    more = len(counts) - limit
    return ", ".join(shown) + (" and more" if truncated else f" and {more:,} more" if more > 0 else "")
