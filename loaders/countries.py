"""Country names and codes: ISO 3166-1 through pycountry, plus a small alias table.

Not country_converter: under pandas 3 it reads Namibia's "NA" as missing.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import pycountry

import i18n
from i18n import N_, _

# Codes outside ISO 3166-1, stable within this project (ISO reserves X.. for user assignment).
EXTRA_CODES = {
    "XKX": "Kosovo",
    "XNC": "Northern Cyprus",
    "XSL": "Somaliland",
    "XSG": "Siachen Glacier",
}
# Pseudo-codes some datasets use for rows that are not a state.
AGGREGATE_CODES = {
    "WLD": N_("World"),
    "INT": N_("International bodies"),
}

# Names analysts, sources and visitors use that pycountry does not know (or maps elsewhere), spelt as people
# write them: the files' reader matches them in any case and spacing, and the search boxes offer them
# ("Vatican → Holy See"). Both read this one table.
OTHER_NAMES = {
    "TUR": ["Turkey", "Türkiye", "Republic of Türkiye"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo, Dem. Rep.", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo", "Congo, Rep.", "Congo-Brazzaville"],
    "LAO": ["Lao PDR", "Laos", "Lao People's Democratic Republic"],
    "VAT": ["Holy See", "Vatican", "Vatican City"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "XKX": ["Kosovo"], "XNC": ["Northern Cyprus"], "XSL": ["Somaliland"],
    "FSM": ["Micronesia", "Federated States of Micronesia", "Micronesia, Federated States of"],
    "RUS": ["Russia"], "SYR": ["Syria"], "IRN": ["Iran"], "PRK": ["North Korea", "DPRK"],
    "KOR": ["South Korea", "Korea", "Republic of Korea", "Korea, Republic of"],
    "VNM": ["Vietnam", "Viet Nam"], "MDA": ["Moldova"], "TZA": ["Tanzania"], "BOL": ["Bolivia"],
    "VEN": ["Venezuela"], "CZE": ["Czech Republic", "Czechia"], "SWZ": ["Swaziland", "Eswatini"],
    "CPV": ["Cape Verde", "Cabo Verde"], "MKD": ["Macedonia", "North Macedonia"],
    "NLD": ["Netherlands, Kingdom of the", "The Netherlands", "Holland"],
    "BRN": ["Brunei"], "MMR": ["Burma"], "TLS": ["East Timor", "Timor-Leste"],
    "USA": ["United States", "USA", "US", "United States of America"],
    "GBR": ["UK", "United Kingdom", "Great Britain", "Britain"],
    "GMB": ["Gambia", "The Gambia"], "BHS": ["Bahamas", "The Bahamas"],
    "STP": ["São Tomé", "São Tomé and Príncipe"],
    "KNA": ["Saint Kitts and Nevis"], "LCA": ["Saint Lucia"], "VCT": ["Saint Vincent and the Grenadines"],
    "ATG": ["Antigua"], "BIH": ["Bosnia", "Bosnia-Herzegovina"], "ARE": ["UAE", "Emirates"],
    "COK": ["Cook Islands"], "NIU": ["Niue"], "TWN": ["Taiwan"],
}


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^st ", "saint ", s)
    s = re.sub(r" st ", " saint ", s)
    return s


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                idx.setdefault(_key(v), c.alpha_3)
    for code, name in {**EXTRA_CODES, **AGGREGATE_CODES}.items():
        idx[_key(name)] = code
    idx.update({_key(name): code for code, names in OTHER_NAMES.items() for name in names})
    return idx


def other_names(iso3: str, shown: str) -> list[str]:
    """Names people type for a state besides the one shown: ours, and pycountry's short names (not the official
    "Republic of …", which nobody types and which would double every state in a search list).

    >>> other_names("MMR", "Myanmar"), other_names("VAT", "Holy See")
    (['Burma'], ['Vatican', 'Vatican City', 'Holy See (Vatican City State)'])
    """
    c = pycountry.countries.get(alpha_3=iso3)
    names = [*OTHER_NAMES.get(iso3, []), *(getattr(c, a, None) for a in ("name", "common_name") if c is not None)]
    seen, out = {_key(shown)}, []
    for n in names:
        if n and _key(n) not in seen:
            seen.add(_key(n))
            out.append(n)
    return out


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every ISO3 code a state may have here (ISO 3166-1 plus the project's own codes)."""
    return frozenset({c.alpha_3 for c in pycountry.countries} | set(EXTRA_CODES))


def to_iso3(text: str | None) -> str | None:
    """ISO3 code for a name or an alpha-2/alpha-3/numeric code; None if unknown.

    >>> to_iso3("NA"), to_iso3("Türkiye"), to_iso3("DR Congo")
    ('NAM', 'TUR', 'COD')
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    up = raw.upper()
    if up in known_codes() or up in AGGREGATE_CODES:
        return up
    if len(up) == 2 and up.isalpha():
        c = pycountry.countries.get(alpha_2=up)
        if c:
            return c.alpha_3  # else a short name, "UK"

    if up.isdigit():
        c = pycountry.countries.get(numeric=up.zfill(3))
        return c.alpha_3 if c else None
    return _index().get(_key(raw))


def name_of(iso3: str) -> str:
    """A display name for a code (pycountry's common name where it has one)."""
    if iso3 in EXTRA_CODES:
        return EXTRA_CODES[iso3]
    if iso3 in AGGREGATE_CODES:
        return AGGREGATE_CODES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return iso3
    return getattr(c, "common_name", None) or c.name


def shown_name(iso3: str) -> str:
    """`name_of` in the visitor's language: a state's name from CLDR (i18n.country_name), a pseudo-code's label
    translated; in English, name_of itself."""
    if iso3 in AGGREGATE_CODES:
        return _(AGGREGATE_CODES[iso3])
    return i18n.country_name(iso3, name_of(iso3))


def suggest(text: str, n: int = 3) -> list[str]:
    """Closest known names to a name that did not match, e.g. for a validation message."""
    idx = _index()
    keys = difflib.get_close_matches(_key(text), list(idx), n=n * 3, cutoff=0.6)
    seen: list[str] = []
    for k in keys:
        label = f"{name_of(idx[k])} ({idx[k]})"
        if label not in seen:
            seen.append(label)
    return seen[:n]
