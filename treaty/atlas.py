"""What the treaty map shows: every map feature's status on a date, and the moments worth jumping to."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

import i18n
from i18n import _, ngettext, pgettext
from treaty.rules import ENTRY_INTO_FORCE, OPENED_FOR_SIGNATURE
from treaty.status import BOUND, STATUSES, parties_over_time, peak, status_on

NO_DATA = "no_data"  # a map feature that is not among the states in the membership data (territories, Kosovo…)
MAP_STATUSES = STATUSES + (NO_DATA,)


def features_on(tl: pd.DataFrame, features: pd.DataFrame, on) -> pd.DataFrame:
    """`features` (iso3 + anything) with `status` and `suspension` on the date; features without data: no_data."""
    s = status_on(tl, on)[["iso3", "status", "suspension"]]
    out = features.merge(s, on="iso3", how="left")
    out["status"] = out["status"].fillna(NO_DATA)
    out["suspension"] = out["suspension"].astype(object).where(out["suspension"].notna(), None)
    return out


def status_counts(states: pd.DataFrame) -> dict[str, int]:
    """Number of features per map status, plus 'states_parties' (bound: party or withdrawal pending)."""
    counts = {k: int((states["status"] == k).sum()) for k in MAP_STATUSES}
    counts["states_parties"] = int(states["status"].isin(BOUND).sum())
    return counts


@dataclass(frozen=True)
class Moment:
    on: date
    label: str  # in the visitor's language (ui.key_moments_today is cached per language)


def key_moments(tl: pd.DataFrame, today: date) -> list[Moment]:
    """Dates a user may want one click away, derived from the data (plus the two fixed by the treaty)."""
    # TRANSLATORS: short buttons above the map, each followed by its month ("Opened · Dec 1997")
    moments = [Moment(OPENED_FOR_SIGNATURE, pgettext("key moment: the treaty", "Opened")),
               Moment(ENTRY_INTO_FORCE, pgettext("key moment: the treaty", "In force"))]
    # the first day the count of States Parties reached its peak
    top = peak(parties_over_time(tl, today))
    if top:
        # TRANSLATORS: a button above the map: the day the treaty had its most States Parties ("Peak: 166")
        moments.append(Moment(top.on, _("Peak: {parties}").format(parties=i18n.number(top.parties))))
    effective = tl.dropna(subset=["withdrawal_effective"]).groupby("withdrawal_effective")[["name", "iso3"]]
    for d, g in effective:
        if d.date() <= today:
            # one name fits on a button; several are given as codes
            who = g["name"].iloc[0] if len(g) == 1 else " ".join(sorted(g["iso3"]))
            # TRANSLATORS: a button above the map: {who} is one state's name, or several ISO3 codes ("EST LTU LVA")
            left = ngettext("{who} leaves", "{who} leave", len(g)).format(who=who)
            moments.append(Moment(d.date(), left))
    moments.append(Moment(today, _("Today")))
    return sorted(moments, key=lambda m: m.on)


def timelapse_dates(tl: pd.DataFrame, today: date) -> list[date]:
    """The time-lapse's frames: the end of each year while membership only grew, then every day the data says
    something changed from the first withdrawal notice on (the notices, the peak, each withdrawal taking effect)
    with the end of each month between them, so the months of "withdrawal pending" are seen; then today."""
    moments = {m.on for m in key_moments(tl, today)}
    notices = tl["withdrawal_received"].dropna()
    first = notices.min().date() if len(notices) else today
    days = {date(y, 12, 31) for y in range(OPENED_FOR_SIGNATURE.year, first.year)}
    days |= {d for d in moments if d < first}
    changes = pd.concat([tl[c].dropna() for c in ("withdrawal_received", "withdrawal_effective")])
    days |= {d.date() for d in changes}
    month_ends = pd.date_range(first, today, freq="ME")
    days |= {d.date() for d in month_ends} | {d for d in moments if d >= first}
    return sorted(d for d in days if OPENED_FOR_SIGNATURE <= d <= today)


def next_frame(frames: list[date], on: date) -> date | None:
    """The frame after the day shown, or None at the end (today)."""
    return next((d for d in frames if d > on), None)
