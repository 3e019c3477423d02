"""Schema of the energy dataset: oil and gas deliveries, contracts and plans, units and kinds kept apart."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

COMMODITIES = ("oil", "gas", "lng", "electricity")
ROUTES = (
    "all_routes",
    "rail",  # Russia's oil exports to China by rail, all companies (from version 2026-11-30)
    "yukos",
    "yukos_rail",
    "rosneft",
    "espo",
    "angarsk_daqing",
    "power_of_siberia",
    "power_of_siberia_2",
    "seaborne",
    "ues_grid",
    "xinjiang_shanghai",
)
MEASURES = (
    "deliveries",
    "cumulative_deliveries",
    "excess_over_obligations",
    "value_of_imports",
    "share_of_china_crude_imports",
    "share_of_russian_oil_exports",
    "contract_volume",
    "contract_value",
    "project_cost",
    "plan",
    "proposal",
    "capacity",
    "pipeline_length",
)
UNITS = (
    "mt",
    "mt_per_year",
    "bcm",
    "bcm_per_year",
    "barrels_per_day",
    "million_barrels_per_year",
    "usd_bn",
    "percent",
    "km",
    "miles",
    "billion_kwh",
)
QUALIFIERS = ("exact", "approx", "more_than", "up_to", "nearly")
KINDS = ("actual", "target", "estimate", "claim")
PRIMARY_KEY = ["period_label", "commodity", "route", "measure", "unit", "source_id"]
PREFERRED_KEY = ["year", "route", "measure", "unit"]


class EnergySchema(pa.DataFrameModel):
    """One row per figure a source gives; rows that disagree are all kept, one marked preferred."""

    year: Series[pd.Int64Dtype] = f.year(
        nullable=True, description="Year the figure refers to (empty: undated plan)"
    )
    period_label: Series[str] = f.text(nullable=False, description="Period as the source states it")
    commodity: Series[str] = f.one_of(COMMODITIES, description="oil, gas, lng or electricity")
    route: Series[str] = f.one_of(ROUTES, description="Route or supply scope")
    measure: Series[str] = f.one_of(MEASURES, description="What the value measures")
    value: Series[float] = f.non_negative(nullable=False, description="The figure, in `unit`")
    value_low: Series[float] = f.non_negative(description="Lower bound where the source gives one")
    value_high: Series[float] = f.non_negative(description="Upper bound where the source gives one")
    unit: Series[str] = f.one_of(UNITS, description="Unit of value, value_low and value_high")
    qualifier: Series[str] = f.one_of(
        QUALIFIERS, description="The source's wording: exact, approx, more_than, ..."
    )
    kind: Series[str] = f.one_of(KINDS, description="actual, target, estimate or claim")
    preferred: Series[pd.BooleanDtype] = pa.Field(
        nullable=False, description="The row to use where one is needed"
    )
    preferred_reason: Series[str] = f.text(description="Why the row is preferred")
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True
        unique = PRIMARY_KEY

    @pa.dataframe_check
    @classmethod
    def low_le_value_le_high(cls, df: pd.DataFrame) -> pd.Series:
        """value_low <= value <= value_high wherever a bound is present."""
        return f.bounds_ordered(df["value_low"], df["value"], df["value_high"])

    @pa.dataframe_check
    @classmethod
    def percent_at_most_100(cls, df: pd.DataFrame) -> pd.Series:
        """Shares in percent lie between 0 and 100 (value and bounds)."""
        pct = df["unit"] == "percent"
        cols = df[["value", "value_low", "value_high"]]
        return ~pct | (cols.isna() | (cols <= 100)).all(axis=1)

    @pa.dataframe_check
    @classmethod
    def one_preferred_per_key(cls, df: pd.DataFrame) -> pd.Series:
        """At most one preferred row per (year, route, measure, unit); an empty year counts as one key."""
        counts = (
            df["preferred"]
            .fillna(False)
            .astype(int)
            .groupby([df[c] for c in PREFERRED_KEY], dropna=False)
            .transform("sum")
        )
        return ~(df["preferred"].fillna(False).astype(bool) & (counts > 1))

    @pa.dataframe_check
    @classmethod
    def reason_when_preferred(cls, df: pd.DataFrame) -> pd.Series:
        """A preferred row says why (non-blank preferred_reason)."""
        reason = df["preferred_reason"].fillna("").astype(str).str.strip() != ""
        return ~df["preferred"].fillna(False).astype(bool) | reason
