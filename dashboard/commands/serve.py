"""`bilateral serve`: the dashboard on one process (development) or under gunicorn (--prod)."""

from __future__ import annotations

import argparse
import os

from dashboard.api.origins import EMBED_ORIGINS_ENV, parse_origins
from dashboard.commands.base import EXIT_OK, HELP_FORMAT, UsageError, add_datasets_option, datasets_location
from dashboard.locations import DATASETS_ENV, USER_CACHE, cache_folder
from dashboard.startup import without_collection


def register(subparsers) -> None:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser(
        "serve",
        help="start the dashboard in the browser (http://127.0.0.1:8050 by default)",
        description="Serve the dashboard on the bundled data: linked charts of stated targets against actual "
        "outcomes, every point sourced. Needs no network. Stop it with Ctrl-C.",
        epilog="example: bilateral serve --host 0.0.0.0 --port 8051\n"
        "example: bilateral serve --prod --workers 4   # under gunicorn, for a shared server\n"
        'example: bilateral serve --embed-origins "https://a.example https://b.example"',
        formatter_class=HELP_FORMAT,
    )
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="the port to listen on (default: 8050)")
    parser.add_argument(
        "--debug", action="store_true", help="Dash's debug mode: dev tools and reload on change"
    )
    parser.add_argument(
        "--prod",
        action="store_true",
        help="serve under gunicorn with several worker processes (a shared server)",
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="with --prod: worker processes (default: 2 x cores + 1)"
    )
    parser.add_argument(
        "--embed-origins",
        metavar="ORIGINS",
        default="",
        help="web origins (space-separated) whose pages may show /embed/ charts in an iframe (default: none)",
    )
    add_datasets_option(parser)
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """bilateral serve."""
    if args.workers is not None and (not args.prod or args.workers < 1):
        raise UsageError("--workers needs --prod and a number of at least 1")
    try:
        embed_origins = parse_origins(args.embed_origins)
    except ValueError as error:
        raise UsageError(f"--embed-origins: {error}") from None
    root = datasets_location(args).root
    os.environ[DATASETS_ENV] = str(root)  # gunicorn's workers (and Dash's reloader) resolve the same folder
    os.environ[EMBED_ORIGINS_ENV] = " ".join(embed_origins)  # and the same embed origins
    if args.prod:
        from dashboard.app.production import serve  # imported here: the other commands need no gunicorn

        serve(args.host, args.port, args.workers, args.debug)
        return EXIT_OK
    with (
        without_collection()
    ):  # importing the stack and building the app: a third faster (dashboard/startup.py)
        from dashboard.app import create_app, make_loader  # imported here: the other commands need no Dash
        from dashboard.catalog import Catalog

        app = create_app(
            make_loader(Catalog(root)),
            warm=True,
            figure_cache_dir=cache_folder(USER_CACHE, "figures"),
            catalog=Catalog(root),
            embed_origins=embed_origins,
        )
    app.run(host=args.host, port=args.port, debug=args.debug)
    return EXIT_OK
