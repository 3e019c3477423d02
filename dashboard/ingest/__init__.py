"""Reading a user's file safely: native dataset CSVs and Comtrade exports, refused with located failures."""

from dashboard.ingest.native import NativeFile, read_dataset_file
from dashboard.ingest.reader import TradeInput, read_trade_input
from dashboard.ingest.source import InputError, InputFile

__all__ = ["InputError", "InputFile", "NativeFile", "TradeInput", "read_dataset_file", "read_trade_input"]
