"""The Claims page: every quantitative figure of the 2002 article against what later sources say, filterable by
verdict, each with its quote, the evidence and a sentence of explanation."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.app.view import View
from dashboard.claims import UNIT_WORDS, VERDICT_WORDS, VERDICTS, claim_records
from dashboard.formatting import ARTICLE_CITATION, number, publisher_name
from dashboard.processed import Processed

VERDICT_PARAM = "verdict"
VERDICT_EDGES = {  # the verdict's colour as the badge's edge; the word carries the meaning
    "confirmed": "#009E73",
    "contradicted": "#D55E00",
    "superseded": "#E69F00",
    "unverifiable": "#999999",
    "not_a_claim": "#CCCCCC",
}


def claims_content(processed: Processed, view: View, verdict: str | None) -> list:
    """The page's body: a sentence of counts, a filter by verdict (links, so every filter is an address), the
    claims as a table."""
    records = claim_records(processed.frames)
    sources = processed.frames["sources"]
    publishers = {s: publisher_name(s, p) for s, p in zip(sources["source_id"], sources["publisher"])}
    counts = Counter(r["verdict"] for r in records)
    chosen = verdict if verdict in VERDICTS else None
    shown = [r for r in records if chosen is None or r["verdict"] == chosen]
    return [
        html.P(
            f"{ARTICLE_CITATION} states {len(records)} figures. Against later sources: "
            + ", ".join(f"{counts[v]} {VERDICT_WORDS[v].lower()}" for v in VERDICTS if counts[v])
            + ".",
            className="lead fs-6",
        ),
        html.Nav(
            _filters(view, counts, chosen),
            className="mb-2 claims-filter",
            **{"aria-label": "Filter by verdict"},  # type: ignore[arg-type]  # aria-* are wildcard props
        ),
        html.Div(
            dbc.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(h, scope="col")
                                for h in ("The article says", "Verdict", "Why", "Evidence")
                            ]
                        )
                    ),
                    html.Tbody([_row(r, publishers) for r in shown]),
                ],
                size="sm",
                hover=True,
                class_name="claims-table align-top",
            ),
            className="table-responsive",
        ),
    ]


def _filters(view: View, counts: Counter, chosen: str | None) -> list:
    """'All (71) · Confirmed (11) · ...': links that keep the view and set the verdict."""
    base = view.search()
    links = [("All", sum(counts.values()), None)] + [
        (VERDICT_WORDS[v], counts[v], v) for v in VERDICTS if counts[v]
    ]
    items = []
    for label, count, verdict in links:
        query = base if verdict is None else (base + ("&" if base else "?") + f"{VERDICT_PARAM}={verdict}")
        text = f"{label} ({count})"
        current = verdict == chosen
        items.append(
            dcc.Link(
                f"{text} (shown)" if current else text,
                href=f"/claims{query}",
                className="btn btn-sm me-1 mb-1 " + ("btn-dark" if current else "btn-outline-dark"),
            )
        )
    return items


def _row(record: dict, publishers: dict[str, str]) -> html.Tr:
    """One claim: the quote and footnote, the verdict in words, the explanation, the evidence."""
    footnote = record.get("footnote")
    quote = [
        html.Q(record["quote"]),
        html.Small(f" (note {footnote})" if footnote else "", className="text-body-secondary"),
    ]
    badge = dbc.Badge(
        VERDICT_WORDS.get(record["verdict"], record["verdict"]),
        color="light",
        text_color="dark",
        pill=True,
        class_name="status-badge",
        style={"borderLeft": f"0.6em solid {VERDICT_EDGES.get(record['verdict'], '#999999')}"},
    )
    return html.Tr(
        [
            html.Td(quote),
            html.Td(badge),
            html.Td(record["explanation"]),
            html.Td(
                html.Ul(
                    [html.Li(_evidence(e, publishers)) for e in record["evidence"]],
                    className="small mb-0 ps-3",
                )
                if record["evidence"]
                else "–"
            ),
        ]
    )


def _evidence(row: dict, publishers: dict[str, str]) -> str:
    """'2000: 8 US$ bn (China Daily)', a range '200,000-400,000 persons', the publisher by name."""
    value, low, high = row.get("value"), row.get("low"), row.get("high")
    if value is not None:
        figure = number(value)
    elif low is not None or high is not None:
        figure = f"{number(low) if low is not None else '…'}-{number(high) if high is not None else '…'}"
    else:
        figure = "–"
    unit = UNIT_WORDS.get(row.get("unit") or "", (row.get("unit") or "").replace("_", " "))
    text = f"{row.get('year')}: {figure} {unit}".strip()
    publisher = publishers.get(row.get("source_id") or "")
    return f"{text} ({publisher})" if publisher else text
