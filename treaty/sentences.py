"""Every sentence built from the data, in one place: under each chart (its text alternative too), the map's
summary, the story's steps, the state panel and the country profile. The humanitarian ones (casualties, clearance,
Article 5) are written in treaty.impact_sentences and the small words in treaty.words; both are re-exported here, so a
page imports every sentence from this module.

Each takes the same frames or facts its chart draws, so the words cannot disagree with the picture; a gap in
the data is said as a gap, never as zero. Each is said in the visitor's language (i18n): a message is a whole
sentence, or a whole clause put into one through a named placeholder ({since}, {civilians}, ...); a count that
decides the words goes through ngettext (where English says one form for every count, its two forms are the same
text); dates, numbers and lists of names come from i18n.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

import i18n
from i18n import _, ngettext
from treaty.impact_sentences import (
    article5_contamination,
    article5_event_line,
    article5_sentence,
    article5_state_sentence,
    casualties_sentence,
    casualty_sentence,
    clearance_sentence,
    country_casualty_sentence,
    country_ranking_sentence,
    shares_sentence,
)
from treaty.rules import ENTRY_INTO_FORCE, OPENED_FOR_SIGNATURE
from treaty.status import counts_on, parties_over_time, peak
from treaty.words import HOLDS, certainty_words, event_words, missing, states_parties_count

__all__ = [
    "HOLDS", "article5_contamination", "article5_event_line", "article5_sentence", "article5_state_sentence",
    "casualties_sentence", "casualty_sentence", "clearance_sentence", "country_casualty_sentence",
    "country_ranking_sentence", "growth_sentence", "map_sentence", "map_summary", "missing", "no_one_to_score",
    "parties_sentence", "public_detail", "shares_sentence", "status_story", "suspension_sentence",
    "withdrawal_event_line",
]


def _day(d) -> str:
    return i18n.day(pd.Timestamp(d))


def _short_day(d) -> str:
    return i18n.short_day(pd.Timestamp(d))


def no_one_to_score(on: date) -> str:
    """The exposure tab's sentence when no State Party remains (every one left, or none in the data)."""
    return _("No State Party remains to be scored on {day}.").format(day=_day(on))


def map_sentence(tl: pd.DataFrame, on: date, ottawa: dict | None = None) -> str:
    """What happened on the day, then where the treaty stood: all counted from the membership data. `ottawa`: the
    published count of governments that signed in Ottawa ({"count", "source"}, from membership's sidecar), said on
    the opening day beside the signatures the UN record dates to those two days."""
    day = pd.Timestamp(on)
    c = counts_on(tl, on)
    said = []
    signed = int((tl["signed"] == day).sum())
    if on == OPENED_FOR_SIGNATURE:
        said.append(ngettext("On {day} the treaty opened for signature in Ottawa, and {n} states signed it that day",
                             "On {day} the treaty opened for signature in Ottawa, and {n} states signed it that day",
                             signed).format(day=_day(on), n=i18n.number(signed)))
        if ottawa:
            said.append(_ottawa(ottawa, int(tl["signed"].between(day, day + pd.Timedelta(days=1)).sum())))
    elif signed:
        said.append(ngettext("On {day}, {n} state(s) signed", "On {day}, {n} state(s) signed", signed).format(
            day=_day(on), n=i18n.number(signed)))
    started = int((tl["in_force"] == day).sum())
    if on == ENTRY_INTO_FORCE:
        said.append(ngettext("On {day} the treaty entered into force, binding the {n} states that had ratified it by "
                             "then",
                             "On {day} the treaty entered into force, binding the {n} states that had ratified it by "
                             "then", started).format(day=_day(on), n=i18n.number(started)))
    left = tl[tl["withdrawal_effective"] <= day]
    pending = tl[(tl["withdrawal_received"] <= day) & ~(tl["withdrawal_effective"] <= day)]
    if len(left):
        # TRANSLATORS: {count}: a number as a word ("five"); {names}: the states' names ("Estonia, Latvia and
        # Lithuania"). English says "States Parties" and "withdrawals" for every count
        said.append(ngettext("By {day}, {count} States Parties had left the treaty ({names}), the first withdrawals "
                             "in its history",
                             "By {day}, {count} States Parties had left the treaty ({names}), the first withdrawals "
                             "in its history", len(left)).format(
            day=_day(on), count=states_parties_count(len(left)), names=i18n.listing(sorted(left["name"]))))
    if len(pending):
        # TRANSLATORS: {count}: a number as a word ("five"); {names}: the states' names
        said.append(ngettext("By {day}, {count} States Parties had given notice of withdrawal ({names}), each to "
                             "take effect six months after its notice",
                             "By {day}, {count} States Parties had given notice of withdrawal ({names}), each to "
                             "take effect six months after its notice", len(pending)).format(
            day=_day(on), count=states_parties_count(len(pending)), names=i18n.listing(sorted(pending["name"]))))
    said.append(_bound(c, on, first=not said))
    return ". ".join(said) + "."


