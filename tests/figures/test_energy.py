"""Energy figures: Power of Siberia against its contract, oil against the Yukos plan (targets: the ledger)."""

import pandas as pd
import pytest

from dashboard.figures.energy import GAS_TARGET, OIL_TARGET, SPECS, energy_deliveries, oil_deliveries
from dashboard.figures.shown import shown_rows
from dashboard.schemas.energy import EnergySchema

ONLY = "only row for this year, route, measure and unit"


def row(
    year,
    commodity,
    route,
    measure,
    value,
    unit,
    source_id,
    *,
    kind="actual",
    preferred=True,
    reason=ONLY,
    qualifier="exact",
    low=None,
    high=None,
    period=None,
):
    """One energy row, shaped like the dataset."""
    return {
        "year": year,
        "period_label": period or str(year),
        "commodity": commodity,
        "route": route,
        "measure": measure,
        "value": value,
        "value_low": low,
        "value_high": high,
        "unit": unit,
        "qualifier": qualifier,
        "kind": kind,
        "preferred": preferred,
        "preferred_reason": reason if preferred else None,
        "source_id": source_id,
        "note": None,
    }


POS = ("gas", "power_of_siberia")
# Typed by hand from the source pack's energy.csv (snapshots/source-pack/) and the seed article for Yukos.
HAND = [
    row(2020, *POS, "deliveries", 4.1, "bcm", "energy-urdupoint-2022-05-01-pos-2020"),
    row(2021, *POS, "deliveries", 10.4, "bcm", "energy-rt-arabic-2023-01-pos-2021"),
    row(2022, *POS, "deliveries", 15.5, "bcm", "energy-rt-arabic-2023-01-pos-2022", preferred=False),
    row(
        2022, *POS, "deliveries", 15.4, "bcm", "energy-unn-2024-01-03-pos-2022", reason="Gazprom's own figure"
    ),
    row(2022, *POS, "deliveries", 15.1, "bcm", "energy-eir-2024-07-pos-2022", preferred=False),
    row(2023, *POS, "deliveries", 22.7, "bcm", "energy-tass-2024-05-13-pos-2023"),
    row(2024, *POS, "plan", 30, "bcm", "energy-news-az-2024-10-12-pos-plan-2024", kind="target"),
    row(
        2014,
        *POS,
        "contract_volume",
        38,
        "bcm_per_year",
        "energy-prensa-latina-2023-01-16-pos-contract",
        kind="target",
        period="2014 (contract)",
    ),
    row(1999, "oil", "yukos_rail", "deliveries", 1.5, "mt", "article-23389"),
    row(2005, "oil", "yukos", "plan", 10, "mt", "article-23474", kind="target", qualifier="up_to", high=10),
    row(2014, "oil", "all_routes", "deliveries", 33.1, "mt", "energy-moscow-times-2015-01-23-crude-2014"),
    row(
        2014,
        "oil",
        "all_routes",
        "deliveries",
        665000,
        "barrels_per_day",
        "energy-moscow-times-2015-01-23-crude-bpd-2014",
        qualifier="approx",
    ),
    row(2019, "oil", "all_routes", "deliveries", 77.64, "mt", "energy-true-news-2020-01-crude-2019"),
    row(
        2020,
        "oil",
        "all_routes",
        "deliveries",
        83.57,
        "mt",
        "energy-tass-2021-01-20-crude-2020",
        qualifier="more_than",
        low=83.57,
    ),
    row(2023, "oil", "all_routes", "deliveries", 107, "mt", "energy-tass-2024-01-20-crude-2023"),
]
LEDGER_COLUMNS = [
    "target_id",
    "title",
    "measure",
    "unit",
    "pledge_year",
    "deadline",
    "target_value",
    "baseline_year",
    "baseline_value",
    "actual_at_deadline",
    "actual_year",
    "attainment_pct",
    "shortfall",
    "status",
    "notes",
    "source_ids",
]
# The ledger's verdicts, worked out by hand: 38 - 22.7 = 15.3 bcm short in 2023, 22.7 / 38 = 59.7%.
LEDGER = [
    (
        GAS_TARGET,
        "Power of Siberia: 38 bcm of gas a year",
        "gas_power_of_siberia_bcm",
        "bcm",
        2014,
        "annual rate",
        38.0,
        2014,
        None,
        22.7,
        2023,
        59.7,
        15.3,
        "missed",
        "not reached in any year",
        "energy-prensa-latina-2023-01-16-pos-contract;energy-rt-2021-02-pos-export-capacity",
    ),
    (
        OIL_TARGET,
        "Yukos: up to 10 Mt of oil to China by 2005",
        "oil_yukos_rail_mt",
        "mt",
        2002,
        2005,
        10.0,
        1999,
        1.5,
        None,
        None,
        None,
        None,
        "no_observation",
        "no observation from 2002 (data end in 1999)",
        "article-23474",
    ),
    (
        "trade_20bn_by_2000",
        "US$20 bn by 2000",
        "trade_turnover_usd_bn",
        "usd_bn",
        1996,
        2000,
        20.0,
        1996,
        6.83,
        8.0,
        2000,
        40.0,
        12.0,
        "missed",
        "",
        "article-19021",
    ),
]


