"""Charts in words (dashboard/figures/describe.py): hand-built figures with hand-worked sentences, and the trade
chart drawn from the bundled data against values read from datasets/trade/2026-11-28/trade.csv."""

import plotly.graph_objects as go
import pytest

from dashboard.figures.describe import describe, value_text
from dashboard.figures.registry import registered
from dashboard.processed import build


def test_a_line_with_its_target_marker_and_an_events_layer_left_out():
    fig = go.Figure(
        [
            go.Scatter(
                x=[1991, 2000, 2010, 2020],
                y=[3.9, 8.0, 59.3, 107.8],
                mode="lines",
                name="Turnover",
                legendgroup="t",
                hoverinfo="skip",
            ),
            go.Scatter(
                x=[1991, 2000, 2010, 2020],
                y=[3.9, 8.0, 59.3, 107.8],
                mode="markers",
                name="Turnover points",
                legendgroup="t",
                showlegend=False,
            ),
            go.Scatter(x=[2000], y=[20.0], mode="markers", name="US$20 bn by 2000"),
            go.Scatter(x=[1989, 2001], y=[1.0, 1.0], mode="markers", name="Events", yaxis="y2"),
        ],
        layout={"yaxis": {"title": {"text": "Turnover, US$ bn"}}, "yaxis2": {"overlaying": "y"}},
    )
    assert describe(fig, "Trade turnover") == (
        "Line and dot chart: Trade turnover, 1991-2020. Turnover: from US$3.9 bn in 1991 to US$107.8 bn in "
        "2020; US$20 bn by 2000: US$20 bn in 2000."
    )


def test_a_peak_and_a_trough_inside_the_years_are_named():
    fig = go.Figure(
        go.Scatter(x=[2020, 2021, 2022, 2023], y=[4.1, 10.4, 2.0, 22.7], mode="lines+markers", name="Gas"),
        layout={"yaxis": {"title": {"text": "bcm"}}},
    )
    assert describe(fig, "Deliveries") == (
        "Line chart: Deliveries, 2020-2023. Gas: from 4.1 bcm in 2020 to 22.7 bcm in 2023, lowest 2 bcm in 2022."
    )
    fig = go.Figure(
        go.Scatter(x=[2020, 2021, 2022], y=[100, 150, 120], mode="lines", name="Turnover"),
        layout={"yaxis": {"title": {"text": "Turnover, US$ bn"}}},
    )
    assert describe(fig, "T") == (
        "Line chart: T, 2020-2022. Turnover: from US$100 bn in 2020 to US$120 bn in 2022, highest US$150 bn "
        "in 2021."
    )


def test_bars_by_category_each_in_its_own_axis_unit_and_horizontal_bars_in_percent():
    fig = go.Figure(
        [
            go.Bar(x=["Troops"], y=[130400], name="China", xaxis="x", yaxis="y"),
            go.Bar(x=["Tanks"], y=[3900], name="China", legendgroup="China", xaxis="x2", yaxis="y2"),
        ],
        layout={
            "yaxis": {"title": {"text": "troops"}},
            "yaxis2": {"title": {"text": "tanks"}, "anchor": "x2"},
            "xaxis2": {"anchor": "y2"},
        },
    )
    assert (
        describe(fig, "Ceilings") == "Bar chart: Ceilings. China: Troops 130,400 troops, Tanks 3,900 tanks."
    )
    fig = go.Figure(
        go.Bar(orientation="h", y=["a", "b", "c", "d"], x=[40.0, 122.4, 7.56, 60.0], name="Targets"),
        layout={
            "xaxis": {"title": {"text": "Attainment, % of target"}},
            "yaxis": {"tickvals": ["a", "b"], "ticktext": ["First <b>target</b>", "Second"]},
        },
    )
    assert describe(fig, "Attainment") == (
        "Horizontal bar chart: Attainment. Targets: First target 40%, Second 122%, c 7.6% and 1 more."
    )


def test_many_series_are_counted_a_log_axis_is_said_and_an_empty_chart_says_so():
    fig = go.Figure(
        [go.Scatter(x=[2002], y=[10.0 * (i + 1)], mode="markers", name=f"S{i}") for i in range(6)],
        layout={"yaxis": {"type": "log", "title": {"text": "persons, log scale"}}},
    )
    assert describe(fig, "Estimates.", max_series=2) == (
        "Dot chart: Estimates, 2002, on a log scale. S0: 10 persons in 2002; S1: 20 persons in 2002; and 4 more "
        "series."
    )
    empty = go.Figure(go.Scatter(x=[None], y=[None], name="legend only"))
    assert describe(empty, "Nothing") == "Chart: Nothing. It shows no data."


@pytest.mark.parametrize(
    ("value", "axis", "words"),
    [
        (8.0, "Turnover, US$ bn", "US$8 bn"),
        (244.81, "Goods trade, US$ bn", "US$244.8 bn"),
        (49.08, "% of Soviet/Russian arms exports", "49%"),
        (4492.21, "TIV, US$ m (1990 prices)", "US$4,492 m (1990 prices)"),
        (57459.0, "persons, log scale", "57,459 persons"),
        (22.7, "bcm", "22.7 bcm"),
    ],
)
def test_values_take_the_unit_their_axis_names(value, axis, words):
    assert value_text(value, axis) == words


def test_the_trade_chart_from_the_bundled_data():
    """1991: 3.9 (the only sourced level); 2024: 244.81, the highest; 2025: 228.105 (trade.csv, preferred rows)."""
    processed = build(cache_dir=None, as_of_year=2026)
    text = describe(registered()["trade_pledges"].render(processed), "Trade turnover")
    assert text.startswith("Line and dot chart: Trade turnover, 1991-2025.")
    assert "from US$3.9 bn in 1991 to US$228.1 bn in 2025, highest US$244.8 bn in 2024" in text
