"""Migration figures: counts, estimates and claims as ranges, points and bounds; visa compliance."""

import math

import pandas as pd
import pytest

from dashboard.figures.migration import KIND_STYLE, SPECS, migration_ranges, visa_compliance
from dashboard.figures.shown import shown_rows
from dashboard.schemas.migration import MigrationSchema

GEO = {
    "russia": "Russian Federation",
    "moscow": "Moscow",
    "khabarovsk_krai": "Khabarovsk Krai",
    "primorskii_krai": "Primorskii Krai",
    "russian_far_east": "Russian Far East",
    "siberia_and_far_east": "Siberia and Russian Far East",
}


def row(
    year,
    geography,
    measure,
    kind,
    source_id,
    *,
    persons=None,
    low=None,
    high=None,
    share=None,
    share_low=None,
    qualifier="exact",
    period=None,
):
    """One migration row, shaped like the dataset."""
    return {
        "year": year,
        "period_label": period or str(year),
        "geography": geography,
        "geography_label": GEO[geography],
        "measure": measure,
        "kind": kind,
        "persons": persons,
        "persons_low": low,
        "persons_high": high,
        "share_pct": share,
        "share_low_pct": share_low,
        "qualifier": qualifier,
        "source_id": source_id,
        "note": None,
    }


POP, VISA = "chinese_population", "visa_compliance_share"
# Typed by hand from the source pack's migration.csv and the seed article (snapshots/source-pack/).
HAND = [
    row(2002, "russia", "ethnic_chinese", "census", "migration-wafarin-2002", persons=34577),
    row(2002, "russia", "ethnic_chinese", "census", "migration-encycloreader-2002", persons=39483),
    row(2002, "russia", POP, "estimate", "article-30018", low=250000, high=450000, period="c.2002"),
    row(
        2002,
        "moscow",
        POP,
        "estimate",
        "article-30086",
        low=20000,
        high=25000,
        qualifier="approx",
        period="c.2002",
    ),
    row(
        2002,
        "khabarovsk_krai",
        POP,
        "estimate",
        "article-30131",
        persons=20000,
        high=20000,
        qualifier="up_to",
        period="c.2002",
    ),
    row(
        2002,
        "russia",
        "chinese_illegal_residents",
        "claim",
        "article-29788",
        low=1000000,
        high=5000000,
        period="mid-1990s onwards",
    ),
    row(
        1990,
        "russian_far_east",
        POP,
        "estimate",
        "migration-profound-far-east",
        persons=200000,
        low=200000,
        qualifier="more_than",
        period="early 1990s",
    ),
    row(
        2004,
        "siberia_and_far_east",
        "chinese_illegal_arrivals",
        "claim",
        "migration-demoscope-rossiya-2004",
        low=10000000,
        high=12000000,
        qualifier="at_least",
    ),
    row(2021, "russia", "ethnic_chinese", "census", "migration-wafarin-2021", persons=19644),
    row(1994, "primorskii_krai", VISA, "actual", "article-29411", share=64.0),
    row(
        1997,
        "primorskii_krai",
        VISA,
        "actual",
        "article-29528",
        share=99.0,
        share_low=99.0,
        qualifier="more_than",
        period="1997-2000",
    ),
]


@pytest.fixture
def migration() -> pd.DataFrame:
    """The hand rows, validated like the dataset."""
    return MigrationSchema.validate(pd.DataFrame(HAND))


def _data(fig, source_id, geography=None):
    """The data traces of one source (and geography)."""
    return [
        t
        for t in fig.data
        if t.customdata is not None
        and t.customdata[0][0] == source_id
        and (geography is None or t.customdata[0][1] == geography)
    ]


def test_ranges_are_intervals_from_low_to_high(migration):
    fig = migration_ranges(migration)
    (specialist,) = _data(fig, "article-30018")
    assert list(specialist.x) == [2002, 2002] and list(specialist.y) == [250000, 450000]
    assert (
        "lines" in specialist.mode and specialist.customdata[0][1] == "Russian Federation"
    )  # territory on hover
    (press,) = _data(fig, "article-29788")
    assert list(press.y) == [1000000, 5000000]
    assert press.customdata[0][2] == "1,000,000-5,000,000 persons (illegal residents)"


def test_points_are_single_filled_markers(migration):
    (census,) = _data(migration_ranges(migration), "migration-wafarin-2021")
    assert list(census.y) == [19644] and census.marker.symbol == "square"


def test_one_sided_bounds_are_open_markers_with_an_arrow(migration):
    fig = migration_ranges(migration)
    (upper,) = _data(fig, "article-30131")
    assert list(upper.y) == [20000] and upper.marker.symbol == "circle-open"
    assert upper.customdata[0][2] == "up to 20,000 persons" and upper.customdata[0][1].startswith(
        "Khabarovsk"
    )
    (lower,) = _data(fig, "migration-profound-far-east")
    assert list(lower.y) == [200000] and lower.marker.symbol == "circle-open"
    arrows = {t.marker.symbol: t.y[0] for t in fig.data if t.name.endswith("(bound arrow)")}
    assert arrows["arrow-down"] < 20000 and arrows["arrow-up"] > 200000
    assert all(t.customdata is None for t in fig.data if t.name.endswith("(bound arrow)"))


