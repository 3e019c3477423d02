"""The minimal CSV (a year and one value column), the template, and merge against --replace, through the CLI.

Expected figures come from datasets/trade/2026-11-28/trade.csv (preferred turnover, Chinese customs unless said):
2015 64.2, 2018 107.06, 2020 107.76, 2021 146.887, 2022 190.271, 2023 240.11, 2024 244.81, 2025 228.105."""

from __future__ import annotations

import json

import pytest

from dashboard import cli
from dashboard.catalog import DEFAULT_ROOT
from dashboard.ingest import InputError, InputFile, read_trade_input
from tests.check.helpers import run, tree_digest
from tests.check.synthetic import PLUS_HEADER, plus_row, write


def check_json(capsys, *args) -> tuple[int, dict]:
    """`bilateral check ARGS --json` in this process: exit code and the printed object."""
    code = cli.main(["check", *map(str, args), "--json", "--as-of", "2026"])
    return code, json.loads(capsys.readouterr().out)


def ledger(report: dict) -> dict[str, dict]:
    """The ledger rows by target id."""
    return {row["target_id"]: row for row in report["ledger"]}


@pytest.fixture
def comtrade_2020_2023(tmp_path):
    """A Comtrade Plus export with China's reports for 2020-2023 only (US$ bn, made up near the customs figures):
    turnover 2020 50.58 + 57.18 = 107.76, 2021 67.6 + 79.3 = 146.9, 2022 76.12 + 114.15 = 190.27,
    2023 111.0 + 129.1 = 240.1."""
    flows = {2020: (50.58, 57.18), 2021: (67.6, 79.3), 2022: (76.12, 114.15), 2023: (111.0, 129.1)}
    lines = [PLUS_HEADER]
    for year, (exports, imports) in flows.items():
        lines += [
            plus_row(156, 643, "X", year, value=exports * 1e9),
            plus_row(156, 643, "M", year, value=imports * 1e9),
        ]
    return write(tmp_path / "comtrade_2020_2023.csv", lines)


def test_header_names_are_matched_ignoring_case_and_spaces(tmp_path):
    path = write(tmp_path / "mine.csv", ["Year, Turnover USD bn ", " 2021 , 146.9 ", "2015,100"])
    trade = read_trade_input(InputFile.from_path(path)).trade
    assert trade["measure"].tolist() == ["turnover", "turnover"]
    assert trade["year"].tolist() == [2015, 2021] and trade["value_usd_bn"].tolist() == [100.0, 146.9]
    assert trade["preferred"].all()


def test_trade_in_parentheses_and_exports_are_read(tmp_path):
    trade = read_trade_input(
        InputFile.from_path(write(tmp_path / "t.csv", ["Year,Trade (USD bn)", "2021,147"]))
    ).trade
    assert trade["measure"].tolist() == ["turnover"]
    exports = read_trade_input(
        InputFile.from_path(write(tmp_path / "x.csv", ["YEAR,Exports_USD_bn", "2022,76.12"]))
    )
    assert exports.trade["measure"].tolist() == ["china_exports_to_russia"] and exports.format == "minimal"


def test_a_value_column_takes_measure_and_unit(tmp_path, capsys):
    path = write(tmp_path / "value.csv", ["year,value", "2022,76120"])
    trade = read_trade_input(InputFile.from_path(path), measure="exports", unit="usd_mn").trade
    assert trade["measure"].tolist() == ["china_exports_to_russia"] and trade["value_usd_bn"].tolist() == [
        76.12
    ]
    code, report = check_json(capsys, path)
    assert code == 1 and report["failures"][0]["check"] == "value column"
    assert "--measure" in report["failures"][0]["value"]


