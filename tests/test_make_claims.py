"""scripts/make_claims.py writes the claims dataset's rows from the sealed source pack in the repository (never
../shared): byte for byte the active version's claims.csv; it refuses a pack file that
differs from its seal, and its transcription rules hold on hand-picked figures."""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACTIVE = json.loads((ROOT / "datasets" / "catalog.json").read_text(encoding="utf-8"))["active"]["claims"]
COMMITTED = ROOT / "datasets" / "claims" / ACTIVE / "claims.csv"


@pytest.fixture(scope="module")
def script():
    """The script as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_claims", ROOT / "scripts" / "make_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_output_is_the_committed_csv_byte_for_byte(script):
    assert script.PACK == ROOT / "snapshots" / "source-pack"  # the repository's snapshot, not ../shared
    assert script.claims_csv().encode("utf-8") == COMMITTED.read_bytes()


def test_a_pack_file_that_differs_from_its_seal_is_refused(script, tmp_path):
    pack = tmp_path / "source-pack"
    pack.mkdir()
    shutil.copy(script.PACK / "snapshot.json", pack)
    text = (script.PACK / "article_figures.csv").read_text(encoding="utf-8")
    (pack / "article_figures.csv").write_text(text.replace("two and a half", "three"), encoding="utf-8")
    with pytest.raises(SystemExit, match="does not match its seal"):
        script.claims_csv(pack=pack)


def test_a_figure_without_a_rule_is_refused(script, tmp_path):
    rules = tmp_path / "rules.csv"
    lines = script.RULES.read_text(encoding="utf-8").splitlines(keepends=True)
    rules.write_text("".join(line for line in lines if not line.startswith("1091,")), encoding="utf-8")
    with pytest.raises(SystemExit, match="no rule .* 1091"):
        script.claims_csv(rules=rules)


@pytest.mark.parametrize(
    ("period", "kind", "unit", "year"),
    [
        ("2000 (Oct)", "actual", "percent", 2000),
        ("1989-1991", "actual", "years", 1991),  # a duration: its end
        ("1997-2000", "actual", "percent", 1997),  # a share over a span: its first year
        ("2002-2007", "target", "submarines", 2007),  # a target: its deadline
        ("pledged 1996; target year 2000", "target", "usd_bn", 2000),
        ("mid-1990s onwards", "claim", "persons", 2002),  # no year stated: the article's
        ("c.2002", "estimate", "km", 2002),
    ],
)
def test_the_year_a_figure_refers_to(script, period, kind, unit, year):
    assert script.year_of(period, kind, unit) == year


def test_units_qualifiers_and_millions(script):
    assert script.unit_id("USD billion (nearly)") == ("usd_bn", 1)
    assert script.unit_id("flight hours (approx.)") == ("flight_hours", 1)
    assert script.unit_id("million persons") == ("persons", 1_000_000)
    assert script.qualifier_of("officers (over)") == "more_than"
    assert script.qualifier_of("persons (maximum)") == "up_to"
    assert script.qualifier_of("rank (second, after UK)") == "exact"
    assert script.scaled("1", 1_000_000) == "1000000" and script.scaled("2.5", 1) == "2.5"
    # 'more than 70%' is at least 70; 'nearly US$3 bn' at most 3
    figure = {
        "char_offset": "0", "quote": "q", "footnote": "", "section": "s", "indicator": "i", "kind": "actual",
        "year_or_period": "2000", "value": "70", "value_low": "", "value_high": "", "unit": "percent (more than)",
    }  # fmt: skip
    row = script.claim(figure, {"claim_id": "claim-0"}, set())
    assert (row["claimed_value"], row["claimed_low"], row["claimed_high"], row["qualifier"]) == (
        "70",
        "70",
        "",
        "more_than",
    )
    assert row["source_id"] == ""  # no article-0 in the sources
