"""The Dash app: `create_app(loader)` and the pages, shell and callbacks it wires together."""

from dashboard.app.data import make_loader
from dashboard.app.factory import create_app

__all__ = ["create_app", "make_loader"]
