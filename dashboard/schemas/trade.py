"""Schema of the trade dataset: annual China-Russia goods trade in US$ bn, one row per year, measure, basis and source."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f
from dashboard.schemas.terms import EXPORTS, IMPORTS, KEY, MEASURES, PARTNERS, REPORTING_BASES, TURNOVER

__all__ = ["EXPORTS", "IMPORTS", "KEY", "MEASURES", "PARTNERS", "REPORTING_BASES", "TURNOVER", "TradeSchema"]


class TradeSchema(pa.DataFrameModel):
    year: Series[int] = f.year()
    measure: Series[str] = f.one_of(MEASURES)
    value_usd_bn: Series[float] = f.non_negative(description="Level in US$ bn")
    value_low_usd_bn: Series[float] = f.non_negative(description="Lower bound in US$ bn")
    value_high_usd_bn: Series[float] = f.non_negative(description="Upper bound in US$ bn")
    yoy_change_pct: Series[float] = f.change_pct(description="Year-on-year change as reported")
    reporting_basis: Series[str] = f.one_of(REPORTING_BASES)
    basis_as_reported: Series[str] = f.text(nullable=False)
    partner: Series[str] = f.one_of(PARTNERS)
    preferred: Series[pd.BooleanDtype] = pa.Field(nullable=False)
    preferred_reason: Series[str] = f.text()
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True
        unique = KEY

    @pa.dataframe_check
    @classmethod
    def low_le_value_le_high(cls, df: pd.DataFrame) -> pd.Series:
        """value_low <= value <= value_high wherever both sides are present."""
        return f.bounds_ordered(df["value_low_usd_bn"], df["value_usd_bn"], df["value_high_usd_bn"])

    @pa.dataframe_check
    @classmethod
    def states_something(cls, df: pd.DataFrame) -> pd.Series:
        """Each row gives a level, a bound or a change."""
        columns = ["value_usd_bn", "value_low_usd_bn", "value_high_usd_bn", "yoy_change_pct"]
        return df[columns].notna().any(axis=1)

    @pa.dataframe_check
    @classmethod
    def preferred_rows_have_level_and_reason(cls, df: pd.DataFrame) -> pd.Series:
        """A preferred row has a level and says why it is preferred."""
        return ~df["preferred"].fillna(False).astype(bool) | (
            df["value_usd_bn"].notna() & df["preferred_reason"].notna()
        )

    @pa.dataframe_check
    @classmethod
    def one_preferred_per_year_and_measure(cls, df: pd.DataFrame) -> pd.Series:
        """At most one preferred row per year and measure."""
        preferred = df["preferred"].fillna(False).astype(bool)
        keys = df.loc[preferred, ["year", "measure"]]
        alone = ~keys.duplicated(keep=False) & keys.notna().all(axis=1)  # a missing key is in no group
        return ~preferred | alone.reindex(df.index, fill_value=True)
