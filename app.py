"""Mine Ban Treaty dashboard: navigation and page config. Served by serve.py: streamlit run serve.py"""
import logging

import streamlit as st
from streamlit.errors import FragmentHandledException
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

import ui
from i18n import _

log = logging.getLogger("mine_ban_treaty")


def page_failed() -> str:
    return _("This page could not be shown: something went wrong on our side, and the error was recorded in the "
             "server log for the people who run this dashboard. The other pages may still work; please try this "
             "one again later.")


st.set_page_config(page_title="Mine Ban Treaty", page_icon="static/favicon.png", layout="wide")
ui.language()  # first: every word below is in the visitor's language

nav = st.navigation([
    st.Page("views/atlas.py", title=_("Treaty map"), icon=":material/public:", default=True),
    st.Page("views/domino.py", title=_("Domino risk"), icon=":material/domino_mask:", url_path="domino"),
    st.Page("views/impact.py", title=_("Humanitarian impact"), icon=":material/healing:", url_path="impact"),
    st.Page("views/country.py", title=_("Country profile"), icon=":material/flag:", url_path="country"),
    st.Page("views/data.py", title=_("Update data"), icon=":material/upload_file:", url_path="data"),
    st.Page("views/over_time.py", title=_("Over time"), icon=":material/timeline:", url_path="over-time"),
    st.Page("views/story.py", title=_("Story"), icon=":material/slideshow:", url_path="story"),
])
# Every tab says where you are (screen readers announce it first); citations name the view the same way.
st.session_state[ui.PAGE_TITLE] = nav.title
st.set_page_config(page_title=f"{nav.title} · {_('Mine Ban Treaty')}")
ui.language_selector()
ui.accessible_contrast()
present = ui.presenter_mode()
ui.image_format()
ui.rerun_after_reconnect()
try:
    ui.preview_banner()  # reads the versions database: inside the guard too
    nav.run()
except (ScriptControlException, FragmentHandledException):
    raise  # st.rerun, st.stop, st.switch_page and a fragment's own error: Streamlit's control flow, not failures
except Exception:  # noqa: BLE001 - any failure: a visitor sees a sentence, never a traceback with server paths
    log.exception("page %r (/%s) could not be shown", nav.title, nav.url_path)
    st.error(page_failed(), icon=":material/error:")
if present:
    ui.leave_presenter_mode()
