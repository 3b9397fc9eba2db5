"""Streamlit helpers shared by the pages: cached data and figures, and small shared widgets.

The only module besides app.py and views/ that imports Streamlit. Everything cached here is the same for
every session (data, geometry, figures per date and region), so it is computed once per server.
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

import loaders
from charts.palette import BORDER, LABELS, STATUS_COLORS
from charts.treaty_map import SMALL_STATES_TRACE, animation_frames, hover_details, status_map
from loaders.countries import to_iso3
from loaders.geometry import load_borders, load_countries_geojson, load_points, load_regions
from treaty.atlas import Moment, features_on, key_moments, year_ends
from treaty.domino import Cascade, cascade, exposure
from treaty.impact import (article5_tracker, casualty_series, clearance_world, contamination, country_series,
                           latest_casualties)
from treaty.status import STATUS_LABELS, status_on, timelines


def today() -> date:
    return date.today()


# ------------------------------------------------------------------ data
@st.cache_data(show_spinner=False)
def treaty_timelines() -> pd.DataFrame:
    """Per-state decisive dates from the bundled membership and withdrawal data."""
    return timelines(loaders.load_membership(), loaders.load_withdrawals())


@st.cache_data(show_spinner=False)
def withdrawal_log() -> pd.DataFrame:
    return loaders.load_withdrawals()


@st.cache_data(show_spinner=False)
def key_moments_today(on: date) -> list[Moment]:
    """Key moments as of a day (once per server and day)."""
    return key_moments(treaty_timelines(), on)


@st.cache_data(show_spinner=False)
def provenance(dataset: str) -> dict:
    return json.loads((loaders.DATA_DIR / f"{dataset}.meta.json").read_text(encoding="utf-8"))


@st.cache_data(show_spinner=False)
def state_names() -> dict[str, str]:
    """ISO3 → name of every state in the membership data, sorted by name (for search boxes)."""
    tl = treaty_timelines().sort_values("name")
    return dict(zip(tl["iso3"], tl["name"]))


@st.cache_resource(show_spinner=False)
def geojson() -> dict:
    """Country outlines, read once per server (shared, read-only)."""
    return load_countries_geojson()


@st.cache_data(show_spinner=False)
def map_features() -> pd.DataFrame:
    """One row per map feature: iso3, name, small, lon, lat, region, details (static hover text)."""
    tl = treaty_timelines()
    f = load_points().merge(load_regions(), on="iso3")
    f = f[f["iso3"] != "ATA"]  # Antarctica is no state and only takes room
    names = dict(zip(tl["iso3"], tl["name"]))
    f["name"] = f["iso3"].map(names).fillna(f["name"])
    f["details"] = f["iso3"].map(hover_details(tl)).fillna("No treaty data for this territory or area")
    return f.reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=256)
def map_states(on: date, region: str) -> pd.DataFrame:
    f = map_features()
    states = features_on(treaty_timelines(), f, on)
    states["in_region"] = True if region == "World" else states["region"].eq(region)
    return states


@st.cache_data(show_spinner=False, max_entries=8)
def _frames(region: str, until: date) -> list[dict]:
    """The yearly animation frames (the same for every date shown): built once per region and day."""
    return animation_frames([(d, map_states(d, region)) for d in year_ends(until)], region)


@st.cache_resource(show_spinner=False, max_entries=128)
def map_figure(on: date, region: str, timelapse: bool = False) -> dict:
    """The map spec for a date and region (shared across sessions, never mutated). The yearly frames
    (~200 KB, and Streamlit validates every one on each rerun) come only with the time-lapse."""
    return status_map(static_url("countries.geojson"), map_states(on, region), on, region,
                      frames=_frames(region, today()) if timelapse else None)


def static_url(name: str) -> str:
    """Address of a file in static/ as the browser sees it (honours server.baseUrlPath)."""
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base + '/' if base else ''}app/static/{name}"


def plotly_config() -> dict:
    """Plotly looks for its base-map topojson here, not on a CDN (static/ holds an empty one: we draw our own)."""
    return {"topojsonURL": static_url(""), "displaylogo": False, "scrollZoom": False,
            "toImageButtonOptions": {"format": "png", "scale": 2}}


def country_from_url() -> None:
    """?country=UKR (or a name) opens that state's details; read once per session, then the box leads."""
    if "country" not in st.session_state:
        wanted = st.query_params.get("country")
        iso3 = to_iso3(wanted) if wanted else None
        st.session_state["country"] = iso3 if iso3 in state_names() else None


def country_to_url() -> None:
    iso3 = st.session_state.get("country")
    if iso3:
        st.query_params["country"] = iso3
    else:
        st.query_params.pop("country", None)


def select_from_map() -> None:
    """A click on the map opens that state's details (sets the search box, so the URL follows)."""
    event = st.session_state.get("map")
    points = event.selection.points if event else []
    if points:
        p = points[0]
        iso3 = p.get("location")  # a country shape
        if iso3 is None and p.get("curve_number") == SMALL_STATES_TRACE:  # a small-state dot, by its index
            small = map_features().query("small")["iso3"].tolist()
            iso3 = small[p["point_index"]] if p.get("point_index", -1) < len(small) else None
        if iso3 in state_names():
            st.session_state["country"] = iso3
            country_to_url()


