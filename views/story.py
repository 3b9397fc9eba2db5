"""The story: a guided walk through the treaty in a few steps, for a presenter with a clicker and five minutes.

Steps come from story/story.csv; each step is a view and one sentence computed from the data. Arrow keys,
Page Up/Page Down and space step through it (what presentation clickers send); ?step=<name> opens a step."""
import streamlit as st

import i18n
import ui
from charts.export import figure_table
from charts.story import DATASETS
from charts.text import markdown_text
from i18n import _
from loaders.story import StoryError

try:
    steps = ui.story_steps()
except StoryError as e:  # an advocate's edit went wrong: say where, never a traceback
    st.error(_("The story file cannot be read: {problem}").format(problem=markdown_text(e)))
    st.stop()
names = [s.step for s in steps]
present = st.session_state.get("present", False)


def _go(i: int) -> None:
    i = max(0, min(len(steps) - 1, i))
    st.session_state["story-step"] = i
    st.query_params["step"] = names[i]


# a link to a step wins over where this session was; otherwise the session's place is kept
wanted = st.query_params.get("step")
if wanted in names and st.session_state.get("story-step") != names.index(wanted):
    st.session_state["story-step"] = names.index(wanted)
i = min(st.session_state.setdefault("story-step", 0), len(steps) - 1)
st.query_params["step"] = names[i]
step = steps[i]
view = ui.story_view(step, ui.today(), ui.STORY_HEIGHT)

if present:  # the slide fills the screen; its controls wait at the top until the pointer moves (ui.page)
    ui.slide_layout()
with st.container(horizontal=True, vertical_alignment="center", gap="small", key="story-bar"):
    st.button(_("Back"), key="back", icon=":material/arrow_back:", on_click=_go, args=(i - 1,), disabled=i == 0,
              shortcut="Left", help=_("Previous step (← or Page Up)"))
    st.markdown("**" + _("Step {i} of {n}").format(i=i18n.number(i + 1), n=i18n.number(len(steps))) + "**")
    st.button(_("Next"), key="next", icon=":material/arrow_forward:", on_click=_go, args=(i + 1,),
              disabled=i == len(steps) - 1, shortcut="Right", help=_("Next step (→, Page Down or space)"))
    # everything but the step itself sits behind one button, so a step fits a 16:9 screen without scrolling
    exports = st.popover(_("Export, share, sources"), icon=":material/ios_share:", key="exports", on_change="rerun")
# what a presentation clicker sends besides the arrows; these buttons are never shown, only their keys count
with st.container(key="story-keys"):
    st.button(_("Previous step (Page Up)"), key="key-pageup", on_click=_go, args=(i - 1,), shortcut="PageUp")
    st.button(_("Next step (Page Down)"), key="key-pagedown", on_click=_go, args=(i + 1,), shortcut="PageDown")
    st.button(_("Next step (space)"), key="key-space", on_click=_go, args=(i + 1,), shortcut="Space")
st.html("<style>.st-key-story-keys { display: none; }</style>")

st.title(markdown_text(step.title))
st.markdown(markdown_text(view.sentence))
ui.plot(view.figure, f"story-{step.step}", view.sentence, view.datasets, title=step.title, downloads=False,
        height="stretch" if present else "content")

if exports.open:  # built when opened: eight steps' figures and the citation box stay out of first paint
    with exports:
        st.markdown(_("This step's address opens it directly: `?step={step}` (add `&present=1` for presenter "
                      "mode). The steps, their order and their titles are in `story/story.csv`.")
                    .format(step=step.step))
        ui.download_csv(lambda: figure_table(view.figure), f"story-{step.step}", ui.cite(view.datasets),
                        _("Download this step's data (CSV)"))
        slides = []
        for s in steps:
            v = ui.story_view(s, ui.today(), ui.STORY_HEIGHT)
            slides.append({"id": s.step, "title": s.title, "sentence": v.sentence, "figure": v.figure,
                           "datasets": v.datasets})
        ui.download_pack(slides, "story", _("Download the whole story as one HTML file (offline)"), big=True,
                         type="secondary")
        ui.download_pack([slides[i]], f"story-{step.step}", _("Download this step as HTML (offline)"), big=True)
        ui.sources_section(sorted({d for s in steps for d in DATASETS[s.view]}), expanded=True, inline_citation=True)
