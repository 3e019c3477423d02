"""The report library without a browser: manifest, atomic files, failure policy and the pure report page."""

import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from kaleido.errors import KaleidoError

from dashboard import atomic, report
from dashboard.atomic import write_atomic
from dashboard.figures.registry import FigureSpec, registered
from dashboard.processed import build
from dashboard.report_page import bibliography, page_html, ranges
from dashboard.static_export import ExportFailed, checked

FAKE_HEADERS = {
    "png": b"\x89PNG\r\n\x1a\n",
    "svg": b"<svg xmlns='http://www.w3.org/2000/svg'>",
    "pdf": b"%PDF-1.4\n",
}


def fake_export(fig, fmt: str) -> bytes:
    """Stands in for Kaleido: bytes that start like the format and depend on the figure."""
    return FAKE_HEADERS[fmt] + hashlib.sha256(fig.to_json().encode()).digest()


@pytest.fixture(scope="module")
def processed():
    """The bundled data, processed without touching the repository's cache."""
    return build(cache_dir=None, as_of_year=2026)


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in `folder`."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_every_figure_is_written_with_a_manifest_that_matches_its_files(processed, tmp_path):
    result = report.write_report(processed, tmp_path, formats=["png", "svg"], exporter=fake_export)
    names = list(registered())
    assert [entry.spec.name for entry in result.exported] == names
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [figure["name"] for figure in manifest["figures"]] == names and manifest["failed"] == []
    for figure in manifest["figures"]:
        assert [f["file"] for f in figure["files"]] == [f"{figure['name']}.png", f"{figure['name']}.svg"]
        for entry in figure["files"]:
            data = (tmp_path / entry["file"]).read_bytes()
            assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        for name, dataset in figure["datasets"].items():
            assert dataset == {"version": processed.versions[name], "sha256": processed.hashes[name]}
        assert figure["package_version"] == manifest["package"]["version"] and figure["rendered_at"]
    page = (tmp_path / "report.html").read_bytes()
    assert manifest["report"]["sha256"] == hashlib.sha256(page).hexdigest()
    assert manifest["export"]["width"] == 1200 and manifest["export"]["height"] == 700
    assert leftovers(tmp_path) == []


def fake_printer(page: Path) -> bytes:
    """Stands in for Chromium's print: a PDF header and the page's words."""
    return b"%PDF-1.7\n" + page.read_bytes()


def test_only_the_named_figures_and_formats_are_written(processed, tmp_path):
    result = report.write_report(
        processed,
        tmp_path,
        names=["trade_pledges", "arms_tiv"],
        formats=["pdf"],
        exporter=fake_export,
        printer=fake_printer,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "arms_tiv.pdf",
        "manifest.json",
        "report.html",
        "report.pdf",
        "trade_pledges.pdf",
    ]
    assert [e.spec.name for e in result.exported] == ["trade_pledges", "arms_tiv"]  # registry order
    assert all(
        e.image.startswith(FAKE_HEADERS["png"]) for e in result.exported
    )  # the page still embeds a PNG
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf == b"%PDF-1.7\n" + (tmp_path / "report.html").read_bytes()  # report.html, printed
    assert result.manifest["report_pdf"]["sha256"] == hashlib.sha256(pdf).hexdigest()


def test_without_the_pdf_format_no_report_pdf_is_printed(processed, tmp_path):
    def refuse(page):
        raise AssertionError("printed without the pdf format")

    report.write_report(
        processed, tmp_path, names=["arms_tiv"], formats=["png"], exporter=fake_export, printer=refuse
    )
    assert not (tmp_path / "report.pdf").exists()


def test_a_report_pdf_that_cannot_be_printed_is_named_and_the_rest_is_written(processed, tmp_path):
    def broken(page):
        return b"<html>not a pdf"

    with pytest.raises(report.FiguresFailed, match="report.pdf"):
        report.write_report(
            processed, tmp_path, names=["arms_tiv"], formats=["pdf"], exporter=fake_export, printer=broken
        )
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["failed"]] == ["report.pdf"] and "report_pdf" not in manifest
    assert (tmp_path / "report.html").exists() and (tmp_path / "arms_tiv.pdf").exists()
    assert not (tmp_path / "report.pdf").exists() and leftovers(tmp_path) == []


