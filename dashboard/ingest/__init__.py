"""Reading a user's file safely: native dataset CSVs and Comtrade exports, refused with located failures.

The names below are imported from their modules when first used (PEP 562), so that a module needing only
`dashboard.ingest.source` (the app's text page) does not import the readers and their schemas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.ingest.native import NativeFile, read_dataset_file
    from dashboard.ingest.reader import TradeInput, read_trade_input
    from dashboard.ingest.source import InputError, InputFile

_HOMES = {
    "InputError": "dashboard.ingest.source",
    "InputFile": "dashboard.ingest.source",
    "NativeFile": "dashboard.ingest.native",
    "read_dataset_file": "dashboard.ingest.native",
    "TradeInput": "dashboard.ingest.reader",
    "read_trade_input": "dashboard.ingest.reader",
}
__all__ = ["InputError", "InputFile", "NativeFile", "TradeInput", "read_dataset_file", "read_trade_input"]


def __getattr__(name: str):
    """The public name from its home module, imported on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
