"""`bilateral datasets`: list, show, add, diff and activate dataset versions; init a writable copy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dashboard import render
from dashboard.catalog import Catalog
from dashboard.commands.base import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    HELP_FORMAT,
    add_datasets_option,
    catalog_for,
    writable_catalog_for,
)
from dashboard.commands.output import invalid, print_json, usage_error
from dashboard.errors import InvalidData
from dashboard.ingest import InputFile
from dashboard.locations import bundled_datasets
from dashboard.versions import (
    VersionError,
    activate_version,
    add_version,
    diff_versions,
    init_datasets,
    list_versions,
    show_version,
)
from dashboard.writer_lock import describe_cleaned, tidy


def register(subparsers) -> None:
    """Add the `datasets` subcommand and its own subcommands."""
    parser = subparsers.add_parser(
        "datasets",
        help="list, show, add, diff and activate dataset versions",
        description="Dataset versions are immutable: a correction is a new version (add), which the catalog pins "
        "only when activated. Exit codes: 0 success, 1 invalid data, 2 usage error.",
        epilog="example: bilateral datasets diff trade 2002 2026-11-28",
        formatter_class=HELP_FORMAT,
    )
    parser.set_defaults(handler=lambda args: _no_action(parser))
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    _add(
        actions,
        "list",
        "every version of every dataset, the active one marked",
        "List each dataset's versions with rows, date and changelog note; * marks the active version.",
        "bilateral datasets list --json",
        run_list,
    )
    show = _add(
        actions,
        "show",
        "a version's descriptor: fields, changelog, sources, integrity",
        "Show a version (default: the active one): title, rows, sha256 and whether the file still matches "
        "it, fields with units, changelog and sources.",
        "bilateral datasets show trade 2002",
        run_show,
    )
    show.add_argument("name", metavar="NAME")
    show.add_argument("version", metavar="VERSION", nargs="?")
    add = _add(
        actions,
        "add",
        "validate a CSV and store it as a new immutable version",
        "Validate FILE against the dataset's schema and the sources bibliography, then write it as version V "
        "atomically (temporary files, fsync, rename; descriptor and catalog last). An existing version is "
        "never overwritten; the note goes into the changelog. The catalog is changed only with --activate.",
        "bilateral datasets add trade trade_2027.csv --version 2027-01-15 --note 'GACC 2026 figures'",
        run_add,
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--version", required=True, metavar="V", help="the new version's name (a date)")
    add.add_argument(
        "--note", required=True, metavar="TEXT", help="what the version changes (for the changelog)"
    )
    add.add_argument("--activate", action="store_true", help="pin the new version in the catalog as well")
    diff = _add(
        actions,
        "diff",
        "rows added, removed and changed between two versions",
        "Compare two versions row by row on the dataset's primary key: rows added, removed, and every "
        "changed cell with its old and new value.",
        "bilateral datasets diff trade 2002 2026-11-28",
        run_diff,
    )
    for argument in ("name", "old", "new"):
        diff.add_argument(argument, metavar={"name": "NAME", "old": "V1", "new": "V2"}[argument])
    activate = _add(
        actions,
        "activate",
        "pin a version as the active one in datasets/catalog.json",
        "Check the version (hash, schema, sources), then rewrite datasets/catalog.json atomically.",
        "bilateral datasets activate trade 2002",
        run_activate,
    )
    activate.add_argument("name", metavar="NAME")
    activate.add_argument("version", metavar="V")
    init = _add(
        actions,
        "init",
        "copy the bundled datasets into DIR/datasets, a folder of your own that you can add versions to",
        "Copy every version of the datasets bundled with the package (verified against their sha256) into "
        "DIR/datasets. Commands run inside DIR then use that copy (they look for the nearest datasets/ from "
        "the current folder), so 'datasets add' and 'activate' can write there. DIR/datasets must not exist.",
        "bilateral datasets init my-analysis && cd my-analysis && bilateral datasets list",
        run_init,
    )
    init.add_argument("folder", type=Path, metavar="DIR")


def _add(
    actions, name: str, summary: str, description: str, example: str, handler
) -> argparse.ArgumentParser:
    """One datasets action with its help, --datasets and (where it prints data) --json."""
    parser = actions.add_parser(
        name, help=summary, description=description, epilog=f"example: {example}", formatter_class=HELP_FORMAT
    )
    if name != "init":
        add_datasets_option(parser)
    if name not in ("activate", "init"):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=handler)
    return parser


def _no_action(parser: argparse.ArgumentParser) -> int:
    """`bilateral datasets` alone: the help, exit code 2."""
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def run_list(args) -> int:
    """bilateral datasets list."""
    catalog = _catalog(args)
    versions = list_versions(catalog)
    if args.json:
        print_json(versions)
        return EXIT_OK
    table = Table(title=f"Dataset versions ({escape(str(catalog.root))})")
    for column in ("dataset", "version", "rows", "created", "note"):
        table.add_column(column, overflow="fold")
    for v in versions:
        table.add_row(
            v["dataset"],
            f"{v['version']}{' *' if v['active'] else ''}",
            str(v["rows"]),
            v["created"],
            escape(v["note"]),
        )
    render.console().print(table)
    return EXIT_OK


def run_show(args) -> int:
    """bilateral datasets show."""
    shown = show_version(_catalog(args), args.name, args.version)
    if args.json:
        print_json(shown)
        return EXIT_OK if not shown["integrity"] else EXIT_INVALID
    console = render.console()
    console.print(
        f"[bold]{shown['dataset']} {shown['version']}[/]{' (active)' if shown['active'] else ''}: "
        f"{escape(shown['title'])}\n{escape(shown['description'])}\n{escape(shown['path'])}: "
        f"{shown['rows']} rows, {shown['bytes']} bytes, sha256 {shown['sha256']}; key "
        f"{', '.join(shown['primary_key'])}; licence {', '.join(shown['licenses'])}"
    )
    for problem in shown["integrity"]:
        console.print(f"[red]integrity: {escape(problem)}[/]")
    _rows_table(console, "Fields", ("name", "type", "unit", "description"), shown["fields"])
    _rows_table(console, "Changelog", ("version", "date", "note"), shown["changelog"])
    _rows_table(console, "Sources", ("title", "path"), shown["sources"])
    return EXIT_OK if not shown["integrity"] else EXIT_INVALID


def _catalog(args) -> Catalog:
    """The catalog a reading action uses; an interrupted writer's leftovers are cleaned first, and said."""
    catalog = catalog_for(args)
    cleaned = tidy(catalog.root)
    if cleaned:
        print(describe_cleaned(catalog.root, cleaned), file=sys.stderr)
    return catalog


