"""Shared pandera field helpers, so each column kind (year, share, source id, ...) is declared once."""

from typing import Any

import pandas as pd
import pandera.pandas as pa

from dashboard.schemas.terms import YEAR_MAX, YEAR_MIN

RELIABILITY_LEVELS = ("high", "medium", "low")
Field = Any  # what pa.Field returns: typed Any, so a model's column keeps its Series[...] type


def year(nullable: bool = False, description: str = "Calendar year") -> Field:
    """A calendar year between 1890 and 2100."""
    return pa.Field(ge=YEAR_MIN, le=YEAR_MAX, nullable=nullable, description=description)


def share_pct(nullable: bool = True, description: str = "Share in percent (0-100)") -> Field:
    """A share in percent, 0 to 100."""
    return pa.Field(ge=0, le=100, nullable=nullable, description=description)


def non_negative(nullable: bool = True, description: str = "Non-negative quantity") -> Field:
    """A quantity that cannot be below zero."""
    return pa.Field(ge=0, nullable=nullable, description=description)


def change_pct(nullable: bool = True, description: str = "Change in percent") -> Field:
    """A change in percent: may be negative but not below -100."""
    return pa.Field(ge=-100, nullable=nullable, description=description)


def source_id(description: str = "Id of the row's source in the sources dataset") -> Field:
    """A reference into the sources bibliography (resolution is checked across datasets)."""
    return pa.Field(str_matches=r"^[a-z0-9][a-z0-9_.-]*$", nullable=False, description=description)


def one_of(values, nullable: bool = False, description: str = "") -> Field:
    """A column restricted to an enumeration."""
    return pa.Field(isin=list(values), nullable=nullable, description=description)


def text(nullable: bool = True, description: str = "") -> Field:
    """Free text."""
    return pa.Field(nullable=nullable, description=description)


def reliability() -> Field:
    """How far the source can be trusted (judges the source, not the number)."""
    return one_of(RELIABILITY_LEVELS, description="Source reliability: high, medium or low")


def bounds_ordered(low: pd.Series, value: pd.Series, high: pd.Series) -> pd.Series:
    """Per row: low <= value <= high and low <= high, comparing only the values present."""
    low, value, high = (series.astype("Float64") for series in (low, value, high))
    broken = (low > value) | (value > high) | (low > high)
    return ~broken.fillna(False).astype(bool)
