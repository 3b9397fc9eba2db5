"""One story step as a figure and its sentence: used by the story page and by the offline presentation pack."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

import i18n
from charts.atlas import status_map
from charts.impact import article5_timeline, casualties_chart
from charts.membership import parties_step_chart
from i18n import _, ngettext
from loaders.story import Step
from treaty.article5 import COMPLETED, PASSED, PENDING, article5_tracker, extension_steps
from treaty.atlas import features_on
from treaty.impact import casualty_facts
from treaty.sentences import (
    article5_sentence,
    casualties_sentence,
    map_sentence,
    missing,
    parties_sentence,
)
from treaty.status import parties_over_time, peak
from treaty.story import moment

# What each view is drawn from (the sources and citation of a step)
DATASETS = {"map": ["membership", "withdrawals"], "parties": ["membership", "withdrawals"],
            "casualties": ["casualties_global"], "article5": ["article5", "article5_events"]}


@dataclass(frozen=True)
class StoryData:
    timelines: pd.DataFrame
    features: pd.DataFrame     # map features: iso3, name, small, lon, lat, region, details
    casualties: pd.DataFrame   # treaty.impact.casualty_series
    article5: pd.DataFrame     # the article5 dataset: States Parties with obligations
    article5_events: pd.DataFrame  # their dated requests, decisions and completions
    ottawa: dict | None = None  # governments that signed in Ottawa: {count, source} (membership's sidecar)


@dataclass(frozen=True)
class StepView:
    step: Step
    sentence: str
    figure: dict
    datasets: list[str]


def step_view(step: Step, data: StoryData, today: date, geojson, height: int = 560) -> StepView:
    """`geojson`: the outlines' address (the app) or the outlines themselves (a file that must work offline)."""
    if step.view == "map":
        on = moment(data.timelines, step.at, today)
        states = features_on(data.timelines, data.features, on)
        states["in_region"] = True if step.region == "World" else states["region"].eq(step.region)
        fig = status_map(geojson, states, on, step.region, height=height)
        said = map_sentence(data.timelines, on, data.ottawa) if len(data.timelines) else missing("membership")
        return StepView(step, said, fig, DATASETS["map"])
    if step.view == "parties":
        on = moment(data.timelines, step.at, today)
        series = parties_over_time(data.timelines, on)
        fig = parties_step_chart(series, pending=True, height=height)
        top = peak(series)
        if top:
            fig.add_annotation(x=pd.Timestamp(top.on), y=top.parties,
                               text=_("Peak: {n}").format(n=i18n.number(top.parties)),
                               showarrow=True, arrowhead=2, ax=-60, ay=-30)
        said = parties_sentence(data.timelines, on, today) if len(data.timelines) else missing("membership")
        return StepView(step, said, fig.to_plotly_json(), DATASETS["parties"])
    if step.view == "casualties":
        fig = casualties_chart(data.casualties, casualty_facts(data.casualties), height=height)
        return StepView(step, casualties_sentence(data.casualties, step.at), fig, DATASETS["casualties"])
    tracker = article5_tracker(data.article5, data.article5_events, data.timelines, today)
    open_ = tracker[tracker["status"] != COMPLETED]
    # a slide names the states that need attention (deadline passed, or a decision awaited), in type that reads
    # from the back of the room; the sentence counts all of them, the impact page draws every row
    urgent = open_[open_["status"].isin([PASSED, PENDING])]
    shown = urgent if len(urgent) else open_
    fig = article5_timeline(shown, extension_steps(shown, data.article5_events, today), today, height=height)
    if len(shown) < len(open_):
        text = ngettext("{shown} of the {n} State Party still clearing: deadline passed or decision awaited",
                        "{shown} of the {n} States Parties still clearing: deadline passed or decision awaited",
                        len(open_))
        fig["layout"]["legend"]["title"] = {"side": "top", "text": text.format(shown=i18n.number(len(shown)),
                                                                                n=i18n.number(len(open_)))}
    return StepView(step, article5_sentence(tracker, today, named=False), fig, DATASETS["article5"])
