"""Mine Ban Treaty dashboard: navigation and page config. Served by serve.py: streamlit run serve.py"""
import streamlit as st

import ui

st.set_page_config(page_title="Mine Ban Treaty", page_icon="static/favicon.png", layout="wide")

nav = st.navigation([
    st.Page("views/atlas.py", title="Treaty map", icon=":material/public:", default=True),
    st.Page("views/domino.py", title="Domino risk", icon=":material/domino_mask:", url_path="domino"),
    st.Page("views/impact.py", title="Humanitarian impact", icon=":material/healing:", url_path="impact"),
    st.Page("views/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
    st.Page("views/data.py", title="Update data", icon=":material/upload_file:", url_path="data"),
    st.Page("views/over_time.py", title="Over time", icon=":material/timeline:", url_path="over-time"),
    st.Page("views/story.py", title="Story", icon=":material/slideshow:", url_path="story"),
])
# Every tab says where you are (screen readers announce it first); citations name the view the same way.
st.session_state[ui.PAGE_TITLE] = nav.title
st.set_page_config(page_title=f"{nav.title} · Mine Ban Treaty")
ui.accessible_contrast()
present = ui.presenter_mode()
ui.image_format()
ui.preview_banner()
nav.run()
if present:
    ui.leave_presenter_mode()
