"""Derived arms figures (China's TIV share of Soviet/Russian exports), computed within one SIPRI vintage only."""

import pandas as pd

TO_CHINA = "tiv_supplier_to_china"
TOTAL_EXPORTS = "tiv_supplier_total_exports"


def vintages(arms: pd.DataFrame) -> list[str]:
    """The SIPRI vintages that hold annual TIV series, sorted."""
    tiv = arms[arms["series"].isin([TO_CHINA, TOTAL_EXPORTS]) & arms["tiv_usd_m"].notna()]
    return sorted(tiv["vintage"].unique().tolist())


def china_share_of_russian_exports(arms: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """100 * supplier->China TIV / supplier total-exports TIV per year, both from `vintage` only."""
    available = vintages(arms)
    if vintage not in available:
        raise ValueError(
            f"vintage {vintage!r} has no annual TIV series in the arms data; available: {', '.join(available)}"
        )
    rows = arms[(arms["vintage"] == vintage) & arms["tiv_usd_m"].notna()]
    keys = ["year", "supplier"]
    to_china = rows[rows["series"] == TO_CHINA].set_index(keys)["tiv_usd_m"]
    total = rows[rows["series"] == TOTAL_EXPORTS].set_index(keys)["tiv_usd_m"]
    for name, part in ((TO_CHINA, to_china), (TOTAL_EXPORTS, total)):
        if part.index.duplicated().any():
            raise ValueError(f"{name} has more than one row per year and supplier in vintage {vintage!r}")
    # Inner join on year and supplier: a year without either figure, or with a zero total, is left out.
    both = pd.concat({"to_china": to_china, "total": total}, axis=1, join="inner")
    both = both[both["total"] > 0]
    result = pd.DataFrame(
        {
            "year": both.index.get_level_values("year").astype("int64"),
            "share_pct": (100.0 * both["to_china"] / both["total"]).to_numpy(dtype="float64"),
            "vintage": vintage,
            "measure_basis": "tiv",
        }
    )
    result = result.sort_values("year", ignore_index=True)
    from dashboard.schemas.derived import ChinaShareSchema  # pandera only where a table is computed

    return ChinaShareSchema.validate(result)
