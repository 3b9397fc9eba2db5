"""Articles 17 and 20 as date arithmetic."""
from datetime import date

import pytest

from treaty.rules import (
    ArmedConflict,
    add_months,
    entry_into_force,
    withdrawal_effective,
)


@pytest.mark.parametrize("deposited, expected", [
    (date(1997, 12, 3), date(1999, 3, 1)),    # Canada, first day of signature
    (date(1998, 9, 16), date(1999, 3, 1)),    # the 40th instrument (Burkina Faso)
    (date(1998, 9, 17), date(1999, 3, 1)),    # after the 40th: first day of the sixth month after deposit
    (date(1998, 10, 1), date(1999, 4, 1)),
    (date(2025, 3, 12), date(2025, 9, 1)),    # Marshall Islands
    (date(2025, 6, 25), date(2025, 12, 1)),   # Tonga: party from 2025-12-01
    (date(2012, 12, 27), date(2013, 6, 1)),   # Poland
    (date(2017, 12, 29), date(2018, 6, 1)),   # Palestine
    (date(2011, 7, 31), date(2012, 1, 1)),    # month arithmetic across a year end
])
def test_article17_entry_into_force(deposited, expected):
    assert entry_into_force(deposited) == expected


@pytest.mark.parametrize("received, expected", [
    (date(2025, 6, 27), date(2025, 12, 27)),  # Estonia, Latvia, Lithuania
    (date(2025, 7, 10), date(2026, 1, 10)),   # Finland
    (date(2025, 8, 20), date(2026, 2, 20)),   # Poland
    (date(2025, 8, 31), date(2026, 2, 28)),   # no 31 February: the month's last day
])
def test_article20_six_months(received, expected):
    assert withdrawal_effective(received) == expected


def test_withdrawal_in_armed_conflict_stays_pending():
    ongoing = (ArmedConflict(date(2022, 2, 24)),)
    assert withdrawal_effective(date(2025, 7, 18), ongoing) is None


def test_withdrawal_takes_effect_when_armed_conflict_ends():
    ended = (ArmedConflict(date(2024, 1, 1), date(2026, 5, 31)),)
    assert withdrawal_effective(date(2025, 7, 18), ended) == date(2026, 6, 1)


def test_conflict_over_before_the_six_months_end_does_not_delay():
    over = (ArmedConflict(date(2024, 1, 1), date(2025, 9, 1)),)
    assert withdrawal_effective(date(2025, 7, 18), over) == date(2026, 1, 18)


def test_add_months_leap_year():
    assert add_months(date(2023, 8, 29), 6) == date(2024, 2, 29)
