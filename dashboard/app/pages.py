"""The dashboard's pages, registered with Dash Pages; each layout reads its view from the query string."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.claims_page import VERDICT_PARAM, claims_content
from dashboard.app.components import (
    DEFAULT_VINTAGE,
    data_choices,
    goal,
    status_badge,
    year_controls,
)
from dashboard.app.data import AppData, arms_vintages, version_choices
from dashboard.app.frame import chart_frame
from dashboard.app.overview import indicator_lines, ledger_table
from dashboard.app.text_page import text_form
from dashboard.app.upload import upload_card
from dashboard.app.view import View, href, parse_query
from dashboard.errors import BilateralError
from dashboard.figures import disagreements
from dashboard.figures.describe import describe
from dashboard.formatting import amount, percent, version_label
from dashboard.processed import Processed
from dashboard.verdicts import verdict_line

APP_TITLE = "Sino-Russian bilateral indicators"
PAGE_PARAMS = ("verdict",)  # query parameters beyond the view that change a page (the Claims filter)


@dataclass(frozen=True)
class Page:
    """A page: its registry name, address, navigation label and a line saying what it shows."""

    key: str
    path: str
    label: str
    description: str


PAGES = (
    Page("overview", "/", "Overview", "Every stated target against the actual outcome."),
    Page(
        "trade",
        "/trade",
        "Trade",
        "turnover by year against every stated target, China's exports and imports, "
        "and the 2002 article's figures against the current series.",
    ),
    Page(
        "arms",
        "/arms",
        "Arms",
        "Russia's arms transfers to China (SIPRI TIV), Russia's total exports and "
        "China's share of them; the article's money-value figures shown apart.",
    ),
    Page(
        "border",
        "/border",
        "Border",
        "the 1997 ceilings on forces within 100 km of the border, and the "
        "conflicting figures for the border's length.",
    ),
    Page(
        "migration",
        "/migration",
        "Migration",
        "estimates of the Chinese in Russia as ranges: press claims, "
        "specialists' estimates and census counts.",
    ),
    Page(
        "energy",
        "/energy",
        "Energy",
        "deliveries against contracts and plans: Yukos rail oil, Power of Siberia gas.",
    ),
    Page(
        "claims",
        "/claims",
        "2002 claims",
        "every quantitative claim of the 2002 article against what later sources say.",
    ),
    Page(
        "text",
        "/check-text",
        "Check a text",
        "every statement of China-Russia trade in a text you paste, held against the sourced figures.",
    ),
)
PATHS = {page.key: page.path for page in PAGES}


def register(data: AppData) -> None:
    """Register every page with Dash Pages; call after the Dash app exists."""
    for order, page in enumerate(PAGES):
        build = {
            "overview": partial(overview_layout, data),
            "claims": partial(claims_layout, data),
            "text": partial(text_layout, data),
        }.get(page.key, partial(chart_layout, data, page))
        layout = partial(_cached_layout, data, page.key, build)
        dash.register_page(
            f"dashboard.app.pages.{page.key}",
            path=page.path,
            name=page.label,
            order=order,
            title=f"{page.label} · {APP_TITLE}",
            description=page.description,
            layout=layout,
        )


def overview_layout(data: AppData, **query) -> html.Div:
    """The overview: the answer first (the verdict in a sentence and the verdict board), then the choices, a line
    per indicator and the ledger as a table."""
    resolved = _resolve(data, query)
    if isinstance(resolved, dbc.Alert):
        return html.Div(resolved)
    view, processed, notes = resolved
    ledger = processed.derived.ledger
    ledger_csv = f"/api/v1/ledger.csv{View(versions=view.versions).search()}"
    return html.Div(
        [
            html.H1("What China and Russia promised each other, and what happened", className="h3 mt-2"),
            html.P(
                [html.Strong(verdict_line(ledger)), f" Judged as of {processed.as_of_year}."],
                className="lead fs-6 verdict-line mb-2",
            ),
            *notes,
            _version_banner(data, view, processed, "/"),
            *_cards(data, "overview", view, processed),
            _choices(data, "overview", view, processed),
            html.H2("The indicators", className="h5 mt-3"),
            indicator_lines(
                ledger,
                processed.derived.actuals,
                [(p.key, p.label, p.description) for p in PAGES if p.key != "overview"],
                view,
            ),
            dbc.Card(
                [
                    dbc.CardHeader(
                        html.Div(
                            [
                                html.H2("Every target in a table", className="h6 mb-0"),
                                html.A(
                                    "Download the table (CSV)",
                                    href=ledger_csv,
                                    download=f"ledger_as-of-{processed.as_of_year}_{_trade_stem(processed)}.csv",
                                    className="btn btn-sm btn-outline-dark",
                                ),
                            ],
                            className="d-flex justify-content-between align-items-center flex-wrap gap-2",
                        )
                    ),
                    dbc.CardBody(ledger_table(ledger, view, PATHS), class_name="p-0"),
                ],
                class_name="mb-3",
            ),
        ]
    )


def claims_layout(data: AppData, **query) -> html.Div:
    """The 2002 article's claims, each with its verdict against later evidence (`?verdict=` filters)."""
    resolved = _resolve(data, query)
    if isinstance(resolved, dbc.Alert):
        return html.Div(resolved)
    view, processed, notes = resolved
    verdict = query.get(VERDICT_PARAM)
    return html.Div(
        [
            html.H1("What the 2002 article said, against what later sources say", className="h3 mt-2"),
            *notes,
            *claims_content(processed, view, verdict if isinstance(verdict, str) else None),
        ]
    )