def test_thousands_separators_and_suffixes_are_refused_with_file_line_column_and_fix(tmp_path):
    path = write(
        tmp_path / "bad.csv",
        ["year,turnover_usd_bn", '2018,"1,070.6"', "2019,110.75bn", "2020,107.76 billion"],
    )
    with pytest.raises(InputError) as raised:
        read_trade_input(InputFile.from_path(path))
    failures = [(f.file, f.line, f.column, f.check) for f in raised.value.failures]
    assert failures == [
        (str(path), 2, "turnover_usd_bn", "thousands separator"),
        (str(path), 3, "turnover_usd_bn", "unit in value"),
        (str(path), 4, "turnover_usd_bn", "unit in value"),
    ]
    assert "write 1070.6" in raised.value.failures[0].value and "(110.75)" in raised.value.failures[1].value


def test_the_template_is_a_minimal_file_of_the_customs_figures(tmp_path, capsys):
    assert cli.main(["check", "--template"]) == 0
    template = capsys.readouterr().out
    assert template.splitlines()[0] == "year,turnover_usd_bn"
    path = tmp_path / "template.csv"
    path.write_text(template, encoding="utf-8")
    code, report = check_json(capsys, path)
    # 2020-2023 at the Chinese customs figures 107.76, 146.887, 190.271, 240.11: the same verdicts as bundled
    assert code == 0 and report["input"]["format"] == "minimal" and report["changes"] == []
    assert report["input"]["coverage"]["sentence"] == (
        "your 4 years (2020-2023) over the current series 1991-2025 (trade 2026-11-30)"
    )


def test_a_missing_file_argument_is_a_usage_error(capsys):
    assert cli.main(["check"]) == 2
    assert "--template" in capsys.readouterr().err


def test_a_comtrade_file_of_2020_2023_is_merged_and_flips_nothing(capsys, comtrade_2020_2023):
    code, report = check_json(capsys, comtrade_2020_2023)
    assert code == 0 and report["input"]["coverage"]["mode"] == "merge"
    assert report["input"]["coverage"]["replaced_years"] == [2020, 2021, 2022, 2023]
    assert not [c for c in report["changes"] if c["status_changed"]]
    rows = ledger(report)
    # earlier targets keep the bundled figures: 2000 turnover 8.0 (preferred, the 2002 article), 2015 64.2
    assert (
        rows["trade_20bn_by_2000"]["actual_at_deadline"] == 8.0
        and rows["trade_20bn_by_2000"]["status"] == "missed"
    )
    assert rows["trade_100bn_by_2015"]["actual_at_deadline"] == 64.2
    # 2023 from the file: 111.0 + 129.1 = 240.1, 240.1 / 200 = 120.05 %
    in_2023 = rows["trade_200bn_in_2023"]
    assert in_2023["actual_at_deadline"] == pytest.approx(240.1) and in_2023[
        "attainment_pct"
    ] == pytest.approx(120.05)
    # 2024 stays bundled: 244.81
    assert (
        rows["trade_200bn_by_2024"]["actual_at_deadline"] == 244.81
        and rows["trade_200bn_by_2024"]["status"] == "met"
    )


def test_replace_judges_the_file_alone_and_five_targets_lose_their_observation(capsys, comtrade_2020_2023):
    code, report = check_json(capsys, comtrade_2020_2023, "--replace")
    assert code == 0 and report["input"]["coverage"]["mode"] == "replace"
    flipped = {c["target_id"] for c in report["changes"] if c["new_status"] == "no_observation"}
    # deadlines 2000, 2008, 2010 and 2015 fall before the file's years; 2024 after them
    assert flipped == {
        "trade_20bn_by_2000",
        "trade_20bn_in_4_5_years",
        "trade_60_80bn_by_2010",
        "trade_100bn_by_2015",
        "trade_200bn_by_2024",
    }


