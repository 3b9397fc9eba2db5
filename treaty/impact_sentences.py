"""The sentences under the humanitarian charts (recorded casualties, clearance, Article 5), the profile's Article 5
facts and the story's casualty steps, in the visitor's language; re-exported by treaty.sentences, which says how
they are built.
"""
from __future__ import annotations

import pandas as pd

import i18n
from i18n import N_, _, ngettext, pgettext
from treaty.article5 import COMPLETED, DECISION, ON_TIME, PASSED, PENDING, UNKNOWN, article5_counts
from treaty.impact import casualty_facts
from treaty.status import BOUND
from treaty.words import contamination_words, missing


def _day(d) -> str:
    return i18n.day(pd.Timestamp(d))


def _short_day(d) -> str:
    return i18n.short_day(pd.Timestamp(d))


def _n(x: float) -> str:
    return i18n.number(int(x))


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
            missing("casualties_global", N_("recorded casualty totals"), empty=False)
    said = [_latest_casualties(f, on_record=True),
            _("The lowest recorded year was {lowest} ({lowest_total}); the peak {peak} ({peak_total}).").format(
                lowest=f.lowest, lowest_total=_n(f.lowest_total), peak=f.peak, peak_total=_n(f.peak_total))]
    if f.gaps:
        # TRANSLATORS: {years}: years or runs of years, "1999, 2002–2005"
        said.append(_("No figure for {years}.").format(years=_years(f.gaps)))
    return " ".join(said)


def _latest_casualties(f, on_record: bool) -> str:
    """The latest year's casualties, how they compare, and the civilians' share (the chart and the story say it)."""
    if f.since:
        # TRANSLATORS: put in {since} of "In {year} the Landmine Monitor recorded ..."
        since = _(", the highest since {year}").format(year=f.since)
    else:
        since = _(", the highest on record") if on_record and f.peak == f.latest else ""
    civilians = ""
    if f.civilian_share:
        # TRANSLATORS: put in {civilians} of "In {year} the Landmine Monitor recorded ..."; {share}: a percentage
        civilians = _("; {share} of those whose status was known were civilians").format(
            share=i18n.percent(f.civilian_share))
    # TRANSLATORS: {since}: ", the highest since 2020", ", the highest on record" or nothing; {civilians}: "; 80% of
    # those whose status was known were civilians" or nothing
    return ngettext("In {year} the Landmine Monitor recorded {total} casualties of mines and explosive remnants of "
                    "war{since}{civilians}.",
                    "In {year} the Landmine Monitor recorded {total} casualties of mines and explosive remnants of "
                    "war{since}{civilians}.", f.latest_total).format(
        year=f.latest, total=_n(f.latest_total), since=since, civilians=civilians)


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
        return _("No civilian share was published.")
    children = ""
    if len(child):
        last = child.iloc[-1]
        # TRANSLATORS: put in {children} of "Civilians were between ..."; {share} and {highest}: percentages
        children = _("; children were {share} of civilian casualties in {year} (highest: {highest}, "
                     "{highest_year})").format(
            share=i18n.percent(last["child_share"]), year=int(last["year"]),
            highest=i18n.percent(child["child_share"].max()),
            highest_year=int(child.loc[child["child_share"].idxmax(), "year"]))
    # TRANSLATORS: {low} and {high}: percentages; {children}: "; children were ..." or nothing
    text = ngettext("Civilians were between {low} and {high} of casualties whose status was known in the {n} years "
                    "with a published share{children}.",
                    "Civilians were between {low} and {high} of casualties whose status was known in the {n} years "
                    "with a published share{children}.", len(civ)).format(
        low=i18n.percent(civ["civilian_share"].min()), high=i18n.percent(civ["civilian_share"].max()),
        n=i18n.number(len(civ)), children=children)
    return text + " " + _("Years without a published share are gaps.")


def country_casualty_sentence(name: str, mine: pd.DataFrame, years_with_figures: int) -> str:
    """The sentence under a country profile's casualty chart: its latest recorded year, and how often it is named."""
    last = mine.iloc[-1]
    # TRANSLATORS: put in {named} of "The Landmine Monitor recorded {total} casualties in {name} ..."; "it": the state
    named = ngettext("; it is named in {named} of the {years} years with country figures",
                     "; it is named in {named} of the {years} years with country figures", years_with_figures).format(
        named=i18n.number(len(mine)), years=i18n.number(years_with_figures))
    # TRANSLATORS: {report}: the report's title, as published ("Landmine Monitor 2025"); {named}: "; it is named in
    # 12 of the 25 years with country figures"
    text = ngettext("The Landmine Monitor recorded {total} casualties in {name} in {year} ({report}){named}.",
                    "The Landmine Monitor recorded {total} casualties in {name} in {year} ({report}){named}.",
                    int(last["total"])).format(
        total=_n(last["total"]), name=name, year=int(last["year"]), report=last["report"], named=named)
    return text + " " + _("Years without a bar: not named among the most affected (no data, not zero).")


