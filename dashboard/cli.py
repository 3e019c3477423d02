"""The `bilateral` command: thin subcommands over the library. Exit codes: 0 success, 1 invalid data, 2 usage."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from dashboard import render
from dashboard.catalog import DEFAULT_ROOT, Catalog
from dashboard.commands import check as check_command
from dashboard.commands import datasets as datasets_command
from dashboard.commands import figures as figures_command
from dashboard.errors import BilateralError, DatasetNotFound
from dashboard.pipeline.load import load_all
from dashboard.processed import build
from dashboard.targets import LEDGER_KEYS, ledger_records

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
CSV_SKIPPED_KEYS = ("yearly",)


class UsageError(BilateralError):
    """A command line that cannot be carried out as written."""


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; turn expected errors into a message and an exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except (UsageError, DatasetNotFound) as error:
        print(f"bilateral {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BilateralError as error:
        print(f"bilateral {args.command}: {error}", file=sys.stderr)
        return EXIT_INVALID


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its help."""
    parser = argparse.ArgumentParser(
        prog="bilateral",
        description="Sino-Russian bilateral indicators: "
        "stated targets against actual outcomes, every number sourced.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every dataset: hashes, schemas, sources; list consistency warnings",
        description="Verify each dataset's bytes and sha256, validate it against its schema and check that every "
        "source id resolves. Lists consistency warnings (sources that disagree) without failing.",
        epilog="example: bilateral validate --version trade=2002",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common_options(validate)
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.set_defaults(handler=run_validate)

    targets = commands.add_parser(
        "targets",
        help="print the target ledger: each stated target against the actual outcome",
        description="Compare every stated target with the actual outcome: baseline, attainment, shortfall, first "
        "year reached, years late, required against actual growth, and a status.",
        epilog="example: bilateral targets --json --version trade=2002",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common_options(targets)
    output = targets.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the ledger as a JSON list of objects")
    output.add_argument("--csv", action="store_true", help="print the ledger as CSV")
    targets.add_argument(
        "--as-of",
        type=int,
        metavar="YEAR",
        help="judge deadlines as of this year (default: the current year)",
    )
    targets.set_defaults(handler=run_targets)

    serve = commands.add_parser(
        "serve",
        help="start the dashboard in the browser (http://127.0.0.1:8050 by default)",
        description="Serve the dashboard on the bundled data: linked charts of stated targets against actual "
        "outcomes, every point sourced. Needs no network. Stop it with Ctrl-C.",
        epilog="example: bilateral serve --host 0.0.0.0 --port 8051\n"
        "example: bilateral serve --prod --workers 4   # under gunicorn, for a shared server",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8050, help="the port to listen on (default: 8050)")
    serve.add_argument(
        "--debug", action="store_true", help="Dash's debug mode: dev tools and reload on change"
    )
    serve.add_argument(
        "--prod",
        action="store_true",
        help="serve under gunicorn with several worker processes (a shared server)",
    )
    serve.add_argument(
        "--workers", type=int, metavar="N", help="with --prod: worker processes (default: 2 x cores + 1)"
    )
    serve.set_defaults(handler=run_serve)
    for command_module in (check_command, datasets_command, figures_command):
        command_module.register(commands)
    return parser


def _common_options(command: argparse.ArgumentParser) -> None:
    """--version NAME=V (repeatable) and --datasets DIR."""
    command.add_argument(
        "--version",
        action="append",
        default=[],
        metavar="DATASET=V",
        help="use version V of DATASET instead of the active one (repeatable)",
    )
    command.add_argument(
        "--datasets",
        type=Path,
        default=DEFAULT_ROOT,
        metavar="DIR",
        help="the datasets folder (default: the bundled one)",
    )


def parse_versions(pairs: list[str]) -> dict[str, str]:
    """['trade=2002'] -> {'trade': '2002'}; a malformed pair is a usage error."""
    versions = {}
    for pair in pairs:
        name, sep, version = pair.partition("=")
        if not sep or not name or not version:
            raise UsageError(f"--version expects DATASET=VERSION, got '{pair}'")
        versions[name] = version
    return versions


def run_validate(args) -> int:
    """bilateral validate."""
    loaded = load_all(Catalog(args.datasets), parse_versions(args.version))
    reports = list(loaded.reports.values())
    if args.json:
        print(
            json.dumps(
                {
                    "valid": loaded.ok,
                    "datasets": [
                        {
                            "dataset": r.dataset,
                            "version": r.version,
                            "file": r.file,
                            "rows": r.rows,
                            "sha256": r.sha256,
                            "valid": r.ok,
                            "failures": [f.as_dict() for f in r.failures],
                        }
                        for r in reports
                    ],
                    "warnings": [w.as_dict() for w in loaded.warnings],
                },
                indent=2,
            )
        )
    else:
        render.validation_tables(render.console(), reports, loaded.warnings)
    return EXIT_OK if loaded.ok else EXIT_INVALID


def run_targets(args) -> int:
    """bilateral targets."""
    processed = build(Catalog(args.datasets), parse_versions(args.version), args.as_of)
    records = ledger_records(processed.derived.ledger)
    if args.json:
        print(json.dumps(records, indent=2, ensure_ascii=False))
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


def run_serve(args) -> int:
    """bilateral serve."""
    if args.workers is not None and (not args.prod or args.workers < 1):
        raise UsageError("--workers needs --prod and a number of at least 1")
    if args.prod:
        from dashboard.app.production import serve  # imported here: the other commands need no gunicorn

        serve(args.host, args.port, args.workers, args.debug)
        return EXIT_OK
    from dashboard.app import create_app, make_loader  # imported here: the other commands need no Dash
    from dashboard.app.figure_store import DEFAULT_FIGURE_CACHE_DIR

    app = create_app(make_loader(), warm=True, figure_cache_dir=DEFAULT_FIGURE_CACHE_DIR)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
