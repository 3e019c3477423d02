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


def reported_changes(trade: pd.DataFrame):
    """Each row that reports a year-on-year change, with its level (its own, else the preferred one of its year),
    the preferred level of the year before and the change those two levels imply:
    (position, row, level, previous, implied_pct). Rows lacking a level or a previous level are skipped."""
    preferred = trade[trade["preferred"].astype(bool)].set_index(["measure", "year"])["value_usd_bn"]
    for position, row in enumerate(trade.itertuples(index=False)):
        if pd.isna(row.yoy_change_pct):
            continue
        level = row.value_usd_bn if pd.notna(row.value_usd_bn) else preferred.get((row.measure, row.year))
        previous = preferred.get((row.measure, row.year - 1))
        if level is None or previous is None or pd.isna(level) or pd.isna(previous) or previous == 0:
            continue
        yield position, row, level, previous, (level / previous - 1.0) * 100.0


def yoy_mismatches(trade, file, line_numbers, tolerance_pp) -> list[ConsistencyWarning]:
    """A reported year-on-year change that does not match the level of its year over the preferred previous one."""
    warnings = []
    for position, row, level, previous, implied in reported_changes(trade):
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


def growth_implied_levels(trade: pd.DataFrame, tolerance_pp: float = YOY_TOLERANCE_PP) -> pd.DataFrame:
    """The previous year's level that a reported change implies (level / (1 + change)), wherever the change
    disagrees with the preferred levels beyond the tolerance (where `yoy_mismatches` warns): another sourced
    figure for that year. Columns: measure, year (the implied year), value_usd_bn, source_id, preferred (of
    the reporting row), from_year, reported_change_pct."""
    rows = [
        {
            "measure": row.measure,
            "year": int(row.year) - 1,
            "value_usd_bn": level / (1.0 + row.yoy_change_pct / 100.0),
            "source_id": row.source_id,
            "preferred": bool(row.preferred),
            "from_year": int(row.year),
            "reported_change_pct": float(row.yoy_change_pct),
        }
        for _, row, level, _, implied in reported_changes(trade)
        if abs(implied - row.yoy_change_pct) > tolerance_pp and row.yoy_change_pct > -100
    ]
    columns = [
        "measure",
        "year",
        "value_usd_bn",
        "source_id",
        "preferred",
        "from_year",
        "reported_change_pct",
    ]
    return pd.DataFrame(rows, columns=columns)


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
