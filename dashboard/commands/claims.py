"""`bilateral claims`: every quantitative figure of the 2002 article with its verdict against later evidence."""

from __future__ import annotations

import argparse
import sys

from rich.markup import escape
from rich.table import Table

from dashboard import render
from dashboard.claims import VERDICT_WORDS, amount, claim_records, claims_csv, verdict_counts
from dashboard.commands.base import EXIT_OK, HELP_FORMAT, add_datasets_option, catalog_for
from dashboard.commands.output import print_json
from dashboard.pipeline.load import load_valid


def register(subparsers) -> None:
    """Add the `claims` subcommand."""
    parser = subparsers.add_parser(
        "claims",
        help="check every figure of the 2002 article against the later evidence",
        description="Each of the 2002 article's quantitative figures with a verdict computed from the datasets: "
        "confirmed, contradicted (by how much), superseded (what happened instead), unverifiable (what is "
        "missing), or not a claim (a date or time span), with its quote, evidence and a sentence saying why.",
        epilog="example: bilateral claims --json",
        formatter_class=HELP_FORMAT,
    )
    add_datasets_option(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the claims as a JSON list of objects")
    output.add_argument("--csv", action="store_true", help="print the claims as CSV (evidence in one cell)")
    parser.set_defaults(handler=run_claims)


def run_claims(args: argparse.Namespace) -> int:
    """bilateral claims."""
    records = claim_records(load_valid(catalog_for(args)).frames())
    if args.json:
        print_json(records)
    elif args.csv:
        sys.stdout.write(claims_csv(records))
    else:
        claims_table(records)
    return EXIT_OK


def claimed_words(record: dict) -> str:
    """The claimed figure as the article gives it, in words: 'more than 70 %', '1,000,000-5,000,000 persons'."""
    value, low, high = record["claimed_value"], record["claimed_low"], record["claimed_high"]
    unit = record["unit"]
    if low is not None and high is not None and low != high:
        return f"{_num(low)}-{amount(high, unit)}"
    prefix = {"more_than": "more than ", "up_to": "up to ", "nearly": "nearly ", "approx": "about "}
    figure = value if value is not None else (low if low is not None else high)
    return f"{prefix.get(record['qualifier'], '')}{amount(figure, unit)}"


def claims_table(records: list[dict]) -> None:
    """The claims as a table for people: the figure, its year, what was claimed, the verdict and why."""
    counts = verdict_counts(records)
    summary = ", ".join(f"{VERDICT_WORDS[v].lower()} {n}" for v, n in counts.items())
    table = Table(title=f"Claims of the 2002 article ({len(records)}: {summary})")
    for header in ("claim", "year", "claimed", "verdict", "why"):
        table.add_column(header, overflow="fold")
    for r in records:
        table.add_row(
            escape(r["indicator"]),
            str(r["year"]),
            escape(claimed_words(r)),
            VERDICT_WORDS[r["verdict"]],
            escape(r["explanation"]),
        )
    render.console().print(table)


def _num(value: float) -> str:
    """A number with thousands separated and no needless decimals."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
