"""Year range and linked hover in the browser (assets/interactions.js): no server callback for them, the y axis
fitted to the years shown as the server fits it, the address kept, and the partial plotly.js bundle."""

from __future__ import annotations

import plotly.offline
import pytest
from playwright.sync_api import expect

from dashboard.app.data import AppData
from dashboard.app.display import y_range
from dashboard.app.view import View
from dashboard.figures.registry import registered
from tests.browser.helpers import chart, drag_across_years, slider_years, x_range

CALLBACKS = "_dash-update-component"
Y_RANGE_JS = (
    "name => document.querySelector(`[data-chart='${name}'] .js-plotly-plot`)._fullLayout.yaxis.range"
)
POINT_JS = """([name, series, year]) => {
    const gd = document.querySelector(`[data-chart='${name}'] .js-plotly-plot`);
    const trace = gd._fullData.find(t => t.name === series && Array.from(t.x).some(x => Number(x) === year));
    const i = Array.from(trace.x).findIndex(x => Number(x) === year);
    const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
    return {x: box.left + gd._fullLayout.xaxis.l2p(Number(trace.x[i])), y: box.top + gd._fullLayout.yaxis.l2p(trace.y[i])};
}"""
TOP_JS = """name => Math.max(...document.querySelector(`[data-chart='${name}'] .js-plotly-plot`)._fullData
    .filter(t => (t.yaxis || 'y') === 'y' && t.visible !== false && t.y && typeof t.y !== 'string')
    .flatMap(t => Array.from(t.y).filter(Number.isFinite)))"""
TIME_CHARTS_JS = """() => [...document.querySelectorAll("[id*='time-chart']")]
    .map(e => JSON.parse(e.id).name)"""


def _callbacks(page) -> list[str]:
    """The callback requests the page sends from now on (a live list)."""
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if CALLBACKS in request.url else None)
    return sent


def _set_years(page, start: int | None, end: int | None) -> None:
    """Type years into the slider's boxes and press Enter (no Tab, no click elsewhere)."""
    boxes = page.locator(".year-slider input[type=number]")
    for index, year in ((0, start), (1, end)):
        if year is not None:
            boxes.nth(index).fill(str(year))
            boxes.nth(index).press("Enter")


def test_year_changes_and_hover_send_nothing_to_the_server(page, base_url_app, console_errors):
    """Year boxes with Enter, a box-select and hovering on /trade: every chart follows, the address too, and not
    one request goes to _dash-update-component (the control: the page's own load sent some)."""
    loaded = _callbacks(page)
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    chart(page, "trade_flows")
    page.wait_for_load_state("networkidle")
    assert loaded, "the page's load sends callbacks: the counter counts"
    sent = _callbacks(page)

    _set_years(page, 2000, None)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2025")
    _set_years(page, None, 2010)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2010")
    names = page.evaluate(TIME_CHARTS_JS)
    assert len(names) >= 2
    for name in names:
        assert x_range(page, name) == [1999.5, 2010.5]

    chart(page, "trade_pledges").locator(".nsewdrag").first.scroll_into_view_if_needed()
    drag_across_years(page, "trade_pledges", 2002.6, 2008.4)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2003&to=2008")
    assert slider_years(page) == (2003, 2008)
    for name in names:
        assert x_range(page, name) == [2002.5, 2008.5]

    point = page.evaluate(POINT_JS, ["trade_pledges", "Turnover", 2005])
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(
        "() => document.querySelector(\"[data-chart='trade_flows'] .js-plotly-plot\")._fullLayout.shapes[0].visible"
    )
    line = page.evaluate(
        "() => document.querySelector(\"[data-chart='trade_flows'] .js-plotly-plot\")._fullLayout.shapes[0]"
    )
    assert line["visible"] and line["x0"] == 2005
    page.mouse.move(5, 5)
    page.wait_for_function(
        "() => !document.querySelector(\"[data-chart='trade_flows'] .js-plotly-plot\")._fullLayout.shapes[0].visible"
    )
    page.wait_for_timeout(300)  # anything late would have been sent by now
    assert sent == []

    arms = page.locator("nav").get_by_role("link", name="Arms", exact=True)
    expect(arms).to_have_attribute("href", "/arms?from=2003&to=2008")
    assert console_errors == []


def test_the_y_axis_fits_the_years_as_the_server_fits_them(page, base_url_app, app_data, console_errors):
    """Each time chart's y range after a year change in the browser equals display.y_range on its figure."""
    _, loader = app_data
    data = AppData(loader, dict(registered()))
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    _set_years(page, 2000, 2010)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2010")
    fitted = []
    for name in page.evaluate(TIME_CHARTS_JS):
        expected = y_range(data.shown(name, View()), (2000, 2010))
        if expected is not None:
            fitted.append(name)
            assert page.evaluate(Y_RANGE_JS, name) == pytest.approx(expected), name
    assert "trade_pledges" in fitted
    # The rule itself, on the whole series: all positive, so from zero; the top is the highest value plus 6%.
    whole = y_range(data.shown("trade_pledges", View()), (1991, 2025))
    assert whole[0] == 0 and whole[1] == pytest.approx(1.06 * page.evaluate(TOP_JS, "trade_pledges"))
    assert console_errors == []


