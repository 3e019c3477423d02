"""Schema of the ledger the pipeline derives: one verdict per target, statuses and arithmetic within range."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f
from dashboard.schemas.targets import COMMITMENTS
from dashboard.targets import STATUSES

CANDIDATE_KEYS = ("value", "year", "source_id", "basis", "status", "attainment_pct")
NO_DEADLINE_STATUSES = ("reached", "not_yet_reached")


class LedgerSchema(pa.DataFrameModel):
    """Output check of compute_ledger: keys unique, statuses known, percentages and years sane."""

    target_id: Series[str] = pa.Field(unique=True)
    status: Series[str] = f.one_of(STATUSES)
    pledge_year: Series[pd.Int64Dtype] = f.year()
    first_reached_year: Series[pd.Int64Dtype] = f.year(nullable=True)
    attainment_pct: Series[float] = f.non_negative()
    baseline_value: Series[float] = f.non_negative()
    actual_at_deadline: Series[float] = f.non_negative()
    robust: Series[bool] = pa.Field(nullable=False)
    commitment: Series[str] = pa.Field(
        isin=["", *COMMITMENTS],
        description="How binding the pledge is ('' where the targets version lacks it)",
    )
    successor_id: Series[str] = pa.Field(nullable=False)
    p_at_pledge: Series[float] = pa.Field(
        ge=0, le=1, nullable=True, description="Chance at pledge time of meeting the target at its deadline"
    )
    p_at_pledge_note: Series[str] = pa.Field(nullable=False)

    class Config:
        coerce = True

    @pa.dataframe_check
    @classmethod
    def verdict_has_its_numbers(cls, df: pd.DataFrame) -> pd.Series:
        """met, missed, reached and not yet reached come with an actual and an attainment, or (missed, on the
        whole the measure is part of) with the most it can have attained; no_observation with no actual."""
        judged = df["status"].isin(["met", "missed", *NO_DEADLINE_STATUSES])
        has_numbers = df["actual_at_deadline"].notna() & df["attainment_pct"].notna()
        if "attainment_at_most_pct" in df:
            on_whole = (df["status"] == "missed") & df["attainment_at_most_pct"].notna()
            has_numbers = has_numbers | (on_whole & df["actual_at_deadline"].isna())
        unobserved = df["status"] == "no_observation"
        return (~judged | has_numbers) & (~unobserved | df["actual_at_deadline"].isna())

    @pa.dataframe_check
    @classmethod
    def no_deadline_is_never_met_or_missed(cls, df: pd.DataFrame) -> pd.Series:
        """A level with no deadline (annual rate) is reached or not yet reached, never met or missed."""
        return (df["deadline"] != "annual rate") | ~df["status"].isin(["met", "missed"])

    @pa.dataframe_check
    @classmethod
    def first_reached_range_ends_at_first_reached(cls, df: pd.DataFrame) -> pd.Series:
        """A first-reached range is [earliest, latest] with latest the year first seen, earliest before it."""
        ok = []
        for span, seen in zip(df["first_reached_range"], df["first_reached_year"]):
            ok.append(
                span is None
                or (isinstance(span, list) and len(span) == 2 and span[0] < span[1] and span[1] == seen)
            )
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check
    @classmethod
    def status_history_runs_from_the_pledge_year(cls, df: pd.DataFrame) -> pd.Series:
        """The status history is one known status a year, in order, from the pledge year on."""
        ok = []
        for history, pledge_year in zip(df["status_history"], df["pledge_year"]):
            years = [row["year"] for row in history]
            ok.append(
                all(row["status"] in STATUSES for row in history)
                and years == list(range(int(pledge_year), int(pledge_year) + len(years)))
            )
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check
    @classmethod
    def candidates_are_complete_and_robust_agrees(cls, df: pd.DataFrame) -> pd.Series:
        """Every candidate has its value, year, source, basis, status and attainment; robust is true exactly
        when every candidate gives the same status; the figure used gives the ledger's status."""
        ok = []
        for candidates, robust, status in zip(df["candidates"], df["robust"], df["status"]):
            complete = all(set(CANDIDATE_KEYS) <= set(c) and c["status"] in STATUSES for c in candidates)
            same = len({c["status"] for c in candidates}) <= 1
            used = all(c["status"] == status for c in candidates if c.get("used"))
            ok.append(complete and same == bool(robust) and used)
        return pd.Series(ok, index=df.index)
