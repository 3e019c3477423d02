"""Benchmark: `bilateral check` on SYNTHETIC Comtrade exports of 2 and 20 million rows, against DuckDB's aggregate."""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _results import add_json_option, entry, write

from dashboard.ingest.header import PLUS_COLUMNS

DESCRIPTION = """Wall time and peak memory of the whole `bilateral check FILE --json` (a process of its own: start-up,
imports, reading, the ledger, the JSON), on Comtrade Plus files of 2 and 20 million rows (about 0.36 and 3.6 GB),
against DuckDB's own aggregate of the same China-Russia totals from the same file (the query alone, in a process of
its own, all cores). Goals: peak memory <= 2 GiB at every size; ratio <= 2 from 20M rows on (issue 13's goal: at 2M
rows the command's fixed cost, about 2 s of start-up, imports and ledger, is most of it). At 2M rows the reference reader
(the one files under LARGE_FILE_BYTES get) is timed too, in-process, beside the engine. Each file is generated from
a fixed seed into a temporary folder (never into datasets/) and deleted after its size is measured; every
description column says SYNTHETIC and no number in it is real. Needs about 4 GB free in the temporary folder.

    .venv/bin/python benchmarks/check_comtrade.py [--rows 2000000 20000000] [--seed 20261128] [--json PATH]"""
GOAL_RATIO, GOAL_BYTES = 2.0, 2 * 2**30
GOAL_RATIO_MIN_ROWS = 20_000_000  # the ratio goal applies from this size on (below it, shown without a goal)
SIZES = (2_000_000, 20_000_000)
REFERENCE_MAX_ROWS = (
    2_000_000  # the reference reader is timed up to this size (at 20M it takes about a minute)
)
BATCH_ROWS = 250_000  # the generator writes this many rows at a time (about 50 MB): its memory stays small
BILATERAL = Path(sys.executable).parent / "bilateral"
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
    `rows` rows of other reporters, partners and HS-6 codes, some of them China-Russia detail rows; written in
    batches, so that 20M rows need no more memory than 250,000."""
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
    codes = rng.integers(10**5, 10**6, HS6_CODES)
    with path.open("wb") as handle:
        handle.write((",".join(PLUS_COLUMNS) + "\n" + "".join(lines)).encode("utf-8"))
        left = rows - len(lines)
        while left > 0:
            n = min(BATCH_ROWS, left)
            left -= n
            handle.write(
                _annual_rows(
                    rng.integers(2000, 2025, n),
                    rng.choice(REPORTERS, n),
                    rng.choice([0, *REPORTERS], n),
                    rng.choice(["M", "X"], n),
                    rng.choice(codes, n),
                    rng.integers(10**3, 10**10, n),
                )
            )


def _annual_rows(years, reporters, partners, flows, codes, values) -> bytes:
    """Annual rows as `_row` writes them (month 52), built by pyarrow: the joined strings' data buffer is the
    CSV text (about 5x faster than formatting each row in Python)."""
    text = [pc.cast(pa.array(a), pa.string()) for a in (years, reporters, partners, flows, codes, values)]
    y, r, p, f, c, v = text
    w = pc.cast(pc.divide(pa.array(values), 1000), pa.string())
    joined = pc.binary_join_element_wise(
        *("C,A,", y, "0101,", y, ",52,", y, ",", r, ",,SYNTHETIC,", f, ",,", p, ",,,0,,,H6,HS,True,", c),
        *(",SYNTHETIC,6,True,C00,,0 ,0,,-1,,0.0,True,-1,,0.0,False,", w, ".0,False,,False,", v, ".0,,", v),
        ".0,0,True,False\n",
        "",  # the separator
    )
    offsets = np.frombuffer(joined.buffers()[1], dtype=np.int32)[
        joined.offset : joined.offset + len(joined) + 1
    ]
    return joined.buffers()[2].to_pybytes()[offsets[0] : offsets[-1]]


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
    """Run one tool on the file in this (fresh) process; its wall time and peak memory."""
    if tool == "cli":  # the whole command as a user runs it; this process only waits for it
        start = time.perf_counter()
        done = subprocess.run(
            [str(BILATERAL), "check", path, "--json"], capture_output=True, text=True, check=False, cwd=ROOT
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"bilateral check exited {done.returncode}: {done.stderr.strip()[-500:]}")
        found = json.loads(done.stdout)["input"]
        # the largest process among those waited for: `bilateral check` (it starts no child of its own; threads)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return _result(
            tool,
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss * 1024,
            f"{found['trade_rows']} trade rows, years {found['years']}",
        )
    if tool in ("engine", "reference"):  # the reader alone, imports done first
        from dashboard.ingest import InputFile, read_trade_input, reader

        reader.LARGE_FILE_BYTES = 0 if tool == "engine" else 1 << 62
        start = time.perf_counter()
        result = read_trade_input(InputFile.from_path(path), "auto")
        summary = f"{len(result.trade)} trade rows, years {result.summary()['years']}"
    else:
        import duckdb

        start = time.perf_counter()
        duckdb.sql(f"SET threads = {os.cpu_count() or 1}")
        summary = f"{len(duckdb.sql(DUCKDB_SQL.format(path=path)).fetchall())} groups"
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)  # CPU of the whole process, imports included
    return _result(tool, seconds, usage.ru_utime + usage.ru_stime, _peak_rss(), summary)


def _result(tool: str, seconds: float, cpu: float, peak: int, summary: str) -> dict:
    """A measurement as plain data."""
    return {"tool": tool, "seconds": seconds, "cpu_seconds": cpu, "peak_bytes": peak, "summary": summary}


def _peak_rss() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from a forking parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run(tool: str, path: Path) -> dict:
    """measure() in a fresh process, so that peak memory is the tool's own."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", tool, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring {tool} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout)


