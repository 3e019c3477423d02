"""report.html as a pure function of plain data: a self-contained page, every value from data escaped."""

from __future__ import annotations

import base64
import math
from html import escape

import pandas as pd

from dashboard.formatting import number as _num
from dashboard.formatting import percent, years_late_short

LINK_SCHEMES = ("https://", "http://")
CSS = """
body{font-family:"Liberation Sans",Arial,sans-serif;margin:2rem auto;max-width:1240px;color:#111;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}figure{margin:1.5rem 0}
img{max-width:100%;height:auto;border:1px solid #ddd}figcaption,.meta{color:#555;font-size:.85rem}
table{border-collapse:collapse;font-size:.8rem;width:100%}th,td{border:1px solid #ccc;padding:.25rem .4rem;
vertical-align:top;text-align:left;overflow-wrap:anywhere}th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}
.failed{background:#fde8e0;border:1px solid #D55E00;padding:.5rem 1rem}.status{font-weight:bold}
blockquote{margin:0;font-style:italic}
"""
LEDGER_COLUMNS = (
    "target",
    "pledged",
    "deadline",
    "goal",
    "baseline",
    "actual",
    "attained",
    "shortfall",
    "first reached",
    "growth required / achieved",
    "status",
    "notes",
    "sources",
)
WARNING_COLUMNS = ("dataset", "line", "kind", "message")
SOURCE_COLUMNS = ("source id", "publisher", "date", "address", "quote", "reliability", "used by")


def page_html(
    *,
    figures: list[dict],
    ledger: list[dict],
    warnings: list[dict],
    bibliography: list[dict],
    failed: dict[str, str],
    datasets: dict[str, dict],
    created: str,
    package_version: str,
) -> str:
    """The whole report page: datasets, failures, every figure, the ledger, the warnings, the bibliography."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Sino-Russian bilateral indicators: figures</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Sino-Russian bilateral indicators: stated targets against outcomes</h1>",
        (
            f'<p class="meta">Generated {escape(created)} by sino-russian-dashboard {escape(package_version)}; '
            f"{len(figures)} figure(s). Every number carries its source: hover ids in the dashboard, the "
            "bibliography at the end of this page.</p>"
        ),
        _contents(figures),
        _datasets_table(datasets),
        _failures(failed),
        '<h2 id="figures">Figures</h2>',
        *(_figure(figure) for figure in figures),
        '<h2 id="ledger">Target ledger</h2>',
        _ledger_table(ledger),
        f'<h2 id="warnings">Consistency warnings ({len(warnings)})</h2>',
        _warnings_table(warnings),
        f'<h2 id="sources">Bibliography ({len(bibliography)} sources)</h2>',
        _sources_table(bibliography),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def bibliography(sources: pd.DataFrame, cited: dict[str, list[str]]) -> list[dict]:
    """Each cited source id with publisher, date, address, quote and reliability, and what cites it."""
    by_id = {row["source_id"]: row for row in sources.to_dict("records")}
    entries = []
    for source_id in sorted(cited):
        row = by_id.get(source_id, {})
        entries.append(
            {
                "source_id": source_id,
                "publisher": _text(row.get("publisher")) or "(not in sources)",
                "published": _text(row.get("published")),
                "address": address(row),
                "quote": _text(row.get("quote")),
                "reliability": _text(row.get("reliability")),
                "used_by": sorted(set(cited[source_id])),
            }
        )
    return entries


def address(row: dict) -> str:
    """The source's URL, else its repository with path and commit."""
    if url := _text(row.get("url")):
        return url
    repository = _text(row.get("repository"))
    path, commit = _text(row.get("repository_path")), _text(row.get("repository_commit"))
    return repository + (f" {path}" if path else "") + (f" @ {commit}" if commit else "")


