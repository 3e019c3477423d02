"""The app's callbacks, one module per behaviour; each reads inputs, picks prepared tables, calls a builder."""

from __future__ import annotations

from dashboard.app.callbacks import frame, hover, navigation, sources, text, upload, year_range
from dashboard.app.data import AppData


def register_all(app, data: AppData) -> None:
    """Wire every callback to `app`."""
    year_range.register(app, data)
    hover.register(app, data)
    sources.register(app, data)
    frame.register(app, data)
    navigation.register(app, data)
    upload.register(app, data)
    text.register(app, data)
