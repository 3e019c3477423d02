"""report.html as a reader sees it in Chromium: at A4 width in print media (what report.pdf prints), on a phone
(390 px) and on a desktop (1440 px), no table cell breaks a word and nothing overflows the page sideways."""

import struct
import zlib

import pytest

from dashboard import report
from dashboard.processed import build

pytestmark = pytest.mark.slow  # a browser

MM = 96 / 25.4  # CSS pixels per millimetre
A4_TEXT_WIDTH_PX = round(
    (210 - 2 * 13) * MM
)  # A4 portrait less the 13 mm side margins of report_page's @page
VIEWS = {
    "a4-print": ({"width": A4_TEXT_WIDTH_PX, "height": 1000}, "print"),
    "phone": ({"width": 390, "height": 844}, "screen"),
    "desktop": ({"width": 1440, "height": 900}, "screen"),
}
TABLES = "table.ledger td, table.ledger th, table.warnings td, table.warnings th"  # every cell

# Each word (a run of non-space characters, split after a hyphen, where a line may break) whose glyphs sit on
# more than one line: a word broken inside.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(m[0] + ' in "' + cell.textContent.slice(0, 40) + '"');
      }
    }
  }
  return broken;
}"""
# Every element whose box reaches past the right edge of the page, and the page's own scroll width.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 0.5)
    .map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').slice(0, 40));
  return {over: over.slice(0, 10), scroll: document.documentElement.scrollWidth, width};
}"""


def tiny_png() -> bytes:
    """A valid 12x7 grey PNG: stands in for a chart (the page scales every image to its width)."""
    width, height = 12, 7
    raw = b"".join(b"\x00" + b"\xcc" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def report_url(tmp_path_factory):
    """report.html for every figure on the bundled data, images drawn as tiny PNGs (no Kaleido needed)."""
    out = tmp_path_factory.mktemp("layout")
    png = tiny_png()
    report.write_report(
        build(cache_dir=None, as_of_year=2026), out, formats=["png"], exporter=lambda f, fmt: png
    )
    return (out / "report.html").as_uri()


@pytest.fixture
def view(browser, report_url, request):
    """The report in a new page of the given size and media."""
    viewport, media = VIEWS[request.param]
    page = browser.new_page(viewport=viewport)
    page.emulate_media(media=media)
    page.goto(report_url)
    yield page
    page.close()


@pytest.mark.parametrize("view", list(VIEWS), indirect=True)
def test_no_table_cell_breaks_a_word(view):
    assert view.locator("table.ledger tbody tr").count() == 12
    assert view.evaluate(BROKEN_WORDS, TABLES) == []


@pytest.mark.parametrize("view", list(VIEWS), indirect=True)
def test_nothing_overflows_the_page_sideways(view):
    result = view.evaluate(OVERFLOW)
    assert result["over"] == [] and result["scroll"] <= result["width"], result


@pytest.mark.parametrize("view", ["a4-print"], indirect=True)
def test_print_hides_the_navigation_and_keeps_figures_and_rows_whole(view):
    assert view.locator("nav").evaluate("el => getComputedStyle(el).display") == "none"
    styles = view.evaluate(
        """() => ['figure', 'table.ledger tr', 'h2', 'figure img'].map(s => {
             const st = getComputedStyle(document.querySelector(s));
             return [st.breakInside, st.breakAfter, st.width];
           })"""
    )
    assert styles[0][0] == "avoid" and styles[1][0] == "avoid" and styles[2][1] == "avoid"
    assert float(styles[3][2].removesuffix("px")) == pytest.approx(
        A4_TEXT_WIDTH_PX, abs=1
    )  # page-wide images


def test_the_checker_sees_a_broken_word(browser):
    """The measure itself: the old stylesheet (overflow-wrap: anywhere) in a narrow column breaks 'missed'."""
    page = browser.new_page(viewport={"width": 400, "height": 300})
    page.set_content(
        '<table class="ledger" style="width:60px;font-size:16px"><tr>'
        '<td style="overflow-wrap:anywhere;width:20px">missed</td><td>met</td></tr></table>'
    )
    assert page.evaluate(BROKEN_WORDS, TABLES) == ['missed in "missed"']
    page.close()
