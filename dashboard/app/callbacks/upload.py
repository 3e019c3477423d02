"""The trade page's upload: decode the file in memory, check it against the targets, show the report or the ledger."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_to_bytes

import dash_bootstrap_components as dbc
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.callbacks.errors import LOG
from dashboard.app.data import AppData
from dashboard.app.display import for_display
from dashboard.app.upload import MAX_UPLOAD_BYTES
from dashboard.app.upload_view import report_view, result_view
from dashboard.errors import BilateralError
from dashboard.figures.upload import upload_figure
from dashboard.ingest import InputError, InputFile
from dashboard.ingest.source import refuse

DEFAULT_NAME = "upload.csv"
MB = 1024**2


def register(app, data: AppData) -> None:
    """Wire the upload callback; it also clears the picker's contents so the file is not kept in the page."""

    @app.callback(
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_REPLACE, "value"),
        prevent_initial_call=True,
        on_error=upload_failed,
    )
    def on_upload(contents, filename, replace):
        """Thin: `check_upload`, then forget the contents."""
        return check_upload(data, contents, filename, bool(replace)), None


def check_upload(data: AppData, contents: str | None, filename: str | None, replace: bool = False) -> list:
    """The report of a refused file or the ledger on an accepted one (the file's years over the bundled series,
    or with `replace` its series alone); nothing is written anywhere."""
    from dashboard.check import check_file  # the readers load with the first upload, not with the app

    if not contents:
        raise PreventUpdate
    name = filename or DEFAULT_NAME
    bundled = data.load(None)
    try:
        result = check_file(
            InputFile.from_bytes(decode_contents(contents, name), name), bundled=bundled, replace=replace
        )
    except InputError as error:
        return report_view(name, error.failures)
    figure = upload_figure(
        bundled.derived.trade_turnover,
        result.input.trade,
        file_name=name,
        bundled_version=result.bundled_versions.get("trade"),
    )
    return result_view(result, for_display(figure, follows_year_range=False))


def decode_contents(contents: str, name: str) -> bytes:
    """The bytes of a data URL as dcc.Upload sends it; InputError when too large or not decodable."""
    header, _, payload = contents.partition(",")
    encoded = header.endswith(";base64")
    size = len(payload) * 3 // 4 if encoded else len(payload)
    if size > MAX_UPLOAD_BYTES + 2:
        raise _too_large(name, size)
    try:
        raw = base64.b64decode(payload, validate=True) if encoded else unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        raise refuse(
            name, "upload", "the upload arrived damaged (its data could not be decoded): try again"
        ) from None
    if len(raw) > MAX_UPLOAD_BYTES:
        raise _too_large(name, len(raw))
    return raw


def upload_failed(error: Exception) -> tuple:
    """on_error of the upload: a message in the card (never a traceback), the error logged when unexpected."""
    if isinstance(error, BilateralError):
        text = f"The file could not be checked: {error}"
    else:
        LOG.error("upload check failed", exc_info=error)
        text = (
            f"The file could not be checked because of an internal error ({type(error).__name__}); it was "
            "logged. Nothing was stored. Try `bilateral check FILE` for the full report."
        )
    return dbc.Alert(text, color="danger", class_name="upload-failed py-2"), None


def _too_large(name: str, size: int) -> InputError:
    """The message for a file over the limit."""
    return refuse(
        name,
        "file size",
        f"the file is too large to check here ({size:,} bytes, {size / MB:.1f} MB); "
        f"the dashboard checks files up to {MAX_UPLOAD_BYTES:,} bytes "
        f"({MAX_UPLOAD_BYTES / MB:.0f} MB): run `bilateral check FILE` for larger ones",
    )
