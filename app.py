"""Mine Ban Treaty dashboard: navigation and page config. Run: streamlit run app.py"""
import streamlit as st

st.set_page_config(page_title="Mine Ban Treaty", page_icon="static/favicon.png", layout="wide")

nav = st.navigation([
    st.Page("pages/home.py", title="Today", icon=":material/home:", default=True),
])
nav.run()
