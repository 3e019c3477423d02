"""`bilateral check FILE`: validate a trade file (minimal, native or Comtrade) and print the ledger on its figures."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from dashboard import render
from dashboard.check import CheckResult, check_trade
from dashboard.commands.base import add_as_of_option, add_datasets_option, catalog_for
from dashboard.commands.output import EXIT_OK, invalid, print_json, usage_error, warnings_table
from dashboard.ingest import InputError, InputFile, read_trade_input
from dashboard.ingest.header import AS_CHOICES, MINIMAL
from dashboard.ingest.minimal import MEASURE_CHOICES, TEMPLATE, UNIT_CHOICES
from dashboard.statements.evidence import MATCH_PCT

PROGRESS_MIN_BYTES = 8 << 20  # smaller files are read before a bar would show


def register(subparsers) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check a trade file (minimal CSV, native CSV or UN Comtrade export) against the stated targets",
        description="Validate a trade file and judge every stated target with its figures: status, attainment, "
        "shortfall, and what changed against the bundled active trade version (status changes first). "
        "By default the file's years replace only those years of the bundled series (the output says how "
        "many); --replace judges the file's series alone. "
        "A minimal file has a year column and one value column (turnover_usd_bn, exports_usd_bn, "
        "imports_usd_bn, or value with --measure and --unit), names matched ignoring case and spaces; "
        "--template prints one. "
        "Native files have the trade dataset's own columns; Comtrade Plus (47 columns) and legacy "
        "(35 columns) exports are recognised from their header, and only their China (156) - Russia "
        "(643) total rows are used. A UTF-8 byte-order mark (Excel's 'CSV UTF-8') and CRLF line ends "
        "are accepted; other encodings, compressed or binary files are refused. Exit codes: 0 the file "
        "is valid (whatever the verdict), 1 it is "
        "not (the report names file, line and column), 2 usage error.",
        epilog="example: bilateral check comtrade_china_russia.csv --json\n"
        "         bilateral check --template > my_trade.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, nargs="?", metavar="FILE", help="the CSV file to check")
    parser.add_argument(
        "--template",
        action="store_true",
        help="print a minimal CSV to fill in (year,turnover_usd_bn) and stop",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="judge the file's series alone (default: its years replace only those years of the bundled series)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="for every value of the file, the sourced basis it matches (Chinese or Russian customs, official "
        "statement, ...) and how far it is from each, in %%",
    )
    parser.add_argument(
        "--measure",
        choices=tuple(MEASURE_CHOICES),
        help="what a minimal file's column named 'value' holds (exports and imports are China's)",
    )
    parser.add_argument(
        "--unit", choices=tuple(UNIT_CHOICES), help="the unit of a minimal file's column named 'value'"
    )
    parser.add_argument(
        "--as",
        dest="as_",
        choices=AS_CHOICES,
        default="auto",
        help="the file's format (default: recognised from its header; a header of at most 3 columns is minimal)",
    )
    parser.add_argument(
        "--json", action="store_true", help='print {"input", "ledger", "changes", "warnings"} as JSON'
    )
    add_as_of_option(parser)
    add_datasets_option(parser)
    parser.set_defaults(handler=run_check)


def run_check(args) -> int:
    """bilateral check."""
    if args.template:
        print(TEMPLATE, end="")
        return EXIT_OK
    if args.file is None:
        return usage_error("check", "FILE is required (or --template to print a minimal CSV to fill in)")
    if (args.measure or args.unit) and args.as_ not in ("auto", MINIMAL):
        return usage_error("check", "--measure and --unit apply to a minimal file only")
    if not args.file.is_file():
        return usage_error(
            "check", f"{args.file}: {'is a folder' if args.file.is_dir() else 'file not found'}"
        )
    console = render.console()
    catalog = catalog_for(args)
    file = InputFile.from_path(args.file)
    try:
        with _progress(file.size) as advance:
            trade_input = read_trade_input(file, args.as_, catalog, advance, args.measure, args.unit)
    except InputError as error:
        return invalid(console, error, args.json, file.name)
    except PermissionError as error:
        return usage_error("check", f"{args.file}: {error.strerror}")
    result = check_trade(trade_input, catalog, args.as_of, replace=args.replace)
    if args.json:
        print_json(result.as_dict(with_explain=args.explain))
    else:
        print_result(console, result)
        if args.explain:
            explain_table(console, result.explained)
    return EXIT_OK


def print_result(console: Console, result: CheckResult) -> None:
    """Input summary, the file's figures, mirror gaps, the ledger, the changes and the warnings."""
    summary = result.input.summary()
    years = "-".join(map(str, summary["years"]))
    console.print(
        f"[bold]{escape(summary['file'])}[/]: {summary['format']}, {summary['rows']:,} rows, "
        f"{summary['trade_rows']} trade rows, years {years}, sha256 {summary['sha256'][:12]}"
    )
    console.print(f"Judged on {escape(result.coverage['sentence'])}.")
    if result.input.format != "native":
        _figures_table(console, result)
    if "mirror" in summary:
        _mirror_table(console, summary["mirror"])
    render.ledger_table(
        console,
        result.ledger,
        {
            "trade": f"{escape(summary['file'])}"
            + (
                ""
                if result.coverage["mode"] == "replace"
                else f" over {result.bundled_versions.get('trade')}"
            ),
            "targets": result.bundled_versions.get("targets"),
        },
    )
    _changes_table(console, result)
    warnings_table(console, result.warnings)


