"""The words that make a sentence a trade statement, in English, Russian and Chinese: one place to extend them."""

from __future__ import annotations

import re

from dashboard.schemas.terms import EXPORTS, IMPORTS, TURNOVER

FLAGS = re.IGNORECASE | re.UNICODE

# what a number is about: the nearest of these before it (else after it) names its measure; order matters (a
# flow phrase is tried before the bare word "exports"). Exports and imports are China's, as in the trade dataset.
MEASURE_WORDS: list[tuple[str, str]] = [
    (r"russia'?s imports from china|russian imports|imports from china", EXPORTS),
    (r"russia'?s exports to china|russian exports|exports to china|exports from russia", IMPORTS),
    (r"china'?s exports|chinese exports|exports to russia|exports from china", EXPORTS),
    (r"china'?s imports|chinese imports|imports from russia", IMPORTS),
    (
        r"импорт\w* из китая|китайск\w* экспорт\w*|экспорт\w* из китая|экспорт\w* китая|поставк\w* из китая",
        EXPORTS,
    ),
    (r"экспорт\w* в китай|российск\w* экспорт\w*|экспорт\w* росси\w*|импорт\w* из росси\w*", IMPORTS),
    (r"俄自华进口|自华进口|中国对俄出口|对俄出口|中方出口", EXPORTS),
    (r"俄对华出口|对华出口|中国自俄进口|自俄进口|从俄进口|对俄进口", IMPORTS),
    (r"\btrade\b|\bturnover\b|товарооборот\w*|торгов\w*|贸易额|贸易总额|贸易|进出口", TURNOVER),
]
MEASURE_PATTERN = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(MEASURE_WORDS)), FLAGS)

# a deadline ("by 2030", "к 2030 году", "到2030年") or a word for a goal makes the sentence's amounts targets
DEADLINE = re.compile(
    r"\bby (?P<a>(?:19|20)\d\d)\b|\bк (?P<b>(?:19|20)\d\d) год\w*|到(?P<c>(?:19|20)\d\d)年", FLAGS
)
TARGET_WORDS = re.compile(
    r"\btarget\w*|\bgoal\w*|\baim\w*|\bpledge\w*|цел[ьи]\w*|задач\w*|планиру\w*|намерен\w*|目标|力争|争取|计划",
    FLAGS,
)
ANNUAL = re.compile(r"\ba year\b|\bannual\w*|\bper year\b|\bв год\b|ежегодн\w*|每年|年均", FLAGS)

# a percentage is a growth rate only beside one of these; the nearest before it gives the sign
GROWTH_UP = r"\brose\b|\bgrew\b|\bincrease\w*|\bup\b|\bjump\w*|\bgrowth\b|\bsurg\w*|вырос\w*|увелич\w*|рост\w*|прирост\w*|增长|增加|上升|增幅"
GROWTH_DOWN = r"\bfell\b|\bfall\w*|\bdeclin\w*|\bdropp?\w*|\bdown\b|\bdecreas\w*|\bcontract\w*|снизи\w*|сократи\w*|сокращ\w*|упал\w*|снижени\w*|паден\w*|下降|减少|下滑|下跌|降幅"
GROWTH_PATTERN = re.compile(f"(?P<up>{GROWTH_UP})|(?P<down>{GROWTH_DOWN})", FLAGS)

# a bound just before the number: above ("more than"), below ("less than"), about ("nearly", "around")
ABOVE = r"\bmore than|\bover\b|\babove\b|\bexceed\w*|\bsurpass\w*|\bpassed\b|\btopped\b|\bat least\b|\bbeyond\b|более|свыше|больше|превыси\w*|превыша\w*|не менее|超过|逾|突破|超"
BELOW = r"\bless than|\bunder\b|\bbelow\b|менее|меньше|не более|不到|低于|不足"
ABOUT = r"\bnearly\b|\balmost\b|\babout\b|\baround\b|\bapproximately\b|\broughly\b|\bsome\b|\bclose to\b|почти|около|порядка|примерно|приблизительно|近|约|接近|大约"
BOUND_PATTERN = re.compile(f"(?P<above>{ABOVE})|(?P<below>{BELOW})|(?P<about>{ABOUT})", FLAGS)
BOUND_WINDOW = 24  # characters before the number where a bound word counts
