"""What the upload card shows: the validation report of a refused file, or the ledger on an accepted file's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app.components import goal, shortfall, status_badge
from dashboard.app.display import graph_config
from dashboard.consistency import ConsistencyWarning
from dashboard.formatting import MISSING, amount, number, percent
from dashboard.statements.evidence import MATCH_PCT
from dashboard.statements.judge import MEASURE_WORDS
from dashboard.validation import Failure

if TYPE_CHECKING:  # the check's readers load with the first upload, not with the app
    from dashboard.check import CheckResult

REPORT_HEADINGS = ("File", "Line", "Column", "Check", "Value / message")
LEDGER_HEADINGS = (
    "Target",
    "Deadline",
    "Target value",
    "Actual at deadline",
    "Attainment",
    "Shortfall",
    "Status",
    "Against the bundled version",
)
SHOWN_WARNINGS = 20
UPLOAD_CHART = "uploaded_turnover"


def report_view(file: str, failures: list[Failure]) -> list:
    """A refused file: a headline, then one row per failure (file, line, column, check, value or message)."""
    count = f"{len(failures)} problem{'s' if len(failures) != 1 else ''}"
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in REPORT_HEADINGS]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(f.file),
                    html.Td(_blank(f.line)),
                    html.Td(_blank(f.column)),
                    html.Td(f.check),
                    html.Td(f.value or MISSING, className="text-break"),
                ]
            )
            for f in failures
        ]
    )
    return [
        dbc.Alert(
            [
                html.Strong(f"{file} was not accepted: {count}. "),
                "Nothing was stored; fix the file and upload it again.",
            ],
            color="danger",
            class_name="upload-refused py-2",
        ),
        dbc.Table([head, body], size="sm", responsive=True, class_name="upload-report align-middle"),
    ]


def result_view(result: CheckResult, figure: dict) -> list:
    """An accepted file: what was read, the changes (status changes first), the ledger and the overlay chart."""
    summary = result.input.summary()
    years = "–".join(map(str, summary["years"])) or "no years"
    bundled = result.bundled_versions.get("trade")
    read = (
        f"{summary['format']}, {summary['rows']:,} rows, {summary['trade_rows']} trade rows, years {years}. "
        f"Targets judged as of {result.as_of_year} on {result.coverage['sentence']}. Nothing was stored."
    )
    return [
        dbc.Alert(
            [html.Strong(f"{summary['file']} passed validation: "), read],
            color="success",
            class_name="upload-accepted py-2",
        ),
        html.H3(f"Changes against the bundled trade version {bundled}", className="h6"),
        changes_table(result.changes),
        html.H3("The target ledger on the uploaded figures", className="h6"),
        ledger_table(result.ledger, result.changes),
        html.H3(
            f"On whose figures? Each of your values against the sourced ones (within {MATCH_PCT}%)",
            className="h6",
        ),
        explain_table(result.explained),
        html.Div(
            dcc.Graph(figure=figure, config=graph_config(UPLOAD_CHART), className="chart-graph"),
            **{"data-chart": UPLOAD_CHART},  # type: ignore[arg-type]  # data-* props are wildcards Div's signature does not list
        ),
        warnings_list(result.warnings),
    ]


def explain_table(explained: list[dict]):
    """Each value of the file: the sourced bases it matches, and how far it is from every sourced level."""
    if not explained:
        return html.P("No value to compare.", className="small")
    head = html.Thead(
        html.Tr(
            [html.Th(h, scope="col") for h in ("Year", "Measure", "Your value", "Matches", "Sourced values")]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(str(row["year"])),
                    html.Td(MEASURE_WORDS.get(row["measure"], row["measure"]).capitalize()),
                    html.Td(f"US${number(row['value_usd_bn'], 3)} bn"),
                    html.Td(", ".join(row["matches"]) or "none"),
                    html.Td(
                        "; ".join(
                            f"{b['label']} US${number(b['value_usd_bn'], 3)} bn "
                            f"({'+' if (b['difference_pct'] or 0) > 0 else ''}{number(b['difference_pct'], 2)}%)"
                            for b in row["bases"]
                        )
                        or "no sourced level for this year"
                    ),
                ]
            )
            for row in explained
        ]
    )
    return html.Div(
        dbc.Table([head, body], size="sm", class_name="upload-explain"), className="table-responsive"
    )


def changes_table(changes: list[dict]):
    """Targets whose verdict moved: old and new status, then every changed figure; status changes first."""
    if not changes:
        return html.P("No target changes: the file gives the same verdicts and figures.", className="small")
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Target", "Status", "Changed figures")]))
    rows = []
    for change in changes:
        status = (
            [status_badge(change["old_status"]), " → ", status_badge(change["new_status"])]
            if change["status_changed"]
            else [status_badge(change["new_status"]), " (unchanged)"]
        )
        fields = "; ".join(
            f"{_label(f['field'])}: {_value(f['old'])} → {_value(f['new'])}"
            for f in change["fields"]
            if f["field"] != "status"
        )
        rows.append(
            html.Tr(
                [html.Td(change["title"]), html.Td(status), html.Td(fields or MISSING)],
                className="status-changed" if change["status_changed"] else None,
            )
        )
    return dbc.Table(
        [head, html.Tbody(rows)], size="sm", responsive=True, class_name="upload-changes align-middle"
    )


def ledger_table(ledger: list[dict], changes: list[dict]) -> dbc.Table:
    """Every target on the file's figures: status, attainment and shortfall, and how it compares with the bundle."""
    moved = {change["target_id"]: change for change in changes}
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in LEDGER_HEADINGS]))
    rows = []
    for row in ledger:
        unit = row["unit"]
        actual = amount(row["actual_at_deadline"], unit)
        if row["actual_year"] is not None and actual != MISSING:
            actual += f" ({row['actual_year']})"
        cells = [
            row["title"],
            str(row["deadline"]),
            goal(row),
            actual,
            percent(row["attainment_pct"]),
            shortfall(row["shortfall"], unit),
            status_badge(row["status"]),
            _against(moved.get(row["target_id"])),
        ]
        rows.append(html.Tr([html.Td(cell) for cell in cells], title=row["notes"] or None))
    return dbc.Table(
        [head, html.Tbody(rows)], size="sm", responsive=True, class_name="upload-ledger align-middle"
    )


