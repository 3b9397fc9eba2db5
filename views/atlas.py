"""Treaty map: who is bound by the ban on a chosen day. The app's landing view."""
import time
from datetime import date

import streamlit as st

import i18n
import ui
from charts.atlas import status_table
from charts.text import markdown_text
from i18n import N_, _
from loaders.geometry import REGIONS
from treaty.atlas import next_frame, status_counts
from treaty.rules import OPENED_FOR_SIGNATURE
from treaty.sentences import map_summary, missing

FRAME_SECONDS = 2.0
# option values kept in the URL as they are (?view=Map, ?metric=…), translated where shown
VIEWS = [N_("Map"), "3D"]
METRICS = [N_("Recorded casualties"), N_("AP mine contamination")]
today = ui.today()
phone = ui.on_phone()
frames = ui.timelapse_today(today)

# The date is kept in the URL by hand, not by binding the field: a bound field writes the URL only when a person
# edits it, and a key moment or the time-lapse sets it from code. A date asked for by either is set before the
# field exists (Streamlit allows no later).
if (asked := st.session_state.pop("date-asked", None)) is not None:
    st.session_state["date"] = asked
elif "date" not in st.session_state:
    st.session_state["date"] = ui.date_from_url("date", OPENED_FOR_SIGNATURE, today)

st.title(_("Who is bound by the ban?"))
if not ui.state_names():
    st.info(missing("membership"))

# On a phone the answer and the map come first and the controls are folded behind one button; on a laptop the
# controls sit above the map. The controls run first either way (the map needs their values): containers place them.
if phone:
    answer, shown, controls = st.container(), st.container(), st.expander(_("Date, region, view and search"),
                                                                          icon=":material/tune:")
else:
    controls, shown, answer = st.container(), st.container(), st.container()


def _jump(d: date) -> None:
    st.session_state["date-asked"] = d
    st.session_state["playing"] = False


def _moment_label(m) -> str:
    """A key moment's button: "Today" alone, the others with their month. A label (already in the visitor's
    language: treaty.atlas.key_moments) may name a state that left, from the data; button labels read Markdown."""
    if m.label == _("Today"):
        return m.label
    return f"{markdown_text(m.label)} · {i18n.short_month(m.on)}"


def _play() -> None:
    playing = not st.session_state.get("playing", False)
    st.session_state["playing"] = playing
    st.session_state["advanced-at"] = time.monotonic()
    if playing and st.session_state.get("date", today) >= frames[-1]:
        st.session_state["date-asked"] = frames[0]  # from today, the time-lapse starts at the beginning


# --- controls: every one is in the URL, so a link reopens the same view
with controls:
    cols = [st.container() for _i in range(5)] if phone else st.columns([1.1, 1, 0.8, 1, 1.4],
                                                                        vertical_alignment="bottom")
    with cols[0]:
        on: date = st.date_input(_("Date"), min_value=OPENED_FOR_SIGNATURE, max_value=today, key="date",
                                 format="YYYY-MM-DD", on_change=st.session_state.update, kwargs={"playing": False})
        ui.date_to_url("date", on, today)
    with cols[1]:
        region = st.selectbox(_("Region"), list(REGIONS), key="region", bind="query-params", format_func=_)
    with cols[2]:
        view = st.segmented_control(_("View"), VIEWS, default="Map", key="view", bind="query-params",
                                    required=True, format_func=_)
    with cols[3]:
        playing = st.session_state.get("playing", False) and view == "Map"
        st.button(_("Pause") if playing else _("Time-lapse"), key="play", on_click=_play, disabled=view == "3D",
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  help=_("Steps through the treaty's history, two seconds a frame: the end of each year, then every "
                         "withdrawal notice, the peak, each month of 'withdrawal pending' and each withdrawal taking "
                         "effect. The date, the sentence and the link follow it."))
    names = ui.state_names()
    ui.country_from_url()
    with cols[4]:
        labels = ui.search_labels(names)
        country = st.selectbox(_("Find a state"), list(labels), index=None, format_func=labels.get,
                               filter_mode="contains", placeholder=_("Type a name…"), key="country",
                               on_change=ui.country_to_url)
    # the moments in one row on a laptop, so the whole world is above the fold at 1440×900
    st.html("<style>.st-key-moments button { min-height: 2rem; padding: 0.1rem 0.5rem; }"
            ".st-key-moments button p { font-size: 0.85rem; }</style>")
    with st.container(horizontal=True, gap="xsmall", key="moments"):
        for m in ui.key_moments_today(today):
            st.button(_moment_label(m), on_click=_jump, args=(m.on,), key=f"moment-{m.on}",
                      # TRANSLATORS: a key moment's button's tooltip: the date it shows on the map
                      help=_("Show {day}").format(day=i18n.day(m.on)))


@st.fragment(run_every=FRAME_SECONDS)
def _advance() -> None:
    """While the time-lapse plays: every two seconds the next frame, through the whole page (date field, URL,
    map, sentence and state panel follow); it stops at today. The fragment also runs with the page it is on,
    which must not count as a tick."""
    if time.monotonic() - st.session_state.get("advanced-at", 0.0) < FRAME_SECONDS - 0.3:
        return
    st.session_state["advanced-at"] = time.monotonic()
    following = next_frame(frames, st.session_state.get("date", today))
    st.session_state["date-asked"] = following or today
    st.session_state["playing"] = following is not None
    st.rerun(scope="app")


if playing:
    _advance()

states = ui.map_states(on, region)
counts = status_counts(states[states["in_region"]])
sentence = map_summary(on, region, counts)
with answer:
    st.markdown(sentence)

with shown:
    left, right = st.columns([3, 1]) if country and not phone else (st.container(), st.container())
with left:
    if view == "3D":
        metric = st.radio(_("Height shows"), METRICS, horizontal=True, key="metric", bind="query-params",
                          format_func=_)
        from charts.deck import (  # pydeck only when the 3D view is asked for
            extruded_status_deck,
            height_legend,
        )

        value, label, unit, note, absent = ui.extrusion(metric)
        st.pydeck_chart(extruded_status_deck(ui.geojson(), states, value, label, unit, region, absent), height=560)
        st.caption(markdown_text(height_legend(value, names, label, unit)))
        st.caption(markdown_text(note))
        ui.status_legend(counts)
    else:
        figure = ui.focused_map_figure(on, region, country, phone) if country else ui.map_figure(on, region, phone)
        ui.plot(figure, "map", sentence.replace("**", ""), ["membership", "withdrawals"],
                table=status_table(states, on), on_select=ui.select_from_map, selection_mode="points")
with right:
    if country:
        ui.state_panel(country, on)

st.caption(_("Treaty events verified to about {day}; later events may be missing. Small states are drawn as dots. "
             "'No data': a territory or area that is not one of the 197 states in the data. Status is derived from "
             "dated events under Articles 17 and 20.")
           .format(day=markdown_text(i18n.recorded_day(ui.provenance("membership")["data_runs_to"]))))
ui.sources_section(["membership", "withdrawals"] + (["casualties_by_country", "article5"] if view == "3D" else []))
