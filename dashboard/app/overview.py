"""The overview page: the target ledger with a status per target, headline figures, a line per indicator."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components import goal, shortfall, status_badge
from dashboard.app.view import View, href
from dashboard.formatting import amount, attainment, number, percent, years_late

# Which page draws the chart of a target, by the prefix of the target's measure.
MEASURE_PAGES = (
    ("trade_", "trade"),
    ("oil_", "energy"),
    ("gas_", "energy"),
    ("border_", "border"),
    ("kilo_", "arms"),
)
LEDGER_HEADINGS = (
    "Target",
    "Deadline",
    "Target value",
    "Actual at deadline",
    "Attainment",
    "Shortfall",
    "First reached",
    "Status",
)


def page_of_target(measure: str) -> str:
    """The page whose charts show a target of this measure (the overview when none does)."""
    return next((page for prefix, page in MEASURE_PAGES if measure.startswith(prefix)), "overview")


def target_href(target: dict, view: View, paths: dict[str, str]) -> str:
    """The address of the chart that shows a target, with the target highlighted and the view kept."""
    return href(
        paths[page_of_target(target["measure"])],
        View(view.year_range, view.versions, view.vintage, target["target_id"]),
    )


def ledger_table(ledger: pd.DataFrame, view: View, paths: dict[str, str]) -> dbc.Table:
    """The ledger as a table: each target links to its chart; its status is a badge in words."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in LEDGER_HEADINGS]))
    body = html.Tbody([_ledger_row(row, view, paths) for row in ledger.to_dict("records")])
    return dbc.Table(
        [head, body], hover=True, responsive=True, size="sm", class_name="ledger-table align-middle"
    )


def _ledger_row(row: dict, view: View, paths: dict[str, str]) -> html.Tr:
    """One target's row."""
    unit = row["unit"]
    actual = amount(row["actual_at_deadline"], unit)
    if pd.notna(row["actual_year"]) and actual != "–":
        actual += f" ({row['actual_year']})"
    reached = "–" if pd.isna(row["first_reached_year"]) else str(row["first_reached_year"])
    if pd.notna(row["years_late"]) and row["years_late"]:
        reached += f" ({years_late(row['years_late'])})"
    link = dcc.Link(
        row["title"],
        href=target_href(row, view, paths),
        id=ids.target_link_id(row["target_id"]),
        title=f"Open the chart with this target highlighted ({row['target_id']})",
    )
    cells: list = [
        link,
        str(row["deadline"]),
        goal(row),
        actual,
        attainment(row),
        shortfall(row["shortfall"], unit),
        reached,
        _status_cell(row),
    ]
    return html.Tr([html.Td(cell) for cell in cells], title=row["notes"] or None)


def figures_text(row: dict) -> str:
    """What a verdict rests on where sources give several figures: 'Depends on the figure used: 64.2 (Chinese
    customs) gives 64%, 68.03 (implied by the 2016 report's growth of +2.2%) gives 68%' when the status changes
    with the figure, 'Same verdict on every figure: ...' when only the attainment does; '' for one figure."""
    candidates = row.get("candidates")
    if not isinstance(candidates, list):
        return ""
    deciding = [c for c in candidates if c["year"] == row.get("actual_year")] or candidates
    if row.get("robust", True):
        candidates = deciding
    if row.get("robust", True) and len({percent(c["attainment_pct"]) for c in candidates}) < 2:
        return ""  # one figure, or figures that differ only in rounding
    parts = [
        f"{number(c['value'])} ({c['description'] or c['basis'] or c['source_id']}"
        + ("" if c["year"] == row.get("actual_year") else f", {c['year']}")
        + f") gives {percent(c['attainment_pct'])}"
        + ("" if row.get("robust", True) else f", {c['status'].replace('_', ' ')}")
        for c in candidates
    ]
    lead = "Same verdict on every figure" if row.get("robust", True) else "Depends on the figure used"
    return f"{lead}: " + "; ".join(parts)


def _status_cell(row: dict) -> list:
    """The status badge, and below it what the verdict depends on where sources disagree."""
    text = figures_text(row)
    if not text:
        return [status_badge(row["status"])]
    marker = "" if row.get("robust", True) else "⚠ "
    return [status_badge(row["status"]), html.Br(), html.Small(marker + text, className="verdict-figures")]


def indicator_lines(
    ledger: pd.DataFrame, actuals: pd.DataFrame, pages: list[tuple[str, str, str]], view: View
) -> dbc.ListGroup:
    """A line per indicator page: what it shows, its targets' statuses, and the latest actual of each measure."""
    targets = ledger[["measure", "unit", "status"]].to_dict("records")
    latest: dict[str, tuple] = {}
    for measure, year, value in actuals[["measure", "year", "value"]].itertuples(index=False):
        if measure not in latest or year > latest[measure][0]:
            latest[measure] = (year, value)
    across = View(view.year_range, view.versions, view.vintage)
    items = []
    for page, label, description in pages:
        mine = [row for row in targets if page_of_target(row["measure"]) == page]
        line = [dcc.Link(html.Strong(label), href=href(f"/{page}", across)), f": {description}"]
        if mine:
            counts = Counter(row["status"] for row in mine)
            line.append(
                f" Targets: {len(mine)}, of which "
                + ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.most_common())
                + "."
            )
        units = {row["measure"]: row["unit"] for row in mine}
        line += [
            f" Latest: {amount(latest[m][1], unit)} in {latest[m][0]}."
            for m, unit in units.items()
            if m in latest
        ]
        items.append(dbc.ListGroupItem(line, class_name="indicator-line"))
    return dbc.ListGroup(items, flush=True, class_name="mb-3")