def warnings_list(warnings: list[ConsistencyWarning]):
    """The checker's warnings (never fatal), folded away."""
    if not warnings:
        return None
    items = [
        html.Li(f"{'line ' + str(w.line) + ': ' if w.line else ''}{w.message}")
        for w in warnings[:SHOWN_WARNINGS]
    ]
    if len(warnings) > SHOWN_WARNINGS:
        items.append(html.Li(f"… and {len(warnings) - SHOWN_WARNINGS} more"))
    return html.Details(
        [
            html.Summary(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"),
            html.Ul(items, className="small mb-0"),
        ],
        className="upload-warnings mt-2",
    )


def _against(change: dict | None) -> str:
    """'unchanged', 'figures changed' or 'status changed (was met)' for a target."""
    if change is None:
        return "unchanged"
    if change["status_changed"]:
        return f"status changed (was {change['old_status'].replace('_', ' ')})"
    return "figures changed"


def _label(field: str) -> str:
    """A ledger field in words: 'attainment_pct' -> 'attainment %', 'required_cagr_pct' -> 'required CAGR %'."""
    return field.replace("_pct", " %").replace("cagr", "CAGR").replace("_", " ")


def _value(value) -> str:
    """A changed value, short."""
    if value is None:
        return "n/a"
    if isinstance(value, list):
        return _years(value)
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def _years(values: list) -> str:
    """A list of years as runs: [2012, 2014, 2015, 2016] -> '2012, 2014–2016'; 'none' when empty."""
    if not all(isinstance(v, int) for v in values):
        return ", ".join(map(str, values)) or "none"
    runs: list[list[int]] = []
    for year in sorted(values):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return (
        ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)
        or "none"
    )


def _blank(value) -> str:
    """A cell that may be empty."""
    return MISSING if value is None else str(value)
