"""Pure derivation of the analysis-ready tables from the validated dataset frames."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.pipeline.arms import china_share_of_russian_exports, vintages
from dashboard.pipeline.customs import customs_gaps
from dashboard.pipeline.energy import energy_actuals
from dashboard.pipeline.trade import MEASURES_WITH_SERIES, preferred_series, trade_actuals, vintage_revisions
from dashboard.schemas.terms import TURNOVER
from dashboard.targets import compute_ledger, ledger_figures, ledger_frame, ledger_plans


@dataclass(frozen=True)
class Derived:
    """The derived tables, one attribute each; tables that come in several keep their key (a measure, a SIPRI
    vintage) as a dict key, never in a name."""

    trade_series: dict[str, pd.DataFrame]  # trade measure (schemas.trade.MEASURES) -> preferred series
    trade_revisions: pd.DataFrame
    trade_customs_gaps: pd.DataFrame
    arms_china_share: dict[str, pd.DataFrame]  # SIPRI vintage -> China's share of the supplier's exports
    actuals: pd.DataFrame
    ledger: pd.DataFrame

    @property
    def trade_turnover(self) -> pd.DataFrame:
        """The preferred turnover series with growth."""
        return self.trade_series[TURNOVER]

    def tables(self) -> list[pd.DataFrame]:
        """Every derived table, for what scans them all (the app's year bounds)."""
        return [
            *self.trade_series.values(),
            self.trade_revisions,
            self.trade_customs_gaps,
            *self.arms_china_share.values(),
            self.actuals,
            self.ledger,
        ]


def ledger_actuals(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every measure's actuals by year (measure, year, value, source_id), from each dataset that has some."""
    return pd.concat([trade_actuals(frames["trade"]), energy_actuals(frames["energy"])], ignore_index=True)


def derive(
    frames: dict[str, pd.DataFrame], trade_vintages: dict[str, pd.DataFrame], as_of_year: int
) -> Derived:
    """The derived tables: trade series with growth and revisions across vintages, China's arms share per SIPRI
    vintage, the ledger's actuals and the ledger."""
    actuals = ledger_actuals(frames)
    ledger = ledger_frame(
        compute_ledger(
            frames["targets"], actuals, as_of_year, figures=ledger_figures(frames), plans=ledger_plans(frames)
        )
    )
    from dashboard.schemas.ledger import LedgerSchema  # pandera only where the tables are computed

    return Derived(
        trade_series={
            measure: preferred_series(frames["trade"], measure) for measure in MEASURES_WITH_SERIES
        },
        trade_revisions=vintage_revisions(trade_vintages),
        trade_customs_gaps=customs_gaps(frames["trade"]),
        arms_china_share={
            vintage: china_share_of_russian_exports(frames["arms"], vintage)
            for vintage in vintages(frames["arms"])
        },
        actuals=actuals,
        ledger=LedgerSchema.validate(ledger),
    )
