"""The claims ledger: each quantitative figure of the 2002 article against the later evidence in the datasets.

The claims dataset says how each figure is checked (evidence dataset and measure, years, tolerance); this module
finds the evidence rows and computes the verdict: confirmed, contradicted, superseded, unverifiable, or
not_a_claim (a date or time span, with the reason). No verdict is stored anywhere; all follow from the data.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.formatting import name_sources, publishers_of

VERDICTS = ("confirmed", "contradicted", "superseded", "unverifiable", "not_a_claim")
VERDICT_WORDS = {
    "confirmed": "Confirmed",
    "contradicted": "Contradicted",
    "superseded": "Superseded",
    "unverifiable": "Unverifiable",
    "not_a_claim": "Not a claim",
}
CLAIM_KEYS = (
    "claim_id",
    "source_id",
    "quote",
    "footnote",
    "indicator",
    "measure",
    "kind",
    "year",
    "claimed_value",
    "claimed_low",
    "claimed_high",
    "unit",
    "qualifier",
    "tolerance",
    "tolerance_unit",
    "compared_as",
    "verdict",
    "difference",
    "difference_pct",
    "evidence",
    "explanation",
)
UNIT_WORDS = {
    "usd_bn": "US$ bn",
    "usd_m": "US$ m",
    "percent": "%",
    "mt": "Mt",
    "tiv_usd_m": "TIV (US$ m at constant prices)",
}


@dataclass(frozen=True)
class Evidence:
    """One later figure: its source, year, value or bounds, unit, and how far the source is trusted."""

    source_id: str
    year: int | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    reliability: str = "medium"
    preferred: bool = False

    def bounds(self) -> tuple[float, float]:
        """The interval the row states: a point, a range, or a one-sided bound."""
        if self.value is not None and self.low is None and self.high is None:
            return self.value, self.value
        low = self.low if self.low is not None else (-math.inf if self.high is not None else self.value)
        high = self.high if self.high is not None else (math.inf if self.low is not None else self.value)
        return float(low if low is not None else -math.inf), float(high if high is not None else math.inf)

    def as_dict(self) -> dict:
        """{source_id, year, value, unit} (and low, high, reliability) for the JSON output."""
        return {
            "source_id": self.source_id,
            "year": self.year,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "reliability": self.reliability,
        }


def claim_records(frames: Mapping[str, pd.DataFrame]) -> list[dict]:
    """Every claim of the claims dataset with its verdict, evidence and explanation."""
    sources = frames["sources"]
    reliability = dict(zip(sources["source_id"], sources["reliability"]))
    publishers = publishers_of(sources)
    return [
        _in_words(judge(_clean(row), frames, reliability), publishers)
        for row in frames["claims"].to_dict("records")
    ]


def _in_words(record: dict, publishers: Mapping[str, str]) -> dict:
    """The explanation as a reader reads it: each source named by its publisher, not by its id (the ids stay in
    the evidence)."""
    return {**record, "explanation": name_sources(record["explanation"], publishers)}


def judge(claim: dict, frames: Mapping[str, pd.DataFrame], reliability: Mapping[str, str]) -> dict:
    """One claim's verdict, difference, evidence rows and a one-sentence explanation."""
    record = {key: claim.get(key) for key in CLAIM_KEYS}
    record.update(difference=None, difference_pct=None, evidence=[])
    if claim["verdict_rule"] == "not_a_claim":
        return {
            **record,
            "verdict": "not_a_claim",
            "explanation": _sentence(f"Not a claim: {claim['reason']}"),
        }
    rows = evidence_for(claim, frames, reliability)
    record["evidence"] = [row.as_dict() for row in rows]
    if not rows:
        missing = claim["reason"] or "no dataset holds a later figure of this measure"
        return {
            **record,
            "verdict": "unverifiable",
            "explanation": _sentence(f"No independent evidence: {missing}"),
        }
    if claim["verdict_rule"] == "different_measure":
        context = "; ".join(_describe(row) for row in rows)
        text = f"No comparable evidence: {claim['reason']}; for context, {context} ({claim['compared_as']})"
        return {**record, "verdict": "unverifiable", "explanation": _sentence(text)}
    deciding = _deciding(rows)
    if claim["verdict_rule"] == "target":
        return {**record, **_judge_target(claim, deciding)}
    return {**record, **_judge_level(claim, deciding, rows)}


