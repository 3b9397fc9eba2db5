"""Addresses as the browser sees them: static files and the view on screen (for citations)."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st


def static_url(name: str) -> str:
    """Address of a file in static/ as the browser sees it (honours server.baseUrlPath)."""
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base + '/' if base else ''}app/static/{name}"


def view_address(**query) -> str | None:
    """The address of what is on screen, query included, so a citation reopens the same view (`query`: with
    these parameters changed)."""
    base = st.context.url
    query = urlencode(st.query_params.to_dict() | query)
    return f"{base}?{query}" if base and query else base


def date_from_url(key: str, first: date, last: date) -> date:
    """?<key>=YYYY-MM-DD as a date between `first` and `last`; anything else (missing, mistyped, out of range) is
    `last`, the day a visit shows by default."""
    try:
        asked = date.fromisoformat(st.query_params.get(key, ""))
    except ValueError:
        return last
    return asked if first <= asked <= last else last


def date_to_url(key: str, on: date, default: date) -> None:
    """The date shown, in the URL; the default day is left out, so a link made today keeps following today."""
    if on == default:
        st.query_params.pop(key, None)
    else:  # written on every run, even when unchanged: the browser takes the address from the run's last message
        st.query_params[key] = on.isoformat()
