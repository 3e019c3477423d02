"""Fixtures for callback tests: the bundled data behind a memoised loader, and two small stand-in figures."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.app.data import AppData, make_loader
from dashboard.figures.registry import FigureParams, FigureSpec


def _turnover(processed, params: FigureParams) -> go.Figure:
    """A time chart of turnover with a formula-like series name, its x axis honouring the year range."""
    frame = processed.derived.trade_turnover
    fig = go.Figure(
        go.Scatter(
            x=frame["year"],
            y=frame["value_usd_bn"],
            name="=turnover",
            customdata=[[s] for s in frame["source_id"]],
        )
    )
    fig.add_hline(y=20)
    if params.year_range:
        fig.update_xaxes(range=[params.year_range[0] - 0.5, params.year_range[1] + 0.5])
    return fig


def _ledger(processed, params: FigureParams) -> go.Figure:
    """A chart without a year axis: attainment by target."""
    ledger = processed.derived.ledger.dropna(subset=["attainment_pct"])
    return go.Figure(
        go.Bar(
            x=ledger["target_id"],
            y=ledger["attainment_pct"],
            name="attainment",
            customdata=[[s.split(";")[0]] for s in ledger["source_ids"]],
        )
    )


# The router's callback request for the overview: what a browser asks for to fill the page.
ROUTER = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
    "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": "/"},
        {"id": "_pages_location", "property": "search", "value": ""},
    ],
    "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    "state": [],
}

SPECS = {
    "turnover": FigureSpec("turnover", "Turnover", "trade", ("trade",), _turnover),
    "attainment": FigureSpec(
        "attainment", "Attainment", "overview", ("targets",), _ledger, follows_year_range=False
    ),
}


@pytest.fixture(scope="session")
def loader(tmp_path_factory):
    """The bundled data, processed once for the session in a throw-away cache."""
    return make_loader(cache_dir=tmp_path_factory.mktemp("processed"), as_of_year=2026)


@pytest.fixture
def data(loader) -> AppData:
    """The app's data with the two stand-in figures."""
    return AppData(loader, dict(SPECS))
