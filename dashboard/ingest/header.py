"""The header line: delimiter, duplicated, missing and renamed columns, and which format the file is in."""

from __future__ import annotations

import csv
import difflib
from collections import Counter
from dataclasses import dataclass

from dashboard.ingest.minimal import looks_minimal
from dashboard.ingest.source import InputError, refuse
from dashboard.validation import Failure

NATIVE, PLUS, LEGACY, MINIMAL = "native", "comtrade_plus", "comtrade_legacy", "minimal"
AS_CHOICES = ("auto", NATIVE, "comtrade", MINIMAL)
PLUS_COLUMNS = (
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
)
LEGACY_COLUMNS = (  # verbatim from the shared notes (a mock built from a 2016 download)
    "Classification",
    "Year",
    "Period",
    "Period Desc.",
    "Aggregate Level",
    "Is Leaf Code",
    "TradeFlow Code",
    "TradeFlow",
    "Reporter Code",
    "Reporter",
    "Reporter ISO",
    "Partner Code",
    "Partner",
    "Partner ISO",
    "2nd Partner Code",
    "2nd Partner",
    "2nd Partner ISO",
    "Customs Proc. Code",
    "Customs",
    "Mode of Transport Code",
    "Mode of Transport",
    "Commodity Code",
    "Commodity",
    "Qty Unit Code",
    "Qty Unit",
    "Qty",
    "Alt Qty Unit Code",
    "Alt Qty Unit",
    "Alt Qty",
    "Netweightkg",
    "GrossWeightkg",
    "TradeValueUS",
    "CIF TradeValue",
    "FOB Trade Value (US$)",
    "Flag",
)
LEGACY_SPELLINGS = {
    "Trade Flow Code": "TradeFlow Code",
    "Trade Flow": "TradeFlow",
    "Netweight (kg)": "Netweightkg",
    "Gross weight (kg)": "GrossWeightkg",
    "Trade Value (US$)": "TradeValueUS",
    "CIF Trade Value (US$)": "CIF TradeValue",
}  # the same columns as they are probably spelled
RECOGNISED_SHARE = 0.5  # a header with at least half of a Comtrade layout's columns is that layout
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


@dataclass(frozen=True)
class Header:
    """The header of a file: raw names (as the parser must be told), stripped names, delimiter and format."""

    raw: list[str]
    delimiter: str
    format: str

    @property
    def names(self) -> list[str]:
        """Column names without stray spaces, legacy spellings made canonical."""
        stripped = [name.strip() for name in self.raw]
        return [LEGACY_SPELLINGS.get(n, n) for n in stripped] if self.format == LEGACY else stripped


def read_header(file: str, head: bytes, as_: str = "auto") -> Header:
    """Parse line 1 and decide the format (native, Comtrade Plus, legacy Comtrade); refuse what cannot be read."""
    text = head.decode("utf-8", errors="replace")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not text.strip():
        raise refuse(file, "header", "the file holds only blank lines: no header, no data")
    if not first.strip():
        raise refuse(file, "header", "line 1 is blank: the header must be on line 1", 1)
    if "\r" in first:
        raise refuse(
            file,
            "line ends",
            "lines end with a bare CR (classic Mac): save the file with LF or CRLF line ends",
            1,
        )
    raw, delimiter = _split(first, ","), ","
    if len(raw) == 1:
        other = next((d for d in OTHER_DELIMITERS if d in first), None)
        if other == "\t" and as_ != NATIVE and _comtrade_format(_split(first, "\t"), as_):
            raw, delimiter = _split(first, "\t"), "\t"
        elif other:
            raise refuse(
                file,
                "delimiter",
                f"the header is separated by {OTHER_DELIMITERS[other]}, not commas: "
                "save the file as comma-separated CSV",
                1,
            )
    stripped = [name.strip() for name in raw]
    fmt = _format(stripped, as_)
    if as_ == "comtrade" and fmt == NATIVE:
        raise refuse(
            file,
            "format",
            "not a Comtrade export: the header has neither the Comtrade Plus columns "
            "(refYear, reporterCode, partnerCode, flowCode, cmdCode, primaryValue ...) nor the legacy ones",
            1,
        )
    header = Header(raw, delimiter, fmt)
    failures = duplicate_failures(file, header.names)
    if failures:
        raise InputError(file, failures)
    return header


def duplicate_failures(file: str, names: list[str]) -> list[Failure]:
    """A failure for every empty or repeated column name on line 1."""
    failures = [
        Failure(file, 1, f"field {i + 1}", "column name", "empty column name in the header")
        for i, name in enumerate(names)
        if not name
    ]
    for name, count in Counter(n for n in names if n).items():
        if count > 1:
            positions = ", ".join(str(i + 1) for i, n in enumerate(names) if n == name)
            failures.append(
                Failure(
                    file, 1, name, "duplicate column", f"'{name}' heads {count} columns (fields {positions})"
                )
            )
    return failures


def column_failures(
    file: str,
    names: list[str],
    expected: list[str],
    required: list[str] | None = None,
    allow_extra: bool = False,
) -> list[Failure]:
    """Missing columns (named as renamed where an unexpected column looks like them) and unexpected columns."""
    required = expected if required is None else required
    unknown = [n for n in names if n and n not in expected]
    failures, renamed = [], set()
    for missing in (c for c in required if c not in names):
        match = difflib.get_close_matches(missing, [u for u in unknown if u not in renamed], n=1, cutoff=0.6)
        if match:
            renamed.add(match[0])
            failures.append(
                Failure(
                    file,
                    1,
                    match[0],
                    "column name",
                    f"'{match[0]}' is not a column here: renamed from '{missing}'?",
                )
            )
        else:
            failures.append(
                Failure(file, 1, missing, "missing column", f"required column '{missing}' is missing")
            )
    if not allow_extra:
        failures += [
            Failure(
                file,
                1,
                name,
                "unknown column",
                f"'{name}' is not a column here; expected: " + ", ".join(expected),
            )
            for name in unknown
            if name not in renamed
        ]
    return failures


def _format(names: list[str], as_: str) -> str:
    """The format `as_` names, or (auto) Comtrade when its columns are there, minimal for a few columns, else
    native."""
    if as_ in (NATIVE, MINIMAL):
        return as_
    found = _comtrade_format(names, as_)
    if found:
        return found
    return MINIMAL if as_ == "auto" and looks_minimal(names) else NATIVE


def _split(line: str, delimiter: str) -> list[str]:
    """The fields of one CSV line."""
    return next(csv.reader([line], delimiter=delimiter), [])


def _comtrade_format(names: list[str], as_: str) -> str | None:
    """PLUS or LEGACY when the names cover enough of that layout (the better one with --as comtrade)."""
    present = set(names) | {LEGACY_SPELLINGS.get(n, n) for n in names}
    plus = len(present & set(PLUS_COLUMNS)) / len(PLUS_COLUMNS)
    legacy = len(present & set(LEGACY_COLUMNS)) / len(LEGACY_COLUMNS)
    best, share = (PLUS, plus) if plus >= legacy else (LEGACY, legacy)
    if share >= RECOGNISED_SHARE or (as_ == "comtrade" and share > 0):
        return best
    return None
