"""The dashboard by keyboard: a data choice applies only when chosen deliberately (Apply, or Enter), never on each
arrow key through its options."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import chart

TRADE_VERSION = "[id*='data-choice'][id*='trade']"


def test_arrow_keys_in_the_version_select_do_not_redraw_until_applied(page, base_url_app, console_errors):
    """Arrow keys through the trade versions change the select only: the address, the banner and the charts stay;
    Enter applies the choice (the 2002 figures); choosing with the mouse and pressing Apply goes back."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    select = page.locator(TRADE_VERSION)
    active = select.input_value()
    select.focus()
    page.keyboard.press("ArrowDown")
    chosen = select.input_value()
    assert chosen != active
    page.keyboard.press("ArrowUp")
    expect(select).to_have_value(active)
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value(chosen)
    page.wait_for_timeout(500)  # a redraw would have started by now
    expect(page).to_have_url(f"{base_url_app}/trade")
    expect(page.locator(".version-banner")).to_have_count(0)

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url_app}/trade?trade={chosen}")
    expect(page.locator(".version-banner")).to_be_visible()

    page.locator(TRADE_VERSION).select_option(active)
    page.wait_for_timeout(300)
    expect(page).to_have_url(f"{base_url_app}/trade?trade={chosen}")
    page.locator(".input-group").filter(has=page.locator(TRADE_VERSION)).get_by_role(
        "button", name="Apply"
    ).click()
    expect(page).to_have_url(f"{base_url_app}/trade")
    expect(page.locator(".version-banner")).to_have_count(0)
    assert console_errors == []
