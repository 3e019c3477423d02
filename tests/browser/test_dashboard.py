"""The dashboard in a real browser (Debian's Chromium): what a person sees and can do."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from playwright.sync_api import expect

from dashboard.app.pages import PAGES
from dashboard.catalog import DEFAULT_ROOT
from dashboard.figures.registry import registered
from tests.browser.helpers import (
    chart,
    drag_across_years,
    plotted_points,
    point_position,
    slider_years,
    x_range,
    year_ticks,
)

VINTAGE = "[id*='data-choice'][id*='vintage']"
TRADE_VERSION = "[id*='data-choice'][id*='trade']"


def _apply(page, select: str) -> None:
    """Press the Apply button beside a data choice's select."""
    page.locator(".input-group").filter(has=page.locator(select)).get_by_role("button", name="Apply").click()


def test_every_page_loads_without_console_errors(page, base_url_app, console_errors):
    """Each page shows every registered figure in its frame: a heading in words, the chart, the four tabs and the
    data it rests on in plain words; no console error."""
    specs = registered()
    for entry in PAGES:
        page.goto(base_url_app + entry.path)
        names = [spec.name for spec in specs.values() if spec.page == entry.key]
        expect(page.locator("#_pages_content .js-plotly-plot")).to_have_count(len(names), timeout=20_000)
        expect(page.locator(".chart-card .chart-title")).to_have_count(len(names))
        for title in page.locator(".chart-card .chart-title").all_inner_texts():
            assert title.strip() and "_" not in title
        for tab in ("Chart", "Table", "Sources", "Download"):
            expect(page.get_by_role("tab", name=tab, exact=True)).to_have_count(len(names))
        expect(page.locator("#error-alert")).to_have_count(0)
        if names:
            expect(page.get_by_text("Each checked against its schema and checksum").first).to_be_visible()
        else:  # a page of tables (the 2002 claims) or a form (check a text)
            expect(page.locator("#_pages_content h1")).to_be_visible()
    assert console_errors == []


def test_box_select_on_trade_chart_sets_the_years_of_the_arms_chart(page, base_url_app, console_errors):
    """Dragging across 2000-2010 on the trade chart sets the app's years; the arms page then shows 2000-2010."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    drag_across_years(page, "trade_pledges", 1999.6, 2010.4)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2010")
    assert slider_years(page) == (2000, 2010)

    arms = page.locator("nav").get_by_role("link", name="Arms", exact=True)
    expect(arms).to_have_attribute("href", "/arms?from=2000&to=2010")
    arms.click()
    expect(page).to_have_url(f"{base_url_app}/arms?from=2000&to=2010")
    chart(page, "arms_tiv")
    expect(page.get_by_role("heading", name="Arms", exact=True)).to_be_visible()
    assert x_range(page, "arms_tiv") == [1999.5, 2010.5]
    ticks = year_ticks(page, "arms_tiv")
    assert ticks and min(ticks) >= 2000 and max(ticks) <= 2010
    assert console_errors == []


def test_clicking_a_target_in_the_ledger_opens_its_chart_highlighted(page, base_url_app, console_errors):
    """The 1996 pledge's link in the ledger opens the trade chart with that pledge bold and the others faded."""
    page.goto(base_url_app + "/")
    title = "US$20 bn of trade by 2000 (1996 summit)"
    page.get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(f"{base_url_app}/trade?target=trade_20bn_by_2000")
    banner = page.locator(".highlight-banner")
    expect(banner).to_contain_text(f"Highlighted target: {title}")
    expect(banner).to_contain_text("missed")
    chart(page, "trade_pledges")
    looks = page.evaluate("""() => document.querySelector("[data-chart='trade_pledges'] .js-plotly-plot")._fullData
        .filter(t => t.name && t.name.startsWith('US$')).map(t => [t.name, t.line.width, t.opacity])""")
    chosen = [
        look for look in looks if look[0] == "US$20 bn by 2000"
    ]  # the legend's short name of the pledge
    others = [look for look in looks if look[0] != "US$20 bn by 2000"]
    assert chosen and chosen[0][1] > max(look[1] for look in others)
    assert all(look[2] < 1 for look in others)
    assert console_errors == []


