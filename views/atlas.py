"""Treaty map: who is bound by the ban on a chosen day. The app's landing view."""
from datetime import date

import streamlit as st

import ui
from charts.atlas import status_table
from charts.text import markdown_text
from loaders.geometry import REGIONS
from treaty.atlas import status_counts
from treaty.rules import OPENED_FOR_SIGNATURE
from treaty.sentences import map_summary, missing

today = ui.today()

st.title("Who is bound by the ban?")
if not ui.state_names():
    st.info(missing("membership"))

# --- controls: every one is in the URL, so a link reopens the same view
c_date, c_region, c_view, c_play, c_find = st.columns([1.1, 1, 0.8, 0.8, 1.6], vertical_alignment="bottom")
with c_date:
    on: date = st.date_input("Date", value="today", min_value=OPENED_FOR_SIGNATURE, max_value=today,
                             key="date", bind="query-params", format="YYYY-MM-DD")
with c_region:
    region = st.selectbox("Region", list(REGIONS), key="region", bind="query-params")
with c_view:
    view = st.segmented_control("View", ["Map", "3D"], default="Map", key="view", bind="query-params",
                                required=True)
with c_play:
    timelapse = st.toggle("Time-lapse", key="timelapse", bind="query-params", disabled=view == "3D",
                          help="Adds a ▶ Play control under the map that runs through the years in the browser")
names = ui.state_names()
ui.country_from_url()
with c_find:
    labels = ui.search_labels(names)
    country = st.selectbox("Find a state", list(labels), index=None, format_func=labels.get, filter_mode="contains",
                           placeholder="Type a name…", key="country", on_change=ui.country_to_url)


def _jump(d: date) -> None:
    st.session_state["date"] = d


with st.container(horizontal=True, gap="small"):
    for m in ui.key_moments_today(today):
        # a label names a state that left (from the data); button labels read Markdown
        st.button(f"{markdown_text(m.label)} · {m.on:%b %Y}" if m.label != "Today" else "Today", on_click=_jump, args=(m.on,),
                  key=f"moment-{m.on}", help=f"Show {m.on:%-d %B %Y}")

states = ui.map_states(on, region)
counts = status_counts(states[states["in_region"]])

left, right = st.columns([3, 1]) if country else (st.container(), None)
with left:
    if view == "3D":
        metric = st.radio("Height shows", ["Recorded casualties", "AP mine contamination"], horizontal=True,
                          key="metric", bind="query-params")
        from charts.deck import (
            extruded_status_deck,  # pydeck only when the 3D view is asked for
        )

        value, label, unit, note = ui.extrusion(metric)
        st.pydeck_chart(extruded_status_deck(ui.geojson(), states, value, label, unit, region), height=560)
        st.caption(markdown_text(note))
        ui.status_legend(counts)
    else:
        ui.plot(ui.map_figure(on, region, timelapse), "map", map_summary(on, region, counts).replace("**", ""),
                ["membership", "withdrawals"], table=status_table(states, on), on_select=ui.select_from_map,
                selection_mode="points")

st.markdown(map_summary(on, region, counts))
st.caption(f"Treaty events verified to about {markdown_text(ui.provenance('membership')['data_runs_to'])}; later events may be "
           "missing. Small states are drawn as dots. 'No data': a territory or area that is not one of the 197 "
           "states in the data. Status is derived from dated events under Articles 17 and 20.")

if right is not None:
    with right:
        ui.state_panel(country, on)

ui.sources_section(["membership", "withdrawals"] + (["casualties_by_country", "article5"] if view == "3D" else []))
