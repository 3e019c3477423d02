"""The trade page's upload card: a CSV picked or dropped is checked against the targets, in memory, never stored."""

from __future__ import annotations

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app import ids

MAX_UPLOAD_BYTES = 1024 * 1024  # files up to this size are checked; larger ones get a message
PICKER_MAX_BYTES = (
    1_280 * 1024
)  # the browser sends nothing larger (its base64 fits the server's request limit)
BASE64_MARGIN_BYTES = 64 * 1024  # room for the rest of a callback request around the base64 contents
INTRO = (
    "Upload a CSV with a year column and one value column (turnover_usd_bn, exports_usd_bn or "
    "imports_usd_bn), a CSV with the trade dataset's columns, or a UN Comtrade export (Plus, 47 columns, or "
    "legacy, 35 columns; only its China-Russia total rows count). Every stated target is judged again with the "
    "file's years over the bundled series and compared with the bundled version. "
)
TEMPLATE_NAME = "bilateral_trade_template.csv"


def upload_card() -> dbc.Card:
    """The card: what may be uploaded, the drop zone, and where the report or recomputed ledger appears."""
    from dashboard.ingest.minimal import TEMPLATE  # the readers load when the trade page is first built

    notice = (
        " the file is checked in memory and forgotten. CSV UTF-8, up to "
        f"{MAX_UPLOAD_BYTES // 1024**2} MB; for larger files run "
    )
    picker = dcc.Upload(
        id=ids.UPLOAD,
        multiple=False,
        max_size=PICKER_MAX_BYTES,
        children=html.Div(
            [
                "Drag a CSV file here or ",
                html.Span("choose a file", className="text-primary text-decoration-underline"),
            ]
        ),
        className="upload-drop border border-2 border-secondary-subtle rounded p-3 text-center",
        className_active="upload-drop border border-2 border-primary rounded p-3 text-center bg-light",
    )
    return dbc.Card(
        [
            dbc.CardHeader(html.H2("Check your own trade figures", className="h6 mb-0")),
            dbc.CardBody(
                [
                    html.P(
                        [
                            INTRO,
                            html.Strong("Nothing is stored:"),
                            notice,
                            html.Code("bilateral check FILE"),
                            ".",
                        ],
                        className="small",
                    ),
                    html.P(
                        html.A(
                            "Download a template CSV",
                            href="data:text/csv;charset=utf-8," + quote(TEMPLATE),
                            download=TEMPLATE_NAME,
                            className="upload-template",
                        ),
                        className="small mb-2",
                    ),
                    dbc.Checkbox(
                        id=ids.UPLOAD_REPLACE,
                        value=False,
                        label="Judge my series alone (do not merge it over the bundled years)",
                        class_name="small mb-2",
                    ),
                    picker,
                    dcc.Loading(
                        html.Div(id=ids.UPLOAD_RESULT, className="upload-result mt-3"), type="default"
                    ),
                ],
                class_name="p-2",
            ),
        ],
        class_name="mb-3 upload-card",
    )
