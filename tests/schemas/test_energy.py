"""EnergySchema: a hand-typed valid frame passes, and each check rejects its own bad variant."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.schemas.energy import EnergySchema
from tests.schemas.cases import failure_cases

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
# Typed from the source pack (energy.csv): Yukos 1999, Power of Siberia 2022 (Novak 15.5, Gazprom 15.4), and
# Gazprom's undated 48 bcm/yr plan. Cells are strings, as the loader reads them; booleans already mapped.
ROWS = [
    [
        "1999",
        "1999",
        "oil",
        "yukos_rail",
        "deliveries",
        "1.5",
        None,
        None,
        "mt",
        "exact",
        "actual",
        True,
        "only row",
        "article-23389",
        None,
    ],
    [
        "2022",
        "2022",
        "gas",
        "power_of_siberia",
        "deliveries",
        "15.5",
        None,
        None,
        "bcm",
        "exact",
        "actual",
        False,
        None,
        "energy-rt-arabic-2023-01-pos-2022",
        "Novak",
    ],
    [
        "2022",
        "2022",
        "gas",
        "power_of_siberia",
        "deliveries",
        "15.4",
        None,
        None,
        "bcm",
        "exact",
        "actual",
        True,
        "Gazprom's own figure",
        "energy-unn-2024-01-03-pos-2022",
        None,
    ],
    [
        None,
        "2025+",
        "gas",
        "all_routes",
        "plan",
        "48",
        None,
        None,
        "bcm_per_year",
        "exact",
        "target",
        True,
        "only row",
        "energy-tass-2024-07-23-gazprom-48bcm",
        "no year in the quote",
    ],
]


def valid() -> pd.DataFrame:
    """A fresh copy of the valid frame (object columns, so a test may blank any cell)."""
    return pd.DataFrame(ROWS, columns=COLUMNS).astype(object)


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The failure cases of validating `df` (empty when it passes)."""
    return failure_cases(EnergySchema, df)


def setter(row, column, value):
    """A mutation that sets one cell."""

    def mutate(df):
        df.loc[row, column] = value
        return df

    return mutate


def cells(**changes):
    """A mutation that sets several (row, column) cells: changes maps 'column__row' to a value."""

    def mutate(df):
        for key, value in changes.items():
            column, row = key.rsplit("__", 1)
            df.loc[int(row), column] = value
        return df

    return mutate


def test_valid_frame_passes():
    out = EnergySchema.validate(valid(), lazy=True)
    assert len(out) == 4
    assert out["year"].isna().sum() == 1  # the undated plan keeps an empty year


