"""Every finding title on hand-worked values from the bundled datasets (the numbers looked up in datasets/, the
arithmetic in the comments), and the finding functions on small frames where a case is not in the data."""

import pandas as pd
import pytest

from dashboard.figures import findings
from dashboard.figures.registry import FigureParams, registered


def title(processed, name, **params) -> str:
    """The layout title of a registered figure, as one line."""
    return registered()[name].render(processed, FigureParams(**params)).layout.title.text.replace("<br>", " ")


def subtitle(processed, name, **params) -> str:
    """The subtitle of a registered figure, as one line."""
    fig = registered()[name].render(processed, FigureParams(**params))
    return fig.layout.title.subtitle.text.replace("<br>", " ")


# --- trade: datasets/trade/2026-11-28/trade.csv, datasets/targets/2026-11-30/targets.csv -----------------------


def test_trade_default_title_is_the_latest_year_and_the_targets_verdicts(processed):
    # trade.csv line 105: 2025 turnover 228.105 (Chinese customs) -> US$228.1 bn. Of the 8 trade targets:
    # met: US$20 bn in 4-5 years (2008: 56.83), US$200 bn by 2024 (244.81), US$200 bn in 2023 (240.11);
    # missed: US$20 bn by 2000 (8.0), US$60-80 bn by 2010 (55.45 < 60), US$100 bn by 2015 (64.2),
    # US$200 bn by 2020 (107.76); open: US$250 bn a year (228.105 < 250).
    assert title(processed, "trade_pledges") == (
        "Trade was US$228.1 bn in 2025; of 8 stated trade targets: 3 met, 4 missed, 1 open"
    )


def test_trade_title_with_the_1996_pledge_highlighted(processed):
    # targets.csv line 2: US$20 bn by 2000, pledged 1996; trade.csv line 25: 2000 turnover 8.0; 8 / 20 = 40%
    assert title(processed, "trade_pledges", highlight_target="trade_20bn_by_2000") == (
        "Trade reached US$8 bn in 2000, 40% of the US$20 bn pledged in 1996"
    )


def test_trade_title_of_a_range_is_judged_against_its_low_end(processed):
    # US$60-80 bn by 2010, pledged 2004; trade.csv line 54: 2010 turnover 55.45; 55.45 / 60 = 92.4%
    assert title(processed, "trade_pledges", highlight_target="trade_60_80bn_by_2010") == (
        "Trade reached US$55.5 bn in 2010, 92% of the low end of the US$60-80 bn pledged in 2004"
    )


def test_trade_title_of_an_annual_rate_uses_the_latest_year(processed):
    # US$250 bn a year, pledged 2022; 2025: 228.105 / 250 = 91.2%
    assert title(processed, "trade_pledges", highlight_target="trade_250bn_a_year") == (
        "Trade was US$228.1 bn in 2025, 91% of the US$250 bn a year pledged in 2022"
    )


def test_trade_title_follows_the_years_shown(processed):
    # the latest year in 1996-2010 is 2010: 55.45 -> US$55.5 bn
    assert title(processed, "trade_pledges", year_range=(1996, 2010)).startswith(
        "Trade was US$55.5 bn in 2010;"
    )


def test_trade_title_on_the_2002_article(processed_2002):
    # trade/2002: 1993 7.68, 1999 5.9, 2000 8.0, 2001 10.67 -> latest US$10.7 bn in 2001; only the 2000
    # deadline has a figure there (8 < 20: missed); the other 7 targets have none.
    assert title(processed_2002, "trade_pledges") == (
        "Trade was US$10.7 bn in 2001; of 8 stated trade targets: 1 missed, 7 without data in this version"
    )
    assert "As reported in the 2002 article" in subtitle(processed_2002, "trade_pledges")


def test_trade_subtitle_says_measure_unit_basis_and_version(processed):
    text = subtitle(processed, "trade_pledges")
    assert text.startswith(
        "Goods trade between China and Russia, US$ bn a year, one preferred figure per year"
    )
    assert "Chinese customs" in text and "Current series 1991-2025 (2026-11-30)" in text


def test_flows_title_is_the_latest_balance(processed):
    # trade.csv lines 103-104: 2025 exports to Russia 103.309, imports from Russia 124.796
    assert title(processed, "trade_flows") == (
        "In 2025 China bought more from Russia (US$124.8 bn) than it sold to it (US$103.3 bn)"
    )


def test_customs_title_is_the_spread_in_the_years_both_report(processed):
    # 2010: 59.34 / 55.45 - 1 = +7.0% (lines 55-56); 2018: 108.3 / 107.06 - 1 = +1.2%, 109 / 107.06 - 1 = +1.8%
    assert title(processed, "trade_customs_bases") == (
        "Russian customs count 1.2% to 7% more trade than Chinese customs in the 2 years both report "
        "(2010 and 2018)"
    )