@st.cache_data(show_spinner=False)
def extrusion(metric: str) -> tuple[pd.Series, str, str, str]:
    """Values for the 3D view, with the words that say where they come from."""
    if metric == "AP mine contamination":
        meta = provenance("article5")
        return (contamination(loaders.load_article5()), "AP mine contamination", "km²",
                "Height: latest anti-personnel mined-area estimate per State Party with Article 5 obligations "
                f"(dates vary by state). Source: {meta['title']}. States without an estimate are flat: no data.")
    year, values = latest_casualties(loaders.load_casualties_by_country())
    return (values, f"Recorded casualties {year}", "people",
            f"Height: casualties recorded by the Landmine Monitor in {year} (the most affected countries the "
            "reports name). Other states are flat: no data, not zero.")


# ------------------------------------------------------------------ humanitarian impact
@st.cache_data(show_spinner=False)
def casualties() -> pd.DataFrame:
    """Worldwide recorded casualties per year since 1999, gaps kept."""
    return casualty_series(loaders.load_casualties_global())


@st.cache_data(show_spinner=False)
def casualties_by_country() -> pd.DataFrame:
    return loaders.load_casualties_by_country()


@st.cache_data(show_spinner=False)
def named_country_years() -> pd.DataFrame:
    return country_series(casualties_by_country())


@st.cache_data(show_spinner=False)
def clearance() -> pd.DataFrame:
    return loaders.load_clearance_annual()


@st.cache_data(show_spinner=False)
def world_clearance() -> pd.DataFrame:
    return clearance_world(clearance())


@st.cache_data(show_spinner=False)
def article5() -> pd.DataFrame:
    return loaders.load_article5()


@st.cache_data(show_spinner=False)
def article5_today(on: date) -> pd.DataFrame:
    return article5_tracker(article5(), on)


def chart(spec: dict, sentence: str, key: str) -> None:
    """A chart with its sentence beneath: the sentence says what the chart shows and is its text alternative."""
    st.plotly_chart(spec, key=key, config=plotly_config(), width="stretch")
    st.caption(sentence)


# ------------------------------------------------------------------ domino
@st.cache_data(show_spinner=False)
def _domino_inputs():
    return load_borders(), loaders.load_alliances(), loaders.load_ap_mine_use()


@st.cache_data(show_spinner=False, max_entries=64)
def domino_exposure(on: date, weights: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    borders, alliances, mine_use = _domino_inputs()
    return exposure(treaty_timelines(), borders, alliances, mine_use, withdrawal_log(), on, dict(weights))


@st.cache_data(show_spinner=False, max_entries=64)
def domino_cascade(on: date, seeds: tuple[str, ...], threshold: float | None, peers: str) -> Cascade:
    borders, alliances, _ = _domino_inputs()
    return cascade(treaty_timelines(), borders, alliances, on, seeds, threshold, peers)


# ------------------------------------------------------------------ panels
def state_panel(iso3: str, on: date) -> None:
    """Details of one state: status on the date, the dates that decided it, its events, and sources."""
    tl = treaty_timelines().set_index("iso3")
    row = tl.loc[iso3]
    status = status_on(treaty_timelines(), on).set_index("iso3").loc[iso3]
    st.subheader(row["name"])
    st.markdown(f"**{STATUS_LABELS[status['status']]}** on {on:%-d %B %Y}")
    if status["suspension"]:
        text = f"{row['name']} notified a 'suspension' of the treaty ({row['suspension_claimed']:%-d %B %Y})."
        if status["suspension"] == "rejected":
            text += (" The States Parties found that the treaty allows no suspension and that "
                     f"{row['name']} remains bound ({row['suspension_rejected']:%-d %B %Y}).")
        else:
            text += " The treaty has no suspension clause; the claim is contested."
        st.warning(text)
    dates = {"Signed": row["signed"], "Instrument deposited": row["deposited"], "In force": row["in_force"],
             "Withdrawal notified": row["withdrawal_received"], "Withdrawal effective": row["withdrawal_effective"]}
    lines = [f"- {k}: {v:%-d %B %Y}" for k, v in dates.items() if pd.notna(v)]
    st.markdown("\n".join(lines) if lines else "Never signed or joined.")
    if row["note"]:
        st.caption(row["note"])
    st.markdown(f"Source: [{row['report']}]({row['source_url'].split(' | ')[0]})")
    events = withdrawal_log()
    events = events[events["iso3"] == iso3].sort_values("date")
    if len(events):
        with st.expander(f"Withdrawal steps and statements ({len(events)})"):
            for e in events.itertuples():
                when = f"{e.date:%-d %b %Y}" + ("" if e.date_certainty == "exact" else f" ({e.date_certainty.replace('_', ' ')})")
                st.markdown(f"**{when}** · {e.event.replace('_', ' ')} — {e.detail} "
                            f"[{e.report}]({e.source_url.split(' | ')[0]})")
    a, b = st.columns(2)
    a.page_link("views/country.py", label="Full profile: casualties, clearance, sources", icon=":material/flag:",
                query_params={"country": iso3})
    b.button("Close", key="close-panel", on_click=_close_panel)


def _close_panel() -> None:
    st.session_state["country"] = None
    country_to_url()


def status_legend(counts: dict[str, int]) -> None:
    """A legend of status colours with counts (for views whose chart has no legend of its own)."""
    st.markdown(" ".join(
        f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{STATUS_COLORS[s]};"
        f"border:1px solid {BORDER};margin:0 0.3em 0 0.8em'></span>{LABELS[s]}: {counts[s]}"
        for s in LABELS if counts[s]), unsafe_allow_html=True)


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