def test_clicking_a_point_shows_its_quote(page, base_url_app, app_data, console_errors):
    """Clicking the 2000 turnover point opens the source panel with that source's publisher and quote."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges").locator(".nsewdrag").first.scroll_into_view_if_needed()
    point = point_position(page, "trade_pledges", "Turnover", 2000)
    sources = app_data[1](None).frames["sources"].set_index("source_id")
    source = sources.loc[point["source_id"]]
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#source-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".source-quote")).to_have_text(source["quote"])
    expect(panel).to_contain_text(source["publisher"])
    expect(panel).to_contain_text(point["source_id"])
    assert console_errors == []


def test_a_copied_url_opens_the_same_view(page, base_url_app, console_errors):
    """Years, SIPRI vintage and (on the trade page) trade data version come back when the address is reopened.
    Each page's year control spans its own data: SIPRI's China rows here run 2000-2023."""
    page.goto(base_url_app + "/arms")
    chart(page, "arms_china_share")
    boxes = page.locator(".year-slider input[type=number]")
    boxes.nth(0).fill("2005")
    boxes.nth(0).press("Tab")
    expect(page).to_have_url(f"{base_url_app}/arms?from=2005&to=2023")
    vintage = page.locator(f"{VINTAGE} option").nth(2).get_attribute("value")
    page.locator(VINTAGE).select_option(vintage)
    _apply(page, VINTAGE)
    expect(page).to_have_url(f"{base_url_app}/arms?from=2005&to=2023&vintage={vintage}")
    expect(page.locator(VINTAGE)).to_have_value(vintage)
    trade = page.get_by_role("link", name="Trade", exact=True)
    expect(trade).to_have_attribute("href", f"/trade?from=2005&to=2023&vintage={vintage}")
    trade.click()
    chart(page, "trade_vintages")
    page.locator(TRADE_VERSION).select_option("2002")
    _apply(page, TRADE_VERSION)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2005&to=2023&trade=2002&vintage={vintage}")
    arms = page.get_by_role("link", name="Arms", exact=True)
    expect(arms).to_have_attribute("href", f"/arms?from=2005&to=2023&trade=2002&vintage={vintage}")
    arms.click()
    expect(page).to_have_url(f"{base_url_app}/arms?from=2005&to=2023&trade=2002&vintage={vintage}")
    chart(page, "arms_china_share")
    copied = page.url
    before = (
        slider_years(page),
        x_range(page, "arms_china_share"),
        page.locator(".chart-caption").all_inner_texts(),
    )

    fresh = page.context.new_page()
    fresh.goto(copied)
    chart(fresh, "arms_china_share")
    expect(fresh.locator(VINTAGE)).to_have_value(vintage)
    assert (
        slider_years(fresh),
        x_range(fresh, "arms_china_share"),
        fresh.locator(".chart-caption").all_inner_texts(),
    ) == before
    assert before[0][0] == 2005 and before[1][0] == 2004.5
    assert console_errors == []


def test_back_and_forward_restore_the_years(page, base_url_app, console_errors):
    """After setting the years twice, Back shows the first range again and Forward the second (the energy page's
    data run 1999-2025: Yukos' 1.5 Mt by rail in 1999, Power of Siberia's 38.8 bcm in 2025)."""
    page.goto(base_url_app + "/energy")
    chart(page, "energy_deliveries")
    boxes = page.locator(".year-slider input[type=number]")
    boxes.nth(0).fill("2000")
    boxes.nth(0).press("Tab")
    expect(page).to_have_url(f"{base_url_app}/energy?from=2000&to=2025")
    boxes.nth(1).fill("2020")
    boxes.nth(1).press("Tab")
    expect(page).to_have_url(f"{base_url_app}/energy?from=2000&to=2020")
    page.go_back()
    expect(page).to_have_url(f"{base_url_app}/energy?from=2000&to=2025")
    expect(boxes.nth(1)).not_to_have_value("2020")
    assert x_range(page, "energy_deliveries")[0] == 1999.5
    page.go_forward()
    expect(boxes.nth(1)).to_have_value("2020")
    expect(page.locator("#error-alert")).to_have_count(0)
    assert console_errors == []


def test_csv_download_holds_the_rows_shown(page, base_url_app, app_data, console_errors):
    """The CSV of China's exports and imports for 2000-2010, from the chart's Download tab, holds exactly the
    points plotted in those years, each with its source; its name says chart, years and data version."""
    page.goto(base_url_app + "/trade?from=2000&to=2010")
    chart(page, "trade_flows")
    shown = {
        (series, int(x), round(float(y), 6), source)
        for series, x, y, source in plotted_points(page, "trade_flows")
        if 2000 <= float(x) <= 2010
    }
    card = page.locator(".chart-card").filter(has=page.locator("[data-chart='trade_flows']"))
    card.get_by_role("tab", name="Download", exact=True).click()
    with page.expect_download() as download_info:
        card.get_by_role("link", name="CSV: the data shown").click()
    download = download_info.value
    assert (
        download.suggested_filename
        == f"trade_flows_2000-2010_trade-{app_data[1](None).versions['trade']}.csv"
    )
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert {(r["series"], int(float(r["x"])), round(float(r["y"]), 6), r["source_id"]) for r in rows} == shown
    assert len(rows) == len(shown)
    assert all(r["publisher"] and r["quote"] for r in rows)
    card.get_by_role("tab", name="Table", exact=True).click()
    expect(card.locator(".chart-table tbody tr")).to_have_count(len(shown))
    card.get_by_role("tab", name="Sources", exact=True).click()
    expect(card.locator(".chart-sources > li")).to_have_count(len({row[3] for row in shown}))
    assert console_errors == []


def test_hovering_a_year_marks_it_on_the_other_charts(page, base_url_app, console_errors):
    """Hovering 2005 on the trade chart draws a dotted line at 2005 on the exports-and-imports chart below it."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges").locator(".nsewdrag").first.scroll_into_view_if_needed()
    flows = chart(page, "trade_flows")
    lines_before = flows.locator(".shapelayer path").count()
    point = point_position(page, "trade_pledges", "Turnover", 2005)
    page.mouse.move(point["x"], point["y"])
    expect(flows.locator(".shapelayer path")).to_have_count(lines_before + 1)
    line = page.evaluate(
        "() => document.querySelector(\"[data-chart='trade_flows'] .js-plotly-plot\")._fullLayout.shapes[0]"
    )
    assert line["visible"] and line["x0"] == 2005 and line["line"]["dash"] == "dot"
    page.mouse.move(5, 5)
    expect(flows.locator(".shapelayer path")).to_have_count(lines_before)
    assert console_errors == []


