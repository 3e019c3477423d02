"""A callback that fails shows a message in the page (an alert), never a broken view or an HTTP 500."""

from __future__ import annotations

import logging

from dash import ctx, no_update, set_props

from dashboard.app import ids
from dashboard.errors import BilateralError

LOG = logging.getLogger("dashboard.app")


def on_error(error: Exception) -> None:
    """Dash's on_error handler: log the failure, show it in the shell's alert, leave every output unchanged."""
    set_props(ids.ERROR_ALERT, {"children": error_message(error), "is_open": True})
    if not isinstance(error, BilateralError):
        LOG.error("callback failed", exc_info=error)


def on_error_each(error: Exception) -> list:
    """on_error for a callback whose one output is a wildcard: Dash needs a no_update per matched component."""
    on_error(error)
    return [no_update] * len(ctx.outputs_list)


def error_message(error: Exception) -> str:
    """What a person reads: the message of an expected problem; for a bug, its kind and that it was logged."""
    if isinstance(error, BilateralError):
        return f"This view cannot be shown: {error}"
    return (
        f"Something went wrong while updating this view ({type(error).__name__}); the error was logged. "
        "The rest of the page still works; reload to start again."
    )