def _ottawa(ottawa: dict, two_days: int) -> str:
    """The published count of governments that signed in Ottawa, beside the signatures the UN dates to those days."""
    # TRANSLATORS: put in {dated} of "{count} governments signed it in Ottawa ..."
    dated = ngettext("; the UN Treaty Collection dates {n} signatures to those two days",
                     "; the UN Treaty Collection dates {n} signatures to those two days", two_days).format(
        n=i18n.number(two_days))
    # TRANSLATORS: {source}: who published the count, as recorded ("UN Office for Disarmament Affairs"); {dated}:
    # "; the UN Treaty Collection dates 121 signatures to those two days"
    return ngettext("{count} governments signed it in Ottawa on 3–4 December ({source}){dated}",
                    "{count} governments signed it in Ottawa on 3–4 December ({source}){dated}",
                    int(ottawa["count"])).format(count=i18n.number(ottawa["count"]), source=ottawa["source"],
                                                 dated=dated)


def _bound(c: dict[str, int], on: date, first: bool) -> str:
    """How many states were bound and had signed: the map sentence's last clause (`first`: said on its own)."""
    # TRANSLATORS: put in {signed} of "... were bound by the ban{signed}"
    signed = ngettext("; {n} had signed it", "; {n} had signed it", c["signatories"]).format(
        n=i18n.number(c["signatories"]))
    n = c["states_parties"]
    if first and n:
        return ngettext("On {day}, {n} states were bound by the ban{signed}",
                        "On {day}, {n} states were bound by the ban{signed}", n).format(
            day=_day(on), n=i18n.number(n), signed=signed)
    if first:
        return _("On {day}, no state was bound by the ban yet{signed}").format(day=_day(on), signed=signed)
    if n:
        # TRANSLATORS: {signed}: "; 133 had signed it"
        return ngettext("{n} states were bound by the ban{signed}", "{n} states were bound by the ban{signed}",
                        n).format(n=i18n.number(n), signed=signed)
    return _("No state was bound by the ban yet{signed}").format(signed=signed)


def parties_sentence(tl: pd.DataFrame, on: date, today: date) -> str:
    top = peak(parties_over_time(tl, today))
    if top is None:
        return _("No state has been bound by the treaty yet in the data.")
    now = counts_on(tl, on)["states_parties"]
    # TRANSLATORS: put in {now} of "The treaty reached its peak of ..."; "it": the treaty
    later = _("; on {day} it had {n}").format(day=_day(on), n=i18n.number(now)) \
        if on > top.on and now != top.parties else ""
    # TRANSLATORS: {now}: "; on 30 November 2026 it had 161" or nothing
    text = ngettext("The treaty reached its peak of {n} States Parties on {day}{now}.",
                    "The treaty reached its peak of {n} States Parties on {day}{now}.", top.parties).format(
        n=i18n.number(top.parties), day=_day(top.on), now=later)
    return text + " " + _("Each state is counted from the day the treaty entered into force for it (Article 17).")


def growth_sentence(tl: pd.DataFrame, series: pd.DataFrame, today: date) -> str:
    """The sentence under the States Parties over time chart."""
    top = peak(series)
    if top is None:
        return _("No state was bound by the treaty yet.")
    left = tl.loc[tl["withdrawal_effective"] <= pd.Timestamp(today), "withdrawal_effective"]
    # TRANSLATORS: put in {withdrawn} of "The treaty grew to {n} States Parties{withdrawn}."
    exits = ngettext("; {n} have withdrawn since {month}", "; {n} have withdrawn since {month}", len(left)).format(
        n=i18n.number(len(left)), month=i18n.month(left.min())) if len(left) else ""
    # TRANSLATORS: {withdrawn}: "; 5 have withdrawn since December 2025" or nothing
    text = ngettext("The treaty grew to {n} States Parties{withdrawn}.",
                    "The treaty grew to {n} States Parties{withdrawn}.", top.parties).format(
        n=i18n.number(top.parties), withdrawn=exits)
    return text + " " + _("Counted from entry into force for each state (Article 17) to the date its withdrawal "
                          "took effect (Article 20).")