def test_a_minimal_file_changes_only_its_years(tmp_path, capsys):
    # a counterfactual 2015 of 100: the 2011 pledge of US$100 bn by 2015 becomes met, on time; 2018 unchanged
    path = write(tmp_path / "2015.csv", ["year,turnover_usd_bn", "2015,100"])
    code, report = check_json(capsys, path)
    assert code == 0 and report["input"]["coverage"]["sentence"].startswith("your 1 year (2015) over")
    target = ledger(report)["trade_100bn_by_2015"]
    assert (target["status"], target["actual_at_deadline"], target["first_reached_year"]) == (
        "met",
        100.0,
        2015,
    )
    (change,) = [c for c in report["changes"] if c["status_changed"]]
    assert (change["target_id"], change["old_status"], change["new_status"]) == (
        "trade_100bn_by_2015",
        "missed",
        "met",
    )


@pytest.mark.slow
def test_the_console_script_reads_a_minimal_file_and_stores_nothing(tmp_path):
    before = tree_digest(DEFAULT_ROOT)
    path = write(tmp_path / "mine.csv", ["Year,Turnover USD bn", "2021,146.9", "2022,190.3", "2023,240.1"])
    code, out, _ = run("check", path, "--as-of", "2026")
    assert code == 0 and "your 3 years (2021-2023) over the current series 1991-2025" in out
    code, out, err = run("check", write(tmp_path / "bad.csv", ["year,turnover_usd_bn", "2021,146.9 bn"]))
    assert code == 1 and "line 2, column turnover_usd_bn: unit in value" in err
    assert tree_digest(DEFAULT_ROOT) == before


def test_explain_names_the_basis_each_value_matches_and_its_distance_from_each(tmp_path, capsys):
    """2018: 108.3 is Russian customs' figure (FCS 108.3; also 109: 108.3/109 - 1 = -0.64%; Chinese customs 107.06:
    108.3/107.06 - 1 = +1.16%). 2022: 185 is no basis's level (Chinese customs 190.271: 185/190.271 - 1 = -2.77%)
    and not 'more than 185' (Putin). 2012 (trade 2026-11-30): 88 matches both sourced levels within 0.5%, the
    Ministry of Commerce's 88.16 (88/88.16 - 1 = -0.18%) and the customs' 88.2 (88/88.2 - 1 = -0.23%)."""
    path = write(tmp_path / "mine.csv", ["year,turnover_usd_bn", "2018,108.3", "2022,185", "2012,88"])
    code, report = check_json(capsys, path, "--explain")
    assert code == 0
    rows = {row["year"]: row for row in report["explain"]}
    assert rows[2018]["matches"] == ["Russian customs"]
    assert [(b["label"], b["value_usd_bn"], b["difference_pct"]) for b in rows[2018]["bases"]] == [
        ("Russian customs", 108.3, 0.0),
        ("Russian customs", 109.0, -0.64),
        ("Chinese customs", 107.06, 1.16),
    ]
    assert rows[2022]["matches"] == [] and rows[2022]["bases"][0]["difference_pct"] == -2.77
    (bound,) = rows[2022]["bounds"]
    assert (bound["label"], bound["low_usd_bn"], bound["satisfied"]) == ("official statement", 185.0, False)
    assert rows[2012]["matches"] == ["official statement", "Chinese customs"]
    assert [(b["label"], b["value_usd_bn"], b["difference_pct"]) for b in rows[2012]["bases"]] == [
        ("official statement", 88.16, -0.18),
        ("Chinese customs", 88.2, -0.23),
    ]


def test_explain_names_comtrade_as_reported_by_china(capsys, comtrade_2020_2023):
    """China-reported 2020 turnover 50.58 + 57.18 = 107.76 matches Chinese customs (107.76) exactly and is
    107.76 / 104 - 1 = +3.62% from the 104 Putin stated (Russian statistics implied)."""
    code, report = check_json(capsys, comtrade_2020_2023, "--explain")
    assert code == 0
    row = next(r for r in report["explain"] if (r["year"], r["measure"]) == (2020, "turnover"))
    assert row["your_basis"] == "Comtrade as reported by China" and row["matches"] == ["Chinese customs"]
    assert {b["label"]: b["difference_pct"] for b in row["bases"]} == {
        "Chinese customs": 0.0,
        "official statement": 3.62,
    }
