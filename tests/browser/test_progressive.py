"""A page's first chart is drawn before the others (assets/frame.js drawLater): the page shows it without waiting
for every chart, and every later chart still arrives whole, with its own id, in its place."""

from __future__ import annotations

import pytest

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
    assert all(f'"name":"{name}"' in dom_id for name, dom_id in zip(names, ids)), (
        ids
    )  # each graph, its own id
    slots = page.locator("[id*='later-slot']")
    assert slots.count() == len(later)  # each later chart had a slot, and its graph has taken its place in it
    assert page.locator("[id*='later-slot'] .js-plotly-plot").count() == len(later)
    assert console_errors == []
