"""The small words the sentences put data values in, in the visitor's language: a count of States Parties written
as a word, the steps of a withdrawal, a date's certainty, a contamination level. The values themselves (event kinds,
certainties, levels) stay English in the frames and CSVs; only these words are translated. And what a page says
when its data has nothing to show (every page says it; treaty.sentences re-exports it).
"""
from __future__ import annotations

import i18n
from i18n import N_, _, pgettext

# What each dataset holds, as a page says it is missing (English here: shown through _())
HOLDS = {
    "membership": N_("states"),
    "withdrawals": N_("withdrawal steps, statements or debate"),
    "casualties_global": N_("recorded casualties"),
    "casualties_by_country": N_("casualty figures by country"),
    "article5": N_("States Parties with Article 5 obligations"),
    "article5_events": N_("Article 5 requests, decisions or completions"),
    "clearance_annual": N_("clearance figures"),
    "alliances": N_("alliance memberships"),
    "ap_mine_use": N_("recorded use of anti-personnel mines"),
}


def missing(dataset: str, what: str | None = None, empty: bool = True) -> str:
    """What a page says instead of a chart or a table when the data it draws from has nothing to show: published
    data may be empty (a header only) or hold rows without the figure. `what`: English, marked N_() by the caller.

    >>> missing("casualties_global")
    'No recorded casualties in the published data yet: the casualties_global dataset is empty.'
    >>> missing("casualties_global", "recorded casualty totals", empty=False)
    'No recorded casualty totals in the published data yet: no row of the casualties_global dataset has one.'
    """
    what = _(what or HOLDS[dataset])
    if empty:
        # TRANSLATORS: {what}: what the data would hold ("recorded casualties", "states"); {dataset}: a file's machine
        # name (casualties_global), kept as it is. Say "no {what}" in a way that fits any noun (e.g. "pas encore de")
        return _("No {what} in the published data yet: the {dataset} dataset is empty.").format(
            what=what, dataset=dataset)
    return _("No {what} in the published data yet: no row of the {dataset} dataset has one.").format(
        what=what, dataset=dataset)


def states_parties_count(n: int) -> str:
    """A count of States Parties as the sentences write it: a word up to ten ("five"), digits above ("11").

    >>> states_parties_count(5), states_parties_count(0), states_parties_count(1234)
    ('five', 'no', '1,234')
    """
    # TRANSLATORS: a number written as a word before "States Parties" ("five States Parties"): masculine in French
    # and Spanish ("un État partie", "un Estado Parte")
    words = (pgettext("number of States Parties", "no"),
             pgettext("number of States Parties", "one"),
             pgettext("number of States Parties", "two"),
             pgettext("number of States Parties", "three"),
             pgettext("number of States Parties", "four"),
             pgettext("number of States Parties", "five"),
             pgettext("number of States Parties", "six"),
             pgettext("number of States Parties", "seven"),
             pgettext("number of States Parties", "eight"),
             pgettext("number of States Parties", "nine"),
             pgettext("number of States Parties", "ten"))
    return words[n] if n < len(words) else i18n.number(n)


def event_words(event: str) -> str:
    """A step of a withdrawal (loaders' EVENT_TYPES), as the state panel, the profile and the exposure table say it:
    "notification deposited"; an event the list does not know, its name with spaces."""
    # TRANSLATORS: a step in a state's story with the treaty, listed after its date ("27 Jun 2025 · law signed")
    words = {
        "precedent": pgettext("withdrawal step", "precedent"),
        "announced": pgettext("withdrawal step", "announced"),
        "government_decision": pgettext("withdrawal step", "government decision"),
        "parliament_reading": pgettext("withdrawal step", "parliament reading"),
        "parliament_vote": pgettext("withdrawal step", "parliament vote"),
        "law_signed": pgettext("withdrawal step", "law signed"),
        "notification_deposited": pgettext("withdrawal step", "notification deposited"),
        "effective": pgettext("withdrawal step", "effective"),
        "suspended": pgettext("withdrawal step", "suspended"),
        "suspension_rejected": pgettext("withdrawal step", "suspension rejected"),
        "debate": pgettext("withdrawal step", "debate"),
        "stays": pgettext("withdrawal step", "stays"),
        "statement": pgettext("withdrawal step", "statement"),
    }
    return words.get(event) or event.replace("_", " ")


def certainty_words(certainty: str) -> str:
    """How sure a date is (loaders' DATE_CERTAINTY), as said in brackets after it: "27 Jun 2025 (inferred)"."""
    # TRANSLATORS: how sure a date is, in brackets after it ("27 Jun 2025 (inferred) · law signed")
    words = {
        "exact": pgettext("date certainty", "exact"),
        "inferred": pgettext("date certainty", "inferred"),
        "approximate": pgettext("date certainty", "approximate"),
        "report_date": pgettext("date certainty", "report date"),
    }
    return words.get(certainty) or certainty.replace("_", " ")


def contamination_words(level: str) -> str:
    """A contamination level (loaders' CONTAMINATION_LEVELS) as the profile says it: "(heavy)"."""
    # TRANSLATORS: a contamination level, in brackets after a mined area ("12.35 km² as of 30 September 2024 (heavy)")
    words = {
        "massive": pgettext("contamination level", "massive"),
        "heavy": pgettext("contamination level", "heavy"),
        "medium": pgettext("contamination level", "medium"),
        "light": pgettext("contamination level", "light"),
    }
    return words.get(level) or level
