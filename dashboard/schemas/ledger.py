"""Schema of the ledger the pipeline derives: one verdict per target, statuses and arithmetic within range."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f
from dashboard.targets import STATUSES


class LedgerSchema(pa.DataFrameModel):
    """Output check of compute_ledger: keys unique, statuses known, percentages and years sane."""

    target_id: Series[str] = pa.Field(unique=True)
    status: Series[str] = f.one_of(STATUSES)
    pledge_year: Series[pd.Int64Dtype] = f.year()
    first_reached_year: Series[pd.Int64Dtype] = f.year(nullable=True)
    attainment_pct: Series[float] = f.non_negative()
    baseline_value: Series[float] = f.non_negative()
    actual_at_deadline: Series[float] = f.non_negative()

    class Config:
        coerce = True

    @pa.dataframe_check
    def verdict_has_its_numbers(cls, df: pd.DataFrame) -> pd.Series:
        """met and missed come with an actual and an attainment; no_observation with neither."""
        judged = df["status"].isin(["met", "missed"])
        has_numbers = df["actual_at_deadline"].notna() & df["attainment_pct"].notna()
        unobserved = df["status"] == "no_observation"
        return (~judged | has_numbers) & (~unobserved | df["actual_at_deadline"].isna())
