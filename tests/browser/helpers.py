"""What the browser tests read from a page: a chart's x range and year ticks, the plotted points, the slider."""

from __future__ import annotations

CHART_JS = "name => document.querySelector(`[data-chart='${name}'] .js-plotly-plot`)"
X_RANGE_JS = f"name => ({CHART_JS})(name)._fullLayout.xaxis.range"
YEAR_TICKS_JS = f"""name => [...({CHART_JS})(name).querySelectorAll('.xtick text')]
    .map(t => Number(t.textContent.replace(/[^0-9.-]/g, ''))).filter(n => !Number.isNaN(n))"""
POINTS_JS = f"""name => ({CHART_JS})(name)._fullData.filter(t => t.customdata)
    .flatMap(t => Array.from(t.x, (x, i) => [t.name, x, t.y ? t.y[i] : null,
        typeof t.customdata[i] === 'string' ? t.customdata[i] : t.customdata[i][0]]))"""
POINT_XY_JS = f"""([name, series, year]) => {{
    const gd = ({CHART_JS})(name);
    const trace = gd._fullData.find(t => t.name === series && t.customdata);
    const i = Array.from(trace.x).findIndex(x => Number(x) === year);
    const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    const custom = trace.customdata[i];
    return {{x: box.left + xa.l2p(Number(trace.x[i])), y: box.top + ya.l2p(trace.y[i]),
             source_id: typeof custom === 'string' ? custom : custom[0]}};
}}"""


LATER_CHARTS_IN_PLACE_JS = """() => [...document.querySelectorAll("[id*='later-slot']")]
        .every(slot => slot.querySelector('.js-plotly-plot'))
    && [...document.querySelectorAll("[data-chart] .js-plotly-plot")].every(gd => gd._fullLayout)"""


def chart(page, name: str):
    """The drawn chart of a registered figure, waited for, with every later chart of its page in place (they are
    inserted just after the first is painted, assets/frame.js: a test acts on the page once they all are)."""
    locator = page.locator(f"[data-chart='{name}'] .js-plotly-plot .nsewdrag").first
    locator.wait_for(state="visible", timeout=20_000)
    page.wait_for_function(LATER_CHARTS_IN_PLACE_JS, timeout=20_000)
    return page.locator(f"[data-chart='{name}']")


def x_range(page, name: str) -> list[float]:
    """The x-axis range a chart shows."""
    return page.evaluate(X_RANGE_JS, name)


def year_ticks(page, name: str) -> list[float]:
    """The year labels visible under a chart's x axis."""
    return page.evaluate(YEAR_TICKS_JS, name)


def plotted_points(page, name: str) -> list[list]:
    """Every sourced point a chart plots: [series, x, y, source_id]."""
    return page.evaluate(POINTS_JS, name)


def point_position(page, name: str, series: str, year: int) -> dict:
    """Where on the page one point of a series is drawn, and its source id."""
    return page.evaluate(POINT_XY_JS, [name, series, year])


def slider_years(page) -> tuple[int, int]:
    """The years the shell's range control shows in its two boxes."""
    boxes = page.locator(".year-slider input[type=number]")
    return int(boxes.nth(0).input_value()), int(boxes.nth(1).input_value())


def drag_across_years(page, name: str, start: float, end: float) -> None:
    """Box-select from year `start` to year `end` near the bottom of a chart's plot area, with a real mouse."""
    drag = page.locator(f"[data-chart='{name}'] .nsewdrag").first
    drag.scroll_into_view_if_needed()  # a drag outside the viewport selects nothing
    box = drag.bounding_box()
    low, high = x_range(page, name)

    def at(year: float) -> float:
        return box["x"] + (year - low) / (high - low) * box["width"]

    y = box["y"] + box["height"] * 0.93
    page.mouse.move(at(start), y)
    page.mouse.down()
    page.mouse.move((at(start) + at(end)) / 2, y, steps=5)
    page.mouse.move(at(end), y, steps=5)
    page.mouse.up()
