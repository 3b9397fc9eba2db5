"""Every sentence built from the data, in one place: under each chart (its text alternative too), the map's
summary, the story's steps, the state panel and the country profile.

Each takes the same frames or facts its chart draws, so the words cannot disagree with the picture; a gap in
the data is said as a gap, never as zero. (This is also the one module a translator's catalogue will wrap.)
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

from treaty.article5 import COMPLETED, ON_TIME, PASSED, PENDING, UNKNOWN, article5_counts
from treaty.impact import casualty_facts
from treaty.rules import ENTRY_INTO_FORCE, OPENED_FOR_SIGNATURE
from treaty.status import BOUND, counts_on, parties_over_time, peak


def _day(d) -> str:
    return f"{pd.Timestamp(d):%-d %B %Y}"


def _n(x: float) -> str:
    return f"{int(x):,}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


# What each dataset holds, as a page says it is missing
HOLDS = {
    "membership": "states",
    "withdrawals": "withdrawal steps, statements or debate",
    "casualties_global": "recorded casualties",
    "casualties_by_country": "casualty figures by country",
    "article5": "States Parties with Article 5 obligations",
    "article5_events": "Article 5 requests, decisions or completions",
    "clearance_annual": "clearance figures",
    "alliances": "alliance memberships",
    "ap_mine_use": "recorded use of anti-personnel mines",
}


def missing(dataset: str, what: str | None = None, empty: bool = True) -> str:
    """What a page says instead of a chart or a table when the data it draws from has nothing to show: published
    data may be empty (a header only) or hold rows without the figure.

    >>> missing("casualties_global")
    'No recorded casualties in the published data yet: the casualties_global dataset is empty.'
    >>> missing("casualties_global", "recorded casualty totals", empty=False)
    'No recorded casualty totals in the published data yet: no row of the casualties_global dataset has one.'
    """
    why = f"the {dataset} dataset is empty" if empty else f"no row of the {dataset} dataset has one"
    return f"No {what or HOLDS[dataset]} in the published data yet: {why}."


def no_one_to_score(on: date) -> str:
    """The exposure tab's sentence when no State Party remains (every one left, or none in the data)."""
    return f"No State Party remains to be scored on {on:%-d %B %Y}."


def casualty_sentence(series: pd.DataFrame) -> str:
    """The sentence under the casualty chart (and its text alternative).

    >>> from treaty.impact import casualty_series
    >>> s = casualty_series(pd.DataFrame({"year": [2019, 2020, 2021], "total": [5, 9, 7], "killed": None,
    ...     "injured": None, "civilian_share": [None, None, 0.8]}))
    >>> casualty_sentence(s)  # doctest: +NORMALIZE_WHITESPACE
    'In 2021 the Landmine Monitor recorded 7 casualties of mines and explosive remnants of war, the highest
     since 2020; 80% of those whose status was known were civilians. The lowest recorded year was 2019 (5);
     the peak 2020 (9). No figure for 1999–2018.'
    """
    f = casualty_facts(series)
    if f is None:
        return missing("casualties_global") if series.empty else \
            missing("casualties_global", "recorded casualty totals", empty=False)
    since = f", the highest since {f.since}" if f.since else ", the highest on record" if f.peak == f.latest else ""
    civ = f"; {_pct(f.civilian_share)} of those whose status was known were civilians" if f.civilian_share else ""
    text = (f"In {f.latest} the Landmine Monitor recorded {_n(f.latest_total)} casualties of mines and explosive "
            f"remnants of war{since}{civ}. The lowest recorded year was {f.lowest} ({_n(f.lowest_total)}); "
            f"the peak {f.peak} ({_n(f.peak_total)}).")
    return text + (f" No figure for {_years(f.gaps)}." if f.gaps else "")


def _years(years: tuple[int, ...]) -> str:
    """1999, 2002, 2005 or runs as 1999–2018."""
    runs, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            runs.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(runs)


