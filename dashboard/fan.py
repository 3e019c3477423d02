"""Where a series may go: quantiles, year by year, of the bootstrap `dashboard.realism` uses for p_at_pledge.

The same method and window, from a different start: the annual log growth rates of the WINDOW_YEARS years up to
and including the last observed year (each rate only where both ends have data; fewer than MIN_RATES, no fan),
drawn with replacement into N_PATHS paths (seed SEED) compounded from the last observed level. Nothing is
re-implemented here: the window and the paths are realism's own public functions. Pure numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dashboard.realism import MIN_RATES, N_PATHS, SEED, WINDOW_YEARS, growth_window, simulate

HORIZON_YEARS = 10
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
MEDIAN = 0.5


@dataclass(frozen=True)
class Fan:
    """The quantile paths of a bootstrap from (start_year, start_value): `levels[q][k]` is quantile q of the
    paths' level in years[k] (years[0] is the start year itself, where every path is at start_value)."""

    start_year: int
    start_value: float
    rates: dict[int, float]  # the window's annual log growth rates by year
    years: list[int]
    levels: dict[float, list[float]]
    n: int
    seed: int

    @property
    def window(self) -> tuple[int, int]:
        """The first and last year of the window the rates come from."""
        return self.start_year - WINDOW_YEARS + 1, self.start_year

    @property
    def mean_growth_pct(self) -> float:
        """The window's mean log growth as a yearly % change (+11.9)."""
        return (math.exp(float(np.mean(list(self.rates.values())))) - 1) * 100

    def median_reaches(self, target: float) -> int | None:
        """The first year whose median level meets `target` (half the paths are at or above it that year), or
        None within the horizon."""
        return next((y for y, v in zip(self.years, self.levels[MEDIAN]) if v >= target), None)

    def share_at_end(self, target: float) -> float:
        """The share of paths at or above `target` in the horizon's last year (the same seeded paths again)."""
        paths = simulate(list(self.rates.values()), self.start_value, len(self.years) - 1, self.n, self.seed)
        return float((paths[:, -1] >= target).mean())


def fan(
    series: dict[int, float],
    horizon: int = HORIZON_YEARS,
    quantiles: tuple[float, ...] = QUANTILES,
    n: int = N_PATHS,
    seed: int = SEED,
) -> Fan | None:
    """The fan of `series` from its last year with a positive level, `horizon` years ahead; None where the
    window has fewer than MIN_RATES growth rates (realism's rule)."""
    observed = [year for year, value in series.items() if value is not None and value > 0]
    if not observed:
        return None
    start = max(observed)
    rates = growth_window(series, start)
    if len(rates) < MIN_RATES:
        return None
    paths = simulate(list(rates.values()), float(series[start]), horizon, n, seed)
    levels = {
        q: [float(series[start])] + [float(v) for v in np.quantile(paths, q, axis=0)] for q in quantiles
    }
    return Fan(start, float(series[start]), rates, list(range(start, start + horizon + 1)), levels, n, seed)
