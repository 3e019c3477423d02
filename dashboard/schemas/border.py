"""Schema of the border dataset: ceilings, zones and lengths of the 1990-1997 border agreements, units kept apart."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

AGREEMENTS = (
    "sino_soviet_1990",
    "cbm_1996_shanghai",
    "reduction_1997_moscow",
    "cbm_1996_and_reduction_1997",
    "border_demarcation",
)
PROVISIONS = (
    "signatory_states",
    "zone_depth",
    "troop_ceiling_china_side",
    "troop_ceiling_joint_side",
    "troop_ceiling_total",
    "troop_ceiling_each_side",
    "tank_ceiling_china_side",
    "tank_ceiling_joint_side",
    "tank_quota_russia",
    "afv_ceiling_russia",
    "reduction_russian_grouping",
    "border_length_china_russia",
    "border_length_former_sino_soviet",
    "negotiating_meetings",
    "mutual_inspections",
    "undemarcated_islands",
    "disputed_islands_near_khabarovsk",
    "signature_date",
    "talks_start_date",
    "expiry_date",
)
PARTIES = ("china", "russia", "joint_side", "each_side", "china_russia", "all")
UNITS = ("km", "miles", "troops", "tanks", "afvs", "states", "percent", "meetings", "inspections", "islands")
QUALIFIERS = ("exact", "approx", "more_than", "nearly", "up_to")
KINDS = ("actual", "limit", "target", "estimate")
KEY = ["agreement_id", "provision", "party", "source_id"]
TROOP_SIDES = ("troop_ceiling_china_side", "troop_ceiling_joint_side")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _document(source_id: str) -> str:
    """The source document of a source id: every `article-<offset>` quote belongs to one article."""
    return "article" if source_id.startswith("article-") else source_id


class BorderSchema(pa.DataFrameModel):
    agreement_id: Series[str] = f.one_of(
        AGREEMENTS, description="Short id of the agreement (or of the demarcation)"
    )
    agreement: Series[str] = f.text(nullable=False, description="Name of the agreement")
    signed_date: Series[str] = pa.Field(
        nullable=True, str_matches=ISO_DATE, description="Signature date, ISO"
    )
    place: Series[str] = f.text(description="Place of signature")
    provision: Series[str] = f.one_of(PROVISIONS, description="What the row measures")
    party: Series[str] = f.one_of(PARTIES, description="Whom the figure applies to")
    value: Series[float] = f.non_negative(description="The figure as stated (for a bound, the bound)")
    value_low: Series[float] = f.non_negative(description="Lower bound")
    value_high: Series[float] = f.non_negative(description="Upper bound")
    unit: Series[str] = f.one_of(UNITS, nullable=True, description="Unit of value/value_low/value_high")
    qualifier: Series[str] = f.one_of(
        QUALIFIERS, description="Hedge of the source: exact, approx, more_than, ..."
    )
    kind: Series[str] = f.one_of(KINDS, description="actual, limit, target or estimate")
    date_value: Series[str] = pa.Field(
        nullable=True,
        str_matches=PARTIAL_DATE,
        description="The date, for date-like provisions (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    period_label: Series[str] = f.text(description="Period the figure refers to, as stated")
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True
        unique = KEY

    @pa.dataframe_check
    @classmethod
    def low_le_value_le_high(cls, df: pd.DataFrame) -> pd.Series:
        """value_low <= value <= value_high and value_low <= value_high wherever both are present."""
        return f.bounds_ordered(df["value_low"], df["value"], df["value_high"])

    @pa.dataframe_check
    @classmethod
    def number_or_date(cls, df: pd.DataFrame) -> pd.Series:
        """A row holds either a number (value, low or high) with a unit, or a date_value with neither."""
        has_number = df[["value", "value_low", "value_high"]].notna().any(axis=1)
        has_unit, has_date = df["unit"].notna(), df["date_value"].notna()
        return (has_number & has_unit & ~has_date) | (~has_number & ~has_unit & has_date)

    @pa.dataframe_check
    @classmethod
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        """'more_than' has a lower bound and no upper one; 'nearly' and 'up_to' an upper bound and no lower one."""
        lo, hi, q = df["value_low"].notna(), df["value_high"].notna(), df["qualifier"]
        above = q.eq("more_than")
        below = q.isin(["nearly", "up_to"])
        return (~above | (lo & ~hi)) & (~below | (hi & ~lo))

    @pa.dataframe_check
    @classmethod
    def troop_ceilings_add_up(cls, df: pd.DataFrame) -> pd.Series:
        """A total troop ceiling equals China's plus the joint side's ceiling of the same agreement and source.

        Rows are grouped by agreement and source document (all article quotes are one document); a total row
        fails only when both side ceilings are given in its group and no China + joint-side sum equals it.
        """
        ok = pd.Series(True, index=df.index)
        docs = df["source_id"].map(_document)
        for pos in (df["provision"].to_numpy() == "troop_ceiling_total").nonzero()[0]:
            same = (df["agreement_id"].eq(df["agreement_id"].iat[pos]) & docs.eq(docs.iat[pos])).to_numpy()
            china = df["value"][same & (df["provision"] == TROOP_SIDES[0]).to_numpy()].dropna()
            joint = df["value"][same & (df["provision"] == TROOP_SIDES[1]).to_numpy()].dropna()
            if len(china) and len(joint):
                ok.iat[pos] = df["value"].iat[pos] in {c + j for c in china for j in joint}
        return ok
