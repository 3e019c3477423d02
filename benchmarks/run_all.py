"""`make bench`: run every benchmark script, collect their entries into benchmarks/results.json, print a table.

Run: .venv/bin/python benchmarks/run_all.py [--only NAME ...] [--soak-seconds 15] [--out PATH]
Each script under benchmarks/ (not starting with "_") runs in its own process with `--json FILE`, prints its own
table, and writes its entries there; a script that fails is reported in one line (the step, the page, the reason)
and the others still run.
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
from rich.markup import escape
from rich.table import Table

HERE = Path(__file__).resolve().parent
OUT = HERE / "results.json"
ORDER = (
    "validation",
    "check_comtrade",
    "verify_text",
    "startup",
    "page_weight",
    "interactions",
    "navigation",
    "callbacks",
    "figures",
    "soak",
)
ARGS = {
    "interactions": ["--runs", "10"],
    "navigation": ["--runs", "5"],
    "startup": ["--runs", "5"],
    "callbacks": ["--repeats", "20"],
    "figures": ["--runs", "2"],
}
SCRIPT_TIMEOUT_S = 1800  # no script may run longer than this; each bounds its own load far below it


def scripts() -> list[str]:
    """Every benchmark script's name, in the usual order (slow and noisy last), new ones before the soak."""
    found = sorted(
        path.stem for path in HERE.glob("*.py") if not path.stem.startswith("_") and path.stem != "run_all"
    )
    ordered = [name for name in ORDER if name in found]
    return ordered[:-1] + [name for name in found if name not in ORDER] + ordered[-1:]


def run(name: str, extra: list[str], logs: Path) -> tuple[list[dict], int, float, str | None]:
    """Run one script with --json; its entries, exit code, wall time, and why it failed (None if it did not).

    The script's stdout (its own table) goes to the console as it runs; its stderr goes to `logs`/NAME.stderr and
    is echoed after it ends when it succeeded. A failure is reported in one line: the step, the page and the
    reason the script wrote to its --json file, else the last line of its stderr, never a traceback.
    """
    log = logs / f"{name}.stderr"
    with (
        tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp,
        log.open("w+", encoding="utf-8") as err,
    ):
        path = Path(tmp) / f"{name}.json"
        started = time.perf_counter()
        print(f"\n=== {name} {' '.join(extra)}", flush=True)
        try:
            done = subprocess.run(
                [sys.executable, str(HERE / f"{name}.py"), "--json", str(path), *extra],
                cwd=HERE.parent,
                timeout=SCRIPT_TIMEOUT_S,
                check=False,
                stderr=err,
            )
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = -1
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
        written = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    entries = written if isinstance(written, list) else []
    failure = _failure(written, code, stderr, log)
    if failure:
        print(f"FAILED {name}: {failure}", flush=True)
    elif stderr.strip():
        print(stderr, end="" if stderr.endswith("\n") else "\n", file=sys.stderr, flush=True)
    return entries, code, seconds, failure


def _failure(written, code: int, stderr: str, log: Path) -> str | None:
    """Why a script failed, in one line; None when it exited 0 or 1 (a goal missed) with entries."""
    if isinstance(written, dict) and "failure" in written:
        failure = written["failure"]
        page = f" (page {failure['page']})" if failure.get("page") else ""
        return f"{failure['step']}{page}: {failure['reason']} [stderr: {log}]"
    if code == -1:
        return f"stopped after {SCRIPT_TIMEOUT_S} s [stderr: {log}]"
    if isinstance(written, list) and written and code in (0, 1):
        return None
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    last = lines[-1] if lines else "no output on stderr"
    return f"exit code {code}, {len(written or [])} entries: {last} [stderr: {log}]"


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
    """Run the scripts, write results.json, print the table; exit 1 when a script failed (each named, with why)."""
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
    logs = Path(tempfile.mkdtemp(prefix="bilateral-bench-logs-"))  # each script's stderr, kept for reading
    for name in names:
        found, code, seconds, failure = run(name, extra.get(name, []), logs)
        entries += found
        runs.append(
            {
                "script": name,
                "args": extra.get(name, []),
                "exit_code": code,
                "seconds": round(seconds, 1),
                "entries": len(found),
                "failure": failure,
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
    failed = [done for done in runs if done["failure"]]
    verdicts = [item["verdict"] for item in entries if item["verdict"]]
    console.print(
        f"{len(entries)} entries ({sum(not e['detail'] for e in entries)} shown) written to {args.out}; "
        f"goals: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL"
    )
    for done in failed:
        console.print(f"[red]FAILED[/] {done['script']}: {escape(done['failure'])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
