"""Trade transforms: the preferred series, growth on the previous year, and the ledger's actuals."""

import pandas as pd
import pytest

from dashboard.pipeline.trade import preferred_series, trade_actuals, vintage_revisions, yoy_growth_pct


def trade_frame() -> pd.DataFrame:
    """Validated-shape rows from the source pack: 1999 (two rows), 2000, 2001 and a 2003 level after a gap."""
    return pd.DataFrame(
        {
            "year": [1999, 1999, 2000, 2001, 2003, 2001],
            "measure": ["turnover"] * 5 + ["china_exports_to_russia"],
            "value_usd_bn": [5.72, 5.9, 8.0, 10.67, 15.76, 1.0],
            "reporting_basis": [
                "china_customs",
                "article_2002",
                "article_2002",
                "unspecified",
                "china_customs",
                "x",
            ],
            "preferred": [True, False, True, True, True, True],
            "source_id": [
                "trade-2004-10-china-daily",
                "article-19112",
                "article-19223",
                "trade-nd-m-yuntihai-com",
                "trade-2004-10-china-daily",
                "made-up-for-the-measure-filter",
            ],
        }
    )


def test_preferred_series_keeps_one_row_per_year_of_the_measure():
    series = preferred_series(trade_frame())
    assert series["year"].tolist() == [1999, 2000, 2001, 2003]
    assert series["value_usd_bn"].tolist() == [5.72, 8.0, 10.67, 15.76]


def test_growth_is_on_the_previous_calendar_year_only():
    growth = preferred_series(trade_frame())["growth_pct"].tolist()
    assert pd.isna(growth[0])  # no 1998 level
    assert growth[1] == pytest.approx(39.86, abs=0.01)  # 8.0 / 5.72 - 1
    assert growth[2] == pytest.approx(33.375)  # 10.67 / 8.0 - 1
    assert pd.isna(growth[3])  # 2002 missing: no growth over two years


def test_yoy_growth_handles_unsorted_years():
    growth = yoy_growth_pct(pd.Series([2001, 2000]), pd.Series([11.0, 10.0]))
    assert growth.tolist()[0] == pytest.approx(10.0) and pd.isna(growth.tolist()[1])


def test_trade_actuals_feed_the_ledger_measure():
    actuals = trade_actuals(trade_frame())
    assert set(actuals.columns) == {"measure", "year", "value", "source_id"}
    assert (actuals["measure"] == "trade_turnover_usd_bn").all()
    assert actuals.set_index("year")["value"].to_dict() == {1999: 5.72, 2000: 8.0, 2001: 10.67, 2003: 15.76}


def test_vintage_revisions_compare_the_article_with_the_current_series():
    article = trade_frame().iloc[[1, 2]].assign(preferred=True)  # 1999 5.9 and 2000 8.0 (article)
    current = trade_frame().iloc[[0, 2, 3]]  # 1999 5.72, 2000 8.0, 2001 10.67
    table = vintage_revisions({"2002": article, "2026-11-28": current})
    by_year = table.drop_duplicates("year").set_index("year")
    assert by_year.loc[1999, "revision_usd_bn"] == pytest.approx(-0.18)  # 5.72 - 5.9
    assert by_year.loc[1999, "revision_pct"] == pytest.approx(-3.0508, abs=1e-3)  # 5.72 / 5.9 - 1
    assert by_year.loc[2000, "revision_usd_bn"] == 0
    assert pd.isna(by_year.loc[2001, "revision_usd_bn"])  # only in the current version
    assert table[table["year"] == 1999]["version"].tolist() == ["2002", "2026-11-28"]
