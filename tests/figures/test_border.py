"""Border figures: the 1997 ceilings as labelled grouped bars, and conflicting border lengths with bounds."""

import pandas as pd
import pytest

from dashboard.figures.border import SPECS, TARGET_ID, border_ceilings, border_lengths
from dashboard.figures.shown import shown_rows
from dashboard.schemas.border import BorderSchema

REDUCTION = (
    "reduction_1997_moscow",
    "Agreement on Mutual Reduction of Military Forces in the Border Areas",
    "1997-04-24",
    "Moscow",
)
DEMARCATION = ("border_demarcation", "Sino-Russian border (demarcation)", None, None)
CBM = (
    "cbm_1996_shanghai",
    "Agreement on Confidence Building in the Military Field in the Border Area",
    "1996-04-26",
    "Shanghai",
)


def row(
    agreement,
    provision,
    party,
    value,
    unit,
    source_id,
    *,
    low=None,
    high=None,
    qualifier="exact",
    kind="limit",
    period=None,
):
    """One border row, shaped like the dataset."""
    agreement_id, name, signed, place = agreement
    return {
        "agreement_id": agreement_id,
        "agreement": name,
        "signed_date": signed,
        "place": place,
        "provision": provision,
        "party": party,
        "value": value,
        "value_low": low,
        "value_high": high,
        "unit": unit,
        "qualifier": qualifier,
        "kind": kind,
        "date_value": None,
        "period_label": period,
        "source_id": source_id,
        "note": None,
    }


# Typed by hand from the source pack's border_agreements.csv and the seed article (snapshots/source-pack/).
HAND = [
    row(REDUCTION, "zone_depth", "each_side", 100, "km", "border-fas-zone"),
    row(REDUCTION, "troop_ceiling_total", "all", 260800, "troops", "article-13927", period="1997"),
    row(REDUCTION, "troop_ceiling_china_side", "china", 130400, "troops", "article-13996", period="1997"),
    row(
        REDUCTION, "troop_ceiling_joint_side", "joint_side", 130400, "troops", "article-14054", period="1997"
    ),
    row(REDUCTION, "tank_ceiling_joint_side", "joint_side", 3900, "tanks", "border-fas-tanks-joint"),
    row(REDUCTION, "tank_quota_russia", "russia", 3810, "tanks", "border-fas-tanks-russia"),
    row(REDUCTION, "tank_ceiling_china_side", "china", 3900, "tanks", "border-fas-tanks-china"),
    row(REDUCTION, "afv_ceiling_russia", "russia", 4500, "afvs", "border-fas-afv"),
    row(
        REDUCTION,
        "border_length_former_sino_soviet",
        "all",
        7000,
        "km",
        "border-fas-length-7000",
        low=7000,
        qualifier="more_than",
        kind="actual",
    ),
    row(
        CBM,
        "border_length_former_sino_soviet",
        "all",
        8000,
        "km",
        "border-rferl-1996-04-26",
        high=8000,
        qualifier="nearly",
        kind="actual",
    ),
    row(
        DEMARCATION,
        "border_length_china_russia",
        "china_russia",
        4209.3,
        "km",
        "border-wiwikim-4209",
        kind="actual",
        period="2000s (final demarcation)",
    ),
    row(
        DEMARCATION,
        "border_length_china_russia",
        "china_russia",
        4195,
        "km",
        "border-wiwikim-4195",
        kind="estimate",
        period="1999",
    ),
    row(
        DEMARCATION,
        "border_length_china_russia",
        "china_russia",
        4300,
        "km",
        "border-chinadaily-2011-4300",
        kind="actual",
        period="2004",
    ),
    row(
        DEMARCATION,
        "border_length_china_russia",
        "china_russia",
        4200,
        "km",
        "article-12023",
        high=4200,
        qualifier="nearly",
        kind="actual",
        period="c.2002",
    ),
]


@pytest.fixture
def border() -> pd.DataFrame:
    """The hand rows, validated like the dataset."""
    return BorderSchema.validate(pd.DataFrame(HAND))


def _bars(fig, category):
    """{party: (value, label, source_id)} of the bars in one category panel."""
    return {t.name: (t.y[0], t.text[0], t.customdata[0][0]) for t in fig.data if list(t.x) == [category]}


def test_troop_ceilings_are_labelled_bars_per_side_and_total(border):
    bars = _bars(border_ceilings(border), "Troops")
    assert bars == {
        "China": (130400, "130,400", "article-13996"),
        "Joint side": (130400, "130,400", "article-14054"),
        "Both sides": (260800, "260,800", "article-13927"),
    }
    assert bars["China"][0] + bars["Joint side"][0] == bars["Both sides"][0]


