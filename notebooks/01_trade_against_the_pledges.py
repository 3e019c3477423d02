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
# # Trade against the pledges
#
# In 1996 the presidents of China and Russia pledged US$20 bn of trade by 2000; a 2002 review of the
# relationship reported US$8 bn in 2000. This notebook follows that one pledge through the package, from the
# raw CSV to the published figure:
#
# 1. the raw CSV and its descriptor, as `datasets/` stores them;
# 2. validation, and what a failure report looks like on a deliberately broken copy;
# 3. the target ledger and the arithmetic behind its verdict on the 1996 pledge;
# 4. the figure the dashboard and the static report draw from the same builder.
#
# Everything here goes through the package's public API (`dashboard.catalog`, `dashboard.pipeline.load`,
# `dashboard.processed`, `dashboard.targets`, `dashboard.figures`, `dashboard.report`). Nothing is written into
# the repository: the broken copy and the exported image live in temporary folders, and the processed-table
# cache is switched off (`cache_dir=None`).

# %%
# ruff: noqa: B018 (a bare name at the end of a cell is how a notebook shows a value)
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Image, display
from rich.console import Console

from dashboard import render
from dashboard.catalog import DEFAULT_ROOT, Catalog
from dashboard.figures.registry import registered
from dashboard.figures.shown import shown_rows, with_sources
from dashboard.pipeline.load import load_all
from dashboard.processed import build
from dashboard.report import write_report
from dashboard.targets import cagr_pct, ledger_records

pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 60)
catalog = Catalog()

# %% [markdown]
# ## 1. The raw CSV
#
# The catalog pins one version of each dataset. A version is a folder holding the CSV and a
# `datapackage.json` descriptor with the fields (and their units), the sources, the byte count and the sha256.
# Several rows may give the same year: every sourced figure is kept, and one per year and measure is marked
# `preferred`, with the reason.

# %%
trade = catalog.resolve("trade")
print(trade.name, trade.version, trade.csv_path.relative_to(DEFAULT_ROOT.parent))
print("sha256 in the descriptor:", trade.expected_sha256)
raw = pd.read_csv(trade.csv_path, dtype=str, keep_default_na=False)
raw[raw["year"].isin(["1996", "2000", "2004"]) & (raw["measure"] == "turnover")][
    ["year", "measure", "value_usd_bn", "reporting_basis", "preferred", "source_id"]
]

# %%
pd.DataFrame(trade.fields)[["name", "type", "unit", "description"]].head(8)

# %% [markdown]
# ## 2. Validation, and what a failure looks like
#
# `load_all` checks every dataset: the file's bytes and sha256 against its descriptor, the pandera schema
# (lazily, so one report lists every failure), and that every `source_id` resolves in the `sources`
# bibliography. On the bundled data everything passes; the consistency warnings list places where sources
# disagree, without failing anything.

# %%
loaded = load_all(catalog)
print("valid:", loaded.ok)
pd.DataFrame(
    [
        {"dataset": r.dataset, "version": r.version, "rows": r.rows, "failures": len(r.failures)}
        for r in loaded.reports.values()
    ]
)

# %%
pd.DataFrame([w.as_dict() for w in loaded.warnings])[["dataset", "line", "kind", "message"]].head(5)

# %% [markdown]
# Now a deliberately broken copy, in a temporary folder: the 1992 turnover becomes the word `lots`, and a
# source id that the bibliography does not know replaces the 1996 one. The report names the file, the CSV line
# (the header is line 1), the column, the check that failed and the offending value; the changed bytes also
# fail the descriptor's sha256.

# %%
broken_root = Path(tempfile.mkdtemp(prefix="bilateral-broken-")) / "datasets"
shutil.copytree(DEFAULT_ROOT, broken_root)
broken_csv = broken_root / "trade" / trade.version / "trade.csv"
text = broken_csv.read_text(encoding="utf-8")
text = text.replace("1992,turnover,4.63", "1992,turnover,lots", 1)
text = text.replace("trade-2007-06-china-daily", "no-such-source", 1)
broken_csv.write_text(text, encoding="utf-8")

broken = load_all(Catalog(broken_root))
report = broken.reports["trade"]
print("valid:", broken.ok)
failures = pd.DataFrame([f.as_dict() for f in report.failures])
failures["file"] = failures["file"].map(lambda path: Path(path).name)
failures

