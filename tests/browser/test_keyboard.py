"""The dashboard by keyboard: a chart's points one by one, each said in words with its source and opened with Enter
(assets/stepper.js); a data choice applies only when chosen deliberately (Apply, or Enter), never on each arrow key
through its options."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from dashboard.formatting import publisher_name
from tests.browser.helpers import chart, plotted_points

STATUS = "[data-chart-status='{}']"
HOVER_LABEL = "[data-chart='{}'] .hoverlayer .hovertext"

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

    apply = (
        page.locator(".input-group")
        .filter(has=page.locator(TRADE_VERSION))
        .get_by_role("button", name="Apply")
    )
    expect(apply).to_have_class(re.compile(r"\bbtn-secondary\b"))
    page.locator(TRADE_VERSION).select_option(active)
    expect(apply).to_have_class(re.compile(r"\bbtn-dark\b"))  # chosen, waiting to be applied
    page.wait_for_timeout(300)
    expect(page).to_have_url(f"{base_url_app}/trade?trade={chosen}")
    apply.click()
    expect(page).to_have_url(f"{base_url_app}/trade")
    expect(page.locator(".version-banner")).to_have_count(0)
    expect(apply).to_have_class(re.compile(r"\bbtn-secondary\b"))
    assert console_errors == []


def _said(page, name: str) -> str:
    """What the chart's status line (its polite live region) says now."""
    return page.locator(STATUS.format(name)).inner_text()


