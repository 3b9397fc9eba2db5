"""What the server prepares before its first visitor (serve.py): the heavy imports, every dataset read and
validated, and the first view of each page, through the same cached calls the pages make so they find them
ready. Nothing here is required: a page computes whatever is missing, as it would on `streamlit run app.py`."""
from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)


def prepare() -> float:
    """Seconds spent; a failure is logged and left to the page, which shows the data's own error message."""
    t0 = time.perf_counter()
    # outside a page there is no script run context: Streamlit says so once per call, which is expected here
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        import streamlit as st

        import loaders
        import ui

        # Streamlit's first element of a process inspects the whole call stack once (its "run with streamlit run"
        # check: ~0.1 s inside a page's deep stack); an element made outside any page does it here, shown nowhere.
        st.empty()
        from loaders.geometry import REGIONS

        today, region = ui.today(), REGIONS[0]
        for dataset in loaders.DATASETS:
            ui.frame(dataset)
        ui.map_figure(today, region)  # the landing page: the map of today
        ui.map_states(today, region)
        ui.state_names()
        ui.key_moments_today(today)
        ui.domino_timeline()
        ui.treaty_size_charts(today)
        ui.casualties()
        ui.named_country_years()
        ui.article5_today(today)
        steps = ui.story_steps()
        if steps:
            ui.story_view(steps[0], today, ui.STORY_HEIGHT)
    except Exception:  # noqa: BLE001 - the server must start; the page reports the problem to its reader
        log.warning("warm-up stopped early; pages will compute what is missing", exc_info=True)
    finally:
        quiet.setLevel(level)
    return time.perf_counter() - t0
