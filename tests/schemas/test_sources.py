"""SourcesSchema: a valid bibliography passes; each check fails on a frame built to break it."""

import pandas as pd
import pytest

from dashboard.schemas.sources import SourcesSchema
from tests.schemas.cases import failed_checks


def valid_frame() -> pd.DataFrame:
    """An article quote, a press report and a repository file, as the source pack gives them."""
    return pd.DataFrame(
        {
            "source_id": ["article-19223", "trade-2019-01-rt", "arms-sipri-2022-05-export"],
            "publisher": [
                "seed article (2002 review of Sino-Russian relations)",
                "RT",
                "SIPRI via lajh87/sipriarmsdata",
            ],
            "published": ["2002", "2019-01-14", "2022-05-14"],
            "url": [None, "https://www.rt.com/business/448747-russia-china-trade-record/", None],
            "repository": [None, None, "lajh87/sipriarmsdata"],
            "repository_path": [None, None, "data/export_tiv.csv"],
            "repository_commit": [None, None, "818b52a36d911119f14daadad79a97edbaa3cb7d"],
            "quote": [
                "In 2000, however, Sino-Russian trade reached US$8 billion",
                "trade reached $107.06 billion",
                None,
            ],
            "reliability": ["medium", "high", "medium"],
            "footnote": ["36", None, None],
            "char_offset": ["19223", None, None],
            "pack_file": ["trade_annual.csv", "trade_annual.csv", "arms_transfers.csv"],
            "note": [None, None, None],
        }
    )


def failing_checks(frame: pd.DataFrame) -> set[tuple]:
    """(column or None, check name) of every failure."""
    return failed_checks(SourcesSchema, frame)


def test_valid_frame_passes():
    assert SourcesSchema.validate(valid_frame(), lazy=True)["char_offset"].iloc[0] == 19223


def test_a_page_found_after_the_pack_passes_without_a_pack_file():
    frame = valid_frame()
    frame.loc[1, ["pack_file", "note"]] = [None, "Found by search (issue 11)"]
    assert SourcesSchema.validate(frame, lazy=True)["pack_file"].isna().sum() == 1


@pytest.mark.parametrize(
    ("row", "column", "value", "check"),
    [
        (1, "source_id", "article-19223", "field_uniqueness"),
        (1, "published", "Jan 2019", "str_matches"),
        (1, "url", "www.rt.com/x", "str_matches"),
        (2, "repository", "not a repo", "str_matches"),
        (2, "repository_commit", "818b52a", "str_matches"),
        (1, "reliability", "very high", "isin"),
        (0, "footnote", "0", "greater_than_or_equal_to"),
        (0, "char_offset", "-1", "greater_than_or_equal_to"),
        (1, "pack_file", "trade annual", "str_matches"),
        (1, "publisher", None, "not_nullable"),
    ],
)
def test_column_checks(row, column, value, check):
    frame = valid_frame()
    frame.loc[row, column] = value
    failures = failing_checks(frame)
    assert any(col == column and name.startswith(check) for col, name in failures), failures


@pytest.mark.parametrize(
    ("row", "changes", "check"),
    [
        (1, {"url": None}, "locatable"),
        (2, {"repository_commit": None}, "locatable"),
        (0, {"char_offset": None}, "locatable"),
        (0, {"char_offset": "19224"}, "article_ids_match_offsets"),
        (0, {"quote": None}, "article_ids_match_offsets"),
        (1, {"pack_file": None}, "found_after_pack"),  # found by search: needs a note saying so
        (1, {"pack_file": None, "note": "found by search", "url": None}, "found_after_pack"),
        (
            2,
            {"pack_file": None, "note": "found by search"},
            "found_after_pack",
        ),  # a repository is a pack file's
    ],
)
def test_row_checks(row, changes, check):
    frame = valid_frame()
    for column, value in changes.items():
        frame.loc[row, column] = value
    assert check in {name for _, name in failing_checks(frame)}
