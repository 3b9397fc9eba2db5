"""The guided story's steps, read from the file advocates edit (story/story.csv); a mistake is named by row and
column, as an upload's would be."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from i18n import _, ngettext
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
    header = ",".join(COLUMNS)
    if not rows:
        raise StoryError(_("{file}: no steps. Add one row per step under the header {header}.").format(
            file=name, header=header))
    missing = [c for c in COLUMNS if c not in rows[0]]
    if missing:
        raise StoryError(ngettext("{file}: missing column(s) {columns}; the header is {header}.",
                                  "{file}: missing column(s) {columns}; the header is {header}.", len(missing)
                                  ).format(file=name, columns=", ".join(missing), header=header))
    steps, seen = [], set()
    for n, r in enumerate(rows, start=2):  # row 1 is the header
        r = {k: (r.get(k) or "").strip() for k in COLUMNS}
        region = r["region"] or "World"
        problem = _problem(r, region, seen)
        if problem:
            raise StoryError(problem.format(file=name, row=n, step=r["step"], view=r["view"], at=r["at"],
                                            region=region, views=", ".join(STEP_VIEWS), regions=", ".join(REGIONS),
                                            options=", ".join(STEP_VIEWS.get(r["view"], ()))))
        seen.add(r["step"])
        steps.append(Step(r["step"], r["view"], r["at"], region, r["title"]))
    return steps


def _problem(r: dict[str, str], region: str, seen: set[str]) -> str | None:
    """What is wrong with a step's row, as a message to fill in (file, row, the row's cells), or None."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", r["step"]):
        # TRANSLATORS: step, view, at, region and title are the story file's column names, and the values these
        # messages list (views, moments, regions) are written in the file in English: keep them as they are
        return _("{file} row {row}, column step: {step!r} must be lower-case letters, digits and hyphens (it "
                 "becomes the step's address).")
    if r["step"] in seen:
        return _("{file} row {row}, column step: {step!r} is used twice; each step needs its own name.")
    if r["view"] not in STEP_VIEWS:
        return _("{file} row {row}, column view: {view!r} is not one of {views}.")
    if r["at"] not in STEP_VIEWS[r["view"]] and not (r["view"] in ("map", "parties") and _is_date(r["at"])):
        if r["view"] in ("map", "parties"):
            return _("{file} row {row}, column at: {at!r} does not work with view {view}; use one of {options} or a "
                     "date (YYYY-MM-DD).")
        return _("{file} row {row}, column at: {at!r} does not work with view {view}; use one of {options}.")
    if region not in REGIONS:
        return _("{file} row {row}, column region: {region!r} is not one of {regions}.")
    if not r["title"]:
        return _("{file} row {row}, column title: give the step a title.")
    return None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