def test_vintages_title_is_the_revision(processed):
    # the 2002 article: 1993 7.68, 1999 5.9, 2000 8, 2001 10.67; the current series: 7.68, 5.72, 8, 10.67;
    # one revised: 5.72 / 5.9 - 1 = -3.05%
    assert title(processed, "trade_vintages") == (
        "The current series revises 1 of the 2002 article's 4 yearly figures: 1999, US$5.9 bn to US$5.72 bn (-3.1%)"
    )


# --- arms: datasets/arms/2026-11-28/arms.csv, SIPRI data of 2025-01 -------------------------------------------


def test_arms_tiv_title_is_the_peak_and_the_latest(processed):
    # lines 274 and 292: to China 3066.0 in 2005 (the highest), 371.5 in 2023
    assert (
        title(processed, "arms_tiv")
        == "Arms deliveries to China peaked at 3,066 million TIV in 2005; 372 million in 2023"
    )


def test_arms_share_title_is_the_peak_and_the_latest(processed):
    # 2005: 3066 / 5153.33 (line 298) = 59.5%; 2023: 371.5 / 1268.7 (line 316) = 29.3%
    assert title(processed, "arms_china_share") == (
        "China took 59% of Russia's arms exports in 2005, 29% in 2023 (SIPRI TIV)"
    )


# --- border, migration, energy -----------------------------------------------------------------------------------


def test_border_titles(processed):
    # border.csv: troop_ceiling_china_side 130400, zone_depth 100 km (1997); China-Russia lengths stated
    # exactly: 4209.3, 4195, 4300 ('nearly 4200' is a bound) -> 4,195 to 4,300 km, 105 apart
    assert (
        title(processed, "border_ceilings")
        == "The 1997 agreement caps troops at 130,400 a side within 100 km of the border"
    )
    assert (
        title(processed, "border_lengths")
        == "Sources put the China-Russia border at 4,195 to 4,300 km, 105 km apart"
    )


def test_migration_titles(processed):
    # migration.csv, all of Russia: claims up to 5,000,000 (1-5 million); estimates at most 500,000 ('up to',
    # 2001); the 2021 census 19,644. Primorskii Krai: 64% left on time in 1994, more than 99% in 1997-2000.
    assert title(processed, "migration_ranges") == (
        "Claims of up to 5 million Chinese in Russia against specialists' estimates of at most 500,000; "
        "the 2021 census counted 19,644"
    )
    assert title(processed, "visa_compliance") == (
        "Visitors to Primorskii Krai leaving on time rose from 64% in 1994 to more than 99% in 1997-2000"
    )


def test_energy_titles(processed):
    # energy 2026-11-30: Power of Siberia 38.8 bcm in 2025 (Miller via Reuters, preliminary), contract 38 bcm a
    # year (2014): 38.8 / 38 = 1.0211 -> 102%; Yukos has no delivery of its own for 2005 (its 10 Mt plan), but
    # Russia's rail exports to China, all companies, were 7.6 Mt in 2005 (East Siberian Railway figures), so Yukos
    # shipped at most 7.6 / 10 = 76%; crude from Russia 108.5 Mt in 2024
    assert title(processed, "energy_deliveries") == (
        "Power of Siberia delivered 38.8 bcm in 2025, 102% of the 38 bcm a year contracted in 2014"
    )
    assert title(processed, "oil_deliveries") == (
        "Yukos shipped at most 76% of its 10 Mt plan for 2005: all Russian rail oil to China was 7.6 Mt; "
        "China imported 108.5 Mt of Russian crude in 2024"
    )


# --- the functions on cases the data do not hold ---------------------------------------------------------------


def test_customs_finding_without_a_common_year_and_with_both_signs():
    empty = pd.DataFrame(columns=["year", "measure", "gap_pct"])
    assert (
        findings.customs_finding(empty)
        == "No year has both Chinese and Russian customs figures in this version"
    )
    mixed = pd.DataFrame({"year": [2010, 2011], "measure": ["turnover"] * 2, "gap_pct": [-2.0, 3.0]})
    assert findings.customs_finding(mixed) == (
        "Russian customs differ from Chinese customs by -2% to +3% in the 2 years both report (2010 and 2011)"
    )


def test_a_target_without_a_figure_at_its_deadline_says_so():
    row = {
        "pledge_year": 2011,
        "deadline": 2015,
        "target_value": 100.0,
        "unit": "usd_bn",
        "actual_at_deadline": None,
        "actual_year": None,
        "attainment_pct": None,
    }
    assert findings.trade_target_finding(row) == (
        "No trade figure for 2015 in this version to judge the US$100 bn pledged in 2011"
    )


@pytest.mark.parametrize(
    ("value", "words"), [(7.015, "+7%"), (1.158, "+1.2%"), (-3.050847, "-3.1%"), (0.0, "0%")]
)
def test_signed_percent(value, words):
    assert findings.signed_percent(value) == words
