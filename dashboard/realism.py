"""Were the pledges realistic? The chance, at pledge time, that a dated target would be reached by its deadline.

A seeded bootstrap of the series' own past growth: the annual log growth rates of the window (the WINDOW_YEARS
years up to and including the year the paths start from, each rate only where both ends have data) are drawn
with replacement, N_PATHS paths from the level the ledger starts from (the stated baseline where the pledge
states one, else the actual of the baseline year), compounded year by year to the deadline. p is the share of
paths whose level *at the deadline* meets the target (the low end of a range; at most the value for a ceiling):
the ledger's own rule for met/missed, so the backtest holds p against the outcome it forecast. The share of
paths that meet it in any year up to the deadline (first_reached_year's rule) is reported beside it in words.
Fewer than MIN_RATES rates in the window: no p, and the reason. Pure numpy; nothing is read or written here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

SEED, N_PATHS = 20261130, 10_000
WINDOW_YEARS, MIN_RATES = 10, 5
RELATIVE_TOLERANCE = 1e-9  # a path equal to the target up to rounding reaches it
CALIBRATION_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
JUDGED = {"met": 1, "missed": 0}


@dataclass(frozen=True)
class Realism:
    """p_at_pledge (None where it cannot be computed), the share reaching it in any year, and the note."""

    p: float | None
    p_any_year: float | None
    note: str


def growth_window(series: dict[int, float], end_year: int, years: int = WINDOW_YEARS) -> dict[int, float]:
    """Annual log growth by year (ln of the year's level over the year before) for the `years` years ending at
    `end_year`; a year is left out unless both it and the year before have a positive level."""
    rates = {}
    for year in range(end_year - years + 1, end_year + 1):
        now, before = series.get(year), series.get(year - 1)
        if now is not None and before is not None and now > 0 and before > 0:
            rates[year] = math.log(now / before)
    return rates


def simulate(rates, base: float, horizon: int, n: int = N_PATHS, seed: int = SEED) -> np.ndarray:
    """Levels of `n` bootstrap paths, shape (n, horizon): column k is the level k + 1 years after `base`."""
    pool = np.asarray(list(rates), dtype=float)
    draws = np.random.default_rng(seed).integers(0, pool.size, size=(n, horizon))
    return base * np.exp(np.cumsum(pool[draws], axis=1))


def reach_probabilities(
    rates, base: float, target: float, horizon: int, at_most: bool = False, n: int = N_PATHS, seed: int = SEED
) -> tuple[float, float]:
    """(share of paths meeting the target at the deadline, share meeting it in any year up to the deadline)."""
    levels = simulate(rates, base, horizon, n, seed)
    slack = abs(target) * RELATIVE_TOLERANCE
    meets = levels <= target + slack if at_most else levels >= target - slack
    return float(meets[:, -1].mean()), float(meets.any(axis=1).mean())


def p_at_pledge(
    series: dict[int, float],
    start_year: int | None,
    start_value: float | None,
    deadline_year: int | None,
    target: float | None,
    at_most: bool = False,
    n: int = N_PATHS,
    seed: int = SEED,
) -> Realism:
    """The chance, from the growth shown in the window ending at `start_year`, of meeting `target` at
    `deadline_year` starting from `start_value`; None with the reason where it cannot be said."""
    if deadline_year is None:
        return Realism(None, None, "no deadline year: no probability of reaching it by one")
    if start_year is None or deadline_year <= start_year:
        return Realism(None, None, "due in its pledge year: no years to project over")
    if start_value is None or start_value <= 0 or target is None:
        return Realism(None, None, f"no level in {start_year} to start from")
    first = start_year - WINDOW_YEARS + 1
    rates = growth_window(series, start_year)
    if len(rates) < MIN_RATES:
        return Realism(
            None,
            None,
            f"{len(rates)} annual growth rate{'' if len(rates) == 1 else 's'} in {first}-{start_year} "
            f"(at least {MIN_RATES} needed): no probability",
        )
    horizon = deadline_year - start_year
    p, p_any = reach_probabilities(list(rates.values()), start_value, target, horizon, at_most, n, seed)
    left_out = [year for year in range(first, start_year + 1) if year not in rates]
    note = (
        f"bootstrap of {len(rates)} annual log growth rates of {first}-{start_year} "
        f"({_years(sorted(rates))}"
        + (f"; {_years(left_out)} left out, no data on both ends" if left_out else "")
        + f"; mean {_pct(float(np.mean(list(rates.values()))))} a year), {n:,} paths, seed {seed}, "
        f"{horizon} year{'' if horizon == 1 else 's'} from {start_value:g} ({start_year}) to {deadline_year}: "
        f"{target:g} {'not exceeded' if at_most else 'reached'} at the deadline in {p:.1%} of paths, "
        f"in some year up to it in {p_any:.1%}"
    )
    return Realism(p, p_any, note)


def backtest(records: list[dict], edges: tuple[float, ...] = CALIBRATION_EDGES) -> dict:
    """The Brier score of p_at_pledge against every judged outcome (met 1, missed 0), the score of always
    forecasting the share met (the reference a forecast should beat), and a calibration table: per bin of p
    (the last bin closed), the count, the mean p and the share met (None for an empty bin)."""
    judged = [
        {"target_id": r["target_id"], "p_at_pledge": r["p_at_pledge"], "outcome": JUDGED[r["status"]]}
        for r in records
        if r.get("status") in JUDGED and r.get("p_at_pledge") is not None
    ]
    p = np.array([row["p_at_pledge"] for row in judged], dtype=float)
    outcome = np.array([row["outcome"] for row in judged], dtype=float)
    base_rate = float(outcome.mean()) if judged else None
    bins = []
    for i, (low, high) in enumerate(pairwise(edges)):
        last = i == len(edges) - 2
        inside = (p >= low) & ((p <= high) if last else (p < high))
        count = int(inside.sum())
        bins.append(
            {
                "low": low,
                "high": high,
                "count": count,
                "mean_p": float(p[inside].mean()) if count else None,
                "share_met": float(outcome[inside].mean()) if count else None,
            }
        )
    return {
        "n": len(judged),
        "brier_score": float(np.mean((p - outcome) ** 2)) if judged else None,
        "share_met": base_rate,
        "reference_brier_score": None if base_rate is None else base_rate * (1 - base_rate),
        "calibration": bins,
        "targets": judged,
    }


def _years(years: list[int]) -> str:
    """'1992-1996' for consecutive years, else '1992, 1994'."""
    if years and years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)


def _pct(log_rate: float) -> str:
    """A log growth rate as a signed percentage: '+11.9%'."""
    return f"{(math.exp(log_rate) - 1) * 100:+.1f}%"
