"""The Convention's own rules on dates (Articles 15, 17 and 20), as pure functions.

Article 17(1): the Convention entered into force on the first day of the sixth month after the month in
which the 40th instrument was deposited. The 40th was deposited on 16 September 1998 (Burkina Faso),
so entry into force was 1 March 1999.
Article 17(2): for a state depositing later, on the first day of the sixth month after the date of its deposit.
Article 20(3): withdrawal takes effect six months after the Depositary receives the instrument; but if the
withdrawing State Party is engaged in an armed conflict when those six months end, not before the armed
conflict ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

ADOPTED = date(1997, 9, 18)  # the treaty text was adopted in Oslo
OPENED_FOR_SIGNATURE = date(1997, 12, 3)
FORTIETH_DEPOSIT = date(1998, 9, 16)
ENTRY_INTO_FORCE = date(1999, 3, 1)
# Article 15: open for signature until entry into force; after that, states accede.
SIGNATURE_CLOSED = date(1999, 3, 1)
WITHDRAWAL_NOTICE_MONTHS = 6


def _first_of_sixth_month_after(d: date) -> date:
    m = d.month + 6
    return date(d.year + (m - 1) // 12, (m - 1) % 12 + 1, 1)


def entry_into_force(deposited: date) -> date:
    """Article 17: the date the Convention enters into force for a state that deposited on `deposited`.

    >>> entry_into_force(date(1998, 9, 16)), entry_into_force(date(2025, 6, 25))
    (datetime.date(1999, 3, 1), datetime.date(2025, 12, 1))
    """
    if deposited <= FORTIETH_DEPOSIT:
        return ENTRY_INTO_FORCE
    return _first_of_sixth_month_after(deposited)


def entry_into_force_series(deposited: pd.Series) -> pd.Series:
    """entry_into_force over a datetime Series (missing stays missing)."""
    return deposited.map(lambda t: pd.Timestamp(entry_into_force(t.date())) if pd.notna(t) else pd.NaT).astype(
        deposited.dtype if str(deposited.dtype).startswith("datetime64") else "datetime64[us]")


def add_months(d: date, months: int) -> date:
    """Same day `months` later; the month's last day where that day does not exist (31 Aug + 6 = 28/29 Feb)."""
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - date.resolution).day
    return date(y, m, min(d.day, last))


@dataclass(frozen=True)
class ArmedConflict:
    """A period in which a state is engaged in an armed conflict (end None: still going)."""

    start: date
    end: date | None = None

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def withdrawal_effective(received: date, conflicts: tuple[ArmedConflict, ...] = ()) -> date | None:
    """Article 20(3): when a withdrawal received by the Depositary on `received` takes effect.

    None means it has not taken effect and no date can be given yet (an armed conflict still going at the
    end of the six months). A conflict that ended gives the day after it ended.

    >>> withdrawal_effective(date(2025, 6, 27))
    datetime.date(2025, 12, 27)
    >>> withdrawal_effective(date(2025, 7, 18), (ArmedConflict(date(2022, 2, 24)),)) is None
    True
    """
    effective = add_months(received, WITHDRAWAL_NOTICE_MONTHS)
    for c in sorted(conflicts, key=lambda c: c.start):
        if c.covers(effective):
            if c.end is None:
                return None
            effective = c.end + date.resolution
    return effective
