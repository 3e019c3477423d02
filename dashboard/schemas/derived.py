"""Schemas of the derived tables the pipeline computes (arms shares, energy actuals, preferred trade series).

Kept apart from the transforms so that what only reads their results (the app, from the processed cache) never
imports pandera; each transform imports its schema when it validates.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.pipeline.energy import ACTUALS_KEY, LEDGER_MEASURES
from dashboard.schemas import fields as f


class ChinaShareSchema(pa.DataFrameModel):
    """China's share of the supplier's (USSR to 1991, Russia after) arms exports, TIV basis, one vintage."""

    year: Series[int] = f.year()
    share_pct: Series[float] = f.share_pct(nullable=False)
    vintage: Series[str] = pa.Field(str_matches=r"^sipri-\d{4}-\d{2}$")
    measure_basis: Series[str] = f.one_of(("tiv",))

    class Config:
        strict = True
        coerce = True
        unique = ["year"]  # noqa: RUF012 (pandera reads a list)

    @pa.dataframe_check
    @classmethod
    def single_vintage(cls, df: pd.DataFrame) -> pd.Series:
        """Every row comes from the same vintage (vintages are never mixed)."""
        return df["vintage"] == df["vintage"].iloc[0] if len(df) else pd.Series([], dtype=bool)


class EnergyActualsSchema(pa.DataFrameModel):
    """One actual delivery figure per ledger measure and year."""

    measure: Series[str] = f.one_of(LEDGER_MEASURES, description="Ledger measure id")
    year: Series[int] = f.year()
    value: Series[float] = f.non_negative(nullable=False, description="Deliveries in the measure's unit")
    source_id: Series[str] = f.source_id()

    class Config:
        strict = True
        coerce = True
        unique = ACTUALS_KEY


class PreferredSeriesSchema(pa.DataFrameModel):
    """One level per year: the preferred row of one measure."""

    year: Series[int] = pa.Field(unique=True, ge=f.YEAR_MIN, le=f.YEAR_MAX)
    value_usd_bn: Series[float] = f.non_negative(nullable=False)
    growth_pct: Series[float] = pa.Field(nullable=True)
    reporting_basis: Series[str]
    source_id: Series[str]

    class Config:
        strict = True
        coerce = True
