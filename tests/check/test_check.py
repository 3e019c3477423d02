"""The ledger recomputed with a file's figures, and what changed against the bundled version."""

from dashboard.catalog import Catalog
from dashboard.check import check_file, check_trade, ledger_changes
from dashboard.ingest import InputFile, read_trade_input
from dashboard.processed import build
from dashboard.targets import LEDGER_KEYS, ledger_records
from tests.check.synthetic import TRADE_CSV

TRADE_2002 = TRADE_CSV.parent.parent / "2002" / "trade.csv"


def checked(path, as_of=2026, replace=False):
    return check_trade(
        read_trade_input(InputFile.from_path(path)), Catalog(), as_of, cache_dir=None, replace=replace
    )


def test_the_bundled_file_changes_nothing():
    result = checked(TRADE_CSV)
    assert result.changes == [] and result.ledger == ledger_records(build(as_of_year=2026).derived.ledger)


def test_the_2002_file_with_replace_gives_the_ledger_of_the_2002_vintage():
    result = checked(TRADE_2002, replace=True)
    vintage = ledger_records(
        build(overrides={"trade": "2002"}, as_of_year=2026, cache_dir=None).derived.ledger
    )
    assert result.ledger == vintage and all(set(LEDGER_KEYS) == set(row) for row in result.ledger)


def test_changes_list_status_changes_first_with_old_and_new_values():
    changes = checked(TRADE_2002, replace=True).changes
    flags = [change["status_changed"] for change in changes]
    assert flags == sorted(flags, reverse=True) and flags[0]
    met = next(c for c in changes if c["target_id"] == "trade_20bn_in_4_5_years")
    assert (met["old_status"], met["new_status"]) == ("met", "no_observation")
    assert {"field": "actual_at_deadline", "old": 56.83, "new": None} in met["fields"]
    energy = {c["target_id"] for c in changes}
    assert "power_of_siberia_38bcm_a_year" not in energy  # only trade figures are replaced


def test_a_comtrade_export_is_judged_and_reported_in_json_form(export_csv):
    result = checked(export_csv).as_dict()
    assert set(result) == {"input", "ledger", "changes", "warnings"}
    ledger = {row["target_id"]: row for row in result["ledger"]}
    assert (
        ledger["trade_200bn_in_2023"]["status"] == "met"
        and ledger["trade_200bn_in_2023"]["actual_at_deadline"] == 240
    )
    assert result["input"]["format"] == "comtrade_plus" and result["input"]["mirror"]
    assert result["input"]["compared_with"]["trade"] == "2026-11-30"


def test_ledger_changes_ignores_unchanged_targets():
    row = {"target_id": "t", "title": "T", **{key: 1 for key in ("status", "actual_at_deadline")}}
    full = {key: None for key in LEDGER_KEYS} | row
    assert ledger_changes([full], [full]) == []
    moved = full | {"status": "met"}
    assert ledger_changes([full], [moved])[0]["status_changed"]


def test_unknown_sources_and_missing_turnover_are_warnings_not_failures(tmp_path):
    lines = TRADE_CSV.read_text(encoding="utf-8").splitlines()
    exports_only = [lines[0]] + [
        line.replace("trade-", "mine-", 1) for line in lines[1:] if ",china_exports_to_russia," in line
    ]
    path = tmp_path / "exports.csv"
    path.write_text("\n".join(exports_only) + "\n", encoding="utf-8")
    result = check_file(InputFile.from_path(path), as_of_year=2026, replace=True)
    kinds = {w.kind for w in result.warnings}
    assert {"unresolved_source", "coverage"} <= kinds
    assert {row["status"] for row in result.ledger if row["measure"] == "trade_turnover_usd_bn"} == {
        "no_observation"
    }
    merged = check_file(InputFile.from_path(path), as_of_year=2026)  # the bundled turnover stays
    assert "coverage" not in {w.kind for w in merged.warnings} and not merged.changes


def test_the_comparison_with_every_sourced_basis_is_worked_out_only_when_asked_for(export_csv, monkeypatch):
    import dashboard.check as check_module

    calls = []
    real = check_module.explain
    monkeypatch.setattr(check_module, "explain", lambda *a: calls.append(1) or real(*a))
    result = checked(export_csv)
    assert "explain" not in result.as_dict() and calls == []
    explained = result.as_dict(with_explain=True)["explain"]
    assert explained == result.explained and calls == [1]  # worked out once, then kept
    assert {row["year"] for row in explained} == {int(y) for y in result.input.trade["year"]}
