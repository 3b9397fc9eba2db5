"""Cached data and figures, computed once per server and data version (never per session).

What `st.cache_resource` returns is shared by every session's thread: it must never be mutated."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import i18n
import loaders
from charts.atlas import (
    focus_on,
    hover_details,
    status_map,
)
from charts.domino import withdrawal_timeline
from charts.membership import parties_step_chart
from charts.story import StepView, StoryData, step_view
from i18n import _
from loaders.geometry import (
    load_base_topology,
    load_borders,
    load_countries_geojson,
    load_points,
    load_regions,
)
from loaders.story import Step, read_steps
from paths import STORY_FILE
from treaty.article5 import article5_tracker, contamination, extension_steps
from treaty.atlas import Moment, features_on, key_moments, timelapse_dates
from treaty.domino import Cascade, cascade, exposure
from treaty.impact import (
    casualty_series,
    clearance_world,
    country_series,
    latest_casualties,
)
from treaty.sentences import missing
from treaty.status import (
    first_decline,
    parties_over_time,
    peak,
    timelines,
)
from ui.urls import static_url
from ui.versions import frame, published_frame, versioned


def _names_in_language(f: pd.DataFrame, column: str) -> pd.DataFrame:
    """States named in the visitor's language (CLDR, through Babel); English keeps the names as recorded."""
    if i18n.current() == i18n.SOURCE or f.empty:
        return f
    f = f.copy()
    f[column] = [i18n.country_name(c, n) for c, n in zip(f["iso3"], f[column], strict=True)]
    return f


def _by_name(names: pd.Series) -> pd.Series:
    """A sort key that files "Égypte" under E, as a reader looks for it."""
    return names.map(lambda n: unicodedata.normalize("NFKD", str(n)).encode("ascii", "ignore").decode().casefold())


@versioned()
def treaty_timelines() -> pd.DataFrame:
    """Per-state decisive dates from the bundled membership and withdrawal data."""
    return _names_in_language(timelines(frame("membership"), frame("withdrawals")), "name")


@versioned()
def withdrawal_log() -> pd.DataFrame:
    return frame("withdrawals")


@versioned()
def key_moments_today(on: date) -> list[Moment]:
    """Key moments as of a day (once per server and day)."""
    return key_moments(treaty_timelines(), on)


@versioned()
def timelapse_today(on: date) -> list[date]:
    """The time-lapse's frames as of a day (treaty.atlas.timelapse_dates)."""
    return timelapse_dates(treaty_timelines(), on)


@st.cache_data(show_spinner=False)
def _sidecar(dataset: str) -> dict:
    return loaders.provenance(dataset)


def provenance(dataset: str, published_only: bool = False) -> dict:
    """The dataset's sidecar, its data_runs_to following the version shown (or the published one): a version with
    later rows than the curated file moves it on, so a citation never says the data stops before its rows do."""
    meta = _sidecar(dataset)
    later = loaders.runs_to(published_frame(dataset) if published_only else frame(dataset), dataset)
    if later and later > str(meta.get("data_runs_to", "")):
        meta = {**meta, "data_runs_to": later}
    return meta


@versioned()
def state_names() -> dict[str, str]:
    """ISO3 → name of every state in the membership data, sorted by name (for search boxes)."""
    tl = treaty_timelines().sort_values("name", key=_by_name)
    return dict(zip(tl["iso3"], tl["name"], strict=True))


def state_codes_by_any_name() -> dict[str, str]:
    """Every state's name in each of our languages → its code: a link names states as the page it was made on
    showed them, in that page's language."""
    codes = {}
    for lang in i18n.LANGUAGES:
        with i18n.speaking(lang):
            codes.update({name: iso3 for iso3, name in state_names().items()})
    return codes


@st.cache_resource(show_spinner=False)
def base_topology() -> str:
    """Plotly's (empty) base-map topology, for offline HTML files."""
    return load_base_topology()