def measure_size(rows: int, seed: int, folder: Path) -> dict:
    """Generate the file, measure every tool on it, delete it."""
    path = folder / f"SYNTHETIC_comtrade_plus_{rows}_rows_seed{seed}.csv"
    start = time.perf_counter()
    generate(path, rows, seed)
    size = path.stat().st_size
    print(
        f"\nSYNTHETIC data: {path.name}, {size / 2**30:.2f} GiB, generated in {time.perf_counter() - start:.0f} s; "
        f"load average {_load()}",
        flush=True,
    )
    tools = ["cli", "duckdb"] + (["engine", "reference"] if rows <= REFERENCE_MAX_ROWS else [])
    try:
        results = {tool: run(tool, path) for tool in tools}
    finally:
        path.unlink()
    print(f"  {'':<44}{'wall':>10}{'CPU':>10}{'peak':>13}")
    for r in results.values():
        print(
            f"  {_label(r['tool']):<44}{r['seconds']:>8.2f} s{r['cpu_seconds']:>8.2f} s"
            f"{r['peak_bytes'] / 2**20:>9,.0f} MiB  {r['summary']}"
        )
    print(f"  load average after: {_load()}", flush=True)
    return {"rows": rows, "bytes": size, "results": results}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--measure", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    add_json_option(parser)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp:
        need = max(args.rows) * 190  # bytes per row, with room
        if shutil.disk_usage(tmp).free < need:
            raise SystemExit(f"{tmp}: {need / 2**30:.1f} GiB free needed for {max(args.rows):,} rows")
        _warm_up(Path(tmp), args.seed)
        sizes = [measure_size(rows, args.seed, Path(tmp)) for rows in args.rows]
    found = [e for size in sizes for e in entries(size)]
    print(f"\n{'figure':<62}{'ours':>12}{'DuckDB':>12}{'ratio':>7}  goal")
    for item in found:
        if item["detail"] and "CPU" not in item["name"]:
            continue
        print(
            f"{item['name']:<62}{item['value']:>10g} {item['unit'][:3]:<3}{item['reference_value']:>8g} "
            f"{item['unit'][:3]:<3}{item['ratio']:>6.2f}  "
            + (f"{item['goal']}: {item['verdict']}" if item["goal"] else "(no goal at this size)")
        )
    print(
        f"{os.cpu_count()} cores; load average at the end {_load()} (other work on the machine slows every tool)"
    )
    write(found, args.json)
    return 0 if all(item["verdict"] != "FAIL" for item in found) else 1


def _warm_up(folder: Path, seed: int) -> None:
    """One small check first, so that no measured run builds the processed tables' cache."""
    path = folder / "SYNTHETIC_warm_up.csv"
    generate(path, 1_000, seed)
    run("cli", path)
    path.unlink()


def entries(size: dict) -> list[dict]:
    """Ours against DuckDB's aggregate of the same file: wall time (ratio goal) and peak memory (goal)."""
    results, rows = size["results"], size["rows"]
    name = f"bilateral check, {rows / 1e6:g}M-row SYNTHETIC Comtrade file ({size['bytes'] / 2**30:.2f} GiB)"
    cli, duck = results["cli"], results["duckdb"]
    found = [
        entry(
            "check",
            f"{name}: wall time",
            cli["seconds"],
            "s",
            _label("duckdb"),
            duck["seconds"],
            ratio_goal_max=GOAL_RATIO if rows >= GOAL_RATIO_MIN_ROWS else None,
        ),
        entry(
            "check",
            f"{name}: peak memory",
            cli["peak_bytes"] / 2**20,
            "MiB",
            _label("duckdb"),
            duck["peak_bytes"] / 2**20,
            goal_max=GOAL_BYTES / 2**20,
        ),
        entry(  # less sensitive than wall time to other work on the machine
            "check",
            f"{name}: CPU time",
            cli["cpu_seconds"],
            "s",
            _label("duckdb"),
            duck["cpu_seconds"],
            detail=True,
        ),
    ]
    if "engine" in results:
        engine, reference = results["engine"], results["reference"]
        for what, unit, scale in (("seconds", "s", 1), ("peak_bytes", "MiB", 2**20)):
            found.append(
                entry(
                    "check",
                    f"{name}: reader alone, {'wall time' if unit == 's' else 'peak memory'}",
                    engine[what] / scale,
                    unit,
                    _label("reference"),
                    reference[what] / scale,
                    detail=True,
                )
            )
    return found


def _label(tool: str) -> str:
    """The row label of a tool."""
    return {
        "cli": "bilateral check FILE --json (whole process)",
        "duckdb": f"DuckDB aggregate ({os.cpu_count()} threads)",
        "engine": "reader alone: block engine",
        "reference": "reader alone: reference reader",
    }[tool]


def _load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
