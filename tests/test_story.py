"""The story file, the sentences computed from the data, the exported tables and citations, and the offline pack."""
import json
import re
from datetime import date

import pandas as pd
import pytest

import loaders
from charts.export import citation, figure_table
from charts.impact import casualties_chart
from charts.pack import GEOJSON_SLOT, pack_html
from charts.story import StoryData, step_view
from loaders.geometry import (
    load_base_topology,
    load_countries_geojson,
    load_points,
    load_regions,
)
from loaders.story import StoryError, parse_steps, read_steps
from treaty.impact import casualty_facts, casualty_series
from treaty.rules import OPENED_FOR_SIGNATURE
from treaty.sentences import map_sentence
from treaty.status import counts_on, timelines
from treaty.story import moment

TODAY = date(2026, 11, 27)
ROW = {"step": "peak", "view": "parties", "at": "peak", "region": "", "title": "Membership at its peak"}


@pytest.fixture(scope="module")
def data() -> StoryData:
    tl = timelines(loaders.load("membership"), loaders.load("withdrawals"))
    features = load_points().merge(load_regions(), on="iso3").assign(details="")
    return StoryData(tl, features, casualty_series(loaders.load("casualties_global")), loaders.load("article5"),
                     loaders.load("article5_events"))


def test_the_bundled_story_follows_the_issue():
    steps = read_steps()
    assert 6 <= len(steps) <= 8
    assert [s.view for s in steps] == ["map", "map", "casualties", "parties", "map", "map", "casualties", "article5"]


@pytest.mark.parametrize("change, message", [
    ({"step": "Peak Step"}, "row 2, column step: 'Peak Step' must be lower-case letters"),
    ({"view": "pie"}, "row 2, column view: 'pie' is not one of map, parties, casualties, article5"),
    ({"at": "lowest"}, "row 2, column at: 'lowest' does not work with view parties; use one of peak, today or a date"),
    ({"region": "Atlantis"}, "row 2, column region: 'Atlantis' is not one of World"),
    ({"title": " "}, "row 2, column title: give the step a title"),
])
def test_a_broken_story_file_says_where_and_what_to_do(change, message):
    with pytest.raises(StoryError, match=re.escape(message)):
        parse_steps([ROW | change])


def test_steps_need_their_own_names_and_the_columns():
    with pytest.raises(StoryError, match="row 3, column step: 'peak' is used twice"):
        parse_steps([ROW, ROW])
    with pytest.raises(StoryError, match="missing column"):
        parse_steps([{"step": "a", "view": "map"}])


def test_an_advocate_can_reorder_and_add_steps():
    rows = [ROW, {"step": "end", "view": "map", "at": "2026-01-10", "region": "Europe", "title": "Finland has left"}]
    steps = parse_steps(rows[::-1])
    assert [s.step for s in steps] == ["end", "peak"]
    assert steps[0].region == "Europe" and steps[1].region == "World"


def test_dates_come_from_the_data(data):
    tl = data.timelines
    assert moment(tl, "peak", TODAY) == date(2025, 12, 1)
    assert moment(tl, "last_notice", TODAY) == tl["withdrawal_received"].max().date() == date(2025, 8, 20)
    assert moment(tl, "last_exit", TODAY) == date(2026, 2, 20)
    assert moment(tl, "last_exit", date(2025, 1, 1)) == date(2025, 1, 1)  # none yet: the day itself


def test_every_step_sentence_matches_the_data(data):
    views = {s.step: step_view(s, data, TODAY, "countries.geojson") for s in read_steps()}
    tl = data.timelines
    opened = views["opened"].sentence
    assert f"{int((tl['signed'] == '1997-12-03').sum())} states signed it that day" in opened
    assert "No state was bound by the ban yet" in opened
    ottawa = loaders.provenance("membership")["ottawa_signatories"]
    with_source = map_sentence(tl, OPENED_FOR_SIGNATURE, ottawa)
    assert f"{ottawa['count']} governments signed it in Ottawa on 3–4 December ({ottawa['source']})" in with_source
    two_days = int(tl["signed"].between("1997-12-03", "1997-12-04").sum())
    assert f"dates {two_days} signatures to those two days" in with_source
    assert f"binding the {int((tl['in_force'] == '1999-03-01').sum())} states" in views["in-force"].sentence
    peak = int(counts_on(tl, date(2025, 12, 1))["states_parties"])
    assert f"peak of {peak} States Parties on 1 December 2025" in views["peak"].sentence
    assert "five States Parties had given notice of withdrawal (Estonia, Finland, Latvia, Lithuania and Poland)" \
        in views["notices"].sentence
    assert "five States Parties had left the treaty" in views["exits"].sentence
    f = casualty_facts(data.casualties)
    assert f"{f.lowest} was the year with the fewest recorded casualties" in views["casualty-low"].sentence
    assert f"{f.lowest_total:,}" in views["casualty-low"].sentence
    assert "In 2024 the Landmine Monitor recorded 6,279 casualties" in views["casualties-2024"].sentence
    assert views["deadlines"].sentence.startswith("On 27 November 2026, of the 61 States Parties")
    # the map steps show the region the file asks for
    assert views["exits"].figure["layout"]["geo"]["lonaxis"]["range"] != views["opened"].figure["layout"]["geo"][
        "lonaxis"]["range"]


def test_chart_data_is_what_the_chart_draws(data):
    fig = casualties_chart(data.casualties, casualty_facts(data.casualties))
    table = figure_table(fig)
    y2024 = table[table["x"] == 2024].set_index("series")["Recorded casualties"]
    assert y2024.sum() == 6279  # killed + injured + outcome not stated, stacked to the year's total
    assert pd.isna(table.loc[(table["x"] == 2002), "Recorded casualties"]).all()  # a gap stays a gap
    legend_only = {"data": [{"type": "scatter", "x": [None], "y": [None], "name": "legend"}]}
    assert figure_table(legend_only).empty


def test_citation_names_view_version_and_every_source():
    meta = json.loads((loaders.DATA_DIR / "casualties_global.meta.json").read_text(encoding="utf-8"))
    line = citation("Humanitarian impact", [{"meta": meta, "version": "published version 3 of 2026-11-20"}],
                    "http://host/impact?year=2024", "27 November 2026")
    assert line.startswith("Mine Ban Treaty dashboard: Humanitarian impact. http://host/impact?year=2024. "
                           "accessed 27 November 2026.")
    assert "published version 3 of 2026-11-20" in line and f"data runs to {meta['data_runs_to']}" in line
    for s in meta["sources"]:
        assert s["url"] in line and s["report"] in line


def test_the_pack_holds_everything_it_needs(data):
    steps = read_steps()
    views = [step_view(s, data, TODAY, "/app/static/countries.geojson") for s in steps]
    html = pack_html("Story · Mine Ban Treaty", [{"id": s.step, "title": s.title, "sentence": v.sentence,
                                                 "figure": v.figure, "citation": "cited </script> here"}
                                                for s, v in zip(steps, views, strict=True)], load_countries_geojson(),
                    load_base_topology())
    assert "/app/static/countries.geojson" not in html  # the outlines are inside, not fetched
    assert html.count(f'"geojson":"{GEOJSON_SLOT}"') == sum(s.view == "map" for s in steps)
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', html)  # nothing loaded from anywhere
    assert "cited &lt;/script&gt; here" in html  # data text is escaped
    figures = re.search(r'<script type="application/json" id="figures">(.*?)</script>', html, re.DOTALL).group(1)
    assert len(json.loads(figures.replace("<\\/", "</"))) == len(steps)
    assert "world_110m" in html  # plotly's base map, so it never asks a CDN
