"""The ledger chart: one bar per target by attainment, status by colour, pattern and text, sources on every bar."""

import pandas as pd
import pytest

from dashboard.figures import style
from dashboard.figures.ledger import SPECS, attainment_figure
from dashboard.figures.registry import PAGES, FigureParams
from dashboard.figures.shown import shown_rows

COLUMNS = [
    "target_id",
    "title",
    "measure",
    "unit",
    "target_value",
    "target_low",
    "target_high",
    "actual_at_deadline",
    "actual_year",
    "attainment_pct",
    "status",
    "source_ids",
]
# Typed from the sources: 8.0 of 20 (2000); 55.45 of 60-80 (2010); 244.81 of 200 (2024); no border count.
ROWS = [
    (
        "trade_20bn_by_2000",
        "US$20 bn by 2000",
        "trade_turnover_usd_bn",
        "usd_bn",
        20.0,
        None,
        None,
        8.0,
        2000,
        40.0,
        "missed",
        "article-19021;targets-2002-01-pravda-ru",
    ),
    (
        "trade_60_80bn_by_2010",
        "US$60-80 bn by 2010",
        "trade_turnover_usd_bn",
        "usd_bn",
        None,
        60.0,
        80.0,
        55.45,
        2010,
        92.416667,
        "missed",
        "targets-nd-jiaoxuezhishi-com",
    ),
    (
        "trade_200bn_by_2024",
        "US$200 bn by 2024",
        "trade_turnover_usd_bn",
        "usd_bn",
        200.0,
        None,
        None,
        244.81,
        2024,
        122.405,
        "met",
        "targets-2018-10-rt;targets-2023-11-sputnik",
    ),
    (
        "border_troops_ceiling_1997",
        "Border troops ceiling",
        "border_troops_per_side",
        "troops",
        130400.0,
        None,
        None,
        None,
        None,
        None,
        "no_observation",
        "article-13996;article-14054",
    ),
]


@pytest.fixture
def ledger() -> pd.DataFrame:
    """A four-target ledger: two missed, one met, one without observation."""
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    return frame.astype({"actual_year": "Int64"})


def _trace(fig, name):
    """The one trace called `name`."""
    matches = [trace for trace in fig.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def test_one_trace_per_status_in_colour_pattern_and_text(ledger):
    fig = attainment_figure(ledger)
    assert [trace.name for trace in fig.data] == ["met", "missed", "no observation"]
    missed, met = _trace(fig, "missed"), _trace(fig, "met")
    assert missed.marker.color == style.STATUS_COLOURS["missed"]
    assert met.marker.color == style.STATUS_COLOURS["met"]
    assert missed.marker.pattern.shape != met.marker.pattern.shape
    assert list(missed.text) == ["missed · 40%", "missed · 92%"]
    assert list(met.text) == ["met · 122%"]


def test_bars_show_attainment_with_titles_as_labels(ledger):
    fig = attainment_figure(ledger)
    missed = _trace(fig, "missed")
    assert missed.orientation == "h"
    assert list(missed.y) == ["US$20 bn by 2000", "US$60-80 bn by 2010"]
    assert list(missed.x) == pytest.approx([40.0, 92.416667])
    assert list(fig.layout.yaxis.categoryarray) == [row[1] for row in ROWS][::-1]  # first target on top


def test_customdata_starts_with_first_source_then_target_id(ledger):
    fig = attainment_figure(ledger)
    met, empty = _trace(fig, "met"), _trace(fig, "no observation")
    assert [list(row[:2]) for row in met.customdata] == [["targets-2018-10-rt", "trade_200bn_by_2024"]]
    assert [list(row[:2]) for row in empty.customdata] == [["article-13996", "border_troops_ceiling_1997"]]
    assert "8 US$ bn (2000) against 20 US$ bn" in _trace(fig, "missed").customdata[0][3]
    assert "60-80 US$ bn" in _trace(fig, "missed").customdata[1][3]


def test_target_without_observation_is_a_labelled_empty_row(ledger):
    fig = attainment_figure(ledger)
    empty = _trace(fig, "no observation")
    assert list(empty.y) == ["Border troops ceiling"]
    assert list(empty.x) == [None]
    labels = [a for a in fig.layout.annotations if a.name == "empty:border_troops_ceiling_1997"]
    assert len(labels) == 1 and labels[0].text == "no observation" and labels[0].y == "Border troops ceiling"
    rows = shown_rows(fig)
    assert "article-13996" in set(rows["source_id"]) and len(rows) == 4


def test_hundred_percent_reference_line(ledger):
    fig = attainment_figure(ledger)
    lines = [shape for shape in fig.layout.shapes if shape.x0 == 100 and shape.x1 == 100]
    assert len(lines) == 1
    assert any("100%" in (a.text or "") for a in fig.layout.annotations)


def test_highlighted_target_is_outlined_and_others_faded(ledger):
    fig = attainment_figure(ledger, highlight_target="trade_60_80bn_by_2010")
    missed, met = _trace(fig, "missed"), _trace(fig, "met")
    assert list(missed.marker.line.width) == [0.5, 3.0]
    assert list(missed.marker.opacity) == [0.35, 1.0]
    assert list(met.marker.opacity) == [0.35]


def test_no_highlight_or_unknown_target_fades_nothing(ledger):
    for highlight in (None, "not_a_target"):
        fig = attainment_figure(ledger, highlight_target=highlight)
        assert all(set(trace.marker.opacity) == {1.0} for trace in fig.data)


def test_layout_keeps_zoom_and_names_versions(ledger):
    fig = attainment_figure(ledger, versions={"targets": "2026-11-28"})
    assert fig.layout.uirevision == "keep"
    assert "targets 2026-11-28" in next(a.text for a in fig.layout.annotations if a.name == "source_line")


def test_spec_is_registered_for_the_overview():
    (spec,) = SPECS
    assert (spec.name, spec.page, spec.follows_year_range) == ("ledger_attainment", "overview", False)
    assert spec.page in PAGES and set(spec.datasets) == {"targets", "trade", "energy"}


def test_spec_renders_on_bundled_data_with_known_sources(processed):
    (spec,) = SPECS
    fig = spec.render(processed, FigureParams(highlight_target="trade_20bn_by_2000"))
    rows = shown_rows(fig)
    assert len(rows) == len(processed.derived.ledger)
    assert set(rows["source_id"]) <= set(processed.frames["sources"]["source_id"])
    missed = _trace(fig, "missed")
    at = [row[1] for row in missed.customdata].index("trade_20bn_by_2000")
    assert missed.x[at] == pytest.approx(40.0)  # 8.0 of 20
