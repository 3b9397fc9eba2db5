"""Streamlit helpers shared by the pages, one concern per module; this file only gathers their public names so a
page can write `ui.plot(...)`.

Inside `ui/` imports run one way (a contract in pyproject.toml checks it):
page, urls < versions < cached, editing < sources < figures, state_panel, upload.
"""
from ui.cached import (
                       STORY_HEIGHT,
                       article5,
                       article5_events,
                       article5_steps,
                       article5_today,
                       casualties,
                       casualties_by_country,
                       clearance,
                       domino_cascade,
                       domino_exposure,
                       domino_timeline,
                       extrusion,
                       focused_map_figure,
                       geojson,
                       key_moments_today,
                       map_features,
                       map_figure,
                       map_states,
                       named_country_years,
                       provenance,
                       state_names,
                       story_steps,
                       story_view,
                       timelapse_today,
                       treaty_size_charts,
                       treaty_timelines,
                       withdrawal_log,
                       world_clearance,
)
from ui.editing import (
                       changes_table,
                       flash,
                       gate,
                       history,
                       problems_table,
                       reviewed,
                       roll_back_to,
                       show_conflict,
)
from ui.figures import (
                       chart,
                       download_csv,
                       download_pack,
                       image_format,
                       plot,
                       presenter_figure,
                       table,
)
from ui.language import language, language_selector
from ui.page import (
                       accessible_contrast,
                       leave_presenter_mode,
                       on_phone,
                       presenter_mode,
                       rerun_after_reconnect,
                       sections,
                       slide_layout,
                       today,
)
from ui.sources import CITE, PAGE_TITLE, SOURCES, cite, cite_short, sources_section
from ui.state_panel import (
                       chosen_state,
                       country_from_url,
                       country_to_url,
                       names_from_url,
                       search_labels,
                       select_from_map,
                       state_panel,
                       status_legend,
)
from ui.upload import (
                       MERGE,
                       REPLACE,
                       changes,
                       check_upload,
                       publish_controls,
                       publishing_status,
                       show_change,
                       show_reading,
)
from ui.urls import date_from_url, date_to_url, static_url, view_address
from ui.versions import (
                       frame,
                       preview,
                       preview_banner,
                       published,
                       published_frame,
                       store,
                       store_problem,
                       unreadable_versions,
                       version_problems,
)

__all__ = [
    "MERGE", "REPLACE", "changes", "check_upload", "publish_controls", "publishing_status", "show_change",
    "show_reading",
    "CITE", "PAGE_TITLE", "SOURCES", "STORY_HEIGHT", "accessible_contrast", "article5", "article5_events",
    "article5_steps", "article5_today",
    "casualties", "casualties_by_country", "changes_table", "chart", "cite", "cite_short", "clearance", "country_from_url",
    "country_to_url", "domino_cascade", "domino_exposure", "domino_timeline", "download_csv", "download_pack",
    "extrusion", "flash", "frame", "gate", "geojson", "history", "image_format", "key_moments_today", "timelapse_today",
    "chosen_state", "leave_presenter_mode", "on_phone", "rerun_after_reconnect", "map_features", "map_figure", "focused_map_figure", "map_states", "named_country_years", "plot",
    "presenter_figure", "presenter_mode", "preview", "preview_banner", "problems_table", "provenance",
    "reviewed", "show_conflict", "published", "published_frame", "roll_back_to", "sections", "slide_layout", "select_from_map",
    "search_labels", "names_from_url", "language", "language_selector", "sources_section", "state_names", "state_panel", "static_url", "date_from_url", "date_to_url", "status_legend", "store", "store_problem", "unreadable_versions", "version_problems",
    "story_steps", "story_view", "table", "today", "treaty_size_charts", "treaty_timelines", "view_address",
    "withdrawal_log", "world_clearance",
]
