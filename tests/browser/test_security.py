"""The Content-Security-Policy in a real browser: in force, and no page of the app breaks it."""

from __future__ import annotations

from playwright.sync_api import expect

from dashboard.app.pages import PAGES
from tests.browser.helpers import chart

# Runs before any page script (injected by the browser's debugging protocol, which the policy does not govern).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _violations(page) -> list[str]:
    """Every CSP violation the page has reported so far."""
    return page.evaluate("() => window.__cspViolations")


def test_every_page_runs_under_the_policy_without_a_violation(page, base_url_app, console_errors):
    """Each page arrives with a script policy free of 'unsafe-inline', draws its charts, and breaks no rule."""
    page.add_init_script(RECORD_VIOLATIONS)
    for entry in PAGES:
        response = page.goto(base_url_app + entry.path)
        policy = response.headers["content-security-policy"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "frame-ancestors 'none'" in policy
        expect(page.locator("#_pages_content h1").first).to_be_visible(timeout=20_000)
        if page.locator("#_pages_content .chart-card").count():  # a page of charts (the Claims page has none)
            expect(page.locator("#_pages_content .js-plotly-plot").first).to_be_visible(timeout=20_000)
        assert _violations(page) == [], entry.path
    assert not [e for e in console_errors if "Content Security Policy" in e]
    assert console_errors == []


def test_svg_export_and_navigation_work_under_the_policy(page, base_url_app, app_data, console_errors):
    """The clientside callbacks (asset files and hashed inline scripts) run: the Download tab's SVG button exports
    the chart under its file name (chart, years, data version), a nav link navigates."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base_url_app + "/trade")
    card = chart(page, "trade_pledges").locator("xpath=ancestor::div[contains(@class, 'chart-card')]")
    card.get_by_role("tab", name="Download", exact=True).click()
    with page.expect_download() as download_info:
        card.get_by_role("button", name="SVG image").click()
    assert (
        download_info.value.suggested_filename
        == f"trade_pledges_1991-2025_trade-{app_data[1](None).versions['trade']}.svg"
    )
    page.locator("nav").get_by_role("link", name="Arms", exact=True).click()
    expect(page).to_have_url(f"{base_url_app}/arms")
    expect(page).to_have_title(
        "Arms · Sino-Russian bilateral indicators"
    )  # Dash Pages' clientside title callback
    assert _violations(page) == []
    assert console_errors == []


def test_an_injected_inline_script_is_refused(page, base_url_app):
    """The policy is in force: a script element added to the page does not run, and the browser reports it."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base_url_app + "/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true;'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.__injected === true") is False
    assert any(v.startswith("script-src") for v in _violations(page))