def test_tank_and_vehicle_ceilings_have_their_own_panels(border):
    fig = border_ceilings(border)
    assert _bars(fig, "Tanks") == {
        "China": (3900, "3,900", "border-fas-tanks-china"),
        "Joint side": (3900, "3,900", "border-fas-tanks-joint"),
        "Russia": (3810, "3,810", "border-fas-tanks-russia"),
    }
    assert _bars(fig, "Armoured vehicles") == {"Russia": (4500, "4,500", "border-fas-afv")}
    # the category under each panel names its unit; no y titles squeezed between the panels
    assert [fig.layout[f"yaxis{n}"].title.text for n in ("", "2", "3")] == [None, None, None]
    assert fig.layout.barmode == "group"


def test_each_party_is_one_legend_entry_with_colour_and_pattern(border):
    fig = border_ceilings(border)
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == ["China", "Joint side", "Both sides", "Russia"]
    patterns = {t.name: t.marker.pattern.shape for t in fig.data}
    assert len(set(patterns.values())) == 4


def test_the_100_km_zone_is_stated(border):
    assert "within 100 km of the border on each side" in border_ceilings(
        border
    ).layout.title.subtitle.text.replace("<br>", " ")


def test_highlighted_troop_target_outlines_the_troop_bars_and_is_named(border):
    plain, lit = border_ceilings(border), border_ceilings(border, highlight_target=TARGET_ID)
    widths = {(t.name, t.x[0]): t.marker.line.width for t in lit.data}
    assert widths[("China", "Troops")] == 3 and widths[("China", "Tanks")] == 0.5
    assert all(t.marker.line.width == 0.5 for t in plain.data)
    notes = [a.text for a in lit.layout.annotations if a.name == "highlight"]
    assert notes and "at most 130,400 a side" in notes[0]
    assert border_ceilings(border, highlight_target="trade_20bn_by_2000").to_dict() == plain.to_dict()


def test_lengths_one_row_per_source_with_bounds_as_bounds(border):
    fig = border_lengths(border)
    stated = next(t for t in fig.data if t.name == "China-Russia: stated figure")
    assert list(stated.x) == [4195, 4209.3, 4300]
    assert [c[0] for c in stated.customdata] == [
        "border-wiwikim-4195",
        "border-wiwikim-4209",
        "border-chinadaily-2011-4300",
    ]
    upper = next(t for t in fig.data if t.name == "China-Russia: upper bound ('nearly', 'up to')")
    assert list(upper.x) == [4200] and upper.marker.symbol == "triangle-left-open"
    assert upper.text[0] == "nearly 4,200 km" and upper.customdata[0][0] == "article-12023"
    assert len(set(stated.y) | set(upper.y)) == 4  # one row per source


def test_former_sino_soviet_border_is_kept_in_its_own_panel(border):
    fig = border_lengths(border)
    wide = [t for t in fig.data if t.name.startswith("Former Sino-Soviet")]
    narrow = [t for t in fig.data if t.name.startswith("China-Russia")]
    assert {t.xaxis for t in wide} == {"x2"} and {t.xaxis for t in narrow} == {"x"}
    lower = next(t for t in wide if "lower bound" in t.name)
    assert list(lower.x) == [7000] and lower.marker.symbol == "triangle-right-open"
    assert lower.text[0] == "more than 7,000 km"
    assert sorted(x for t in wide for x in t.x) == [7000, 8000]
    low, high = fig.layout.xaxis.range
    assert low < 4195 and high > 4300 and high < 7000  # the wide border's lengths are not on this axis


def test_lengths_shown_rows_are_every_source(border):
    rows = shown_rows(border_lengths(border))
    assert sorted(rows["x"]) == [4195, 4200, 4209.3, 4300, 7000, 8000]
    assert rows["source_id"].is_unique


def test_specs_are_registered_for_the_border_page():
    assert [spec.name for spec in SPECS] == ["border_ceilings", "border_lengths"]
    assert {spec.page for spec in SPECS} == {"border"} and not any(spec.follows_year_range for spec in SPECS)


def test_bundled_lengths_show_all_seven_figures(processed):
    rows = shown_rows(SPECS[1].render(processed))
    assert sorted(rows["x"]) == [4195, 4200, 4209.3, 4300, 7000, 7600, 8000]