@st.cache_resource(show_spinner=False)
def geojson() -> dict:
    """Country outlines, read once per server (shared, read-only)."""
    return load_countries_geojson()


@versioned()
def map_features() -> pd.DataFrame:
    """One row per map feature: iso3, name, small, lon, lat, region, details (static hover text)."""
    tl = treaty_timelines()
    f = load_points().merge(load_regions(), on="iso3")
    f = f[f["iso3"] != "ATA"]  # Antarctica is no state and only takes room
    names = dict(zip(tl["iso3"], tl["name"], strict=True))
    # as text even when no state has data (an empty membership maps every code to a float NaN)
    f["name"] = f["iso3"].map(names).astype(object).fillna(_names_in_language(f, "name")["name"])
    nothing = _("No treaty data for this territory or area")
    f["details"] = f["iso3"].map(hover_details(tl)).astype(object).fillna(nothing)
    return f.reset_index(drop=True)


@versioned(max_entries=256)
def map_states(on: date, region: str) -> pd.DataFrame:
    f = map_features()
    states = features_on(treaty_timelines(), f, on)
    dated = hover_details(treaty_timelines(), on)  # the hover says what was known on the day shown
    states["details"] = states["iso3"].map(dated).astype(object).fillna(states["details"])
    states["in_region"] = True if region == "World" else states["region"].eq(region)
    return states


@versioned(max_entries=128, cache=st.cache_resource)
def map_figure(on: date, region: str, phone: bool = False) -> go.Figure:
    """The map for a date and region, validated once and shared across sessions. A Figure, not a dict:
    given a dict, st.plotly_chart validates it with plotly, which briefly pops each trace's "type" out of
    the dict it is given, so two sessions drawing one shared dict at once could see a trace without its
    type (the load test caught it). A Figure is only read (copied to a dict) on each draw."""
    return go.Figure(status_map(static_url("countries.geojson"), map_states(on, region), on, region, phone=phone))


@versioned(max_entries=128, cache=st.cache_resource)
def focused_map_figure(on: date, region: str, iso3: str, phone: bool = False) -> go.Figure:
    """The map with a chosen state outlined and brought into view (charts.atlas.focus_on)."""
    features = map_features().set_index("iso3")
    if iso3 not in features.index:  # a state in the data with no outline on the map: nothing to point at
        return map_figure(on, region, phone)
    state = features.loc[iso3].copy()
    state["iso3"] = iso3
    return go.Figure(focus_on(map_figure(on, region, phone).to_plotly_json(), state))


@versioned()
def extrusion(metric: str) -> tuple[pd.Series, str, str, str, str]:
    """Values for the 3D view, with the words that say where they come from, and what a flat state means."""
    if metric == "AP mine contamination":  # the option's value (views/atlas.py shows it translated)
        meta = provenance("article5")
        return (contamination(frame("article5")), _("AP mine contamination"), "km²",
                _("Height: latest anti-personnel mined-area estimate per State Party with Article 5 obligations "
                  "(dates vary by state). Source: {title}. States without an estimate are flat: no data.")
                .format(title=_(meta["title"])),
                _("no estimate in the data"))
    year, values = latest_casualties(frame("casualties_by_country"))
    # TRANSLATORS: the unit of the 3D view's heights: recorded casualties ("1,234 people")
    people = _("people")
    if year is None:
        absent = missing("casualties_by_country", empty=frame("casualties_by_country").empty)
        return values, _("Recorded casualties"), people, absent, _("no data")
    listed = int(values.notna().sum())
    return (values, _("Recorded casualties {year}").format(year=year), people,
            # TRANSLATORS: {n} is how many countries the Landmine Monitor's report lists: always many
            _("Height: casualties recorded by the Landmine Monitor in {year}, for the {n} most affected countries "
              "its report lists. Other states are flat: not in that list, which is not zero.")
            .format(year=year, n=i18n.number(listed)),
            _("not among the {n} countries the {year} report lists (not zero)").format(year=year,
                                                                                         n=i18n.number(listed)))


