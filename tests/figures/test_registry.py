"""Every registered figure renders on the bundled data, plots only sourced points (or says it has no data in this
version), names its data versions in plain words and shows no internal id, code or digest where a person reads."""

import re

import pytest

from dashboard.figures.registry import PAGES, FigureParams, registered
from dashboard.figures.shown import shown_rows
from dashboard.figures.style import says_no_data
from dashboard.formatting import version_label

SPECS = list(registered().values())
MINE = [
    spec for spec in SPECS if spec.page != "overview"
]  # the overview's figures are tested with the ledger
VIEWS = (FigureParams(), FigureParams(year_range=(1996, 2010), highlight_target="trade_20bn_by_2000"))
RAW = (
    re.compile(r"\b[A-Za-z]+_[A-Za-z0-9_]+\b"),  # snake_case: usd_bn, no_observation, trade_20bn_by_2000
    re.compile(r"\b[0-9a-f]{12,}\b"),  # a digest
    re.compile(
        r"dashboard\.|source id|sipri-\d{4}", re.IGNORECASE
    ),  # module names, jargon, raw vintage codes
    re.compile(r"\b[a-z]+(-[a-z0-9]+){3,}\b"),  # a source id such as trade-2007-06-china-daily
)
PLACEHOLDER = re.compile(r"%\{[^}]*\}")


def test_every_page_has_a_figure():
    assert {spec.page for spec in SPECS} == set(PAGES)


def _footer(fig) -> str:
    footer = [a.text for a in fig.layout.annotations if a.name == "source_line"]
    assert len(footer) == 1
    return footer[0].replace("<br>", " ")


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_spec_renders_on_bundled_data_with_known_sources(processed, spec):
    known = set(processed.frames["sources"]["source_id"])
    for params in VIEWS:
        fig = spec.render(processed, params)
        rows = shown_rows(fig)
        assert not says_no_data(fig)
        assert not rows.empty and rows["y"].notna().all()
        assert set(rows["source_id"].dropna()) <= known
        assert (rows["source_id"].notna() | rows["computed"].notna()).all()  # sourced, or says how computed
        footer = _footer(fig)
        for dataset, version in spec.versions(processed).items():
            assert version in footer, (dataset, footer)


@pytest.mark.parametrize("spec", [s for s in SPECS if "trade" in s.datasets], ids=lambda spec: spec.name)
def test_on_the_2002_version_a_figure_has_points_or_says_it_has_none(processed_2002, spec):
    fig = spec.render(processed_2002, FigureParams())
    rows = shown_rows(fig)
    footer = _footer(fig)
    assert version_label("trade", "2002") in footer  # "As reported in the 2002 article"
    if rows.empty or rows["source_id"].isna().all():
        assert says_no_data(fig), f"{spec.name} draws an empty chart without saying so"
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    else:
        assert not says_no_data(fig)


def test_the_2002_customs_chart_says_the_article_gives_no_customs_figures(processed_2002):
    fig = registered()["trade_customs_bases"].render(processed_2002, FigureParams())
    note = [a.text.replace("<br>", " ") for a in fig.layout.annotations if a.name == "no_data"]
    assert len(note) == 1
    assert note[0].startswith("No data in this version: the 2002 article")
    assert "Sino-Russian Relations in a Changed International Landscape" in note[0]
    assert fig.layout.title.text  # the title and the source line stay


def _visible_text(fig) -> list[str]:
    """Every string a person can read in the figure: title, subtitle, axis titles and tick texts, legend names,
    annotations, trace text and the literal part of hover templates."""
    layout = fig.layout
    texts = [layout.title.text or "", layout.title.subtitle.text or ""]
    for axis in [getattr(layout, name) for name in dir(layout) if re.fullmatch(r"[xy]axis\d*", name)]:
        if axis is not None:
            texts.append(axis.title.text or "")
            texts += [str(t) for t in axis.ticktext or ()]
    texts += [a.text or "" for a in layout.annotations or ()]
    for trace in fig.data:
        if trace.showlegend is not False:
            texts.append(trace.name or "")
        text = getattr(trace, "text", None)
        texts += [str(t) for t in (text if isinstance(text, (list, tuple)) else [text] if text else [])]
        texts.append(PLACEHOLDER.sub("", getattr(trace, "hovertemplate", None) or ""))
        if getattr(trace, "type", "") == "scatter" and trace.y is not None and trace.yaxis in (None, "y"):
            texts += [str(y) for y in trace.y if isinstance(y, str)]  # category rows (border lengths)
    return [t for t in texts if t]


@pytest.mark.parametrize("spec", MINE, ids=lambda spec: spec.name)
def test_no_ids_codes_or_digests_where_a_person_reads(processed, processed_2002, spec):
    views = [(processed, params) for params in VIEWS]
    if "trade" in spec.datasets:
        views.append((processed_2002, FigureParams()))
    for data, params in views:
        for text in _visible_text(spec.render(data, params)):
            plain = text.replace("<br>", " ")
            for pattern in RAW:
                assert not pattern.search(plain), f"{spec.name}: {pattern.pattern!r} in {plain!r}"


def test_the_words_check_can_fail():
    assert RAW[0].search("status no_observation") and RAW[3].search("source trade-2007-06-china-daily")
    assert RAW[1].search("sha256 caaec45f0123abcd") and RAW[2].search("from dashboard.targets")


def test_hover_names_each_source_by_publisher_and_keeps_the_id_in_customdata(processed):
    fig = registered()["trade_pledges"].render(processed, FigureParams())
    points = next(t for t in fig.data if t.name == "Turnover" and t.customdata is not None)
    at_2000 = list(points.x).index(2000)
    row = list(points.customdata[at_2000])
    # trade.csv line 25: the 2000 figure (8.0) is the 2002 article's (source article-19223): named by its title
    assert row[0] == "article-19223"
    assert row[-1] == "“Sino-Russian Relations in a Changed International Landscape” (2002)"
    assert points.hovertemplate.endswith(f"Source: %{{customdata[{len(row) - 1}]}}<extra></extra>")
