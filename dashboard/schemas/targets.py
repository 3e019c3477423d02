"""Schema of the targets dataset: every stated target, its measure, value or range, pledge, deadline and sources."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

MEASURE_UNITS = {
    "trade_turnover_usd_bn": "usd_bn",
    "oil_yukos_rail_mt": "mt",
    "gas_power_of_siberia_bcm": "bcm",
    "border_troops_per_side": "troops",
    "kilo_submarines_delivered": "submarines",
}
COMPARISONS = ("at_least", "at_most")
DEADLINE_KINDS = ("by_year", "annual_rate", "standing")


class TargetsSchema(pa.DataFrameModel):
    target_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    title: Series[str] = f.text(nullable=False)
    measure: Series[str] = f.one_of(MEASURE_UNITS)
    unit: Series[str] = f.one_of(sorted(set(MEASURE_UNITS.values())))
    comparison: Series[str] = f.one_of(COMPARISONS, description="at_least: a goal; at_most: a ceiling")
    target_value: Series[float] = f.non_negative()
    target_low: Series[float] = f.non_negative()
    target_high: Series[float] = f.non_negative()
    pledge_year: Series[int] = f.year()
    pledge_date: Series[str] = f.text(nullable=False, description="Date of the pledge as the sources give it")
    baseline_year: Series[int] = f.year(
        description="Year whose actual is the baseline (normally the pledge year)"
    )
    deadline_kind: Series[str] = f.one_of(DEADLINE_KINDS)
    deadline_year: Series[pd.Int64Dtype] = f.year(nullable=True)
    stated_by: Series[str] = f.text(nullable=False)
    source_ids: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9_.-]*(;[a-z0-9][a-z0-9_.-]*)*$")
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def value_or_range(cls, df: pd.DataFrame) -> pd.Series:
        """A target gives a value, or both ends of a range with low <= high (and the value inside it)."""
        value, low, high = df["target_value"], df["target_low"], df["target_high"]
        has_range = low.notna() & high.notna() & (low <= high)
        inside = value.isna() | ~has_range | ((low <= value) & (value <= high))
        return (value.notna() | has_range) & (low.isna() == high.isna()) & inside

    @pa.dataframe_check
    def unit_matches_measure(cls, df: pd.DataFrame) -> pd.Series:
        """The unit is the one the measure is counted in."""
        return df["measure"].map(MEASURE_UNITS) == df["unit"]

    @pa.dataframe_check
    def deadline_fits_kind(cls, df: pd.DataFrame) -> pd.Series:
        """A by_year target has a deadline no earlier than its pledge; other kinds have none."""
        by_year = df["deadline_kind"] == "by_year"
        deadline = df["deadline_year"]
        return (by_year & (deadline >= df["pledge_year"]).fillna(False)) | (~by_year & deadline.isna())

    @pa.dataframe_check
    def baseline_not_after_pledge(cls, df: pd.DataFrame) -> pd.Series:
        """The baseline year is the pledge year or earlier."""
        return df["baseline_year"] <= df["pledge_year"]
