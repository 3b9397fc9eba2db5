"""The guided story: steps read from one file (story/story.csv), each a view and one sentence from the data.

An advocate reorders, removes or adds rows in that file; no code changes. Each row names a `view` and says
`at` what point; every number in a step's sentence is computed here from the curated data."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from treaty.impact import article5_sentence, casualty_facts
from treaty.rules import ENTRY_INTO_FORCE, OPENED_FOR_SIGNATURE
from treaty.status import counts_on, parties_over_time

STORY_FILE = Path(__file__).resolve().parent.parent / "story" / "story.csv"
COLUMNS = ("step", "view", "at", "region", "title")
# What each view accepts in `at`; a date (YYYY-MM-DD) is accepted by the map and the parties chart.
VIEWS = {
    "map": ("opened", "in_force", "peak", "last_notice", "last_exit", "today"),
    "parties": ("peak", "today"),
    "casualties": ("lowest", "latest", "peak"),
    "article5": ("today",),
}
REGIONS = ("World", "Africa", "Americas", "Asia", "Europe", "Oceania")


@dataclass(frozen=True)
class Step:
    step: str        # its name in the URL: /story?step=peak
    view: str
    at: str
    region: str
    title: str


class StoryError(ValueError):
    """The story file has a problem; the message names the row and column and says what to do."""


def read_steps(path: Path = STORY_FILE) -> list[Step]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return parse_steps(rows, path.name)


def parse_steps(rows: list[dict], name: str = "story.csv") -> list[Step]:
    if not rows:
        raise StoryError(f"{name}: no steps. Add one row per step under the header {','.join(COLUMNS)}.")
    missing = [c for c in COLUMNS if c not in rows[0]]
    if missing:
        raise StoryError(f"{name}: missing column(s) {', '.join(missing)}; the header is {','.join(COLUMNS)}.")
    steps, seen = [], set()
    for n, r in enumerate(rows, start=2):  # row 1 is the header
        r = {k: (r.get(k) or "").strip() for k in COLUMNS}
        where = f"{name} row {n}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", r["step"]):
            raise StoryError(f"{where}, column step: {r['step']!r} must be lower-case letters, digits and hyphens "
                             "(it becomes the step's address).")
        if r["step"] in seen:
            raise StoryError(f"{where}, column step: {r['step']!r} is used twice; each step needs its own name.")
        seen.add(r["step"])
        if r["view"] not in VIEWS:
            raise StoryError(f"{where}, column view: {r['view']!r} is not one of {', '.join(VIEWS)}.")
        if r["at"] not in VIEWS[r["view"]] and not (r["view"] in ("map", "parties") and _is_date(r["at"])):
            dated = " or a date (YYYY-MM-DD)" if r["view"] in ("map", "parties") else ""
            raise StoryError(f"{where}, column at: {r['at']!r} does not work with view {r['view']}; use one of "
                             f"{', '.join(VIEWS[r['view']])}{dated}.")
        region = r["region"] or "World"
        if region not in REGIONS:
            raise StoryError(f"{where}, column region: {region!r} is not one of {', '.join(REGIONS)}.")
        if not r["title"]:
            raise StoryError(f"{where}, column title: give the step a title.")
        steps.append(Step(r["step"], r["view"], r["at"], region, r["title"]))
    return steps


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


# ------------------------------------------------------------------ dates the data decides
def moment(tl: pd.DataFrame, at: str, today: date) -> date:
    """The day a map or parties step shows: fixed by the treaty, by the data, or written in the file."""
    if at == "opened":
        return OPENED_FOR_SIGNATURE
    if at == "in_force":
        return ENTRY_INTO_FORCE
    if at == "today":
        return today
    if at == "peak":
        series = parties_over_time(tl, today)
        return series.loc[series["states_parties"].idxmax(), "date"].date()  # the first day at the peak
    if at in ("last_notice", "last_exit"):
        col = "withdrawal_received" if at == "last_notice" else "withdrawal_effective"
        days = tl[col].dropna()
        days = days[days <= pd.Timestamp(today)]
        return days.max().date() if len(days) else today
    return date.fromisoformat(at)


def _names(names: list[str]) -> str:
    names = sorted(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _number(n: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if n < len(words) else f"{n:,}"


def map_sentence(tl: pd.DataFrame, on: date) -> str:
    """What happened on the day, then where the treaty stood: all counted from the membership data."""
    day = pd.Timestamp(on)
    c = counts_on(tl, on)
    said = []
    signed = int((tl["signed"] == day).sum())
    if on == OPENED_FOR_SIGNATURE:
        said.append(f"On {on:%-d %B %Y} the treaty opened for signature in Ottawa, and {signed} states signed "
                    "it that day")
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
    series = parties_over_time(tl, today)
    peak = int(series["states_parties"].max())
    first = series.loc[series["states_parties"].idxmax(), "date"]
    now = counts_on(tl, on)["states_parties"]
    text = f"The treaty reached its peak of {peak} States Parties on {first:%-d %B %Y}"
    if pd.Timestamp(on) > first and now != peak:
        text += f"; on {on:%-d %B %Y} it had {now}"
    return text + ". Each state is counted from the day the treaty entered into force for it (Article 17)."


def casualties_sentence(series: pd.DataFrame, at: str) -> str:
    f = casualty_facts(series)
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


def deadlines_sentence(tracker: pd.DataFrame, on: date) -> str:
    return article5_sentence(tracker, on)
