"""Synthetic test files (never real figures): Comtrade Plus and legacy rows, and native trade rows."""

from __future__ import annotations

from pathlib import Path

from dashboard.catalog import DEFAULT_ROOT
from dashboard.ingest.header import LEGACY_COLUMNS, PLUS_COLUMNS

PLUS_HEADER = ",".join(PLUS_COLUMNS)
LEGACY_HEADER = ",".join(LEGACY_COLUMNS)
TRADE_CSV = DEFAULT_ROOT / "trade" / "2026-11-28" / "trade.csv"
SYNTHETIC = "SYNTHETIC"  # written into every description column: these rows are made up for tests


def plus_row(
    reporter=156,
    partner=643,
    flow="X",
    year=2020,
    month=52,
    value=1e9,
    cmd="TOTAL",
    partner2=0,
    customs="C00",
    mot=0,
    type_code="C",
    **overrides,
) -> str:
    """One Comtrade Plus row (47 fields); month 52 is an annual row, 1-12 a monthly one."""
    annual = month == 52
    period = f"{year}" if annual else f"{year}{month:02d}"
    cells = dict.fromkeys(PLUS_COLUMNS, "")
    cells.update(
        typeCode=type_code,
        freqCode="A" if annual else "M",
        refPeriodId=f"{year}{1 if annual else month:02d}01",
        refYear=year,
        refMonth=month,
        period=period,
        reporterCode=reporter,
        reporterDesc=SYNTHETIC,
        flowCode=flow,
        partnerCode=partner,
        partner2Code=partner2,
        classificationCode="H6",
        classificationSearchCode="HS",
        isOriginalClassification="True",
        cmdCode=cmd,
        cmdDesc=SYNTHETIC,
        customsCode=customs,
        mosCode="0 ",
        motCode=mot,
        qtyUnitCode=-1,
        isQtyEstimated="False",
        altQtyUnitCode=-1,
        isAltQtyEstimated="False",
        netWgt="0.0",
        isNetWgtEstimated="False",
        isGrossWgtEstimated="False",
        primaryValue=_number(value),
        legacyEstimationFlag=0,
        isReported="True",
        isAggregate="True",
    )
    cells["cifvalue" if flow == "M" else "fobvalue"] = _number(value)
    cells.update(overrides)
    return ",".join(str(cells[c]) for c in PLUS_COLUMNS)


def legacy_row(reporter=156, partner=643, flow=2, year=2020, period=None, value=1e9, cmd="TOTAL") -> str:
    """One legacy (35-column) Comtrade row; flow 1 import, 2 export."""
    cells = dict.fromkeys(LEGACY_COLUMNS, "")
    cells.update(
        {
            "Classification": "HS",
            "Year": year,
            "Period": period or year,
            "Period Desc.": SYNTHETIC,
            "Aggregate Level": 0,
            "TradeFlow Code": flow,
            "TradeFlow": SYNTHETIC,
            "Reporter Code": reporter,
            "Reporter": SYNTHETIC,
            "Partner Code": partner,
            "Partner": SYNTHETIC,
            "Commodity Code": cmd,
            "Commodity": SYNTHETIC,
            "TradeValueUS": _number(value),
            "Flag": 0,
        }
    )
    return ",".join(str(cells[c]) for c in LEGACY_COLUMNS)


def _number(value) -> str:
    """A value as Comtrade writes it (1234.0); text passes through."""
    return value if isinstance(value, str) else f"{float(value):.1f}"


CHINA_EXPORTS = {
    2019: 49.5,
    2020: 50.5,
    2021: 67.6,
    2022: 76.1,
    2023: 110.9,
    2024: 115.5,
}  # US$ bn, synthetic
CHINA_IMPORTS = {
    2019: 61.0,
    2020: 57.2,
    2021: 79.3,
    2022: 114.1,
    2023: 129.1,
    2024: 129.3,
}  # US$ bn, synthetic
RUSSIA_IMPORTS = {2019: 54.1, 2020: 54.7, 2021: 72.7}  # US$ bn, synthetic
RUSSIA_EXPORTS = {2019: 56.8, 2020: 49.1, 2021: 68.0}  # US$ bn, synthetic


def comtrade_export_lines() -> list[str]:
    """A synthetic Comtrade Plus export: China-reported 2019-2024 (annual, 2024 as 12 months, 2025 partial),
    Russia-reported 2019-2021, plus rows that must not count (detail, partner2, transport, services, others)."""
    lines = [PLUS_HEADER]
    for year in range(2019, 2024):
        lines.append(plus_row(156, 643, "X", year, value=CHINA_EXPORTS[year] * 1e9))
        lines.append(plus_row(156, 643, "M", year, value=CHINA_IMPORTS[year] * 1e9))
    for month in range(1, 13):
        lines.append(plus_row(156, 643, "X", 2024, month, value=CHINA_EXPORTS[2024] * 1e9 / 12))
        lines.append(plus_row(156, 643, "M", 2024, month, value=CHINA_IMPORTS[2024] * 1e9 / 12))
    for month in range(1, 10):
        lines.append(plus_row(156, 643, "X", 2025, month, value=9e9))
    for year, imports in RUSSIA_IMPORTS.items():
        lines.append(plus_row(643, 156, "M", year, value=f" {imports * 1e9:.1f} "))
        lines.append(plus_row(643, 156, "X", year, value=RUSSIA_EXPORTS[year] * 1e9))
    lines += [
        plus_row(156, 643, "X", 2020, cmd="27", value=5e9),
        plus_row(156, 643, "X", 2020, partner2=344),
        plus_row(156, 643, "M", 2020, mot=1000),
        plus_row(156, 643, "M", 2020, customs="C01"),
        plus_row(156, 643, "X", 2020, type_code="S"),
        plus_row(156, 643, "RX", 2020, value=1e8),
        plus_row(156, 0, "X", 2020, value=2.5e12),
        plus_row(842, 643, "X", 2020, value=5e9),
    ]
    return lines


def write(path: Path, lines: list[str] | bytes) -> Path:
    """Write lines (LF, final newline) or raw bytes."""
    path.write_bytes(lines if isinstance(lines, bytes) else ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def trade_lines(count: int = 8) -> list[str]:
    """The header and the first rows of the bundled trade version (valid, resolvable source ids)."""
    return TRADE_CSV.read_text(encoding="utf-8").splitlines()[: count + 1]
