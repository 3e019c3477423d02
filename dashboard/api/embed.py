"""The embeddable chart: one figure with its title, source line and a link to the full view, and no navigation."""

from __future__ import annotations

import copy
from pathlib import Path

from markupsafe import Markup, escape
from plotly.io.json import to_json_plotly

from dashboard.api.charts import ChartView, plain, source_line, title_of
from dashboard.app.pages import APP_TITLE

STATIC = Path(__file__).resolve().parent / "static"
EMBED_SCRIPT = STATIC / "embed.js"
ASSETS = "/embed-assets"  # outside /embed/: only the pages themselves may be framed
MARGIN = {"l": 60, "r": 20, "t": 40, "b": 50}
STYLE = """
html, body { margin: 0; height: 100%; font-family: "Liberation Sans", Arial, sans-serif; color: #212529; }
body { display: flex; flex-direction: column; padding: 8px 12px; box-sizing: border-box; }
h1 { font-size: 1.05rem; margin: 0 0 2px; }
p { margin: 0; font-size: 0.8rem; color: #555; }
#chart { flex: 1 1 auto; min-height: 260px; }
footer { font-size: 0.75rem; color: #555; padding-top: 4px; }
a { color: #0b5ed7; }
"""


def plotly_script() -> Path:
    """The plotly.js bundle that ships with plotly.py (the version its figures are written for)."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def embed_figure(chart: ChartView) -> dict:
    """The figure as the page shows it for the view, its title and source line left to the HTML around it."""
    shown = chart.data.shown(chart.name, chart.view)
    layout = copy.deepcopy(shown["layout"])
    layout["title"] = {"text": ""}
    layout["annotations"] = [a for a in layout.get("annotations", ()) if a.get("name") != "source_line"]
    layout["margin"] = MARGIN
    layout.pop("height", None)
    layout["autosize"] = True
    layout["dragmode"] = False
    layout["shapes"] = [s for s in layout.get("shapes", ()) if s.get("visible", True) is not False]
    return {"data": shown["data"], "layout": layout}


def embed_page(chart: ChartView) -> str:
    """The HTML of the embed: title, subtitle, chart (drawn by embed.js), source line and link back."""
    title = title_of(chart)
    subtitle = plain(chart.figure.layout.title.subtitle.text)
    figure = to_json_plotly(embed_figure(chart)).replace("<", "\\u003c")  # no '</script>' inside the data
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · {escape(APP_TITLE)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
{f"<p>{escape(subtitle)}</p>" if subtitle else ""}
<div id="chart" role="img" aria-label="{escape(title)}"></div>
<script type="application/json" id="figure-json">{Markup(figure)}</script>
<footer><span class="source-line">{escape(source_line(chart.figure))}</span>
· <a href="{escape(chart.permalink())}" target="_blank" rel="noopener">Open the full view on {escape(APP_TITLE)} ↗</a>
</footer>
<script src="{ASSETS}/plotly.min.js"></script>
<script src="{ASSETS}/embed.js"></script>
</body>
</html>
"""


def error_page(status: int, message: str) -> str:
    """A short page saying why the chart cannot be shown."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{status} · {escape(APP_TITLE)}</title></head>
<body><p>This chart cannot be shown: {escape(message)}</p></body></html>
"""
