"""The trade page's upload, its callback called directly: the corpus gives its reports, good files give a ledger."""

from __future__ import annotations

import base64
import builtins
import json
import os
from pathlib import Path

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard.app import create_app, ids
from dashboard.app.callbacks.upload import check_upload, decode_contents, upload_failed
from dashboard.app.pages import PAGES, chart_layout
from dashboard.app.upload import BASE64_MARGIN_BYTES, MAX_UPLOAD_BYTES, PICKER_MAX_BYTES
from dashboard.app.upload_view import changes_table
from dashboard.catalog import DEFAULT_ROOT
from dashboard.errors import IntegrityError
from tests.app.conftest import SPECS
from tests.check.helpers import tree_digest
from tests.check.synthetic import (
    LEGACY_HEADER,
    PLUS_HEADER,
    TRADE_CSV,
    comtrade_export_lines,
    legacy_row,
    plus_row,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
TRADE_2002 = TRADE_CSV.parent.parent / "2002" / "trade.csv"
TRADE_PAGE = next(page for page in PAGES if page.key == "trade")
WRITE_MODES = set("wax+")


def data_url(raw: bytes, mime: str = "text/csv") -> str:
    """What dcc.Upload sends: the file as a base64 data URL."""
    return f"data:{mime};base64," + base64.b64encode(raw).decode("ascii")


def find(component, kind) -> list:
    """Every component of a type in a layout tree."""
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found += find(child, kind)
    return found


def table_rows(shown: list, class_name: str) -> list[list]:
    """The cells' children of every body row of the table with `class_name`."""
    (table,) = [t for t in find(html.Div(shown), dbc.Table) if class_name in t.class_name]
    body = table.children[1]
    return [[cell.children for cell in row.children] for row in body.children]


def report(shown: list) -> list[dict]:
    """The refused file's report as dicts (file, line, column, check, value)."""
    keys = ("file", "line", "column", "check", "value")
    return [dict(zip(keys, cells)) for cells in table_rows(shown, "upload-report")]


def matches(row: dict, name: str, expected: dict) -> bool:
    """The report row names the file, the expected line and column, the check and every message fragment."""
    return (
        row["file"] == name
        and row["line"] == ("–" if expected["line"] is None else str(expected["line"]))
        and row["column"] == (expected["column"] or "–")
        and row["check"].startswith(expected["check"])
        and all(fragment in row["value"] for fragment in expected["fragments"])
    )


def figure_of(shown: list) -> dict:
    """The overlay chart's figure."""
    (graph,) = find(html.Div(shown), dcc.Graph)
    return graph.figure


@pytest.fixture(scope="module", autouse=True)
def bundled_digest() -> dict[str, str]:
    """sha256 of every file under datasets/ before the first upload of this module."""
    return tree_digest(DEFAULT_ROOT)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_corpus_file_is_refused_with_its_message(data, name):
    shown = check_upload(data, data_url((CORPUS / "files" / name).read_bytes()), name)
    rows = report(shown)
    assert any(matches(row, name, EXPECTED[name]) for row in rows), rows
    assert "was not accepted" in str(shown[0].children) and "Traceback" not in str(shown)


def test_a_good_native_file_gives_the_ledger_with_status_changes_first(data, loader):
    shown = check_upload(data, data_url(TRADE_2002.read_bytes()), "article_2002.csv", replace=True)
    assert "passed validation" in str(shown[0].children) and "Nothing was stored" in str(shown[0].children)
    ledger = table_rows(shown, "upload-ledger")
    assert len(ledger) == len(loader(None).derived.ledger)
    changes = table_rows(shown, "upload-changes")
    first = changes[0]
    assert first[0] == "US$20 bn of trade in 4-5 years (2003)" and " → " in first[1]
    assert first[1][0].children == "✓ met" and first[1][2].children == "? no data"
    assert "actual at deadline: 56.83 → n/a" in first[2]
    flags = [" → " in cells[1] for cells in changes]
    assert flags == sorted(flags, reverse=True)


def test_the_uploaded_series_is_drawn_over_the_bundled_one(data):
    figure = figure_of(check_upload(data, data_url(TRADE_2002.read_bytes()), "article_2002.csv"))
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert set(traces) == {
        "Bundled turnover (trade 2026-11-30)",
        "Uploaded: article_2002.csv (used for the ledger)",
    }
    uploaded = traces["Uploaded: article_2002.csv (used for the ledger)"]
    assert [x for x, y in zip(uploaded["x"], uploaded["y"]) if y is not None] == [1993, 1999, 2000, 2001]
    assert min(traces["Bundled turnover (trade 2026-11-30)"]["x"]) == 1991


def test_the_bundled_file_itself_changes_nothing(data):
    shown = check_upload(data, data_url(TRADE_CSV.read_bytes()), "trade.csv")
    assert "No target changes" in str(shown)
    assert {cells[-1] for cells in table_rows(shown, "upload-ledger")} == {"unchanged"}


def test_changed_figures_read_as_words_and_year_runs():
    change = {
        "target_id": "t",
        "title": "T",
        "status_changed": False,
        "old_status": "missed",
        "new_status": "missed",
        "fields": [
            {"field": "attainment_pct", "old": 53.875, "new": 54.0},
            {"field": "gap_years", "old": [], "new": [2012, 2014, 2015, 2016]},
        ],
    }
    (cells,) = table_rows([changes_table([change])], "upload-changes")
    assert cells[2] == "attainment %: 53.88 → 54; gap years: none → 2012, 2014–2016"


def test_a_comtrade_export_gives_a_ledger_and_both_reporters(data):
    raw = ("\n".join(comtrade_export_lines()) + "\n").encode()
    shown = check_upload(data, data_url(raw), "comtrade.csv")
    assert "comtrade_plus" in str(shown[0].children)
    ledger = {cells[0]: cells for cells in table_rows(shown, "upload-ledger")}
    met = ledger["US$200 bn of trade in 2023"]
    assert met[6].children == "✓ met" and met[3] == "US$240 bn (2023)"
    names = [trace["name"] for trace in figure_of(shown)["data"]]
    assert "Uploaded: comtrade.csv (used for the ledger)" in names
    assert "Uploaded: comtrade.csv (other rows, not used)" in names  # Russia's mirror figures, drawn apart


def test_a_legacy_comtrade_export_is_read_too(data):
    lines = [legacy_row(year=2019, flow=2, value=49.5e9), legacy_row(year=2019, flow=1, value=61e9)]
    shown = check_upload(data, data_url(("\n".join([LEGACY_HEADER, *lines]) + "\n").encode()), "legacy.csv")
    assert "passed validation" in str(shown[0].children) and "comtrade_legacy" in str(shown[0].children)


def test_the_real_comtrade_sample_is_refused_naming_what_it_holds(data, source_pack):
    sample = source_pack / "raw" / "comtrade_plus_format_sample_laureleallen.csv"
    shown = check_upload(data, data_url(sample.read_bytes()), sample.name)
    (row,) = report(shown)
    assert row["check"] == "China-Russia rows" and "partners 842 USA" in row["value"]


def test_a_comtrade_file_of_detail_rows_only_says_why(data):
    lines = [PLUS_HEADER, plus_row(cmd="27"), plus_row(flow="M", cmd="27")]
    (row,) = report(check_upload(data, data_url(("\n".join(lines) + "\n").encode()), "detail.csv"))
    assert row["check"] == "China-Russia totals" and "cmdCode" in row["value"]


def test_an_oversize_file_gets_a_message_and_is_not_decoded(data, monkeypatch):
    monkeypatch.setattr(base64, "b64decode", lambda *a, **k: pytest.fail("an oversize upload was decoded"))
    (row,) = report(check_upload(data, data_url(b"x" * (MAX_UPLOAD_BYTES + 100)), "big.csv"))
    assert row["check"] == "file size" and "bilateral check FILE" in row["value"] and row["file"] == "big.csv"


def test_a_file_at_the_limit_is_read():
    assert len(decode_contents(data_url(b"a" * MAX_UPLOAD_BYTES), "full.csv")) == MAX_UPLOAD_BYTES


def test_damaged_or_empty_uploads_get_a_message(data):
    (row,) = report(check_upload(data, "data:text/csv;base64,@@not base64@@", "damaged.csv"))
    assert row["check"] == "upload" and "damaged" in row["value"]
    (row,) = report(check_upload(data, "data:", "empty.csv"))  # what a browser sends for a 0-byte file
    assert row["check"] == "empty file"
    rows = report(check_upload(data, data_url(b"year\n", "application/octet-stream"), None))
    assert rows and {row["file"] for row in rows} == {"upload.csv"}  # no file name: a default one


def test_nothing_to_check_changes_nothing(data):
    with pytest.raises(PreventUpdate):
        check_upload(data, None, None)


def test_an_unexpected_failure_shows_a_message_not_a_traceback(caplog):
    alert, contents = upload_failed(RuntimeError("secret internals"))
    assert contents is None and "internal error (RuntimeError)" in alert.children
    assert "secret internals" not in alert.children and "Traceback" not in alert.children
    assert "upload check failed" in caplog.text
    alert, _ = upload_failed(IntegrityError("trade 2026-11-28: sha256 mismatch"))
    assert "sha256 mismatch" in alert.children


def test_the_trade_page_has_the_upload_card_and_other_pages_do_not(data):
    uploads = find(chart_layout(data, TRADE_PAGE), dcc.Upload)
    assert [u.id for u in uploads] == [ids.UPLOAD] and uploads[0].max_size == PICKER_MAX_BYTES
    assert not uploads[0].multiple
    other = next(page for page in PAGES if page.key == "arms")
    assert find(chart_layout(data, other), dcc.Upload) == []


def test_the_server_accepts_what_the_picker_sends_and_refuses_more(loader):
    app = create_app(loader, specs=SPECS)
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert MAX_UPLOAD_BYTES <= PICKER_MAX_BYTES and PICKER_MAX_BYTES * 4 // 3 + BASE64_MARGIN_BYTES <= limit
    client = app.server.test_client()
    body = upload_request(data_url((CORPUS / "files" / "latin1.csv").read_bytes()), "latin1.csv")
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[ids.UPLOAD]["contents"] is None  # the page does not keep the file
    assert "0xE9" in json.dumps(answer[ids.UPLOAD_RESULT]) and "Traceback" not in response.get_data(
        as_text=True
    )
    big = upload_request(data_url(b"x" * (limit * 3 // 4 + 1)), "huge.csv")
    assert client.post("/_dash-update-component", json=big).status_code == 413


def upload_request(contents: str, filename: str) -> dict:
    """The body Dash's renderer posts when the picker's contents change."""
    return {
        "output": f"..{ids.UPLOAD_RESULT}.children...{ids.UPLOAD}.contents..",
        "outputs": [
            {"id": ids.UPLOAD_RESULT, "property": "children"},
            {"id": ids.UPLOAD, "property": "contents"},
        ],
        "inputs": [{"id": ids.UPLOAD, "property": "contents", "value": contents}],
        "changedPropIds": [f"{ids.UPLOAD}.contents"],
        "state": [
            {"id": ids.UPLOAD, "property": "filename", "value": filename},
            {"id": ids.UPLOAD_REPLACE, "property": "value", "value": False},
        ],
    }


def test_a_check_writes_no_file_anywhere(data, monkeypatch):
    data.load(None)  # the bundled tables are loaded (and cached) before the upload
    raw = data_url(TRADE_2002.read_bytes())

    def no_writes(opener):
        def guarded(file, mode="r", *args, **kwargs):
            assert not WRITE_MODES & set(str(mode)), f"an upload opened {file!r} for writing"
            return opener(file, mode, *args, **kwargs)

        return guarded

    def no_os_writes(path, flags, *args, **kwargs):
        assert not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT), f"an upload opened {path!r} for writing"
        return real_os_open(path, flags, *args, **kwargs)

    real_os_open = os.open
    monkeypatch.setattr(builtins, "open", no_writes(builtins.open))
    monkeypatch.setattr(os, "open", no_os_writes)
    assert "passed validation" in str(check_upload(data, raw, "article_2002.csv")[0].children)


def test_datasets_are_unchanged_after_every_upload(bundled_digest):
    """Runs last in this module: every file under datasets/ has the sha256 it had before the first upload."""
    assert tree_digest(DEFAULT_ROOT) == bundled_digest


def test_a_minimal_file_is_merged_over_the_bundled_years_unless_replace_is_ticked(data):
    """A counterfactual 2015 of US$100 bn: merged, the 2011 pledge of 100 bn by 2015 turns met (bundled 2015 is
    64.2, Chinese customs) and nothing else moves; alone, every trade target without a 2015 figure loses it."""
    raw = b"Year, Turnover USD bn \n2015,100\n"
    merged = check_upload(data, data_url(raw), "mine.csv")
    assert "your 1 year (2015) over the current series 1991-2025" in str(merged[0].children)
    changes = table_rows(merged, "upload-changes")
    assert [cells[0] for cells in changes] == ["US$100 bn of trade by 2015"]
    alone = check_upload(data, data_url(raw), "mine.csv", replace=True)
    assert "your 1 year (2015) alone" in str(alone[0].children)
    assert len(table_rows(alone, "upload-changes")) > 1


def test_the_upload_card_offers_the_template_and_the_replace_box():
    from urllib.parse import unquote

    from dashboard.app.upload import upload_card

    card = upload_card()
    (link,) = [a for a in find(card, html.A) if a.download]
    assert unquote(link.href.partition(",")[2]).splitlines()[0] == "year,turnover_usd_bn"
    assert [box.id for box in find(card, dbc.Checkbox)] == [ids.UPLOAD_REPLACE]


def test_each_uploaded_value_says_on_whose_figures_it_holds(data):
    # The 2002 article's 1999 turnover, 5.9, against the sourced 1999 levels: Chinese customs 5.72 (+3.15%, no
    # match at 0.5%) and 5.7; its 2000 figure, 8.0, matches the official statement of 8.0 (0.00%).
    shown = check_upload(data, data_url(TRADE_2002.read_bytes()), "article_2002.csv")
    rows = {cells[0]: cells for cells in table_rows(shown, "upload-explain")}
    assert rows["1999"][2] == "US$5.9 bn" and "Chinese customs US$5.72 bn (+3.15%)" in rows["1999"][4]
    assert "Official statement" in rows["2000"][3] or "official statement" in rows["2000"][3]
