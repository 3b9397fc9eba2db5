"""Where the project's files are: the one place the project root is computed.

NOTE: this module imports nothing from the project, so every layer (and every script, benchmark and test)
can use it without an import cycle.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"  # curated CSVs and their provenance sidecars (version 0, never written by the app)
GEOMETRY_DIR = DATA_DIR / "geometry"  # outlines, points, borders, regions (built by scripts/build_geometry.py)
STATIC_DIR = ROOT / "static"  # served at /app/static/ (server.enableStaticServing)
LOCALE_DIR = ROOT / "i18n" / "locale"  # the languages' gettext catalogues (<lang>/LC_MESSAGES/messages.po)
STORY_FILE = ROOT / "story" / "story.csv"  # the guided story's steps, edited by advocates
VAR_DIR = ROOT / "var"  # what a running server writes: the SQLite versions store, the local cluster's pids
