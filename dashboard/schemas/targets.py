"""Schema of the targets dataset: every stated target, its measure, value or range, pledge, deadline and sources.

Columns added in version 2026-11-30 (stated baseline, provenance, ramp-up) are optional, so that the
earlier version, which lacks them, still validates."""

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
# How binding the pledge is: an agreement between states, a joint statement of the leaders, one leader's
# remark, a minister's forecast, a company's plan or commercial contract.
COMMITMENTS = ("treaty", "joint_statement", "leaders_remark", "ministerial_forecast", "company_plan")


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
    baseline_value: Series[float] | None = f.non_negative(
        description="The baseline the pledge states (e.g. 'from $12 billion'), in the target's unit; empty: "
        "the actual of baseline_year is the baseline"
    )
    baseline_source_id: Series[str] | None = pa.Field(
        nullable=True,
        str_matches=r"^[a-z0-9][a-z0-9_.-]*$",
        description="The source (one of source_ids) whose quote states the baseline",
    )
    baseline_quote: Series[str] | None = f.text(
        description="The words of that source's quote that state the baseline, verbatim"
    )
    commitment: Series[str] | None = f.one_of(COMMITMENTS, description="How binding the pledge is")
    successor_id: Series[str] | None = pa.Field(
        nullable=True, str_matches=r"^[a-z0-9_]+$", description="A later target that replaced this one"
    )
    ramp_up: Series[bool] | None = pa.Field(
        nullable=True,
        description="true: the target is a plateau after a contractual ramp-up, judged against the yearly "
        "plan where one is sourced",
    )
    plateau_year: Series[pd.Int64Dtype] | None = f.year(
        nullable=True, description="First year the plateau applies, where sourced (empty: not sourced)"
    )

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    @classmethod
    def value_or_range(cls, df: pd.DataFrame) -> pd.Series:
        """A target gives a value, or both ends of a range with low <= high (and the value inside it)."""
        value, low, high = df["target_value"], df["target_low"], df["target_high"]
        has_range = low.notna() & high.notna() & (low <= high)
        inside = value.isna() | ~has_range | ((low <= value) & (value <= high))
        return (value.notna() | has_range) & (low.isna() == high.isna()) & inside

    @pa.dataframe_check
    @classmethod
    def unit_matches_measure(cls, df: pd.DataFrame) -> pd.Series:
        """The unit is the one the measure is counted in."""
        return df["measure"].map(MEASURE_UNITS) == df["unit"]

    @pa.dataframe_check
    @classmethod
    def deadline_fits_kind(cls, df: pd.DataFrame) -> pd.Series:
        """A by_year target has a deadline no earlier than its pledge; other kinds have none."""
        by_year = df["deadline_kind"] == "by_year"
        deadline = df["deadline_year"]
        return (by_year & (deadline >= df["pledge_year"]).fillna(False)) | (~by_year & deadline.isna())

    @pa.dataframe_check
    @classmethod
    def baseline_not_after_pledge(cls, df: pd.DataFrame) -> pd.Series:
        """The baseline year is the pledge year or earlier."""
        return df["baseline_year"] <= df["pledge_year"]

    @pa.dataframe_check
    @classmethod
    def stated_baseline_has_its_source(cls, df: pd.DataFrame) -> pd.Series:
        """A stated baseline comes with its quote and a source that is one of the target's sources."""
        if "baseline_value" not in df:
            return pd.Series(True, index=df.index)
        stated = df["baseline_value"].notna()
        source = df.get("baseline_source_id", pd.Series(None, index=df.index, dtype="object"))
        quote = df.get("baseline_quote", pd.Series(None, index=df.index, dtype="object"))
        listed = [
            isinstance(one, str) and one in str(ids).split(";") for one, ids in zip(source, df["source_ids"])
        ]
        return ~stated | (pd.Series(listed, index=df.index) & quote.notna())

    @pa.dataframe_check
    @classmethod
    def successor_is_a_later_target(cls, df: pd.DataFrame) -> pd.Series:
        """A successor is another target of the same measure, pledged no earlier than this one."""
        if "successor_id" not in df:
            return pd.Series(True, index=df.index)
        by_id = df.set_index("target_id")
        ok = []
        for target_id, successor, measure, pledged in zip(
            df["target_id"], df["successor_id"], df["measure"], df["pledge_year"]
        ):
            if not isinstance(successor, str) or not successor:
                ok.append(True)
                continue
            ok.append(
                successor != target_id
                and successor in by_id.index
                and by_id.loc[successor, "measure"] == measure
                and by_id.loc[successor, "pledge_year"] >= pledged
            )
        return pd.Series(ok, index=df.index)
