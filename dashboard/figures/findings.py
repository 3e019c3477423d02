"""The sentence each chart proves, computed from the data it shows: its title ("Trade reached US$8 bn in 2000, 40% of
the US$20 bn pledged in 1996"). Small pure functions of the frames a figure draws, apart from the drawing so that
each is tested on hand-worked values."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import amount, number, percent, usd_bn

BASIS_WORDS = {
    "china_customs": "Chinese customs",
    "russia_customs": "Russian customs",
    "official_statement": "official statements",
    "article_2002": "the 2002 article",
    "unspecified": "reports that name no basis",
}
OPEN_STATUSES = {"on_track", "acceleration_needed", "limited_progress", "deterioration", "not_yet_reached"}


def is_missing(value) -> bool:
    """True for None, NaN and pandas' NA (a ledger's empty integer years)."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def in_years(frame: pd.DataFrame, year_range: tuple[int, int] | None) -> pd.DataFrame:
    """The rows of `frame` inside `year_range` (all rows when None)."""
    if year_range is None or frame.empty:
        return frame
    years = frame["year"].astype(float)
    return frame[(years >= year_range[0]) & (years <= year_range[1])]


def signed_percent(value: float, digits: int = 1) -> str:
    """A change with its sign: 7.015 -> '+7%', -3.05 -> '-3.1%' (the number itself from formatting.percent)."""
    return ("+" if value > 0 else "") + percent(value, digits)


def target_words(row: dict) -> str:
    """The promised level: 'US$20 bn', 'US$60-80 bn', 'US$250 bn a year'."""
    unit = row.get("unit") or "usd_bn"
    if not is_missing(row.get("target_low")) and not is_missing(row.get("target_high")):
        low, high = amount(row["target_low"], unit), amount(row["target_high"], unit)
        text = (
            f"US${number(row['target_low'])}-{number(row['target_high'])} bn"
            if unit == "usd_bn"
            else f"{low}-{high}"
        )
    else:
        text = amount(row["target_value"], unit)
    return text + (" a year" if str(row.get("deadline")) == "annual rate" else "")


# --- trade -------------------------------------------------------------------------------------------------------


def trade_target_finding(row: dict) -> str:
    """One trade target's verdict in a sentence, from its ledger row."""
    promised = f"the {target_words(row)} pledged in {int(row['pledge_year'])}"
    actual, year = row.get("actual_at_deadline"), row.get("actual_year")
    if is_missing(actual) or is_missing(year):
        when = "" if str(row.get("deadline")) == "annual rate" else f" for {row['deadline']}"
        return f"No trade figure{when} in this version to judge {promised}"
    share = percent(row["attainment_pct"])
    of = "of the low end of" if not is_missing(row.get("target_low")) else "of"
    verb = "was" if str(row.get("deadline")) == "annual rate" else "reached"
    return f"Trade {verb} {usd_bn(actual)} in {int(row['actual_year'])}, {share} {of} {promised}"


def trade_pledges_finding(
    ledger: pd.DataFrame,
    turnover: pd.DataFrame,
    highlight_target: str | None = None,
    year_range: tuple[int, int] | None = None,
) -> str:
    """The highlighted target's verdict; by default the latest year shown and how the stated targets fared."""
    chosen = ledger[ledger["target_id"] == highlight_target]
    if highlight_target is not None and len(chosen):
        return trade_target_finding(chosen.iloc[0].to_dict())
    shown = in_years(turnover, year_range).sort_values("year")
    count = f"of {len(ledger)} stated trade targets: {_status_counts(ledger)}"
    if shown.empty:
        return f"No turnover figure in these years; {count}"
    last = shown.iloc[-1]
    return f"Trade was {usd_bn(last['value_usd_bn'])} in {int(last['year'])}; {count}"


def _status_counts(ledger: pd.DataFrame) -> str:
    """'3 met, 4 missed, 1 open' (only the counts that are not zero)."""
    status = ledger["status"].astype(str)
    counts = (
        ("met", int((status == "met").sum())),
        ("missed", int((status == "missed").sum())),
        ("open", int(status.isin(OPEN_STATUSES).sum())),
        ("reached", int((status == "reached").sum())),
        ("without data in this version", int((status == "no_observation").sum())),
    )
    return ", ".join(f"{n} {word}" for word, n in counts if n)


def basis_words(frame: pd.DataFrame) -> str:
    """The reporting bases of the rows shown, most used first: 'Chinese customs, official statements'."""
    if frame.empty or "reporting_basis" not in frame:
        return "no figures"
    order = frame["reporting_basis"].astype(str).value_counts()
    return ", ".join(BASIS_WORDS.get(basis, basis.replace("_", " ")) for basis in order.index)