def run_init(args) -> int:
    """bilateral datasets init."""
    try:
        target = init_datasets(Catalog(bundled_datasets()), args.folder)
    except VersionError as error:
        return usage_error("datasets init", str(error))
    except PermissionError as error:
        return usage_error("datasets init", f"{args.folder}: {error.strerror}")
    print(
        f"copied the bundled datasets to {target}; commands run inside {args.folder} now use it "
        f"(or pass --datasets {target})"
    )
    return EXIT_OK


def run_add(args) -> int:
    """bilateral datasets add."""
    if not args.file.is_file():
        return usage_error(
            "datasets add", f"{args.file}: {'is a folder' if args.file.is_dir() else 'file not found'}"
        )
    console = render.console()
    try:
        added = add_version(
            writable_catalog_for(args),
            args.name,
            InputFile.from_path(args.file),
            args.version,
            args.note,
            activate=args.activate,
        )
    except VersionError as error:
        return usage_error("datasets add", str(error))
    except InvalidData as error:
        return invalid(console, error, args.json, str(args.file))
    if args.json:
        print_json(
            {
                "dataset": added.dataset,
                "version": added.version,
                "directory": str(added.directory),
                "rows": added.rows,
                "sha256": added.sha256,
                "activated": added.activated,
                "warnings": added.warnings,
                "cleaned": added.cleaned,
            }
        )
        return EXIT_OK
    if added.cleaned:
        print(describe_cleaned(added.directory.parent.parent, added.cleaned), file=sys.stderr)
    console.print(
        f"added {added.dataset} version {added.version}: {added.rows} rows, sha256 {added.sha256[:12]}, "
        f"in {escape(str(added.directory))}"
        + (
            "; now active"
            if added.activated
            else f"; activate it with: bilateral datasets activate {added.dataset} {added.version}"
        )
    )
    for warning in added.warnings:
        console.print(f"note: {warning}")
    return EXIT_OK


def run_diff(args) -> int:
    """bilateral datasets diff."""
    diff = diff_versions(_catalog(args), args.name, args.old, args.new)
    if args.json:
        print_json(diff.as_dict())
        return EXIT_OK
    console = render.console()
    console.print(
        f"{args.name} {args.old} -> {args.new} (key {', '.join(diff.key)}): {len(diff.added)} added, "
        f"{len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    table = Table(title=f"{args.name}: {args.old} -> {args.new}")
    for column in ("change", "key", "column", "old", "new"):
        table.add_column(column, overflow="fold")
    for row in diff.rows():
        key = ", ".join(str(row[k]) for k in diff.key)
        table.add_row(
            row["change"],
            escape(key),
            row["column"] or "",
            escape(_cell(row["old"])),
            escape(_cell(row["new"])),
        )
    console.print(table)
    return EXIT_OK


def run_activate(args) -> int:
    """bilateral datasets activate."""
    try:
        previous = activate_version(writable_catalog_for(args), args.name, args.version)
    except InvalidData as error:
        return invalid(render.console(), error, False, args.name)
    message = "already active" if previous == args.version else f"active (was {previous})"
    print(f"{args.name} {args.version}: {message}")
    return EXIT_OK


def _rows_table(console: Console, title: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """A small table of descriptor entries."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(_cell(row.get(column))) for column in columns))
    console.print(table)


def _cell(value) -> str:
    """A value as text; blank when missing."""
    return "" if value is None else str(value)