def evidence_for(
    claim: dict, frames: Mapping[str, pd.DataFrame], reliability: Mapping[str, str]
) -> list[Evidence]:
    """The evidence rows the claim's dataset, measure, years and source rule select."""
    dataset = claim["evidence_dataset"]
    if not dataset:
        return []
    rows = SELECTORS[dataset](frames[dataset], claim["evidence_measure"])
    first, last = claim["evidence_year_from"], claim["evidence_year_to"]
    kept = []
    for row in rows:
        if row.source_id.startswith("article-") and (
            claim["evidence_sources"] == "independent" or row.source_id == claim["source_id"]
        ):
            continue
        if row.year is not None and ((first and row.year < first) or (last and row.year > last)):
            continue
        if claim["verdict_rule"] != "different_measure" and row.unit != claim["unit"]:
            continue  # 62 miles is not checked against 100 km
        kept.append(replace(row, reliability=reliability.get(row.source_id, "medium")))
    return kept


def _deciding(rows: list[Evidence]) -> list[Evidence]:
    """The rows a verdict rests on: not low-reliability (unless only such exist); the preferred ones where marked."""
    trusted = [row for row in rows if row.reliability != "low"] or rows
    preferred = [row for row in trusted if row.preferred]
    return preferred or trusted


def _claimed_bounds(claim: dict) -> tuple[float, float]:
    """The interval the claim states (a 'more than' bound open above, 'nearly'/'up to' open below for ranges)."""
    value, low, high = claim["claimed_value"], claim["claimed_low"], claim["claimed_high"]
    if claim["verdict_rule"] == "at_least":
        return float(low if low is not None else value), math.inf
    if claim["verdict_rule"] == "range" and value is not None and high is not None and low is None:
        return 0.0, float(high)  # 'a maximum of 20,000'
    if low is not None and high is not None:
        return float(low), float(high)
    return float(value), float(value)


def _tolerance(claim: dict, reference: float) -> float:
    """The tolerance in the claim's unit."""
    tolerance = claim["tolerance"] or 0.0
    return abs(reference) * tolerance / 100 if claim["tolerance_unit"] == "percent" else tolerance


def _gap(claimed: tuple[float, float], row: Evidence, tolerance: float) -> float:
    """Signed distance from the claim to the evidence interval beyond the tolerance (0: they agree).

    Positive: the claim is above the evidence; negative: below.
    """
    low, high = row.bounds()
    if claimed[0] > high + tolerance:
        return claimed[0] - high
    if claimed[1] < low - tolerance:
        return claimed[1] - low
    return 0.0


