"""`bilateral targets`: the target ledger as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import sys

from dashboard import render
from dashboard.commands.base import (
    EXIT_OK,
    HELP_FORMAT,
    add_as_of_option,
    add_datasets_option,
    add_version_option,
    catalog_for,
    parse_versions,
)
from dashboard.commands.output import print_json
from dashboard.processed import build
from dashboard.targets import LEDGER_KEYS, ledger_records

CSV_SKIPPED_KEYS = ("yearly",)


def register(subparsers) -> None:
    """Add the `targets` subcommand."""
    parser = subparsers.add_parser(
        "targets",
        help="print the target ledger: each stated target against the actual outcome",
        description="Compare every stated target with the actual outcome: baseline, attainment, shortfall, "
        "first year reached, years late, required against actual growth, and a status.",
        epilog="example: bilateral targets --json --version trade=2002",
        formatter_class=HELP_FORMAT,
    )
    add_version_option(parser)
    add_datasets_option(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the ledger as a JSON list of objects")
    output.add_argument("--csv", action="store_true", help="print the ledger as CSV")
    add_as_of_option(parser)
    parser.set_defaults(handler=run_targets)


def run_targets(args: argparse.Namespace) -> int:
    """bilateral targets."""
    processed = build(catalog_for(args), parse_versions(args.version), args.as_of)
    records = ledger_records(processed.derived.ledger)
    if args.json:
        print_json(records)
    elif args.csv:
        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=[k for k in LEDGER_KEYS if k not in CSV_SKIPPED_KEYS],
            extrasaction="ignore",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows({**r, "gap_years": ";".join(map(str, r["gap_years"]))} for r in records)
    else:
        render.ledger_table(render.console(), records, processed.versions)
    return EXIT_OK
