"""Schema of the claims dataset: every quantitative figure of the 2002 article and how later evidence checks it."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

KINDS = ("actual", "target", "estimate", "limit", "claim")
QUALIFIERS = ("exact", "approx", "nearly", "more_than", "up_to")
VERDICT_RULES = ("level", "at_least", "range", "target", "different_measure", "not_a_claim")
EVIDENCE_DATASETS = ("trade", "arms", "border", "migration", "energy")
EVIDENCE_SOURCES = ("independent", "other_quotes")
TOLERANCE_UNITS = ("percent", "points", "absolute")


class ClaimsSchema(pa.DataFrameModel):
    claim_id: Series[str] = pa.Field(str_matches=r"^claim-[0-9]+(-[a-z-]+)?$", unique=True, description="Id")
    source_id: Series[str] = pa.Field(
        str_matches=r"^article-[0-9]+$",
        nullable=True,
        description="The article's source row, where one exists",
    )
    char_offset: Series[int] = f.non_negative(
        nullable=False, description="Offset of the quote in the article"
    )
    quote: Series[str] = f.text(nullable=False, description="The article's words")
    footnote: Series[pd.Int64Dtype] = f.non_negative(description="The article's footnote number")
    section: Series[str] = f.text(nullable=False, description="Section of the article")
    indicator: Series[str] = f.text(nullable=False, description="What the figure measures, in words")
    measure: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$", description="What the figure measures (id)")
    kind: Series[str] = f.one_of(KINDS, description="actual, target, estimate, limit or claim")
    year: Series[int] = f.year(description="Year the figure refers to (a target's deadline)")
    period_label: Series[str] = f.text(nullable=False, description="Period as the pack states it")
    claimed_value: Series[float] = pa.Field(nullable=True, description="The figure as stated")
    claimed_low: Series[float] = pa.Field(nullable=True, description="Lower bound as stated")
    claimed_high: Series[float] = pa.Field(nullable=True, description="Upper bound as stated")
    unit: Series[str] = pa.Field(str_matches=r"^[a-z_]+$", description="Unit of the claimed figures")
    qualifier: Series[str] = f.one_of(QUALIFIERS, description="The article's hedge")
    verdict_rule: Series[str] = f.one_of(VERDICT_RULES, description="How the verdict is computed")
    evidence_dataset: Series[str] = f.one_of(
        EVIDENCE_DATASETS, nullable=True, description="Dataset of evidence"
    )
    evidence_measure: Series[str] = f.text(description="Measure of the evidence within its dataset")
    evidence_year_from: Series[pd.Int64Dtype] = f.year(nullable=True, description="First evidence year")
    evidence_year_to: Series[pd.Int64Dtype] = f.year(nullable=True, description="Last evidence year")
    evidence_sources: Series[str] = f.one_of(
        EVIDENCE_SOURCES, nullable=True, description="Which sources count"
    )
    tolerance: Series[float] = f.non_negative(description="How far evidence may differ and still agree")
    tolerance_unit: Series[str] = f.one_of(
        TOLERANCE_UNITS, nullable=True, description="Unit of the tolerance"
    )
    compared_as: Series[str] = f.text(description="How a differing measure is compared")
    reason: Series[str] = f.text(description="Why not a claim, or what evidence is missing")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    @classmethod
    def low_le_value_le_high(cls, df: pd.DataFrame) -> pd.Series:
        """claimed_low <= claimed_value <= claimed_high, where present."""
        return f.bounds_ordered(df["claimed_low"], df["claimed_value"], df["claimed_high"])

    @pa.dataframe_check
    @classmethod
    def has_a_figure(cls, df: pd.DataFrame) -> pd.Series:
        """Every row states a value or a bound."""
        return df[["claimed_value", "claimed_low", "claimed_high"]].notna().any(axis=1)

    @pa.dataframe_check
    @classmethod
    def claims_say_how_they_are_checked(cls, df: pd.DataFrame) -> pd.Series:
        """A figure that is not a claim gives its reason; evidence comes with a tolerance and its unit."""
        not_a_claim = df["verdict_rule"].eq("not_a_claim")
        has_evidence = df["evidence_dataset"].notna()
        checked = df["tolerance"].notna() & df["tolerance_unit"].notna() & df["evidence_measure"].notna()
        compared = df["verdict_rule"].eq("different_measure") & df["evidence_measure"].notna()
        no_evidence_says_why = has_evidence | df["reason"].notna()
        evidence_ok = ~has_evidence | checked | compared
        return (~not_a_claim | (df["reason"].notna() & ~has_evidence)) & no_evidence_says_why & evidence_ok

    @pa.dataframe_check
    @classmethod
    def different_measures_say_so(cls, df: pd.DataFrame) -> pd.Series:
        """A comparison across measures names how it compares them."""
        return ~df["verdict_rule"].eq("different_measure") | df["compared_as"].notna()