def test_an_address_that_cannot_be_shown_says_why(page, base_url_app, console_errors):
    """A link to a trade version that does not exist shows a message naming the versions there are."""
    page.goto(base_url_app + "/trade?trade=1999")
    expect(page.get_by_text("This view cannot be shown.")).to_be_visible()
    expect(page.locator("#_pages_content")).to_contain_text("has no version '1999'")
    expect(page.locator("#error-alert")).to_have_count(0)
    assert console_errors == []


def test_the_download_tab_cites_the_view_and_gives_the_embed_snippet(page, base_url_app, app_data):
    """Cite shows the API's citation, naming the trade version's sha256 (as its descriptor records it); Embed shows
    an iframe of /embed/<chart> on this server with the view."""
    page.goto(base_url_app + "/trade?from=2000&to=2010")
    card = chart(page, "trade_flows").locator("xpath=ancestor::div[contains(@class, 'chart-card')]")
    card.get_by_role("tab", name="Download", exact=True).click()
    card.get_by_role("button", name="Cite this chart").click()
    version = app_data[1](None).versions["trade"]
    sha256 = json.loads((DEFAULT_ROOT / "trade" / version / "datapackage.json").read_text())["resources"][0][
        "hash"
    ]
    expect(card.locator(".chart-snippet").first).to_contain_text(
        sha256.removeprefix("sha256:"), timeout=20_000
    )
    card.get_by_role("button", name="Embed this chart").click()
    expect(card.locator(".chart-snippet").nth(1)).to_contain_text(
        f'<iframe src="{base_url_app}/embed/trade_flows?from=2000&to=2010'
    )


def test_a_pasted_text_is_checked_in_the_browser(page, base_url_app, console_errors):
    """Check a text: a Russian sentence on 2021 trade is read as US$147 bn and judged against the sourced figures
    (2021 turnover 146.887, Chinese customs: consistent at the sentence's rounding)."""
    page.goto(base_url_app + "/check-text")
    box = page.get_by_label("The text to check")
    box.fill("Товарооборот в 2021 году составил 147 млрд долларов.")
    page.get_by_role("button", name="Check the text").click()
    row = page.locator(".text-check-table tbody tr").first
    expect(row).to_contain_text("147 млрд долларов", timeout=20_000)
    expect(row).to_contain_text("Consistent")
    assert console_errors == []