def data_uri(media_type: str, data: bytes) -> str:
    """An embedded image."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _contents(figures: list[dict]) -> str:
    """Links to each figure and section of the page."""
    items = "".join(f'<li><a href="#fig-{escape(f["name"])}">{escape(f["title"])}</a></li>' for f in figures)
    return (
        f'<nav><ul>{items}<li><a href="#ledger">Target ledger</a></li><li><a href="#warnings">Consistency '
        'warnings</a></li><li><a href="#sources">Bibliography</a></li></ul></nav>'
    )


def _datasets_table(datasets: dict[str, dict]) -> str:
    """The dataset versions the page was drawn from, with their sha256."""
    rows = [(name, d["version"], d.get("sha256") or "") for name, d in datasets.items()]
    return '<h2 id="datasets">Dataset versions</h2>' + _table(("dataset", "version", "sha256"), rows)


def _failures(failed: dict[str, str]) -> str:
    """A notice naming each figure that could not be exported, or nothing."""
    if not failed:
        return ""
    items = "".join(f"<li><b>{escape(name)}</b>: {escape(error)}</li>" for name, error in failed.items())
    return (
        f'<div class="failed" id="failed"><p>These figures could not be exported:</p><ul>{items}</ul></div>'
    )


def _figure(figure: dict) -> str:
    """One figure: the image (title, units, versions and source line are drawn in it) and a caption."""
    versions = ", ".join(f"{name} {version}" for name, version in sorted(figure["versions"].items()))
    return (
        f'<figure id="fig-{escape(figure["name"])}"><img alt="{escape(figure["title"])}" '
        f'src="{data_uri(figure["media_type"], figure["image"])}" width="1200" height="700">'
        f"<figcaption>{escape(figure['title'])} · page {escape(figure['page'])} · data {escape(versions)} · "
        f"files {escape(', '.join(figure['files']))}</figcaption></figure>"
    )


def _ledger_table(records: list[dict]) -> str:
    """The target ledger, one row per target, as `bilateral targets` prints it."""
    rows = []
    for r in records:
        goal = (
            _num(r["target_value"])
            if r["target_value"] is not None
            else f"{_num(r['target_low'])}-{_num(r['target_high'])}"
        )
        late = "" if r["years_late"] is None else f" ({years_late_short(r['years_late'])})"
        growth = (
            ""
            if r["required_cagr_pct"] is None
            else f"{_num(r['required_cagr_pct'], 1)}% / {_pct(r['actual_cagr_pct'])}"
        )
        actual = _num(r["actual_at_deadline"]) + (
            f" ({r['actual_year']})" if r["actual_year"] is not None else ""
        )
        rows.append(
            (
                f"{r['title']} [{r['target_id']}]",
                _text(r["pledge_year"]),
                _text(r["deadline"]),
                f"{goal} {r['unit']}",
                f"{_num(r['baseline_value'])} ({_text(r['baseline_year'])})",
                actual,
                _pct(r["attainment_pct"]),
                _num(r["shortfall"]),
                _text(r["first_reached_year"]) + late,
                growth,
                r["status"],
                r["notes"] or "",
                (r["source_ids"] or "").replace(";", "; "),
            )
        )
    return _table(LEDGER_COLUMNS, rows, numeric={1, 2, 4, 5, 6, 7, 8})


def _warnings_table(warnings: list[dict]) -> str:
    """Where sources disagree: listed, never resolved silently."""
    if not warnings:
        return "<p>No consistency warnings.</p>"
    return _table(
        WARNING_COLUMNS, [(w["dataset"], _text(w["line"]), w["kind"], w["message"]) for w in warnings]
    )


def _sources_table(entries: list[dict]) -> str:
    """The bibliography: one row per source the figures and the ledger use."""
    rows = [
        (
            e["source_id"],
            e["publisher"],
            e["published"],
            _Link(e["address"]),
            _Quote(e["quote"]),
            e["reliability"],
            ", ".join(e["used_by"]),
        )
        for e in entries
    ]
    return _table(SOURCE_COLUMNS, rows)


class _Link(str):
    """A cell shown as a link when it is an http(s) address."""


class _Quote(str):
    """A cell shown as a quotation."""


def _table(headers, rows, numeric: frozenset[int] | set[int] = frozenset()) -> str:
    """An HTML table; every cell escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(_cell(value, i in numeric) for i, value in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: str, numeric: bool) -> str:
    """One escaped cell: a link for http(s) addresses, a blockquote for quotes."""
    text = escape(str(value))
    if isinstance(value, _Link) and value.startswith(LINK_SCHEMES):
        text = f'<a href="{text}" rel="noreferrer noopener">{text}</a>'
    elif isinstance(value, _Quote) and value:
        text = f"<blockquote>{text}</blockquote>"
    return f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>"


def _text(value) -> str:
    """A cell's text; blank when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _pct(value) -> str:
    """A percentage to one decimal; 'n/a' when missing."""
    return percent(value, 1, missing="n/a")
