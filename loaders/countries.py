"""Country names and codes: ISO 3166-1 through pycountry, plus a small alias table.

Not country_converter: under pandas 3 it reads Namibia's "NA" as missing.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import pycountry

# Codes outside ISO 3166-1, stable within this project (ISO reserves X.. for user assignment).
EXTRA_CODES = {
    "XKX": "Kosovo",
    "XNC": "Northern Cyprus",
    "XSL": "Somaliland",
    "XSG": "Siachen Glacier",
}
# Pseudo-codes some datasets use for rows that are not a state.
AGGREGATE_CODES = {
    "WLD": "World",
    "INT": "International bodies",
}

# Names analysts and sources use that pycountry does not know (or maps elsewhere).
COUNTRY_ALIASES = {
    "turkey": "TUR", "turkiye": "TUR", "republic of turkiye": "TUR",
    "ivory coast": "CIV", "cote d ivoire": "CIV",
    "dr congo": "COD", "drc": "COD", "democratic republic of the congo": "COD", "congo dem rep": "COD",
    "congo kinshasa": "COD", "republic of the congo": "COG", "congo": "COG", "congo rep": "COG",
    "congo brazzaville": "COG",
    "lao pdr": "LAO", "laos": "LAO", "lao people s democratic republic": "LAO",
    "holy see": "VAT", "vatican": "VAT", "vatican city": "VAT",
    "palestine": "PSE", "state of palestine": "PSE", "palestinian territories": "PSE",
    "kosovo": "XKX", "northern cyprus": "XNC", "somaliland": "XSL",
    "micronesia": "FSM", "federated states of micronesia": "FSM", "micronesia federated states of": "FSM",
    "russia": "RUS", "syria": "SYR", "iran": "IRN", "north korea": "PRK", "dprk": "PRK",
    "south korea": "KOR", "korea": "KOR", "republic of korea": "KOR", "korea republic of": "KOR",
    "vietnam": "VNM", "viet nam": "VNM", "moldova": "MDA", "tanzania": "TZA", "bolivia": "BOL",
    "venezuela": "VEN", "czech republic": "CZE", "czechia": "CZE", "swaziland": "SWZ", "eswatini": "SWZ",
    "cape verde": "CPV", "cabo verde": "CPV", "macedonia": "MKD", "north macedonia": "MKD",
    "netherlands kingdom of the": "NLD", "the netherlands": "NLD", "holland": "NLD",
    "brunei": "BRN", "burma": "MMR", "east timor": "TLS", "timor leste": "TLS",
    "united states": "USA", "usa": "USA", "us": "USA", "united states of america": "USA",
    "uk": "GBR", "united kingdom": "GBR", "great britain": "GBR", "britain": "GBR",
    "gambia": "GMB", "the gambia": "GMB", "bahamas": "BHS", "the bahamas": "BHS",
    "sao tome": "STP", "sao tome and principe": "STP",
    "saint kitts and nevis": "KNA", "saint lucia": "LCA", "saint vincent and the grenadines": "VCT",
    "antigua": "ATG", "bosnia": "BIH", "bosnia herzegovina": "BIH", "uae": "ARE", "emirates": "ARE",
    "cook islands": "COK", "niue": "NIU", "taiwan": "TWN",
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
    idx.update(COUNTRY_ALIASES)
    return idx


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
        return c.alpha_3 if c else None
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
