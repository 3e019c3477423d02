"""The "Check a text" page: paste a text, see each trade statement in it held against the sourced figures (the
same reading and verdicts as `bilateral verify`), nothing stored."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app import ids
from dashboard.formatting import name_sources, publishers_of
from dashboard.ingest.source import InputError, InputFile
from dashboard.processed import Processed
from dashboard.statements import MAX_TEXT_BYTES, Evidence, verify_file

TEXT_NAME = "your text"
VERDICT_WORDS = {
    "consistent": "Consistent",
    "inconsistent": "Inconsistent",
    "target": "A stated target",
    "not_checkable": "Cannot be checked",
}
EXAMPLE = (
    "Trade passed $100 bn in 2018. Товарооборот в 2021 году составил 147 млрд долларов. "
    "2022年中俄贸易额突破1900亿美元。"
)


def text_form() -> list:
    """The page's form: a text box (100 kB at most), the button, and where the verdicts go."""
    return [
        html.P(
            [
                (
                    "Paste a text in English, Russian or Chinese. Every statement of China-Russia trade in it (a level, "
                    "a growth rate, a target) is read, its number normalised, and held against the sourced figures: on "
                    "whose figures it holds, or how far it is from them. "
                ),
                html.Strong("Nothing is stored."),
                f" Up to {MAX_TEXT_BYTES // 1024} kB; the same check runs as ",
                html.Code("bilateral verify FILE"),
                ".",
            ]
        ),
        dbc.Label("The text to check", html_for=ids.TEXT_INPUT),
        dcc.Textarea(
            id=ids.TEXT_INPUT,
            value=EXAMPLE,
            maxLength=MAX_TEXT_BYTES,
            className="form-control mb-2",
            style={"height": "10rem"},
        ),
        dbc.Button("Check the text", id=ids.TEXT_BUTTON, color="dark", class_name="mb-3"),
        dcc.Loading(html.Div(id=ids.TEXT_RESULT, role="status"), type="default"),
    ]


def check_text(text: str | None, processed: Processed) -> html.Div:
    """The verdict on every statement of the text, or why the text cannot be checked (in words)."""
    data = (text or "").encode("utf-8")
    try:
        claims = verify_file(InputFile.from_bytes(data, TEXT_NAME), evidence_of(processed))
    except InputError as error:
        return html.Div(dbc.Alert(str(error), color="warning"))
    publishers = publishers_of(processed.frames["sources"])
    head = html.Thead(
        html.Tr([html.Th(h, scope="col") for h in ("Sentence", "Read as", "Verdict", "Evidence")])
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(claim["sentence"]),
                    html.Td(claim["as_read"]),
                    html.Td(VERDICT_WORDS.get(claim["verdict"], claim["verdict"])),
                    html.Td(name_sources(claim["evidence"], publishers)),
                ]
            )
            for claim in claims
        ]
    )
    return html.Div(
        [
            html.P(f"{len(claims)} statement(s) read.", className="small"),
            html.Div(
                dbc.Table([head, body], size="sm", class_name="text-check-table"),
                className="table-responsive",
            ),
        ]
    )


def evidence_of(processed: Processed) -> Evidence:
    """The sourced trade figures and stated targets a statement is held against."""
    return Evidence.from_frames(processed.frames["trade"], processed.frames["targets"])
