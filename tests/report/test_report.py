"""The report library without a browser: manifest, atomic files, failure policy and the pure report page."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from kaleido.errors import KaleidoError

from dashboard import atomic, report
from dashboard.atomic import write_atomic
from dashboard.figures.registry import FigureSpec, registered
from dashboard.processed import build
from dashboard.report_page import bibliography, page_html
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


def test_only_the_named_figures_and_formats_are_written(processed, tmp_path):
    result = report.write_report(
        processed, tmp_path, names=["trade_pledges", "arms_tiv"], formats=["pdf"], exporter=fake_export
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "arms_tiv.pdf",
        "manifest.json",
        "report.html",
        "trade_pledges.pdf",
    ]
    assert [e.spec.name for e in result.exported] == ["trade_pledges", "arms_tiv"]  # registry order
    assert all(
        e.image.startswith(FAKE_HEADERS["png"]) for e in result.exported
    )  # the page still embeds a PNG


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


def test_the_page_holds_the_ledger_the_warnings_and_the_bibliography(processed, tmp_path):
    result = report.write_report(
        processed, tmp_path, names=["trade_pledges"], formats=["png"], exporter=fake_export
    )
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "US$20 bn of trade by 2000 (1996 summit) [trade_20bn_by_2000]" in page
    assert '<td class="n">40%</td><td class="n">12</td><td class="n">2004 (+4 y)</td>' in page
    assert f"Consistency warnings ({len(processed.warnings)})" in page
    for source_id in result.manifest["figures"][0]["source_ids"] + [
        "article-19021"
    ]:  # figure and ledger sources
        assert f"<td>{source_id}</td>" in page
    assert "In 2000, however, Sino-Russian trade reached US$8 billion" in page  # the quoted words


def test_the_page_escapes_data_and_loads_nothing_from_outside():
    hostile = '<script>alert("x")</script>'
    page = page_html(
        figures=[
            {
                "name": "f1",
                "title": hostile,
                "page": "trade",
                "image": b"\x89PNG",
                "media_type": "image/png",
                "versions": {"trade": "2002"},
                "files": ["f1.png"],
            }
        ],
        ledger=[],
        warnings=[{"dataset": "trade", "line": 3, "kind": "yoy_mismatch", "message": hostile}],
        bibliography=[
            {
                "source_id": "s1",
                "publisher": hostile,
                "published": "2002",
                "address": "javascript:alert(1)",
                "quote": '"><img src=x onerror=alert(1)>',
                "reliability": "high",
                "used_by": ["f1"],
            },
            {
                "source_id": "s2",
                "publisher": "P",
                "published": "",
                "address": "https://example.org/?a=1&b=2",
                "quote": "",
                "reliability": "low",
                "used_by": ["ledger"],
            },
        ],
        failed={"f2": hostile},
        datasets={"trade": {"version": "2002", "sha256": "ab"}},
        created="now",
        package_version="0.1.0",
    )
    assert "<script" not in page and "<img src=x" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<a href="https://example.org/?a=1&amp;b=2"' in page
    assert 'src="data:image/png;base64,iVBORw=="' in page
    assert "<link" not in page and "url(" not in page and 'src="http' not in page


def test_the_bibliography_gives_publisher_date_address_quote_and_reliability():
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
        sources, {"b": ["arms_tiv", "arms_tiv"], "a": ["trade_pledges", "ledger"], "zz": ["f"]}
    )
    assert [e["source_id"] for e in entries] == ["a", "b", "zz"]
    assert entries[0] == {
        "source_id": "a",
        "publisher": "China Daily",
        "published": "2007-06-18",
        "address": "https://x.cn/a",
        "quote": "q",
        "reliability": "high",
        "used_by": ["ledger", "trade_pledges"],
    }
    assert (
        entries[1]["address"] == "https://github.com/o/r data/x.csv @ abc123"
        and entries[1]["published"] == ""
    )
    assert entries[1]["used_by"] == ["arms_tiv"] and entries[2]["publisher"] == "(not in sources)"
