"""Benchmark: `bilateral check`'s Comtrade reader on a SYNTHETIC 2-million-row file against DuckDB and pandas."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _results import add_json_option, entry, write

from dashboard.ingest.header import PLUS_COLUMNS

DESCRIPTION = """Time and peak memory of `bilateral check`'s reader on a 2-million-row Comtrade Plus file, against
DuckDB aggregating the same file and a plain pandas.read_csv of all columns, each in its own process. Goal: <= 10 s
and <= 1.5 GiB on 2 cores. The file is generated from a fixed seed into a temporary folder (never into datasets/);
every description column says SYNTHETIC and no number in it is real.

    .venv/bin/python benchmarks/check_comtrade.py [--rows 2000000] [--seed 20261128] [--keep DIR] [--json PATH]"""
GOAL_SECONDS, GOAL_BYTES = 10.0, int(1.5 * 2**30)
ROW = (
    "C,{f},{y}{p:02d}01,{y},{m},{period},{r},,SYNTHETIC,{flow},,{partner},,,{p2},,,H6,HS,True,{cmd},SYNTHETIC,6,"
    "True,C00,,0 ,{mot},,-1,,0.0,True,-1,,0.0,False,{w}.0,False,,False,{v}.0,,{v}.0,0,True,False\n"
)
HS6_CODES = 5_600  # about as many 6-digit codes as the Harmonized System has
REPORTERS = [4, 8, 36, 40, 56, 76, 124, 156, 251, 276, 344, 392, 410, 643, 699, 757, 842]
DUCKDB_SQL = """
SELECT trim(reporterCode) AS reporter, trim(flowCode) AS flow, refYear, refMonth, sum(CAST(primaryValue AS DOUBLE))
FROM read_csv('{path}', all_varchar = true, header = true)
WHERE trim(reporterCode) IN ('156', '643') AND trim(partnerCode) IN ('156', '643')
  AND trim(reporterCode) <> trim(partnerCode) AND trim(cmdCode) = 'TOTAL' AND trim(customsCode) = 'C00'
  AND trim(motCode) = '0' AND trim(partner2Code) = '0' AND trim(flowCode) IN ('M', 'X')
