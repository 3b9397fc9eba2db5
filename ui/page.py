"""Page chrome shared by every page: today's date, presenter mode, WCAG contrast fixes, sections as tabs.
Data text is printed through charts.text (markdown_text, source_link)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

import i18n
from i18n import _


def today() -> date:
    return date.today()


def on_phone() -> bool:
    """A phone's browser, by its User-Agent ("Mobi" is in every phone browser's and no desktop's, as MDN advises):
    pages put their answer first and fold their controls. The server cannot see the screen's width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


PRESENTER_CSS = """<style>
/* Streamlit sizes its text in rem: the whole page scales with the root, and the root with the screen
   (24 px on a 1280×720 or 1366×768 projector, 37 px at 1920×1080, 64 px on a 4K screen at 100 %) */
html { font-size: clamp(22px, min(3.4vh, 1.9vw), 64px); }
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
    # An annotation's box (a chart's "Peak 9,440") is light in the figure; its text takes the page's colour above,
    # so in the dark theme the box takes the page's background, or the text would be white on pale grey.
    st.html("<style>.js-plotly-plot .annotation rect.bg:not([style*='fill-opacity: 0;']) { fill: "
            f"{page_background()} !important; fill-opacity: 0.85 !important; }}</style>")


def presenter_mode() -> bool:
    """Large type and no chrome, for a projector: a sidebar toggle, or ?present=1 in the URL. Kept in the URL by
    hand (a bound toggle drops a "1" it did not write, and writes nothing when code turns it off)."""
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present") in ("1", "true")
    on = st.sidebar.toggle(_("Presenter mode"), key="present",
                           help=_("Large type, no sidebar or menus, figures at full width: for a projector."))
    if on:
        st.query_params["present"] = "1"
        st.html(PRESENTER_CSS)
    else:
        st.query_params.pop("present", None)
    return on


def leave_presenter_mode() -> None:
    with st.container(key="leave-present"):
        st.button(_("Leave presenter mode"), key="leave-present-button", on_click=st.session_state.update,
                  kwargs={"present": False})


# A slide: the page is the screen's height, the figure takes what the title and sentence leave, and the controls
# (the story's bar, "Leave presenter mode") float over it, hidden until the pointer moves or a key moves focus
# into them; the keys a clicker sends always work. The script only sets a class on <body> for three seconds
# after each pointer movement: no data passes through it.
SLIDE_CSS = """<style>
body [data-testid="stMainBlockContainer"] { padding: 0.6rem 1.2rem !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: calc(100vh - 1.2rem); gap: 0.4rem; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * { flex-shrink: 0; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :has(.stPlotlyChart) { flex: 1 1 0; min-height: 0; }
body [data-testid="stMain"] h1 { font-size: 2.2rem; line-height: 1.25 !important; padding: 0 0 0.25rem !important; margin: 0 !important; }
body [data-testid="stMain"] p { font-size: 1.15rem; line-height: 1.35; }  /* the sentence: read from the back */
.st-key-story-bar, .st-key-leave-present { position: fixed; z-index: 1000; width: auto !important;
  background: %(background)s; padding: 0.3rem 0.6rem; border-radius: 0.5rem;
  box-shadow: 0 0 0.5rem rgba(0, 0, 0, 0.3); transition: opacity 0.3s; }
.st-key-story-bar { top: 0.5rem; right: 1rem; }
.st-key-leave-present { bottom: 0.5rem; right: 1rem; }
body:not(.mbt-pointer) :is(.st-key-story-bar, .st-key-leave-present):not(:focus-within) { opacity: 0; pointer-events: none; }
</style>"""
SLIDE_SCRIPT = """<script>
(function () {
  if (window.mbtSlidePointer) return;  // once per page, however often the slide is drawn
  window.mbtSlidePointer = true;
  var timer;
  document.addEventListener("mousemove", function () {
    document.body.classList.add("mbt-pointer");
    clearTimeout(timer);
    timer = setTimeout(function () { document.body.classList.remove("mbt-pointer"); }, 3000);
  });
})();
</script>"""


def page_background() -> str:
    """The theme's page colour (Streamlit exposes no CSS variable for it; the server knows the theme)."""
    return "#171614" if st.context.theme.type == "dark" else "#ffffff"


def slide_layout() -> None:
    st.html(SLIDE_CSS % {"background": page_background()} + SLIDE_SCRIPT, unsafe_allow_javascript=True)


def sections(parts: dict[str, Callable[[], None]], key: str = "section", default: str | None = None) -> None:
    """A long page as tabs, of which only the open one runs and is drawn: the first paint needs one section's
    charts, not all of them (issue 8's page-open budget). The open tab is in the URL (?section=…) so a link
    opens the part it was about; `default` is the tab a visit starts on when the URL names none. `parts` are keyed
    by their English names (marked N_), shown in the visitor's language; the URL holds the shown name, and a name
    in another language (a link shared from an English page, a change of language) opens the same tab."""
    shown = {_(name): name for name in parts}
    asked = st.session_state.get(key) or st.query_params.get(key)
    if asked and asked not in shown and (name := _named(asked, parts)):
        st.query_params[key] = st.session_state[key] = _(name)
    elif default and key not in st.session_state and key not in st.query_params:
        st.session_state[key] = _(default)  # where a visit starts only: the tabs' own default stays the first tab
    for tab, draw in zip(st.tabs(list(shown), key=key, bind="query-params"), parts.values(), strict=True):
        if tab.open:
            with tab:
                draw()


def _named(label: str, parts) -> str | None:
    """The part whose name, in any of our languages, is `label`."""
    for lang in i18n.LANGUAGES:
        with i18n.speaking(lang):
            for name in parts:
                if _(name) == label:
                    return name
    return None


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
