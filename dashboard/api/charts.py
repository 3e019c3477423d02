"""A chart for reuse outside the page: the rows it shows (the CSV button's rows, with units), its metadata, a zip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from dashboard.api.citation import Citation
from dashboard.app import frame
from dashboard.app.callbacks.downloads import csv_frame
from dashboard.app.data import AppData
from dashboard.app.pages import APP_TITLE, PATHS
from dashboard.app.view import View, href
from dashboard.catalog import Catalog
from dashboard.figures.shown import COMPUTED, POINT, neutralise_formulas
from dashboard.figures.spec import FigureSpec
from dashboard.processed import Processed

BIBLIOGRAPHY = "sources"  # every chart's rows name their sources from this dataset
SOURCE_COLUMNS = ("source_id", "publisher", "published", "url", "quote", "reliability")
GLOSS = "gloss_en"  # the quote's English gloss (the maintainers' words), in sources versions that carry one
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same view gives the same bytes (and ETag)
TAG = re.compile(r"<[^>]+>")
OPTIONAL_COLUMN_WORDS = {  # the README's words on a column the chart's rows have only where one of them uses it
    COMPUTED: "Rows with a `computed` cell are not stated by any source: the dashboard computed them (the cell says "
    "how) and they have no source_id.",
    POINT: "`point` names each point where one series holds several things (the pledges of one status).",
}


@dataclass(frozen=True)
class ChartView:
    """One registered chart in one checked view, with the address it is served from (scheme://host)."""

    data: AppData
    catalog: Catalog
    spec: FigureSpec
    view: View
    base: str

    @property
    def name(self) -> str:
        """The chart's id."""
        return self.spec.name

    @cached_property
    def processed(self) -> Processed:
        """The tables of the view's dataset versions."""
        return self.data.processed(self.view)

    @cached_property
    def figure(self) -> go.Figure:
        """The drawn figure (shared: never mutated here)."""
        return self.data.figure(self.name, self.view)

    @cached_property
    def versions(self) -> dict[str, str]:
        """Every dataset version the chart's rows come from: its datasets, and the bibliography."""
        shown = self.spec.versions(self.processed)
        return {**shown, BIBLIOGRAPHY: self.processed.versions[BIBLIOGRAPHY]}

    @cached_property
    def pinned(self) -> View:
        """The view with every version named, so that its address shows the same data after a new release."""
        view = self.view
        for name, version in sorted(self.versions.items()):
            view = view.with_version(name, version)
        return view

    def permalink(self) -> str:
        """The chart's page showing exactly this view and these data versions."""
        return self.base + href(PATHS[self.spec.page], self.pinned)

    def address(self, suffix: str) -> str:
        """An API or embed address of this chart in this view: suffix '.csv', '.zip', ... or 'embed'."""
        path = f"/embed/{self.name}" if suffix == "embed" else f"/api/v1/charts/{self.name}{suffix}"
        return self.base + path + self.pinned.search()

    def validator_parts(self) -> tuple:
        """What the chart's answers depend on (with the code's fingerprint): for the ETag."""
        return (
            self.name,
            self.pinned.search(),
            {name: self.processed.hashes.get(name) for name in self.versions},
            sorted(self.processed.vintages),
            self.processed.as_of_year,
            self.base,
        )


def file_stem(chart: ChartView) -> str:
    """The downloaded file's name: chart, years shown and trade data version, as the page's Download tab says."""
    years = chart.data.years_shown(chart.spec.page, chart.view) if chart.spec.follows_year_range else None
    return frame.file_stem(chart.spec, chart.processed, years)


def chart_rows(chart: ChartView) -> pd.DataFrame:
    """The CSV button's rows for the view (points shown, with sources), with what x and y measure, in units."""
    rows = csv_frame(chart.data, chart.name, chart.view)
    axes = neutralise_formulas(axis_titles(chart.figure))
    rows = rows.merge(axes, on="series", how="left")
    first = ["series", "x", "y", "x_axis", "y_axis"]
    return rows[first + [c for c in rows.columns if c not in first]]


def axis_titles(fig: go.Figure) -> pd.DataFrame:
    """Each series' x and y axis titles (which carry the units: 'Turnover, US$ bn'), first trace of a name."""
    layout = fig.layout.to_plotly_json()

    def title(axis: str, ref: str | None) -> str | None:
        key = axis + (ref or axis[0])[1:]
        return plain(layout.get(key, {}).get("title", {}).get("text")) or None

    rows = [
        {
            "series": trace.name,
            "x_axis": title("xaxis", getattr(trace, "xaxis", None)),
            "y_axis": title("yaxis", getattr(trace, "yaxis", None)),
        }
        for trace in fig.data
    ]
    frame = pd.DataFrame(rows, columns=["series", "x_axis", "y_axis"])
    return frame.drop_duplicates("series", keep="first")


def plain(text) -> str:
    """Figure text without its HTML tags and line breaks."""
    return " ".join(TAG.sub(" ", str(text or "")).split())


def source_line(fig: go.Figure) -> str:
    """The figure's source line (the annotation the shared style adds under the plot)."""
    for note in fig.layout.annotations or ():
        if note.name == "source_line":
            return plain(note.text)
    return ""


def dataset_records(chart: ChartView) -> list[dict]:
    """Each dataset version the chart uses, from its descriptor: title, sha256, bytes, rows, licences, address."""
    records = []
    for name, version in sorted(chart.versions.items()):
        dataset = chart.catalog.resolve(name, version)
        resource = dataset.resource
        records.append(
            {
                "name": name,
                "version": version,
                "title": dataset.descriptor.get("title"),
                "created": dataset.descriptor.get("created"),
                "sha256": dataset.expected_sha256,
                "bytes": resource.get("bytes"),
                "rows": resource.get("rows"),
                "licenses": dataset.descriptor.get("licenses", []),
                "csv": f"{chart.base}/api/v1/datasets/{name}/{version}.csv",
                "datapackage": f"{chart.base}/api/v1/datasets/{name}/{version}/datapackage.json",
            }
        )
    return records


def source_records(chart: ChartView, rows: pd.DataFrame) -> list[dict]:
    """Every source of the rows shown, from the bibliography as it is (not spreadsheet-escaped)."""
    sources = chart.processed.frames[BIBLIOGRAPHY]
    used = set(rows["source_id"].dropna().astype(str))
    chosen = sources[sources["source_id"].isin(used)].sort_values("source_id")
    columns = SOURCE_COLUMNS + ((GLOSS,) if GLOSS in sources.columns else ())
    return [
        {column: _json_value(record.get(column)) for column in columns}
        for record in chosen.to_dict("records")
    ]


def citation(chart: ChartView) -> Citation:
    """The citation of this view: title, the data versions with their sha256, the permalink."""
    datasets = dataset_records(chart)
    return Citation(
        title=title_of(chart),
        publisher=APP_TITLE,
        issued=max((d["created"] or "" for d in datasets), default=""),
        url=chart.permalink(),
        datasets=tuple((d["name"], d["version"], d["sha256"]) for d in datasets),
        key=f"bilateral-{chart.name}",
    )


def title_of(chart: ChartView) -> str:
    """The chart's headline (the figure's title), else its registered title."""
    return plain(chart.figure.layout.title.text) or chart.spec.title


def metadata(chart: ChartView) -> dict:
    """Title, subtitle, units, every source, the dataset versions with sha256, licences, permalink and citation."""
    rows = chart_rows(chart)
    datasets = dataset_records(chart)
    cite = citation(chart)
    subtitle = plain(chart.figure.layout.title.subtitle.text) or None
    axes = axis_titles(chart.figure)
    return {
        "id": chart.name,
        "title": title_of(chart),
        "subtitle": subtitle,
        "name": chart.spec.title,
        "units": {
            "x": sorted(set(axes["x_axis"].dropna())),
            "y": sorted(set(axes["y_axis"].dropna())),
        },
        "source_line": source_line(chart.figure),
        "view": view_record(chart),
        "rows": len(rows),
        "sources": source_records(chart, rows),
        "datasets": datasets,
        "licenses": licences(datasets),
        "permalink": chart.permalink(),
        "links": {
            "csv": chart.address(".csv"),
            "metadata": chart.address(".metadata.json"),
            "zip": chart.address(".zip"),
            "embed": chart.address("embed"),
        },
        "citation": {"text": cite.text(), "bibtex": cite.bibtex()},
    }


def view_record(chart: ChartView) -> dict:
    """The view in plain terms: years shown, versions, vintage, highlighted target."""
    year_range = chart.view.year_range if chart.spec.follows_year_range else None
    return {
        "from": year_range[0] if year_range else None,
        "to": year_range[1] if year_range else None,
        "versions": dict(sorted(chart.versions.items())),
        "vintage": chart.view.vintage,
        "target": chart.view.target,
    }


def licences(datasets: list[dict]) -> list[dict]:
    """The licences of the datasets, each once."""
    seen: dict[str, dict] = {}
    for dataset in datasets:
        for licence in dataset["licenses"]:
            seen.setdefault(licence.get("name", json.dumps(licence, sort_keys=True)), licence)
    return list(seen.values())


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV."""
    return rows.to_csv(index=False, lineterminator="\n").encode("utf-8")


def zip_bytes(chart: ChartView) -> bytes:
    """The chart's CSV, metadata and a README in one zip, the same bytes for the same view."""
    meta = metadata(chart)
    files = {
        f"{chart.name}.csv": csv_bytes(chart_rows(chart)),
        f"{chart.name}.metadata.json": (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode(),
        "README.md": readme(chart, meta).encode("utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(f"{chart.name}/{name}", ZIP_DATE), content)
    return buffer.getvalue()


def readme(chart: ChartView, meta: dict) -> str:
    """What the files show, how to cite them, their licence and caveats."""
    view = meta["view"]
    years = f"{view['from']} to {view['to']}" if view["from"] else "every year the chart shows"
    columns = set(chart_rows(chart).columns)
    lines = [
        f"# {meta['title']}",
        "",
        *([meta["subtitle"], ""] if meta["subtitle"] else []),
        "## What it shows",
        (
            f"`{chart.name}.csv` holds the {meta['rows']} points the chart '{meta['name']}' shows for {years}: "
            "one row per point, with its series, x and y, what x and y measure (`x_axis`, `y_axis`, with units) "
            "and its source (publisher, date published, address, the quoted words, reliability and, where the "
            "quote is in another language, an English gloss by the dashboard's maintainers, not the source's words)."
        ),
        *[words for column, words in OPTIONAL_COLUMN_WORDS.items() if column in columns],
        f"`{chart.name}.metadata.json` holds the same chart's title, units, sources, data versions and citation.",
        f"The chart on the dashboard: {meta['permalink']}",
        "",
        "## How to cite",
        citation(chart).text(),
        "",
        "```bibtex",
        meta["citation"]["bibtex"].rstrip(),
        "```",
        "",
        (
            "The data versions and their sha256 (the file of each version never changes; the permalink shows "
            "these versions):"
        ),
        *[f"- {d['name']} {d['version']}: sha256 {d['sha256']}" for d in meta["datasets"]],
        "",
        "## Licence",
        *[f"- {lic.get('name')}: {lic.get('title', '')}".rstrip(": ") for lic in meta["licenses"]],
        "",
        "## Caveats",
        (
            "- Every number is as its source states it; where sources disagree the dataset keeps every row and "
            "marks one preferred, with the reason."
        ),
        "- A text cell a spreadsheet would run as a formula (starting with =, +, -, @) starts with a ' here.",
        *[f"- {d['name']} {d['version']}: {d['description']}" for d in descriptions(chart)],
        *[f"- {w.dataset}: {w.message}" for w in chart.processed.warnings if w.dataset in chart.versions],
        "",
    ]
    return "\n".join(lines)


def descriptions(chart: ChartView) -> list[dict]:
    """Each dataset version's own description (where its caveats are written)."""
    found = []
    for name, version in sorted(chart.versions.items()):
        text = chart.catalog.resolve(name, version).descriptor.get("description")
        if text:
            found.append({"name": name, "version": version, "description": " ".join(str(text).split())})
    return found


def _json_value(value):
    """A bibliography cell for JSON: missing values as None."""
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
