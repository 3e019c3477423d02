"""The frame every chart sits in, after Our World in Data's Grapher: the finding as the heading, what is measured
under it, then Chart | Table | Sources | Download."""

from __future__ import annotations

import numbers
import re

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.display import graph_config
from dashboard.app.view import View
from dashboard.figures.spec import FigureSpec
from dashboard.formatting import MISSING, number, version_label
from dashboard.processed import Processed

TABS = (("chart", "Chart"), ("table", "Table"), ("sources", "Sources"), ("download", "Download"))
KEYBOARD_HOW = (
    " By keyboard, on the chart or its table: arrow keys step through the points (Up and Down: series), "
    "Enter opens a point's source."
)
TAG = re.compile(r"<[^>]+>")
API = "/api/v1"


def chart_frame(
    spec: FigureSpec,
    shown: dict,
    processed: Processed,
    view: View,
    years: tuple[int, int] | None,
    description: str = "",
    first: bool = True,
) -> dbc.Card:
    """A registered figure in its frame. The tabs follow the WAI-ARIA tabs pattern (buttons with role=tab,
    panels with role=tabpanel); Table and Sources fill in when first opened (callbacks.frame).

    A chart that is not its page's `first` is drawn just after the first one is on screen: its graph waits in a
    store inside a slot of the chart's height, and a clientside callback puts it in the slot once the browser has
    painted the first chart (callbacks.frame), so the page shows its first chart without drawing them all first.
    """
    title, subtitle = heading(shown)
    title = title or spec.title
    height = shown.get("layout", {}).get("height", 560)
    size = {"height": f"min({height}px, 80vh)", "minHeight": "320px"}
    graph: dcc.Graph | html.Div = dcc.Graph(
        id=ids.chart_id(spec.name, spec.follows_year_range),
        figure=shown,
        config=graph_config(spec.name),
        clear_on_unhover=True,
        className="chart-graph",
        responsive=True,
        style=size,
    )
    if not first:
        store, slot = ids.later_ids(spec.name)
        graph = html.Div(dcc.Store(id=store, data=graph.to_plotly_json()), id=slot, style=size)
    how = (
        "Click a point for its source; drag across the chart to set the years."
        if spec.follows_year_range
        else "Click a point for its source."
    ) + KEYBOARD_HOW
    described = " ".join(
        ids.dom_id(i) for i in (ids.chart_description_id(spec.name), ids.chart_how_id(spec.name))
    )
    attributes = {"data-chart": spec.name, "aria-label": title, "aria-describedby": described}
    if first:
        attributes["data-first-chart"] = "true"  # the page's later charts wait for it (assets/frame.js)
    chart = html.Div(
        [
            html.Div(
                graph,
                role="figure",
                tabIndex="0",  # the keyboard's way to its points (assets/stepper.js)
                className="chart-figure",
                **attributes,  # type: ignore[arg-type]  # data-*, aria-* are wildcard props
            ),
            html.P(description, id=ids.chart_description_id(spec.name), className="visually-hidden"),
            html.P(how, id=ids.chart_how_id(spec.name), className="chart-how small mb-0"),
        ]
    )
    bodies = {
        "chart": chart,
        "table": html.Div(id=ids.tab_body_id(spec.name, "table")),
        "sources": html.Div(id=ids.tab_body_id(spec.name, "sources")),
        "download": download_tab(spec, processed, view, years),
    }
    tablist = html.Div(
        [
            html.Button(
                label,
                id=ids.tab_button_id(spec.name, key),
                role="tab",
                n_clicks=0,
                className="chart-tab active" if key == "chart" else "chart-tab",
                **{  # type: ignore[arg-type]  # aria-* are wildcard props
                    "aria-selected": "true" if key == "chart" else "false",
                    "aria-controls": ids.dom_id(ids.tab_panel_id(spec.name, key)),
                },
            )
            for key, label in TABS
        ],
        role="tablist",
        className="chart-tablist",
        **{"aria-label": f"{title}: chart, table, sources, download"},  # type: ignore[arg-type]
    )
    panels = [
        html.Div(
            body,
            id=ids.tab_panel_id(spec.name, key),
            role="tabpanel",
            hidden=key != "chart",
            className="chart-panel",
            **{"aria-labelledby": ids.dom_id(ids.tab_button_id(spec.name, key))},  # type: ignore[arg-type]
        )
        for key, body in bodies.items()
    ]
    header: list = [html.H2(title, className="h6 mb-1 chart-title")]
    if subtitle:
        header.append(html.P(subtitle, className="chart-subtitle mb-0"))
    return dbc.Card(
        [
            dbc.CardHeader(header),
            dbc.CardBody([tablist, *panels, point_status(spec.name)], class_name="p-2"),
            dbc.CardFooter(data_line(spec, processed), class_name="chart-caption"),
        ],
        class_name="mb-3 chart-card",
    )


