"""The loader memoises processed tables per version set; the app data checks views and draws figures once."""

import threading
from dataclasses import replace

import pytest

from dashboard.app import factory
from dashboard.app.data import AppData, arms_vintages, version_choices, year_bounds
from dashboard.app.factory import warm_figures
from dashboard.app.view import View
from dashboard.errors import DatasetNotFound
from tests.app.conftest import ROUTER, SPECS


def test_loader_builds_each_version_set_once(loader):
    default = loader(None)
    assert loader({}) is default
    assert loader({"trade": default.versions["trade"]}) is default  # the active version is the default
    old = loader({"trade": "2002"})
    assert old is not default and old.versions["trade"] == "2002"
    assert loader({"trade": "2002"}) is old


def test_unknown_version_is_an_error_a_person_can_act_on(loader):
    with pytest.raises(DatasetNotFound):
        loader({"trade": "1999"})


def test_choices_and_bounds_come_from_the_data(loader):
    processed = loader(None)
    assert version_choices(processed)[-1] == "2002"
    assert "sipri-2025-01" in arms_vintages(processed)
    low, high = year_bounds(processed)
    assert low <= 1991 and high >= 2025


def test_checked_view_drops_what_the_data_lacks(data):
    view, problems = data.checked(View((1000, 2010), vintage="sipri-1900", target="no_such_target"))
    assert view == View((data.bounds[0], 2010))
    assert len(problems) == 2 and "sipri-1900" in problems[0] and "no_such_target" in problems[1]


def test_figures_are_drawn_once_for_every_year_range(data):
    first = data.figure("turnover", View((2000, 2010)))
    assert data.figure("turnover", View((1995, 2001))) is first
    shown = data.shown("turnover", View((2000, 2010)))
    assert shown["layout"]["xaxis"]["range"] == [1999.5, 2010.5]
    assert (
        shown["layout"]["shapes"][0]["name"] == "hover_year" and not shown["layout"]["shapes"][0]["visible"]
    )
    assert shown["layout"]["dragmode"] == "select"
    # The default view shows the page's own years: the trade series runs 1991-2025.
    assert data.shown("turnover", View())["layout"]["xaxis"]["range"] == [1990.5, 2025.5]


def test_a_figure_is_drawn_once_for_versions_of_datasets_it_does_not_show(data):
    old_trade = View(versions=(("trade", "2002"),))
    assert data.figure("attainment", old_trade) is data.figure("attainment", View())  # shows targets only
    assert data.figure("turnover", old_trade) is not data.figure("turnover", View())


def _counting(loader, tmp_path=None):
    """App data whose stand-in time chart counts how often it is drawn."""
    calls = []
    spec = SPECS["turnover"]
    counted = replace(
        spec, draw=lambda processed, params: calls.append(params) or spec.draw(processed, params)
    )
    return AppData(loader, {**SPECS, "turnover": counted}, tmp_path), calls


def test_drawn_figures_are_kept_on_disk_for_the_next_start(loader, tmp_path):
    first, calls = _counting(loader, tmp_path)
    shown = first.shown("turnover", View((2000, 2010)))
    assert len(calls) == 1 and len(list(tmp_path.glob("*.json"))) == 1
    second, calls_again = _counting(loader, tmp_path)
    assert second.shown("turnover", View((2000, 2010)))["layout"]["xaxis"] == shown["layout"]["xaxis"]
    assert calls_again == []  # read, not drawn


def test_warming_draws_default_views_and_highlighted_targets_once(loader):
    data, calls = _counting(loader)
    warm_figures(data)
    trade_targets = loader(None).derived.ledger["measure"].str.startswith("trade_").sum()
    assert len(calls) == 1 + trade_targets
    data.shown("turnover", View((1995, 2000), target="trade_20bn_by_2000"))
    assert len(calls) == 1 + trade_targets


def test_a_page_layout_is_kept_on_disk_for_the_next_start(loader, tmp_path):
    builds = []

    def build(label):
        builds.append(label)
        return {"page": label}

    first = AppData(loader, dict(SPECS), tmp_path)
    default, pinned = View(), View(versions=(("trade", "2002"),))
    assert first.layout(("trade", default), lambda: build("a"), default) == {"page": "a"}
    assert first.layout(("trade", pinned), lambda: build("b"), pinned) == {"page": "b"}
    restarted = AppData(loader, dict(SPECS), tmp_path)
    assert restarted.layout(("trade", default), lambda: build("c"), default) == {"page": "a"}
    assert restarted.layout(("trade", pinned), lambda: build("d"), pinned) == {"page": "b"}
    assert restarted.layout(("arms", default), lambda: build("e"), default) == {"page": "e"}  # another page
    assert builds == ["a", "b", "e"]
    without_cache = AppData(loader, dict(SPECS))
    assert without_cache.layout(("trade", default), lambda: build("f"), default) == {"page": "f"}


def _warming_app(loader, monkeypatch, after_s: float):
    """An app with warming on, whose warm_figures only notes that it ran (and in which thread)."""
    started = threading.Event()
    monkeypatch.setattr(factory, "WARM_AFTER_S", after_s)
    monkeypatch.setattr(factory, "warm_figures", lambda data: started.set())
    return factory.create_app(loader, specs=SPECS, warm=True), started


def test_warming_waits_until_the_first_page_is_out(loader, monkeypatch):
    app, started = _warming_app(loader, monkeypatch, after_s=60.0)
    client = app.server.test_client()
    for address in ("/", "/_dash-layout", "/_dash-dependencies"):
        client.get(address).close()
    # the page's own requests first: warming would share the interpreter with them
    assert not started.wait(0.2)
    answer = client.post("/_dash-update-component", json=ROUTER)  # the router's answer: the page's content
    assert answer.status_code == 200
    answer.close()  # sent: now warming starts
    assert started.wait(5)


def test_warming_starts_on_its_own_when_nobody_visits(loader, monkeypatch):
    _, started = _warming_app(loader, monkeypatch, after_s=0.05)
    assert started.wait(5)