def shares_sentence(series: pd.DataFrame) -> str:
    """The sentence under the civilian and child shares chart."""
    civ = series.dropna(subset=["civilian_share"])
    child = series.dropna(subset=["child_share"])
    if civ.empty:
        return "No civilian share was published."
    text = (f"Civilians were between {_pct(civ['civilian_share'].min())} and {_pct(civ['civilian_share'].max())} "
            f"of casualties whose status was known in the {len(civ)} years with a published share")
    if len(child):
        last = child.iloc[-1]
        text += (f"; children were {_pct(last['child_share'])} of civilian casualties in {int(last['year'])} "
                 f"(highest: {_pct(child['child_share'].max())}, "
                 f"{int(child.loc[child['child_share'].idxmax(), 'year'])})")
    return text + ". Years without a published share are gaps."


def country_casualty_sentence(name: str, mine: pd.DataFrame, years_with_figures: int) -> str:
    """The sentence under a country profile's casualty chart: its latest recorded year, and how often it is named."""
    last = mine.iloc[-1]
    return (f"The Landmine Monitor recorded {_n(last['total'])} casualties in {name} in {int(last['year'])} "
            f"({last['report']}); it is named in {len(mine)} of the {years_with_figures} years with country figures. "
            "Years without a bar: not named among the most affected (no data, not zero).")


def country_ranking_sentence(rows: pd.DataFrame, year: int) -> str:
    """The sentence under the ranking: who is first, and how the named casualties split by treaty status."""
    if rows.empty:
        return f"No country figures for {year} in the data."
    top = rows.iloc[0]
    inside = rows[rows["status"].isin(BOUND)]
    return (f"In {year} the most recorded casualties among the {len(rows)} countries named in the data were in "
            f"{top['country']} ({_n(top['total'])}). {len(inside)} of them, with {_n(inside['total'].sum())} "
            f"casualties, were States Parties; {len(rows) - len(inside)}, with "
            f"{_n(rows['total'].sum() - inside['total'].sum())}, were not. Countries not named are not zero: "
            "the data lists only the most affected.")


def clearance_sentence(world: pd.DataFrame) -> str:
    m = world[(world["publisher"] == "Landmine Monitor")]
    area = m.dropna(subset=["cleared_km2"])
    mines = m.dropna(subset=["ap_mines_destroyed"])
    parts = []
    if len(area):
        last = area.iloc[-1]
        parts.append(f"The Landmine Monitor's latest worldwide figure for land cleared is {last['cleared_km2']:,.0f} "
                     f"km² in {int(last['year'])}")
    released = m.dropna(subset=["land_released_km2"])
    if len(released):
        parts.append("it published a worldwide total of land released (cleared, reduced or cancelled) for "
                     + ", ".join(f"{int(r.year)} ({r.land_released_km2:,.0f} km²)" for r in released.itertuples()))
    if len(mines):
        last = mines.iloc[-1]
        parts.append(f"its latest count of anti-personnel mines destroyed in clearance is {_n(last['ap_mines_destroyed'])} "
                     f"in {int(last['year'])} (a lower bound where the report says 'over')")
    return ("; ".join(parts) + ". Mine Action Review's figures use a different method and are drawn apart. "
            "Years without a figure are gaps.") if parts else "No worldwide clearance figures in the data."


def article5_sentence(tracker: pd.DataFrame, on) -> str:
    """The sentence under the Article 5 tracker, from the same statuses the bars are coloured by: it names only
    the states whose deadline passed with no request recorded, and says that this is what the data records.

    >>> t = pd.DataFrame({"country": ["A", "B", "C", "D"], "status": [PASSED, PENDING, ON_TIME, COMPLETED]})
    >>> article5_sentence(t, "2026-11-30")  # doctest: +NORMALIZE_WHITESPACE
    'On 30 November 2026, of the 4 States Parties with Article 5 obligations in the data, 1 had declared
     completion and 1 had a deadline ahead; 1 had asked for an extension whose decision is pending or not yet
     recorded; 1 had passed its deadline with no extension granted or pending in the data (A).'
    """
    if tracker.empty:
        return missing("article5")
    count = article5_counts(tracker)
    text = (f"On {_day(on)}, of the {len(tracker)} States Parties with Article 5 obligations in the data, "
            f"{count[COMPLETED]} had declared completion and {count[ON_TIME]} had a deadline ahead")
    if count[PENDING]:
        text += f"; {count[PENDING]} had asked for an extension whose decision is pending or not yet recorded"
    if count[PASSED]:
        who = ", ".join(tracker.loc[tracker["status"] == PASSED, "country"])
        text += (f"; {count[PASSED]} had passed {'its' if count[PASSED] == 1 else 'their'} deadline with no "
                 f"extension granted or pending in the data ({who})")
    if count[UNKNOWN]:
        text += f"; for {count[UNKNOWN]} the data does not say which deadline is in force"
    return text + "."


