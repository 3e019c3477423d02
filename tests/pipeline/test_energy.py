"""energy_actuals: one actual delivery per ledger measure and year, the preferred row where sources differ."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.energy import energy_actuals
from dashboard.schemas.energy import EnergySchema

CSV = Path(__file__).resolve().parents[2] / "datasets" / "energy" / "2026-11-28" / "energy.csv"
COLUMNS = [
    "year",
    "period_label",
    "commodity",
    "route",
    "measure",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "kind",
    "preferred",
    "preferred_reason",
    "source_id",
    "note",
]


def row(year, commodity, route, measure, value, unit, kind, preferred, source_id, reason=None):
    """One energy row, typed by hand from the source pack."""
    return [
        year,
        str(year),
        commodity,
        route,
        measure,
        value,
        None,
        None,
        unit,
        "exact",
        kind,
        preferred,
        reason,
        source_id,
        None,
    ]


def energy_frame(rows) -> pd.DataFrame:
    """A validated energy frame from hand-typed rows."""
    return EnergySchema.validate(pd.DataFrame(rows, columns=COLUMNS).astype(object))


def pack_rows():
    """Figures from energy.csv: Yukos 1999; PoS 2020 and the three 2022 figures; plus rows that must not count."""
    return [
        row(
            1999, "oil", "yukos_rail", "deliveries", "1.5", "mt", "actual", True, "article-23389", "only row"
        ),
        row(2005, "oil", "yukos", "plan", "10", "mt", "target", True, "article-23474", "only row"),
        row(
            2014,
            "oil",
            "all_routes",
            "deliveries",
            "33.1",
            "mt",
            "actual",
            True,
            "energy-mt-2014",
            "only row",
        ),
        row(
            2020,
            "gas",
            "power_of_siberia",
            "deliveries",
            "4.1",
            "bcm",
            "actual",
            True,
            "energy-urdupoint",
            "only",
        ),
        row(2022, "gas", "power_of_siberia", "deliveries", "15.5", "bcm", "actual", False, "energy-novak"),
        row(
            2022,
            "gas",
            "power_of_siberia",
            "deliveries",
            "15.4",
            "bcm",
            "actual",
            True,
            "energy-gazprom",
            "Gazprom",
        ),
        row(2022, "gas", "power_of_siberia", "deliveries", "15.1", "bcm", "actual", False, "energy-eir"),
        row(
            2023,
            "gas",
            "power_of_siberia",
            "excess_over_obligations",
            "0.7",
            "bcm",
            "actual",
            True,
            "energy-g23",
            "only row",
        ),
        row(
            2024,
            "gas",
            "power_of_siberia",
            "plan",
            "30",
            "bcm",
            "target",
            True,
            "energy-markelov",
            "only row",
        ),
        row(
            2024,
            "gas",
            "power_of_siberia",
            "cumulative_deliveries",
            "68",
            "bcm",
            "actual",
            True,
            "energy-cum",
            "only row",
        ),
    ]


def test_output_by_hand():
    out = energy_actuals(energy_frame(pack_rows()))
    # Kept: PoS 2020 4.1 (only row), PoS 2022 15.4 (the preferred of 15.5 / 15.4 / 15.1), Yukos rail 1999 1.5.
    # Dropped: the Yukos plan (10, target), ESPO/all-routes oil 33.1 (other route), 0.7 excess, 30 plan, 68 cumulative.
    expected = pd.DataFrame(
        {
            "measure": ["gas_power_of_siberia_bcm", "gas_power_of_siberia_bcm", "oil_yukos_rail_mt"],
            "year": [2020, 2022, 1999],
            "value": [4.1, 15.4, 1.5],
            "source_id": ["energy-urdupoint", "energy-gazprom", "article-23389"],
        }
    )
    assert (
        out[["measure", "year", "value"]].astype(object).values.tolist()
        == expected[["measure", "year", "value"]].astype(object).values.tolist()
    )
    assert out["source_id"].tolist() == expected["source_id"].tolist()


def test_2022_gives_exactly_one_value_the_preferred_one():
    out = energy_actuals(energy_frame(pack_rows()))
    y2022 = out[(out["measure"] == "gas_power_of_siberia_bcm") & (out["year"] == 2022)]
    assert y2022["value"].tolist() == [15.4]  # Gazprom's figure, not 15.5 (Novak) nor 15.1 (EIR)


def test_2020_is_4_1():
    out = energy_actuals(energy_frame(pack_rows()))
    assert out.loc[out["year"] == 2020, "value"].tolist() == [4.1]


def test_single_row_counts_even_when_not_marked_preferred():
    rows = pack_rows()
    rows[3][11], rows[3][12] = False, None  # PoS 2020 4.1 unmarked: still the only actual for 2020
    out = energy_actuals(energy_frame(rows))
    assert out.loc[out["year"] == 2020, "value"].tolist() == [4.1]


def test_unresolved_conflict_raises():
    rows = pack_rows()
    rows[5][11], rows[5][12] = False, None  # no preferred among 15.5 / 15.4 / 15.1
    with pytest.raises(ValueError, match="gas_power_of_siberia_bcm 2022"):
        energy_actuals(energy_frame(rows))


def test_targets_never_become_actuals():
    out = energy_actuals(energy_frame(pack_rows()))
    assert not set(out["value"]) & {10.0, 30.0, 68.0, 0.7, 33.1}


def test_bundled_dataset_series():
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])
    df["preferred"] = df["preferred"].map({"true": True, "false": False})
    out = energy_actuals(EnergySchema.validate(df))
    gas = out[out["measure"] == "gas_power_of_siberia_bcm"]
    # From energy.csv: 2020 4.1 (Sputnik/Gazprom), 2021 10.4 (Novak), 2022 15.4 (Gazprom, preferred over 15.5
    # and 15.1), 2023 22.7 (Gazprom); 2024 has only a plan (30) and a cumulative (68), so no 2024 actual.
    assert gas[["year", "value"]].values.tolist() == [[2020, 4.1], [2021, 10.4], [2022, 15.4], [2023, 22.7]]
    oil = out[out["measure"] == "oil_yukos_rail_mt"]
    assert oil[["year", "value", "source_id"]].values.tolist() == [[1999, 1.5, "article-23389"]]
