"""Arms figures: TIV by vintage (never mixed), China's TIV share, and the stated shares apart as markers."""

import pandas as pd
import pytest

from dashboard.figures.arms import (
    ARTICLE_NAME,
    PRESS_NAME,
    SPECS,
    arms_china_share,
    arms_tiv,
    default_vintage,
    vintage_words,
)
from dashboard.figures.registry import FigureParams
from dashboard.figures.shown import shown_rows
from dashboard.schemas.arms import ArmsSchema

V22, V25 = "sipri-2022-05", "sipri-2025-01"
SRC = {V22: "arms-sipri-2022-05-export", V25: "arms-sipri-2025-01-register"}
TO, TOT = "tiv_supplier_to_china", "tiv_supplier_total_exports"
SHARE = "share_china_of_supplier_exports"


def row(
    year,
    series,
    supplier,
    vintage,
    source_id,
    *,
    tiv=None,
    share=None,
    low=None,
    period=None,
    period_type="year",
    basis="tiv",
):
    """One arms row, shaped like the dataset."""
    recipient = "All recipients" if series == TOT else "China"
    return {
        "year": year,
        "period_label": period or str(year),
        "period_type": period_type,
        "series": series,
        "supplier": supplier,
        "recipient": recipient,
        "tiv_usd_m": tiv,
        "share_pct": share,
        "share_low_pct": low,
        "change_pct": None,
        "qualifier": "more_than" if low is not None else "exact",
        "measure_basis": basis,
        "vintage": vintage,
        "source_id": source_id,
        "note": None,
    }


# Typed by hand from the source pack's arms_transfers.csv and article_figures.csv (snapshots/source-pack/).
HAND = [
    row(1991, TO, "Soviet Union", V22, SRC[V22], tiv=260.0),
    row(1991, TOT, "Soviet Union", V22, SRC[V22], tiv=5656.0),
    row(1992, TO, "Russia", V22, SRC[V22], tiv=1023.0),
    row(1992, TOT, "Russia", V22, SRC[V22], tiv=2605.0),
    row(2000, TO, "Russia", V22, SRC[V22], tiv=2231.0),
    row(2000, TOT, "Russia", V22, SRC[V22], tiv=4486.0),
    row(2021, TO, "Russia", V22, SRC[V22], tiv=773.0),
    row(2021, TOT, "Russia", V22, SRC[V22], tiv=2744.0),
    row(2000, TO, "Russia", V25, SRC[V25], tiv=2205.0),
    row(2000, TOT, "Russia", V25, SRC[V25], tiv=4492.21),
    row(2021, TO, "Russia", V25, SRC[V25], tiv=466.75),
    row(2021, TOT, "Russia", V25, SRC[V25], tiv=2314.65),
    row(
        2000,
        SHARE,
        "Russia",
        "article-2002",
        "article-8397",
        share=49.9,
        period="2000 (as of Oct)",
        period_type="part_year",
        basis="money_value",
    ),
    row(
        2000,
        SHARE,
        "Russia",
        "article-2002",
        "article-8567",
        low=70.0,
        period="2000 (after Dec deliveries)",
        basis="money_value",
    ),
    row(
        2022,
        SHARE,
        "Russia",
        "sipri-factsheet-2023-03",
        "arms-rt-arabic-2023-03",
        share=23.0,
        period="2018-2022",
        period_type="five_years",
    ),
    row(
        2022,
        SHARE,
        "Russia",
        "sipri-factsheet-2023-03",
        "arms-baladna-elyoum-2023-03",
        share=23.0,
        period="2018-2022",
        period_type="five_years",
    ),
    row(
        2023,
        SHARE,
        "Russia",
        "sipri-factsheet-2024-03",
        "arms-censor-net-2024-03-share",
        share=21.0,
        period="2019-2023",
        period_type="five_years",
    ),
]
# China's TIV share within sipri-2022-05, worked out by hand: 260/5656, 1023/2605, 2231/4486, 773/2744.
SHARE_V22 = [(1991, 4.597), (1992, 39.271), (2000, 49.733), (2021, 28.171)]


@pytest.fixture
def arms() -> pd.DataFrame:
    """The hand rows, validated like the dataset."""
    return ArmsSchema.validate(pd.DataFrame(HAND))


@pytest.fixture
def share_v22() -> pd.DataFrame:
    """The derived share table of sipri-2022-05, typed by hand."""
    return pd.DataFrame(
        [(y, s, V22, "tiv") for y, s in SHARE_V22], columns=["year", "share_pct", "vintage", "measure_basis"]
    )


