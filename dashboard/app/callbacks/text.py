"""The Check a text page's button: the pasted text read and checked on the server (the sourced figures live there),
in memory only."""

from __future__ import annotations

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.data import AppData
from dashboard.app.text_page import check_text


def register(app, data: AppData) -> None:
    """Wire the text check."""

    @app.callback(
        Output(ids.TEXT_RESULT, "children"),
        Input(ids.TEXT_BUTTON, "n_clicks"),
        State(ids.TEXT_INPUT, "value"),
        prevent_initial_call=True,
    )
    def on_check(clicks, text):
        """Thin: `check_text` on the active datasets."""
        if not clicks:
            raise PreventUpdate
        return check_text(text, data.load(None))