def test_the_default_years_leave_the_address_and_back_restores(page, base_url_app, console_errors):
    """Choosing the page's default years again clears them from the address; Back and Forward restore."""
    page.goto(base_url_app + "/energy?from=2005&to=2015")
    chart(page, "energy_deliveries")
    assert slider_years(page) == (2005, 2015)
    _set_years(page, 1999, None)
    expect(page).to_have_url(f"{base_url_app}/energy?from=1999&to=2015")
    _set_years(page, None, 2025)  # the energy data run 1999-2025 (Power of Siberia's 38.8 bcm in 2025)
    expect(page).to_have_url(f"{base_url_app}/energy")
    assert x_range(page, "energy_deliveries") == [1998.5, 2025.5]
    page.go_back()
    expect(page).to_have_url(f"{base_url_app}/energy?from=1999&to=2015")
    page.go_back()
    expect(page).to_have_url(f"{base_url_app}/energy?from=2005&to=2015")
    page.wait_for_function(
        """() => { const gd = document.querySelector("[data-chart='energy_deliveries'] .js-plotly-plot");
                   return gd && gd._fullLayout && gd._fullLayout.xaxis.range[0] === 2004.5
                       && gd._fullLayout.xaxis.range[1] === 2015.5; }"""
    )
    assert console_errors == []


def test_the_year_rules_in_the_browser(page, base_url_app):
    """Zoom, reset, selection and address rules of interactions.js, on hand-worked cases."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    run = "([name, args]) => window.bilateralInteractions[name](...args)"
    bounds = [1991, 2025]
    assert page.evaluate(
        run, ["yearsOfRelayout", [{"xaxis.range[0]": 1990.2, "xaxis.range[1]": 2000.7}, bounds]]
    ) == [
        1991,
        2000,
    ]
    assert page.evaluate(run, ["yearsOfRelayout", [{"xaxis.autorange": True}, bounds]]) == bounds
    assert page.evaluate(run, ["yearsOfRelayout", [{"autosize": True}, bounds]]) is None
    assert page.evaluate(run, ["yearsOfRelayout", [{"shapes[0].visible": True}, bounds]]) is None
    assert page.evaluate(run, ["yearsOfSelection", [{"points": [{"x": 2003}, {"x": 2001}]}, bounds]]) == [
        2001,
        2003,
    ]
    assert page.evaluate(run, ["yearsOfSelection", [{"range": {"x": [2004.2, 2004.4]}}, bounds]]) == [
        2004,
        2004,
    ]
    assert page.evaluate(run, ["yearsOfSelection", [None, bounds]]) is None
    assert page.evaluate(run, ["searchWithYears", ["?trade=2002&vintage=2024", [2000, 2010]]]) == (
        "?from=2000&to=2010&trade=2002&vintage=2024"
    )
    assert page.evaluate(run, ["searchWithYears", ["?from=1&to=2&trade=2002", None]]) == "?trade=2002"
    assert page.evaluate(run, ["yearNumber", ["2001-06-30"]]) == 2001


def test_charts_draw_with_the_partial_plotly_bundle(page, base_url_app, console_errors):
    """The cartesian bundle at plotly.py's plotly.js version draws the charts; Dash's full bundle is never fetched."""
    scripts: list[str] = []
    page.on(
        "request",
        lambda request: (
            scripts.append(request.url) if request.url.endswith(".js") or ".js?" in request.url else None
        ),
    )
    page.goto(base_url_app + "/arms")
    chart(page, "arms_tiv")
    assert page.evaluate("() => window.Plotly.version") == plotly.offline.get_plotlyjs_version()
    assert any("plotly-cartesian" in url for url in scripts)
    assert not any("package_data/plotly.min.js" in url for url in scripts)
    assert console_errors == []


def _download_tab(page, name: str) -> dict:
    """What a chart's Download tab offers: the CSV and zip links (address, file name), the embed snippet."""
    card = page.locator(".chart-card").filter(has=page.locator(f"[data-chart='{name}']"))
    card.get_by_role("tab", name="Download", exact=True).click()
    csv_link = card.get_by_role("link", name="CSV: the data shown")
    zip_link = card.get_by_role("link", name="Zip: data, metadata and how to cite")
    card.get_by_role("button", name="Embed this chart").click()
    embed = card.locator(".chart-snippet").filter(has_text="<iframe")
    expect(embed).to_be_visible()
    return {
        "csv": (csv_link.get_attribute("href"), csv_link.get_attribute("download")),
        "zip": (zip_link.get_attribute("href"), zip_link.get_attribute("download")),
        "embed": embed.inner_text(),
    }


def test_download_links_follow_the_years_shown(page, base_url_app, app_data, console_errors):
    """After a year change in the browser the Download tab offers what a page drawn on those years offers: CSV and
    zip links, file names, the PNG's name, the embed code; Copy link copies the address; nothing went to the
    server's callbacks."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base_url_app + "/trade")
    chart(page, "trade_flows")
    page.wait_for_load_state("networkidle")
    sent = _callbacks(page)
    before = _download_tab(page, "trade_flows")
    assert "from=1991&to=2025" in before["csv"][0]

    _set_years(page, 2000, 2010)
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2010")
    card = page.locator(".chart-card").filter(has=page.locator("[data-chart='trade_flows']"))
    stem = f"trade_flows_2000-2010_trade-{app_data[1](None).versions['trade']}"
    expect(card.get_by_role("link", name="CSV: the data shown")).to_have_attribute("download", f"{stem}.csv")
    after = _download_tab(page, "trade_flows")
    assert sent == []

    fresh = page.context.new_page()
    fresh.goto(f"{base_url_app}/trade?from=2000&to=2010")
    chart(fresh, "trade_flows")
    assert after == _download_tab(fresh, "trade_flows")
    assert after != before
    fresh.close()

    with page.expect_download() as image:
        card.get_by_role("button", name="PNG image").click()
    assert image.value.suggested_filename == f"{stem}.png"
    card.get_by_role("button", name="Copy link to this view").click()
    expect(card.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{base_url_app}/trade?from=2000&to=2010"
    assert console_errors == []
