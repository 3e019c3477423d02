"""The query string is the view: parse, write back, clamp."""

from dashboard.app.view import View, href, parse_query, parse_search
from dashboard.figures.registry import FigureParams

DATASETS = ("trade", "arms")
BOUNDS = (1950, 2025)


def test_parse_reads_years_versions_vintage_and_target():
    view = parse_query(
        {
            "from": "1996",
            "to": "2001",
            "trade": "2002",
            "vintage": "sipri-2025-01",
            "target": "trade_20bn_by_2000",
            "other": "x",
        },
        DATASETS,
    )
    assert view == View((1996, 2001), (("trade", "2002"),), "sipri-2025-01", "trade_20bn_by_2000")


def test_search_round_trips():
    search = "?from=1996&to=2001&trade=2002&vintage=sipri-2025-01&target=trade_20bn_by_2000"
    assert parse_search(search, DATASETS).search() == search
    assert parse_search("", DATASETS) == View() and View().search() == ""


def test_unreadable_years_are_ignored_and_ranges_clamped_and_ordered():
    assert parse_query({"from": "abc", "to": "nan"}, DATASETS).year_range is None
    assert View((2030, 1990)).clamped(BOUNDS).year_range == (1990, 2025)
    assert View((1900, 2030)).clamped(BOUNDS).year_range is None  # covers the bounds: the full view
    assert View((2000, None)).clamped(BOUNDS).year_range == (2000, 2025)


def test_params_and_versions():
    view = View((2000, 2010), (("trade", "2002"),), None, "t")
    assert view.params() == FigureParams(year_range=(2000, 2010), highlight_target="t", arms_vintage=None)
    assert view.with_version("trade", None).versions == ()
    assert view.with_version("arms", "v1").version_map == {"arms": "v1", "trade": "2002"}
    assert href("/trade", view) == "/trade?from=2000&to=2010&trade=2002&target=t"
    assert href("", View()) == "/"