def _judge_level(claim: dict, deciding: list[Evidence], rows: list[Evidence]) -> dict:
    """A stated figure against the deciding evidence: confirmed, contradicted, or (sources disagree) unverifiable."""
    claimed = _claimed_bounds(claim)
    reference = claimed[0] if math.isfinite(claimed[0]) else claimed[1]
    tolerance = _tolerance(claim, reference)
    gaps = [_gap(claimed, row, tolerance) for row in deciding]
    note = f" ({claim['compared_as']})" if claim["compared_as"] else ""
    others = [row for row in rows if row not in deciding]
    aside = f"; also {', '.join(_describe(row) for row in others)}" if others else ""
    agreeing = [row for row, gap in zip(deciding, gaps) if gap == 0]
    if len(agreeing) == len(deciding):
        text = f"Later sources agree (tolerance: {_tolerance_words(claim)}): {_list(deciding)}{_low_only(deciding)}{aside}{note}"
        return {"verdict": "confirmed", "explanation": _sentence(text)}
    if agreeing:
        text = f"Later sources disagree: {_list(agreeing)} agree, {_list([r for r in deciding if r not in agreeing])} do not{note}"
        return {"verdict": "unverifiable", "explanation": _sentence(text)}
    nearest_gap, nearest = min(zip(gaps, deciding), key=lambda pair: abs(pair[0]))
    base = nearest.bounds()[1] if nearest_gap > 0 else nearest.bounds()[0]
    pct = 100 * nearest_gap / abs(base) if base else None
    direction = "above" if nearest_gap > 0 else "below"
    pct_words = f" ({abs(pct):.1f}%)" if pct is not None else ""
    text = (
        f"The claim is {amount(abs(nearest_gap), claim['unit'], difference=True)}{pct_words} {direction} "
        f"the nearest later figure, {_describe(nearest)} (tolerance: {_tolerance_words(claim)})"
        f"{_low_only(deciding)}{aside}{note}"
    )
    return {
        "verdict": "contradicted",
        "difference": round(nearest_gap, 4),
        "difference_pct": None if pct is None else round(pct, 2),
        "explanation": _sentence(text),
    }


def _judge_target(claim: dict, deciding: list[Evidence]) -> dict:
    """A plan or pledge against what happened: confirmed when reached by its year, else superseded (what happened)."""
    target = claim["claimed_value"] if claim["claimed_value"] is not None else claim["claimed_high"]
    deadline = claim["year"]
    first_year = min(row.year for row in deciding if row.year is not None)
    best = max((row for row in deciding if row.year == first_year), key=lambda row: row.bounds()[0])
    value = best.bounds()[0]
    attainment = 100 * value / target
    note = f" ({claim['compared_as']})" if claim["compared_as"] else ""
    planned = f"{amount(target, claim['unit'])} by {deadline}"
    if first_year <= deadline and value >= target - _tolerance(claim, target):
        return {
            "verdict": "confirmed",
            "explanation": _sentence(f"Reached: {_describe(best)} against {planned}{note}"),
        }
    if first_year > deadline:
        what = f"no figure for {deadline}; the first later one is {_describe(best)}"
    else:
        what = f"{_describe(best)}, {attainment:.0f}% of it"
    text = f"Overtaken by events: instead of {planned}, {what}{_low_only([best])}{note}"
    return {
        "verdict": "superseded",
        "difference": round(value - target, 4),
        "difference_pct": round(attainment - 100, 2),
        "explanation": _sentence(text),
    }


# Evidence selectors: (dataset frame, evidence_measure) -> rows in the claim's unit.


def _float(value) -> float | None:
    """A number, or None for a missing cell."""
    return None if value is None or pd.isna(value) else float(value)


def _int(value) -> int | None:
    """A year, or None for a missing cell."""
    return None if value is None or pd.isna(value) else int(value)


def _trade(frame: pd.DataFrame, measure: str) -> list[Evidence]:
    """Turnover levels (US$ bn) or the stated change on the year before (%)."""
    if measure.endswith("_yoy_change"):
        rows = frame[
            (frame["measure"] == measure.removesuffix("_yoy_change")) & frame["yoy_change_pct"].notna()
        ]
        return [
            Evidence(
                r.source_id, _int(r.year), _float(r.yoy_change_pct), None, None, "percent", preferred=False
            )
            for r in rows.itertuples()
        ]
    rows = frame[frame["measure"] == measure]
    rows = rows[rows[["value_usd_bn", "value_low_usd_bn", "value_high_usd_bn"]].notna().any(axis=1)]
    return [
        Evidence(
            r.source_id,
            _int(r.year),
            _float(r.value_usd_bn),
            _float(r.value_low_usd_bn),
            _float(r.value_high_usd_bn),
            "usd_bn",
            preferred=bool(r.preferred),
        )
        for r in rows.itertuples()
    ]


