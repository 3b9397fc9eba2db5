"""Streamlit helpers shared by the pages: cached data access and the sources footer.

The only module besides app.py and pages/ that imports Streamlit.
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

import loaders
from treaty.status import timelines


@st.cache_data(show_spinner=False)
def treaty_timelines() -> pd.DataFrame:
    """Per-state decisive dates from the bundled membership and withdrawal data (read once per server)."""
    return timelines(loaders.load_membership(), loaders.load_withdrawals())


@st.cache_data(show_spinner=False)
def provenance(dataset: str) -> dict:
    return json.loads((loaders.DATA_DIR / f"{dataset}.meta.json").read_text(encoding="utf-8"))


def today() -> date:
    return date.today()


def sources_section(datasets: list[str]) -> None:
    """The sources behind what a page shows, with their caveats."""
    with st.expander("Sources and caveats", expanded=False):
        for d in datasets:
            meta = provenance(d)
            st.markdown(f"**{meta['title']}** — data runs to {meta.get('data_runs_to', 'n/a')}")
            for s in meta["sources"]:
                st.markdown(f"- {s['name']}: {s['report']} — <{s['url']}> (accessed {s['accessed']})")
            for c in meta.get("caveats", []):
                st.markdown(f"- _Caveat:_ {c}")
