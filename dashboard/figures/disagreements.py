"""Where sources disagree, in words a reader can use beside the chart each disagreement concerns: the warnings
`bilateral validate` prints (dashboard.consistency), told from the same tables without ids, digests or codes.

A reported growth rate that the levels contradict is told as the level it implies for the year before, against
the preferred level of that year (consistency.growth_implied_levels: the same rows and tolerance the warnings
use); two customs bases that differ beyond the tolerance (the customs gaps table) as the two levels and the
difference. Each note names the chart it belongs beside."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.consistency import BASIS_TOLERANCE_PCT, growth_implied_levels
from dashboard.figures.findings import BASIS_WORDS, signed_percent
from dashboard.figures.people import source_names
from dashboard.formatting import percent, usd_bn
from dashboard.schemas.terms import EXPORTS, IMPORTS, TURNOVER

CHART_OF_MEASURE = {TURNOVER: "trade_pledges", EXPORTS: "trade_flows", IMPORTS: "trade_flows"}
CUSTOMS_CHART = "trade_customs_bases"
MEASURE_WORDS = {
    TURNOVER: "",
    EXPORTS: ", China's exports to Russia",
    IMPORTS: ", China's imports from Russia",
}
BASIS_NAMES = {
    **BASIS_WORDS,
    "unspecified": "basis not stated",
    "official_statement": "an official statement",
}
GROWTH_WORDS = {TURNOVER: "growth", EXPORTS: "export growth", IMPORTS: "import growth"}


@dataclass(frozen=True)
class Note:
    """One disagreement: the chart it concerns, the year whose figure is in doubt, and what to know, in words."""

    chart: str
    year: int
    text: str


def notes(trade: pd.DataFrame, customs_gaps: pd.DataFrame, sources: pd.DataFrame) -> list[Note]:
    """Every disagreement in the trade data as a note for its chart, by chart and year."""
    names = source_names(sources)
    found = growth_notes(trade, names) + customs_notes(customs_gaps, names)
    return sorted(found, key=lambda note: (note.chart, note.year, note.text))


def by_chart(found: list[Note]) -> dict[str, list[str]]:
    """The notes' texts by the chart they concern."""
    grouped: dict[str, list[str]] = {}
    for note in found:
        grouped.setdefault(note.chart, []).append(note.text)
    return grouped


def growth_notes(trade: pd.DataFrame, names: dict[str, str]) -> list[Note]:
    """A reported change the levels contradict: the level it implies for the year before, against the preferred
    one; on turnover, where the same report gives export and import growth, what those imply together."""
    implied = growth_implied_levels(trade)
    preferred = _preferred(trade)
    found = []
    for row in implied.to_dict("records"):
        measure, year = str(row["measure"]), int(row["year"])
        chart = CHART_OF_MEASURE.get(measure)
        if chart is None or (measure, year) not in preferred:
            continue
        level, basis = preferred[(measure, year)]
        reached = row["value_usd_bn"] * (1 + row["reported_change_pct"] / 100)
        text = (
            f"{year}{MEASURE_WORDS[measure]}: {usd_bn(level)} ({basis}); the {row['from_year']} "
            f"{GROWTH_WORDS[measure]} of {signed_percent(row['reported_change_pct'])} to {usd_bn(reached)} "
            f"reported by {names.get(str(row['source_id']), 'another source')}, implies about "
            f"{usd_bn(row['value_usd_bn'])}"
        )
        if measure == TURNOVER:
            text += _flows_together(implied, year, int(row["from_year"]))
        found.append(Note(chart, year, text + "."))
    return found


def customs_notes(gaps: pd.DataFrame, names: dict[str, str]) -> list[Note]:
    """Chinese against Russian customs where they differ beyond the warnings' tolerance."""
    found = []
    for row in gaps.to_dict("records"):
        if abs(row["gap_pct"]) <= BASIS_TOLERANCE_PCT:
            continue
        more = "more" if row["gap_pct"] > 0 else "less"
        found.append(
            Note(
                CUSTOMS_CHART,
                int(row["year"]),
                f"{int(row['year'])}: Russian customs count {usd_bn(row['russia_usd_bn'])} "
                f"({names.get(str(row['russia_source_id']), 'a report')}), {percent(abs(row['gap_pct']), 1)} "
                f"{more} than Chinese customs' {usd_bn(row['china_usd_bn'])} "
                f"({names.get(str(row['china_source_id']), 'a report')}).",
            )
        )
    return found


def _flows_together(implied: pd.DataFrame, year: int, from_year: int) -> str:
    """'; its export and import growth (+7.3%, -3.1%) imply US$34.8 bn and US$33.3 bn, together US$68 bn', where
    reports of the same year imply both flows for `year`."""
    same = implied[(implied["year"] == year) & (implied["from_year"] == from_year)]
    flows = {str(r["measure"]): r for r in same.to_dict("records") if r["measure"] in (EXPORTS, IMPORTS)}
    if set(flows) != {EXPORTS, IMPORTS}:
        return ""
    out, back = flows[EXPORTS], flows[IMPORTS]
    return (
        f"; the {from_year} export and import growth ({signed_percent(out['reported_change_pct'])}, "
        f"{signed_percent(back['reported_change_pct'])}) imply {usd_bn(out['value_usd_bn'])} and "
        f"{usd_bn(back['value_usd_bn'])}, together {usd_bn(out['value_usd_bn'] + back['value_usd_bn'])}"
    )


def _preferred(trade: pd.DataFrame) -> dict[tuple[str, int], tuple[float, str]]:
    """(measure, year) -> (the preferred level, its basis in words)."""
    rows = trade[trade["preferred"].astype(bool) & trade["value_usd_bn"].notna()]
    return {
        (str(r.measure), int(r.year)): (
            float(r.value_usd_bn),
            BASIS_NAMES.get(str(r.reporting_basis), str(r.reporting_basis).replace("_", " ")),
        )
        for r in rows.itertuples(index=False)
    }