ARMS_SHARES = {
    "tiv_share_china_of_russia_exports": ("tiv_supplier_to_china", "tiv_supplier_total_exports", "Russia"),
    "tiv_share_russia_of_world": ("tiv_supplier_total_exports", "tiv_world_total", "Russia"),
}


def _arms(frame: pd.DataFrame, measure: str) -> list[Evidence]:
    """SIPRI TIV: China's total imports (TIV US$ m), or a share derived per vintage and year (%)."""
    tiv = frame[
        (frame["measure_basis"] == "tiv") & (frame["period_type"] == "year") & frame["tiv_usd_m"].notna()
    ]
    if measure not in ARMS_SHARES:
        rows = tiv[tiv["series"] == measure.removeprefix("tiv_")]
        return [
            Evidence(r.source_id, _int(r.year), _float(r.tiv_usd_m), None, None, "tiv_usd_m")
            for r in rows.itertuples()
        ]
    part_series, whole_series, supplier = ARMS_SHARES[measure]
    keys = ["vintage", "year"]
    part = tiv[(tiv["series"] == part_series) & (tiv["supplier"] == supplier)].set_index(keys)
    whole_rows = tiv[tiv["series"] == whole_series]
    if whole_series != "tiv_world_total":
        whole_rows = whole_rows[whole_rows["supplier"] == supplier]
    whole = whole_rows.set_index(keys)
    both = part.join(whole["tiv_usd_m"].rename("whole"), how="inner")
    return [
        Evidence(row.source_id, int(key[1]), round(100 * row.tiv_usd_m / row.whole, 2), None, None, "percent")
        for key, row in zip(both.index, both.itertuples())
    ]


def _border(frame: pd.DataFrame, measure: str) -> list[Evidence]:
    """A provision of the border agreements (ceilings, zone depth, lengths, counts)."""
    rows = frame[
        (frame["provision"] == measure) & frame[["value", "value_low", "value_high"]].notna().any(axis=1)
    ]
    return [
        Evidence(r.source_id, None, _float(r.value), _float(r.value_low), _float(r.value_high), str(r.unit))
        for r in rows.itertuples()
    ]


def _migration(frame: pd.DataFrame, measure: str) -> list[Evidence]:
    """Counts and estimates (never claims) of measure(s)@geography; shares for visa compliance."""
    measures, _, geography = measure.partition("@")
    rows = frame[
        frame["measure"].isin(measures.split("|"))
        & (frame["geography"] == geography)
        & (frame["kind"] != "claim")
    ]
    evidence = []
    for r in rows.itertuples():
        if pd.notna(r.share_pct) or pd.notna(r.share_low_pct):
            low = _float(r.share_low_pct)
            evidence.append(Evidence(r.source_id, _int(r.year), _float(r.share_pct), low, None, "percent"))
            continue
        value, low, high = _float(r.persons), _float(r.persons_low), _float(r.persons_high)
        evidence.append(Evidence(r.source_id, _int(r.year), value, low, high, "persons"))
    return evidence


def _energy(frame: pd.DataFrame, measure: str) -> list[Evidence]:
    """commodity:route:measure; deliveries_barrels turns barrels a day into million barrels a year (x 365 / 1e6)."""
    commodity, route, what = measure.split(":")
    rows = frame[(frame["commodity"] == commodity) & (frame["route"] == route)]
    if what == "deliveries_barrels":
        rows = rows[(rows["measure"] == "deliveries") & (rows["unit"] == "barrels_per_day")]
        return [
            Evidence(
                r.source_id,
                _int(r.year),
                round(r.value * 365 / 1e6, 1),
                None,
                None,
                "million_barrels_per_year",
            )
            for r in rows.itertuples()
        ]
    rows = rows[(rows["measure"] == what) & (rows["unit"] == "mt")]
    return [
        Evidence(
            r.source_id,
            _int(r.year),
            _float(r.value),
            _float(r.value_low),
            _float(r.value_high),
            "mt",
            preferred=bool(r.preferred),
        )
        for r in rows.itertuples()
    ]


