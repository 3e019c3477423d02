"""report.html as a pure function of plain data: a self-contained page, every value from data escaped.

The page reads as a report: the summary first (title, date, data versions in words, the verdict line and the
verdict board), then each figure with its finding title and a description in words (also its `alt` text), the
ledger as a table that fits A4 portrait, the consistency warnings, the bibliography of every source shown,
and only then, in an appendix, the digests, file names, ids and module names a machine or an auditor needs.
A print stylesheet makes the browser's (and `report.pdf`'s) pages clean."""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from html import escape

import pandas as pd

from dashboard.claims import VERDICT_WORDS
from dashboard.figures.style import STATUS_COLOURS, STATUS_WORDS
from dashboard.formatting import (
    ARTICLE_CITATION,
    MISSING,
    UNIT_FORMATS,
    amount,
    attainment,
    dataset_name,
    number,
    percent,
    years_late,
)

LINK_SCHEMES = ("https://", "http://")
ARTICLE_SOURCE_PREFIX = "article-"  # the 2002 article's footnotes: cited by its title
LEDGER_COLUMNS = ("Target", "Promised", "Outcome", "Attainment", "First reached", "Status")
LEDGER_WIDTHS = (31, 17, 16, 11, 14, 11)  # % of the table; each column still never narrower than its words
WARNING_KINDS = {
    "yoy_mismatch": "A reported change against the levels",
    "basis_gap": "Chinese against Russian customs",
}
MEASURE_WORDS = {
    "china_exports_to_russia": "China's exports to Russia",
    "china_imports_from_russia": "China's imports from Russia",
}
NUMERIC = ' class="n"'
DEADLINE_WORDS = {"annual rate": "a year", "standing": "at all times"}
CSS = """
*{box-sizing:border-box}
body{font-family:"Liberation Sans",Arial,sans-serif;line-height:1.45;margin:0 auto;max-width:1240px;color:#111;
padding:1.5rem 1rem 3rem}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 .4rem}h2{font-size:1.3rem;margin:2.5rem 0 .8rem;
border-bottom:1px solid #bbb;padding-bottom:.2rem}h3{font-size:1.05rem;margin:0 0 .2rem;line-height:1.3}
p{margin:.4rem 0}.meta{color:#444}.verdict{font-size:1.2rem;font-weight:bold;margin:1rem 0;max-width:60rem}
.versions{color:#333}
figure{margin:1.5rem 0 2.2rem}figure img{display:block;width:100%;max-width:1200px;height:auto;border:1px solid #ddd;
margin:.5rem 0}.subtitle{color:#444;margin:0 0 .3rem}figcaption{color:#222;font-size:.92rem;max-width:60rem}
.figno{color:#555;font-weight:normal}ul.disagree{margin:.2rem 0;padding-left:1.2rem;font-size:.85rem}.cites{color:#444;font-size:.85rem}
nav ol{columns:2;column-gap:2rem;padding-left:1.4rem;margin:.3rem 0}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
th,td{border-bottom:1px solid #ccc;padding:.3rem .4rem;vertical-align:top;text-align:left;word-break:normal;
overflow-wrap:normal;hyphens:manual}
th{background:#f0f0f0;border-bottom:2px solid #999}td.n{text-align:right}
.status{font-weight:bold}.status::before{content:"";display:inline-block;width:.75em;height:.75em;
border-radius:50%;margin-right:.35em;vertical-align:-.05em;background:var(--c,#999)}
.note{display:block;font-weight:normal;color:#444;font-size:.8rem}
.failed{background:#fde8e0;border:1px solid #D55E00;padding:.5rem 1rem}
ol.sources{padding-left:2.4rem}ol.sources li{margin:.35rem 0}
blockquote{margin:.1rem 0;font-style:italic}.url,.digest{overflow-wrap:anywhere;word-break:normal}
.digest{font-family:"Liberation Mono",monospace;font-size:.8rem}
table.digests{table-layout:fixed}table.digests td,table.digests th{overflow-wrap:anywhere}
.appendix{color:#333}
@media screen and (max-width:640px){
body{padding:1rem .75rem 2rem}h1{font-size:1.4rem}nav ol{columns:1}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid #ccc;border-radius:4px;margin:.6rem 0;padding:.3rem .2rem}
table.cards td{border:0;padding:.12rem .4rem;text-align:left}
table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:bold;color:#333}
table.cards td:first-child{font-weight:bold}
}
@page{size:A4 portrait;margin:14mm 13mm 16mm}
@media print{
body{max-width:none;padding:0;font-size:9.5pt;color:#000}nav,.screen-only{display:none}
h2{break-after:avoid;page-break-after:avoid;margin-top:1.2rem}h3,.subtitle{break-after:avoid;page-break-after:avoid}
figure{break-inside:avoid;page-break-inside:avoid;margin:.8rem 0 1.2rem}figure img{width:100%;max-width:100%}
tr,li,blockquote{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
table{font-size:8.5pt}a{color:inherit;text-decoration:none}.summary{break-after:page}
.appendix{break-before:page}
}
"""


