"""Under gunicorn each worker's app is set up before it takes a request (plotly/dash#3971: a fresh gthread worker
could answer the page's script bundles with HTTP 500 while its first request was still building the layout)."""

from __future__ import annotations

from dash import Dash, dcc, html

from dashboard.app.production import DashboardApplication, options


def test_a_worker_app_has_its_bundles_registered_before_its_first_request():
    app = Dash(__name__)
    app.layout = html.Div([dcc.Graph(id="chart")])
    assert not app.registered_paths  # what a worker had before: nothing until a request finished the set-up
    served = DashboardApplication(options("127.0.0.1", 0, 1), lambda: app.server).load()
    assert served is app.server
    assert app.registered_paths["dash"]  # every script the index names is known before any request arrives
    # a script (not a source map: wheels of dash need not ship those), the same one on every run
    bundle = min(path for path in app.registered_paths["dash"] if path.endswith(".js"))
    response = app.server.test_client().get(f"/_dash-component-suites/dash/{bundle}")
    assert response.status_code == 200
