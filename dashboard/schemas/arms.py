"""Schema of the arms dataset: SIPRI TIV series by vintage and stated share figures, measure bases kept apart."""

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

TIV_VINTAGES = ("sipri-2022-05", "sipri-2025-01")
VINTAGES = TIV_VINTAGES + (
    "sipri-factsheet-2023-03",
    "sipri-factsheet-2024-03",
    "sipri-yearbook-2006",  # from arms 2026-11-30: SIPRI's 2001-2005 share as reported in the press
    "sipri-2008-03",  # from arms 2026-11-30: SIPRI's 2006 and 2007 shares as reported in the press
    "article-2002",
)
SUPPLIERS = ("Soviet Union", "Russia")
# series -> (allowed suppliers, recipient, value columns of which exactly one is filled)
SERIES = {
    "tiv_supplier_to_china": (SUPPLIERS, "China", ("tiv_usd_m",)),
    "tiv_supplier_total_exports": (SUPPLIERS, "All recipients", ("tiv_usd_m",)),
    "tiv_world_total": (("All suppliers",), "All recipients", ("tiv_usd_m",)),
    "tiv_china_total_imports": (("All suppliers",), "China", ("tiv_usd_m",)),
    "share_china_of_supplier_exports": (SUPPLIERS, "China", ("share_pct", "share_low_pct")),
    "share_supplier_of_world_market": (SUPPLIERS, "All recipients", ("share_pct", "share_low_pct")),
    "change_supplier_to_china": (SUPPLIERS, "China", ("change_pct",)),
    "change_china_total_imports": (("All suppliers",), "China", ("change_pct",)),
}
VALUE_COLUMNS = ("tiv_usd_m", "share_pct", "share_low_pct", "change_pct")
LAST_SOVIET_YEAR = 1991


class ArmsSchema(pa.DataFrameModel):
    """One figure per row: a SIPRI TIV (US$ m, constant prices) or a stated share/change, with its basis."""

    year: Series[int] = f.year(description="Calendar year; for five-year figures the last year of the period")
    period_label: Series[str] = pa.Field(str_length={"min_value": 4}, description="Period as stated")
    period_type: Series[str] = f.one_of(("year", "part_year", "five_years", "five_years_change"))
    series: Series[str] = f.one_of(SERIES)
    supplier: Series[str] = f.one_of(SUPPLIERS + ("All suppliers",))
    recipient: Series[str] = f.one_of(("China", "All recipients"))
    tiv_usd_m: Series[float] = f.non_negative(description="SIPRI TIV, US$ m at constant prices")
    share_pct: Series[float] = f.share_pct()
    share_low_pct: Series[float] = f.share_pct(description="Lower bound of a share in percent")
    change_pct: Series[float] = f.change_pct()
    qualifier: Series[str] = f.one_of(("exact", "more_than"))
    measure_basis: Series[str] = f.one_of(("tiv", "money_value"))
    vintage: Series[str] = f.one_of(VINTAGES)
    source_id: Series[str] = f.source_id()
    note: Series[str] = f.text()

    class Config:
        strict = True
        coerce = True
        unique = ["year", "period_label", "series", "vintage", "source_id"]  # noqa: RUF012 (pandera reads a list)

    @pa.dataframe_check
    @classmethod
    def one_value_per_series(cls, df: pd.DataFrame) -> pd.Series:
        """Exactly one value column is filled, and it is one the row's series allows."""
        filled = df[list(VALUE_COLUMNS)].notna()
        allowed = pd.DataFrame(
            {
                column: _series_flag(df, {s: column in spec[2] for s, spec in SERIES.items()})
                for column in filled
            },
            index=df.index,
        )
        return (filled.sum(axis=1) == 1) & ~(filled & ~allowed).any(axis=1)

    @pa.dataframe_check
    @classmethod
    def parties_match_series(cls, df: pd.DataFrame) -> pd.Series:
        """Supplier and recipient are the ones the series is about."""
        ok = pd.Series(False, index=df.index)
        for series, (suppliers, recipient, _) in SERIES.items():
            ok |= (df["series"] == series) & df["supplier"].isin(suppliers) & (df["recipient"] == recipient)
        return ok.fillna(False).astype(bool)

    @pa.dataframe_check
    @classmethod
    def supplier_matches_year(cls, df: pd.DataFrame) -> pd.Series:
        """The supplier is the Soviet Union up to 1991 and Russia from 1992."""
        year = pd.to_numeric(df["year"], errors="coerce")
        soviet = (df["supplier"] == "Soviet Union") & ~(year <= LAST_SOVIET_YEAR)
        russia = (df["supplier"] == "Russia") & ~(year > LAST_SOVIET_YEAR)
        return ~soviet & ~russia

    @pa.dataframe_check
    @classmethod
    def tiv_figures_have_tiv_basis(cls, df: pd.DataFrame) -> pd.Series:
        """TIV series and every row of a SIPRI vintage have measure_basis tiv."""
        sipri = df["series"].str.startswith("tiv_") | df["vintage"].str.startswith("sipri-")
        return ~sipri | (df["measure_basis"] == "tiv")

    @pa.dataframe_check
    @classmethod
    def tiv_series_in_tiv_vintages(cls, df: pd.DataFrame) -> pd.Series:
        """Annual TIV series come only from the SIPRI TIV vintages, and those vintages hold only TIV series."""
        return df["series"].str.startswith("tiv_") == df["vintage"].isin(TIV_VINTAGES)

    @pa.dataframe_check
    @classmethod
    def qualifier_matches_bound(cls, df: pd.DataFrame) -> pd.Series:
        """'more_than' goes with a lower bound alone (share_low_pct), 'exact' with no bound."""
        return (df["qualifier"] == "more_than") == df["share_low_pct"].notna()

    @pa.dataframe_check
    @classmethod
    def period_label_names_year(cls, df: pd.DataFrame) -> pd.Series:
        """The stated period ends in or names the row's year."""
        years = df["year"].astype(str).to_numpy(dtype=str)
        labels = df["period_label"].astype(str).to_numpy(dtype=str)
        return pd.Series(np.char.find(labels, years) >= 0, index=df.index)


def _series_flag(df: pd.DataFrame, flags: dict[str, bool]) -> pd.Series:
    """Per row: the flag of the row's series (False for a series the schema does not know)."""
    return df["series"].map(flags).fillna(False).astype(bool)
