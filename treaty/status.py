"""Status of every state on any date, derived from dated facts (never stored).

Inputs are the validated frames from loaders (membership and the withdrawal event log). A state is:
- withdrawn           once its withdrawal has taken effect (Article 20);
- withdrawal_pending  from the Depositary's receipt of its withdrawal until then: still a State Party, still bound;
- state_party         from the Convention's entry into force for it (Article 17);
- not_yet_in_force    between depositing its instrument and entry into force;
- signatory           after signing, before depositing;
- not_party           otherwise.
A State Party that claimed to "suspend" the Convention carries a `suspension` flag: "claimed", then
"rejected" once the States Parties found that the Convention allows no suspension.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from i18n import N_
from treaty.rules import ADOPTED, ArmedConflict, withdrawal_effective

STATE_PARTY = "state_party"
WITHDRAWAL_PENDING = "withdrawal_pending"
WITHDRAWN = "withdrawn"
NOT_YET_IN_FORCE = "not_yet_in_force"
SIGNATORY = "signatory"
NOT_PARTY = "not_party"

STATUSES = (STATE_PARTY, WITHDRAWAL_PENDING, WITHDRAWN, NOT_YET_IN_FORCE, SIGNATORY, NOT_PARTY)
# The labels stay English in frames and CSVs (status_periods' `label`, the charts' categories): shown through _()
STATUS_LABELS = {
    STATE_PARTY: N_("State Party"),
    WITHDRAWAL_PENDING: N_("Withdrawal pending"),
    WITHDRAWN: N_("Withdrawn"),
    NOT_YET_IN_FORCE: N_("Joined, not yet in force"),
    SIGNATORY: N_("Signatory"),
    NOT_PARTY: N_("Not party"),
}
# Statuses in which a state is bound by the Convention: a state whose withdrawal is pending is still a party.
BOUND = (STATE_PARTY, WITHDRAWAL_PENDING)


def _first_event(withdrawals: pd.DataFrame, event: str) -> pd.Series:
    ev = withdrawals[withdrawals["event"] == event]
    return ev.groupby("iso3")["date"].min()


def timelines(membership: pd.DataFrame, withdrawals: pd.DataFrame,
              conflicts: Mapping[str, tuple[ArmedConflict, ...]] | None = None) -> pd.DataFrame:
    """One row per state with the dates that decide its status (and the membership row's source and note).

    withdrawal_effective is the date recorded in the log where there is one (a dated fact), otherwise the
    Article 20 date computed from the Depositary's receipt; NaT while an armed conflict holds it (see
    `conflicts`, per ISO3).
    """
    conflicts = conflicts or {}
    t = membership[["iso3", "name", "signature_date", "consent_date", "consent_type", "entry_into_force_date",
                    "report", "source_url", "note"]].copy()
    t = t.rename(columns={"signature_date": "signed", "consent_date": "deposited", "entry_into_force_date": "in_force"})
    t = t.set_index("iso3")
    received = _first_event(withdrawals, "notification_deposited")
    recorded = _first_event(withdrawals, "effective")
    t["withdrawal_received"] = received.reindex(t.index)
    computed = {
        iso3: withdrawal_effective(d.date(), tuple(conflicts.get(iso3, ())))
        for iso3, d in t["withdrawal_received"].dropna().items()
    }
    t["withdrawal_effective"] = pd.Series(
        {iso3: pd.Timestamp(d) if d else pd.NaT for iso3, d in computed.items()}, dtype="datetime64[ns]"
    ).reindex(t.index)
    t["withdrawal_effective"] = recorded.reindex(t.index).fillna(t["withdrawal_effective"])
    t["suspension_claimed"] = _first_event(withdrawals, "suspended").reindex(t.index)
    t["suspension_rejected"] = _first_event(withdrawals, "suspension_rejected").reindex(t.index)
    return t.reset_index()


def status_on(tl: pd.DataFrame, on: date | str | pd.Timestamp) -> pd.DataFrame:
    """iso3, name, status and suspension flag of every state on the date `on`."""
    d = pd.Timestamp(on)
    le = lambda col: (tl[col] <= d).fillna(False).to_numpy(dtype=bool)  # noqa: E731
    withdrawn = le("withdrawal_effective")
    pending = le("withdrawal_received") & ~withdrawn
    party = le("in_force")
    status = np.select(
        [withdrawn, pending & party, party, le("deposited"), le("signed")],
        [WITHDRAWN, WITHDRAWAL_PENDING, STATE_PARTY, NOT_YET_IN_FORCE, SIGNATORY],
        default=NOT_PARTY,
    )
    bound = np.isin(status, BOUND)
    suspension = np.select(
        [bound & le("suspension_rejected"), bound & le("suspension_claimed")], ["rejected", "claimed"], default="")
    out = tl[["iso3", "name"]].copy()
    out["status"] = status
    # object dtype so "no flag" is None, not a NaN that reads as truthy
    out["suspension"] = pd.Series([v or None for v in suspension], index=tl.index, dtype=object)
    return out


def parties_on(tl: pd.DataFrame, on) -> list[str]:
    """ISO3 codes of the States Parties (bound by the Convention) on a date, sorted."""
    s = status_on(tl, on)
    return sorted(s.loc[s["status"].isin(BOUND), "iso3"])


def counts_on(tl: pd.DataFrame, on) -> dict[str, int]:
    """Number of states in each status on a date, plus 'states_parties' (bound) and 'signatories' (ever signed)."""
    s = status_on(tl, on)
    counts = {k: int((s["status"] == k).sum()) for k in STATUSES}
    counts["states_parties"] = counts[STATE_PARTY] + counts[WITHDRAWAL_PENDING]
    counts["signatories"] = int((tl["signed"] <= pd.Timestamp(on)).sum())
    return counts


def parties_over_time(tl: pd.DataFrame, end: date | str | pd.Timestamp,
                      start: date | str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Step series: on each date where a count changes, the number of States Parties, of those not
    leaving (a withdrawal counted from its notification: the pending decline, ahead of time), and of
    signatories. With `start`, only the window from `start` (its first row: the counts on that day).

    A state is bound from entry into force until its withdrawal takes effect (a pending withdrawal still
    binds), so the count is a running sum of +1 at entry into force and -1 at withdrawal; the same rule
    as `status_on`, which a test checks date by date.
    """
    end = pd.Timestamp(end)
    steps = pd.concat([
        pd.DataFrame({"date": tl["in_force"], "parties": 1, "staying": 1, "signed": 0}),
        pd.DataFrame({"date": tl["withdrawal_effective"], "parties": -1, "staying": 0, "signed": 0}),
        pd.DataFrame({"date": tl["withdrawal_received"], "parties": 0, "staying": -1, "signed": 0}),
        pd.DataFrame({"date": tl["signed"], "parties": 0, "staying": 0, "signed": 1}),
    ]).dropna(subset=["date"])
    cols = ["parties", "staying", "signed"]
    steps = steps[steps["date"] <= end].groupby("date")[cols].sum().cumsum()
    edges = [end] + ([pd.Timestamp(start)] if start is not None else [])
    steps = steps.reindex(steps.index.union(edges)).ffill().fillna(0).astype(int)
    if start is not None:  # a window: its first row holds the counts on `start`
        steps = steps[steps.index >= pd.Timestamp(start)]
    return pd.DataFrame({"date": steps.index, "states_parties": steps["parties"].to_numpy(),
                         "not_leaving": steps["staying"].to_numpy(), "signatories": steps["signed"].to_numpy()})