def article5_state_sentence(name: str, o, on) -> str:
    """Where one state stands, in words, from its tracker row (the profile and the story say the same)."""
    when = _day(on)
    if o["status"] == COMPLETED:
        if pd.isna(o["completed"]):
            return f"{name} declared completion of its Article 5 clearance; the date was not found in the sources."
        known = {"year": f"in {o['completed']:%Y}", "month": f"in {o['completed']:%B %Y}"}
        return (f"{name} declared completion of its Article 5 clearance "
                f"{known.get(o['completed_precision'], 'on ' + _day(o['completed']))}.")
    if o["status"] == UNKNOWN:
        return (f"On {when}, the data does not say which Article 5 deadline is in force for {name}: an extension was "
                "granted whose new date was not found.")
    deadline = _day(o["deadline"])
    if o["status"] == ON_TIME:
        return f"On {when}, {name}'s Article 5 deadline is {deadline}."
    asked = f" to {_day(o['requested'])}" if pd.notna(o["requested"]) else ""
    if o["status"] == PENDING:
        return (f"{name}'s Article 5 deadline was {deadline}; it has asked for an extension{asked}, and no decision "
                f"on it is recorded as of {when}.")
    refused = (f" its request was not granted ({o['last_decision'].split(':')[0]}), and"
               if str(o["last_decision"]).endswith("not_granted") else "")
    return (f"{name}'s Article 5 deadline was {deadline};{refused} as of {when} the data records no extension "
            "granted or pending.")


def article5_event_line(e) -> str:
    """One dated Article 5 event of a state, as its profile lists it: "5 Dec 2025 · 22MSP: extension granted to
    31 Dec 2030"."""
    if pd.isna(e.date):
        when = "Date not found"
    else:
        when = {"year": f"{e.date:%Y}", "month": f"{e.date:%b %Y}"}.get(e.date_precision, f"{e.date:%-d %b %Y}")
    to = f" to {e.deadline:%-d %b %Y}" if pd.notna(e.deadline) else ""
    what = {
        "extension_requested": f"extension requested{to}",
        "completion_declared": "completion declared",
        "obligations_reopened": f"obligations re-opened (newly found mined areas){'; new deadline' + to if to else ''}",
    }.get(e.event)
    if what is None:  # a decision
        outcome = {"granted": "extension granted", "interim": "interim extension granted",
                   "not_granted": "extension not granted"}[e.outcome]
        where = f"{e.meeting}: " if isinstance(e.meeting, str) and e.meeting else ""
        what = where + outcome + (to if e.outcome != "not_granted" else "") + (
            "" if to or e.outcome == "not_granted" else " (new deadline not found)")
    return f"{when} · {what}"


def article5_contamination(o) -> str:
    """The latest contamination estimate in words, or "" when the data has none (for a state that has since
    declared completion, said as the estimate before it)."""
    if pd.notna(o["contamination_km2"]):
        level = f" ({o['contamination_level']})" if isinstance(o["contamination_level"], str) else ""
        before = "Before completion, the last contamination estimate was" if o["status"] == COMPLETED else \
            "Contamination:"
        return f"{before} {o['contamination_km2']:,.2f} km² as of {_day(o['contamination_as_of'])}{level}."
    if isinstance(o["contamination_level"], str):
        return f"Contamination level: {o['contamination_level']} (no area estimate in the data)."
    return ""


