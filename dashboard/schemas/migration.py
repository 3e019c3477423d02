"""Schema of the migration dataset: counts, estimates and claims of Chinese in Russia, and visa compliance shares."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

GEOGRAPHIES = (
    "russian_empire",
    "primorye",
    "russia",
    "moscow",
    "khabarovsk_krai",
    "primorskii_krai",
    "russian_far_east",
    "siberia_and_far_east",
)
MEASURES = (
    "chinese_speakers",
    "ethnic_chinese",
    "chinese_population",
    "chinese_illegal_residents",
    "chinese_illegal_arrivals",
    "visa_compliance_share",
)
SHARE_MEASURES = ("visa_compliance_share",)
KINDS = ("census", "estimate", "claim", "actual")
QUALIFIERS = ("exact", "approx", "more_than", "up_to", "at_least")
KEY = ["measure", "geography", "year", "kind", "source_id"]


class MigrationSchema(pa.DataFrameModel):
    year: Series[int] = f.year(description="Year the figure refers to (see the descriptor for vague periods)")
    period_label: Series[str] = f.text(nullable=False, description="Period as stated by the source")
    geography: Series[str] = f.one_of(GEOGRAPHIES, description="Territory the figure covers")
    geography_label: Series[str] = f.text(description="Territory as named by the source")
    measure: Series[str] = f.one_of(MEASURES, description="What is counted: a population group or a share")
    kind: Series[str] = f.one_of(KINDS, description="census, estimate, claim or actual (official statistics)")
    persons: Series[pd.Int64Dtype] = f.non_negative(description="Persons as stated (for a bound, the bound)")
    persons_low: Series[pd.Int64Dtype] = f.non_negative(description="Lower bound, persons")
    persons_high: Series[pd.Int64Dtype] = f.non_negative(description="Upper bound, persons")
    share_pct: Series[float] = f.share_pct(description="Share in percent as stated")
    share_low_pct: Series[float] = f.share_pct(description="Lower bound of the share in percent")
    qualifier: Series[str] = f.one_of(
        QUALIFIERS, description="Hedge of the source: exact, approx, more_than, ..."
    )
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True
        unique = KEY

    @pa.dataframe_check
    @classmethod
    def low_le_value_le_high(cls, df: pd.DataFrame) -> pd.Series:
        """persons_low <= persons <= persons_high (and low <= high), share_low_pct <= share_pct, where present."""
        persons = f.bounds_ordered(df["persons_low"], df["persons"], df["persons_high"])
        return persons & f.bounds_ordered(df["share_low_pct"], df["share_pct"], df["share_pct"])

    @pa.dataframe_check
    @classmethod
    def persons_or_share(cls, df: pd.DataFrame) -> pd.Series:
        """Share measures carry a share and no persons; the other measures a persons value or range and no share."""
        has_persons = df[["persons", "persons_low", "persons_high"]].notna().any(axis=1)
        has_share = df[["share_pct", "share_low_pct"]].notna().any(axis=1)
        is_share = df["measure"].isin(SHARE_MEASURES)
        return (is_share & has_share & ~has_persons) | (~is_share & has_persons & ~has_share)

    @pa.dataframe_check
    @classmethod
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        """'more_than' has a lower bound and no upper one; 'up_to' an upper bound and no lower one."""
        lo = df[["persons_low", "share_low_pct"]].notna().any(axis=1)
        hi = df["persons_high"].notna()
        q = df["qualifier"]
        return (~q.eq("more_than") | (lo & ~hi)) & (~q.eq("up_to") | (hi & ~lo))