SELECTORS: dict[str, Callable[[pd.DataFrame, str], list[Evidence]]] = {
    "trade": _trade,
    "arms": _arms,
    "border": _border,
    "migration": _migration,
    "energy": _energy,
}


# Words for people.


def _clean(row: dict) -> dict:
    """A claims row with missing cells as None and numbers as plain Python numbers."""
    clean: dict[str, object] = {}
    for key, value in row.items():
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            clean[key] = None
        elif key in ("year", "footnote", "char_offset", "evidence_year_from", "evidence_year_to"):
            clean[key] = int(value)
        elif key in ("claimed_value", "claimed_low", "claimed_high", "tolerance"):
            clean[key] = float(value)
        else:
            clean[key] = value
    return clean


def _num(value: float) -> str:
    """A number as people write it: thousands separated, no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _unit(unit: str) -> str:
    """A unit in words."""
    return UNIT_WORDS.get(unit, unit.replace("_", " "))


def amount(value: float, unit: str, difference: bool = False) -> str:
    """'US$8 bn', '49.73%' ('20.27 points' for a difference of shares), '130,400 troops'."""
    if unit == "usd_bn":
        return f"US${_num(value)} bn"
    if unit == "usd_m":
        return f"US${_num(value)} m"
    if unit == "percent":
        return f"{_num(value)} points" if difference else f"{_num(value)}%"
    return f"{_num(value)} {_unit(unit)}"


def _describe(row: Evidence) -> str:
    """'US$8 bn in 2000 (trade-2011-07-china-daily)'."""
    low, high = row.low, row.high
    if row.value is not None and low is None and high is None:
        figure = amount(row.value, row.unit)
    elif low is not None and high is not None and low != high:
        figure = f"{_num(low)}-{amount(high, row.unit)}"
    elif low is not None:
        figure = f"more than {amount(low, row.unit)}"
    elif high is not None:
        figure = f"at most {amount(high, row.unit)}"
    else:
        figure = amount(row.value or 0, row.unit)
    year = f" in {row.year}" if row.year is not None else ""
    return f"{figure}{year} ({row.source_id})"


def _low_only(rows: list[Evidence]) -> str:
    """A warning where the verdict rests on low-reliability sources only."""
    return " (on low-reliability sources only)" if rows and all(r.reliability == "low" for r in rows) else ""


def _list(rows: list[Evidence]) -> str:
    """Rows described and joined."""
    return ", ".join(_describe(row) for row in rows)


def _tolerance_words(claim: dict) -> str:
    """'2%', '1 point', 'exact agreement'."""
    tolerance, unit = claim["tolerance"] or 0.0, claim["tolerance_unit"]
    if not tolerance:
        return (
            "exact agreement"
            if claim["verdict_rule"] != "range"
            else "no tolerance (the ranges must overlap)"
        )
    if unit == "percent":
        return f"{_num(tolerance)}%"
    if unit == "points":
        return f"{_num(tolerance)} point" + ("" if tolerance == 1 else "s")
    return f"{_num(tolerance)} {_unit(claim['unit'])}"


def _sentence(text: str) -> str:
    """One sentence, capitalised and closed by a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def verdict_counts(records: list[dict]) -> dict[str, int]:
    """How many claims have each verdict, in the order of VERDICTS."""
    return {verdict: sum(1 for r in records if r["verdict"] == verdict) for verdict in VERDICTS}


def claims_csv(records: list[dict]) -> str:
    """The claims as CSV, one row each, the evidence in one cell ('source_id year value unit; ...'): what
    `bilateral claims --csv` prints and the API serves."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CLAIM_KEYS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({**r, "evidence": evidence_cell(r["evidence"])} for r in records)
    return out.getvalue()


def evidence_cell(evidence: list[dict]) -> str:
    """Evidence rows in one CSV cell: 'source_id year value unit; ...'."""
    return "; ".join(
        " ".join(str(part) for part in (e["source_id"], e["year"], e["value"], e["unit"]) if part is not None)
        for e in evidence
    )