def explain_table(console: Console, explained: list[dict]) -> None:
    """Each of the file's values: the sourced bases it matches and its distance from every sourced level."""
    table = Table(
        title=f"On whose figures? Each value against the sourced ones (matches: within {MATCH_PCT}%)"
    )
    for column in ("year", "measure", "your value", "matches", "sourced values (difference)"):
        table.add_column(column, overflow="fold", justify="right" if column == "your value" else "left")
    for row in explained:
        bases = "; ".join(
            [f"{b['label']} {b['value_usd_bn']:,.3f} ({_signed(b['difference_pct'])})" for b in row["bases"]]
            + [
                f"{b['label']} {_bound(b)} ({'holds' if b['satisfied'] else 'does not hold'})"
                for b in row["bounds"]
            ]
        )
        table.add_row(
            str(row["year"]),
            row["measure"],
            f"{row['value_usd_bn']:,.3f} ({escape(row['your_basis'])})",
            ", ".join(row["matches"]) or "none",
            escape(bases) or "no sourced level for this year and measure",
        )
    console.print(table)


def _bound(row: dict) -> str:
    """'more than 185', 'less than 20' or 'between 60 and 80'."""
    low, high = row["low_usd_bn"], row["high_usd_bn"]
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    return f"more than {low:g}" if low is not None else f"less than {high:g}"


def _signed(value: float | None) -> str:
    """'+0.12%', or 'n/a'."""
    return "n/a" if value is None else f"{value:+.2f}%"


def _figures_table(console: Console, result: CheckResult) -> None:
    """The file's yearly figures in US$ bn: one column per measure and reporter, * marks the preferred one."""
    trade = result.input.trade
    columns = sorted({(m, b) for m, b in zip(trade["measure"], trade["reporting_basis"])})
    table = Table(title="Figures from the file (US$ bn; * preferred)")
    table.add_column("year")
    for measure, basis in columns:
        table.add_column(f"{measure} ({basis})", justify="right")
    for year, group in trade.groupby("year"):
        cells = {
            (r["measure"], r["reporting_basis"]): f"{r['value_usd_bn']:,.3f}{'*' if r['preferred'] else ''}"
            for r in group.to_dict("records")
        }
        table.add_row(str(year), *(cells.get(column, "") for column in columns))
    console.print(table)


def _mirror_table(console: Console, mirror: list[dict]) -> None:
    """China's figure against Russia's mirror figure, with the gap in %."""
    if not mirror:
        console.print("No mirror comparison: the file has no year that both China and Russia report.")
        return
    table = Table(title="Mirror comparison: China-reported against Russia-reported (US$ bn)")
    for column in ("year", "measure", "China reports", "Russia reports", "gap %"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for row in mirror:
        gap = "" if row["gap_pct"] is None else f"{row['gap_pct']:+.1f}%"
        table.add_row(
            str(row["year"]),
            row["measure"],
            f"{row['china_reported_usd_bn']:,.3f}",
            f"{row['russia_reported_usd_bn']:,.3f}",
            gap,
        )
    console.print(table)


def _changes_table(console: Console, result: CheckResult) -> None:
    """What changed against the bundled trade version, status changes first."""
    if not result.changes:
        console.print(f"No change against the bundled trade version {result.bundled_versions.get('trade')}.")
        return
    table = Table(title=f"Changes against the bundled trade version {result.bundled_versions.get('trade')}")
    for column in ("target", "status", "changed"):
        table.add_column(column, overflow="fold")
    for change in result.changes:
        status = (
            f"[bold]{change['old_status']} -> {change['new_status']}[/]"
            if change["status_changed"]
            else change["new_status"]
        )
        fields = "; ".join(
            f"{f['field']}: {_cell(f['old'])} -> {_cell(f['new'])}"
            for f in change["fields"]
            if f["field"] != "status"
        )
        table.add_row(change["target_id"], status, fields)
    console.print(table)


@contextmanager
def _progress(total: int):
    """A byte progress bar on stderr when it is a terminal and the file is large; else a no-op callback."""
    stderr = Console(stderr=True)
    if not stderr.is_terminal or total < PROGRESS_MIN_BYTES:
        yield None
        return
    columns = (TextColumn("reading"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("read", total=total)
        yield lambda size: progress.advance(task, size)


def _cell(value) -> str:
    """A changed value, short."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return escape(str(value))
