"""`bilateral check` and `bilateral datasets` run as a user runs them: the installed console script."""

import json

import pytest

from tests.check.helpers import run, tree_digest
from tests.check.synthetic import TRADE_CSV

pytestmark = pytest.mark.slow  # every test runs the console script in a new process

TRADE_2002 = TRADE_CSV.parent.parent / "2002" / "trade.csv"


def test_check_a_comtrade_export_prints_the_verdict_the_mirror_and_the_changes(export_csv):
    code, out, _ = run("check", export_csv, "--as-of", "2026")
    assert code == 0
    assert "comtrade_plus" in out and "Mirror comparison" in out and "+9.3%" in out
    assert "Target ledger" in out and "Changes against the bundled trade version 2026-11-30" in out
    assert "months 1-9 only" in out


def test_check_json_has_input_ledger_changes_and_warnings_like_targets_json(export_csv):
    code, out, _ = run("check", export_csv, "--json", "--as-of", "2026", "--replace")
    _, targets_out, _ = run("targets", "--json", "--as-of", "2026")
    result, bundled = json.loads(out), json.loads(targets_out)
    assert code == 0 and set(result) == {"input", "ledger", "changes", "warnings"}
    assert [set(row) for row in result["ledger"]] == [set(row) for row in bundled]
    assert result["input"]["file"] == str(export_csv) and result["input"]["format"] == "comtrade_plus"
    status = {
        c["target_id"]: (c["old_status"], c["new_status"]) for c in result["changes"] if c["status_changed"]
    }
    assert status["trade_20bn_by_2000"] == ("missed", "no_observation")  # alone, the export starts in 2019
    assert result["input"]["coverage"]["mode"] == "replace"
    assert all(w["kind"] in ("comtrade", "coverage") for w in result["warnings"])


def test_check_a_native_file_exits_0_whatever_the_verdict():
    code, out, _ = run("check", TRADE_2002, "--json", "--as-of", "2026")
    ledger = {row["target_id"]: row for row in json.loads(out)["ledger"]}
    assert code == 0 and ledger["trade_20bn_by_2000"]["status"] == "missed"


def test_check_usage_errors_exit_2_and_help_has_an_example(tmp_path):
    assert run("check", tmp_path / "missing.csv")[0] == 2
    assert run("check", TRADE_CSV, "--as", "xml")[0] == 2
    code, out, _ = run("check", "--help")
    assert code == 0 and "example: bilateral check" in out and "Comtrade" in out


def test_datasets_add_diff_activate_through_the_script(datasets_copy, tmp_path, bundled_digest):
    revised = tmp_path / "trade_revised.csv"
    revised.write_bytes(TRADE_CSV.read_bytes().replace(b"2025,turnover,228.105,", b"2025,turnover,228.2,", 1))
    code, out, _ = run(
        "datasets",
        "add",
        "trade",
        revised,
        "--version",
        "2027-01-15",
        "--note",
        "2025 revised",
        "--datasets",
        datasets_copy,
    )
    assert code == 0 and "added trade version 2027-01-15: 105 rows" in out
    assert (
        run(
            "datasets",
            "add",
            "trade",
            revised,
            "--version",
            "2027-01-15",
            "--note",
            "again",
            "--datasets",
            datasets_copy,
        )[0]
        == 2
    )
    code, out, _ = run(
        "datasets", "diff", "trade", "2026-11-28", "2027-01-15", "--json", "--datasets", datasets_copy
    )
    diff = json.loads(out)
    assert code == 0 and (diff["added"], diff["removed"]) == ([], [])
    assert diff["changed"][0]["columns"] == [{"column": "value_usd_bn", "old": 228.105, "new": 228.2}]
    before = tree_digest(datasets_copy)
    code, out, _ = run("datasets", "activate", "trade", "2027-01-15", "--datasets", datasets_copy)
    assert code == 0 and "active (was 2026-11-30)" in out
    changed = {k for k, v in tree_digest(datasets_copy).items() if before.get(k) != v}
    assert changed == {"catalog.json"}
    code, out, _ = run("datasets", "list", "--datasets", datasets_copy)
    assert code == 0 and "2027-01-15 *" in out and "2025 revised" in out


def test_datasets_show_diff_of_the_bundled_vintages_and_usage():
    code, out, _ = run("datasets", "diff", "trade", "2002", "2026-11-28")
    assert code == 0 and "100 added, 0 removed, 4 changed" in out and "as the 2002 article states it" in out
    code, out, _ = run("datasets", "show", "trade", "2002")
    assert code == 0 and "Changelog" in out and "value_usd_bn" in out
    assert run("datasets")[0] == 2 and run("datasets", "show", "nothing")[0] == 2
    code, out, _ = run("datasets", "add", "--help")
    assert code == 0 and "example: bilateral datasets add" in out
