"""Every page with a keyboard, a screen reader and a phone in mind: axe-core finds no serious or critical
violation at 1440x900 and 390x844, the first Tab stop is the skip link, nothing scrolls sideways at 390 px,
every chart has an accessible name and a description drawn from its data."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboard.app.pages import PAGES
from tests.browser.helpers import chart

SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
VIEWS = [
    "/",
    "/trade",
    "/arms",
    "/border",
    "/migration",
    "/energy",
    "/claims",
    "/check-text",
    "/trade?trade=2002",
    "/trade?target=trade_20bn_by_2000",
]
SERIOUS = ("serious", "critical")
ALLOWED: dict[str, str] = {}  # rule id -> why it may stay (none so far)


def _open(page, base_url_app, path: str, size: str) -> None:
    """The page at `path` in a viewport of `size`, its charts drawn."""
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url_app + path)
    expect(page.locator("#_pages_content h1").first).to_be_visible(timeout=30_000)
    if page.locator("#_pages_content .chart-card").count():  # pages of charts: wait until they are drawn
        expect(page.locator("#_pages_content .js-plotly-plot").first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", VIEWS)
def test_axe_finds_no_serious_violation(page, base_url_app, path, size):
    """axe-core (bundled with axe-playwright-python, no network) on each page and view at both sizes."""
    _open(page, base_url_app, path, size)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS and v["id"] not in ALLOWED
    ]
    assert serious == []


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_nothing_scrolls_sideways_on_a_phone(page, base_url_app, path):
    """At 390 px the page is no wider than the screen."""
    _open(page, base_url_app, path, "phone")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390


def test_the_first_tab_stop_is_the_skip_link_and_it_reaches_the_content(page, base_url_app):
    """Tab once: the skip link, visibly focused; Enter moves the focus to the page's main content."""
    _open(page, base_url_app, "/trade", "desktop")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Skip to the main content", "#main"]
    expect(page.locator("a.skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_chart_has_a_name_and_a_description_from_its_data(page, base_url_app):
    """A screen reader hears each chart's finding and a description of what it shows (years and values)."""
    _open(page, base_url_app, "/trade", "desktop")
    chart(page, "trade_pledges")
    figure = page.locator("[data-chart='trade_pledges']")
    expect(figure).to_have_attribute("role", "figure")
    label = figure.get_attribute("aria-label")
    assert label and "_" not in label
    described = page.locator(f"[id='{figure.get_attribute('aria-describedby').split()[0]}']")
    assert "1991" in described.inner_text() and "US$" in described.inner_text()


def test_the_page_says_its_language_and_hides_the_mode_bar_from_the_tab_order(page, base_url_app):
    """<html lang="en">; no mode-bar button among the focusable elements (the Download tab has the images)."""
    _open(page, base_url_app, "/trade", "desktop")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.locator(".modebar-btn").count() == 0


PLOTS_JS = """() => {
    const sticky = document.querySelector('.shell-controls.sticky-top');
    return [...document.querySelectorAll('#_pages_content .chart-card')].map(card => {
        const gd = card.querySelector('.js-plotly-plot');
        const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
        const legend = gd.querySelector('.legend');
        return {name: card.querySelector('[data-chart]').dataset.chart,
                plotTop: plot.top + window.scrollY, plotHeight: plot.height, plotBottom: plot.bottom,
                fromCard: plot.top - card.getBoundingClientRect().top,
                sticky: sticky ? sticky.getBoundingClientRect().height : 0,
                legendTop: legend ? legend.getBoundingClientRect().top : null};
    });
}"""
MIN_PLOT_PX = 250


def test_on_a_phone_every_trade_chart_starts_on_the_first_screen(page, base_url_app):
    """At 390x844 the trade chart's legend (nine targets) sits below the plot, not above it: the first chart's plot
    starts within the first screen, and every chart's plot starts within a screen of its heading (scrolled to just
    under the sticky year control), at a height still worth reading."""
    _open(page, base_url_app, "/trade", "phone")
    expect(page.locator("#_pages_content .chart-card .nsewdrag")).to_have_count(
        page.locator("#_pages_content .chart-card").count(), timeout=30_000
    )
    page.wait_for_function(  # the legends moved (assets/phone.js)
        """() => [...document.querySelectorAll('#_pages_content .js-plotly-plot')]
            .every(gd => !gd._fullLayout.showlegend || gd._fullLayout.legend.yanchor === 'bottom')"""
    )
    height = SIZES["phone"][1]
    plots = page.evaluate(PLOTS_JS)
    assert len(plots) >= 4
    assert plots[0]["plotTop"] < height, plots[0]
    for plot in plots:
        assert plot["sticky"] + plot["fromCard"] < height, plot
        assert plot["plotHeight"] >= MIN_PLOT_PX, plot
        assert plot["legendTop"] is None or plot["legendTop"] >= plot["plotBottom"], plot


def test_a_phone_legend_returns_at_a_wide_width(page, base_url_app):
    """Widening the window from 390 px to 1440 px puts the figure's own legend (above the plot) back."""
    _open(page, base_url_app, "/trade", "phone")
    chart(page, "trade_pledges")
    legend_y = (
        "() => document.querySelector(\"[data-chart='trade_pledges'] .js-plotly-plot\")._fullLayout.legend.y"
    )
    page.wait_for_function(f"() => ({legend_y})() === 0")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for_function(f"() => ({legend_y})() > 0.5")


def test_an_image_downloaded_on_a_phone_has_the_figures_own_legend_and_notes(page, base_url_app):
    """The PNG from the Download tab at 390 px is drawn with the figure's legend (above the plot) and the notes
    under its x axis, not the phone's arrangement."""
    _open(page, base_url_app, "/trade", "phone")
    chart(page, "trade_pledges")
    page.wait_for_function(
        "() => document.querySelector(\"[data-chart='trade_pledges'] .js-plotly-plot\")._fullLayout.legend.y === 0"
    )
    page.evaluate(
        "() => { window.Plotly.downloadImage = figure => { window.drawnForImage = figure.layout; }; }"
    )
    card = page.locator(".chart-card").filter(has=page.locator("[data-chart='trade_pledges']"))
    card.get_by_role("tab", name="Download", exact=True).click()
    card.get_by_role("button", name="PNG image").click()
    page.wait_for_function("() => window.drawnForImage")
    drawn = page.evaluate("() => window.drawnForImage")
    assert drawn["legend"]["yanchor"] == "top" and drawn["legend"]["y"] > 0.5
    notes = [note for note in drawn["annotations"] if note.get("yref") == "paper" and note.get("y", 1) <= 0]
    assert notes and all(note.get("visible", True) for note in notes)
