"""Dataset versions: add (validated, atomic, never overwriting), list, show, diff and activate."""

import json
import os

import pytest

from dashboard import atomic, versions
from dashboard.catalog import Catalog
from dashboard.errors import DatasetNotFound, InvalidData
from dashboard.ingest import InputError, InputFile
from dashboard.pipeline.load import load_valid
from dashboard.versions import (
    VersionError,
    activate_version,
    add_version,
    diff_versions,
    list_versions,
    show_version,
)
from tests.check.helpers import tree_digest
from tests.check.synthetic import TRADE_CSV

NEW = "2027-01-15"
ACTIVE = Catalog().active_versions()["trade"]  # 2026-11-30 from issue 11 (2012 turnover added)


def new_trade_bytes() -> bytes:
    """The current trade rows with 2025 revised: a plausible next version."""
    return TRADE_CSV.read_bytes().replace(b"2025,turnover,228.105,", b"2025,turnover,228.2,", 1)


def test_add_writes_an_immutable_version_with_descriptor_and_changelog(datasets_copy):
    catalog = Catalog(datasets_copy)
    added = add_version(
        catalog,
        "trade",
        InputFile.from_bytes(new_trade_bytes(), "t.csv"),
        NEW,
        "2025 revised",
        today="2027-01-15",
    )
    dataset = catalog.resolve("trade", NEW)
    catalog.verify(dataset)
    assert (added.rows, dataset.resource["rows"]) == (105, 105) and not added.activated
    assert [e["version"] for e in dataset.descriptor["changelog"]] == [
        "2002",
        "2026-11-28",
        "2026-11-30",
        NEW,
    ]
    assert (
        dataset.descriptor["changelog"][-1]["note"] == "2025 revised" and dataset.descriptor["created"] == NEW
    )
    assert catalog.active_versions()["trade"] == ACTIVE and not (datasets_copy / ".staging").exists()
    with pytest.raises(VersionError, match="immutable"):
        add_version(catalog, "trade", InputFile.from_path(TRADE_CSV), NEW, "again")


def test_add_with_activate_pins_the_version_and_the_bundle_still_validates(datasets_copy):
    catalog = Catalog(datasets_copy)
    add_version(
        catalog, "trade", InputFile.from_bytes(new_trade_bytes(), "t.csv"), NEW, "2025", activate=True
    )
    assert catalog.active_versions()["trade"] == NEW
    assert load_valid(catalog).ok
    text = (datasets_copy / "catalog.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=4) + "\n"  # the catalog keeps its layout


def test_an_invalid_file_or_name_changes_nothing(datasets_copy):
    before = tree_digest(datasets_copy)
    catalog = Catalog(datasets_copy)
    bad = new_trade_bytes().replace(b"1991,turnover,3.9", b"1991,turnover,-3.9")
    with pytest.raises(InputError):
        add_version(catalog, "trade", InputFile.from_bytes(bad, "bad.csv"), NEW, "bad")
    with pytest.raises(VersionError):
        add_version(catalog, "trade", InputFile.from_path(TRADE_CSV), "../escape", "bad name")
    with pytest.raises(DatasetNotFound):
        add_version(catalog, "nothing", InputFile.from_path(TRADE_CSV), NEW, "unknown dataset")
    assert tree_digest(datasets_copy) == before


@pytest.mark.parametrize(
    "name, call",
    [
        ("write_durably", 1),
        ("write_durably", 2),
        ("fsync_directory", 1),
        ("rename", 1),
        ("fsync_directory", 2),
        ("replace", 1),
        ("fsync_directory", 3),
    ],
)
def test_an_interrupted_add_leaves_the_previous_state_byte_identical(datasets_copy, monkeypatch, name, call):
    """Interrupt add --activate at each write, rename and fsync in turn: nothing changes under datasets/."""
    before = tree_digest(datasets_copy)
    # versions calls the atomic helpers, which call each other: both modules' names count the calls.
    owners = (versions.os,) if name in ("rename", "replace") else (versions, atomic)
    original, calls = getattr(owners[0], name), []

    def interrupted(*args):
        calls.append(args)
        if len(calls) == call:
            raise KeyboardInterrupt(f"interrupted at {name} call {call}")
        return original(*args)

    for owner in owners:
        monkeypatch.setattr(owner, name, interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_version(
            Catalog(datasets_copy),
            "trade",
            InputFile.from_bytes(new_trade_bytes(), "t.csv"),
            NEW,
            "x",
            activate=True,
        )
    assert tree_digest(datasets_copy) == before


def test_list_and_show(datasets_copy):
    rows = list_versions(Catalog(datasets_copy))
    trade = [r for r in rows if r["dataset"] == "trade"]
    assert [(r["version"], r["active"]) for r in trade] == [
        ("2002", False),
        ("2026-11-28", ACTIVE == "2026-11-28"),
        ("2026-11-30", ACTIVE == "2026-11-30"),
    ]
    shown = show_version(Catalog(datasets_copy), "trade", "2002")
    assert shown["rows"] == 5 and shown["integrity"] == [] and shown["primary_key"][0] == "year"
    (datasets_copy / "trade" / "2002" / "trade.csv").write_text("damaged\n")
    assert "sha256 mismatch" in " ".join(show_version(Catalog(datasets_copy), "trade", "2002")["integrity"])


def test_diff_of_the_two_bundled_trade_vintages():
    diff = diff_versions(Catalog(), "trade", "2002", "2026-11-28")
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (100, 0, 4)
    change = next(c for c in diff.changed if c["key"]["year"] == 1999)
    assert {"column": "preferred", "old": True, "new": False} in change["columns"]
    flat = diff.rows()
    assert {"change", "year", "measure", "column", "old", "new"} <= set(flat[0])
    assert len([r for r in flat if r["change"] == "changed"]) == sum(len(c["columns"]) for c in diff.changed)
    assert diff_versions(Catalog(), "trade", "2026-11-28", "2026-11-28").changed == []


def test_activate_rewrites_the_catalog_and_refuses_a_damaged_version(datasets_copy):
    catalog = Catalog(datasets_copy)
    assert activate_version(catalog, "trade", "2002") == ACTIVE
    assert catalog.active_versions()["trade"] == "2002"
    assert activate_version(catalog, "trade", "2002") == "2002"
    (datasets_copy / "trade" / ACTIVE / "trade.csv").write_bytes(b"damaged\n")
    before = tree_digest(datasets_copy)
    with pytest.raises(InvalidData.__mro__[1]):  # IntegrityError and InvalidData are both BilateralError
        activate_version(catalog, "trade", ACTIVE)
    assert tree_digest(datasets_copy) == before
    assert not [p for p in os.listdir(datasets_copy) if p.endswith(".tmp")]


def test_a_valid_comtrade_export_is_checked_then_refused_as_a_dataset_version(datasets_copy, export_csv):
    before = tree_digest(datasets_copy)
    with pytest.raises(InputError) as caught:
        add_version(Catalog(datasets_copy), "trade", InputFile.from_path(export_csv), NEW, "comtrade")
    assert caught.value.failures[0].check == "format" and "bilateral check" in caught.value.failures[0].value
    assert tree_digest(datasets_copy) == before


def test_another_dataset_gets_a_version_too(datasets_copy):
    catalog = Catalog(datasets_copy)
    events = catalog.resolve("events")
    added = add_version(catalog, "events", InputFile.from_path(events.csv_path), NEW, "same rows, new date")
    assert (
        added.rows == events.resource["rows"]
        and diff_versions(catalog, "events", events.version, NEW).changed == []
    )
