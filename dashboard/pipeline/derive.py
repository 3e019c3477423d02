"""Pure derivation of the analysis-ready tables from the validated dataset frames."""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.arms import china_share_of_russian_exports, vintages
from dashboard.pipeline.customs import customs_gaps
from dashboard.pipeline.energy import energy_actuals
from dashboard.pipeline.trade import MEASURES_WITH_SERIES, preferred_series, trade_actuals, vintage_revisions
from dashboard.schemas.ledger import LedgerSchema
from dashboard.targets import compute_ledger, ledger_frame


def ledger_actuals(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every measure's actuals by year (measure, year, value, source_id), from each dataset that has some."""
    return pd.concat([trade_actuals(frames["trade"]), energy_actuals(frames["energy"])], ignore_index=True)


def derive(
    frames: dict[str, pd.DataFrame], trade_vintages: dict[str, pd.DataFrame], as_of_year: int
) -> dict[str, pd.DataFrame]:
    """Derived tables by name: trade series with growth and revisions across vintages, China's arms share per
    SIPRI vintage, the ledger's actuals and the ledger."""
    derived = {
        f"trade_{measure}": preferred_series(frames["trade"], measure) for measure in MEASURES_WITH_SERIES
    }
    derived["trade_revisions"] = vintage_revisions(trade_vintages)
    derived["trade_customs_gaps"] = customs_gaps(frames["trade"])
    for vintage in vintages(frames["arms"]):
        derived[f"arms_china_share_{vintage}"] = china_share_of_russian_exports(frames["arms"], vintage)
    derived["actuals"] = ledger_actuals(frames)
    ledger = ledger_frame(compute_ledger(frames["targets"], derived["actuals"], as_of_year))
    derived["ledger"] = LedgerSchema.validate(ledger)
    return derived