def _trace(fig, name):
    """The one trace called `name`."""
    matches = [trace for trace in fig.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def test_default_vintage_is_the_newest_with_tiv_series(arms):
    assert default_vintage(arms) == V25


def test_tiv_draws_one_vintage_only_with_its_sources(arms):
    fig = arms_tiv(arms)
    china = _trace(fig, "USSR/Russia → China")
    total = _trace(fig, "USSR/Russia → all recipients")
    assert list(china.x) == [2000, 2021] and list(china.y) == [2205.0, 466.75]
    assert list(total.y) == [4492.21, 2314.65]
    assert {c[0] for c in china.customdata} == {SRC[V25]}
    assert vintage_words(V25) in fig.layout.title.subtitle.text.replace(
        "<br>", " "
    )  # 'SIPRI data of 2025-01'
    assert fig.layout.yaxis.title.text == "TIV, US$ m (1990 prices)"
    assert 2231.0 not in list(china.y)  # the 2022 vintage's 2000 figure is not mixed in


def test_tiv_older_vintage_names_ussr_and_marks_its_end(arms):
    fig = arms_tiv(arms, vintage=V22)
    china = _trace(fig, "USSR/Russia → China")
    assert list(china.x) == [1991, 1992, 2000, 2021]
    assert [c[1] for c in china.customdata] == ["Soviet Union", "Russia", "Russia", "Russia"]
    assert [shape.x0 for shape in fig.layout.shapes] == [1991.5]
    assert vintage_words(V22) in fig.layout.title.subtitle.text.replace("<br>", " ") and vintage_words(
        V25
    ) in fig.layout.title.subtitle.text.replace("<br>", " ")


def test_a_vintage_without_tiv_series_is_refused(arms):
    with pytest.raises(ValueError, match="article-2002"):
        arms_tiv(arms, vintage="article-2002")


def test_year_range_sets_the_axis_and_keeps_the_data(arms):
    fig = arms_tiv(arms, vintage=V22, year_range=(1999, 2021))
    assert list(fig.layout.xaxis.range) == [1998.5, 2021.5]
    assert list(_trace(fig, "USSR/Russia → China").x) == [1991, 1992, 2000, 2021]
    assert fig.layout.uirevision == "keep"
    assert arms_tiv(arms).layout.xaxis.range is None


def test_share_line_has_the_to_china_rows_source_and_never_bridges_gaps(arms, share_v22):
    fig = arms_china_share(arms, share_v22, vintage=V22)
    runs = [t for t in fig.data if t.name == "China's share, TIV basis"]
    assert [list(t.x) for t in runs] == [[1991, 1992], [2000], [2021]]
    assert [t.showlegend for t in runs] == [True, False, False]
    assert [round(y, 1) for t in runs for y in t.y] == [4.6, 39.3, 49.7, 28.2]
    assert {c[0] for t in runs for c in t.customdata} == {SRC[V22]}
    assert vintage_words(V22) in fig.layout.title.subtitle.text.replace("<br>", " ")


def test_article_figures_are_separate_markers_never_joined(arms, share_v22):
    fig = arms_china_share(arms, share_v22, vintage=V22)
    exact = _trace(fig, ARTICLE_NAME)
    bound = _trace(fig, f"{ARTICLE_NAME}, lower bound")
    for trace in (exact, bound):
        assert "lines" not in trace.mode
    assert (list(exact.x), list(exact.y), exact.customdata[0][0]) == ([2000], [49.9], "article-8397")
    assert (list(bound.y), bound.customdata[0][0]) == ([70.0], "article-8567")
    assert bound.marker.symbol == "triangle-up-open" and "more than 70%" in bound.text[0]


def test_press_five_year_shares_span_their_period(arms, share_v22):
    press = _trace(arms_china_share(arms, share_v22, vintage=V22), PRESS_NAME)
    assert list(press.x) == [2022, 2022, 2023] and list(press.y) == [23.0, 23.0, 21.0]
    assert list(press.error_x.arrayminus) == [4, 4, 4]
    assert [c[0] for c in press.customdata] == [
        "arms-baladna-elyoum-2023-03",
        "arms-rt-arabic-2023-03",
        "arms-censor-net-2024-03-share",
    ]
    assert "lines" not in press.mode


def test_share_shown_rows_are_the_line_and_the_markers(arms, share_v22):
    rows = shown_rows(arms_china_share(arms, share_v22, vintage=V22, year_range=(1990, 2023)))
    assert len(rows) == 4 + 2 + 3
    assert rows.groupby("series").size().to_dict() == {
        "China's share, TIV basis": 4,
        ARTICLE_NAME: 1,
        f"{ARTICLE_NAME}, lower bound": 1,
        PRESS_NAME: 3,
    }


def test_share_table_of_another_vintage_is_refused(arms, share_v22):
    with pytest.raises(ValueError, match="not 'sipri-2025-01'"):
        arms_china_share(arms, share_v22, vintage=V25)


def test_highlight_changes_nothing_without_an_arms_target(arms, share_v22):
    plain = arms_china_share(arms, share_v22, vintage=V22)
    lit = arms_china_share(arms, share_v22, vintage=V22, highlight_target="trade_20bn_by_2000")
    assert plain.to_dict() == lit.to_dict()


def test_specs_are_registered_for_the_arms_page():
    assert [spec.name for spec in SPECS] == ["arms_tiv", "arms_china_share"]
    assert {spec.page for spec in SPECS} == {"arms"} and all(spec.follows_year_range for spec in SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_spec_follows_the_chosen_vintage(processed, spec):
    fig = spec.render(processed, FigureParams(arms_vintage=V22, year_range=(1992, 2021)))
    assert vintage_words(V22) in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert list(fig.layout.xaxis.range) == [1991.5, 2021.5]
    assert V25 not in " ".join(str(trace.name) for trace in fig.data)


def test_bundled_share_marks_the_article_apart_from_the_tiv_line(processed):
    fig = SPECS[1].render(processed)
    assert _trace(fig, ARTICLE_NAME).y[0] == 49.9
    line = [t for t in fig.data if t.name == "China's share, TIV basis"]
    assert line and all(c[0] == SRC[V25] for t in line for c in t.customdata)
