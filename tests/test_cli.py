"""The real `bilateral` command, run as a user runs it: exit codes, output, help, and no tracebacks."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import build_parser

pytestmark = pytest.mark.slow  # every test runs the console script in a new process

BILATERAL = Path(sys.executable).parent / "bilateral"
LEDGER_JSON_KEYS = {
    "target_id",
    "measure",
    "unit",
    "pledge_year",
    "deadline",
    "target_value",
    "target_low",
    "target_high",
    "baseline_value",
    "actual_at_deadline",
    "attainment_pct",
    "shortfall",
    "first_reached_year",
    "years_late",
    "required_cagr_pct",
    "actual_cagr_pct",
    "status",
    "notes",
}


def run(*args, cwd=None):
    """Run the installed console script; return (exit code, stdout, stderr)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(BILATERAL), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def test_validate_passes_on_bundled_data_and_lists_warnings():
    code, out, _ = run("validate")
    assert code == 0
    assert "valid" in out and "Consistency warnings" in out
    assert "basis_gap" in out and "2010 turnover" in out  # Russian customs 59.34 against Chinese 55.45


def test_validate_fails_with_a_report_on_a_corrupted_copy(datasets_copy):
    trade_csv = datasets_copy / "trade" / "2026-11-30" / "trade.csv"  # the active version
    lines = trade_csv.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace("1992,turnover,4.63", "1992,turnover,lots", 1)  # line 4
    trade_csv.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run("validate", "--json", "--datasets", str(datasets_copy))
    assert code == 1
    report = json.loads(out)
    trade = next(d for d in report["datasets"] if d["dataset"] == "trade")
    assert not report["valid"] and not trade["valid"]
    assert {"file": str(trade_csv), "line": 4, "column": "value_usd_bn", "value": "lots"}.items() <= next(
        f for f in trade["failures"] if f["line"] == 4
    ).items()
    assert any(f["check"] == "integrity" and "sha256 mismatch" in f["value"] for f in trade["failures"])


def test_validate_repeats_the_schema_checks_only_when_asked(datasets_copy):
    first = json.loads(run("validate", "--json", "--datasets", str(datasets_copy))[1])
    code, _, err = run("validate", "--datasets", str(datasets_copy))
    again = json.loads(run("validate", "--json", "--datasets", str(datasets_copy))[1])
    forced = json.loads(run("validate", "--json", "--no-cache", "--datasets", str(datasets_copy))[1])
    assert first["valid"] and not first["checked_before"]
    assert code == 0 and "the schema checks were not repeated" in err and "--no-cache" in err
    assert again["valid"] and again["checked_before"] and again["warnings"] == first["warnings"]
    assert forced["valid"] and not forced["checked_before"]


def test_targets_prints_the_ledger():
    code, out, _ = run("targets", "--as-of", "2026")
    assert code == 0
    assert "US$20 bn of trade by 2000" in out and "2004 (+4 y)" in out
    assert "trade_20bn_by_2000: first reached 2004" in out
    assert out.count("missed") >= 4 and out.count("met") >= 3


def test_targets_json_has_every_key_and_the_1996_verdict():
    code, out, _ = run("targets", "--json", "--as-of", "2026")
    assert code == 0
    ledger = {row["target_id"]: row for row in json.loads(out)}
    assert all(LEDGER_JSON_KEYS <= set(row) for row in ledger.values())
    pledge = ledger["trade_20bn_by_2000"]
    assert (pledge["actual_at_deadline"], pledge["attainment_pct"], pledge["shortfall"]) == (8.0, 40.0, 12.0)
    assert (pledge["status"], pledge["first_reached_year"], pledge["years_late"]) == ("missed", 2004, 4)
    assert ledger["trade_200bn_by_2024"]["first_reached_year"] == 2023


def test_targets_csv_has_a_row_per_target():
    code, out, _ = run("targets", "--csv", "--as-of", "2026")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and LEDGER_JSON_KEYS <= set(rows[0])
    assert {row["target_id"] for row in rows} >= {"trade_20bn_by_2000", "kilo_submarines_8_by_2007"}


def test_targets_on_the_2002_vintage():
    code, out, _ = run("targets", "--json", "--as-of", "2026", "--version", "trade=2002")
    pledge = next(row for row in json.loads(out) if row["target_id"] == "trade_20bn_by_2000")
    assert code == 0
    assert pledge["baseline_value"] is None  # the article gives no 1996 level
    assert pledge["actual_at_deadline"] == 8.0  # 2000, as the article states it
    assert pledge["first_reached_year"] is None and "not reached by 2001" in pledge["notes"]


@pytest.mark.parametrize(
    "args",
    [
        ("targets", "--version", "trade"),  # no '='
        ("targets", "--version", "trade=1999"),  # no such version
        ("targets", "--version", "tarde=2002"),  # no such dataset
        ("targets", "--json", "--csv"),  # exclusive
        ("frobnicate",),
        (),
    ],
)
def test_usage_errors_exit_2_with_a_message(args):
    code, _, err = run(*args)
    assert code == 2
    assert err.strip()


def test_targets_on_invalid_data_exit_1(datasets_copy):
    active = json.loads((datasets_copy / "catalog.json").read_text(encoding="utf-8"))["active"]["sources"]
    sources = datasets_copy / "sources" / active / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8") + "oops\n", encoding="utf-8")
    code, _, err = run("targets", "--datasets", str(datasets_copy))
    assert code == 1 and "sha256 mismatch" in err and str(sources) in err


def test_every_command_has_help_ending_with_an_example():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"validate", "targets"} <= set(commands)
    for name, command in commands.items():
        assert command.description and command.epilog.startswith(f"example: bilateral {name}")
        code, out, _ = run(name, "--help")
        assert code == 0 and "example:" in out
