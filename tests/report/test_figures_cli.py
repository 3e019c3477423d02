"""`bilateral figures` end to end: the real console script in a temporary folder, and real Kaleido in-process."""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import pytest

from dashboard.catalog import Catalog
from dashboard.figures.registry import FigureSpec, registered
from dashboard.processed import build
from dashboard.report import FiguresFailed, write_report
from dashboard.static_export import ExportFailed, kaleido_server

pytestmark = pytest.mark.slow  # Chromium through Kaleido, and the console script in new processes

BILATERAL = Path(sys.executable).parent / "bilateral"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FEW = ["trade_pledges", "verdict_board"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run(*args, cwd):
    """Run the installed console script; no traceback allowed."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(BILATERAL), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data.startswith(PNG_MAGIC) and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


class PageParts(HTMLParser):
    """Collects a page's figure ids, image sources, external references and table cells."""

    def __init__(self):
        super().__init__()
        self.figures, self.images, self.external, self.cells, self._in_cell = [], [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.figures.append(attrs["id"].removeprefix("fig-"))
        if tag == "img":
            self.images.append(attrs["src"])
        if tag in ("script", "link", "iframe", "object") or (
            tag != "a" and "://" in (attrs.get("src") or "")
        ):
            self.external.append(tag)
        self._in_cell = tag == "td"

    def handle_data(self, data):
        if self._in_cell:
            self.cells.append(data)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two real runs: every figure as PNG (quiet, relative --out), then two figures in all three formats."""
    base = tmp_path_factory.mktemp("figures")
    every = run("figures", "--out", "every", "--formats", "png", "--quiet", cwd=base)
    few = run("figures", "--out", str(base / "few"), "--only", *FEW, "--formats", "png,svg,pdf", cwd=base)
    assert every.returncode == 0 and few.returncode == 0, every.stderr + few.stderr
    return {"base": base, "every": every, "few": few}


def test_every_registered_figure_is_a_png_of_the_fixed_size(runs):
    every = runs["base"] / "every"
    assert runs["every"].stdout == ""  # --quiet: no summary, no progress bar
    for name in registered():
        assert png_size((every / f"{name}.png").read_bytes()) == (1200, 700), name
    assert not list(every.glob("*.svg")) and not list(every.glob("*.pdf"))


def test_only_and_formats_are_honoured_and_each_file_is_valid(runs):
    few = runs["base"] / "few"
    expected = {f"{name}.{fmt}" for name in FEW for fmt in ("png", "svg", "pdf")} | {
        "manifest.json",
        "report.html",
        "report.pdf",
    }
    assert {p.name for p in few.iterdir()} == expected
    for name in FEW:
        assert png_size((few / f"{name}.png").read_bytes()) == (1200, 700)
        assert ET.fromstring((few / f"{name}.svg").read_bytes()).tag.endswith("svg")
        pdf = (few / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert "2 figure(s), 6 file(s) (png, svg, pdf)" in runs["few"].stdout
    assert "2/2" in runs["few"].stderr  # the progress bar's last state


@pytest.mark.parametrize("folder", ["every", "few"])
def test_the_manifest_hashes_match_the_files(runs, folder):
    out = runs["base"] / folder
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = [entry for figure in manifest["figures"] for entry in figure["files"]] + [manifest["report"]]
    listed += [manifest["report_pdf"]] if folder == "few" else []
    assert ("report_pdf" in manifest) == (folder == "few")  # printed only with the pdf format
    for entry in listed:
        data = (out / entry["file"]).read_bytes()
        assert (entry["sha256"], entry["bytes"]) == (hashlib.sha256(data).hexdigest(), len(data)), entry[
            "file"
        ]
    assert manifest["package"]["version"] == version("sino-russian-dashboard")
    catalog = Catalog()
    for figure in manifest["figures"]:
        assert figure["rendered_at"].startswith(manifest["created"][:10])
        for name, dataset in figure["datasets"].items():
            assert dataset["sha256"] == catalog.resolve(name, dataset["version"]).expected_sha256


def test_same_inputs_give_the_same_png_bytes(runs):
    for name in FEW:
        assert (runs["base"] / "every" / f"{name}.png").read_bytes() == (
            runs["base"] / "few" / f"{name}.png"
        ).read_bytes()


def test_the_report_opens_from_disk_with_every_figure_and_the_ledger(runs):
    page_path = runs["base"] / "every" / "report.html"
    parts = PageParts()
    parts.feed(page_path.read_text(encoding="utf-8"))
    assert parts.figures == list(registered()) and parts.external == []
    for src in parts.images:
        prefix = "data:image/png;base64,"
        assert src.startswith(prefix) and png_size(base64.b64decode(src.removeprefix(prefix))) == (1200, 700)
    assert "US$20 bn of trade by 2000 (1996 summit)" in parts.cells
    dom = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--dump-dom",
            page_path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert all(f'id="fig-{name}"' in dom for name in registered()) and 'id="ledger"' in dom


def test_the_pdf_format_also_prints_the_report_on_a4_pages_with_the_verdict(runs):
    """report.pdf: Chromium's print of report.html; A4 portrait pages, the verdict line's words in its text."""
    pdf = runs["base"] / "few" / "report.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext") is None:  # poppler-utils; without it the page count is read from the bytes
        assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2
        return
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    # the bundled ledger: 12 targets, 3 met (2003's US$20 bn, 2023's and 2024's US$200 bn), 5 missed (2000, 2010,
    # 2015, 2020, and Yukos' 10 Mt by 2005: Russia's whole rail export was 7.6 Mt in 2005)
    assert "Of 12 stated targets, 3 were met and 5 missed" in words
    assert "China and Russia: stated targets against outcomes" in words and "Target ledger" in words
    assert "miss ed" not in words and "Appendix: files and digests" in words


def test_an_unknown_figure_or_format_is_a_usage_error(tmp_path):
    done = run("figures", "--out", "out", "--only", "trade_pledges", "no_such_figure", cwd=tmp_path)
    assert done.returncode == 2 and "no_such_figure" in done.stderr
    assert "known figures: " + ", ".join(registered()) in done.stderr
    done = run("figures", "--out", "out", "--formats", "png,gif", cwd=tmp_path)
    assert done.returncode == 2 and "gif" in done.stderr and "known formats: png, svg, pdf" in done.stderr
    assert not (tmp_path / "out").exists()


def test_help_describes_the_command_with_an_example():
    done = run("figures", "--help", cwd=None)
    assert (
        done.returncode == 0
        and "manifest.json" in done.stdout
        and "example: bilateral figures" in done.stdout
    )


@pytest.fixture(scope="module")
def processed():
    """The bundled data, processed (through the cache the command uses too)."""
    return build()


def test_a_failing_export_leaves_no_partial_file_and_the_other_figure_valid(processed, tmp_path):
    """Real Kaleido; the ledger chart's PDF fails after its PNG and SVG were rendered."""
    failing_title = registered()["verdict_board"].render(processed).layout.title.text
    with kaleido_server() as export:

        def flaky(fig, fmt):
            if fmt == "pdf" and fig.layout.title.text == failing_title:
                raise ExportFailed("the pdf image is empty or not pdf")
            return export(fig, fmt)

        with pytest.raises(FiguresFailed, match="verdict_board") as raised:
            write_report(processed, tmp_path, names=FEW, formats=["png", "svg", "pdf"], exporter=flaky)
    assert list(raised.value.result.failed) == ["verdict_board"]
    assert not list(tmp_path.glob("verdict_board.*")) and not list(tmp_path.glob("*.tmp"))
    assert png_size((tmp_path / "trade_pledges.png").read_bytes()) == (1200, 700)
    assert (tmp_path / "trade_pledges.pdf").read_bytes().startswith(b"%PDF-")


def test_a_failing_builder_stops_before_any_file_changes(processed, tmp_path):
    earlier = tmp_path / "trade_pledges.png"
    earlier.write_bytes(PNG_MAGIC + b"from an earlier run")

    def broken(processed, params):
        raise KeyError("value_usd_bn")

    specs = {
        "trade_pledges": registered()["trade_pledges"],
        "broken": FigureSpec("broken", "Broken figure", "trade", ("trade",), broken),
    }
    with pytest.raises(KeyError) as raised:
        write_report(processed, tmp_path, specs=specs)  # no browser is started: drawing comes first
    assert any("'broken'" in note for note in raised.value.__notes__)
    assert [p.name for p in tmp_path.iterdir()] == ["trade_pledges.png"]
    assert earlier.read_bytes() == PNG_MAGIC + b"from an earlier run"
