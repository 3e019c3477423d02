"""Every registered figure renders on the bundled data, plots only sourced points and names its data versions."""

import pytest

from dashboard.figures.registry import PAGES, FigureParams, registered
from dashboard.figures.shown import shown_rows

SPECS = list(registered().values())
VIEWS = (FigureParams(), FigureParams(year_range=(1996, 2010), highlight_target="trade_20bn_by_2000"))


def test_every_page_has_a_figure():
    assert {spec.page for spec in SPECS} == set(PAGES)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_spec_renders_on_bundled_data_with_known_sources(processed, spec):
    known = set(processed.frames["sources"]["source_id"])
    for params in VIEWS:
        fig = spec.render(processed, params)
        rows = shown_rows(fig)
        assert not rows.empty and rows["y"].notna().all()
        assert set(rows["source_id"]) <= known
        footer = [a.text for a in fig.layout.annotations if a.name == "source_line"]
        assert len(footer) == 1
        for dataset, version in spec.versions(processed).items():
            assert f"{dataset} {version}" in footer[0]