@pytest.fixture
def energy() -> pd.DataFrame:
    """The hand rows, validated like the dataset."""
    return EnergySchema.validate(pd.DataFrame(HAND))


@pytest.fixture
def ledger() -> pd.DataFrame:
    """Two energy targets and a trade one, as the ledger states them."""
    frame = pd.DataFrame(LEDGER, columns=LEDGER_COLUMNS)
    return frame.astype({"actual_year": "Int64", "pledge_year": "Int64", "baseline_year": "Int64"})


def _named(fig, name):
    """The traces called `name`."""
    return [trace for trace in fig.data if trace.name == name]


PREFERRED = "Power of Siberia deliveries (preferred figure per year)"
CONFLICTS = "Power of Siberia deliveries, other sources (conflicting figures)"


def test_preferred_row_per_year_is_the_series(energy, ledger):
    (line,) = _named(energy_deliveries(energy, ledger), PREFERRED)
    assert list(line.x) == [2020, 2021, 2022, 2023] and list(line.y) == [4.1, 10.4, 15.4, 22.7]
    assert line.customdata[2][0] == "energy-unn-2024-01-03-pos-2022"
    assert "lines" in line.mode


def test_conflicting_rows_are_faint_points_apart(energy, ledger):
    (faint,) = _named(energy_deliveries(energy, ledger), CONFLICTS)
    assert sorted(zip(faint.y, (c[0] for c in faint.customdata))) == [
        (15.1, "energy-eir-2024-07-pos-2022"),
        (15.5, "energy-rt-arabic-2023-01-pos-2022"),
    ]
    assert list(faint.x) == [2022, 2022] and faint.mode == "markers" and faint.opacity < 1


def test_contract_volume_is_a_line_from_the_ledger(energy, ledger):
    fig = energy_deliveries(energy, ledger)
    (line,) = fig.layout.shapes
    assert (line.y0, line.y1, line.xref) == (38.0, 38.0, "x domain")
    assert line.name == "Contract volume: 38 bcm a year" and line.showlegend
    assert any(a.text == "contract: 38 bcm a year (2014)" for a in fig.layout.annotations)
    moved = ledger.assign(target_value=[40.0, 10.0, 20.0])  # the line follows the ledger, not a constant
    assert energy_deliveries(energy, moved).layout.shapes[0].y0 == 40.0


def test_the_year_plan_is_a_target_marker_with_its_source(energy, ledger):
    (plan,) = _named(energy_deliveries(energy, ledger), "Plan for the year (not outturn)")
    assert (list(plan.x), list(plan.y)) == ([2024], [30])
    assert plan.customdata[0][0] == "energy-news-az-2024-10-12-pos-plan-2024"
    assert plan.marker.symbol == "star-open" and "lines" not in plan.mode


def test_highlighted_gas_target_states_the_ledger_verdict(energy, ledger):
    plain = energy_deliveries(energy, ledger)
    lit = energy_deliveries(energy, ledger, highlight_target=GAS_TARGET)
    assert lit.layout.shapes[0].line.width > plain.layout.shapes[0].line.width
    (verdict,) = [a.text for a in lit.layout.annotations if a.name == "verdict"]
    assert "missed" in verdict and "2023: 22.7 bcm" in verdict and "15.3 bcm short of 38" in verdict
    assert not [a for a in plain.layout.annotations if a.name == "verdict"]


