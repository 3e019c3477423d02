"""Writes corpus.json: sentences with verdicts worked by hand from datasets/trade/2026-11-28/trade.csv (and, for
2012, the two rows trade 2026-11-30 adds: 88.16 official statement, preferred; 88.2 Chinese customs) and
datasets/targets (python tests/statements/build_corpus.py). Each claim carries the arithmetic behind it."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CC, RC, OFF = "Chinese customs", "Russian customs", "official statement"


def level(
    value,
    year,
    verdict,
    basis=None,
    matched=None,
    diff=None,
    arithmetic="",
    measure="turnover",
    currency="usd",
):
    """A level claim."""
    return {
        "kind": "level",
        "value": value,
        "unit": "bn",
        "currency": currency,
        "year": year,
        "measure": measure,
        "verdict": verdict,
        "basis": basis,
        "matched_value": matched,
        "difference_pct": diff,
        "target_id": None,
        "arithmetic": arithmetic,
    }


def growth(value, year, verdict, basis=None, matched=None, diff=None, arithmetic="", measure="turnover"):
    """A growth claim (difference in percentage points)."""
    return {
        "kind": "growth",
        "value": value,
        "unit": "%",
        "currency": None,
        "year": year,
        "measure": measure,
        "verdict": verdict,
        "basis": basis,
        "matched_value": matched,
        "difference_pct": diff,
        "target_id": None,
        "arithmetic": arithmetic,
    }


def target(value, year, target_id, arithmetic="", verdict="target", currency="usd"):
    """A stated target."""
    return {
        "kind": "target",
        "value": value,
        "unit": "bn",
        "currency": currency,
        "year": year,
        "measure": "turnover",
        "verdict": verdict,
        "basis": None,
        "target_id": target_id,
        "arithmetic": arithmetic,
    }


def yuan(value, year, arithmetic):
    """A yuan level: never compared with a dollar series."""
    return level(value, year, "not_checkable", currency="cny", arithmetic=arithmetic)


CORPUS = [
    # English
    (
        "en",
        "Trade passed $100 bn in 2018.",
        [
            level(
                100,
                2018,
                "consistent",
                CC,
                107.06,
                -6.59,
                "more than 100: 2018 turnover 107.06 (Chinese customs, preferred) >= 100; 100/107.06 - 1 = -6.59%",
            )
        ],
    ),
    (
        "en",
        "In 2021 trade rose 35.8% to $146.9 billion.",
        [
            growth(35.8, 2021, "consistent", CC, 35.8, 0.0, "2021 yoy 35.8 (Chinese customs, preferred row)"),
            level(
                146.9,
                2021,
                "consistent",
                CC,
                146.887,
                0.01,
                "|146.887 - 146.9| = 0.013 <= 0.05; 146.9/146.887 - 1 = +0.0089% -> 0.01",
            ),
        ],
    ),
    (
        "en",
        "In 2022 bilateral trade was more than $190 billion.",
        [level(190, 2022, "consistent", CC, 190.271, -0.14, "190.271 >= 190; 190/190.271 - 1 = -0.14%")],
    ),
    (
        "en",
        "Trade reached $250 billion in 2024.",
        [
            level(
                250,
                2024,
                "inconsistent",
                CC,
                244.81,
                2.12,
                "244.81 and 244.8 are not within 250 +- 0.5; 250/244.81 - 1 = +2.12%",
            )
        ],
    ),
    (
        "en",
        "Trade between the two countries fell 6.9% in 2025 to $228.1 billion.",
        [
            growth(-6.9, 2025, "consistent", CC, -6.9, 0.0, "2025 yoy -6.9 (Chinese customs, preferred)"),
            level(
                228.1,
                2025,
                "consistent",
                CC,
                228.105,
                0.0,
                "|228.105 - 228.1| = 0.005 <= 0.05; -0.002% -> 0.0",
            ),
        ],
    ),
    (
        "en",
        "Chinese exports to Russia grew 12.8% in 2022 to $76.12 billion.",
        [
            growth(
                12.8,
                2022,
                "consistent",
                CC,
                12.8,
                0.0,
                "2022 exports yoy 12.8",
                measure="china_exports_to_russia",
            ),
            level(
                76.12,
                2022,
                "consistent",
                CC,
                76.12,
                0.0,
                "2022 exports 76.12",
                measure="china_exports_to_russia",
            ),
        ],
    ),
    (
        "en",
        "Russia's exports to China reached $129.32 billion in 2024.",
        [
            level(
                129.32,
                2024,
                "consistent",
                CC,
                129.32,
                0.0,
                "Russia's exports = China's imports from Russia, 2024: 129.32",
                measure="china_imports_from_russia",
            )
        ],
    ),
    (
        "en",
        "In 2020 trade totalled $104 billion, Putin said.",
        [
            level(
                104,
                2020,
                "consistent",
                OFF,
                104.0,
                0.0,
                "107.76 (Chinese customs) is not within 104 +- 0.5; 104 (official statement, Putin) is",
            )
        ],
    ),
    (
        "en",
        "Trade reached $107 billion in 2012.",
        [
            level(
                107,
                2012,
                "inconsistent",
                CC,
                88.2,
                21.32,
                arithmetic="neither 88.16 nor 88.2 is within 107 +- 0.5; nearest 88.2 (|107 - 88.2| = 18.8 < 18.84); "
                "107/88.2 - 1 = +21.32%",
            )
        ],
    ),
    (
        "en",
        "In 2011 the leaders set a trade target of $100 billion by 2015 and $200 billion by 2020.",
        [
            target(100, 2015, "trade_100bn_by_2015", "100 by 2015 = trade_100bn_by_2015"),
            target(200, 2020, "trade_200bn_by_2020", "200 by 2020 = trade_200bn_by_2020"),
        ],
    ),
    (
        "en",
        "Their goal is trade of $250 billion a year.",
        [target(250, None, "trade_250bn_a_year", "250 a year = trade_250bn_a_year (annual rate)")],
    ),
    (
        "en",
        "They aim to raise trade to $300 billion by 2030.",
        [target(300, 2030, None, "no target of 300 by 2030 in the targets dataset")],
    ),
    (
        "en",
        "Trade stood at 1.7 trillion yuan in 2023.",
        [yuan(1700, 2023, "1.7 trillion = 1700 bn yuan: no sourced conversion")],
    ),
    (
        "en",
        "Trade grew 36.3% in 2021.",
        [
            growth(
                36.3,
                2021,
                "consistent",
                "computed from the preferred levels (107.76 to 146.887)",
                36.31,
                -0.01,
                "reported 35.8, 35.9; computed 146.887/107.76 - 1 = 36.31% within 36.3 +- 0.05",
            )
        ],
    ),
    (
        "en",
        "Trade rose 40% in 2018.",
        [
            growth(
                40,
                2018,
                "inconsistent",
                "computed from the preferred levels (84.07 to 107.06)",
                27.35,
                12.65,
                "reported 27.1 (CC), 24.5, 24.5 (RC); computed 107.06/84.07 - 1 = 27.35%: nearest; 40 - 27.35 = 12.65 points",
            )
        ],
    ),
    # Russian
    (
        "ru",
        "В 2023 году товарооборот составил 240,1 млрд долларов.",
        [
            level(
                240.1,
                2023,
                "consistent",
                CC,
                240.11,
                -0.0,
                "|240.11 - 240.1| = 0.01 <= 0.05; -0.004% -> -0.0",
            )
        ],
    ),
    (
        "ru",
        "По итогам 2024 года товарооборот России и Китая превысил 240 млрд долларов.",
        [level(240, 2024, "consistent", CC, 244.81, -1.96, "244.81 >= 240; 240/244.81 - 1 = -1.96%")],
    ),
    (
        "ru",
        "В 2021 году товарооборот вырос на 35,8% и составил 146,9 млрд долларов.",
        [
            growth(35.8, 2021, "consistent", CC, 35.8, 0.0, "2021 yoy 35.8"),
            level(146.9, 2021, "consistent", CC, 146.887, 0.01, "146.887 within 146.9 +- 0.05"),
        ],
    ),
    (
        "ru",
        "Товарооборот в 2025 году сократился на 6,9%.",
        [growth(-6.9, 2025, "consistent", CC, -6.9, 0.0, "2025 yoy -6.9")],
    ),
    (
        "ru",
        "В 2018 году товарооборот достиг 108,3 млрд долларов.",
        [
            level(
                108.3,
                2018,
                "consistent",
                RC,
                108.3,
                0.0,
                "107.06 (CC) not within 108.3 +- 0.05; 108.3 (Russian customs) is",
            )
        ],
    ),
    (
        "ru",
        "В 2015 году товарооборот составил около 68 млрд долларов.",
        [
            level(
                68,
                2015,
                "inconsistent",
                CC,
                64.2,
                5.92,
                "about 68: 64.2/68 - 1 = -5.6%, beyond 3%; 68/64.2 - 1 = +5.92%",
            )
        ],
    ),
    (
        "ru",
        "Стороны намерены довести товарооборот до 200 млрд долларов к 2024 году.",
        [target(200, 2024, "trade_200bn_by_2024", "200 by 2024 = trade_200bn_by_2024")],
    ),
    (
        "ru",
        "Экспорт из Китая в Россию в 2022 году вырос на 12,8%.",
        [
            growth(
                12.8,
                2022,
                "consistent",
                CC,
                12.8,
                0.0,
                "2022 exports yoy 12.8",
                measure="china_exports_to_russia",
            )
        ],
    ),
    (
        "ru",
        "В 2023 году товарооборот составил 1,7 трлн юаней.",
        [yuan(1700, 2023, "1,7 трлн = 1700 bn yuan")],
    ),
    (
        "ru",
        "В 2012 году товарооборот составил 88 млрд долларов.",
        [
            level(
                88,
                2012,
                "consistent",
                OFF,
                88.16,
                -0.18,
                arithmetic="|88.16 - 88| = 0.16 <= 0.5 (88.16, preferred, comes first); 88/88.16 - 1 = -0.18%",
            )
        ],
    ),
    (
        "ru",
        "Российский экспорт в Китай в 2022 году составил 114,15 млрд долларов.",
        [
            level(
                114.15,
                2022,
                "consistent",
                CC,
                114.15,
                0.0,
                "China's imports from Russia 2022: 114.15",
                measure="china_imports_from_russia",
            )
        ],
    ),
    # Chinese
    (
        "zh",
        "2021年中俄贸易额达到1468.87亿美元。",
        [level(146.887, 2021, "consistent", CC, 146.887, 0.0, "1468.87 亿 = 146.887 bn")],
    ),
    (
        "zh",
        "2023年中俄贸易额达到2401.1亿美元，同比增长26.3%。",
        [
            level(240.11, 2023, "consistent", CC, 240.11, 0.0, "2401.1 亿 = 240.11 bn"),
            growth(26.3, 2023, "consistent", CC, 26.3, 0.0, "2023 yoy 26.3"),
        ],
    ),
    (
        "zh",
        "2022年中俄贸易额突破1900亿美元。",
        [level(190, 2022, "consistent", CC, 190.271, -0.14, "1900 亿 = 190 bn; 190.271 >= 190")],
    ),
    (
        "zh",
        "2024年中俄贸易额为2448.1亿美元，同比增长1.9%。",
        [
            level(244.81, 2024, "consistent", CC, 244.81, 0.0, "2448.1 亿 = 244.81 bn"),
            growth(1.9, 2024, "consistent", CC, 1.9, 0.0, "2024 yoy 1.9"),
        ],
    ),
    (
        "zh",
        "2025年中俄贸易额同比下降6.9%。",
        [growth(-6.9, 2025, "consistent", CC, -6.9, 0.0, "2025 yoy -6.9")],
    ),
    ("zh", "2024年中俄贸易额为1.74万亿元人民币。", [yuan(1740, 2024, "1.74 万亿 = 1740 bn yuan")]),
    (
        "zh",
        "2018年中俄贸易额为1070.6亿美元。",
        [level(107.06, 2018, "consistent", CC, 107.06, 0.0, "1070.6 亿 = 107.06 bn")],
    ),
    (
        "zh",
        "中俄双方力争到2024年双边贸易额达到2000亿美元。",
        [target(200, 2024, "trade_200bn_by_2024", "2000 亿 = 200 bn by 2024")],
    ),
    (
        "zh",
        "2015年中国对俄出口329亿美元。",
        [
            level(
                32.9,
                2015,
                "consistent",
                CC,
                32.9,
                0.0,
                "329 亿 = 32.9 bn, 2015 exports 32.9",
                measure="china_exports_to_russia",
            )
        ],
    ),
    (
        "zh",
        "2019年中俄贸易额约为1200亿美元。",
        [
            level(
                120,
                2019,
                "inconsistent",
                CC,
                110.75,
                8.35,
                "about 120: 110.75/120 - 1 = -7.7%, beyond 3%; 120/110.75 - 1 = +8.35%",
            )
        ],
    ),
    (
        "zh",
        "到2030年双边贸易额达到3000亿美元。",
        [target(300, 2030, None, "3000 亿 = 300 bn by 2030: not in the targets dataset")],
    ),
    (
        "zh",
        "2012年中俄贸易额为882亿美元。",
        [
            level(
                88.2,
                2012,
                "consistent",
                OFF,
                88.16,
                0.05,
                arithmetic="882 yi = 88.2 bn, rounding 0.05; |88.16 - 88.2| = 0.04 <= 0.05 (88.16, preferred, "
                "comes first); 88.2/88.16 - 1 = +0.045%",
            )
        ],
    ),
]


def main() -> None:
    entries = [{"language": lang, "sentence": text, "claims": claims} for lang, text, claims in CORPUS]
    (HERE / "corpus.json").write_text(
        json.dumps(entries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(entries)} sentences, {sum(len(e['claims']) for e in entries)} claims")


if __name__ == "__main__":
    main()