def trade_flows_finding(
    exports: pd.DataFrame, imports: pd.DataFrame, year_range: tuple[int, int] | None = None
) -> str:
    """The latest year shown with both flows: which way the balance ran."""
    out = in_years(exports, year_range).set_index("year")["value_usd_bn"]
    back = in_years(imports, year_range).set_index("year")["value_usd_bn"]
    both = sorted(set(out.index) & set(back.index))
    if not both:
        return "No year shown has both China's exports to and imports from Russia"
    year = both[-1]
    more = "more" if back[year] > out[year] else "less"
    return (
        f"In {int(year)} China bought {more} from Russia ({usd_bn(back[year])}) "
        f"than it sold to it ({usd_bn(out[year])})"
    )


def customs_finding(gaps: pd.DataFrame, measure: str = "turnover") -> str:
    """How far Russian customs stand from Chinese customs in the years both report."""
    rows = gaps[gaps["measure"] == measure]
    if rows.empty:
        return "No year has both Chinese and Russian customs figures in this version"
    years = sorted(int(y) for y in rows["year"].unique())
    low, high = float(rows["gap_pct"].min()), float(rows["gap_pct"].max())
    where = (
        f"in {years[0]}"
        if len(years) == 1
        else f"in the {len(years)} years both report ({_year_list(years)})"
    )
    same = percent(low, 1) == percent(high, 1)
    if low > 0 or high < 0:
        size = (
            percent(abs(low), 1)
            if same
            else f"{percent(min(abs(low), abs(high)), 1)} to {percent(max(abs(low), abs(high)), 1)}"
        )
        return (
            f"Russian customs count {size} {'more' if low > 0 else 'less'} trade than Chinese customs {where}"
        )
    return f"Russian customs differ from Chinese customs by {signed_percent(low)} to {signed_percent(high)} {where}"


def _year_list(years: list[int]) -> str:
    """'2010 and 2018', '2010, 2015 and 2018'."""
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def vintages_finding(revisions: pd.DataFrame, article_version: str = "2002") -> str:
    """How many of the 2002 article's yearly figures the current series revised, and the largest revision."""
    both = revisions[revisions["revision_pct"].notna()]
    article = both[both["version"] == article_version]
    if article.empty:
        return "No year is in both the 2002 article and the current series"
    revised = article[article["revision_usd_bn"].astype(float) != 0]
    total = len(article)
    if revised.empty:
        return f"The current series keeps all {total} of the 2002 article's yearly trade figures unrevised"
    largest = revised.loc[revised["revision_pct"].abs().idxmax()]
    year = int(largest["year"])
    current = both[(both["year"] == year) & (both["version"] != article_version)]["value_usd_bn"].iloc[0]
    count = "1 of" if len(revised) == 1 else f"{len(revised)} of"
    return (
        f"The current series revises {count} the 2002 article's {total} yearly figures: {year}, "
        f"{usd_bn(largest['value_usd_bn'])} to {usd_bn(current)} ({signed_percent(float(largest['revision_pct']))})"
    )


# --- arms ----------------------------------------------------------------------------------------------------------


def arms_tiv_finding(to_china: pd.DataFrame, year_range: tuple[int, int] | None = None) -> str:
    """The peak year of deliveries to China in the years shown, and the latest year."""
    shown = in_years(to_china, year_range).sort_values("year")
    if shown.empty:
        return "No SIPRI deliveries to China in these years"
    peak = shown.loc[shown["tiv_usd_m"].idxmax()]
    last = shown.iloc[-1]
    text = f"Arms deliveries to China peaked at {number(peak['tiv_usd_m'], 0)} million TIV in {int(peak['year'])}"
    if int(last["year"]) != int(peak["year"]):
        text += f"; {number(last['tiv_usd_m'], 0)} million in {int(last['year'])}"
    return text


def arms_share_finding(share: pd.DataFrame, year_range: tuple[int, int] | None = None) -> str:
    """China's highest share of Soviet/Russian arms exports in the years shown, and the latest."""
    shown = in_years(share, year_range).sort_values("year")
    if shown.empty:
        return "No year shown has China's share of Soviet/Russian arms exports"
    peak = shown.loc[shown["share_pct"].idxmax()]
    last = shown.iloc[-1]
    text = f"China took {percent(peak['share_pct'])} of Russia's arms exports in {int(peak['year'])}"
    if int(peak["year"]) <= 1991:
        text = text.replace("Russia's", "Soviet")
    if int(last["year"]) != int(peak["year"]):
        text += f", {percent(last['share_pct'])} in {int(last['year'])}"
    return text + " (SIPRI TIV)"


