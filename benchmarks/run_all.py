"""`make bench`: run every benchmark script, collect their entries into benchmarks/results.json, print a table.

Run: .venv/bin/python benchmarks/run_all.py [--only NAME ...] [--soak-seconds 15] [--out PATH]
Each script under benchmarks/ (not starting with "_") runs in its own process with `--json FILE`, prints its own
table, and writes its entries there; a script that fails to produce entries is reported and the others still run.
Every entry names its reference, measured in the same run, and the ratio to it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
OUT = HERE / "results.json"
ORDER = (
    "validation",
    "check_comtrade",
    "verify_text",
    "startup",
    "page_weight",
    "callbacks",
    "figures",
    "soak",
)
ARGS = {"startup": ["--runs", "3"], "callbacks": ["--repeats", "20"], "figures": ["--runs", "2"]}
SCRIPT_TIMEOUT_S = 1800  # no script may run longer than this; each bounds its own load far below it


def scripts() -> list[str]:
    """Every benchmark script's name, in the usual order (slow and noisy last), new ones before the soak."""
    found = sorted(
        path.stem for path in HERE.glob("*.py") if not path.stem.startswith("_") and path.stem != "run_all"
    )
    ordered = [name for name in ORDER if name in found]
    return ordered[:-1] + [name for name in found if name not in ORDER] + ordered[-1:]


def run(name: str, extra: list[str]) -> tuple[list[dict], int, float]:
    """Run one script with --json; its entries, exit code and wall time."""
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp:
        path = Path(tmp) / f"{name}.json"
        started = time.perf_counter()
        print(f"\n=== {name} {' '.join(extra)}", flush=True)
        try:
            done = subprocess.run(
                [sys.executable, str(HERE / f"{name}.py"), "--json", str(path), *extra],
                cwd=HERE.parent,
                timeout=SCRIPT_TIMEOUT_S,
                check=False,
            )
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = -1
        entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return entries, code, time.perf_counter() - started


def table(entries: list[dict]) -> Table:
    """The summary: every entry not marked as detail."""
    out = Table(title="make bench: each figure against a reference measured in the same run")
    for column, justify in (
        ("benchmark", "left"),
        ("figure", "left"),
        ("value", "right"),
        ("reference", "left"),
        ("ref. value", "right"),
        ("ratio", "right"),
        ("goal", "left"),
        ("verdict", "left"),
    ):
        out.add_column(column, justify=justify, overflow="fold")
    for item in entries:
        if item["detail"]:
            continue
        verdict = {"PASS": "[green]PASS[/]", "FAIL": "[red]FAIL[/]"}.get(item["verdict"], "")
        out.add_row(
            item["benchmark"],
            item["name"],
            f"{item['value']:g} {item['unit']}",
            item["reference"] or "",
            "" if item["reference_value"] is None else f"{item['reference_value']:g} {item['unit']}",
            "" if item["ratio"] is None else f"{item['ratio']:.2f}",
            item["goal"] or "",
            verdict,
        )
    return out


def main() -> int:
    """Run the scripts, write results.json, print the table; exit 1 when a script produced no entries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts")
    parser.add_argument(
        "--soak-seconds", type=float, default=15.0, help="the soak's length here (default: 15)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = [name for name in scripts() if not args.only or name in args.only]
    extra = {**ARGS, "soak": ["--seconds", f"{args.soak_seconds:g}"]}
    entries, runs = [], []
    for name in names:
        found, code, seconds = run(name, extra.get(name, []))
        entries += found
        runs.append(
            {
                "script": name,
                "args": extra.get(name, []),
                "exit_code": code,
                "seconds": round(seconds, 1),
                "entries": len(found),
            }
        )
    args.out.write_text(
        json.dumps(
            {
                "generated": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_average_at_end": round(os.getloadavg()[0], 2),
                    "platform": platform.platform(),
                },
                "runs": runs,
                "entries": entries,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    console = Console(width=200)
    console.print(table(entries))
    failed = [run["script"] for run in runs if not run["entries"]]
    verdicts = [item["verdict"] for item in entries if item["verdict"]]
    console.print(
        f"{len(entries)} entries ({sum(not e['detail'] for e in entries)} shown) written to {args.out}; "
        f"goals: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL"
        + (f"; [red]no entries from: {', '.join(failed)}[/]" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