# %%
assert not broken.ok and "integrity" in set(failures["check"])  # the bytes no longer match the descriptor
assert "lots" in set(failures.loc[(failures["line"] == 4) & (failures["column"] == "value_usd_bn"), "value"])
assert "no-such-source" in set(failures.loc[failures["line"] == 14, "value"])

# %% [markdown]
# The command line prints the same report as a table (`bilateral validate --datasets DIR`):

# %%
render.validation_tables(Console(width=150), [report], [])
shutil.rmtree(broken_root.parent)

# %% [markdown]
# ## 3. The ledger and its arithmetic for the 1996 pledge
#
# `build` returns the validated frames and the derived tables, the target ledger among them. The ledger is the
# one place where targets are compared with actuals; here we only check its arithmetic by hand.

# %%
processed = build(catalog, cache_dir=None)
ledger = pd.DataFrame(ledger_records(processed.derived.ledger))
ledger[["target_id", "deadline", "target_value", "actual_at_deadline", "attainment_pct", "status"]]

# %%
pledge = ledger.set_index("target_id").loc["trade_20bn_by_2000"]
pledge[
    [
        "title",
        "pledge_year",
        "deadline",
        "target_value",
        "baseline_year",
        "baseline_value",
        "actual_at_deadline",
        "attainment_pct",
        "shortfall",
        "first_reached_year",
        "years_late",
        "required_cagr_pct",
        "actual_cagr_pct",
        "status",
        "notes",
    ]
]

# %% [markdown]
# The verdict, recomputed from the turnover series the ledger uses:
#
# - baseline: turnover in the pledge year, 1996: US$6.83 bn;
# - actual at the deadline, 2000: US$8.0 bn, so attainment is 8.0 / 20 = 40% and the shortfall 20 - 8.0 = 12.0;
# - first reached: the first year with turnover of at least 20, which is 2004 (US$21.23 bn), four years late;
# - growth: reaching 20 from 6.83 in four years needed about 30.8% a year; trade grew about 4.0% a year.

# %%
turnover = processed.derived.trade_turnover.set_index("year")["value_usd_bn"]
baseline, actual, target = turnover[1996], turnover[2000], pledge["target_value"]
first_reached = min(year for year, value in turnover.items() if value >= target)
by_hand = {
    "baseline": baseline,
    "actual": actual,
    "attainment_pct": round(actual / target * 100, 6),
    "shortfall": round(target - actual, 6),
    "first_reached_year": first_reached,
    "years_late": first_reached - 2000,
    "required_cagr_pct": round(cagr_pct(baseline, target, 4), 6),
    "actual_cagr_pct": round(cagr_pct(baseline, actual, 4), 6),
}
by_hand

# %%
assert (baseline, actual) == (6.83, 8.0)
assert by_hand["attainment_pct"] == pledge["attainment_pct"] == 40.0
assert by_hand["shortfall"] == pledge["shortfall"] == 12.0
assert by_hand["first_reached_year"] == pledge["first_reached_year"] == 2004
assert by_hand["years_late"] == pledge["years_late"] == 4
assert abs(by_hand["required_cagr_pct"] - pledge["required_cagr_pct"]) < 1e-6
turnover.loc[1996:2005]

# %% [markdown]
# ## 4. The figure
#
# The dashboard's trade page and `bilateral figures` draw the same figure from the same registered builder.
# Every plotted point carries its source id; `shown_rows` lists them and `with_sources` attaches the
# bibliography (publisher, date, address, quoted words, reliability).

# %%
spec = registered()["trade_pledges"]
fig = spec.render(processed)
print(spec.title, "| datasets:", spec.versions(processed))
points = with_sources(shown_rows(fig), processed.frames["sources"])
points[points["x"].isin([1996, 2000, 2004]) & points["series"].str.startswith("Turnover")][
    ["series", "x", "y", "source_id", "publisher", "published", "quote"]
]

# %%
fig

# %% [markdown]
# The static report exports it at a fixed size through one headless Chromium; here into a temporary folder.
# The manifest records the file's sha256 and the dataset versions it was drawn from.

# %%
with tempfile.TemporaryDirectory(prefix="bilateral-figures-") as out:
    result = write_report(processed, Path(out), names=["trade_pledges"], formats=["png"])
    entry = result.manifest["figures"][0]
    print(entry["name"], entry["files"][0]["bytes"], "bytes, sha256", entry["files"][0]["sha256"][:16])
    print("datasets:", {name: d["version"] for name, d in entry["datasets"].items()})
    display(Image(data=(Path(out) / "trade_pledges.png").read_bytes(), width=900))