def test_a_figure_that_fails_to_export_is_named_and_the_others_are_written(processed, tmp_path):
    failing_title = registered()["trade_flows"].render(processed).layout.title.text

    def export(fig, fmt):
        if fmt == "svg" and fig.layout.title.text == failing_title:
            raise KaleidoError(525, "plotly.js threw")
        return fake_export(fig, fmt)

    (tmp_path / "keep.txt").write_text("untouched")
    with pytest.raises(report.FiguresFailed, match="trade_flows") as raised:
        report.write_report(
            processed,
            tmp_path,
            names=["trade_pledges", "trade_flows", "arms_tiv"],
            formats=["png", "svg"],
            exporter=export,
        )
    assert list(raised.value.result.failed) == ["trade_flows"]
    assert not list(tmp_path.glob("trade_flows.*"))  # its PNG was rendered but never written
    assert {p.name for p in tmp_path.glob("*.png")} == {"trade_pledges.png", "arms_tiv.png"}
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert (
        manifest["failed"][0]["name"] == "trade_flows" and "plotly.js threw" in manifest["failed"][0]["error"]
    )
    assert "could not be exported" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "keep.txt").read_text() == "untouched" and leftovers(tmp_path) == []


def test_a_builder_that_raises_stops_the_run_before_anything_is_written(processed, tmp_path):
    def broken(processed_, params):
        raise ValueError("no such column")

    specs = {**registered(), "broken": FigureSpec("broken", "Broken", "trade", ("trade",), broken)}
    out = tmp_path / "out"
    with pytest.raises(ValueError, match="no such column") as raised:
        report.write_report(processed, out, specs=specs, exporter=fake_export)
    assert any("broken" in note for note in raised.value.__notes__)
    assert not out.exists()


def test_an_unknown_figure_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown figure.*nope.*known: verdict_board"):
        report.select(registered(), ["nope"])


def test_an_image_of_the_wrong_format_is_refused():
    assert checked("png", FAKE_HEADERS["png"] + b"x")
    for fmt, data in (("png", b""), ("pdf", b"<svg/>"), ("svg", b"%PDF-1.4")):
        with pytest.raises(ExportFailed, match=fmt):
            checked(fmt, data)


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "figure.png"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def full_page(processed, tmp_path_factory):
    """report.html for every figure (fake images), its text split at the appendix, and the run's result."""
    out = tmp_path_factory.mktemp("page")
    result = report.write_report(processed, out, formats=["png"], exporter=fake_export)
    page = (out / "report.html").read_text(encoding="utf-8")
    body, appendix = page.split('<section class="appendix"', 1)
    return {"page": page, "body": body, "appendix": appendix, "result": result}