def country_ranking_sentence(rows: pd.DataFrame, year: int) -> str:
    """The sentence under the ranking: who is first, and how the named casualties split by treaty status."""
    if rows.empty:
        return _("No country figures for {year} in the data.").format(year=year)
    top = rows.iloc[0]
    inside = rows[rows["status"].isin(BOUND)]
    outside = len(rows) - len(inside)
    first = ngettext("In {year} the most recorded casualties among the {n} countries named in the data were in "
                     "{country} ({total}).",
                     "In {year} the most recorded casualties among the {n} countries named in the data were in "
                     "{country} ({total}).", len(rows)).format(
        year=year, n=i18n.number(len(rows)), country=top["country"], total=_n(top["total"]))
    # TRANSLATORS: put in {others} of "{parties} of them, with ... casualties, were States Parties{others}."
    others = ngettext("; {n}, with {total}, were not", "; {n}, with {total}, were not", outside).format(
        n=i18n.number(outside), total=_n(rows["total"].sum() - inside["total"].sum()))
    # TRANSLATORS: "them": the countries named in the data; {others}: "; 12, with 1,234, were not"
    second = ngettext("{parties} of them, with {total} casualties, were States Parties{others}.",
                      "{parties} of them, with {total} casualties, were States Parties{others}.", len(inside)).format(
        parties=i18n.number(len(inside)), total=_n(inside["total"].sum()), others=others)
    return " ".join([first, second, _("Countries not named are not zero: the data lists only the most affected.")])


def clearance_sentence(world: pd.DataFrame) -> str:
    m = world[(world["publisher"] == "Landmine Monitor")]
    area = m.dropna(subset=["cleared_km2"])
    mines = m.dropna(subset=["ap_mines_destroyed"])
    parts = []
    if len(area):
        last = area.iloc[-1]
        # TRANSLATORS: the clauses of the clearance sentence are joined by "; ": the next ones say "it" and "its" for
        # the Landmine Monitor
        parts.append(_("The Landmine Monitor's latest worldwide figure for land cleared is {area} km² in {year}").format(
            area=i18n.number(last["cleared_km2"]), year=int(last["year"])))
    released = m.dropna(subset=["land_released_km2"])
    if len(released):
        # TRANSLATORS: {years}: a list of years with their areas, "2022 (243 km²), 2023 (278 km²)"
        parts.append(_("it published a worldwide total of land released (cleared, reduced or cancelled) for "
                       "{years}").format(years=", ".join(f"{int(r.year)} ({i18n.number(r.land_released_km2)} km²)"
                                                         for r in released.itertuples())))
    if len(mines):
        last = mines.iloc[-1]
        parts.append(_("its latest count of anti-personnel mines destroyed in clearance is {mines} in {year} (a lower "
                       "bound where the report says 'over')").format(
            mines=_n(last["ap_mines_destroyed"]), year=int(last["year"])))
    if not parts:
        return _("No worldwide clearance figures in the data.")
    # TRANSLATORS: {clauses}: what the Landmine Monitor published, clauses joined by "; " (see the clauses above)
    return _("{clauses}. Mine Action Review's figures use a different method and are drawn apart. Years without a "
             "figure are gaps.").format(clauses=_between_clauses().join(parts))


def _between_clauses() -> str:
    # TRANSLATORS: what joins clauses of one sentence (French writes a space before the semicolon)
    return pgettext("between clauses", "; ")