@versioned()
def casualties() -> pd.DataFrame:
    """Worldwide recorded casualties per year since 1999, gaps kept."""
    return casualty_series(frame("casualties_global"))


@versioned()
def casualties_by_country() -> pd.DataFrame:
    return _names_in_language(frame("casualties_by_country"), "country")


@versioned()
def named_country_years() -> pd.DataFrame:
    return country_series(casualties_by_country())


@versioned()
def clearance() -> pd.DataFrame:
    return frame("clearance_annual")


@versioned()
def world_clearance() -> pd.DataFrame:
    return clearance_world(clearance())


@versioned()
def article5() -> pd.DataFrame:
    return _names_in_language(frame("article5"), "country")


@versioned()
def article5_events() -> pd.DataFrame:
    return frame("article5_events")


@versioned()
def article5_steps(on: date) -> pd.DataFrame:
    """Each granted extension as a step of its state's deadline, as of `on` (what the Article 5 timeline draws)."""
    return extension_steps(article5_today(on), article5_events(), on)


@versioned()
def article5_today(on: date) -> pd.DataFrame:
    """Every State Party with Article 5 obligations and its status on `on` (treaty.article5)."""
    return article5_tracker(article5(), article5_events(), treaty_timelines(), on)


@versioned()
def _domino_inputs():
    return load_borders(), frame("alliances"), frame("ap_mine_use")


@versioned(cache=st.cache_resource, max_entries=4)
def domino_timeline() -> go.Figure:
    """The withdrawal timeline, built once per data version (a Figure: shared, only read)."""
    return go.Figure(withdrawal_timeline(withdrawal_log(), treaty_timelines()))


@versioned(cache=st.cache_resource, max_entries=8)
def treaty_size_charts(on: date) -> tuple[go.Figure, go.Figure, tuple | None, int]:
    """The treaty's size since 1997 and its close-up since mid-2024, the first decline and the peak."""
    series = parties_over_time(treaty_timelines(), on)
    decline = first_decline(series)
    recent = parties_over_time(treaty_timelines(), on, start="2024-06-01")
    return (parties_step_chart(series, pending=True, height=360),
            parties_step_chart(recent, decline, pending=True, height=360, zero=False),
            decline, peak(series).parties if peak(series) else 0)


@versioned(max_entries=64)
def domino_exposure(on: date, weights: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    borders, alliances, mine_use = _domino_inputs()
    return exposure(treaty_timelines(), borders, alliances, mine_use, withdrawal_log(), on, dict(weights))


@versioned(max_entries=64)
def domino_cascade(on: date, seeds: tuple[str, ...], threshold: float | None, peers: str, overseas: bool = False,
                   weighted: bool = False) -> Cascade:
    borders, alliances, _ = _domino_inputs()
    return cascade(treaty_timelines(), borders, alliances, on, seeds, threshold, peers, overseas=overseas,
                   weighted=weighted)


@st.cache_data(show_spinner=False, max_entries=4)
def _steps(changed: float) -> list[Step]:
    return read_steps()


def story_steps() -> list[Step]:
    """The steps of story/story.csv (read again whenever the file changes: advocates edit it), titled in the
    visitor's language (the titles are in the catalogues: `python -m i18n update` reads story.csv)."""
    return [replace(s, title=_(s.title)) for s in _steps(STORY_FILE.stat().st_mtime)]


# 560 px: on a 16:9 projector the whole step, title and sentence included, fits one screen (a browser test checks)
STORY_HEIGHT = 560


@versioned(cache=st.cache_resource, max_entries=32)
def story_view(step: Step, on: date, height: int) -> StepView:
    """A step's figure and sentence, built once per data version (the figure as a shared, read-only Figure)."""
    data = StoryData(treaty_timelines(), map_features(), casualties(), article5(), article5_events(),
                     provenance("membership").get("ottawa_signatories"))
    v = step_view(step, data, on, static_url("countries.geojson"), height)
    return StepView(v.step, v.sentence, go.Figure(v.figure), v.datasets)
