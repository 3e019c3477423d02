"""Validation: every bundled dataset, and a 1-million-row SYNTHETIC trade-shaped file, against reading the same CSV.

Run: .venv/bin/python benchmarks/validation.py [--rows 1000000] [--seed 20261128] [--runs 5] [--json PATH]
Bundled: `load_all` as `bilateral validate` runs it (every file read, its size and sha256 checked; the schema checks,
source ids across datasets and consistency warnings read back from the cache when these exact bytes passed them
under this code before) against a plain `pandas.read_csv` of the same active CSVs; and, as a detail, as
`bilateral validate --no-cache` runs it (reading, the pandera schemas, source ids, warnings, every time).
Synthetic: the trade dataset's reader and schema (`read_typed_table` + `validate_table`: every check, lazily; line
numbers only for failures, so none here) on a generated file against `pandas.read_csv` of that file. The file is generated from a fixed
seed into a temporary folder (never into datasets/); its text columns say SYNTHETIC and no number in it is real.
Imports happen before timing; each figure is the median of --runs, the two sides alternating.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _results import add_json_option, entry, run_main, write

from dashboard.catalog import Catalog, DatasetVersion, read_typed_table
from dashboard.pipeline.load import load_all
from dashboard.schemas.trade import MEASURES, REPORTING_BASES
from dashboard.validation import validate_table

YEARS = np.arange(1890, 2101)
BUNDLED_RATIO_GOAL = 5.0  # issue 13: `bilateral validate` work <= 5x reading the same CSVs
SYNTHETIC_RATIO_GOAL = 1.5  # issue 13: read + validate <= 1.5x pandas.read_csv of the same file
COMBINATIONS = len(YEARS) * len(MEASURES) * len(REPORTING_BASES)  # the unique key's other columns


def synthetic_trade(rows: int, seed: int) -> pd.DataFrame:
    """Trade-shaped rows that pass the schema: keys unique, bounds ordered, one preferred row per year and measure."""
    rng = np.random.default_rng(seed)
    i = np.arange(rows)
    value = rng.uniform(0.1, 300.0, rows).round(2)
    bounded = rng.random(rows) < 0.1
    batch = i // COMBINATIONS
    basis = (i // (len(YEARS) * len(MEASURES))) % len(REPORTING_BASES)
    preferred = (batch == 0) & (basis == 0)
    return pd.DataFrame(
        {
            "year": YEARS[i % len(YEARS)],
            "measure": np.asarray(MEASURES)[(i // len(YEARS)) % len(MEASURES)],
            "value_usd_bn": value,
            "value_low_usd_bn": np.where(bounded, (value * 0.9).round(2), np.nan),
            "value_high_usd_bn": np.where(bounded, (value * 1.1).round(2), np.nan),
            "yoy_change_pct": rng.uniform(-50.0, 100.0, rows).round(1),
            "reporting_basis": np.asarray(REPORTING_BASES)[basis],
            "basis_as_reported": "SYNTHETIC",
            "partner": "russia",
            "preferred": np.where(preferred, "true", "false"),
            "preferred_reason": np.where(preferred, "SYNTHETIC: the preferred row", ""),
            "source_id": np.char.add("synthetic-", batch.astype(str)),
            "note": "SYNTHETIC row: not a real figure",
        }
    )


def synthetic_version(folder: Path, rows: int, seed: int) -> DatasetVersion:
    """Write the synthetic CSV and a descriptor like the trade dataset's, pointing at it."""
    active = Catalog().resolve("trade")
    descriptor = copy.deepcopy(active.descriptor)
    name = f"SYNTHETIC_trade_{rows}_rows_seed{seed}.csv"
    descriptor["resources"][0]["path"] = name
    synthetic_trade(rows, seed).to_csv(folder / name, index=False)
    return DatasetVersion("trade", "SYNTHETIC", folder, descriptor)


