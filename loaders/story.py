"""The guided story's steps, read from the file advocates edit (story/story.csv); a mistake is named by row and
column, as an upload's would be."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from loaders.geometry import REGIONS
from paths import STORY_FILE

COLUMNS = ("step", "view", "at", "region", "title")
# What each view accepts in `at`; a date (YYYY-MM-DD) is accepted by the map and the parties chart.
STEP_VIEWS = {
    "map": ("opened", "in_force", "peak", "last_notice", "last_exit", "today"),
    "parties": ("peak", "today"),
    "casualties": ("lowest", "latest", "peak"),
    "article5": ("today",),
}


@dataclass(frozen=True)
class Step:
    step: str        # its name in the URL: /story?step=peak
    view: str
    at: str
    region: str
    title: str


class StoryError(ValueError):
    """The story file has a problem; the message names the row and column and says what to do."""


def read_steps(path: Path = STORY_FILE) -> list[Step]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return parse_steps(rows, path.name)


def parse_steps(rows: list[dict], name: str = "story.csv") -> list[Step]:
    if not rows:
        raise StoryError(f"{name}: no steps. Add one row per step under the header {','.join(COLUMNS)}.")
    missing = [c for c in COLUMNS if c not in rows[0]]
    if missing:
        raise StoryError(f"{name}: missing column(s) {', '.join(missing)}; the header is {','.join(COLUMNS)}.")
    steps, seen = [], set()
    for n, r in enumerate(rows, start=2):  # row 1 is the header
        r = {k: (r.get(k) or "").strip() for k in COLUMNS}
        where = f"{name} row {n}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", r["step"]):
            raise StoryError(f"{where}, column step: {r['step']!r} must be lower-case letters, digits and hyphens "
                             "(it becomes the step's address).")
        if r["step"] in seen:
            raise StoryError(f"{where}, column step: {r['step']!r} is used twice; each step needs its own name.")
        seen.add(r["step"])
        if r["view"] not in STEP_VIEWS:
            raise StoryError(f"{where}, column view: {r['view']!r} is not one of {', '.join(STEP_VIEWS)}.")
        if r["at"] not in STEP_VIEWS[r["view"]] and not (r["view"] in ("map", "parties") and _is_date(r["at"])):
            dated = " or a date (YYYY-MM-DD)" if r["view"] in ("map", "parties") else ""
            raise StoryError(f"{where}, column at: {r['at']!r} does not work with view {r['view']}; use one of "
                             f"{', '.join(STEP_VIEWS[r['view']])}{dated}.")
        region = r["region"] or "World"
        if region not in REGIONS:
            raise StoryError(f"{where}, column region: {region!r} is not one of {', '.join(REGIONS)}.")
        if not r["title"]:
            raise StoryError(f"{where}, column title: give the step a title.")
        steps.append(Step(r["step"], r["view"], r["at"], region, r["title"]))
    return steps


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


