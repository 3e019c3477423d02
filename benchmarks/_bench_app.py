"""`bilateral serve --prod` with one extra, trivial callback: the framework's floor, measured in the same server.

python benchmarks/_bench_app.py --port 8070 [--workers N]
"""

from __future__ import annotations

import argparse

from dash import Input, Output

from dashboard.app.production import build_app, serve

FLOOR = {
    "output": "bench-floor.children",
    "outputs": {"id": "bench-floor", "property": "children"},
    "inputs": [{"id": "bench-floor-word", "property": "value", "value": "floor"}],
    "changedPropIds": ["bench-floor-word.value"],
    "state": [],
}


def build():
    """The production app plus the floor callback (no component needs to exist for a request to reach it)."""
    app = build_app()

    @app.callback(Output("bench-floor", "children"), Input("bench-floor-word", "value"))
    def floor(word):
        """Echo the input: what any callback costs before it does any work."""
        return word

    return app.server


def main() -> None:
    """Serve until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8070)
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    serve(args.host, args.port, args.workers, build=build)


if __name__ == "__main__":
    main()