def timed(work) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def bundled(runs: int) -> tuple[list[float], list[float], list[float], int]:
    """Seconds per run of `load_all` as `validate` runs it (cache warm) and as `--no-cache` does, and of reading
    the same CSVs with pandas; and how many datasets."""
    catalog = Catalog()
    paths = [dataset.csv_path for dataset in catalog.resolve_all().values()]
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-cache-") as cache:
        # warm-up, and a check that the bundled data is valid
        loaded = load_all(catalog, cache_dir=Path(cache))
        if not loaded.ok:
            raise RuntimeError("the bundled datasets do not validate: run `bilateral validate`")
        ours, uncached, plain = [], [], []
        for _ in range(runs):
            ours.append(timed(lambda: load_all(catalog, cache_dir=Path(cache))))
            uncached.append(timed(lambda: load_all(catalog)))
            plain.append(timed(lambda: [pd.read_csv(path) for path in paths]))
    return ours, uncached, plain, len(paths)


def synthetic(rows: int, seed: int, runs: int) -> tuple[list[float], list[float], list[float], int]:
    """Per run: seconds reading the synthetic file as the catalog does, validating it, reading it with pandas."""
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp:
        dataset = synthetic_version(Path(tmp), rows, seed)
        report = validate_table(read_typed_table(dataset, dataset.csv_path.read_bytes()))
        if not report.ok:
            raise RuntimeError(f"the synthetic file fails its schema: {report.failures[:3]}")
        reads, checks, plain = [], [], []
        for _ in range(runs):
            started = time.perf_counter()
            table = read_typed_table(dataset, dataset.csv_path.read_bytes())
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            validate_table(table)
            checks.append(time.perf_counter() - started)
            # freed before the next read, as pandas' frame is (else each read of ours finds less memory)
            del table
            plain.append(timed(lambda: pd.read_csv(dataset.csv_path, low_memory=False)))
        return reads, checks, plain, dataset.csv_path.stat().st_size


def main() -> int:
    """Measure both, print them, write the entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--runs", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    ours_b, uncached_b, plain_b, count = bundled(args.runs)
    reads, checks, plain_s, size = synthetic(args.rows, args.seed, args.runs)
    ours_s = [read + check for read, check in zip(reads, checks)]
    rows, read_csv = (
        f"{args.rows / 1e6:g}M-row SYNTHETIC trade-shaped file",
        "pandas.read_csv of the same file",
    )
    note = f"{size / 2**20:.0f} MiB, seed {args.seed}"
    entries = [
        entry(
            "validation",
            f"`bilateral validate` work (load_all), {count} bundled datasets",
            statistics.median(ours_b),
            "s",
            "pandas.read_csv of the same CSVs",
            statistics.median(plain_b),
            ratio_goal_max=BUNDLED_RATIO_GOAL,
        ),
        entry(
            "validation",
            f"  the same with --no-cache (every schema check again), {count} datasets",
            statistics.median(uncached_b),
            "s",
            "pandas.read_csv of the same CSVs",
            statistics.median(plain_b),
            detail=True,
        ),
        entry(
            "validation",
            f"read + schema-validate a {rows}",
            statistics.median(ours_s),
            "s",
            read_csv,
            statistics.median(plain_s),
            ratio_goal_max=SYNTHETIC_RATIO_GOAL,
            note=note,
        ),
        entry(
            "validation",
            f"  of which reading (typed, pyarrow), {rows}",
            statistics.median(reads),
            "s",
            read_csv,
            statistics.median(plain_s),
            detail=True,
            note=note,
        ),
        entry(
            "validation",
            f"  of which the pandera schema, {rows}",
            statistics.median(checks),
            "s",
            read_csv,
            statistics.median(plain_s),
            detail=True,
            note=note,
        ),
    ]
    print(f"{'figure':80s} {'s':>7s} {'read_csv s':>11s} {'ratio':>6s}   (median of {args.runs})")
    for item in entries:
        print(f"{item['name']:80s} {item['value']:7.3f} {item['reference_value']:11.3f} {item['ratio']:6.1f}")
    write(entries, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(run_main(main))