# --- border, migration, energy -------------------------------------------------------------------------------------


def border_ceilings_finding(rows: pd.DataFrame) -> str:
    """The 1997 troop ceiling per side and the zone it applies in."""
    troops = rows[rows["provision"] == "troop_ceiling_china_side"]["value"].dropna()
    zone = rows[(rows["provision"] == "zone_depth") & (rows["unit"] == "km")]["value"].dropna()
    if troops.empty:
        return "The 1997 border agreement's ceilings are not in this version"
    where = f" within {number(zone.iloc[0])} km of the border" if len(zone) else ""
    return f"The 1997 agreement caps troops at {number(troops.iloc[0])} a side{where}"


def border_lengths_finding(lengths: pd.DataFrame) -> str:
    """How far apart the sources' lengths of the China-Russia border are (stated figures, not bounds)."""
    stated = lengths[lengths["qualifier"] == "exact"]["value"].dropna()
    if stated.empty:
        return "No source states the length of the China-Russia border"
    low, high = float(stated.min()), float(stated.max())
    if low == high:
        return f"Sources agree that the China-Russia border is {number(low)} km long"
    return (
        f"Sources put the China-Russia border at {number(low)} to {number(high)} km, "
        f"{number(high - low)} km apart"
    )


def migration_finding(migration: pd.DataFrame) -> str:
    """Claims against estimates for all of Russia: the highest claim against the highest specialists' estimate."""
    russia = migration[
        (migration["geography"] == "russia") & (migration["measure"] != "visa_compliance_share")
    ]
    claims = russia[russia["kind"] == "claim"]
    estimates = russia[russia["kind"] == "estimate"]
    census = russia[russia["kind"] == "census"].sort_values("year")
    top_claim = _highest(claims)
    top_estimate = _highest(estimates)
    if top_claim is None or top_estimate is None:
        return "Chinese in Russia: counts, estimates and claims as each source states them"
    text = (
        f"Claims of up to {_persons(top_claim)} Chinese in Russia against specialists' estimates "
        f"of at most {_persons(top_estimate)}"
    )
    if len(census):
        last = census.iloc[-1]
        text += f"; the {int(last['year'])} census counted {number(last['persons'])}"
    return text


def _highest(rows: pd.DataFrame) -> float | None:
    """The highest persons figure of the rows (their high ends where given)."""
    values = pd.concat([rows["persons"], rows["persons_high"], rows["persons_low"]]).dropna()
    return float(values.max()) if len(values) else None


def _persons(value: float) -> str:
    """5000000 -> '5 million', 450000 -> '450,000'."""
    return f"{number(value / 1e6, 1)} million" if value >= 1e6 else number(value)


def visa_finding(shares: pd.DataFrame) -> str:
    """The latest share of visitors to Primorskii Krai who left on time, against the first."""
    rows = shares.sort_values("year")
    if rows.empty:
        return "No share of visitors leaving on time in this version"
    first, last = rows.iloc[0], rows.iloc[-1]

    def said(row) -> str:
        bound = not is_missing(row["share_low_pct"])
        value = percent(row["share_low_pct"] if bound else row["share_pct"])
        return f"{'more than ' if bound else ''}{value} in {row['period_label']}"

    if len(rows) == 1:
        return f"Visitors to Primorskii Krai leaving on time: {said(last)}"
    return f"Visitors to Primorskii Krai leaving on time rose from {said(first)} to {said(last)}"


def gas_finding(target: dict | None, deliveries: pd.DataFrame) -> str:
    """The latest Power of Siberia year against the contract's yearly volume."""
    rows = deliveries.sort_values("year")
    if rows.empty or target is None:
        return "No Power of Siberia deliveries in this version"
    last = rows.iloc[-1]
    share = percent(100 * float(last["value"]) / float(target["target_value"]))
    return (
        f"Power of Siberia delivered {amount(last['value'], 'bcm')} in {int(last['year'])}, "
        f"{share} of the {amount(target['target_value'], 'bcm')} a year contracted in {int(target['pledge_year'])}"
    )


