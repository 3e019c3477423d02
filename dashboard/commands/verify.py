"""`bilateral verify FILE|-`: every trade statement of a text held against the sourced series and the targets."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dashboard import render
from dashboard.commands.base import add_datasets_option, catalog_for
from dashboard.commands.output import EXIT_OK, invalid, print_json, usage_error
from dashboard.ingest.source import InputError, InputFile
from dashboard.processed import build
from dashboard.statements import MAX_TEXT_BYTES, Evidence, verify_file

JSON_KEYS = (
    "sentence",
    "value",
    "unit",
    "currency",
    "year",
    "measure",
    "kind",
    "verdict",
    "basis",
    "matched_value",
    "difference_pct",
    "target_id",
)
STDIN_NAME = "<stdin>"


def register(subparsers) -> None:
    """Add the `verify` subcommand."""
    parser = subparsers.add_parser(
        "verify",
        help="check the trade figures in a text (English, Russian, Chinese) against the sources and targets",
        description="Find every trade statement in a text (levels, growth rates, targets; English, Russian or "
        "Chinese), normalise its number (bn, billion, млрд, трлн, 亿, 万亿 ...) and give each a verdict: "
        "consistent (matches a sourced value within the sentence's rounding; the basis is named), "
        "inconsistent (the nearest sourced values and the difference), target (the known target it matches, "
        "or none) or not_checkable (the reason: a yuan figure, no year, no data). Patterns and a lexicon, no "
        f"model. Texts over {MAX_TEXT_BYTES // 1024} kB, binary files, markup and texts without a trade "
        "statement are refused. Exit codes: 0 the text was checked (whatever the verdicts), 1 it could not be, "
        "2 usage error.",
        epilog="example: bilateral verify article.txt --json\n"
        "         echo 'Trade passed $100 bn in 2018.' | bilateral verify -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the text file, or - to read standard input")
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"claims": [{"sentence", "value", "unit", "currency", "year", "measure", "kind", '
        '"verdict", "basis", "matched_value", "difference_pct", "target_id", ...}]}',
    )
    add_datasets_option(parser)
    parser.set_defaults(handler=run_verify)


def run_verify(args) -> int:
    """bilateral verify."""
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        file = InputFile.from_bytes(data, STDIN_NAME)
    else:
        path = Path(args.file)
        if not path.is_file():
            return usage_error("verify", f"{path}: {'is a folder' if path.is_dir() else 'file not found'}")
        file = InputFile.from_path(path)
    console = render.console()
    catalog = catalog_for(args)
    bundled = build(catalog, as_of_year=dt.date.today().year)
    evidence = Evidence.from_frames(bundled.frames["trade"], bundled.frames["targets"])
    try:
        claims = verify_file(file, evidence)
    except InputError as error:
        return invalid(console, error, args.json, file.name)
    except PermissionError as error:
        return usage_error("verify", f"{args.file}: {error.strerror}")
    if args.json:
        print_json({"claims": [{**{k: c[k] for k in JSON_KEYS}, **c} for c in claims]})
    else:
        print_claims(console, file.name, claims, bundled.versions)
    return EXIT_OK


def print_claims(console: Console, name: str, claims: list[dict], versions: dict[str, str]) -> None:
    """One row per claim: where, the number as read, the verdict and its evidence."""
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim["verdict"]] = counts.get(claim["verdict"], 0) + 1
    summary = ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
    table = Table(
        title=f"{escape(name)}: {len(claims)} claim(s): {summary} "
        f"(trade {versions.get('trade')}, targets {versions.get('targets')})"
    )
    for column in ("line", "sentence", "read as", "verdict", "evidence"):
        table.add_column(column, overflow="fold")
    for claim in claims:
        read = f"{escape(claim['as_read'])} = {_quantity(claim)}"
        verdict = claim["verdict"] + (f" ({claim['target_id']})" if claim["target_id"] else "")
        table.add_row(str(claim["line"]), escape(claim["sentence"]), read, verdict, escape(claim["evidence"]))
    console.print(table)


def _quantity(claim: dict) -> str:
    """'146.9 bn usd, turnover, 2021, above' in short."""
    unit = "%" if claim["unit"] == "%" else f" bn {claim['currency'] or '(no currency)'}"
    parts = [f"{claim['value']:g}{unit}", claim["kind"], claim["measure"], str(claim["year"] or "no year")]
    if claim["bound"]:
        parts.append(claim["bound"])
    return ", ".join(parts)