GROUP BY ALL ORDER BY ALL
"""


def generate(path: Path, rows: int, seed: int) -> None:
    """A synthetic Comtrade Plus export: China-Russia totals (annual 2000-2024, 2025 monthly and partial) among
    `rows` rows of other reporters, partners and HS-6 codes, some of them China-Russia detail rows."""
    rng = np.random.default_rng(seed)
    lines = []
    for reporter, partner in ((156, 643), (643, 156)):
        for flow in ("M", "X"):
            for year in range(2000, 2025):
                lines.append(
                    _row(year, 52, reporter, partner, flow, "TOTAL", int(rng.integers(10**9, 10**11)))
                )
            for month in range(1, 10):
                lines.append(
                    _row(2025, month, reporter, partner, flow, "TOTAL", int(rng.integers(10**9, 10**10)))
                )
    n = rows - len(lines)
    years = rng.integers(2000, 2025, n).tolist()
    reporters = rng.choice(REPORTERS, n).tolist()
    partners = rng.choice([0, *REPORTERS], n).tolist()
    codes = rng.choice(rng.integers(10**5, 10**6, HS6_CODES), n).tolist()
    flows = rng.choice(["M", "X"], n).tolist()
    values = rng.integers(10**3, 10**10, n).tolist()
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(",".join(PLUS_COLUMNS) + "\n")
        handle.writelines(lines)
        handle.writelines(
            _row(y, 52, r, p, f, str(c), v)
            for y, r, p, f, c, v in zip(years, reporters, partners, flows, codes, values)
        )


def _row(year, month, reporter, partner, flow, cmd, value) -> str:
    """One synthetic row."""
    return ROW.format(
        f="A" if month == 52 else "M",
        y=year,
        p=1 if month == 52 else month,
        m=month,
        period=year if month == 52 else f"{year}{month:02d}",
        r=reporter,
        flow=flow,
        partner=partner,
        p2=0,
        cmd=cmd,
        mot=0,
        w=value // 1000,
        v=value,
    )


def measure(tool: str, path: str) -> dict:
    """Run one tool on the file in this process (imports done first); time it and report peak memory."""
    if tool == "check":
        from dashboard.ingest import InputFile, read_trade_input

        start = time.perf_counter()
        result = read_trade_input(InputFile.from_path(path), "auto")
        summary = f"{len(result.trade)} trade rows, years {result.summary()['years']}"
    elif tool == "duckdb":
        import duckdb

        start = time.perf_counter()
        duckdb.sql("SET threads = 2")
        summary = f"{len(duckdb.sql(DUCKDB_SQL.format(path=path)).fetchall())} groups"
    else:
        import pandas as pd

        start = time.perf_counter()
        summary = f"{len(pd.read_csv(path))} rows"
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "tool": tool,
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_bytes": _peak_rss(),
        "summary": summary,
    }


def _peak_rss() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from a forking parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run(tool: str, path: Path) -> dict:
    """measure() in a fresh process, so that peak memory is the tool's own."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", tool, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the file here and keep it")
    parser.add_argument("--only-generate", action="store_true", help="write the file (with --keep) and stop")
    parser.add_argument("--measure", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    add_json_option(parser)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp:
        folder = args.keep or Path(tmp)
        path = folder / f"SYNTHETIC_comtrade_plus_{args.rows}_rows_seed{args.seed}.csv"
        start = time.perf_counter()
        generate(path, args.rows, args.seed)
        print(
            f"SYNTHETIC data: {path.name}, {path.stat().st_size / 2**20:,.0f} MiB, generated in "
            f"{time.perf_counter() - start:.1f} s; {os.cpu_count()} cores"
        )
        if args.only_generate:
            return 0
        results = [run(tool, path) for tool in ("check", "duckdb", "pandas")]
    check = results[0]
    print("wall s: the tool's work, imports excluded; CPU s and peak memory: its whole process")
    print(
        f"{'tool':<24}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'time x check':>14}{'memory x check':>16}  result"
    )
    for r in results:
        print(
            f"{_label(r['tool']):<24}{r['seconds']:>8.2f}{r['cpu_seconds']:>8.2f}{r['peak_bytes'] / 2**20:>10,.0f}"
            f"{r['seconds'] / check['seconds']:>14.2f}{r['peak_bytes'] / check['peak_bytes']:>16.2f}  {r['summary']}"
        )
    print(
        f"load average during the run: {os.getloadavg()[0]:.1f} (other work on the machine slows every tool)"
    )
    ok = check["seconds"] <= GOAL_SECONDS and check["peak_bytes"] <= GOAL_BYTES
    print(f"goal <= {GOAL_SECONDS:.0f} s and <= 1.5 GiB: {'met' if ok else 'NOT met'}")
    write(entries(results, args.rows), args.json)
    return 0 if ok else 1


def entries(results: list[dict], rows: int) -> list[dict]:
    """The reader's time and peak memory against DuckDB's and pandas' on the same SYNTHETIC file."""
    check, others = results[0], results[1:]
    name = f"`bilateral check` reader, {rows / 1e6:g}M-row SYNTHETIC Comtrade file"
    found = []
    for other in others:
        found.append(
            entry(
                "check",
                f"{name}: wall time",
                check["seconds"],
                "s",
                _label(other["tool"]),
                other["seconds"],
                goal_max=GOAL_SECONDS,
            )
        )
    for other in others:
        found.append(
            entry(
                "check",
                f"{name}: peak memory",
                check["peak_bytes"] / 2**20,
                "MiB",
                _label(other["tool"]),
                other["peak_bytes"] / 2**20,
                goal_max=GOAL_BYTES / 2**20,
            )
        )
    return found


def _label(tool: str) -> str:
    """The row label of a tool."""
    return {
        "check": "bilateral check reader",
        "duckdb": "duckdb aggregate",
        "pandas": "pandas.read_csv (all)",
    }[tool]


if __name__ == "__main__":
    sys.exit(main())
