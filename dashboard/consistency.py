"""Consistency warnings where sources disagree with each other: listed, never silently resolved, never fatal."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from dashboard.pipeline.customs import RUSSIA, customs_gaps

YOY_TOLERANCE_PP = 1.0  # reported growth may differ from the levels' growth by this many points
BASIS_TOLERANCE_PCT = 1.0  # Chinese and Russian customs may differ by this share of the Chinese figure


@dataclass(frozen=True)
class ConsistencyWarning:
    """One disagreement between sources: where it is and what it says."""

    dataset: str
    file: str
    line: int | None
    kind: str
    message: str

    def as_dict(self) -> dict:
        """Plain-data form for JSON output."""
        return asdict(self)


def trade_warnings(
    trade: pd.DataFrame,
    file: str,
    line_numbers: list[int],
    yoy_tolerance_pp: float = YOY_TOLERANCE_PP,
    basis_tolerance_pct: float = BASIS_TOLERANCE_PCT,
) -> list[ConsistencyWarning]:
    """Reported changes that the levels contradict, and customs bases that differ beyond a tolerance."""
    return yoy_mismatches(trade, file, line_numbers, yoy_tolerance_pp) + basis_gaps(
        trade, file, line_numbers, basis_tolerance_pct
    )


def yoy_mismatches(trade, file, line_numbers, tolerance_pp) -> list[ConsistencyWarning]:
    """A reported year-on-year change that does not match the level of its year over the preferred previous one."""
    preferred = trade[trade["preferred"].astype(bool)].set_index(["measure", "year"])["value_usd_bn"]
    warnings = []
    for position, row in enumerate(trade.itertuples(index=False)):
        if pd.isna(row.yoy_change_pct):
            continue
        level = row.value_usd_bn if pd.notna(row.value_usd_bn) else preferred.get((row.measure, row.year))
        previous = preferred.get((row.measure, row.year - 1))
        if level is None or previous is None or pd.isna(level) or pd.isna(previous) or previous == 0:
            continue
        implied = (level / previous - 1.0) * 100.0
        if abs(implied - row.yoy_change_pct) > tolerance_pp:
            warnings.append(
                ConsistencyWarning(
                    "trade",
                    file,
                    line_numbers[position],
                    "yoy_mismatch",
                    f"{row.year} {row.measure}: reported change {row.yoy_change_pct:+.1f}% ({row.source_id}) but "
                    f"{level:g} over {row.year - 1}'s preferred {previous:g} is {implied:+.1f}% "
                    f"(tolerance {tolerance_pp:g} points)",
                )
            )
    return warnings


def basis_gaps(trade, file, line_numbers, tolerance_pct) -> list[ConsistencyWarning]:
    """Chinese against Russian customs for the same year and measure, where they differ by more than the tolerance."""
    position = {
        (row.year, row.measure, row.reporting_basis, row.source_id): i
        for i, row in enumerate(trade.itertuples(index=False))
    }
    warnings = []
    for measure in trade["measure"].unique():
        for gap in customs_gaps(trade, measure).itertuples(index=False):
            if abs(gap.gap_pct) <= tolerance_pct:
                continue
            line = line_numbers[position[(gap.year, measure, RUSSIA, gap.russia_source_id)]]
            warnings.append(
                ConsistencyWarning(
                    "trade",
                    file,
                    line,
                    "basis_gap",
                    f"{gap.year} {measure}: Russian customs {gap.russia_usd_bn:g} ({gap.russia_source_id}) against "
                    f"Chinese customs {gap.china_usd_bn:g} ({gap.china_source_id}): {gap.gap_pct:+.1f}% "
                    f"(tolerance {tolerance_pct:g}%)",
                )
            )
    return warnings