def article5_sentence(tracker: pd.DataFrame, on, named: bool = True) -> str:
    """The sentence under the Article 5 tracker, from the same statuses the bars are coloured by: it names only
    the states whose deadline passed with no request recorded, and says that this is what the data records.
    `named=False`: the count alone (a slide, whose chart labels those states: the names would take its room).

    >>> t = pd.DataFrame({"country": ["A", "B", "C", "D"], "status": [PASSED, PENDING, ON_TIME, COMPLETED]})
    >>> article5_sentence(t, "2026-11-30")  # doctest: +NORMALIZE_WHITESPACE
    'On 30 November 2026, of the 4 States Parties with Article 5 obligations in the data, 1 had declared
     completion and 1 had a deadline ahead; 1 had asked for an extension whose decision is pending or not yet
     recorded; 1 had passed its deadline with no extension granted or pending in the data (A).'
    """
    if tracker.empty:
        return missing("article5")
    count = article5_counts(tracker)
    n = {k: i18n.number(v) for k, v in count.items()}
    # TRANSLATORS: put in {obligated} of "On {day}, of {obligated}, {completed} and {ahead}..."
    obligated = ngettext("the {n} States Parties with Article 5 obligations in the data",
                         "the {n} States Parties with Article 5 obligations in the data", len(tracker)).format(
        n=i18n.number(len(tracker)))
    # TRANSLATORS: put in {completed} of "On {day}, of {obligated}, {completed} and {ahead}..."
    completed = ngettext("{n} had declared completion", "{n} had declared completion", count[COMPLETED]).format(
        n=n[COMPLETED])
    # TRANSLATORS: put in {ahead} of "On {day}, of {obligated}, {completed} and {ahead}..."
    ahead = ngettext("{n} had a deadline ahead", "{n} had a deadline ahead", count[ON_TIME]).format(n=n[ON_TIME])
    pending = passed = unknown = ""
    if count[PENDING]:
        # TRANSLATORS: put in {pending} of "On {day}, of {obligated}, {completed} and {ahead}{pending}..."
        pending = ngettext("; {n} had asked for an extension whose decision is pending or not yet recorded",
                           "; {n} had asked for an extension whose decision is pending or not yet recorded",
                           count[PENDING]).format(n=n[PENDING])
    if count[PASSED] and not named:
        # TRANSLATORS: put in {passed} of "On {day}, of {obligated}, ..." (on a slide, whose chart names the states)
        passed = ngettext("; {n} had passed its deadline with no extension granted or pending in the data",
                          "; {n} had passed their deadline with no extension granted or pending in the data",
                          count[PASSED]).format(n=n[PASSED])
    elif count[PASSED]:
        # TRANSLATORS: put in {passed} of "On {day}, of {obligated}, ..."; {names}: the states' names
        passed = ngettext("; {n} had passed its deadline with no extension granted or pending in the data ({names})",
                          "; {n} had passed their deadline with no extension granted or pending in the data "
                          "({names})", count[PASSED]).format(
            n=n[PASSED], names=", ".join(tracker.loc[tracker["status"] == PASSED, "country"]))
    if count[UNKNOWN]:
        # TRANSLATORS: put in {unknown} of "On {day}, of {obligated}, ..."
        unknown = ngettext("; for {n} the data does not say which deadline is in force",
                           "; for {n} the data does not say which deadline is in force", count[UNKNOWN]).format(
            n=n[UNKNOWN])
    # TRANSLATORS: {obligated}: "the 33 States Parties with Article 5 obligations in the data"; {completed}: "4 had
    # declared completion"; {ahead}: "20 had a deadline ahead"; {pending}, {passed}, {unknown}: "; 2 had asked for
    # an extension ...", "; 1 had passed its deadline ...", "; for 1 the data does not say ..." or nothing
    return _("On {day}, of {obligated}, {completed} and {ahead}{pending}{passed}{unknown}.").format(
        day=_day(on), obligated=obligated, completed=completed, ahead=ahead, pending=pending, passed=passed,
        unknown=unknown)


def article5_state_sentence(name: str, o, on) -> str:
    """Where one state stands, in words, from its tracker row (the profile and the story say the same)."""
    when = _day(on)
    if o["status"] == COMPLETED:
        if pd.isna(o["completed"]):
            return _("{name} declared completion of its Article 5 clearance; the date was not found in the "
                     "sources.").format(name=name)
        if o["completed_precision"] == "year":
            return _("{name} declared completion of its Article 5 clearance in {year}.").format(
                name=name, year=f"{o['completed']:%Y}")
        if o["completed_precision"] == "month":
            return _("{name} declared completion of its Article 5 clearance in {month}.").format(
                name=name, month=i18n.month(o["completed"]))
        return _("{name} declared completion of its Article 5 clearance on {day}.").format(
            name=name, day=_day(o["completed"]))
    if o["status"] == UNKNOWN:
        return _("On {day}, the data does not say which Article 5 deadline is in force for {name}: an extension was "
                 "granted whose new date was not found.").format(day=when, name=name)
    deadline = _day(o["deadline"])
    if o["status"] == ON_TIME:
        return _("On {day}, {name}'s Article 5 deadline is {deadline}.").format(day=when, name=name, deadline=deadline)
    if o["status"] == PENDING:
        if pd.notna(o["requested"]):
            return _("{name}'s Article 5 deadline was {deadline}; it has asked for an extension to {requested}, and "
                     "no decision on it is recorded as of {day}.").format(
                name=name, deadline=deadline, requested=_day(o["requested"]), day=when)
        return _("{name}'s Article 5 deadline was {deadline}; it has asked for an extension, and no decision on it is "
                 "recorded as of {day}.").format(name=name, deadline=deadline, day=when)
    if str(o["last_decision"]).endswith("not_granted"):
        meeting = o["last_decision"].split(":")[0]
        # TRANSLATORS: {meeting}: the meeting that decided, as recorded ("22MSP"), or the word "decision"
        return _("{name}'s Article 5 deadline was {deadline}; its request was not granted ({meeting}), and as of "
                 "{day} the data records no extension granted or pending.").format(
            name=name, deadline=deadline, meeting=_(DECISION) if meeting == DECISION else meeting, day=when)
    return _("{name}'s Article 5 deadline was {deadline}; as of {day} the data records no extension granted or "
             "pending.").format(name=name, deadline=deadline, day=when)