# (id, mutation, expected column or None for frame-level, check name fragment, failing row index or None)
BAD = [
    ("year_below_1890", setter(0, "year", "1889"), "year", "greater_than_or_equal_to(1890)", 0),
    ("year_above_2100", setter(0, "year", "2101"), "year", "less_than_or_equal_to(2100)", 0),
    ("year_not_integer", setter(0, "year", "nineteen"), "year", "coerce_dtype", 0),
    ("period_label_missing", setter(0, "period_label", None), "period_label", "not_nullable", 0),
    ("commodity_unknown", setter(0, "commodity", "coal"), "commodity", "isin", 0),
    ("route_unknown", setter(0, "route", "druzhba"), "route", "isin", 0),
    ("measure_unknown", setter(0, "measure", "exports"), "measure", "isin", 0),
    ("unit_unknown", setter(0, "unit", "tonnes"), "unit", "isin", 0),
    ("qualifier_unknown", setter(0, "qualifier", "roughly"), "qualifier", "isin", 0),
    ("kind_unknown", setter(0, "kind", "census"), "kind", "isin", 0),
    ("value_negative", setter(0, "value", "-1.5"), "value", "greater_than_or_equal_to(0)", 0),
    ("value_missing", setter(0, "value", None), "value", "not_nullable", 0),
    ("value_not_number", setter(0, "value", "1.5 Mt"), "value", "coerce_dtype", 0),
    ("value_low_negative", setter(0, "value_low", "-1"), "value_low", "greater_than_or_equal_to(0)", 0),
    ("value_high_negative", setter(0, "value_high", "-1"), "value_high", "greater_than_or_equal_to(0)", 0),
    ("preferred_missing", setter(1, "preferred", None), "preferred", "not_nullable", 1),
    ("source_id_malformed", setter(0, "source_id", "Article 23389"), "source_id", "str_matches", 0),
    ("source_id_missing", setter(0, "source_id", None), "source_id", "not_nullable", 0),
    (
        "duplicate_key",
        lambda df: pd.concat([df, df.iloc[[1]]], ignore_index=True),
        "source_id",
        "multiple_fields_uniqueness",
        4,
    ),
    ("low_above_value", setter(0, "value_low", "2"), None, "low_le_value_le_high", 0),
    ("high_below_value", setter(0, "value_high", "1"), None, "low_le_value_le_high", 0),
    ("percent_over_100", cells(unit__0="percent", value__0="101"), None, "percent_at_most_100", 0),
    (
        "percent_bound_over_100",
        cells(unit__0="percent", value__0="100", value_high__0="101"),
        None,
        "percent_at_most_100",
        0,
    ),
    (
        "two_preferred_2022",
        cells(preferred__1=True, preferred_reason__1="Novak"),
        None,
        "one_preferred_per_key",
        1,
    ),
    (
        "two_preferred_undated",
        lambda df: pd.concat([df, df.iloc[[3]].assign(source_id="energy-other")], ignore_index=True),
        None,
        "one_preferred_per_key",
        4,
    ),
    ("preferred_without_reason", setter(2, "preferred_reason", None), None, "reason_when_preferred", 2),
    ("preferred_blank_reason", setter(2, "preferred_reason", "   "), None, "reason_when_preferred", 2),
]


@pytest.mark.parametrize("mutate,column,check,row", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_variant_fails_on_its_check(mutate, column, check, row):
    fc = failures(mutate(valid()))
    hit = fc[fc["check"].astype(str).str.contains(check, regex=False)]
    if column is not None:
        hit = hit[hit["column"] == column]
    assert not hit.empty, fc[["column", "check", "index"]].to_string()
    if row is not None and not check.startswith("coerce"):
        assert row in set(hit["index"].dropna().astype(int))


def test_extra_column_rejected():
    fc = failures(valid().assign(comment="x"))
    assert ((fc["check"] == "column_in_schema") & (fc["failure_case"] == "comment")).any()


def test_missing_column_rejected():
    fc = failures(valid().drop(columns=["qualifier"]))
    assert ((fc["check"] == "column_in_dataframe") & (fc["failure_case"] == "qualifier")).any()


def load_bundled() -> pd.DataFrame:
    """The bundled CSV read as the loader does (strings, booleans mapped)."""
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])
    df["preferred"] = df["preferred"].map({"true": True, "false": False})
    return df


def test_bundled_csv_validates():
    out = EnergySchema.validate(load_bundled(), lazy=True)
    assert list(out.columns) == COLUMNS
    assert len(out) == 42  # 38 quantity rows of energy.csv + Gazprom's 0.7 bcm + 3 article figures


def test_bundled_power_of_siberia_2022_keeps_all_three_and_prefers_gazprom():
    df = EnergySchema.validate(load_bundled())
    pos = df[(df["route"] == "power_of_siberia") & (df["measure"] == "deliveries") & (df["year"] == 2022)]
    assert sorted(pos["value"]) == [15.1, 15.4, 15.5]
    assert pos.loc[pos["preferred"], "value"].tolist() == [15.4]


def test_bundled_has_no_date_rows():
    """Start years (ESPO 2010/2011) belong to the events dataset, not here."""
    df = load_bundled()
    assert not df["unit"].isin(["year", "date"]).any()
    assert not df["period_label"].isin(["2010", "2011"]).any()