def words_of(html: str) -> str:
    """The words a reader sees: tags and attributes dropped, the <style> and web addresses too."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    html = re.sub(r'<(a|span) class="url"[^>]*>.*?</\1>', " ", html, flags=re.DOTALL)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_the_page_opens_with_the_summary_and_keeps_its_sections_in_order(full_page, processed):
    page = full_page["page"]
    marks = [
        "<h1>China and Russia: stated targets against outcomes</h1>",
        'class="verdict"',
        'id="fig-verdict_board"',  # the verdict board, in the summary
        'id="figures"',
        'id="fig-trade_pledges"',
        'id="ledger"',
        'id="warnings"',
        'id="sources"',
        'id="appendix"',
    ]
    positions = [page.index(mark) for mark in marks]
    assert positions == sorted(positions)
    summary = page[: page.index('id="figures"')]
    # 12 targets in the bundled ledger: met 3 (2003's US$20 bn, 2023's and 2024's US$200 bn), missed 5 (2000,
    # 2010, 2015, 2020, and Yukos' 10 Mt by 2005: Russia's whole rail export in 2005 was 7.6 < 10), no deadline
    # 2 (Power of Siberia's 38 bcm reached in 2025 with 38.8; US$250 bn a year not yet), no data 2 (border
    # troops, Kilo submarines)
    assert "Of 12 stated targets, 3 were met and 5 missed" in summary
    assert "Made on " in summary and "deadlines judged as of 2026" in summary
    assert "Trade: Current series 1991-2025 (2026-11-30)" in summary
    assert re.search(r"[0-9a-f]{64}", full_page["body"]) is None  # digests only in the appendix
    assert all(f"<td>{name}</td>" in full_page["appendix"] for name in processed.versions)
    assert processed.hashes["trade"] in full_page["appendix"]


def test_the_body_speaks_words_not_codes(full_page, processed):
    text = words_of(full_page["body"])
    codes = set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text))
    assert codes == set(), codes  # no usd_bn, no_observation, trade_20bn_by_2000 ...
    source_ids = set(processed.frames["sources"]["source_id"])
    assert [s for s in source_ids if s in text] == []
    assert "dashboard." not in text and "sha256" not in text
    assert "1 years" not in text and "(+4 y)" not in text
    assert "“Sino-Russian Relations in a Changed International Landscape” (2002)" in text


def test_the_ledger_reads_in_words_hand_worked(full_page):
    text = words_of(full_page["body"].split('id="ledger"', 1)[1].split('id="warnings"', 1)[0])
    # trade_20bn_by_2000: pledged 1996, 8.0 in 2000 (the article), 8/20 = 40%, first 21.23 in 2004: 4 years late
    assert (
        "US$20 bn of trade by 2000 (1996 summit) US$20 bn by 2000 (pledged 1996) US$8 bn in 2000 40% "
        "2004 (4 years late) missed" in text
    )
    # trade_60_80bn_by_2010: 55.45 in 2010; 55.45/60 = 92.4%, 55.45/80 = 69.3%; 60 first passed in 2011 (79.2)
    assert (
        "US$60-80 bn by 2010 (pledged 2004) US$55.45 bn in 2010 92% of the low end, 69% of the high end "
        "2011 (1 year late) missed" in text
    )
    # trade_200bn_by_2024: 240.11 in 2023, a year before its deadline
    assert "2023 (1 year early) met" in text
    assert "Yukos: up to 10 Mt of oil to China by 2005 10 Mt by 2005 (pledged 2002) no data" in text
    for header in ("Target", "Promised", "Outcome", "Attainment", "First reached", "Status"):
        assert f'<th scope="col">{header}</th>' in full_page["body"]


def test_each_image_is_described_in_words_and_its_alt_is_that_description(full_page):
    parts = re.findall(r'<img alt="([^"]*)".*?<figcaption>(.*?)<span', full_page["body"], flags=re.DOTALL)
    assert len(parts) == len(full_page["result"].exported)
    for alt, caption in parts:
        assert alt == caption and len(alt) > 40
    trade = next(e for e in full_page["result"].exported if e.spec.name == "trade_pledges")
    assert "1991-2025" in trade.description and "US$3.9 bn in 1991" in trade.description


def test_warnings_and_figures_cite_bibliography_numbers(full_page, processed):
    result, body = full_page["result"], full_page["body"]
    numbers = dict(re.findall(r'<li id="src-(\d+)" value="\d+"><b>([^<]*)</b>', body))
    assert list(numbers) == [str(n) for n in range(1, len(numbers) + 1)]
    appendix_ids = dict(
        re.findall(r'<td>\[(\d+)\]</td><td class="digest">([^<]+)</td>', full_page["appendix"])
    )
    assert appendix_ids.keys() == numbers.keys()
    # the first warning (1993, trade line 7) names trade-nd-jiaoxuezhishi-com-2; its number is linked instead
    first = processed.warnings[0].as_dict()
    assert "(trade-nd-jiaoxuezhishi-com-2)" in first["message"]
    n = next(k for k, v in appendix_ids.items() if v == "trade-nd-jiaoxuezhishi-com-2")
    assert f'reported change +65.7% <a href="#src-{n}">[{n}]</a> but 7.67' in body
    # 2016's exports (line 67) name trade-2017-01-kommersant-2, an id that begins with another cited id
    n = next(k for k, v in appendix_ids.items() if v == "trade-2017-01-kommersant-2")
    assert f'reported change +7.3% <a href="#src-{n}">[{n}]</a> but 37.297' in body
    assert re.search(r"\[\d+\]</a>-\d", body) is None  # no id cut in two
    # the article's footnotes are cited by its title alone
    article = next(k for k, v in appendix_ids.items() if v == "article-19021")
    assert numbers[article] == "“Sino-Russian Relations in a Changed International Landscape” (2002)"
    # every figure's sources are in the bibliography
    for entry in result.exported:
        assert {appendix_ids[str(k)] for k in range(1, len(numbers) + 1)} >= set(entry.source_ids)


def test_the_page_escapes_data_and_loads_nothing_from_outside():
    hostile = '<script>alert("x")</script>'
    figure = {
        "name": "f1",
        "title": hostile,
        "subtitle": hostile,
        "description": '"><script>x</script>',
        "image": b"\x89PNG",
        "media_type": "image/png",
        "versions": [hostile],
        "sources": [1, 2],
    }
    page = page_html(
        title=hostile,
        created="2026-11-30T06:00:00+00:00",
        as_of_year=2026,
        versions=[hostile],
        verdict=hostile,
        summary=None,
        figures=[figure],
        ledger=[],
        warnings=[{"dataset": "trade", "line": 3, "kind": "yoy_mismatch", "message": hostile}],
        bibliography=[
            {
                "number": 1,
                "source_id": "s1",
                "publisher": hostile,
                "published": "2002",
                "address": "javascript:alert(1)",
                "quote": '"><img src=x onerror=alert(1)>',
                "gloss": hostile,
                "reliability": "high",
                "article": False,
                "used_by": ["Figure 1"],
            },
            {
                "number": 2,
                "source_id": "s2",
                "publisher": "P",
                "published": "",
                "address": "https://example.org/?a=1&b=2",
                "quote": "",
                "gloss": "",
                "reliability": "low",
                "article": False,
                "used_by": ["the target ledger"],
            },
        ],
        failed={"f2": hostile},
        appendix={
            "package": "p",
            "package_version": "0.1.0",
            "created": "now",
            "modules": ["m"],
            "datasets": {"trade": {"version": "2002", "sha256": "ab"}},
            "files": [{"figure": hostile, "file": "f1.png", "sha256": "cd"}],
        },
    )
    assert "<script" not in page and "<img src=x" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<a class="url" href="https://example.org/?a=1&amp;b=2"' in page
    assert 'src="data:image/png;base64,iVBORw=="' in page
    assert "<link" not in page and "url(" not in page and 'src="http' not in page
    assert '<a href="#src-1">[1]</a>, <a href="#src-2">[2]</a>' in page  # two sources, not a range
    assert "30 November 2026" in page


def test_source_numbers_compress_into_ranges():
    assert ranges([7, 1, 2, 3, 5, 8, 3]) == [(1, 3), (5, 5), (7, 8)]
    assert ranges([]) == []


def test_the_bibliography_numbers_sources_in_order_of_first_use():
    sources = pd.DataFrame(
        [
            {
                "source_id": "a",
                "publisher": "China Daily",
                "published": "2007-06-18",
                "url": "https://x.cn/a",
                "repository": None,
                "repository_path": None,
                "repository_commit": None,
                "quote": "q",
                "reliability": "high",
            },
            {
                "source_id": "b",
                "publisher": "SIPRI",
                "published": float("nan"),
                "url": float("nan"),
                "repository": "https://github.com/o/r",
                "repository_path": "data/x.csv",
                "repository_commit": "abc123",
                "quote": "",
                "reliability": "high",
            },
        ]
    )
    entries = bibliography(
        sources, {"b": ["Figure 2", "Figure 2"], "a": ["Figure 3", "the target ledger"], "zz": ["Figure 3"]}
    )
    assert [(e["number"], e["source_id"]) for e in entries] == [(1, "b"), (2, "a"), (3, "zz")]
    assert entries[1] == {
        "number": 2,
        "source_id": "a",
        "publisher": "China Daily",
        "published": "2007-06-18",
        "address": "https://x.cn/a",
        "quote": "q",
        "gloss": "",
        "reliability": "high",
        "article": False,
        "used_by": ["Figure 3", "the target ledger"],
    }
    assert (
        entries[0]["address"] == "https://github.com/o/r data/x.csv @ abc123"
        and entries[0]["published"] == ""
    )
    assert entries[0]["used_by"] == ["Figure 2"] and entries[2]["publisher"] == "(not in the sources list)"


def test_the_new_figures_have_sections_and_disagreements_sit_under_their_figure(full_page):
    """The fan and the drift chart each a numbered figure with its finding and its description as alt text; the
    turnover figure's caption says where its sources disagree (the 2016 report's +2.2% against 2015's 64.2)."""
    body = full_page["body"]
    for name, finding in (
        ("trade_outlook", "If trade grows as it did in"),
        ("target_drift", "Replaced pledges moved later"),
    ):
        figure = re.search(rf'<figure id="fig-{name}".*?</figure>', body, flags=re.DOTALL)
        assert figure, name
        assert finding in words_of(figure.group(0))
        alt = re.search(r'<img alt="([^"]*)"', figure.group(0)).group(1)
        assert len(alt) > 40 and "chart" in alt
    pledges = re.search(r'<figure id="fig-trade_pledges".*?</figure>', body, flags=re.DOTALL).group(0)
    words = words_of(pledges)
    assert "Where sources disagree:" in words
    assert "2015: US$64.2 bn (Chinese customs); the 2016 growth of +2.2%" in words
    outlook = re.search(r'<figure id="fig-trade_outlook".*?</figure>', body, flags=re.DOTALL).group(0)
    assert "Where sources disagree" not in outlook