def _names(names: list[str]) -> str:
    names = sorted(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _number(n: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if n < len(words) else f"{n:,}"


def map_sentence(tl: pd.DataFrame, on: date, ottawa: dict | None = None) -> str:
    """What happened on the day, then where the treaty stood: all counted from the membership data. `ottawa`: the
    published count of governments that signed in Ottawa ({"count", "source"}, from membership's sidecar), said on
    the opening day beside the signatures the UN record dates to those two days."""
    day = pd.Timestamp(on)
    c = counts_on(tl, on)
    said = []
    signed = int((tl["signed"] == day).sum())
    if on == OPENED_FOR_SIGNATURE:
        two_days = int(tl["signed"].between(day, day + pd.Timedelta(days=1)).sum())
        said.append(f"On {on:%-d %B %Y} the treaty opened for signature in Ottawa, and {signed} states signed "
                    "it that day")
        if ottawa:
            said.append(f"{ottawa['count']} governments signed it in Ottawa on 3–4 December ({ottawa['source']}); "
                        f"the UN Treaty Collection dates {two_days} signatures to those two days")
    elif signed:
        said.append(f"On {on:%-d %B %Y}, {signed} state(s) signed")
    started = int((tl["in_force"] == day).sum())
    if on == ENTRY_INTO_FORCE:
        said.append(f"On {on:%-d %B %Y} the treaty entered into force, binding the {started} states that had "
                    "ratified it by then")
    left = tl[tl["withdrawal_effective"] <= day]
    pending = tl[(tl["withdrawal_received"] <= day) & ~(tl["withdrawal_effective"] <= day)]
    if len(left):
        said.append(f"By {on:%-d %B %Y}, {_number(len(left))} States Parties had left the treaty "
                    f"({_names(left['name'].tolist())}), the first withdrawals in its history")
    if len(pending):
        said.append(f"By {on:%-d %B %Y}, {_number(len(pending))} States Parties had given notice of withdrawal "
                    f"({_names(pending['name'].tolist())}), each to take effect six months after its notice")
    bound = (f"{c['states_parties']} states were bound by the ban" if c["states_parties"] else
             "no state was bound by the ban yet")
    bound = bound[0].upper() + bound[1:] if said else f"On {on:%-d %B %Y}, {bound}"
    return ". ".join(said + [f"{bound}; {c['signatories']} had signed it"]) + "."


def parties_sentence(tl: pd.DataFrame, on: date, today: date) -> str:
    top = peak(parties_over_time(tl, today))
    if top is None:
        return "No state has been bound by the treaty yet in the data."
    now = counts_on(tl, on)["states_parties"]
    text = f"The treaty reached its peak of {top.parties} States Parties on {top.on:%-d %B %Y}"
    if on > top.on and now != top.parties:
        text += f"; on {on:%-d %B %Y} it had {now}"
    return text + ". Each state is counted from the day the treaty entered into force for it (Article 17)."


def growth_sentence(tl: pd.DataFrame, series: pd.DataFrame, today: date) -> str:
    """The sentence under the States Parties over time chart."""
    top = peak(series)
    if top is None:
        return "No state was bound by the treaty yet."
    left = tl.loc[tl["withdrawal_effective"] <= pd.Timestamp(today), "withdrawal_effective"]
    exits = f"; {len(left)} have withdrawn since {left.min():%B %Y}" if len(left) else ""
    return (f"The treaty grew to {top.parties} States Parties{exits}. Counted from entry into force for each state "
            "(Article 17) to the date its withdrawal took effect (Article 20).")


def casualties_sentence(series: pd.DataFrame, at: str) -> str:
    f = casualty_facts(series)
    if f is None:
        return casualty_sentence(series)
    if at == "lowest":
        return (f"{f.lowest} was the year with the fewest recorded casualties of mines and explosive remnants of war: "
                f"{f.lowest_total:,}, against {f.peak_total:,} at the peak in {f.peak}. Recorded casualties only: "
                "the true number is higher.")
    if at == "peak":
        return f"The most casualties the Landmine Monitor recorded in a year: {f.peak_total:,} in {f.peak}."
    since = f", the highest since {f.since}" if f.since else ""
    civ = (f"; {round(f.civilian_share * 100)}% of those whose status was known were civilians"
           if f.civilian_share else "")
    return (f"In {f.latest} the Landmine Monitor recorded {f.latest_total:,} casualties of mines and explosive "
            f"remnants of war{since}{civ}.")


# ------------------------------------------------------------------ the map
def map_summary(on: date, region: str, counts: dict[str, int]) -> str:
    """The sentence under the map (its text alternative too), from the same counts as the legend."""
    where = "" if region == "World" else f" in {region}"
    s = f"On {on:%-d %B %Y}, **{counts['states_parties']} states{where} were bound** by the Mine Ban Treaty"
    if counts["withdrawal_pending"]:
        s += f", {counts['withdrawal_pending']} of them with a withdrawal pending"
    s += "."
    if counts["withdrawn"]:
        s += f" {counts['withdrawn']} had withdrawn."
    outside = counts["not_party"] + counts["signatory"]
    if outside:
        signed = f" ({counts['signatory']} had signed only)" if counts["signatory"] else ""
        s += f" {outside} had not joined{signed}."
    if counts["not_yet_in_force"]:
        s += f" For {counts['not_yet_in_force']}, the treaty was not yet in force."
    return s


# ------------------------------------------------------------------ one state
def status_story(name: str, periods: pd.DataFrame) -> str:
    """A state's path through the treaty, from `treaty.status.status_periods`: "Finland: Not party → ..."."""
    path = " → ".join(f"{p.label} ({p.start:%Y})" if i else p.label for i, p in enumerate(periods.itertuples()))
    return f"{name}: {path}. From the same rules as the map (Articles 17 and 20)."


def suspension_sentence(name: str, suspension: str, claimed, rejected) -> str:
    """Ukraine's claimed 'suspension', as known on the day shown: the States Parties' finding only once made.

    >>> suspension_sentence("Ukraine", "claimed", date(2025, 7, 16), date(2025, 12, 5))
    "Ukraine notified a 'suspension' of the treaty on 16 July 2025. The treaty has no suspension clause; the claim is contested."
    """
    text = f"{name} notified a 'suspension' of the treaty on {_day(claimed)}."
    if suspension == "rejected":
        return text + (f" On {_day(rejected)} the States Parties found that the treaty allows no suspension: "
                       f"{name} remains bound.")
    return text + " The treaty has no suspension clause; the claim is contested."


def withdrawal_event_line(date_: pd.Timestamp, certainty: str, event: str) -> str:
    """One step of a withdrawal, as listed in the state panel and the profile: "27 Jun 2025 · notification deposited"."""
    when = f"{date_:%-d %b %Y}" + ("" if certainty == "exact" else f" ({certainty.replace('_', ' ')})")
    return f"{when} · {event.replace('_', ' ')}"


# the log's details hold, for some rows, a note to ourselves about the date: at the end ("DATE INFERRED ('Monday'
# meeting …)", "DATE = press-report date; …") or in brackets ("(date = interview/report date)"); the date's
# certainty is its own column, said in the line above the detail
_CURATION_TAIL = re.compile(r"\s*\bDATE (?:INFERRED|APPROXIMATE|=)")
_CURATION_ASIDE = re.compile(r"\s*\(date = [^)]*\)", re.IGNORECASE)


def public_detail(detail) -> tuple[str, str]:
    """An event's detail split into what a reader is told and the curation notes in it ("" when none).

    >>> public_detail("Stubb decided on withdrawal. DATE INFERRED (source says 'Friday').")
    ('Stubb decided on withdrawal.', "DATE INFERRED (source says 'Friday').")
    >>> public_detail("Stubb told Yle it would explore withdrawing (date = interview/report date).")
    ('Stubb told Yle it would explore withdrawing.', '(date = interview/report date)')
    >>> public_detail(None)
    ('', '')
    """
    if not isinstance(detail, str):
        return "", ""
    notes = [m.strip() for m in _CURATION_ASIDE.findall(detail)]
    text = _CURATION_ASIDE.sub("", detail)
    if m := _CURATION_TAIL.search(text):
        text, notes = text[:m.start()], [*notes, text[m.start():].strip()]
    return text.rstrip(), " ".join(notes)