def test_at_least_range_gets_an_upward_arrow_above_its_top(migration):
    fig = migration_ranges(migration)
    (claim,) = _data(fig, "migration-demoscope-rossiya-2004")
    assert list(claim.y) == [10000000, 12000000] and claim.customdata[0][2].startswith("at least ")
    arrow = next(t for t in fig.data if t.name == f"{claim.name}: more (bound arrow)")
    assert arrow.y[0] > 12000000


def test_kinds_differ_by_colour_symbol_and_legend(migration):
    fig = migration_ranges(migration)
    styles = {}
    for kind in ("census", "estimate", "claim"):
        key = next(t for t in fig.data if t.name == KIND_STYLE[kind][0])
        assert key.showlegend is not False and key.legendgroup == kind
        styles[kind] = (key.marker.color, key.marker.symbol)
    assert len({c for c, _ in styles.values()}) == 3 and len({s for _, s in styles.values()}) == 3
    (claim,) = _data(fig, "article-29788")
    assert (claim.marker.color, claim.marker.symbol) == styles["claim"] and claim.legendgroup == "claim"


def test_log_axis_reads_20_thousand_and_5_million(migration):
    axis = migration_ranges(migration).layout.yaxis
    assert axis.type == "log" and axis.title.text == "persons, log scale"
    labels = dict(zip(axis.tickvals, axis.ticktext))
    assert labels[20000] == "20 thousand" and labels[5000000] == "5 million"
    low, high = axis.range
    assert low <= math.log10(19644) and high >= math.log10(12000000)


def test_geography_is_in_the_hover_and_in_the_name(migration):
    (moscow,) = _data(migration_ranges(migration), "article-30086")
    assert "Moscow" in moscow.name and moscow.customdata[0][1] == "Moscow"
    assert "%{customdata[1]}" in moscow.hovertemplate and "%{customdata[0]}" in moscow.hovertemplate


def test_figures_of_one_year_and_size_sit_side_by_side(migration):
    fig = migration_ranges(migration)
    (moscow,), (khabarovsk,) = _data(fig, "article-30086"), _data(fig, "article-30131")
    assert moscow.offsetgroup != khabarovsk.offsetgroup
    (census,) = _data(fig, "migration-wafarin-2021")
    assert census.offsetgroup == "s2" and fig.layout.scattermode == "group"


def test_ranges_shown_rows_are_every_plotted_end(migration):
    rows = shown_rows(migration_ranges(migration, year_range=(1990, 2025)))
    # four two-ended ranges, five single figures or bounds; the visa shares are not on this figure
    assert len(rows) == 4 * 2 + 5
    assert "article-29411" not in set(rows["source_id"])


def test_year_range_sets_the_axis_and_keeps_the_data(migration):
    fig = migration_ranges(migration, year_range=(1995, 2010))
    assert list(fig.layout.xaxis.range) == [1994.5, 2010.5] and fig.layout.uirevision == "keep"
    assert 2021 in set(shown_rows(fig)["x"])


def test_visa_compliance_draws_the_lower_bound_as_such(migration):
    fig = visa_compliance(migration)
    exact = next(t for t in fig.data if t.name == "Left on time (share as stated)")
    bound = next(t for t in fig.data if t.name == "Left on time: lower bound ('more than')")
    assert (list(exact.x), list(exact.y), exact.customdata[0][0]) == ([1994], [64.0], "article-29411")
    assert (list(bound.x), list(bound.y), bound.customdata[0][0]) == ([1997], [99.0], "article-29528")
    assert bound.marker.symbol == "triangle-up-open" and bound.text[0] == "more than 99%<br>(1997-2000)"
    assert bound.customdata[0][2] == "more than 99% (1997-2000)"  # the hover says it on one line
    (band,) = fig.layout.shapes
    assert (band.y0, band.y1) == (99.0, 100) and band.x0 < 1997 and band.x1 > 2000
    assert "lines" not in exact.mode and "lines" not in bound.mode


def test_visa_year_range_and_highlight(migration):
    fig = visa_compliance(migration, year_range=(1990, 2002))
    assert list(fig.layout.xaxis.range) == [1989.5, 2002.5]
    assert (
        visa_compliance(migration, highlight_target="trade_20bn_by_2000").to_dict()
        == visa_compliance(migration).to_dict()
    )


def test_specs_are_registered_for_the_migration_page():
    assert [spec.name for spec in SPECS] == ["migration_ranges", "visa_compliance"]
    assert {spec.page for spec in SPECS} == {"migration"} and all(spec.follows_year_range for spec in SPECS)


def test_bundled_ranges_show_every_persons_row(processed):
    frame = processed.frames["migration"]
    persons = frame[frame["measure"] != "visa_compliance_share"]
    rows = shown_rows(SPECS[0].render(processed))
    assert set(rows["source_id"]) == set(persons["source_id"])
    ranges = (
        persons["persons_low"].notna()
        & persons["persons_high"].notna()
        & (persons["persons_low"] != persons["persons_high"])
    ).sum()
    assert len(rows) == len(persons) + ranges
