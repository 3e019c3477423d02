"""Numbers in words for people, written once: amounts with units, percentages and years late or early, as the
app, the figures, the report and the CLI show them."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

MISSING = "–"
UNIT_FORMATS = {"usd_bn": "US${} bn", "mt": "{} Mt", "bcm": "{} bcm", "troops": "{} troops"}


def is_missing(value) -> bool:
    """True for None and NaN (pandas' missing numbers)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, digits: int = 2, missing: str = "") -> str:
    """A number with thousands separators and without needless decimals: 8.0 -> '8', 1234.5 -> '1,234.5'."""
    if is_missing(value):
        return missing
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def short_number(value) -> str:
    """A number for a chart: one decimal from 10 up, two below, none needless (12, 21.9, 4.55, 5.72)."""
    return number(float(value), 1 if abs(value) >= 10 else 2)


def amount(value, unit: str | None) -> str:
    """A value with its unit: 20 usd_bn -> 'US$20 bn', 130400 troops -> '130,400 troops'; a dash when missing."""
    if is_missing(value):
        return MISSING
    text = f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return UNIT_FORMATS.get(unit or "", "{} " + (unit or "")).format(text).strip()


def usd_bn(value) -> str:
    """US dollars in billions for a chart: 12 -> 'US$12 bn', 36.8 -> 'US$36.8 bn'."""
    return f"US${short_number(value)} bn"


def percent(value, digits: int = 0, missing: str = MISSING) -> str:
    """A percentage without needless decimals: 40.2 -> '40%', with digits=1 12.25 -> '12.2%'."""
    return missing if is_missing(value) else f"{number(value, digits)}%"


def attainment(row, digits: int = 0, missing: str = MISSING, at_most: str = "at most ") -> str:
    """A ledger row's outcome as % of its target: '40%'; 'at most 76%' where only a bound is known (a part judged
    on the whole it belongs to; `at_most` says the bound, '≤' where space is short); `missing` where neither is."""
    if not is_missing(row.get("attainment_pct")):
        return percent(row["attainment_pct"], digits)
    bound = row.get("attainment_at_most_pct")
    return missing if is_missing(bound) else f"{at_most}{percent(bound, digits)}"


def years_late(years: int) -> str:
    """Years after (or before) a deadline in words: 1 -> '1 year late', -2 -> '2 years early', 0 -> 'on time'."""
    if years == 0:
        return "on time"
    count = abs(int(years))
    return f"{count} year{'' if count == 1 else 's'} {'late' if years > 0 else 'early'}"


def years_late_short(years: int) -> str:
    """Years late or early signed, for a dense table: 4 -> '+4 y', -1 -> '-1 y'."""
    return f"{int(years):+d} y"


ARTICLE_TITLE = "Sino-Russian Relations in a Changed International Landscape"
ARTICLE_CITATION = f"“{ARTICLE_TITLE}” (2002)"
DATASET_NAMES = {
    "trade": "Trade",
    "targets": "Stated targets",
    "arms": "Arms transfers (SIPRI)",
    "border": "Border agreements",
    "migration": "Migration estimates",
    "energy": "Energy deliveries",
    "events": "Timeline of events",
    "sources": "Sources",
}
ARTICLE_VERSION = "2002"  # trade/2002: the article's figures as it states them


def dataset_name(dataset: str) -> str:
    """A dataset as people call it: 'arms' -> 'Arms transfers (SIPRI)'."""
    return DATASET_NAMES.get(dataset, dataset.replace("_", " ").capitalize())


def version_label(dataset: str, version: str, years: tuple[int, int] | None = None) -> str:
    """A dataset version in plain words: trade 2002 -> 'As reported in the 2002 article'; trade 2026-11-28 with
    years (1991, 2025) -> 'Current series 1991-2025 (2026-11-28)'; others -> 'Arms transfers (SIPRI), 2026-11-28'."""
    if dataset == "trade" and version == ARTICLE_VERSION:
        return "As reported in the 2002 article"
    if dataset == "trade":
        span = f" {years[0]}-{years[1]}" if years else ""
        return f"Current series{span} ({version})"
    return f"{dataset_name(dataset)}, {version}"


ARTICLE_SOURCE_PREFIX = "article-"  # the sources dataset's ids for quotes of the 2002 article


def publisher_name(source_id: str, publisher) -> str:
    """Who published a source, as a reader would cite it: the 2002 article by its title."""
    if str(source_id).startswith(ARTICLE_SOURCE_PREFIX):
        return ARTICLE_CITATION
    return (
        ""
        if publisher is None or (isinstance(publisher, float) and math.isnan(publisher))
        else str(publisher)
    )


def name_sources(text: str, publishers: Mapping[str, str]) -> str:
    """Source ids in parentheses replaced by their publishers, for a reader: '(trade-2019-01-rt)' -> '(RT)'."""
    return re.sub(
        r"\(([a-z0-9][a-z0-9_.-]*)\)", lambda m: f"({publishers.get(m.group(1), m.group(1))})", text
    )


def publishers_of(sources) -> dict[str, str]:
    """Every source id of a sources frame with its publisher as a reader cites it."""
    return {sid: publisher_name(sid, name) for sid, name in zip(sources["source_id"], sources["publisher"])}
