"""Static export of the registered figures: one Chromium per batch, atomic files, manifest.json, report.html
and, with the pdf format, report.pdf (report.html printed by the same Chromium)."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as distribution_version
from pathlib import Path

import plotly.graph_objects as go
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dashboard import report_page, static_export
from dashboard.atomic import write_atomic
from dashboard.claims import claim_records
from dashboard.figures import describe, disagreements, style
from dashboard.figures.registry import FigureSpec, registered
from dashboard.figures.shown import shown_rows
from dashboard.formatting import DATASET_NAMES, dataset_name, version_label
from dashboard.processed import VINTAGED_DATASET, Processed
from dashboard.static_export import (
    EXPORT_ERRORS,
    FORMATS,
    Exporter,
    Printer,
    ReportError,
    checked,
    file_entry,
    kaleido_server,
    prepare,
    print_pdf,
)
from dashboard.targets import ledger_records
from dashboard.verdicts import verdict_line

PAGE_FORMAT = "png"  # the format report.html embeds
MANIFEST_NAME, REPORT_NAME, REPORT_PDF = "manifest.json", "report.html", "report.pdf"
DISTRIBUTION = "sino-russian-dashboard"
REPORT_TITLE = "China and Russia: stated targets against outcomes"
SUMMARY_FIGURE = "verdict_board"  # drawn in the summary, under the verdict line, when it is exported


class FiguresFailed(ReportError):
    """Some figures could not be exported; the others were written and the manifest names the failures."""

    def __init__(self, result: ReportResult):
        names = "; ".join(f"{name}: {error}" for name, error in result.failed.items())
        super().__init__(
            f"{len(result.failed)} figure(s) failed ({names}); the {len(result.exported)} others "
            f"were written to {result.out_dir}"
        )
        self.result = result


@dataclass
class Exported:
    """One figure written: its spec, its files (name, format, sha256, bytes), its source ids and page image."""

    spec: FigureSpec
    versions: dict[str, str]
    files: list[dict]
    source_ids: list[str]
    image: bytes
    rendered_at: str
    seconds: float
    title: str = ""  # the figure's own title (the finding) and subtitle, without markup
    subtitle: str = ""
    description: str = ""  # the chart in words (figures.describe), the image's alt text


@dataclass
class ReportResult:
    """What a run wrote: the figures, the failures by name, and the manifest."""

    out_dir: Path
    exported: list[Exported]
    failed: dict[str, str] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)


def write_report(
    processed: Processed,
    out_dir: Path,
    *,
    names: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
    specs: dict[str, FigureSpec] | None = None,
    exporter: Exporter | None = None,
    printer: Printer | None = None,
    quiet: bool = True,
) -> ReportResult:
    """Export the figures (all, or `names`), then write report.html, report.pdf (when `formats` has pdf: the page
    printed by `printer`, default Chromium's own print) and manifest.json into `out_dir`.

    Failure policy. Every figure is drawn before anything is written: a builder that raises is a bug, so the run
    stops there, the figure named in the exception's notes, and the output folder is left as it was. Exporting
    (Chromium, Kaleido, the disk: EXPORT_ERRORS) can fail for reasons outside the code: such a figure is named and
    skipped, every other figure is still written, manifest.json and report.html list the failure, and
    FiguresFailed is raised at the end (exit code 1). A figure's formats are rendered in memory before any is
    written, and each file goes to a temporary file in `out_dir` renamed over its name (os.replace), so no
    partial file is ever left and files written earlier stay valid. A report.pdf that cannot be printed is named
    like a failed figure (manifest, FiguresFailed); report.html is written before it and stays.
    """
    formats = tuple(formats)
    drawn = draw_all(select(specs or registered(), names), processed)
    exported, failed = [], {}
    with (
        _progress(len(drawn), quiet) as step,
        nullcontext(exporter) if exporter else kaleido_server() as export,
    ):
        out_dir = prepare(Path(out_dir))
        for spec, fig in drawn:
            step(spec.name)
            try:
                exported.append(export_figure(spec, fig, processed, out_dir, formats, export))
            except EXPORT_ERRORS as error:
                failed[spec.name] = f"{type(error).__name__}: {error}"
    result = ReportResult(out_dir, exported, failed)
    result.manifest = manifest(processed, exported, failed, formats, _now())
    titles = {spec.name: spec.title for spec, _ in drawn}
    html = report_page.page_html(**page_data(processed, exported, failed, result.manifest, titles))
    result.manifest["report"] = file_entry(REPORT_NAME, "html", html.encode("utf-8"))
    write_atomic(out_dir / REPORT_NAME, html, durable=True)
    if "pdf" in formats:
        try:
            pdf = checked("pdf", (printer or print_pdf)(out_dir / REPORT_NAME))
            write_atomic(out_dir / REPORT_PDF, pdf, durable=True)
            result.manifest["report_pdf"] = file_entry(REPORT_PDF, "pdf", pdf)
        except EXPORT_ERRORS as error:
            failed[REPORT_PDF] = f"{type(error).__name__}: {error}"
            result.manifest["failed"].append({"name": REPORT_PDF, "error": failed[REPORT_PDF]})
    write_atomic(
        out_dir / MANIFEST_NAME,
        json.dumps(result.manifest, indent=2, ensure_ascii=False) + "\n",
        durable=True,
    )
    if failed:
        raise FiguresFailed(result)
    return result


def select(specs: dict[str, FigureSpec], names: Iterable[str] | None) -> list[FigureSpec]:
    """The specs named (in registry order), or all; an unknown name is a ValueError listing the known ones."""
    wanted = list(dict.fromkeys(names or ()))
    unknown = [name for name in wanted if name not in specs]
    if unknown:
        raise ValueError(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(specs)}")
    return [spec for name, spec in specs.items() if not wanted or name in wanted]


def draw_all(specs: list[FigureSpec], processed: Processed) -> list[tuple[FigureSpec, go.Figure]]:
    """Every figure drawn with the app's builders (full view); a builder that raises is named in its notes."""
    drawn = []
    for spec in specs:
        try:
            drawn.append((spec, spec.render(processed)))
        except BaseException as error:  # re-raised unchanged: only a note naming the figure is added
            error.add_note(f"while drawing figure '{spec.name}' (nothing was written)")
            raise
    return drawn


def export_figure(
    spec: FigureSpec,
    fig: go.Figure,
    processed: Processed,
    out_dir: Path,
    formats: tuple[str, ...],
    export: Exporter,
) -> Exported:
    """Render every format in memory, check it, then write each file atomically."""
    start = time.perf_counter()
    rendered = {fmt: checked(fmt, export(fig, fmt)) for fmt in formats}
    image = rendered.get(PAGE_FORMAT) or checked(PAGE_FORMAT, export(fig, PAGE_FORMAT))
    files = []
    for fmt, data in rendered.items():
        write_atomic(out_dir / f"{spec.name}.{fmt}", data, durable=True)
        files.append(file_entry(f"{spec.name}.{fmt}", fmt, data))
    source_ids = sorted(set(shown_rows(fig)["source_id"].dropna().astype(str)))
    title = fig.layout.title
    return Exported(
        spec,
        spec.versions(processed),
        files,
        source_ids,
        image,
        _now(),
        round(time.perf_counter() - start, 3),
        title=report_page.plain(title.text) or spec.title,
        subtitle=report_page.plain(title.subtitle.text if title.subtitle else None),
        description=describe.describe(fig, spec.title),
    )


def manifest(
    processed: Processed,
    exported: list[Exported],
    failed: dict[str, str],
    formats: tuple[str, ...],
    created: str,
) -> dict:
    """What was written, from which dataset versions (with their sha256), by which package version, when."""
    package = package_version()
    return {
        "package": {"name": DISTRIBUTION, "version": package},
        "created": created,
        "as_of_year": processed.as_of_year,
        "export": {
            "formats": list(formats),
            "width": style.EXPORT_WIDTH,
            "height": style.EXPORT_HEIGHT,
            "scale": 1,
            "font_family": style.FONT_FAMILY,
        },
        "datasets": _datasets(processed, processed.versions),
        "vintages": {VINTAGED_DATASET: sorted(processed.vintages)},
        "figures": [
            {
                "name": e.spec.name,
                "title": e.spec.title,
                "page": e.spec.page,
                "package_version": package,
                "rendered_at": e.rendered_at,
                "seconds": e.seconds,
                "datasets": _datasets(processed, e.versions),
                "files": e.files,
                "source_ids": e.source_ids,
            }
            for e in exported
        ],
        "failed": [{"name": name, "error": error} for name, error in failed.items()],
    }


def page_data(
    processed: Processed,
    exported: list[Exported],
    failed: dict[str, str],
    manifest_: dict,
    titles: dict[str, str] | None = None,
) -> dict:
    """Everything report.html shows, as plain data for the pure page builder: the summary figure first, each
    figure numbered, sources numbered in order of first use (figures, then the ledger, then the warnings)."""
    summary = next((e for e in exported if e.spec.name == SUMMARY_FIGURE), None)
    ordered = ([summary] if summary else []) + [e for e in exported if e is not summary]
    records = ledger_records(processed.derived.ledger)
    warnings = [w.as_dict() for w in processed.warnings]
    known = set(processed.frames["sources"]["source_id"].astype(str))
    cited: dict[str, list[str]] = {}
    for number, entry in enumerate(ordered, start=1):
        for source_id in entry.source_ids:
            cited.setdefault(source_id, []).append(f"Figure {number}")
    for record in records:
        for source_id in filter(None, (s.strip() for s in (record["source_ids"] or "").split(";"))):
            cited.setdefault(source_id, []).append("the target ledger")
    for warning in warnings:
        for source_id in _ids_in(warning["message"], known):
            cited.setdefault(source_id, []).append("where sources disagree")
    claims = claim_records(processed.frames) if "claims" in processed.frames else []
    for claim in claims:
        for row in claim["evidence"]:
            cited.setdefault(row["source_id"], []).append("the 2002 article's claims")
    bibliography = report_page.bibliography(processed.frames["sources"], cited)
    numbers = {entry["source_id"]: entry["number"] for entry in bibliography}
    notes = disagreements.by_chart(
        disagreements.notes(
            processed.frames["trade"], processed.derived.trade_customs_gaps, processed.frames["sources"]
        )
    )
    figures = [{**_figure_data(e, numbers, processed), "notes": notes.get(e.spec.name, [])} for e in ordered]
    return {
        "title": REPORT_TITLE,
        "created": manifest_["created"],
        "as_of_year": processed.as_of_year,
        "versions": versions_in_words(processed),
        "verdict": verdict_line(processed.derived.ledger),
        "summary": figures[0] if summary else None,
        "figures": figures[1:] if summary else figures,
        "ledger": records,
        "claims": claims,
        "warnings": warnings,
        "bibliography": bibliography,
        "failed": {(titles or {}).get(name, name): error for name, error in failed.items()},
        "appendix": {
            "package": DISTRIBUTION,
            "package_version": manifest_["package"]["version"],
            "created": manifest_["created"],
            "modules": [__name__, report_page.__name__, static_export.__name__, describe.__name__],
            "datasets": manifest_["datasets"],
            "files": [
                {"figure": f"{e.spec.title} ({e.spec.name})", "file": f["file"], "sha256": f["sha256"]}
                for e in ordered
                for f in e.files
            ],
        },
    }


def versions_in_words(processed: Processed) -> list[str]:
    """Each dataset's version as people call it: 'Trade: Current series 1991-2025 (2026-11-28)', ..."""
    order = list(DATASET_NAMES)
    names = sorted(processed.versions, key=lambda n: (order.index(n) if n in order else len(order), n))
    return [_version_words(processed, name, processed.versions[name]) for name in names]


def _version_words(processed: Processed, name: str, version: str) -> str:
    """'Trade: Current series 1991-2025 (2026-11-28)', 'Arms transfers (SIPRI), 2026-11-28'."""
    if name != "trade":
        return version_label(name, version)
    years = processed.frames["trade"]["year"]
    return f"{dataset_name(name)}: {version_label(name, version, (int(years.min()), int(years.max())))}"


def _figure_data(entry: Exported, numbers: dict[str, int], processed: Processed) -> dict:
    """One exported figure as the page shows it."""
    return {
        "name": entry.spec.name,
        "title": entry.title or entry.spec.title,
        "subtitle": entry.subtitle,
        "description": entry.description,
        "image": entry.image,
        "media_type": "image/png",
        "versions": [
            _version_words(processed, name, version) for name, version in sorted(entry.versions.items())
        ],
        "sources": sorted(numbers[s] for s in entry.source_ids if s in numbers),
    }


def _ids_in(message: str, known: set[str]) -> list[str]:
    """The source ids a warning's message names (in parentheses), in order."""
    return [token for token in re.findall(r"\(([^()\s]+)\)", message) if token in known]


def package_version() -> str:
    """The installed package's version."""
    try:
        return distribution_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown (not installed)"


def _datasets(processed: Processed, versions: dict[str, str]) -> dict[str, dict]:
    """{name: {version, sha256}} for the datasets named in `versions`."""
    return {
        name: {"version": version, "sha256": processed.hashes.get(name)}
        for name, version in sorted(versions.items())
    }


def _now() -> str:
    """The time now, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@contextmanager
def _progress(total: int, quiet: bool):
    """A rich progress bar on stderr naming the figure being exported; a no-op when quiet."""
    if quiet:
        yield lambda name: None
        return
    columns = (
        TextColumn("figures"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("starting Chromium", total=total)
        started: list[str] = []

        def step(name: str) -> None:
            """Count the previous figure as done and name the next one."""
            progress.update(task, advance=1 if started else 0, description=name)
            started.append(name)

        yield step
        progress.update(task, completed=total, description="done")
