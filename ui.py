"""Streamlit helpers shared by the pages: cached data and figures, and small shared widgets.

The only module besides app.py and views/ that imports Streamlit. Everything cached here is the same for
every session (data, geometry, figures per date and region), so it is computed once per server.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import time
from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import loaders
from charts.domino import withdrawal_timeline
from charts.export import citation, figure_table
from charts.pack import pack_html
from charts.story import StepView, StoryData, step_view
from charts.membership import parties_step_chart
from charts.palette import BORDER, LABELS, STATUS_COLORS
from charts.treaty_map import SMALL_STATES_TRACE, animation_frames, hover_details, status_map
from loaders.countries import to_iso3
from loaders.validation import DataError, check
from publish.access import Gate, configured_secret
from publish.config import database_url, nothing_published
from publish.safe import safe_csv
from loaders.geometry import load_borders, load_countries_geojson, load_points, load_regions
from treaty.atlas import Moment, features_on, key_moments, year_ends
from treaty.domino import Cascade, cascade, exposure
from treaty.impact import (article5_tracker, casualty_series, clearance_world, contamination, country_series,
                           latest_casualties)
from treaty.status import STATUS_LABELS, first_decline, parties_over_time, status_on, timelines
from treaty.story import STORY_FILE, Step, read_steps


def today() -> date:
    return date.today()


# ------------------------------------------------------------------ presenter mode
PRESENTER_CSS = """<style>
html { font-size: 24px; }  /* Streamlit sizes its text in rem: the whole page scales with the root */
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1rem; }  /* body text: 24 px */
[data-testid="stCaptionContainer"] { font-size: 0.9rem; opacity: 1 !important; }  /* projectors wash out greys */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2rem !important; }
</style>"""


# WCAG AA text contrast, measured on every page in light and dark (tests/browser/test_accessibility.py):
# Streamlit fades captions and shortcut hints to 60% (3.9:1 on white); plotly's axis and legend text is a grey
# of 3.7:1 on white. Axis, legend and title text take the page's own text colour instead (either theme).
ACCESSIBLE_CSS = """<style>
[data-testid="stCaptionContainer"], [data-has-shortcut] kbd { opacity: 0.8 !important; }
/* chosen options in a multiselect: outlined in the text colour (white on the accent fails AA in one theme) */
[data-testid="stMultiSelectTagsContainer"] span { background-color: transparent !important; color: inherit !important; }
[data-testid="stMultiSelectTagsContainer"] > span > span { border: 1px solid currentColor; }
.js-plotly-plot .main-svg .annotation-text,
.js-plotly-plot .main-svg :is(g[class$="tick"], .g-xtitle, .g-ytitle, .cbtitle, .gtitle) text,
.js-plotly-plot .main-svg :is(.legendtitletext, .legendtitletext tspan, .legendtext) { fill: currentColor !important; }
</style>"""


def accessible_contrast() -> None:
    st.html(ACCESSIBLE_CSS)


def presenter_mode() -> bool:
    """Large type and no chrome, for a projector: a sidebar toggle, or ?present=1 in the URL."""
    if "present" not in st.session_state and st.query_params.get("present") in ("1", "true"):
        st.session_state["present"] = True
    on = st.sidebar.toggle("Presenter mode", key="present", bind="query-params",
                           help="Large type, no sidebar or menus, figures at full width: for a projector.")
    if on:
        st.html(PRESENTER_CSS)
    return on


def leave_presenter_mode() -> None:
    st.button("Leave presenter mode", key="leave-present", on_click=st.session_state.update,
              kwargs={"present": False})


# ------------------------------------------------------------------ data versions
# What a session sees of each dataset: its own preview of an upload if it made one, else the version
# published last (0 = the bundled file). Every cache below is keyed on these, so a publish, a rollback
# or a preview shows on every page at once, and other sessions keep theirs.
PREVIEWS = "previews"  # session_state: dataset -> {"token", "frame", "file"}


def store():
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from publish.store import Store  # SQLAlchemy costs ~0.3 s to import: only when a store is needed
    return Store(url)


@st.cache_resource(show_spinner=False)
def _store_health(url: str) -> dict:
    """Shared by every session: when the versions database last failed, and how (so a dead database is not
    retried, at a cost, on every page run)."""
    return {"down_until": 0.0, "problem": None}


@st.cache_data(show_spinner=False, ttl=2)
def _published(url: str) -> tuple[dict[str, int], str | None]:
    if nothing_published(url):
        return {}, None  # no version was ever published here: every dataset is at version 0
    health = _store_health(url)
    if time.monotonic() < health["down_until"]:
        return {}, health["problem"]
    try:
        numbers = _store(url).latest()
    except Exception as e:  # noqa: BLE001 - any driver error: the pages must still show the bundled data
        health["down_until"], health["problem"] = time.monotonic() + 30, f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
        return {}, health["problem"]
    health["problem"] = None
    return numbers, None


def published() -> dict[str, int]:
    """Version in effect per dataset (re-read every 2 s, so replicas behind a balancer agree quickly). If the
    versions database cannot be reached, every dataset is at version 0 and `store_problem` says why."""
    return _published(database_url())[0]


def store_problem() -> str | None:
    return _published(database_url())[1]


def versions() -> tuple[tuple[str, object], ...]:
    mine = st.session_state.get(PREVIEWS, {})
    numbers = published()
    return tuple((d, mine[d]["token"] if d in mine else numbers.get(d, 0)) for d in loaders.DATASETS)


def frame(dataset: str) -> pd.DataFrame:
    """The dataset as this session sees it (validated and typed)."""
    token = dict(versions())[dataset]
    if isinstance(token, str):
        return st.session_state[PREVIEWS][dataset]["frame"]
    return _published_frame(dataset, token)


@st.cache_data(show_spinner=False, max_entries=64)
def _published_frame(dataset: str, number: int) -> pd.DataFrame:
    if number == 0:
        return loaders.load(dataset)
    report = check(store().csv(dataset, number).encode("utf-8"), dataset, f"{dataset} version {number}")
    if report.frame is None:
        raise DataError(report.errors)
    return report.frame


def preview(dataset: str, result: pd.DataFrame, file: str) -> None:
    """Show `result` as `dataset` on every page, in this session only."""
    token = "p:" + hashlib.sha256(pd.util.hash_pandas_object(result, index=False).values.tobytes()).hexdigest()[:16]
    st.session_state.setdefault(PREVIEWS, {})[dataset] = {"token": token, "frame": result, "file": file}


def stop_preview(dataset: str | None = None) -> None:
    mine = st.session_state.get(PREVIEWS, {})
    for d in [dataset] if dataset else list(mine):
        mine.pop(d, None)


def plain(text: str) -> str:
    """Text from a file or a person, safe inside Markdown: shown as typed, never as markup or a link."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~&])", r"\\\1", str(text))


