"""`bilateral figures`: export every registered figure as files, with manifest.json and a self-contained report."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.commands.base import (
    EXIT_OK,
    add_datasets_option,
    add_version_option,
    catalog_for,
    parse_versions,
)
from dashboard.commands.output import usage_error

DEFAULT_OUT = Path("reports")
KNOWN_FORMATS = ("png", "svg", "pdf")


def register(subparsers) -> None:
    """Add the `figures` subcommand."""
    parser = subparsers.add_parser(
        "figures",
        help="export every dashboard figure as PNG/SVG/PDF, with manifest.json and report.html",
        description="Draw every registered figure with the dashboard's own builders and export it at a fixed size "
        "through one headless Chromium (Kaleido). Writes each file atomically, then manifest.json "
        "(sha256 and bytes of every file, dataset versions and hashes, package version, time) and "
        "report.html (a self-contained page that prints on A4: the verdict and the verdict board first, "
        "every figure with a description in words, the target ledger, the consistency warnings, the "
        "bibliography, and the digests in an appendix). With the pdf format, report.html is also printed "
        "to report.pdf by the same Chromium. A figure that fails to export is named and the others are "
        "still written. Exit codes: 0 success, 1 a figure failed or invalid data, 2 usage error.",
        epilog="example: bilateral figures --out reports --formats png,svg --only trade_pledges verdict_board",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"the output folder, created if missing (default: {DEFAULT_OUT}/)",
    )
    parser.add_argument(
        "--formats",
        default=",".join(KNOWN_FORMATS),
        metavar="LIST",
        help=f"comma-separated formats among {', '.join(KNOWN_FORMATS)} (default: all); pdf also "
        "writes report.pdf",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        action="extend",
        default=[],
        metavar="NAME",
        help="export only these figures (repeatable; default: every registered figure)",
    )
    add_version_option(parser)
    add_datasets_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary (for scripts)")
    parser.set_defaults(handler=run_figures)


def parse_formats(text: str) -> list[str]:
    """'png, svg' -> ['png', 'svg']; an unknown format or an empty list is a ValueError naming the known ones."""
    formats = list(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in KNOWN_FORMATS]
    if unknown or not formats:
        problem = f"unknown format(s): {', '.join(unknown)}" if unknown else "no format given"
        raise ValueError(f"{problem}; known formats: {', '.join(KNOWN_FORMATS)}")
    return formats


def run_figures(args) -> int:
    """bilateral figures."""
    # Imported here: Plotly, Kaleido and the figure builders cost time the other commands need not pay.
    from dashboard.figures.registry import registered
    from dashboard.processed import build
    from dashboard.report import write_report

    try:
        formats = parse_formats(args.formats)
    except ValueError as error:
        return usage_error("figures", str(error))
    specs = registered()
    unknown = [name for name in args.only if name not in specs]
    if unknown:
        return usage_error(
            "figures", f"unknown figure(s): {', '.join(unknown)}; known figures: {', '.join(specs)}"
        )
    processed = build(catalog_for(args), parse_versions(args.version))
    result = write_report(
        processed, args.out, names=args.only or None, formats=formats, specs=specs, quiet=args.quiet
    )
    if not args.quiet:
        files = sum(len(entry.files) for entry in result.exported)
        print(
            f"{len(result.exported)} figure(s), {files} file(s) ({', '.join(formats)}) in {args.out}/; "
            f"open {args.out / 'report.html'}"
            + (f" or {args.out / 'report.pdf'}" if "report_pdf" in result.manifest else "")
            + f"; hashes in {args.out / 'manifest.json'}"
        )
    return EXIT_OK