def article5_event_line(e) -> str:
    """One dated Article 5 event of a state, as its profile lists it: "5 Dec 2025 · 22MSP: extension granted to
    31 Dec 2030"."""
    if pd.isna(e.date):
        when = _("Date not found")
    elif e.date_precision == "year":
        when = f"{e.date:%Y}"
    else:
        when = i18n.short_month(e.date) if e.date_precision == "month" else _short_day(e.date)
    what = _article5_event(e.event, e.outcome, _short_day(e.deadline) if pd.notna(e.deadline) else None)
    if e.event not in ("extension_requested", "completion_declared", "obligations_reopened") and \
            isinstance(e.meeting, str) and e.meeting:
        # TRANSLATORS: a decision and the meeting that took it, as recorded ("22MSP: extension granted to ...")
        what = _("{meeting}: {decision}").format(meeting=e.meeting, decision=what)
    return f"{when} · {what}"


def _article5_event(event: str, outcome: str, to: str | None) -> str:
    """An Article 5 event in words, `to`: the deadline it asks for or sets (None: not said)."""
    if event == "extension_requested":
        return _("extension requested to {day}").format(day=to) if to else _("extension requested")
    if event == "completion_declared":
        return _("completion declared")
    if event == "obligations_reopened":
        return _("obligations re-opened (newly found mined areas); new deadline to {day}").format(day=to) if to else \
            _("obligations re-opened (newly found mined areas)")
    if outcome == "not_granted":  # a decision
        return _("extension not granted")
    if outcome == "interim":
        return _("interim extension granted to {day}").format(day=to) if to else \
            _("interim extension granted (new deadline not found)")
    if outcome == "granted":
        return _("extension granted to {day}").format(day=to) if to else _("extension granted (new deadline not found)")
    raise KeyError(outcome)


def article5_contamination(o) -> str:
    """The latest contamination estimate in words, or "" when the data has none (for a state that has since
    declared completion, said as the estimate before it)."""
    known = isinstance(o["contamination_level"], str)
    if pd.notna(o["contamination_km2"]):
        level = f" ({contamination_words(o['contamination_level'])})" if known else ""
        area, day = i18n.number(o["contamination_km2"], 2), _day(o["contamination_as_of"])
        if o["status"] == COMPLETED:
            # TRANSLATORS: {level}: the contamination level in brackets, " (heavy)", or nothing
            return _("Before completion, the last contamination estimate was {area} km² as of {day}{level}.").format(
                area=area, day=day, level=level)
        # TRANSLATORS: {level}: the contamination level in brackets, " (heavy)", or nothing
        return _("Contamination: {area} km² as of {day}{level}.").format(area=area, day=day, level=level)
    if known:
        return _("Contamination level: {level} (no area estimate in the data).").format(
            level=contamination_words(o["contamination_level"]))
    return ""



def casualties_sentence(series: pd.DataFrame, at: str) -> str:
    f = casualty_facts(series)
    if f is None:
        return casualty_sentence(series)
    if at == "lowest":
        # TRANSLATORS: {lowest} and {peak}: numbers of casualties; {year} and {peak_year}: years
        return _("{year} was the year with the fewest recorded casualties of mines and explosive remnants of war: "
                 "{lowest}, against {peak} at the peak in {peak_year}.").format(
            year=f.lowest, lowest=_n(f.lowest_total), peak=_n(f.peak_total), peak_year=f.peak) + " " + \
            _("Recorded casualties only: the true number is higher.")
    if at == "peak":
        return _("The most casualties the Landmine Monitor recorded in a year: {n} in {year}.").format(
            n=_n(f.peak_total), year=f.peak)
    return _latest_casualties(f, on_record=False)

