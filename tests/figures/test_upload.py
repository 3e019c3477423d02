"""The upload overlay: bundled turnover and the uploaded figures as separate, labelled traces; never registered."""

import pandas as pd

from dashboard.figures.registry import registered
from dashboard.figures.upload import safe_name, upload_figure

BUNDLED = pd.DataFrame({"year": [2000, 2001, 2003], "value_usd_bn": [8.0, 10.67, 15.76]})
COLUMNS = ["year", "measure", "value_usd_bn", "preferred"]


def uploaded(rows: list[tuple]) -> pd.DataFrame:
    """A trade-shaped frame with the columns the figure reads."""
    return pd.DataFrame(rows, columns=COLUMNS)


def test_bundled_and_uploaded_turnover_are_separate_traces_with_gaps_open():
    fig = upload_figure(
        BUNDLED,
        uploaded(
            [
                (2000, "turnover", 9.0, True),
                (2002, "turnover", 12.0, True),
                (2001, "china_exports_to_russia", 4.0, True),
            ]
        ),
        file_name="mine.csv",
        bundled_version="2026-11-28",
    )
    bundled, mine = fig.data
    assert bundled.name == "Bundled turnover (trade 2026-11-28)" and list(bundled.x) == [
        2000,
        2001,
        2002,
        2003,
    ]
    assert list(bundled.y) == [8.0, 10.67, None, 15.76] and bundled.connectgaps is False
    assert mine.name == "Uploaded: mine.csv (used for the ledger)" and list(mine.y) == [9.0, None, 12.0]
    assert mine.line.color != bundled.line.color and mine.line.dash == "dash"
    assert "Uploaded turnover over the bundled series" in fig.layout.title.text
    assert any("not stored" in a.text for a in fig.layout.annotations)


def test_rows_not_preferred_are_drawn_apart_and_every_one_shown():
    fig = upload_figure(
        BUNDLED,
        uploaded(
            [
                (2020, "turnover", 107.8, True),
                (2020, "turnover", 103.8, False),
                (2020, "turnover", 104.0, False),
            ]
        ),
        file_name="export.csv",
    )
    names = [trace.name for trace in fig.data]
    assert names == [
        "Bundled turnover",
        "Uploaded: export.csv (used for the ledger)",
        "Uploaded: export.csv (other rows, not used)",
    ]
    assert sorted(fig.data[2].y) == [103.8, 104.0] and fig.data[2].mode == "markers"


def test_a_file_without_turnover_says_so():
    fig = upload_figure(BUNDLED, uploaded([(2020, "china_exports_to_russia", 50.0, True)]), file_name="x.csv")
    assert any(a.name == "no_turnover" and "no turnover" in a.text for a in fig.layout.annotations)


def test_file_names_are_escaped_and_shortened():
    assert safe_name("<b>a</b>.csv") == "&lt;b&gt;a&lt;/b&gt;.csv"
    assert len(safe_name("x" * 200)) == 60


def test_the_overlay_is_not_a_registered_figure():
    specs = registered().values()
    assert all(spec.draw.__module__ != "dashboard.figures.upload" for spec in specs)
