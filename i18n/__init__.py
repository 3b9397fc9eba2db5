"""The visitor's language: gettext catalogues (i18n/locale/<lang>/LC_MESSAGES/messages.po, compiled to .mo at
set-up), Babel for plural forms, dates and numbers, CLDR (through Babel) for country names.

English is the source language: a message's id is its English text, so English needs no catalogue.
Code says `_("…")` where a text is shown, with named `{placeholders}` filled by `.format` after translation,
`ngettext` where a count decides the words, and `N_("…")` to mark a text kept in a table and translated where
it is shown. A sentence is one catalogue entry (or whole clauses), never English fragments glued together.

The language is set once per script run at the edge (`use`, from ui.language) and read here by the pure code
below it; a context variable, so two visitors' threads never see each other's language. Anything cached that
holds words is keyed by `current()` too (ui.versions.versioned does it).
"""
from __future__ import annotations

import gettext
import logging
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from paths import LOCALE_DIR

log = logging.getLogger("mine_ban_treaty")

DOMAIN = "messages"
# Each language by its own name (how a selector offers it); the first is the source language.
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}
SOURCE = "en"
# Babel's locale for each language: British English writes "30 November 2026", as the app always has.
_BABEL = {"en": "en_GB", "fr": "fr", "es": "es"}

_current: ContextVar[str] = ContextVar("language", default=SOURCE)


def use(lang: str) -> str:
    """Speak `lang` from now on in this thread (an unknown one: English). Returns the language set."""
    lang = lang if lang in LANGUAGES else SOURCE
    _current.set(lang)
    return lang


def current() -> str:
    return _current.get()


class speaking:
    """`with speaking("fr"): …` (tests, the pack's builder): the language for a block, restored after it."""

    def __init__(self, lang: str):
        self.lang = lang

    def __enter__(self):
        self.token = _current.set(self.lang if self.lang in LANGUAGES else SOURCE)
        return self.lang

    def __exit__(self, *exc):
        _current.reset(self.token)


def best_match(accepted: str | None) -> str | None:
    """The first of our languages in a browser's locale or Accept-Language value ("fr-CH", "es-419,en;q=0.8")."""
    for part in (accepted or "").split(","):
        lang = part.split(";")[0].strip().split("-")[0].split("_")[0].lower()
        if lang in LANGUAGES:
            return lang
    return None


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language; compiled from its .po in memory when set-up has not compiled it (or
    the .po is newer), so a fresh checkout still speaks every language."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as f:
            return gettext.GNUTranslations(f)
    if not po.exists():
        log.warning("no catalogue for language %r: shown in English", lang)
        return gettext.NullTranslations()
    from i18n.catalogues import compiled
    log.info("catalogue %s compiled in memory (run `python -m i18n compile` at set-up)", po.name)
    return gettext.GNUTranslations(compiled(po))


def _(message: str) -> str:
    """`message` in the visitor's language (itself where the catalogue has no translation yet)."""
    return catalogue(current()).gettext(message) if message else message


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is defined; `_()` translates it where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The words for a count, by the language's own plural rule (French counts 0 and 1 as singular)."""
    return catalogue(current()).ngettext(singular, plural, int(n))


def pgettext(context: str, message: str) -> str:
    """A short text that means different things in different places ("Status" of a state, of a request)."""
    return catalogue(current()).pgettext(context, message)


def babel_locale() -> str:
    return _BABEL[current()]


# ------------------------------------------------------------------ dates and numbers, by the language's rules
def day(d) -> str:
    """30 November 2026 · 30 novembre 2026 · 30 de noviembre de 2026."""
    return format_date(_as_date(d), "long", locale=babel_locale())


def recorded_day(text) -> str:
    """A date recorded as text in a sidecar ("2026-02-20") said as a day; any other text as it is.

    >>> with speaking("fr"): recorded_day("2026-02-20"), recorded_day("about 2024")
    ('20 février 2026', 'about 2024')
    """
    try:
        return day(date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def short_day(d) -> str:
    """5 Dec 2025 · 5 déc. 2025 · 5 dic 2025 (English keeps "Sep": CLDR's British "Sept" is not how the app writes it)."""
    d = _as_date(d)
    if current() == SOURCE:
        return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    return format_date(d, "medium", locale=babel_locale())


def month(d) -> str:
    """November 2026 · novembre 2026 · noviembre de 2026."""
    return format_skeleton("yMMMM", _as_date(d), locale=babel_locale())


def short_month(d) -> str:
    """Nov 2026 · nov. 2026 · nov 2026."""
    d = _as_date(d)
    if current() == SOURCE:
        return f"{_EN_MONTHS[d.month - 1]} {d.year}"
    return format_skeleton("yMMM", d, locale=babel_locale())


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(x, digits: int = 0) -> str:
    """6,279 · 6 279 · 6.279; `digits` after the decimal mark, always shown."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(_exact(x), format=pattern, locale=babel_locale(), decimal_quantization=True)


def percent(share: float) -> str:
    """A share (0.8) as 80% · 80 % · 80 %."""
    return format_percent(_exact(share), locale=babel_locale())


def _exact(x):
    """A float as its exact value, rounded as Python's own formatting rounds it (Babel would round its repr)."""
    return Decimal(x) if isinstance(x, float) else x


def listing(items) -> str:
    """A, B and C · A, B et C · A, B y C."""
    items = [str(i) for i in items]
    return format_list(items, locale=babel_locale()) if items else ""


# plotly formats the numbers it prints itself (%{y:,}, tick labels) with the figure's layout.separators: the
# decimal mark, then the group separator
_SEPARATORS = {"en": ".,", "fr": ",\u202f", "es": ",."}


def separators() -> str:
    """layout.separators for plotly in the visitor's language (every figure builder sets it)."""
    return _SEPARATORS[current()]


def _as_date(d) -> date:
    return d.date() if hasattr(d, "date") and callable(d.date) else d


# ------------------------------------------------------------------ names of states and languages
@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(_BABEL[lang]).territories)


@cache
def _alpha2(iso3: str) -> str | None:
    import pycountry
    if iso3 == "XKX":  # Kosovo has no ISO code; CLDR names it under the user-assigned XK
        return "XK"
    found = pycountry.countries.get(alpha_3=iso3)
    return found.alpha_2 if found else None


def country_name(iso3: str, recorded: str) -> str:
    """A state's name in the visitor's language, from CLDR; in English, and for a code CLDR does not know, the name
    as recorded in the data."""
    if current() == SOURCE:
        return recorded
    code = _alpha2(iso3) if isinstance(iso3, str) else None
    return _territories(current()).get(code, recorded) if code else recorded


def language_name(lang: str) -> str:
    return LANGUAGES[lang]
