"""The guided story's dates: the day each step shows, fixed by the treaty, by the data, or written in the file
(the steps themselves are read by loaders.story; their sentences are in treaty.sentences)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from treaty.rules import ENTRY_INTO_FORCE, OPENED_FOR_SIGNATURE
from treaty.status import parties_over_time, peak


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
        top = peak(parties_over_time(tl, today))
        return top.on if top else today
    if at in ("last_notice", "last_exit"):
        col = "withdrawal_received" if at == "last_notice" else "withdrawal_effective"
        days = tl[col].dropna()
        days = days[days <= pd.Timestamp(today)]
        return days.max().date() if len(days) else today
    return date.fromisoformat(at)


