"""The `bilateral` command: one parser over the subcommands in dashboard/commands/; expected errors become a
message and an exit code (0 success, 1 invalid data, 2 usage), never a traceback."""

from __future__ import annotations

import argparse
import sys

from dashboard.commands import check, datasets, figures, serve, targets, validate, verify
from dashboard.commands.base import EXIT_INVALID, EXIT_USAGE, UsageError
from dashboard.errors import BilateralError, DatasetNotFound

# in the order `bilateral --help` lists them
COMMANDS = (validate, targets, serve, check, verify, datasets, figures)


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
        description="Sino-Russian bilateral indicators: stated targets against actual outcomes, every number "
        "sourced.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


if __name__ == "__main__":
    sys.exit(main())