def text_layout(data: AppData, **query) -> html.Div:
    """The Check a text page: a text box and the verdict on each trade statement in it."""
    return html.Div([html.H1("Check a text against the sourced figures", className="h3 mt-2"), *text_form()])


def chart_layout(data: AppData, page: Page, **query) -> html.Div:
    """A chart page: heading, the highlighted target if any, and the page's registered figures."""
    resolved = _resolve(data, query)
    if isinstance(resolved, dbc.Alert):
        return html.Div(resolved)
    view, processed, notes = resolved
    return html.Div(
        [
            html.H1(page.label, className="h3 mt-2"),
            html.P(page.description[0].upper() + page.description[1:], className="lead fs-6"),
            *notes,
            _version_banner(data, view, processed, page.path),
            _year_controls(data, page.key, view),
            _choices(data, page.key, view, processed),
            _highlight(processed, view, page.path),
            *_cards(data, page.key, view, processed),
            upload_card() if page.key == "trade" else None,
        ]
    )


def _cached_layout(data: AppData, key: str, build, **query):
    """The page for a query, built once per page and checked view (the first visit pays, the rest share it); an
    address that cannot be shown is answered each time."""
    try:
        view, problems = data.checked(parse_query(query, data.datasets))
    except BilateralError:
        return build(**query)
    extra = tuple((name, str(query.get(name))) for name in PAGE_PARAMS if query.get(name))
    return data.layout((key, view, tuple(problems), extra), lambda: build(**query), view)


def _resolve(data: AppData, query: dict) -> tuple[View, Processed, list] | dbc.Alert:
    """The view and tables a query asks for, with notes on what was ignored; an alert when they cannot load."""
    try:
        view, problems = data.checked(parse_query(query, data.datasets))
    except BilateralError as error:
        return dbc.Alert(
            [
                html.Strong("This view cannot be shown. "),
                str(error),
                html.Div(dcc.Link("Open the default view", href="/")),
            ],
            color="danger",
        )
    return view, data.processed(view), [dbc.Alert(problem, color="warning") for problem in problems]


def _choices(data: AppData, page: str, view: View, processed: Processed):
    """The trade data version and SIPRI vintage selects, where the page's charts show those datasets."""
    shown = {name for spec in data.for_page(page) for name in spec.datasets}
    choices = {}
    if "trade" in shown:
        choices[ids.TRADE_CHOICE] = version_choices(processed)
    if "arms" in shown:
        choices[ids.VINTAGE_CHOICE] = arms_vintages(processed)
    chosen = {
        ids.TRADE_CHOICE: processed.versions.get("trade"),
        ids.VINTAGE_CHOICE: view.vintage or DEFAULT_VINTAGE,
    }
    return data_choices(choices, chosen, data.active_versions.get("trade"))


