"""The `bilateral` command: one parser over the subcommands in dashboard/commands/; expected errors become a
message and an exit code (0 success, 1 invalid data, 2 usage), never a traceback."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from dashboard.commands.base import EXIT_INVALID, EXIT_USAGE, UsageError
from dashboard.errors import BilateralError, DatasetNotFound

# the modules under dashboard/commands/, each named as its subcommand, in the order `bilateral --help` lists them
COMMANDS = ("validate", "targets", "serve", "check", "verify", "datasets", "figures", "claims")


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; turn expected errors into a message and an exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_named_command(argv))
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


def _named_command(argv: list[str]) -> str | None:
    """The subcommand `argv` names (its first word), if it is one; None for `--help`, nothing or a typo."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its help, or with `only` that one.

    Each command's module (and what it imports: rich, Kaleido, the ingest stack, ...) is imported only when its
    subcommand is registered, so `bilateral serve` never loads what `check` or `figures` need.
    """
    parser = argparse.ArgumentParser(
        prog="bilateral",
        description="Sino-Russian bilateral indicators: stated targets against actual outcomes, every number "
        "sourced.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        import_module(f"dashboard.commands.{name}").register(subparsers)
    return parser


if __name__ == "__main__":
    sys.exit(main())
