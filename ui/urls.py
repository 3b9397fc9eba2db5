"""Addresses as the browser sees them: static files and the view on screen (for citations)."""
from __future__ import annotations

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