def test_gas_shown_rows_are_deliveries_and_plan_not_the_contract_line(energy, ledger):
    rows = shown_rows(energy_deliveries(energy, ledger))
    assert sorted(rows["y"]) == [4.1, 10.4, 15.1, 15.4, 15.5, 22.7, 30]
    assert "energy-prensa-latina-2023-01-16-pos-contract" not in set(rows["source_id"])


def test_year_range_sets_the_axis_and_keeps_the_data(energy, ledger):
    for builder in (energy_deliveries, oil_deliveries):
        fig = builder(energy, ledger, year_range=(2021, 2023))
        assert list(fig.layout.xaxis.range) == [2020.5, 2023.5] and fig.layout.uirevision == "keep"
        assert builder(energy, ledger).layout.xaxis.range is None
    assert 2020 in set(shown_rows(energy_deliveries(energy, ledger, year_range=(2021, 2023)))["x"])


def test_oil_shows_yukos_against_its_plan_from_the_ledger(energy, ledger):
    fig = oil_deliveries(energy, ledger)
    (yukos,) = _named(fig, "Yukos rail deliveries to China")
    assert (list(yukos.x), list(yukos.y), yukos.customdata[0][0]) == ([1999], [1.5], "article-23389")
    (target,) = _named(fig, "Target: Yukos: up to 10 Mt of oil to China by 2005")
    assert (list(target.x), list(target.y)) == ([2005], [10.0]) and target.customdata is None
    assert "10 Mt by 2005 (a plan, not outturn)" in target.hovertemplate
    assert "article-23474" not in target.hovertemplate  # ids stay out of what a person reads


def test_crude_imports_in_mt_only_with_the_bound_apart(energy, ledger):
    fig = oil_deliveries(energy, ledger)
    (crude,) = _named(fig, "China's crude imports from Russia, all routes")
    assert list(crude.x) == [2014, 2019, 2023] and list(crude.y) == [33.1, 77.64, 107]
    (bound,) = _named(fig, "China's crude imports from Russia: lower bound ('more than')")
    assert (list(bound.y), bound.text[0], bound.marker.pattern.shape) == ([83.57], "> 83.57", "/")
    assert fig.layout.yaxis.title.text == "Mt"
    assert 665000 not in set(shown_rows(fig)["y"])  # barrels per day are another unit


def test_highlighted_oil_target_is_larger_and_states_the_verdict(energy, ledger):
    lit = oil_deliveries(energy, ledger, highlight_target=OIL_TARGET)
    plain = oil_deliveries(energy, ledger)
    name = "Target: Yukos: up to 10 Mt of oil to China by 2005"
    assert _named(lit, name)[0].marker.size > _named(plain, name)[0].marker.size
    (verdict,) = [a.text for a in lit.layout.annotations if a.name == "verdict"]
    assert "no observation" in verdict and "data end in 1999" in verdict


def test_a_ledger_without_the_targets_draws_no_target(energy, ledger):
    other = ledger[ledger["target_id"] == "trade_20bn_by_2000"]
    assert not energy_deliveries(energy, other).layout.shapes
    assert not [t for t in oil_deliveries(energy, other).data if t.name.startswith("Target")]


def test_specs_are_registered_for_the_energy_page():
    assert [spec.name for spec in SPECS] == ["energy_deliveries", "oil_deliveries"]
    assert {spec.page for spec in SPECS} == {"energy"} and all(spec.follows_year_range for spec in SPECS)
    assert all(spec.datasets == ("energy", "targets") for spec in SPECS)


def test_bundled_gas_keeps_the_three_2022_figures(processed):
    rows = shown_rows(SPECS[0].render(processed))
    in_2022 = rows[rows["x"] == 2022]
    delivered = in_2022["series"].str.startswith("Power of Siberia deliveries")
    assert sorted(in_2022.loc[delivered, "y"]) == [15.1, 15.4, 15.5]
    # energy 2026-11-30 adds Gazprom's plan for 2022, 'up to 15' (Sputnik, 2021): drawn as a plan, not an outturn
    assert in_2022.loc[~delivered, ["series", "y"]].values.tolist() == [
        ["Plan for the year (not outturn)", 15.0]
    ]
