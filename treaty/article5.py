"""Article 5 (clearance of mined areas) on any date, derived from dated decisions (never stored as a status).

Inputs: the States Parties with obligations (the `article5` dataset: one row each, with contamination), their log of
dated events (`article5_events`: extension requests, decisions of a Meeting of the States Parties or a Review
Conference, completion declared, obligations re-opened) and the membership timelines (entry into force).

NOTE: the original deadline is entry into force + 10 years (Article 5(1)); an extension is granted by the States
Parties (Article 5(3)-(6)) and replaces the deadline from the day of the decision; a State Party that finds new mined
areas after declaring completion is bound again (the 12th Meeting's decision on newly discovered mined areas).

A state on a date is:
- completed          it declared completion, and no later re-opening;
- on_time            the deadline in force is that day or later;
- extension_pending  the deadline has passed, and a request is recorded with no decision recorded after it
                     (the decision is not yet due, or not yet in the data);
- deadline_passed    the deadline has passed and no request is pending (none recorded, or it was not granted);
- deadline_unknown   the data does not say which deadline is in force (an extension granted whose new date
                     was not found, or no entry into force).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from i18n import N_
from treaty.rules import add_months

COMPLETED, ON_TIME, PENDING, PASSED, UNKNOWN = (
    "completed", "on_time", "extension_pending", "deadline_passed", "deadline_unknown")
STATUSES = (PASSED, PENDING, UNKNOWN, ON_TIME, COMPLETED)  # the tracker's order: what needs attention first
# The labels stay English in frames and CSVs (the tracker's `status_label`, the charts' categories): shown through _()
ARTICLE5_STATUS = {
    COMPLETED: N_("Completed"),
    ON_TIME: N_("On time (deadline ahead)"),
    PENDING: N_("Extension requested, decision pending"),
    PASSED: N_("Deadline passed, no extension granted or pending"),
    UNKNOWN: N_("Deadline not known"),
}
REQUESTED, DECIDED, DECLARED, REOPENED = (
    "extension_requested", "extension_decided", "completion_declared", "obligations_reopened")
EVENTS = (REQUESTED, DECIDED, DECLARED, REOPENED)
GRANTED, INTERIM, NOT_GRANTED = "granted", "interim", "not_granted"
OUTCOMES = (GRANTED, INTERIM, NOT_GRANTED)
# How a step of a deadline came about (extension_steps' `how`, English in the frame: shown through _())
HOW = {GRANTED: N_("Extension granted"), INTERIM: N_("Interim extension granted"),
       REOPENED: N_("New deadline after obligations re-opened")}
# A decision whose meeting is not named, in `last_decision` ("decision: not_granted")
DECISION = N_("decision")
ARTICLE5_YEARS = 10


def original_deadline(in_force) -> pd.Timestamp:
    """Entry into force + 10 years (Article 5(1)).

    >>> original_deadline(pd.Timestamp("2003-03-01")).date()
    datetime.date(2013, 3, 1)
    """
    if pd.isna(in_force):
        return pd.NaT
    return pd.Timestamp(add_months(pd.Timestamp(in_force).date(), 12 * ARTICLE5_YEARS))


def _earliest(row) -> pd.Timestamp:
    """The first day a partial date can mean (year-only dates are stored as 31 December): used to order events,
    so a request known only to the year comes before the decision on it."""
    d = row["date"]
    if pd.isna(d):
        return pd.Timestamp.min
    if row["date_precision"] == "year":
        return pd.Timestamp(d.year, 1, 1)
    if row["date_precision"] == "month":
        return pd.Timestamp(d.year, d.month, 1)
    return d


def in_order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order they happened (a partial date sorts at its earliest day; on one day, a request before
    the decision on it)."""
    e = events.copy()
    e["_start"] = e.apply(_earliest, axis=1) if len(e) else pd.Series(dtype="datetime64[ns]")
    e["_kind"] = e["event"].map({k: i for i, k in enumerate(EVENTS)})
    return e.sort_values(["iso3", "_start", "_kind"], kind="stable").drop(columns=["_start", "_kind"])


@dataclass(frozen=True)
class Obligation:
    """Where one State Party stands on a date."""
    status: str
    original_deadline: pd.Timestamp
    deadline: pd.Timestamp            # in force on the date (NaT: not known)
    extensions: int                   # granted or interim decisions so far
    completed: pd.Timestamp           # completion declared (NaT: not completed, or date not found)
    completed_precision: str | None
    reopened: bool                    # obligations re-opened after an earlier completion
    requested: pd.Timestamp           # the pending request's deadline asked for (NaT: none pending, or not said)
    request_pending: bool
    last_decision: str | None         # e.g. "22MSP: not_granted"