def point_status(name: str) -> html.P:
    """Where the point stepped to by keyboard is said (assets/stepper.js): one polite live region per chart, outside
    the tab panels so that it speaks from the Chart and the Table tab alike."""
    return html.P(
        className="chart-point-status small mb-0",
        role="status",
        **{"aria-live": "polite", "aria-atomic": "true", "data-chart-status": name},  # type: ignore[arg-type]
    )


def heading(shown: dict) -> tuple[str, str]:
    """The figure's own title and subtitle as plain text (the figure states its finding: one home for it)."""
    meta = shown.get("layout", {}).get("meta") or {}
    title = meta.get("title") if isinstance(meta, dict) else None
    subtitle = meta.get("subtitle") if isinstance(meta, dict) else None
    if title is None:
        layout_title = shown.get("layout", {}).get("title") or {}
        title = layout_title.get("text", "") if isinstance(layout_title, dict) else str(layout_title)
        subtitle = (
            (layout_title.get("subtitle") or {}).get("text", "") if isinstance(layout_title, dict) else ""
        )
    return plain(title), plain(subtitle)


def plain(text) -> str:
    """Figure text without its tags and line breaks."""
    return " ".join(TAG.sub(" ", str(text or "")).split())


def data_line(spec: FigureSpec, processed: Processed) -> str:
    """'Data: Current series 1991-2025 (2026-11-28); Stated targets, 2026-11-30. Checked against their schemas
    and checksums.'"""
    labels = [
        version_label(name, version, _trade_years(processed))
        for name, version in spec.versions(processed).items()
    ]
    return f"Data: {'; '.join(labels)}. Each checked against its schema and checksum." if labels else ""


def _trade_years(processed: Processed) -> tuple[int, int] | None:
    """The years the trade series in view covers."""
    years = processed.frames.get("trade", pd.DataFrame()).get("year")
    if years is None or years.dropna().empty:
        return None
    return int(years.min()), int(years.max())


def file_stem(spec: FigureSpec, processed: Processed, years: tuple[int, int] | None) -> str:
    """'trade_pledges_1991-2025_trade-2026-11-28': chart, years and data version, for downloaded files."""
    parts = [spec.name]
    if years:
        parts.append(f"{years[0]}-{years[1]}")
    parts += [
        f"{name}-{version}" for name, version in sorted(spec.versions(processed).items()) if name == "trade"
    ]
    return "_".join(parts)


def download_tab(
    spec: FigureSpec, processed: Processed, view: View, years: tuple[int, int] | None
) -> html.Div:
    """The chart as PNG or SVG, its data as CSV (the rows shown, with sources) or a zip with metadata, a link to
    the view, a citation that pins the data (from the API) and the iframe that embeds the chart. The CSV link is
    the one home of the view pinned (years, versions) and of the file name: images, citation and embed take
    theirs from it, and a year change in the browser moves it (assets/interactions.js)."""
    stem = file_stem(spec, processed, years)
    pinned = View(years or view.year_range, view.versions, view.vintage, view.target).search()
    button = {"size": "sm", "color": "secondary", "outline": True, "class_name": "me-2 mb-2"}
    return html.Div(
        [
            html.P(
                "The chart as shown, or the data behind it, each point with its source.", className="small"
            ),
            dbc.Button("PNG image", id=ids.image_button_id(spec.name, "png"), **button),
            dbc.Button("SVG image", id=ids.image_button_id(spec.name, "svg"), **button),
            html.A(
                "CSV: the data shown",
                id=ids.download_link_id(spec.name, "csv"),
                href=f"{API}/charts/{spec.name}.csv{pinned}",
                download=f"{stem}.csv",
                className="btn btn-sm btn-outline-secondary me-2 mb-2",
            ),
            html.A(
                "Zip: data, metadata and how to cite",
                id=ids.download_link_id(spec.name, "zip"),
                href=f"{API}/charts/{spec.name}.zip{pinned}",
                download=f"{stem}.zip",
                className="btn btn-sm btn-outline-secondary me-2 mb-2",
            ),
            dbc.Button("Copy link to this view", id=ids.copy_link_id(spec.name), **button),
            html.Span(id=ids.copy_status_id(spec.name), className="small ms-1", role="status"),
            html.Div(
                [
                    dbc.Button("Cite this chart", id=ids.snippet_button_id(spec.name, "cite"), **button),
                    dbc.Button("Embed this chart", id=ids.snippet_button_id(spec.name, "embed"), **button),
                ]
            ),
            html.Pre(id=ids.snippet_id(spec.name, "cite"), className="chart-snippet small", role="status"),
            html.Pre(id=ids.snippet_id(spec.name, "embed"), className="chart-snippet small", role="status"),
            html.Div(
                [
                    dbc.Button("Copy the citation", id=ids.snippet_copy_id(spec.name, "cite"), **button),
                    dbc.Button("Copy the embed code", id=ids.snippet_copy_id(spec.name, "embed"), **button),
                    html.Span(id=ids.snippet_copied_id(spec.name), className="small", role="status"),
                ]
            ),
            dcc.Store(
                id=ids.snippet_source_id(spec.name),
                data={
                    "cite": f"{API}/cite?chart={spec.name}&format=text",
                    "embed": f"/embed/{spec.name}",
                    "title": spec.title,
                },
            ),
        ],
        className="pt-2",
    )