def test_the_arrow_keys_step_through_a_charts_points_and_enter_opens_the_source(
    page, base_url_app, app_data, console_errors
):
    """Focus the trade chart (a named figure in the Tab order) and step with the keys: each point is shown (its hover
    label) and said (year, series, value with its unit, source publisher) in the chart's one polite live region;
    Up and Down change series at the nearest year; Enter opens the point's source, as a click does."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    sources = app_data[1](None).frames["sources"].set_index("source_id")
    turnover = sorted(
        (p for p in plotted_points(page, "trade_pledges") if p[0] == "Turnover"), key=lambda p: p[1]
    )
    figure = page.locator("[data-chart='trade_pledges']")
    expect(figure).to_have_attribute("tabindex", "0")
    expect(figure).to_have_accessible_name(figure.get_attribute("aria-label"))
    how = page.locator("[id*='chart-how'][id*='trade_pledges']").inner_text()
    assert "arrow keys" in how
    expect(figure).to_have_accessible_description(re.compile(re.escape(how) + "$"))
    statuses = page.locator("[data-chart-status]")
    expect(statuses).to_have_count(page.locator("#_pages_content .chart-card").count())
    status = page.locator(STATUS.format("trade_pledges"))
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("role", "status")

    figure.focus()
    page.keyboard.press("ArrowRight")
    _, year, value, source_id = turnover[0]
    said = _said(page, "trade_pledges")
    assert said.startswith(f"{int(year)}, Turnover: {value:.2f} US$ bn"), said
    assert publisher_name(source_id, sources.loc[source_id, "publisher"]) in said
    expect(page.locator(HOVER_LABEL.format("trade_pledges"))).to_contain_text(str(int(year)))

    page.keyboard.press("ArrowRight")
    assert _said(page, "trade_pledges").startswith(f"{int(turnover[1][1])}, Turnover:")
    page.keyboard.press("End")
    assert _said(page, "trade_pledges").startswith(f"{int(turnover[-1][1])}, Turnover:")
    page.keyboard.press("Home")
    for _ in range(9):  # to 2000
        page.keyboard.press("ArrowRight")
    assert _said(page, "trade_pledges").startswith("2000, Turnover:")
    page.keyboard.press("ArrowDown")
    said = _said(page, "trade_pledges")
    assert said.startswith("2000, US$20 bn by 2000:") and "missed" in said and "US$ bn" in said, said
    page.keyboard.press("ArrowUp")
    assert _said(page, "trade_pledges").startswith("2000, Turnover:")
    label = page.locator(HOVER_LABEL.format("trade_pledges"))
    page.keyboard.press("Escape")
    expect(label).to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect(label).to_contain_text("2001")
    page.keyboard.press("Tab")  # leaving the chart hides the point
    expect(label).to_have_count(0)
    figure.focus()
    page.keyboard.press("ArrowLeft")
    assert _said(page, "trade_pledges").startswith("2000, Turnover:")

    point = next(p for p in turnover if p[1] == 2000)
    page.keyboard.press("Enter")
    panel = page.locator("#source-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".source-quote")).to_have_text(sources.loc[point[3], "quote"])
    expect(panel).to_contain_text(point[3])
    assert console_errors == []


def test_the_keys_step_through_the_table_tab_too(page, base_url_app, app_data, console_errors):
    """In the Table tab the same keys walk the chart's points: the row of the point is marked and said, and Enter
    opens its source."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_flows")
    card = page.locator(".chart-card").filter(has=page.locator("[data-chart='trade_flows']"))
    card.get_by_role("tab", name="Table", exact=True).click()
    table = card.locator(".table-responsive")
    expect(table.locator("tbody tr").first).to_be_visible()
    table.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    said = _said(page, "trade_flows")
    marked = card.locator("tr[aria-current='true'] td")
    expect(marked).to_have_count(4)
    year, series = marked.nth(0).inner_text(), marked.nth(1).inner_text()
    assert said.startswith(f"{year}, {series}: ") and "US$ bn" in said and "Source:" in said, said
    page.keyboard.press("Enter")
    panel = page.locator("#source-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(series)
    assert console_errors == []


def test_enter_on_a_verdict_board_point_opens_its_targets_chart(page, base_url_app, console_errors):
    """On the overview, Enter on a stepped target does what a click on it does: opens the chart that shows it."""
    page.goto(base_url_app + "/")
    chart(page, "verdict_board")
    page.locator("[data-chart='verdict_board']").focus()
    page.keyboard.press("Home")  # the first key stands on the first point of the first series
    page.keyboard.press("ArrowDown")  # the next series: the targets by status
    page.keyboard.press("ArrowRight")
    said = _said(page, "verdict_board")
    assert "Status:" in said and "Outcome:" in said, said
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/[a-z]+\?target=[a-z0-9_]+$"))
    expect(page.locator(".highlight-banner")).to_be_visible()
    assert console_errors == []


def test_the_words_of_a_point_follow_its_hover_template(page, base_url_app):
    """The stepper's number formats (d3's, as hover templates write them) and sentence, on hand-worked cases."""
    page.goto(base_url_app + "/trade")
    chart(page, "trade_pledges")
    run = "([name, args]) => window.bilateralStepper[name](...args)"
    cases = [(8.0, ".2f", "8.00"), (2463.4, ",.0f", "2,463"), (4.1, "g", "4.1"), (0.499, ".1%", "49.9%")]
    for value, spec, expected in cases:
        assert page.evaluate(run, ["formatNumber", [value, spec]]) == expected
    trace = {
        "index": 0,
        "name": "Turnover",
        "x": [2000, 2001],
        "y": [8, 10.666],
        "customdata": [["s1", "Chinese customs", "China Daily, 2001"], ["s2", "x", "y"]],
        "hovertemplate": "Turnover<br>%{x}: %{y:.2f} US$ bn (%{customdata[1]})<br>Source: %{customdata[2]}"
        "<extra></extra>",
    }
    said = page.evaluate("trace => window.bilateralStepper.sentence({_fullData: [trace]}, 0, 0, true)", trace)
    assert said == "2000, Turnover: 8.00 US$ bn (Chinese customs). Source: China Daily, 2001."
    trace["hovertemplate"] = "Turnover %{x}: %{y:.1f} US$ bn<br>Source: %{customdata[2]}"
    said = page.evaluate("trace => window.bilateralStepper.sentence({_fullData: [trace]}, 0, 1, true)", trace)
    assert said == "2001, Turnover: 10.7 US$ bn. Source: y."  # the series' name and the year said once
