"""Schema of the events dataset: dated chart annotations whose date, precision and year must agree."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

PRECISIONS = ("day", "month", "year")
CATEGORIES = ("diplomacy", "security", "economy", "energy", "border", "world")
TITLE_MAX = 40


def _parsed(df: pd.DataFrame) -> pd.Series:
    """The date column as timestamps (NaT where it is not a valid YYYY-MM-DD date)."""
    return pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")


class EventsSchema(pa.DataFrameModel):
    """One row per dated event; conflicting datings of one event are separate rows."""

    event_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^[a-z0-9]+(_[a-z0-9]+)*$", description="snake_case id"
    )
    date: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="ISO date; first day of the month/year when precision is coarser",
    )
    precision: Series[str] = f.one_of(PRECISIONS, description="day, month or year")
    year: Series[int] = f.year(description="Year of the event (equals the date's year)")
    title: Series[str] = pa.Field(
        str_length={"min_value": 1, "max_value": TITLE_MAX}, description="Short chart label"
    )
    description: Series[str] = f.text(nullable=False, description="One sentence on what happened")
    category: Series[str] = f.one_of(
        CATEGORIES, description="diplomacy, security, economy, energy, border, world"
    )
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    @classmethod
    def date_parses(cls, df: pd.DataFrame) -> pd.Series:
        """The date is a real calendar date."""
        return _parsed(df).notna()

    @pa.dataframe_check
    @classmethod
    def date_matches_precision(cls, df: pd.DataFrame) -> pd.Series:
        """Month precision falls on day 01; year precision on 01-01."""
        d = _parsed(df)
        month_ok = (df["precision"] != "month") | (d.dt.day == 1)
        year_ok = (df["precision"] != "year") | ((d.dt.month == 1) & (d.dt.day == 1))
        return d.isna() | (month_ok & year_ok)

    @pa.dataframe_check
    @classmethod
    def year_is_date_year(cls, df: pd.DataFrame) -> pd.Series:
        """year equals the year of date."""
        d = _parsed(df)
        return d.isna() | (d.dt.year == df["year"])