def table_tab(rows: pd.DataFrame, x_title: str, y_title: str, years_on_x: bool) -> html.Div:
    """The values shown, one row per point, with units in the headings, and each point's source."""
    if rows.empty:
        return html.Div(html.P("No data in view.", className="small pt-2"))
    head = html.Thead(
        html.Tr([html.Th(x_title or "x"), html.Th("Series"), html.Th(y_title or "Value"), html.Th("Source")])
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(_year(r["x"]) if years_on_x else _cell(r["x"])),
                    html.Td(f"{r['series']}: {r['point']}" if _present(r.get("point")) else str(r["series"])),
                    html.Td(_cell(r["y"])),
                    html.Td(_source(r)),
                ]
            )
            for r in rows.to_dict("records")
        ]
    )
    return html.Div(
        dbc.Table([head, body], size="sm", striped=True, class_name="chart-table"),
        className="pt-2 table-responsive",
    )


def sources_tab(rows: pd.DataFrame) -> html.Div:
    """Every source of the points shown, once: publisher, date, reliability, the quote and its English gloss."""
    if rows.empty:
        return html.Div(html.P("No data in view.", className="small pt-2"))
    items = []
    for record in rows.dropna(subset=["source_id"]).drop_duplicates("source_id").to_dict("records"):
        quote = record.get("quote")
        gloss = record.get("gloss_en")
        meta = " · ".join(
            str(v) for v in (record.get("published"), _reliability(record.get("reliability"))) if _present(v)
        )
        items.append(
            html.Li(
                [
                    html.Strong(str(record.get("publisher") or "Unknown publisher")),
                    html.Span(f" ({meta})" if meta else ""),
                    html.Blockquote(html.P(str(quote), className="mb-0"), className="source-quote-block")
                    if _present(quote)
                    else None,
                    html.P(f"In English: {gloss}", className="small") if _present(gloss) else None,
                    html.A(
                        "Open the source ↗", href=record["url"], target="_blank", rel="noopener noreferrer"
                    )
                    if _present(record.get("url"))
                    else None,
                ],
                className="mb-3",
            )
        )
    return html.Div(html.Ul(items, className="list-unstyled chart-sources"), className="pt-2")


def _source(record: dict) -> str:
    """'Publisher, date' of a row's source; for a computed value, how it was computed."""
    if _present(record.get("computed")):
        return f"Computed: {record['computed']}"
    parts = [str(record.get(k)) for k in ("publisher", "published") if _present(record.get(k))]
    return ", ".join(parts) or MISSING


def _reliability(level) -> str | None:
    """'reliability: high'."""
    return f"reliability: {level}" if _present(level) else None


def _year(value) -> str:
    """A year as written: 2000, never '2,000'."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(float(value)))
    return _cell(value)


def _cell(value) -> str:
    """A number without needless decimals, or the text."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return number(float(value)) or MISSING
    return MISSING if not _present(value) else str(value)


def _present(value) -> bool:
    """Not None, NaN or blank."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and not (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
