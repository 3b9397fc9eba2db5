"""Page chrome shared by every page: today's date, presenter mode, WCAG contrast fixes, sections as tabs.
Data text is printed through charts.text (markdown_text, source_link)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st


def today() -> date:
    return date.today()


def on_phone() -> bool:
    """A phone's browser, by its User-Agent ("Mobi" is in every phone browser's and no desktop's, as MDN advises):
    pages put their answer first and fold their controls. The server cannot see the screen's width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


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
/* less empty space above every page's title (Streamlit leaves 6rem), so a laptop sees more of each page */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
@media (max-width: 640px) { [data-testid="stMain"] h1 { font-size: 2rem; } }
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


def sections(parts: dict[str, Callable[[], None]], key: str = "section", default: str | None = None) -> None:
    """A long page as tabs, of which only the open one runs and is drawn: the first paint needs one section's
    charts, not all of them (issue 8's page-open budget). The open tab is in the URL (?section=…) so a link
    opens the part it was about; `default` is the tab a visit starts on when the URL names none."""
    if default and key not in st.session_state and key not in st.query_params:
        st.session_state[key] = default  # where a visit starts only: the tabs' own default stays the first tab
    for tab, draw in zip(st.tabs(list(parts), key=key, bind="query-params"), parts.values(), strict=True):
        if tab.open:
            with tab:
                draw()



@st.fragment(run_every="1h")
def _ticks_hourly() -> None:
    """Draws nothing: its existence is what matters (see rerun_after_reconnect)."""


def rerun_after_reconnect() -> None:
    """Behind a load balancer, a visitor whose replica dies reconnects to another replica, where their session does
    not exist. Streamlit's frontend reruns the page after a reconnect only when the page has a fragment that reruns
    itself (run_every); otherwise the new replica's session never runs until the visitor's first click, and that
    click's callback (Next, a key moment) is lost. This fragment makes the frontend rerun on reconnect, so the new
    replica rebuilds the view from the URL at once; once an hour it reruns, drawing nothing."""
    _ticks_hourly()
