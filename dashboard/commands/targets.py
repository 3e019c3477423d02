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
from dashboard.commands.output import print_json, usage_error
from dashboard.processed import build
from dashboard.realism import backtest
from dashboard.targets import LEDGER_KEYS, ledger_records

CSV_SKIPPED_KEYS = ("yearly",)


def register(subparsers) -> None:
    """Add the `targets` subcommand."""
    parser = subparsers.add_parser(
        "targets",
        help="print the target ledger: each stated target against the actual outcome",
        description="Compare every stated target with the actual outcome: baseline, attainment, shortfall, "
        "first year reached, years late, required against actual growth, and a status.",
        epilog="example: bilateral targets --json --version trade=2002\n"
        "         bilateral targets --backtest --json",
        formatter_class=HELP_FORMAT,
    )
    add_version_option(parser)
    add_datasets_option(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the ledger as a JSON list of objects")
    output.add_argument("--csv", action="store_true", help="print the ledger as CSV")
    add_as_of_option(parser)
    parser.add_argument(
        "--backtest",
        action="store_true",
        help="instead of the ledger, hold each judged target's p_at_pledge against its outcome (met or missed): "
        "Brier score and calibration table (with --json: as JSON)",
    )
    parser.set_defaults(handler=run_targets)


def run_targets(args: argparse.Namespace) -> int:
    """bilateral targets."""
    processed = build(catalog_for(args), parse_versions(args.version), args.as_of)
    records = ledger_records(processed.derived.ledger)
    if args.backtest:
        if args.csv:
            return usage_error("targets", "--backtest prints words or --json, not --csv")
        result = backtest(records)
        if args.json:
            print_json(result)
        else:
            print(backtest_text(result))
    elif args.json:
        print_json(records)
    elif args.csv:
        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=[k for k in LEDGER_KEYS if k not in CSV_SKIPPED_KEYS],
            extrasaction="ignore",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(
            {
                **r,
                "gap_years": ";".join(map(str, r["gap_years"])),
                "status_history": ";".join(f"{h['year']}:{h['status']}" for h in r["status_history"]),
            }
            for r in records
        )
    else:
        render.ledger_table(render.console(), records, processed.versions)
    return EXIT_OK


def backtest_text(result: dict) -> str:
    """The backtest in words: the score, the reference it should beat, the calibration table, each target."""
    if not result["n"]:
        return "No judged target (met or missed) has a p_at_pledge: nothing to backtest."
    lines = [
        (
            f"Backtest of p_at_pledge over {result['n']} judged targets "
            f"(share met {result['share_met']:.0%}): Brier score {result['brier_score']:.3f}; "
            f"always forecasting the share met would score {result['reference_brier_score']:.3f} "
            "(0 is perfect, lower is better; with so few targets the score is indicative only)."
        ),
        "Calibration (p at pledge -> share met):",
    ]
    for row in result["calibration"]:
        span = f"  {row['low']:.1f}-{row['high']:.1f}: "
        if not row["count"]:
            lines.append(span + "no target")
        else:
            lines.append(
                span + f"{row['count']} target{'' if row['count'] == 1 else 's'}, "
                f"mean p {row['mean_p']:.2f}, {row['share_met']:.0%} met"
            )
    lines.append("Each target:")
    for row in result["targets"]:
        outcome = "met" if row["outcome"] else "missed"
        lines.append(f"  {row['target_id']}: p {row['p_at_pledge']:.2f}, {outcome}")
    return "\n".join(lines)
