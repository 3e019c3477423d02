"""China's TIV share of Soviet/Russian arms exports: hand-computed values, one vintage at a time."""

from pathlib import Path

import pandas as pd
import pandera.errors as pe
import pytest

from dashboard.pipeline.arms import china_share_of_russian_exports, vintages
from dashboard.schemas.arms import ArmsSchema
from dashboard.schemas.derived import ChinaShareSchema

BUNDLED = Path(__file__).resolve().parents[2] / "datasets" / "arms" / "2026-11-28" / "arms.csv"
V22, V25 = "sipri-2022-05", "sipri-2025-01"
SRC = {V22: "arms-sipri-2022-05-export", V25: "arms-sipri-2025-01-register"}


def tiv(year, series, supplier, value, vintage):
    """One TIV row, shaped like the arms dataset."""
    recipient = "China" if series == "tiv_supplier_to_china" else "All recipients"
    return {
        "year": year,
        "period_label": str(year),
        "period_type": "year",
        "series": series,
        "supplier": supplier,
        "recipient": recipient,
        "tiv_usd_m": value,
        "share_pct": None,
        "share_low_pct": None,
        "change_pct": None,
        "qualifier": "exact",
        "measure_basis": "tiv",
        "vintage": vintage,
        "source_id": SRC[vintage],
        "note": None,
    }


TO, TOT = "tiv_supplier_to_china", "tiv_supplier_total_exports"
# Numbers typed by hand from the source pack's arms_transfers.csv (snapshots/source-pack/).
HAND = [
    tiv(1991, TO, "Soviet Union", 260.0, V22),
    tiv(1991, TOT, "Soviet Union", 5656.0, V22),
    tiv(1992, TO, "Russia", 1023.0, V22),
    tiv(1992, TOT, "Russia", 2605.0, V22),
    tiv(2000, TO, "Russia", 2231.0, V22),
    tiv(2000, TOT, "Russia", 4486.0, V22),
    tiv(2021, TO, "Russia", 773.0, V22),
    tiv(2021, TOT, "Russia", 2744.0, V22),
    tiv(2000, TO, "Russia", 2205.0, V25),
    tiv(2000, TOT, "Russia", 4492.21, V25),
    tiv(2021, TO, "Russia", 466.75, V25),
    tiv(2021, TOT, "Russia", 2314.65, V25),
]


@pytest.fixture
def arms() -> pd.DataFrame:
    return ArmsSchema.validate(pd.DataFrame(HAND), lazy=True)


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    df = pd.read_csv(BUNDLED, dtype=str, keep_default_na=False, na_values=[""])
    return ArmsSchema.validate(df, lazy=True)


def shares(result: pd.DataFrame) -> dict:
    return dict(zip(result["year"], result["share_pct"]))


def test_hand_computed_shares_2022_vintage(arms):
    out = china_share_of_russian_exports(arms, V22)
    assert list(out.columns) == ["year", "share_pct", "vintage", "measure_basis"]
    assert set(out["vintage"]) == {V22} and set(out["measure_basis"]) == {"tiv"}
    got = shares(out)
    assert got[1991] == pytest.approx(4.59689, abs=1e-4)  # 100 * 260 / 5656 (Soviet Union)
    assert got[1992] == pytest.approx(39.27063, abs=1e-4)  # 100 * 1023 / 2605 (Russia)
    # 100 * 2231 / 4486 = 49.7325; the pack README gives SIPRI's TIV share for 2000 as 49.1-49.7%
    assert got[2000] == pytest.approx(49.73250, abs=1e-4)
    assert round(got[2000], 1) == 49.7
    assert got[2021] == pytest.approx(28.17055, abs=1e-4)  # 100 * 773 / 2744


def test_hand_computed_shares_2025_vintage(arms):
    got = shares(china_share_of_russian_exports(arms, V25))
    assert sorted(got) == [2000, 2021]  # the register vintage starts in 2000
    assert got[2000] == pytest.approx(49.08497, abs=1e-4)  # 100 * 2205 / 4492.21 -> 49.1 (README's low end)
    assert got[2021] == pytest.approx(20.16504, abs=1e-4)  # 100 * 466.75 / 2314.65