def first_decline(series: pd.DataFrame) -> tuple[pd.Timestamp, int, int] | None:
    """The first date the number of States Parties fell: (date, before, after), or None."""
    drops = series["states_parties"].diff() < 0
    if not drops.any():
        return None
    i = int(drops.to_numpy().argmax())
    return series["date"].iloc[i], int(series["states_parties"].iloc[i - 1]), int(series["states_parties"].iloc[i])


@dataclass(frozen=True)
class Peak:
    on: date      # the first day the treaty had its most States Parties
    parties: int


def peak(series: pd.DataFrame) -> Peak | None:
    """The most States Parties in a `parties_over_time` series and the first day it had them; None when no state
    was ever bound (an empty or not-yet-in-force series)."""
    if series.empty or series["states_parties"].max() <= 0:
        return None
    top = int(series["states_parties"].max())
    return Peak(series.loc[series["states_parties"] == top, "date"].min().date(), top)


def status_periods(tl: pd.DataFrame, iso3: str, until) -> pd.DataFrame:
    """A state's statuses on the treaty as periods (start, end, status), from the same rules as the map."""
    row = tl[tl["iso3"] == iso3]
    cols = ["signed", "deposited", "in_force", "withdrawal_received", "withdrawal_effective"]
    changes = sorted({pd.Timestamp(v) for v in row[cols].iloc[0] if pd.notna(v) and pd.Timestamp(v) <= pd.Timestamp(until)})
    start = pd.Timestamp(ADOPTED)
    points = [start] + [c for c in changes if c > start]
    out = []
    for a, b in zip(points, points[1:] + [pd.Timestamp(until)], strict=True):
        s = status_on(row, a).iloc[0]["status"]
        if out and out[-1]["status"] == s:
            out[-1]["end"] = b
        else:
            out.append({"start": a, "end": b, "status": s, "label": STATUS_LABELS[s]})
    return pd.DataFrame(out)