def preview_banner() -> None:
    """Every page says when it shows an unpublished upload (this session only), or when the published versions
    cannot be read and it falls back to the bundled data."""
    problem = store_problem()
    if problem:
        st.warning("**The versions database cannot be reached**, so every page shows the bundled data (version 0), "
                   f"which may be older than what was published. Publishing is paused. ({plain(problem)})",
                   icon=":material/cloud_off:")
    mine = st.session_state.get(PREVIEWS, {})
    if mine:
        a, b = st.columns([5, 1], vertical_alignment="center")
        a.warning("**Preview**: this session shows your unpublished upload for "
                  + ", ".join(f"{d} (file {plain(st.session_state[PREVIEWS][d]['file'])})" for d in mine)
                  + ". Other people see the published data.", icon=":material/visibility:")
        b.button("Stop preview", key="stop-preview", on_click=stop_preview)


@st.cache_resource(show_spinner=False)
def gate() -> Gate:
    """The editor secret's gate, one per server (its failure count slows every session's guesses)."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        secrets = {}
    return Gate(configured_secret(secrets))


def published_frame(dataset: str) -> pd.DataFrame:
    """The dataset as everyone sees it (ignores this session's preview)."""
    return _published_frame(dataset, published().get(dataset, 0))


def problems_table(problems: list) -> pd.DataFrame:
    return pd.DataFrame([{"row": p.row, "column": p.column, "value": p.value, "what to do" if p.kind == "error"
                          else "what was done": p.message} for p in problems])


def changes_table(changed: pd.DataFrame):
    """Changed cells, before and after, with the new value highlighted."""
    shown = changed.astype(object).where(changed.notna(), "")
    shown = shown.map(lambda v: v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
    return shown.style.set_properties(subset=["after"], **{"background-color": "rgba(230,159,0,0.30)",
                                                          "font-weight": "bold"})


def history(dataset: str) -> pd.DataFrame:
    rows = [v.__dict__ for v in store().history(dataset)]
    bundled = (loaders.DATA_DIR / f"{dataset}.csv").read_text(encoding="utf-8")
    rows.append({"dataset": dataset, "number": 0, "created_at": None, "editor": "(bundled with the app)",
                 "message": "the curated reference data", "kind": "bundled", "restores": None,
                 "rows": len(_published_frame(dataset, 0)), "sha256": hashlib.sha256(bundled.encode()).hexdigest()})
    out = pd.DataFrame(rows)[["number", "created_at", "editor", "message", "kind", "restores", "rows", "sha256"]]
    out["sha256"] = out["sha256"].str[:12]
    return out


def _authorised(editor: str, message: str, secret: str) -> bool:
    if not (editor or "").strip() or not (message or "").strip():
        st.session_state["flash"] = ("error", "Give your name and a message: every version says who changed what.")
        return False
    if not gate().check(secret):
        st.session_state["flash"] = ("error", f"Wrong editor secret. After {gate().failures} wrong attempt(s) each "
                                              "answer now waits longer.")
        return False
    return True


def _write(action):
    """A write to the versions store; if the database went away, say so (nothing changed) and rerun."""
    try:
        return action()
    except Exception as e:  # noqa: BLE001 - any driver error
        st.session_state["flash"] = ("error", "Nothing changed: the versions database cannot be reached "
                                              f"({type(e).__name__}). Try again later.")
        st.rerun()


def publish(dataset: str, csv_text: str, editor: str, message: str, secret: str) -> None:
    if _authorised(editor, message, secret):
        v = _write(lambda: store().add(dataset, csv_text, editor, message))
        _published.clear()
        stop_preview(dataset)
        st.session_state["flash"] = ("success", f"Published {dataset} version {v.number} ({v.rows} rows): every page "
                                                "now shows it, for everyone.")
    st.rerun()


def rollback(dataset: str, to: int, editor: str, message: str, secret: str) -> None:
    if _authorised(editor, message, secret):
        v = _write(lambda: store().rollback(dataset, to, editor, message))
        _published.clear()
        st.session_state["flash"] = ("success", f"Version {to} of {dataset} is back, as version {v.number}.")
    st.rerun()


def flash() -> None:
    """The outcome of the last publish or rollback, shown once."""
    kind, text = st.session_state.pop("flash", (None, None))
    if kind:
        getattr(st, kind)(text)


def versioned(max_entries: int | None = None, cache=st.cache_data):
    """Like st.cache_data, with the data versions in the key (see above)."""
    def wrap(fn):
        def cached(v, *args):
            return fn(*args)
        # Streamlit keys a cache by the function's qualified name and source: give each its own name
        cached.__module__, cached.__name__ = fn.__module__, fn.__name__
        cached.__qualname__ = f"{fn.__qualname__}[versioned]"
        cached = cache(show_spinner=False, max_entries=max_entries)(cached)

        @functools.wraps(fn)
        def call(*args):
            return cached(versions(), *args)
        call.clear = cached.clear
        return call
    return wrap


# ------------------------------------------------------------------ data
@versioned()
def treaty_timelines() -> pd.DataFrame:
    """Per-state decisive dates from the bundled membership and withdrawal data."""
    return timelines(frame("membership"), frame("withdrawals"))


@versioned()
def withdrawal_log() -> pd.DataFrame:
    return frame("withdrawals")


@versioned()
def key_moments_today(on: date) -> list[Moment]:
    """Key moments as of a day (once per server and day)."""
    return key_moments(treaty_timelines(), on)


@st.cache_data(show_spinner=False)
def provenance(dataset: str) -> dict:
    return json.loads((loaders.DATA_DIR / f"{dataset}.meta.json").read_text(encoding="utf-8"))


@versioned()
def state_names() -> dict[str, str]:
    """ISO3 → name of every state in the membership data, sorted by name (for search boxes)."""
    tl = treaty_timelines().sort_values("name")
    return dict(zip(tl["iso3"], tl["name"]))


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
    names = dict(zip(tl["iso3"], tl["name"]))
    f["name"] = f["iso3"].map(names).fillna(f["name"])
    f["details"] = f["iso3"].map(hover_details(tl)).fillna("No treaty data for this territory or area")
    return f.reset_index(drop=True)


@versioned(max_entries=256)
def map_states(on: date, region: str) -> pd.DataFrame:
    f = map_features()
    states = features_on(treaty_timelines(), f, on)
    states["in_region"] = True if region == "World" else states["region"].eq(region)
    return states


@versioned(max_entries=8)
def _frames(region: str, until: date) -> list[dict]:
    """The yearly animation frames (the same for every date shown): built once per region and day."""
    return animation_frames([(d, map_states(d, region)) for d in year_ends(until)], region)


@versioned(max_entries=128, cache=st.cache_resource)
def map_figure(on: date, region: str, timelapse: bool = False) -> go.Figure:
    """The map for a date and region, validated once and shared across sessions. A Figure, not a dict:
    given a dict, st.plotly_chart validates it with plotly, which briefly pops each trace's "type" out of
    the dict it is given, so two sessions drawing one shared dict at once could see a trace without its
    type (the load test caught it). A Figure is only read (copied to a dict) on each draw."""
    return go.Figure(status_map(static_url("countries.geojson"), map_states(on, region), on, region,
                                frames=_frames(region, today()) if timelapse else None))


def static_url(name: str) -> str:
    """Address of a file in static/ as the browser sees it (honours server.baseUrlPath)."""
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base + '/' if base else ''}app/static/{name}"


IMAGE_FORMAT = "image-format"  # session_state: "PNG" or "SVG", what the camera button above a chart saves
PAGE_TITLE = "page-title"  # session_state: the title of the page on screen (for citations)
SOURCES = "sources"  # widget key: the "Sources and caveats" expander, open or closed
CITE = "cite"  # widget key: the "Cite this view" popover in it


def plotly_config(key: str = "chart") -> dict:
    """Plotly looks for its base-map topojson here, not on a CDN (static/ holds an empty one: we draw our own).
    Its camera button saves the chart as PNG or SVG in the browser itself: no server, no network."""
    fmt = st.session_state.get(IMAGE_FORMAT, "PNG").lower()
    return {"topojsonURL": static_url(""), "displaylogo": False, "scrollZoom": False,
            "toImageButtonOptions": {"format": fmt, "scale": 2 if fmt == "png" else 1,
                                     "filename": f"mine-ban-treaty_{key}_{today():%Y-%m-%d}"}}


def image_format() -> None:
    st.sidebar.segmented_control("Chart images", ["PNG", "SVG"], default="PNG", key=IMAGE_FORMAT, required=True,
                                 help="What the camera button above each chart saves (made in your browser).")


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


@versioned()
def extrusion(metric: str) -> tuple[pd.Series, str, str, str]:
    """Values for the 3D view, with the words that say where they come from."""
    if metric == "AP mine contamination":
        meta = provenance("article5")
        return (contamination(frame("article5")), "AP mine contamination", "km²",
                "Height: latest anti-personnel mined-area estimate per State Party with Article 5 obligations "
                f"(dates vary by state). Source: {meta['title']}. States without an estimate are flat: no data.")
    year, values = latest_casualties(frame("casualties_by_country"))
    return (values, f"Recorded casualties {year}", "people",
            f"Height: casualties recorded by the Landmine Monitor in {year} (the most affected countries the "
            "reports name). Other states are flat: no data, not zero.")


# ------------------------------------------------------------------ humanitarian impact
@versioned()
def casualties() -> pd.DataFrame:
    """Worldwide recorded casualties per year since 1999, gaps kept."""
    return casualty_series(frame("casualties_global"))


@versioned()
def casualties_by_country() -> pd.DataFrame:
    return frame("casualties_by_country")


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
    return frame("article5")


@versioned()
def article5_today(on: date) -> pd.DataFrame:
    return article5_tracker(article5(), on)


def chart(spec, sentence: str, key: str, datasets: list[str], table: pd.DataFrame | None = None) -> None:
    """A chart with its sentence beneath: the sentence says what the chart shows and is its text alternative."""
    plot(spec, key, sentence, datasets, caption=sentence, table=table)


def plot(fig, key: str, alt: str, datasets: list[str], *, caption: str | None = None,
         table: pd.DataFrame | None = None, title: str | None = None, downloads: bool = True, **kwargs):
    """Every chart goes through here: offline plotly, its text alternative, presenter-size type, and its data
    as CSV with the citation line (`table` replaces the data read off the figure where that reads better),
    and the chart as one HTML file that works with no server and no network."""
    shown = presenter_figure(fig) if st.session_state.get("present") else fig
    event = st.plotly_chart(shown, key=key, config=plotly_config(key), width="stretch", alt=alt, **kwargs)
    if caption:
        st.caption(caption)
    if downloads:
        line = cite(datasets)
        with st.container(horizontal=True, gap="small"):
            download_csv(lambda: figure_table(fig) if table is None else table, key, line, "chart data")
            download_pack([{"id": key, "title": title or st.session_state.get(PAGE_TITLE, ""), "sentence": alt,
                            "figure": fig, "citation": line}], key, "chart as HTML (offline)")
    return event


def download_pack(slides: list[dict], key: str, what: str, big: bool = False, **kwargs) -> None:
    """Slides as one self-contained HTML file, built only when the button is clicked (`big`: presenter-size type
    in the figures, for a projector)."""
    name, outlines = st.session_state.get(PAGE_TITLE, "Mine Ban Treaty"), geojson()

    def build() -> str:
        shown = [s | {"figure": presenter_figure(s["figure"])} for s in slides] if big else slides
        return pack_html(f"{name} · Mine Ban Treaty", shown, outlines)
    st.download_button(f"Download {what}", build,
                       file_name=f"mine-ban-treaty_{key}_{today():%Y-%m-%d}.html", mime="text/html",
                       key=f"html-{key}", on_click="ignore", icon=":material/slideshow:", type=kwargs.pop("type", "tertiary"),
                       **kwargs)


def table(frame: pd.DataFrame, key: str, datasets: list[str], **kwargs) -> None:
    """A table, with a CSV download that carries the citation line."""
    st.dataframe(frame, key=key, hide_index=True, width="stretch", **kwargs)
    download_csv(lambda: frame, key, cite(datasets), "table")


def download_csv(make, key: str, line: str, what: str) -> None:
    """A small download button whose file starts with the citation `line`; built only when clicked."""
    st.download_button(f"Download {what} (CSV)", lambda: safe_csv(make(), citation=line),
                       file_name=f"mine-ban-treaty_{key}_{today():%Y-%m-%d}.csv", mime="text/csv",
                       key=f"csv-{key}", on_click="ignore", type="tertiary", icon=":material/download:")


def version_words(dataset: str, published_only: bool = False) -> str:
    token = published().get(dataset, 0) if published_only else dict(versions())[dataset]
    if isinstance(token, str):
        return f"unpublished preview of {st.session_state[PREVIEWS][dataset]['file']}"
    if not token:
        return "bundled version 0"
    return f"published version {token} of {_published_on(dataset, token)}"


@st.cache_data(show_spinner=False, max_entries=256)
def _published_on(dataset: str, number: int) -> str:
    v = next(h for h in store().history(dataset) if h.number == number)
    return f"{v.created_at:%Y-%m-%d}"


def view_address(**query) -> str | None:
    """The address of what is on screen, query included, so a citation reopens the same view (`query`: with
    these parameters changed)."""
    base = st.context.url
    query = urlencode(st.query_params.to_dict() | query)
    return f"{base}?{query}" if base and query else base


def cite(datasets: list[str], published_only: bool = False, address: str | None = None) -> str:
    return citation(st.session_state.get(PAGE_TITLE, "Mine Ban Treaty"),
                    [{"meta": provenance(d), "version": version_words(d, published_only)} for d in datasets],
                    address or view_address(), f"{today():%-d %B %Y}")


def presenter_figure(fig) -> go.Figure:
    """A copy of a (shared) figure with type that reads from the back of a room."""
    big = go.Figure(fig)
    big.update_layout(font={"size": 20}, legend_font_size=20, legend_title_font_size=22, hoverlabel_font_size=20)
    big.update_annotations(font_size=20)
    if big.layout.legend.entrywidth:  # the map's legend columns, widened for the larger type
        big.update_layout(legend_entrywidth=330)
    big.update_xaxes(tickfont_size=18, title_font_size=20)
    big.update_yaxes(tickfont_size=16, title_font_size=20)
    rows = big.layout.yaxis.categoryarray
    if rows:  # one row per state (Article 5): as large as the rows allow, or the names would overlap
        room = (big.layout.height or 450) - 120
        big.update_yaxes(tickfont_size=max(11, min(16, int(0.8 * room / len(rows)))))
    return big


# ------------------------------------------------------------------ domino
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
            decline, int(series["states_parties"].max()))