def test_vintages_are_never_mixed(arms):
    """2021: 773 (2022 vintage) against 466.75 (2025 vintage); a mixed ratio must never appear."""
    v22 = shares(china_share_of_russian_exports(arms, V22))[2021]
    v25 = shares(china_share_of_russian_exports(arms, V25))[2021]
    mixed = [
        100 * 773 / 2314.65,
        100 * 466.75 / 2744,
    ]  # 33.3960, 17.0099: numerator and total from different vintages
    for value in (v22, v25):
        assert all(value != pytest.approx(m, abs=0.01) for m in mixed)
    # dropping the 2022 vintage's 2021 total must not let the 2025 total stand in for it
    no_total = arms[~((arms["vintage"] == V22) & (arms["year"] == 2021) & (arms["series"] == TOT))]
    assert 2021 not in shares(china_share_of_russian_exports(no_total, V22))


def test_zero_or_missing_total_is_left_out(arms):
    zero = arms.copy()
    # synthetic: set the 1992 total to 0 (not a pack value) to exercise the rule
    zero.loc[(zero["year"] == 1992) & (zero["series"] == TOT), "tiv_usd_m"] = 0.0
    assert 1992 not in shares(china_share_of_russian_exports(zero, V22))
    missing = arms[~((arms["year"] == 1991) & (arms["series"] == TOT))]
    assert sorted(shares(china_share_of_russian_exports(missing, V22))) == [1992, 2000, 2021]


def test_unknown_vintage_is_refused(arms):
    with pytest.raises(ValueError, match=r"vintage 'sipri-2019-03' has no annual TIV series.*sipri-2022-05"):
        china_share_of_russian_exports(arms, "sipri-2019-03")


def test_vintage_without_tiv_rows_is_refused(bundled):
    with pytest.raises(ValueError, match="article-2002"):
        china_share_of_russian_exports(bundled, "article-2002")


def test_input_is_not_modified(arms):
    before = arms.copy()
    china_share_of_russian_exports(arms, V22)
    pd.testing.assert_frame_equal(arms, before)


def test_vintages_lists_tiv_vintages(arms, bundled):
    assert vintages(arms) == [V22, V25]
    assert vintages(arms[arms["vintage"] == V25]) == [V25]
    assert vintages(bundled) == [V22, V25]


def test_bundled_anchors(bundled):
    """Sanity anchors of the pack README, on the bundled data."""
    v22 = shares(china_share_of_russian_exports(bundled, V22))
    v25 = shares(china_share_of_russian_exports(bundled, V25))
    assert 49.1 <= round(v22[2000], 1) <= 49.7 and 49.1 <= round(v25[2000], 1) <= 49.7
    assert min(v22) == 1950 and max(v22) == 2021 and min(v25) == 2000 and max(v25) == 2023
    assert 1975 not in v22  # SIPRI's table has no Soviet Union -> China row for 1969-1989
    # Russia's TIV share of the world in 1999: 100 * 4256 / 25188 = 16.897 -> 16.9 (README anchor)
    tiv99 = bundled[(bundled["vintage"] == V22) & (bundled["year"] == 1999)].set_index("series")["tiv_usd_m"]
    assert round(100 * tiv99[TOT] / tiv99["tiv_world_total"], 1) == 16.9


@pytest.mark.parametrize(
    "frame, check",
    [
        (
            pd.DataFrame(
                {
                    "year": [2000, 2021],
                    "share_pct": [49.7, 20.2],
                    "vintage": [V22, V25],
                    "measure_basis": ["tiv", "tiv"],
                }
            ),
            "single_vintage",
        ),
        (
            pd.DataFrame({"year": [2000], "share_pct": [100.5], "vintage": [V22], "measure_basis": ["tiv"]}),
            "less_than_or_equal_to",
        ),
        (
            pd.DataFrame(
                {
                    "year": [2000],
                    "share_pct": [49.9],
                    "vintage": ["article-2002"],
                    "measure_basis": ["money_value"],
                }
            ),
            "isin",
        ),
        (
            pd.DataFrame(
                {
                    "year": [2000, 2000],
                    "share_pct": [49.7, 49.7],
                    "vintage": [V22, V22],
                    "measure_basis": ["tiv", "tiv"],
                }
            ),
            "fields_uniqueness",
        ),
    ],
)
def test_output_schema_rejects(frame, check):
    with pytest.raises(pe.SchemaErrors) as info:
        ChinaShareSchema.validate(frame, lazy=True)
    assert info.value.failure_cases["check"].astype(str).str.contains(check).any()
