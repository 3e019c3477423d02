"""Energy transforms: the yearly actual-delivery series the target ledger compares plans and contracts with."""

import pandas as pd

# ledger measure -> (commodity, route, unit) of the energy rows it is built from
ACTUALS_KEY = ["measure", "year"]
LEDGER_MEASURES = {
    "oil_yukos_rail_mt": ("oil", "yukos_rail", "mt"),
    "oil_rail_mt": ("oil", "rail", "mt"),
    "gas_power_of_siberia_bcm": ("gas", "power_of_siberia", "bcm"),
}
# ledger measure -> the ledger measure it is a part of: Yukos' rail shipments are part of Russia's rail exports to
# China (all companies), so in a year without a figure of its own the whole bounds the part from above.
PART_OF = {"oil_yukos_rail_mt": "oil_rail_mt"}
# what each whole is, in words (the ledger's notes and candidates say it)
WHOLE_WORDS = {"oil_rail_mt": "Russia's oil exports to China by rail, all companies"}


def _one_per_year(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Keep a year's only row, or its preferred row where there are several; refuse an unresolved conflict."""
    picked = []
    for year, group in rows.groupby("year", sort=True):
        if len(group) > 1:
            group = group[group["preferred"].fillna(False).astype(bool)]
            if len(group) != 1:
                raise ValueError(f"{measure} {year}: several actual rows and no single preferred one")
        picked.append(group)
    if not picked:
        return pd.DataFrame(columns=["year", "value", "source_id"])
    return pd.concat(picked)[["year", "value", "source_id"]]


def energy_actuals(energy: pd.DataFrame) -> pd.DataFrame:
    """Yearly actual deliveries (measure, year, value, source_id) for the ledger's energy measures."""
    parts = []
    for measure, (commodity, route, unit) in LEDGER_MEASURES.items():
        rows = energy[
            (energy["commodity"] == commodity)
            & (energy["route"] == route)
            & (energy["unit"] == unit)
            & (energy["measure"] == "deliveries")
            & (energy["kind"] == "actual")
            & energy["year"].notna()
        ]
        parts.append(_one_per_year(rows, measure).assign(measure=measure))
    out = pd.concat(parts, ignore_index=True)[["measure", "year", "value", "source_id"]]
    out = out.sort_values(["measure", "year"], ignore_index=True)
    from dashboard.schemas.derived import EnergyActualsSchema  # pandera only where a table is computed

    return EnergyActualsSchema.validate(out)