# ------------------------------------------------------------------ the map
def map_summary(on: date, region: str, counts: dict[str, int]) -> str:
    """The sentence under the map (its text alternative too), from the same counts as the legend."""
    n = counts["states_parties"]
    pending = ""
    if counts["withdrawal_pending"]:
        # TRANSLATORS: put in {pending} of "On {day}, **{n} states were bound** by the Mine Ban Treaty{pending}."
        pending = ngettext(", {n} of them with a withdrawal pending", ", {n} of them with a withdrawal pending",
                           counts["withdrawal_pending"]).format(n=i18n.number(counts["withdrawal_pending"]))
    if region == "World":
        # TRANSLATORS: keep the ** around the same words (they are shown in bold); {pending}: ", 3 of them with a
        # withdrawal pending" or nothing
        said = [ngettext("On {day}, **{n} states were bound** by the Mine Ban Treaty{pending}.",
                         "On {day}, **{n} states were bound** by the Mine Ban Treaty{pending}.", n).format(
            day=_day(on), n=i18n.number(n), pending=pending)]
    else:
        # TRANSLATORS: keep the ** around the same words (they are shown in bold); {region}: a region's name
        # ("Europe"); {pending}: ", 3 of them with a withdrawal pending" or nothing
        said = [ngettext("On {day}, **{n} states in {region} were bound** by the Mine Ban Treaty{pending}.",
                         "On {day}, **{n} states in {region} were bound** by the Mine Ban Treaty{pending}.", n).format(
            day=_day(on), n=i18n.number(n), region=_(region), pending=pending)]
    if counts["withdrawn"]:
        said.append(ngettext("{n} had withdrawn.", "{n} had withdrawn.", counts["withdrawn"]).format(
            n=i18n.number(counts["withdrawn"])))
    outside = counts["not_party"] + counts["signatory"]
    if outside:
        # TRANSLATORS: put in {signed_only} of "{n} had not joined{signed_only}."
        signed = ngettext(" ({n} had signed only)", " ({n} had signed only)", counts["signatory"]).format(
            n=i18n.number(counts["signatory"])) if counts["signatory"] else ""
        # TRANSLATORS: {signed_only}: " (2 had signed only)" or nothing
        said.append(ngettext("{n} had not joined{signed_only}.", "{n} had not joined{signed_only}.", outside).format(
            n=i18n.number(outside), signed_only=signed))
    if counts["not_yet_in_force"]:
        said.append(ngettext("For {n}, the treaty was not yet in force.", "For {n}, the treaty was not yet in force.",
                             counts["not_yet_in_force"]).format(n=i18n.number(counts["not_yet_in_force"])))
    return " ".join(said)


# ------------------------------------------------------------------ one state
def status_story(name: str, periods: pd.DataFrame) -> str:
    """A state's path through the treaty, from `treaty.status.status_periods`: "Finland: Not party → ..."."""
    path = " → ".join(f"{_(p.label)} ({p.start:%Y})" if i else _(p.label) for i, p in enumerate(periods.itertuples()))
    # TRANSLATORS: {path}: the state's statuses one after the other, "Not party → Signatory (1997) → State Party (1999)"
    return _("{name}: {path}. From the same rules as the map (Articles 17 and 20).").format(name=name, path=path)


def suspension_sentence(name: str, suspension: str, claimed, rejected) -> str:
    """Ukraine's claimed 'suspension', as known on the day shown: the States Parties' finding only once made.

    >>> suspension_sentence("Ukraine", "claimed", date(2025, 7, 16), date(2025, 12, 5))
    "Ukraine notified a 'suspension' of the treaty on 16 July 2025. The treaty has no suspension clause; the claim is contested."
    """
    text = _("{name} notified a 'suspension' of the treaty on {day}.").format(name=name, day=_day(claimed))
    if suspension == "rejected":
        return text + " " + _("On {day} the States Parties found that the treaty allows no suspension: {name} remains "
                              "bound.").format(day=_day(rejected), name=name)
    return text + " " + _("The treaty has no suspension clause; the claim is contested.")


def withdrawal_event_line(date_: pd.Timestamp, certainty: str, event: str) -> str:
    """One step of a withdrawal, as listed in the state panel and the profile: "27 Jun 2025 · notification deposited"."""
    when = _short_day(date_) + ("" if certainty == "exact" else f" ({certainty_words(certainty)})")
    return f"{when} · {event_words(event)}"


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
