"""The reference app: a minimal Dash app (one graph, one trivial callback), served like the dashboard.

python benchmarks/_minimal_app.py --port 8060             # Dash's own server, as `bilateral serve`
python benchmarks/_minimal_app.py --port 8060 --prod      # gunicorn, as `bilateral serve --prod`
"""

from __future__ import annotations

import argparse

from dash import Dash, Input, Output, dcc, html

FLOOR_BODY = {
    "output": "echo.children",
    "outputs": {"id": "echo", "property": "children"},
    "inputs": [{"id": "word", "property": "value", "value": "floor"}],
    "changedPropIds": ["word.value"],
    "state": [],
}


def create() -> Dash:
    """One input, one text output, one two-point graph (so plotly.js loads, as on the dashboard)."""
    app = Dash(__name__, compress=True, serve_locally=True)
    app.layout = html.Div(
        [
            dcc.Input(id="word", value="floor"),
            html.P(id="echo"),
            dcc.Graph(id="graph", figure={"data": [{"x": [1, 2], "y": [1, 2]}]}),
        ]
    )

    @app.callback(Output("echo", "children"), Input("word", "value"))
    def echo(word):
        """The trivial callback: echo the input."""
        return word

    return app


def main() -> None:
    """Serve the minimal app until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8060)
    parser.add_argument("--prod", action="store_true")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    if args.prod:
        from dashboard.app.production import serve

        serve(args.host, args.port, args.workers, build=lambda: create().server)
    else:
        create().run(host=args.host, port=args.port, debug=False)


if __name__ == "__main__":
    main()