def page_html(
    *,
    title: str,
    created: str,
    as_of_year: int | None,
    versions: list[str],
    verdict: str,
    summary: dict | None,
    figures: list[dict],
    ledger: list[dict],
    warnings: list[dict],
    bibliography: list[dict],
    failed: dict[str, str],
    appendix: dict,
    claims: list[dict] = (),  # type: ignore[assignment]  # an empty default, never mutated
) -> str:
    """The whole report page, in the order a reader needs it (see the module's docstring)."""
    numbers = {entry["source_id"]: entry["number"] for entry in bibliography}
    shown = ([summary] if summary else []) + figures
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}{_status_css()}</style></head><body>",
        '<main><section class="summary" id="summary">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(_summary_meta(created, as_of_year))}</p>',
        _versions(versions),
        f'<p class="verdict" id="verdict">{escape(verdict)}</p>',
        _failures(failed),
        _figure({**summary, "subtitle": _unless(summary.get("subtitle"), verdict)}, 0) if summary else "",
        "</section>",
        _contents(shown),
        '<section id="figures"><h2>Figures</h2>',
        *(_figure(figure, i) for i, figure in enumerate(shown) if figure is not summary),
        "</section>",
        '<section id="ledger"><h2>Target ledger</h2>',
        _ledger_intro(as_of_year),
        ledger_table(ledger),
        "</section>",
        _claims(list(claims), numbers),
        f'<section id="warnings"><h2>Where sources disagree ({len(warnings)})</h2>',
        _warnings(warnings, numbers),
        "</section>",
        f'<section id="sources"><h2>Bibliography ({len(bibliography)} sources)</h2>',
        _bibliography(bibliography),
        "</section>",
        _appendix(appendix, bibliography, failed),
        "</main></body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def bibliography(sources: pd.DataFrame, cited: dict[str, list[str]]) -> list[dict]:
    """Each cited source, numbered in order of first use (the order of `cited`), with publisher, date, address,
    quote (and its English gloss where the sources carry one), reliability and what cites it."""
    by_id = {row["source_id"]: row for row in sources.to_dict("records")}
    entries = []
    for number_, source_id in enumerate(cited, start=1):
        row = by_id.get(source_id, {})
        entries.append(
            {
                "number": number_,
                "source_id": source_id,
                "publisher": _text(row.get("publisher")) or "(not in the sources list)",
                "published": _text(row.get("published")),
                "address": address(row),
                "quote": _text(row.get("quote")),
                "gloss": _text(row.get("gloss_en")),
                "reliability": _text(row.get("reliability")),
                "article": source_id.startswith(ARTICLE_SOURCE_PREFIX),
                "used_by": list(dict.fromkeys(cited[source_id])),
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


def date_words(created: str) -> str:
    """'2026-11-30T06:35:35+00:00' -> '30 November 2026'."""
    try:
        when = dt.datetime.fromisoformat(created)
    except ValueError:
        return created
    return f"{when.day} {when:%B %Y}"


def plain(text: str | None) -> str:
    """A Plotly title without its markup (<br>, <b>, <span ...>)."""
    text = re.sub(r"<br\s*/?>", " ", text or "", flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5, 7, 8] -> [(1, 3), (5, 5), (7, 8)]."""
    spans: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def ledger_table(records: list[dict]) -> str:
    """The target ledger for people: target, promised, outcome, attainment, first reached, status (in words)."""
    cols = "".join(f'<col style="width:{w}%">' for w in LEDGER_WIDTHS)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in LEDGER_COLUMNS)
    body = []
    for r in records:
        cells = (
            (escape(r["title"]), False),
            (escape(promised(r)), False),
            (escape(outcome(r)), False),
            (escape(_attainment(r)), True),
            (escape(first_reached(r)), False),
            (_status(r), False),
        )
        body.append(
            "<tr>"
            + "".join(
                f'<td data-label="{LEDGER_COLUMNS[i]}"{NUMERIC if numeric else ""}>{html}</td>'
                for i, (html, numeric) in enumerate(cells)
            )
            + "</tr>"
        )
    return (
        f'<table class="ledger cards"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def promised(r: dict) -> str:
    """'US$20 bn by 2000', 'US$60-80 bn by 2010', 'at most 130,400 troops at all times', '38 bcm a year'."""
    if r["target_value"] is None:
        low, high = number(r["target_low"]), number(r["target_high"])
        goal = UNIT_FORMATS.get(r["unit"], "{} " + r["unit"]).format(f"{low}-{high}")
    else:
        goal = amount(r["target_value"], r["unit"])
    if r.get("comparison") == "at_most":
        goal = f"at most {goal}"
    deadline = str(r["deadline"])
    when = f"by {deadline}" if deadline.isdigit() else DEADLINE_WORDS.get(deadline, deadline)
    return f"{goal} {when} (pledged {r['pledge_year']})"


def outcome(r: dict) -> str:
    """'US$8 bn in 2000', or 'no data'."""
    if r["actual_at_deadline"] is None:
        return "no data"
    year = f" in {r['actual_year']}" if r["actual_year"] is not None else ""
    return f"{amount(r['actual_at_deadline'], r['unit'])}{year}"


def first_reached(r: dict) -> str:
    """'2004 (4 years late)', '2012-2013 (a gap in the data)', or 'not yet'."""
    if r.get("first_reached_range"):
        low, high = r["first_reached_range"]
        return f"{low}-{high} (no data for {low})"
    if r["first_reached_year"] is None:
        return "no data" if r["status"] == "no_observation" else "not yet"
    late = "" if r["years_late"] is None else f" ({years_late(r['years_late'])})"
    return f"{r['first_reached_year']}{late}"


def warning_words(message: str, numbers: dict[str, int]) -> str:
    """A consistency warning for people: source ids become bibliography numbers, codes become words."""
    message = re.sub(
        r"\(([^()\s]+)\)",
        lambda m: f"[{numbers[m.group(1)]}]" if m.group(1) in numbers else m.group(0),
        message,
    )
    for code, words in MEASURE_WORDS.items():
        message = message.replace(code, words)
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: m.group(0).replace("_", " "), message)


def _summary_meta(created: str, as_of_year: int | None) -> str:
    """'Made on 30 November 2026; deadlines judged as of 2026.'."""
    judged = f"; deadlines judged as of {as_of_year}" if as_of_year else ""
    return f"Made on {date_words(created)}{judged}."


def _versions(versions: list[str]) -> str:
    """The dataset versions in words, one line."""
    return f'<p class="versions">Data: {escape("; ".join(versions))}.</p>'


def _unless(text: str | None, said: str) -> str:
    """`text`, unless the page has already said it (the verdict board's subtitle is the verdict line)."""
    return "" if not text or text.strip() == said.strip() else text


def _contents(figures: list[dict]) -> str:
    """Links to each figure and section (on screen only)."""
    items = "".join(
        f'<li><a href="#fig-{escape(f["name"])}">{escape(f["title"])}</a></li>' for f in figures
    ) + "".join(
        f'<li><a href="#{anchor}">{words}</a></li>'
        for anchor, words in (
            ("ledger", "Target ledger"),
            ("warnings", "Where sources disagree"),
            ("sources", "Bibliography"),
            ("appendix", "Appendix: files and digests"),
        )
    )
    return f'<nav aria-label="Contents"><h2>Contents</h2><ol>{items}</ol></nav>'


def _failures(failed: dict[str, str]) -> str:
    """A notice naming each figure that could not be exported (details in the appendix), or nothing."""
    if not failed:
        return ""
    items = "".join(f"<li>{escape(title)}</li>" for title in failed)
    return (
        '<div class="failed" id="failed"><p>These figures could not be exported (the appendix says why):</p>'
        f"<ul>{items}</ul></div>"
    )


def _figure(figure: dict, index: int) -> str:
    """One figure: its finding title and subtitle, the image (alt: the description) and the description."""
    subtitle = f'<p class="subtitle">{escape(figure["subtitle"])}</p>' if figure.get("subtitle") else ""
    data = "; ".join(figure.get("versions", []))
    cites = _citations(figure.get("sources", []))
    return (
        f'<figure id="fig-{escape(figure["name"])}" aria-labelledby="title-{escape(figure["name"])}">'
        f'<h3 id="title-{escape(figure["name"])}"><span class="figno">Figure {index + 1}.</span> '
        f"{escape(figure['title'])}</h3>{subtitle}"
        f'<img alt="{escape(figure["description"])}" src="{data_uri(figure["media_type"], figure["image"])}" '
        'width="1200" height="700">'
        f"<figcaption>{escape(figure['description'])}"
        + (f'<span class="note">Data: {escape(data)}.</span>' if data else "")
        + (f'<span class="note cites">Sources: {cites}.</span>' if cites else "")
        + _disagreements(figure.get("notes", []))
        + "</figcaption></figure>"
    )


def _disagreements(notes: list[str]) -> str:
    """Where the sources of a figure's points disagree, a sentence each, under its caption (or nothing)."""
    if not notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return f'<span class="note disagree"><strong>Where sources disagree:</strong></span><ul class="disagree">{items}</ul>'


def _citations(numbers: list[int]) -> str:
    """'[1]-[4], [7]' with links to the bibliography."""
    return ", ".join(
        _cite(a) if a == b else f"{_cite(a)}{'-' if b > a + 1 else ', '}{_cite(b)}"
        for a, b in ranges(numbers)
    )


def _cite(n: int) -> str:
    """A link to bibliography entry `n`."""
    return f'<a href="#src-{n}">[{n}]</a>'


def _ledger_intro(as_of_year: int | None) -> str:
    """What the table's columns mean, in two sentences."""
    judged = f" Deadlines are judged as of {as_of_year}." if as_of_year else ""
    return (
        "<p>One row per stated target. Outcome: the level at the deadline (the latest year for a level with no "
        "deadline); attainment: the outcome as a share of the target (the low end for a range); first reached: "
        f"the first year the target level was seen.{judged}</p>"
    )


def _attainment(r: dict) -> str:
    """The attainment in percent, with the high end's for a range."""
    low = attainment(r, 0, missing=MISSING)
    if r.get("attainment_high_pct") is None:
        return low
    return f"{low} of the low end, {percent(r['attainment_high_pct'], 0)} of the high end"


def _status(r: dict) -> str:
    """The status as a word with its colour (never the colour alone), and what a fragile verdict hinges on."""
    word = STATUS_WORDS.get(r["status"], str(r["status"]).replace("_", " "))
    note = "" if r.get("robust", True) else '<span class="note">depends on the figure used</span>'
    return f'<span class="status st-{escape(r["status"])}">{escape(word)}</span>{note}'


def _status_css() -> str:
    """Each status's colour for its dot."""
    return "".join(f".st-{status}{{--c:{colour}}}" for status, colour in STATUS_COLOURS.items())


def _claims(claims: list[dict], numbers: dict[str, int]) -> str:
    """The 2002 article's figures against later sources: the quote, the verdict in a word, why, and the sources
    by their bibliography numbers; '' when the data hold no claims."""
    if not claims:
        return ""
    counts = Counter(c["verdict"] for c in claims)
    summary = ", ".join(f"{n} {VERDICT_WORDS[v].lower()}" for v, n in counts.most_common())
    rows = "".join(
        "<tr>"
        f"<td>“{escape(c['quote'])}”</td>"
        f'<td data-label="Verdict">{escape(VERDICT_WORDS.get(c["verdict"], c["verdict"]))}</td>'
        f'<td data-label="Why">{escape(c["explanation"])} '
        f"{_citations(sorted({numbers[e['source_id']] for e in c['evidence'] if e['source_id'] in numbers}))}</td>"
        "</tr>"
        for c in claims
    )
    return (
        f'<section id="claims"><h2>The 2002 article\'s claims against later sources ({len(claims)})</h2>'
        f"<p>{escape(ARTICLE_CITATION)}: {escape(summary)}.</p>"
        '<table class="claims cards"><colgroup><col style="width:38%"><col style="width:14%"><col></colgroup><thead><tr><th>The article says</th><th>Verdict</th><th>Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _warnings(warnings: list[dict], numbers: dict[str, int]) -> str:
    """Where sources disagree: listed, never resolved silently; sources by their bibliography number."""
    if not warnings:
        return "<p>No consistency warnings: the sources agree within their tolerances.</p>"
    rows = "".join(
        "<tr>"
        f'<td data-label="Where">{escape(dataset_name(w["dataset"]))}, line {escape(_text(w["line"]))}</td>'
        f'<td data-label="What">{escape(WARNING_KINDS.get(w["kind"], w["kind"].replace("_", " ")))}</td>'
        f'<td data-label="Details">{_with_citations(warning_words(w["message"], numbers))}</td>'
        "</tr>"
        for w in warnings
    )
    return (
        "<p>Every figure is kept where sources disagree; the charts mark one as preferred, with the reason.</p>"
        '<table class="warnings cards"><colgroup><col style="width:18%"><col style="width:24%"><col></colgroup>'
        '<thead><tr><th scope="col">Where</th><th scope="col">What disagrees</th><th scope="col">Details</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _with_citations(text: str) -> str:
    """Escaped text with each '[n]' linked to the bibliography."""
    return re.sub(r"\[(\d+)\]", lambda m: _cite(int(m.group(1))), escape(text))


def _bibliography(entries: list[dict]) -> str:
    """The bibliography: one numbered entry per source the figures, the ledger and the warnings use."""
    items = []
    for e in entries:
        name = ARTICLE_CITATION if e["article"] else e["publisher"]  # the article by its title (and year)
        date = f" ({escape(e['published'])})" if e["published"] and not e["article"] else ""
        link = (
            f'<a class="url" href="{escape(e["address"])}" rel="noreferrer noopener">{escape(e["address"])}</a>'
            if e["address"].startswith(LINK_SCHEMES)
            else f'<span class="url">{escape(e["address"])}</span>'
        )
        quote = f"<blockquote>“{escape(e['quote'])}”</blockquote>" if e["quote"] else ""
        gloss = f"<p>In English: “{escape(e['gloss'])}”</p>" if e["gloss"] else ""
        reliability = f" Reliability: {escape(e['reliability'])}." if e["reliability"] else ""
        used = f" Used in: {escape(', '.join(e['used_by']))}." if e["used_by"] else ""
        items.append(
            f'<li id="src-{e["number"]}" value="{e["number"]}"><b>{escape(name)}</b>{date}. {link}{quote}{gloss}'
            f'<span class="note">{reliability}{used}</span></li>'
        )
    return f'<ol class="sources">{"".join(items)}</ol>'


def _appendix(appendix: dict, entries: list[dict], failed: dict[str, str]) -> str:
    """Digests, file names, ids and module names: what a machine or an auditor checks, apart from the report."""
    datasets = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(d['version'])}</td>"
        f'<td class="digest">{escape(d.get("sha256") or "")}</td></tr>'
        for name, d in appendix["datasets"].items()
    )
    files = "".join(
        f"<tr><td>{escape(f['figure'])}</td><td>{escape(f['file'])}</td>"
        f'<td class="digest">{escape(f["sha256"])}</td></tr>'
        for f in appendix["files"]
    )
    ids = "".join(
        f'<tr><td>[{e["number"]}]</td><td class="digest">{escape(e["source_id"])}</td></tr>' for e in entries
    )
    errors = "".join(f"<li>{escape(title)}: {escape(error)}</li>" for title, error in failed.items())
    return (
        '<section class="appendix" id="appendix"><h2>Appendix: files and digests</h2>'
        f"<p>Made by {escape(appendix['package'])} {escape(appendix['package_version'])} "
        f"(modules {escape(', '.join(appendix['modules']))}) at {escape(appendix['created'])}. "
        "manifest.json beside this page lists the same digests with the export settings.</p>"
        + (f"<p>Export failures:</p><ul>{errors}</ul>" if errors else "")
        + "<h3>Dataset versions (sha256 of each CSV)</h3>"
        '<table class="digests"><colgroup><col style="width:18%"><col style="width:18%"><col></colgroup>'
        '<thead><tr><th scope="col">dataset</th><th scope="col">version</th>'
        f'<th scope="col">sha256</th></tr></thead><tbody>{datasets}</tbody></table>'
        "<h3>Figure files</h3>"
        '<table class="digests"><colgroup><col style="width:36%"><col style="width:22%"><col></colgroup>'
        '<thead><tr><th scope="col">figure</th><th scope="col">file</th>'
        f'<th scope="col">sha256</th></tr></thead><tbody>{files}</tbody></table>'
        "<h3>Source ids (as in the datasets and the dashboard)</h3>"
        '<table class="digests"><colgroup><col style="width:12%"><col></colgroup>'
        f"<tbody>{ids}</tbody></table></section>"
    )


def _text(value) -> str:
    """A cell's text; blank when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
