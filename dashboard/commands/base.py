"""What every `bilateral` subcommand shares, defined once: exit codes, --datasets, --version, the catalog it uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.catalog import Catalog
from dashboard.errors import BilateralError
from dashboard.locations import DatasetsLocation, locate_datasets

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
HELP_FORMAT = argparse.RawDescriptionHelpFormatter
DATASETS_HELP = (
    "the datasets folder (default: $BILATERAL_DATASETS, else the nearest datasets/ from the current folder, "
    "else the copy bundled with the package)"
)


class UsageError(BilateralError):
    """A command line that cannot be carried out as written (exit code 2)."""


def add_datasets_option(parser: argparse.ArgumentParser) -> None:
    """--datasets DIR."""
    parser.add_argument("--datasets", type=Path, default=None, metavar="DIR", help=DATASETS_HELP)


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """--version DATASET=V, repeatable."""
    parser.add_argument(
        "--version",
        action="append",
        default=[],
        metavar="DATASET=V",
        help="use version V of DATASET instead of the active one (repeatable)",
    )


def add_as_of_option(parser: argparse.ArgumentParser) -> None:
    """--as-of YEAR."""
    parser.add_argument(
        "--as-of",
        type=int,
        metavar="YEAR",
        help="judge deadlines as of this year (default: the current year)",
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


def datasets_location(args: argparse.Namespace) -> DatasetsLocation:
    """The datasets folder this command uses, named on stderr (one line) so the user knows which copy it read."""
    location = locate_datasets(getattr(args, "datasets", None))
    if not (location.root / "catalog.json").is_file():
        raise UsageError(
            f"{location.root}: no catalog.json here ({location.found.value}); not a datasets folder"
        )
    print(location.describe(), file=sys.stderr)
    return location


def catalog_for(args: argparse.Namespace) -> Catalog:
    """The catalog of the datasets folder this command uses."""
    return Catalog(datasets_location(args).root)


def writable_catalog_for(args: argparse.Namespace) -> Catalog:
    """As catalog_for, but refusing the bundled read-only copy with the way to make a writable one."""
    location = datasets_location(args)
    if not location.writable:
        raise UsageError(
            f"{location.root} is the copy bundled with the package and is read-only; make a copy of your own "
            "with 'bilateral datasets init DIR', then run this command inside DIR or with --datasets DIR/datasets"
        )
    return Catalog(location.root)
