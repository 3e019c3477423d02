"""The app shell around every page: navigation, the one year range, dataset choices, source panel, alerts."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.data import AppData
from dashboard.app.pages import APP_TITLE, PAGES

MARK_EVERY_YEARS = 10


def layout(data: AppData) -> html.Div:
    """The shell: navbar, year range, the error alert, the page container and the source panel."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.NAVIGATE),
            dcc.Download(id=ids.CSV_DOWNLOAD),
            navbar(),
            dbc.Container(
                [
                    controls(data),
                    dbc.Alert(
                        id=ids.ERROR_ALERT, color="danger", is_open=False, dismissable=True, class_name="mt-2"
                    ),
                    dash.page_container,
                ],
                fluid="xl",
                class_name="pb-4",
            ),
            dbc.Offcanvas(
                html.Div(id=ids.SOURCE_BODY),
                id=ids.SOURCE_PANEL,
                title="Source",
                placement="end",
                is_open=False,
                scrollable=True,
            ),
        ]
    )


def navbar() -> dbc.Navbar:
    """The brand and one link per page; callbacks keep the links' query strings in step with the view."""
    links = [
        dbc.NavItem(dbc.NavLink(page.label, href=page.path, id=ids.nav_link_id(page.key), active="exact"))
        for page in PAGES
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(APP_TITLE, href="/", class_name="fs-6"),
                dbc.Nav(links, navbar=True, class_name="flex-wrap"),
            ],
            fluid="xl",
        ),
        color="dark",
        dark=True,
        class_name="py-1",
    )


def controls(data: AppData) -> dbc.Card:
    """The year range every time chart on every page follows."""
    low, high = data.bounds
    first_mark = low + (-low % MARK_EVERY_YEARS)
    marks = {year: str(year) for year in range(first_mark, high + 1, MARK_EVERY_YEARS)}
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Label(
                    "Years shown on every time chart (or drag across a chart)",
                    html_for=ids.YEAR_SLIDER,
                    class_name="small mb-0",
                ),
                dcc.RangeSlider(
                    id=ids.YEAR_SLIDER,
                    min=low,
                    max=high,
                    step=1,
                    value=[low, high],
                    marks=marks,
                    allowCross=False,
                    tooltip={"placement": "bottom"},
                    className="year-slider",
                ),
            ],
            class_name="py-2",
        ),
        class_name="mt-2 shell-controls sticky-top",
    )
