"""Write the rows of the `claims` dataset's active version (datasets/catalog.json) from the sealed source pack.

    python scripts/make_claims.py > claims.csv        # from the repository's root; stdlib only

Two inputs, kept apart on purpose:
- Transcribed from snapshots/source-pack/article_figures.csv (checked against the seal in snapshot.json), by the
  rules in code below: the quote, footnote, section, indicator, kind, char_offset, the period as stated, the
  year it refers to, the claimed value or range, the unit as an id and the qualifier the unit's words carry
  ("(more than)" -> more_than); and the article's source id where the sources dataset has a row for the quote.
- Curated by hand, one row per figure in scripts/claims_rules.csv (keyed by char_offset and indicator): the
  claim id, the measure id and how the figure is checked (verdict rule, evidence dataset and measure, years,
  which sources count, tolerance, the compared_as note) or why it is not (reason). These are judgements, not
  transcriptions: they live in data, not code.

tests/test_make_claims.py holds the output to the active version's CSV byte for byte. A new version of the dataset
starts from here: change the rules or the code, write the CSV into a new version folder and seal it
(`bilateral datasets add`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "snapshots" / "source-pack"
FIGURES = "article_figures.csv"
RULES = Path(__file__).resolve().parent / "claims_rules.csv"
ACTIVE = json.loads((ROOT / "datasets" / "catalog.json").read_text(encoding="utf-8"))["active"]
SOURCES = ROOT / "datasets" / "sources" / ACTIVE["sources"] / "sources.csv"
ARTICLE_YEAR = 2002  # 'c.2002', 'mid-1990s onwards' and other undated present tenses refer to it
DURATIONS = {"years", "months", "weeks"}  # a span of these refers to its end (a duration up to then)
COLUMNS = [
    "claim_id",
    "source_id",
    "char_offset",
    "quote",
    "footnote",
    "section",
    "indicator",
    "measure",
    "kind",
    "year",
    "period_label",
    "claimed_value",
    "claimed_low",
    "claimed_high",
    "unit",
    "qualifier",
    "verdict_rule",
    "evidence_dataset",
    "evidence_measure",
    "evidence_year_from",
    "evidence_year_to",
    "evidence_sources",
    "tolerance",
    "tolerance_unit",
    "compared_as",
    "reason",
]
UNITS = {  # the pack's unit words -> the dataset's unit id (and a factor for figures stated in millions)
    "USD billion": ("usd_bn", 1),
    "USD million": ("usd_m", 1),
    "million tons": ("mt", 1),
    "billion kWh": ("billion_kwh", 1),
    "million persons": ("persons", 1_000_000),
}
QUALIFIERS = {  # the words in the unit's brackets -> the qualifier; any other words leave it exact
    "more than": "more_than",
    "over": "more_than",
    "approx.": "approx",
    "nearly": "nearly",
    "up to": "up_to",
    "maximum": "up_to",
    "two-thirds": "approx",  # a round share in words
    "two decades": "approx",  # round durations in words
    "a decade": "approx",
}


def main() -> None:
    """Print the claims CSV."""
    sys.stdout.write(claims_csv())


def claims_csv(pack: Path = PACK, rules: Path = RULES, sources: Path = SOURCES) -> str:
    """The claims dataset's CSV text: the pack's figures, transcribed, with each figure's curated rule."""
    figures = read_rows(sealed(pack, FIGURES))
    curated = {(row["char_offset"], row["indicator"]): row for row in read_rows(rules.read_bytes())}
    known = {row["source_id"] for row in read_rows(sources.read_bytes())}
    unused = set(curated) - {(row["char_offset"], row["indicator"]) for row in figures}
    if unused:
        raise SystemExit(f"rules for figures the pack does not have: {sorted(unused)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        key = (figure["char_offset"], figure["indicator"])
        if key not in curated:
            raise SystemExit(f"no rule in {rules.name} for the figure at {key[0]} ({key[1]})")
        writer.writerow(claim(figure, curated[key], known))
    return out.getvalue()


def claim(figure: dict, rule: dict, known: set[str]) -> dict:
    """One claims row from a pack figure and its curated rule."""
    unit, factor = unit_id(figure["unit"])
    qualifier = qualifier_of(figure["unit"])
    value, low, high = (scaled(figure[name], factor) for name in ("value", "value_low", "value_high"))
    if qualifier == "more_than" and not low:
        low = value  # 'more than 70%': at least 70
    if qualifier in ("nearly", "up_to") and not high:
        high = value  # 'nearly US$3 bn', 'up to 10 Mt': at most that
    source_id = f"article-{figure['char_offset']}"
    transcribed = {
        "source_id": source_id if source_id in known else "",
        "char_offset": figure["char_offset"],
        "quote": figure["quote"],
        "footnote": figure["footnote"],
        "section": figure["section"],
        "indicator": figure["indicator"],
        "kind": figure["kind"],
        "year": str(year_of(figure["year_or_period"], figure["kind"], unit)),
        "period_label": figure["year_or_period"],
        "claimed_value": value,
        "claimed_low": low,
        "claimed_high": high,
        "unit": unit,
        "qualifier": qualifier,
    }
    curated = {
        name: rule[name] for name in COLUMNS if name in rule and name not in ("char_offset", "indicator")
    }
    return {**transcribed, **curated}


def year_of(period: str, kind: str, unit: str) -> int:
    """The year a figure refers to: the stated year; a target's deadline (the last year named); a span's end
    for a duration or a target, else its first year; the article's year where none is stated."""
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", period)]  # not the 1990 of "mid-1990s"
    if not years:
        return ARTICLE_YEAR
    span = re.search(r"(\d{4})\s*-\s*(\d{4})", period)
    if span and not (kind == "target" or unit in DURATIONS):
        return int(span.group(1))
    return years[-1]


def unit_id(words: str) -> tuple[str, int]:
    """'USD billion (nearly)' -> ('usd_bn', 1); 'million persons' -> ('persons', 1000000); 'flight hours
    (approx.)' -> ('flight_hours', 1)."""
    bare = re.sub(r"\s*\(.*\)\s*$", "", words).strip()
    return UNITS.get(bare, (bare.replace(" ", "_"), 1))


def qualifier_of(words: str) -> str:
    """The qualifier the unit's bracketed words carry: 'percent (more than)' -> 'more_than'; else 'exact'."""
    found = re.search(r"\((.*)\)\s*$", words)
    return QUALIFIERS.get(found.group(1).strip(), "exact") if found else "exact"


def scaled(text: str, factor: int) -> str:
    """A number as written, or multiplied by `factor` (1 to 5 million -> 1000000, 5000000)."""
    if not text or factor == 1:
        return text
    value = float(text) * factor
    return str(int(value)) if value.is_integer() else repr(value)


def sealed(pack: Path, name: str) -> bytes:
    """A pack file's bytes, refused unless they match the seal in snapshot.json."""
    data = (pack / name).read_bytes()
    seal = {
        entry["path"]: entry for entry in json.loads((pack / "snapshot.json").read_text("utf-8"))["files"]
    }
    expected = seal.get(name, {}).get("sha256")
    if hashlib.sha256(data).hexdigest() != expected:
        raise SystemExit(f"{pack / name} does not match its seal in snapshot.json")
    return data


def read_rows(data: bytes) -> list[dict]:
    """CSV bytes (UTF-8) as rows of text cells."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


if __name__ == "__main__":
    main()