def _year_controls(data: AppData, page: str, view: View):
    """The page's year control, on the view's years or the page's default (None: no time chart here)."""
    years = data.page_years(page, view)
    if years is None:
        return None
    low, high = data.years_shown(page, view) or years.default
    bounds = years.bounds
    return year_controls(
        page, years, (min(max(low, bounds[0]), bounds[1]), max(min(high, bounds[1]), bounds[0]))
    )


def _cards(data: AppData, page: str, view: View, processed: Processed) -> list:
    """The framed charts of a page's registered figures, each followed by where its sources disagree."""
    specs = data.for_page(page)
    notes = (
        disagreements.by_chart(
            disagreements.notes(
                processed.frames["trade"], processed.derived.trade_customs_gaps, processed.frames["sources"]
            )
        )
        if any("trade" in spec.datasets for spec in specs) and "trade" in processed.frames
        else {}
    )
    cards: list = []
    for position, spec in enumerate(specs):
        cards.append(
            chart_frame(
                spec,
                data.shown(spec.name, view),
                processed,
                view,
                data.years_shown(page, view) if spec.follows_year_range else None,
                describe(data.figure(spec.name, view), spec.title),
                first=position == 0,
            )
        )
        if notes.get(spec.name):
            cards.append(disagreement_notes(spec.name, notes[spec.name]))
    return cards


def disagreement_notes(chart: str, texts: list[str]) -> html.Details:
    """Where the sources of a chart's figures disagree, under the chart: a summary naming the years (a warning
    sign and words, never colour alone) that opens to one sentence per disagreement."""
    years = sorted({text[:4] for text in texts if text[:4].isdigit()})
    count = f"{len(texts)} note{'' if len(texts) == 1 else 's'}"
    return html.Details(
        [
            html.Summary(
                [
                    html.Span("⚠ ", **{"aria-hidden": "true"}),  # type: ignore[arg-type]  # aria-* wildcard
                    html.Strong("Where sources disagree"),
                    f" on this chart's figures: {', '.join(years)} ({count})",
                ],
                className="disagreements-summary",
            ),
            html.Ul([html.Li(text) for text in texts], className="mb-0 mt-2"),
        ],
        id=f"disagreements-{chart}",
        className="chart-disagreements small border rounded bg-light px-3 py-2 mb-3",
    )


def _version_banner(data: AppData, view: View, processed: Processed, path: str):
    """A banner whenever the trade data in view is not the current series, with the way back."""
    version = processed.versions.get("trade")
    if version is None or version == data.active_versions.get("trade"):
        return None
    label = version_label("trade", version)
    return dbc.Alert(
        [
            html.Strong("Not the current series: "),
            f"the trade figures on this page are {label[0].lower() + label[1:]}. ",
            dcc.Link(
                "Show the current series",
                href=href(path, view.with_version("trade", None)),
                className="alert-link",
            ),
        ],
        color="info",
        class_name="py-2 version-banner",
    )


def _trade_stem(processed: Processed) -> str:
    """'trade-2026-11-28' for file names."""
    return f"trade-{processed.versions.get('trade', '')}"


def _highlight(processed: Processed, view: View, path: str):
    """A banner naming the highlighted target and its verdict, with a link that clears it."""
    if not view.target:
        return None
    ledger = processed.derived.ledger
    row = ledger[ledger["target_id"] == view.target].iloc[0].to_dict()
    return dbc.Alert(
        [
            html.Strong("Highlighted target: "),
            html.Span(row["title"], className="highlight-title"),
            " ",
            status_badge(row["status"]),
            html.Span(f" Target {goal(row)}", className="small"),
            html.Span(
                f"; actual {amount(row['actual_at_deadline'], row['unit'])}, attainment "
                f"{percent(row['attainment_pct'])}."
                if pd.notna(row["actual_at_deadline"])
                else ".",
                className="small",
            ),
            " ",
            dcc.Link("Clear", href=href(path, replace(view, target=None)), className="small alert-link"),
        ],
        color="light",
        class_name="border highlight-banner py-2",
    )
