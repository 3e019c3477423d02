"""The app shell around every page: navigation, the error alert, the page container and the source panel."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.data import AppData
from dashboard.app.pages import APP_TITLE, PAGES


def layout(data: AppData) -> html.Div:
    """The shell: navbar, the error alert, the page container and the source panel."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.NAVIGATE),
            html.A("Skip to the main content", href="#main", className="skip-link"),
            navbar(),
            html.Main(
                dbc.Container(
                    [
                        dbc.Alert(
                            id=ids.ERROR_ALERT,
                            color="danger",
                            is_open=False,
                            dismissable=True,
                            class_name="mt-2",
                        ),
                        dash.page_container,
                    ],
                    fluid="xl",
                    class_name="pb-4",
                ),
                id="main",
                tabIndex="-1",
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
                dbc.NavbarToggler(
                    id=ids.NAV_TOGGLE, n_clicks=0
                ),  # react-bootstrap names it "Toggle navigation"
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, class_name="ms-auto"),
                    id=ids.NAV_COLLAPSE,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid="xl",
        ),
        expand="md",
        color="dark",
        dark=True,
        class_name="py-1",
    )
