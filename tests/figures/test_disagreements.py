"""Where sources disagree, in words beside the chart concerned: the 2016 Kommersant report (trade.csv of
2026-11-28, lines 67-69) against the 2015 Chinese-customs levels, and the 2010 customs bases, worked by hand."""

import pandas as pd

from dashboard.figures.disagreements import Note, by_chart, notes

TURNOVER, EXPORTS, IMPORTS = "turnover", "china_exports_to_russia", "china_imports_from_russia"
TRADE = pd.DataFrame(
    [
        (TURNOVER, 2015, 64.2, None, True, "china_customs", "guide"),
        (TURNOVER, 2016, 69.525, 2.2, True, "china_customs", "kom"),
        (EXPORTS, 2015, 32.9, None, True, "china_customs", "guide"),
        (EXPORTS, 2016, 37.297, 7.3, True, "china_customs", "kom-2"),
        (IMPORTS, 2015, 31.4, None, True, "china_customs", "guide"),
        (IMPORTS, 2016, 32.228, -3.1, True, "china_customs", "kom-3"),
        (TURNOVER, 2017, 84.07, 20.9, True, "unspecified", "tass"),  # 84.07 / 69.525 = +20.9%: agrees
    ],
    columns=[
        "measure",
        "year",
        "value_usd_bn",
        "yoy_change_pct",
        "preferred",
        "reporting_basis",
        "source_id",
    ],
)
GAPS = pd.DataFrame(
    [
        (2010, TURNOVER, 55.45, "cn", 59.34, "ru", 3.89, 7.015329),
        (2018, TURNOVER, 107.06, "cn", 107.5, "ru", 0.44, 0.410985),  # within the 1% tolerance: no note
    ],
    columns=[
        "year", "measure", "china_usd_bn", "china_source_id", "russia_usd_bn", "russia_source_id", "gap_usd_bn",
        "gap_pct",
    ],
)  # fmt: skip
SOURCES = pd.DataFrame(
    {
        "source_id": ["guide", "kom", "kom-2", "kom-3", "tass", "cn", "ru"],
        "publisher": ["Guide", "Kommersant", "Kommersant", "Kommersant", "TASS", "Xinhua", "ITAR-TASS"],
        "published": ["2016-01", "2017-01", "2017-01", "2017-01", "2018-01", "2011-06", "2011-08"],
    }
)


def test_each_disagreement_is_a_sentence_for_its_chart():
    found = notes(TRADE, GAPS, SOURCES)
    assert [(note.chart, note.year) for note in found] == [
        ("trade_customs_bases", 2010),
        ("trade_flows", 2015),
        ("trade_flows", 2015),
        ("trade_pledges", 2015),
    ]
    texts = by_chart(found)
    # 69.525 / 1.022 = 68.028 (about US$68 bn); 37.297 / 1.073 = 34.760; 32.228 / 0.969 = 33.259; 34.760 + 33.259
    # = 68.019; the levels say 69.525 / 64.2 = +8.3%, beyond the 1-point tolerance
    assert texts["trade_pledges"] == [
        (
            "2015: US$64.2 bn (Chinese customs); the 2016 growth of +2.2% to US$69.5 bn reported by Kommersant, "
            "2017-01, implies about US$68 bn; the 2016 export and import growth (+7.3%, -3.1%) imply US$34.8 bn and "
            "US$33.3 bn, together US$68 bn."
        )
    ]
    assert texts["trade_flows"] == [
        (
            "2015, China's exports to Russia: US$32.9 bn (Chinese customs); the 2016 export growth of +7.3% to "
            "US$37.3 bn reported by Kommersant, 2017-01, implies about US$34.8 bn."
        ),
        (
            "2015, China's imports from Russia: US$31.4 bn (Chinese customs); the 2016 import growth of -3.1% to "
            "US$32.2 bn reported by Kommersant, 2017-01, implies about US$33.3 bn."
        ),
    ]
    # 59.34 / 55.45 = 1.0702: 7.0% more (percent() drops the needless zero)
    assert texts["trade_customs_bases"] == [
        (
            "2010: Russian customs count US$59.3 bn (ITAR-TASS, 2011-08), 7% more than Chinese customs' US$55.5 bn "
            "(Xinhua, 2011-06)."
        )
    ]


def test_no_disagreement_no_note():
    agreeing = TRADE[TRADE["year"] != 2016]
    assert notes(agreeing, GAPS.iloc[1:], SOURCES) == []
    assert by_chart([Note("a", 2000, "x."), Note("a", 2001, "y.")]) == {"a": ["x.", "y."]}
