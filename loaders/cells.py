"""One cell of an analyst's file to its canonical text: numbers with the file's own decimal mark, dates in the
formats people type (day-first only where the column shows it). Pure: strings in, strings out."""
from __future__ import annotations

import re

import pandas as pd
from babel.dates import get_month_names

import i18n
from i18n import _

_EU = re.compile(r"^-?\d+,\d{1,2}$|^-?\d+,\d{4,}$|^-?\d{1,3}(\.\d{3})+,\d+$|^-?\d{1,3}(\.\d{3}){2,}$")
_EN = re.compile(r"^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$|^-?\d{1,3}(,\d{3})+\.\d+$|^-?\d{1,3}(,\d{3}){2,}$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def decimal_mark(cells: list[str], delimiter: str) -> str | None:
    """'.' or ',' as the file's numbers show it; None when they disagree. With no telling number,
    a semicolon-separated file is taken to be from a decimal-comma locale (as Excel writes them)."""
    eu = any(_EU.match(c) for c in cells)
    en = any(_EN.match(c) for c in cells)
    if eu and en:
        return None
    if eu:
        return ","
    if en:
        return "."
    return "," if delimiter == ";" else "."


def canonical_number(cell: str, decimal: str) -> tuple[str | None, bool]:
    """A number as plain digits with a dot for decimals (None if it is not one), and whether it was a percent."""
    s = _SPACES.sub("", cell)
    percent = s.endswith("%")
    s = s.rstrip("%")
    if decimal == ",":
        if not re.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", s):
            return None, percent
        s = s.replace(".", "").replace(",", ".")
    else:
        if not re.fullmatch(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", s):
            return None, percent
        s = s.replace(",", "")
    if percent:
        s = repr(float(s) / 100)
    return s, percent


# ------------------------------------------------------------------ dates
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$")
_WORDY = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d %B, %Y")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def date_order(cells: list[str]) -> str | None:
    """'dmy' or 'mdy' where the column's own dates tell (a part above 12); None where none tells.
    'conflict' when some say one and some the other."""
    day_first = month_first = False
    for c in cells:
        m = _DMY.match(c)
        if not m:
            continue
        a, sep, b = int(m.group(1)), m.group(2), int(m.group(3))
        if sep == "." or a > 12:
            day_first = True
        if b > 12 and sep != ".":
            month_first = True
    if day_first and month_first:
        return "conflict"
    return "dmy" if day_first else "mdy" if month_first else None


def canonical_date(cell: str, order: str | None) -> tuple[str | None, str | None]:
    """YYYY-MM-DD, or None and the reason it cannot be read without guessing."""
    m = _ISO.match(cell)
    if m:
        y, mo, d = m.groups()
        return _valid(int(y), int(mo), int(d))
    m = _DMY.match(cell)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        if sep == ".":
            return _valid(y, b, a)
        if order == "conflict":
            return None, _("this column mixes day-first and month-first dates: write every date as YYYY-MM-DD")
        if order is None and a != b:
            return None, _ambiguous(a, b, y)
        return _valid(y, b, a) if order in ("dmy", None) else _valid(y, a, b)
    for fmt in _WORDY:
        try:
            return pd.to_datetime(cell, format=fmt).strftime("%Y-%m-%d"), None
        except (ValueError, TypeError):
            continue
    return None, None


def _ambiguous(a: int, b: int, y: int) -> str:
    """Why a/b/y cannot be read without guessing: both readings, and how to write each."""
    months = get_month_names("wide", locale=i18n.babel_locale())  # English: MONTHS

    def month(m: int) -> str:
        return months[m] if m <= 12 else "?"

    # TRANSLATORS: a date typed as 03/12/1997: "could be 3 December or 12 March 1997: write it as 1997-12-03 or
    # 1997-03-12"; {month} and {other_month} are month names, {date} and {other_date} the ISO dates to write
    return _("could be {day} {month} or {other_day} {other_month} {year}: write it as {date} or {other_date}").format(
        day=a, month=month(b), other_day=b, other_month=month(a), year=y, date=f"{y}-{b:02d}-{a:02d}",
        other_date=f"{y}-{a:02d}-{b:02d}")


def _valid(y: int, m: int, d: int) -> tuple[str | None, str | None]:
    try:
        return pd.Timestamp(year=y, month=m, day=d).strftime("%Y-%m-%d"), None
    except (ValueError, OverflowError):
        return None, _("no such day in the calendar: check day and month")


# ------------------------------------------------------------------ the table
