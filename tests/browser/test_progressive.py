"""A page's first chart is drawn before the others (assets/frame.js drawLater): the page shows it without waiting
for every chart, and every later chart still arrives whole, with its own id, in its place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.figures.registry import registered

DRAWN_AT_JS = """(() => {
    window.__drawnAt = {};
    new MutationObserver(() => {
        document.querySelectorAll('[data-chart]').forEach(frame => {
            const name = frame.dataset.chart;
            if (window.__drawnAt[name] === undefined && frame.querySelector('.js-plotly-plot .main-svg')) {
                window.__drawnAt[name] = performance.now();
            }
        });
    }).observe(document, {childList: true, subtree: true});
})();"""
ALL_DRAWN_JS = """names => names.every(name => {
    const gd = document.querySelector(`[data-chart='${name}'] .js-plotly-plot`);
    return gd && gd._fullData && gd._fullLayout;
})"""


@pytest.mark.parametrize("path, page_key", [("/trade", "trade"), ("/", "overview")])
def test_the_first_chart_is_drawn_before_the_others_and_every_chart_arrives(
    page, base_url_app, console_errors, path, page_key
):
    names = [spec.name for spec in registered().values() if spec.page == page_key]
    assert len(names) >= 2, "the page has later charts: the order can be seen"
    page.add_init_script(DRAWN_AT_JS)
    page.goto(base_url_app + path)
    page.wait_for_function(ALL_DRAWN_JS, arg=names, timeout=60_000)
    drawn_at = page.evaluate("() => window.__drawnAt")
    first, later = names[0], names[1:]
    assert all(drawn_at[first] < drawn_at[name] for name in later), drawn_at
    ids = page.evaluate(
        "names => names.map(n => document.querySelector(`[data-chart='${n}'] .js-plotly-plot`).parentElement.id)",
        names,
    )
    # each graph, its own id
    assert all(f'"name":"{name}"' in dom_id for name, dom_id in zip(names, ids)), ids
    slots = page.locator("[id*='later-slot']")
    assert slots.count() == len(later)  # each later chart had a slot, and its graph has taken its place in it
    assert page.locator("[id*='later-slot'] .js-plotly-plot").count() == len(later)
    assert console_errors == []


def test_charts_drawn_after_the_years_changed_show_those_years(page, base_url_app, console_errors):
    """Years chosen while the charts are still loading (here: while Plotly's graph code is held back) are the
    years every time chart shows once drawn, the later charts included, and their CSV links carry them."""
    held = []

    def hold(route):
        held.append(route)

    page.route("**/async-graph.js*", hold)  # no chart can draw until this is let through
    page.goto(base_url_app + "/trade")
    boxes = page.locator(".year-slider input[type=number]")
    boxes.nth(0).fill("2000")
    boxes.nth(0).press("Enter")
    boxes.nth(1).fill("2010")
    boxes.nth(1).press("Enter")
    expect(page).to_have_url(f"{base_url_app}/trade?from=2000&to=2010")
    # the years changed before any chart was drawn
    assert page.locator(".js-plotly-plot .main-svg").count() == 0
    for route in held:
        route.continue_()
    page.unroute("**/async-graph.js*")
    time_charts = [
        spec.name for spec in registered().values() if spec.page == "trade" and spec.follows_year_range
    ]
    assert len(time_charts) >= 3
    page.wait_for_function(ALL_DRAWN_JS, arg=time_charts, timeout=60_000)
    for name in time_charts:
        csv_link = page.locator(f"""[id='{{"kind":"csv","name":"{name}","type":"download-link"}}']""")
        expect(csv_link).to_have_attribute("href", re.compile(r"from=2000&to=2010"))
    page.wait_for_function(
        """names => names.every(name => {
            const range = document.querySelector(`[data-chart='${name}'] .js-plotly-plot`)._fullLayout.xaxis.range;
            return range[0] === 1999.5 && range[1] === 2010.5;
        })""",
        arg=time_charts,
        timeout=10_000,
    )
    assert console_errors == []
