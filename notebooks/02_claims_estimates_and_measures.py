# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Claims, estimates and measures
#
# Three places where numbers that look alike are not the same kind of number:
#
# 1. **Migration**: press claims of millions of Chinese in Russia, specialists' estimates in the hundreds of
#    thousands, and census counts in the tens of thousands.
# 2. **Arms**: SIPRI's trend-indicator value (TIV) shares against shares of the money value of sales.
# 3. **Trade**: the 2002 article's figures against the sourced series of today (two versions of one dataset).
#
# The package keeps each kind apart and says which is which; this notebook shows where, using only its public
# API. Nothing is written into the repository (`cache_dir=None`).

# %%
# ruff: noqa: B018 (a bare name at the end of a cell is how a notebook shows a value)
import pandas as pd

from dashboard.catalog import Catalog
from dashboard.figures.registry import registered
from dashboard.processed import build
from dashboard.targets import ledger_records

pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 70)
catalog = Catalog()
processed = build(catalog, cache_dir=None)
figures = registered()

# %% [markdown]
# ## 1. Migration: claims against estimates and census counts
#
# Every row of the migration dataset has a `kind`: `claim` (a figure asserted in the press or by officials,
# usually without a method), `estimate` (a specialist's figure, usually a range), `census` (a count by a
# statistical office) or `actual` (a measured rate). Ranges keep both ends; one-sided figures keep their
# qualifier (`up_to`, `at_least`, `more_than`).

# %%
migration = processed.frames["migration"]
columns = [
    "year",
    "geography_label",
    "measure",
    "kind",
    "persons",
    "persons_low",
    "persons_high",
    "qualifier",
    "source_id",
]
national = migration[migration["geography"] == "russia"].sort_values(["kind", "year"])
national[columns]

# %% [markdown]
# The 2002 review set the press's "1 to 5 million" illegal Chinese residents against the specialists' 250 to
# 450 thousand. Even the low end of the claim is more than twice the high end of the estimate; the high end of
# the claim is twenty times the low end of the estimate.

# %%
claim = migration[(migration["source_id"] == "article-29788")].iloc[0]
estimate = migration[(migration["source_id"] == "article-30018")].iloc[0]
ratios = {
    "claim low / estimate high": claim["persons_low"] / estimate["persons_high"],
    "claim high / estimate low": claim["persons_high"] / estimate["persons_low"],
}
assert (claim["kind"], estimate["kind"]) == ("claim", "estimate")
assert round(ratios["claim low / estimate high"], 1) == 2.2 and ratios["claim high / estimate low"] == 20
ratios

# %% [markdown]
# A census counts something else again: residents who declare Chinese ethnicity, most of them Russian citizens
# or long-term residents, not temporary migrants or traders. Where sources disagree on a census figure (2002:
# 34,577, 34,578 or 39,483), every row is kept and the disagreement is visible, not averaged away.

# %%
census = migration[migration["kind"] == "census"]
census.groupby(["year", "geography_label"])["persons"].agg(["min", "max", "count"])

# %%
figures["migration_ranges"].render(processed)

# %% [markdown]
# ## 2. Arms: TIV shares and money-value shares are not one series
#
# SIPRI's trend-indicator value (TIV) measures the *volume* of major-weapon deliveries, priced at the
# production cost of a core set of weapons in constant 1990 US$; it is not what buyers paid. The 2002 article's
# shares ("China's share of Russian arms sales", "Russia's share of the international arms market") are shares
# of the *money value* of sales, in current prices, including contracts and services TIV does not count. The
# dataset records this in `measure_basis`.

# %%
arms = processed.frames["arms"]
arms.groupby(["measure_basis", "vintage"]).size().rename("rows").to_frame()

# %% [markdown]
# For 2000 the two kinds happen to agree: the article's 49.9% money-value share (as of October) against a TIV
# share of about 49% in both SIPRI vintages. For 1999 they do not: the article gives Russia 6% of the
# international arms market by value, while Russia's TIV share of world deliveries that year is about 17%.
# Joining such points into one line would draw a trend out of a change of measure.

# %%
stated = arms[arms["measure_basis"] == "money_value"][
    ["year", "period_label", "series", "share_pct", "share_low_pct", "qualifier", "source_id"]
]
stated

# %%
tiv_1999 = arms[(arms["year"] == 1999) & (arms["vintage"] == "sipri-2022-05")].set_index("series")[
    "tiv_usd_m"
]
russia_world_tiv_share_1999 = tiv_1999["tiv_supplier_total_exports"] / tiv_1999["tiv_world_total"] * 100
china_share = {
    vintage: processed.derived.arms_china_share[vintage].set_index("year")["share_pct"]
    for vintage in ("sipri-2022-05", "sipri-2025-01")
}
comparison = pd.DataFrame(china_share).loc[2000:2002]
assert round(russia_world_tiv_share_1999, 1) == 16.9
print(
    f"Russia's TIV share of world deliveries, 1999: {russia_world_tiv_share_1999:.1f}% (article, money value: 6%)"
)
comparison

# %% [markdown]
# The table also shows why SIPRI vintages are not spliced either: each release revalues the whole database, so
# China's TIV share for 2000 is 49.7% in the 2022 vintage and 49.1% in the 2025 one. The figure draws one
# vintage as a line and keeps the stated money-value shares and the press's five-year TIV shares as separate
# markers.

# %%
figures["arms_china_share"].render(processed)

# %% [markdown]
# ## 3. Trade: the article's figures against today's series
#
# The `trade` dataset has two versions. `2002` holds the article's figures as stated (five rows; 1994 gives
# only a change, no level). `2026-11-28` holds the sourced series 1991-2025, several sources per year where
# they exist, one marked preferred. The versions are never edited; the catalog pins the active one.

# %%
print("trade versions:", catalog.versions("trade"), "| active:", processed.versions["trade"])
processed.vintages["2002"][["year", "measure", "value_usd_bn", "yoy_change_pct", "preferred", "source_id"]]

# %% [markdown]
# Where both versions have a year, the revision is today's preferred figure against the article's. Most of the
# article's levels survive (several of its rows are still the preferred source); 1999 is revised down by
# US$0.18 bn (3%).

# %%
revisions = processed.derived.trade_revisions
article_years = revisions[revisions["version"] == "2002"]
assert round(article_years.set_index("year").loc[1999, "revision_usd_bn"], 2) == -0.18
article_years

# %% [markdown]
# The ledger can be judged on either version (`bilateral targets --version trade=2002`). On the article's own
# figures the 1996 pledge is still 40% attained in 2000, but its baseline (1996) and the year it was reached
# (2004) lie outside what the article knew.

# %%
article = build(catalog, {"trade": "2002"}, cache_dir=None)
keys = [
    "baseline_value",
    "actual_at_deadline",
    "attainment_pct",
    "shortfall",
    "first_reached_year",
    "status",
    "notes",
]
pledge = {
    label: next(r for r in ledger_records(p.derived.ledger) if r["target_id"] == "trade_20bn_by_2000")
    for label, p in (("trade 2002", article), (f"trade {processed.versions['trade']}", processed))
}
assert pledge["trade 2002"]["attainment_pct"] == 40.0 and pledge["trade 2002"]["first_reached_year"] is None
pd.DataFrame({label: {key: record[key] for key in keys} for label, record in pledge.items()})

# %%
figures["trade_vintages"].render(processed)