def oil_finding(target: dict | None, crude: pd.DataFrame, rail: pd.DataFrame) -> str:
    """The Yukos plan's verdict (on its own deliveries, or at most the whole rail export it was part of), and the
    latest crude imports from Russia."""
    parts = []
    bound = None if target is None else target.get("attainment_at_most_pct")
    if target is not None and not is_missing(target.get("actual_at_deadline")):
        parts.append(
            f"Yukos delivered {amount(target['actual_at_deadline'], 'mt')} in {target['deadline']}, "
            f"{percent(target['attainment_pct'])} of its {target_words(target)} plan"
        )
    elif target is not None and not is_missing(bound):
        whole = rail[rail["year"] == int(target["deadline"])]["value"]
        parts.append(
            f"Yukos shipped at most {percent(bound)} of its {target_words(target)} plan for {target['deadline']}"
            + (f": all Russian rail oil to China was {amount(whole.iloc[0], 'mt')}" if len(whole) else "")
        )
    elif target is not None:
        parts.append(
            f"No sourced Yukos delivery for {target['deadline']}, the year of its {target_words(target)} plan"
        )
    rows = crude.sort_values("year")
    if len(rows):
        last = rows.iloc[-1]
        more = "more than " if last.get("qualifier") == "more_than" else ""
        parts.append(
            f"China imported {more}{amount(last['value'], 'mt')} of Russian crude in {int(last['year'])}"
        )
    return "; ".join(parts) or "No oil deliveries in this version"


# --- open targets and how pledges moved -----------------------------------------------------------------------------


def fan_finding(
    window: tuple[int, int],
    start: tuple[int, float],
    end: tuple[int, float],
    reach_year: int | None,
    target: dict | None,
) -> str:
    """What the fan of a trade series shows, in a sentence: when its median path reaches the open target
    (`reach_year`, None when not within the horizon), on the growth of the `window` years; `start` and `end` are
    (year, level) of the last observation and of the median path's last year."""
    grows = f"If trade grows as it did in {window[0]}-{window[1]}"
    end_year = end[0]
    if target is None:
        return f"{grows}, half the simulations put it above {usd_bn(end[1])} in {end_year}"
    goal = f"{target_words(target)} (pledged {int(target['pledge_year'])})"
    if reach_year is not None and reach_year <= start[0]:
        return f"Trade was {usd_bn(start[1])} in {start[0]}, already at {goal}"
    if reach_year is None:
        return f"{grows}, {goal} is not reached by {end_year} in half the simulations"
    return f"{grows}, {goal} is reached by {reach_year} in half the simulations"


def drift_finding(pledges: list[dict]) -> str:
    """How replaced pledges moved: 'Replaced pledges moved later 5 times out of 5 and higher 3 times: from US$20
    bn by 2000 (pledged 1996) to US$250 bn a year (pledged 2022)'. A pledge with no deadline counts as later than
    any dated one; `pledges` carry target_id, successor_id, pledge_year, deadline and the target's level."""
    by_id = {str(p["target_id"]): p for p in pledges}
    pairs = [(p, by_id[str(p["successor_id"])]) for p in pledges if str(p.get("successor_id") or "") in by_id]
    if not pairs:
        return "No stated trade target was replaced by another"
    later = sum(_deadline_key(after) > _deadline_key(before) for before, after in pairs)
    higher = sum(judged_level(after) > judged_level(before) for before, after in pairs)
    first = min((before for before, _ in pairs), key=lambda p: int(p["pledge_year"]))
    last = max((after for _, after in pairs), key=lambda p: int(p["pledge_year"]))
    return (
        f"Replaced pledges moved later {_times(later)} out of {len(pairs)} and higher {_times(higher)}: from "
        f"{pledge_words(first)} (pledged {int(first['pledge_year'])}) to {pledge_words(last)} "
        f"(pledged {int(last['pledge_year'])})"
    )


def _times(n: int) -> str:
    """'once', '3 times'."""
    return "once" if n == 1 else f"{n} times"


def pledge_words(row: dict) -> str:
    """'US$20 bn by 2000', 'US$200 bn in 2023' (due in its pledge year), 'US$250 bn a year'."""
    deadline = deadline_year(row)
    if deadline is None:
        return target_words(row)
    return f"{target_words(row)} {'in' if deadline == int(row['pledge_year']) else 'by'} {deadline}"


def deadline_year(row: dict) -> int | None:
    """The deadline as a year, or None (an annual rate, a standing ceiling)."""
    value = pd.to_numeric(pd.Series([row.get("deadline")]), errors="coerce").iloc[0]
    return None if pd.isna(value) else int(value)


def _deadline_key(row: dict) -> float:
    """A deadline for ordering: no deadline comes after every year."""
    year = deadline_year(row)
    return float("inf") if year is None else float(year)


def judged_level(row: dict) -> float:
    """The level a target is judged against: its value, or the low end of its range."""
    return float(row["target_value"] if not is_missing(row.get("target_value")) else row["target_low"])
