"""Tests of ClaimsSchema: the bundled CSV passes, and each check fails on its own bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.claims import ClaimsSchema
from tests.schemas.cases import failure_cases

CSV = Path(__file__).resolve().parents[2] / "datasets" / "claims" / "2026-11-30" / "claims.csv"


def valid() -> pd.DataFrame:
    """The bundled claims, all cells strings as the loader reads them."""
    return pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])


def row_of(df: pd.DataFrame, claim_id: str) -> int:
    """Index of a claim's row."""
    return int(df.index[df["claim_id"] == claim_id][0])


def test_bundled_csv_validates():
    df = valid()
    out = ClaimsSchema.validate(df, lazy=True)
    assert len(out) == 71


def mutated(target: str, **cells) -> pd.DataFrame:
    """The bundled frame with some cells of one claim changed."""
    df = valid()
    for column, value in cells.items():
        df.loc[row_of(df, target), column] = value
    return df


BAD = [
    (
        "not a claim without a reason",
        mutated("claim-1091", reason=None),
        None,
        "claims_say_how_they_are_checked",
    ),
    (
        "evidence without a tolerance",
        mutated("claim-19223", tolerance=None),
        None,
        "claims_say_how_they_are_checked",
    ),
    (
        "no evidence and no reason",
        mutated("claim-6202", reason=None),
        None,
        "claims_say_how_they_are_checked",
    ),
    ("different measure unnamed", mutated("claim-6126", compared_as=None), None, "different_measures_say_so"),
    ("low above high", mutated("claim-30018", claimed_low="500000"), None, "low_le_value_le_high"),
    ("no figure", mutated("claim-1091", claimed_value=None), None, "has_a_figure"),
    ("verdict typed by hand", mutated("claim-1091", verdict_rule="confirmed"), "verdict_rule", "isin"),
    ("unknown dataset", mutated("claim-19223", evidence_dataset="events"), "evidence_dataset", "isin"),
    ("bad claim id", mutated("claim-1091", claim_id="Claim 1091"), "claim_id", "str_matches"),
    (
        "not an article source",
        mutated("claim-19223", source_id="trade-2011-07-china-daily"),
        "source_id",
        "str_matches",
    ),
    ("kind", mutated("claim-1091", kind="rumour"), "kind", "isin"),
    ("year", mutated("claim-1091", year="c.1991"), "year", "coerce_dtype"),
]


@pytest.mark.parametrize(("frame", "column", "check"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_variant_fails(frame, column, check):
    cases = failure_cases(ClaimsSchema, frame)
    hit = cases[cases["check"].astype(str).str.contains(check)]
    if column is not None:
        hit = hit[hit["column"].eq(column)]
    assert not hit.empty, cases[["column", "check", "index"]]


def test_duplicate_claim_id_fails():
    df = pd.concat([valid(), valid().iloc[[0]]], ignore_index=True)
    cases = failure_cases(ClaimsSchema, df)
    assert cases["column"].eq("claim_id").any()
