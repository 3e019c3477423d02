"""The pieces pages are built from: status badges, data choices, the year control, source details."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.data import PageYears
from dashboard.figures.style import STATUS_COLOURS, STATUS_WORDS
from dashboard.formatting import MISSING, amount, is_missing

STATUS_SYMBOLS = {
    "met": "✓",
    "missed": "✗",
    "on_track": "↗",
    "acceleration_needed": "→",
    "limited_progress": "↘",
    "deterioration": "↓",
    "reached": "✓",
    "not_yet_reached": "…",
    "no_observation": "?",
}
STATUS_LABELS = {status: f"{symbol} {STATUS_WORDS[status]}" for status, symbol in STATUS_SYMBOLS.items()}
DEFAULT_VINTAGE = "newest"
# the year slider's marks fall on multiples of the first step that fits
MARK_STEPS_YEARS = (10, 20, 25, 50, 100)
MAX_MARKS = 5  # a 390 px phone's slider shows five year labels apart


def status_badge(status: str) -> dbc.Badge:
    """A badge naming the status in words and a symbol (dark on white, readable), with the status's colour from
    the colour-blind-safe palette as a thick left edge: the colour repeats the word, never replaces it."""
    return dbc.Badge(
        STATUS_LABELS.get(status, status),
        color="light",
        text_color="dark",
        class_name="status-badge",
        pill=True,
        style={"borderLeft": f"0.6em solid {STATUS_COLOURS.get(status, '#999999')}"},
    )


def shortfall(value, unit: str | None) -> str:
    """A shortfall with its unit; a negative one (the target exceeded) says so."""
    if is_missing(value) or value >= 0:
        return amount(value, unit)
    return f"exceeded by {amount(-value, unit)}"


def goal(row: dict) -> str:
    """A ledger row's target: a value, or a range 'US$60 bn to US$80 bn'."""
    if pd.notna(row["target_value"]):
        return amount(row["target_value"], row["unit"])
    return f"{amount(row['target_low'], row['unit'])} to {amount(row['target_high'], row['unit'])}"


def data_choices(
    choices: dict[str, list[str]], chosen: dict[str, str | None], active_trade: str | None
) -> dbc.Row | None:
    """Selects of the trade data version and the SIPRI vintage a page's charts are drawn on (None: no choice), each
    with an Apply button: a choice redraws the page only when applied (the button, or Enter in the select), never
    on each arrow key through the options (WCAG 3.2.2)."""
    labels = {ids.TRADE_CHOICE: "Trade data version", ids.VINTAGE_CHOICE: "SIPRI vintage (arms transfers)"}
    columns = []
    for name, values in choices.items():
        options = [
            {"label": f"{v} (active)" if name == ids.TRADE_CHOICE and v == active_trade else v, "value": v}
            for v in values
        ]
        if name == ids.VINTAGE_CHOICE:
            options.insert(0, {"label": "newest (default)", "value": DEFAULT_VINTAGE})
        select = dbc.Select(id=ids.data_choice_id(name), options=options, value=chosen[name], size="sm")
        label = dbc.Label(
            labels[name], html_for=ids.dom_id(ids.data_choice_id(name)), class_name="small mb-0"
        )
        apply = dbc.Button(
            "Apply",
            id=ids.data_apply_id(name),
            n_clicks=0,
            size="sm",
            color="secondary",
            class_name="data-apply",
        )
        columns.append(dbc.Col([label, dbc.InputGroup([select, apply], size="sm")], md=4))
    return dbc.Row(columns, class_name="g-2 mb-2 data-choices") if columns else None


def year_controls(page: str, years: PageYears, value: tuple[int, int]) -> dbc.Card:
    """The years a page's time charts show: a range slider over the page's own data, with year boxes."""
    low, high = years.bounds
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Label(
                    f"Years shown on this page's time charts ({low}-{high} available; or drag across a chart)",
                    html_for=ids.dom_id(ids.year_slider_id(page)),
                    class_name="small mb-0",
                ),
                dcc.RangeSlider(
                    id=ids.year_slider_id(page),
                    min=low,
                    max=high,
                    step=1,
                    value=list(value),
                    marks={year: str(year) for year in mark_years(low, high)},
                    allowCross=False,
                    tooltip={"placement": "bottom"},
                    className="year-slider",
                ),
            ],
            class_name="py-2",
        ),
        class_name="mt-2 mb-2 shell-controls sticky-top",
    )


def mark_years(low: int, high: int) -> list[int]:
    """The years the slider labels between `low` and `high`: multiples of the first step in MARK_STEPS_YEARS that
    gives at most MAX_MARKS of them (a century's span on a phone was thirteen labels run together)."""
    for step in MARK_STEPS_YEARS:
        marks = list(range(low + (-low % step), high + 1, step))
        if len(marks) <= MAX_MARKS:
            return marks
    return marks


def source_details(record: dict | None, source_id: str, point: dict) -> list:
    """The source of a clicked point: what was clicked, then publisher, date, quote, reliability, link, footnote."""
    clicked = html.P(
        [html.Strong(point.get("series") or "Point"), f": {point.get('x')} → {point.get('y')}"],
        className="small text-muted",
    )
    if record is None:
        return [clicked, dbc.Alert(f"Source id '{source_id}' is not in the bibliography.", color="warning")]
    footnote = record.get("footnote")
    rows = [
        ("Publisher", record.get("publisher")),
        ("Published", record.get("published")),
        ("Reliability", record.get("reliability")),
        ("Source id", source_id),
    ]
    if footnote is not None and not _blank(footnote):
        rows.append(("Footnote", f"note {footnote} of the 2002 article"))
    url = record.get("url")
    return [
        clicked,
        html.Blockquote(
            html.P(record.get("quote") or MISSING, className="source-quote mb-0"),
            className="blockquote border-start border-3 ps-3",
        ),
        dbc.Table(
            html.Tbody(
                [html.Tr([html.Th(k, scope="row"), html.Td(str(v))]) for k, v in rows if not _blank(v)]
            ),
            size="sm",
            class_name="source-table",
        ),
        html.A("Open the source ↗", href=url, target="_blank", rel="noopener noreferrer")
        if not _blank(url)
        else None,
        html.P(record.get("note"), className="small text-muted mt-2")
        if not _blank(record.get("note"))
        else None,
    ]


def _blank(value) -> bool:
    """True for None, NA, NaN and empty text."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