@versioned(max_entries=64)
def domino_exposure(on: date, weights: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    borders, alliances, mine_use = _domino_inputs()
    return exposure(treaty_timelines(), borders, alliances, mine_use, withdrawal_log(), on, dict(weights))


@versioned(max_entries=64)
def domino_cascade(on: date, seeds: tuple[str, ...], threshold: float | None, peers: str) -> Cascade:
    borders, alliances, _ = _domino_inputs()
    return cascade(treaty_timelines(), borders, alliances, on, seeds, threshold, peers)


# ------------------------------------------------------------------ story
@st.cache_data(show_spinner=False, max_entries=4)
def _steps(changed: float) -> list[Step]:
    return read_steps()


def story_steps() -> list[Step]:
    """The steps of story/story.csv (read again whenever the file changes: advocates edit it)."""
    return _steps(STORY_FILE.stat().st_mtime)


# 560 px: on a 16:9 projector the whole step, title and sentence included, fits one screen (a browser test checks)
STORY_HEIGHT = 560


@versioned(cache=st.cache_resource, max_entries=32)
def story_view(step: Step, on: date, height: int) -> StepView:
    """A step's figure and sentence, built once per data version (the figure as a shared, read-only Figure)."""
    data = StoryData(treaty_timelines(), map_features(), casualties(), article5())
    v = step_view(step, data, on, static_url("countries.geojson"), height)
    return StepView(v.step, v.sentence, go.Figure(v.figure), v.datasets)


# ------------------------------------------------------------------ panels
def state_panel(iso3: str, on: date) -> None:
    """Details of one state: status on the date, the dates that decided it, its events, and sources."""
    tl = treaty_timelines().set_index("iso3")
    row = tl.loc[iso3]
    status = status_on(treaty_timelines(), on).set_index("iso3").loc[iso3]
    st.subheader(plain(row["name"]))
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
                st.markdown(f"**{when}** · {e.event.replace('_', ' ')} — {plain(e.detail)} "
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


def sections(parts: dict[str, Callable[[], None]], key: str = "section", default: str | None = None) -> None:
    """A long page as tabs, of which only the open one runs and is drawn: the first paint needs one section's
    charts, not all of them (issue 8's page-open budget). The open tab is in the URL (?section=…) so a link
    opens the part it was about; `default` is the tab a visit starts on when the URL names none."""
    if default and key not in st.session_state and key not in st.query_params:
        st.session_state[key] = default  # where a visit starts only: the tabs' own default stays the first tab
    for tab, draw in zip(st.tabs(list(parts), key=key, bind="query-params"), parts.values()):
        if tab.open:
            with tab:
                draw()


def citation_box(datasets: list[str]) -> None:
    st.markdown("**Cite this view** (the copy button is at the right of the box):")
    st.code(cite(datasets), language=None, wrap_lines=True)


def sources_section(datasets: list[str], used: list[tuple[str, str]] | None = None, expanded: bool = False,
                    inline_citation: bool = False) -> None:
    """The sources behind what a page shows, with their caveats and the date each dataset runs to.
    `used`: (report, address) pairs of the rows actually shown, listed instead of each dataset's sources."""
    # Drawn only while open: the citation box alone pulls a 1.5 MB syntax-highlighting bundle into the page's
    # first paint (about 0.3 s of a map opening in the benchmark), for text most visits never read.
    # `inline_citation`: the citation box shown directly, not behind its own "Cite this view" button.
    box = st.expander("Sources and caveats", expanded=expanded, key=SOURCES, on_change="rerun")
    if not box.open:
        return
    with box:
        if inline_citation:  # inside a popover already (popovers do not nest)
            citation_box(datasets)
        else:  # behind its own button: the box's 1.5 MB script bundle loads when someone asks to cite
            cite_box = st.popover("Cite this view", icon=":material/format_quote:", key=CITE, on_change="rerun")
            if cite_box.open:
                with cite_box:
                    citation_box(datasets)
        for d in datasets:
            meta = provenance(d)
            st.markdown(f"**{meta['title']}** — data runs to {meta.get('data_runs_to', 'n/a')}")
            token = dict(versions())[d]
            if isinstance(token, str):
                st.markdown(f"- _This session previews an unpublished upload_ ({plain(st.session_state[PREVIEWS][d]['file'])}); "
                            "each row still carries its own report and source address.")
            elif token:
                v = next(h for h in store().history(d) if h.number == token)
                st.markdown(f"- _Published version {v.number}_, {v.created_at:%Y-%m-%d %H:%M} UTC, by {plain(v.editor)}: "
                            f"{plain(v.message)}. Each row carries its own report and source address; the sources "
                            "below are those of the bundled version 0.")
            if used is None:
                for s in meta["sources"]:
                    st.markdown(f"- {s['name']}: {s['report']} — <{s['url']}> (accessed {s['accessed']})")
            for c in meta.get("caveats", []):
                st.markdown(f"- _Caveat:_ {c}")
        if used is not None:
            st.markdown("#### Sources used on this page")
            seen = dict.fromkeys((rep, url) for rep, url in used if isinstance(rep, str))
            st.markdown("\n".join(f"- {plain(rep)}: " + ", ".join(f"<{u}>" for u in str(url).split(" | "))
                                   for rep, url in seen))