def obligation_on(events: pd.DataFrame, in_force, on) -> Obligation:
    """One state's obligation on `on`, from its events (any order) and its entry into force."""
    day = pd.Timestamp(on)
    first = original_deadline(in_force)
    deadline, known, extensions = first, pd.notna(first), 0
    completed, precision, reopened, pending, asked, last = None, None, False, False, pd.NaT, None
    # a completion whose date was not found counts on every date (it was declared; when is the gap)
    seen = events[(events["date"] <= day) | (events["date"].isna() & events["event"].eq(DECLARED))]
    for e in in_order(seen).itertuples():
        if e.event == REQUESTED:
            pending, asked = True, e.deadline
        elif e.event == DECIDED:
            pending, asked, last = False, pd.NaT, f"{e.meeting or DECISION}: {e.outcome}"
            if e.outcome in (GRANTED, INTERIM):
                extensions += 1
                deadline, known = e.deadline, pd.notna(e.deadline)
        elif e.event == DECLARED:
            completed, precision, pending = e.date, e.date_precision, False
        elif e.event == REOPENED:
            completed, precision, reopened = None, None, True
            if pd.notna(e.deadline):
                deadline, known = e.deadline, True
    if precision is not None:
        status = COMPLETED
    elif not known:
        status = UNKNOWN
    elif deadline >= day:
        status = ON_TIME
    elif pending:
        status = PENDING
    else:
        status = PASSED
    return Obligation(status, first, deadline if known else pd.NaT, extensions,
                      completed if completed is not None else pd.NaT, precision, reopened,
                      asked if pending else pd.NaT, pending, last)


def article5_tracker(obligated: pd.DataFrame, events: pd.DataFrame, tl: pd.DataFrame, on) -> pd.DataFrame:
    """Every State Party with Article 5 obligations in the data and where it stands on `on`, needing attention
    first. `obligated`: the article5 dataset; `tl`: treaty.status.timelines (for entry into force)."""
    in_force = tl.set_index("iso3")["in_force"]
    by_state = {k: g for k, g in events.groupby("iso3")}
    empty = events.iloc[0:0]
    rows = []
    for r in obligated.itertuples(index=False):
        o = obligation_on(by_state.get(r.iso3, empty), in_force.get(r.iso3, pd.NaT), on)
        rows.append({"iso3": r.iso3, "country": r.country, **o.__dict__})
    t = pd.DataFrame(rows, columns=["iso3", "country", *Obligation.__dataclass_fields__])
    t = t.merge(obligated.drop(columns=["country"]), on="iso3", how="left")
    t["status_label"] = t["status"].map(ARTICLE5_STATUS)
    t["_rank"] = t["status"].map({s: i for i, s in enumerate(STATUSES)})
    t = t.sort_values(["_rank", "deadline", "country"], na_position="last").drop(columns="_rank")
    for col in ("original_deadline", "deadline", "completed", "requested"):
        t[col] = pd.to_datetime(t[col])
    return t.reset_index(drop=True)


def extension_steps(tracker: pd.DataFrame, events: pd.DataFrame, on) -> pd.DataFrame:
    """Each granted extension as a step of its state's deadline (iso3, country, status, start, end, how, decided):
    from the deadline it replaced to the one it set, as of `on`. A timeline draws these, so its bars are the same
    decisions the status is derived from."""
    rows = []
    seen = in_order(events[events["date"] <= pd.Timestamp(on)])
    by_state = {k: g for k, g in seen.groupby("iso3")}
    for r in tracker.itertuples(index=False):
        before = r.original_deadline
        for e in by_state.get(r.iso3, seen.iloc[0:0]).itertuples():
            grant = e.event == DECIDED and e.outcome in (GRANTED, INTERIM)
            if (grant or e.event == REOPENED) and pd.notna(e.deadline) and pd.notna(before):
                how = HOW[e.outcome if grant else REOPENED]
                rows.append({"iso3": r.iso3, "country": r.country, "status": r.status, "start": before,
                             "end": e.deadline, "how": how, "meeting": e.meeting, "decided": e.date})
                before = e.deadline
    steps = pd.DataFrame(rows, columns=["iso3", "country", "status", "start", "end", "how", "meeting", "decided"])
    for col in ("start", "end", "decided"):  # dates even with no step (no decision recorded yet)
        steps[col] = pd.to_datetime(steps[col])
    return steps


def contamination(article5: pd.DataFrame) -> pd.Series:
    """Latest anti-personnel mined-area estimate (km²) per State Party with Article 5 obligations."""
    rows = article5[article5["contamination_km2"].notna()]
    return rows.set_index("iso3")["contamination_km2"].astype("float64")


def article5_counts(tracker: pd.DataFrame) -> dict[str, int]:
    """How many states are in each status (every status present, zero included)."""
    counts = tracker["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}

