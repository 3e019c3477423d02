"""The trade page's upload in a real browser: a good file gives the recomputed ledger and the overlay, a bad one
its report."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from dashboard.app.upload import MAX_UPLOAD_BYTES
from dashboard.app.upload_view import UPLOAD_CHART
from dashboard.catalog import Catalog
from tests.browser.helpers import chart

ROOT = Path(__file__).resolve().parent.parent
TRADE_2002 = ROOT.parent / "datasets" / "trade" / "2002" / "trade.csv"
LATIN1 = ROOT / "corpus" / "files" / "latin1.csv"
PICKER = "#trade-upload input[type=file]"
TRACES_JS = f"""() => document.querySelector("[data-chart='{UPLOAD_CHART}'] .js-plotly-plot")._fullData
    .map(t => [t.name, Array.from(t.x).filter((x, i) => t.y[i] !== null)])"""


def upload(page, name: str, data: bytes) -> None:
    """Choose a file in the upload's own file input, as a person picking it would."""
    page.set_input_files(PICKER, files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def test_a_good_file_shows_the_recomputed_ledger_and_the_overlay(page, base_url_app, console_errors):
    page.goto(base_url_app + "/trade")
    expect(page.get_by_role("heading", name="Check your own trade figures")).to_be_visible(timeout=20_000)
    # judged alone (not merged over the current series): the 2002 article's five figures are the whole series
    page.get_by_label("Judge my series alone (do not merge it over the bundled years)").check()
    upload(page, "article_2002.csv", TRADE_2002.read_bytes())
    expect(page.locator(".upload-accepted")).to_contain_text(
        "article_2002.csv passed validation", timeout=20_000
    )
    first_change = page.locator(".upload-changes tbody tr").first
    expect(first_change).to_contain_text("US$20 bn of trade in 4-5 years (2003)")
    expect(first_change).to_contain_text("met")
    expect(first_change).to_contain_text("no data")
    expect(page.locator(".upload-ledger tbody tr")).to_have_count(12)
    chart(page, UPLOAD_CHART)
    traces = dict(page.evaluate(TRACES_JS))
    assert traces["Uploaded: article_2002.csv (used for the ledger)"] == [1993, 1999, 2000, 2001]
    active = Catalog().active_versions()["trade"]  # the version the catalog pins, not a date written here
    assert min(traces[f"Bundled turnover (trade {active})"]) == 1991
    expect(
        page.locator(f"[data-chart='{UPLOAD_CHART}'] .legendtext").filter(
            has_text="Uploaded: article_2002.csv"
        )
    ).to_have_count(1)
    expect(page.locator("#error-alert")).to_have_count(0)
    assert console_errors == []


def test_a_bad_file_shows_its_report_with_line_and_column(page, base_url_app, console_errors):
    page.goto(base_url_app + "/trade")
    upload(page, "latin1.csv", LATIN1.read_bytes())
    row = page.locator(".upload-report tbody tr").first
    expect(row).to_contain_text("latin1.csv", timeout=20_000)
    cells = row.locator("td")
    expect(cells.nth(1)).to_have_text("3")
    expect(cells.nth(2)).to_have_text("note")
    expect(cells.nth(3)).to_have_text("encoding")
    expect(cells.nth(4)).to_contain_text("0xE9")
    expect(page.locator(".upload-refused")).to_contain_text("Nothing was stored")

    upload(page, "big.csv", b"x" * (MAX_UPLOAD_BYTES + 1024))  # a second file replaces the first one's report
    expect(page.locator(".upload-report tbody tr").first).to_contain_text(
        "too large to check here", timeout=20_000
    )
    expect(page.locator(".upload-report tbody tr")).to_have_count(1)
    assert "Traceback" not in page.content()
    assert console_errors == []
