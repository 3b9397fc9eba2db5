"""Recorded casualties and clearance: aggregates and sentences on the bundled data and on toy frames."""
import re

import pandas as pd
import pytest

import loaders
from charts.impact import (
    casualties_chart,
    casualty_map,
    ranking_chart,
)
from treaty.impact import (
    casualty_facts,
    casualty_series,
    clearance_world,
    country_year,
    with_treaty_status,
)
from treaty.sentences import (
    casualty_sentence,
    country_ranking_sentence,
    shares_sentence,
)
from treaty.status import status_periods

T = pd.Timestamp


@pytest.fixture(scope="module")
def series():
    return casualty_series(loaders.load_casualties_global())


def _numbers(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}


def test_series_keeps_missing_years_as_gaps_not_zeros(series):
    assert series["year"].tolist() == list(range(1999, 2025))
    gaps = series.loc[series["total"].isna(), "year"].tolist()
    assert gaps == [1999, 2002, 2005]
    assert (series["total"].dropna() > 0).all()


def test_facts_come_from_the_data(series):
    f = casualty_facts(series)
    assert (f.latest, f.latest_total, f.since) == (2024, 6279, 2020)
    assert (f.lowest, f.lowest_total) == (2013, 3456)
    assert (f.peak, f.peak_total) == (2016, 9440)
    assert f.civilian_share == pytest.approx(0.90)


def test_sentence_reads_like_the_issue_and_matches_the_chart(series):
    text = casualty_sentence(series)
    assert text.startswith("In 2024 the Landmine Monitor recorded 6,279 casualties")
    assert "the highest since 2020; 90% of those whose status was known were civilians" in text
    spec = casualties_chart(series, casualty_facts(series))
    bars = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in spec["data"]}
    # the chart's stacked bars for each year named in the sentence add up to the sentence's number
    for year, total in [(2024, 6279), (2013, 3456), (2016, 9440)]:
        drawn = sum(v[year] or 0 for v in bars.values())
        assert drawn == total and total in _numbers(text)
    # 2024 has a killed/injured split; 2013 is a total only
    assert bars["Killed"][2024] == 1945 and bars["Injured"][2024] == 4325 and bars["Killed"][2013] is None
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert notes.count("no data") == 3 and any("6,279" in n and "since 2020" in n for n in notes)
    assert any("Lowest recorded" in n and "3,456" in n for n in notes)
    assert any("enters into force" in n for n in notes)
    for gap in (1999, 2002, 2005):  # nothing is drawn for a year without a figure
        assert all(v[gap] is None for v in bars.values())


def test_sentence_on_a_toy_series_says_record_and_gaps():
    toy = pd.DataFrame({"year": [1999, 2001], "total": [10, 30], "killed": None, "injured": None,
                        "civilian_share": [None, None]})
    text = casualty_sentence(casualty_series(toy))
    assert "recorded 30 casualties" in text and "the highest on record" in text
    assert "No figure for 2000." in text and "civilians" not in text


def test_shares_sentence_uses_published_shares_only(series):
    text = shares_sentence(series)
    assert "between 70% and 90%" in text and "children were 46% of civilian casualties in 2024" in text


def test_country_ranking_with_status(tl):
    rows = with_treaty_status(country_year(loaders.load_casualties_by_country(), 2024), tl, 2024)
    assert rows["iso3"].tolist()[:3] == ["MMR", "SYR", "AFG"] and rows["rank"].tolist()[0] == 1
    status = dict(zip(rows["iso3"], rows["status"], strict=True))
    assert status["MMR"] == "not_party" and status["AFG"] == "state_party"
    text = country_ranking_sentence(rows, 2024)
    inside = rows.loc[rows["status"] == "state_party", "total"].sum()
    assert "Myanmar (2,029)" in text and f"{inside:,}" in text
    spec = ranking_chart(rows, 2024)
    assert {t["name"] for t in spec["data"]} == {"State Party", "Not party"}


def test_casualty_map_leaves_unnamed_states_as_outlines(tl):
    rows = with_treaty_status(country_year(loaders.load_casualties_by_country(), 2024), tl, 2024)
    spec = casualty_map("/g.json", rows, 2024, ["MMR", "FRA", "AFG", "BRA"])
    base, values = spec["data"]
    assert base["locations"] == ["FRA", "BRA"] and "no data" in base["hovertemplate"]
    assert values["locations"][0] == "MMR" and values["z"][0] == 2029
    # its data as downloaded: the named states only; an outline is not a recorded zero
    from charts.export import figure_table
    table = figure_table(spec)
    assert set(table["iso3"]) == set(rows["iso3"]) and "FRA" not in set(table["iso3"])


def test_clearance_world_keeps_publishers_apart_and_takes_the_latest_report():
    w = clearance_world(loaders.load_clearance_annual()).set_index(["publisher", "year"])
    assert w.loc[("Landmine Monitor", 2015), "cleared_km2"] == 170  # LM2017 revised LM2016's 171
    assert w.loc[("Landmine Monitor", 2015), "cleared_km2_report"] == "Landmine Monitor 2017"
    assert w.loc[("Mine Action Review", 2019), "cleared_km2"] == 131
    assert w.loc[("Landmine Monitor", 2019), "cleared_km2"] == 156
    # a later report without a figure does not hide an earlier one
    assert w.loc[("Landmine Monitor", 2021), "land_released_km2"] == 276
    assert w.loc[("Landmine Monitor", 2021), "cleared_km2"] == pytest.approx(132.52)


def test_status_periods_tell_finlands_story(tl):
    p = status_periods(tl, "FIN", "2026-11-27")
    assert p["status"].tolist() == ["not_party", "not_yet_in_force", "state_party", "withdrawal_pending", "withdrawn"]
    assert p.iloc[-2]["start"] == T("2025-07-10") and p.iloc[-1]["start"] == T("2026-01-10")
    assert status_periods(tl, "MMR", "2026-11-27")["status"].tolist() == ["not_party"]


def test_clearance_sentence_from_the_same_frame_as_the_charts():
    from charts.impact import clearance_chart
    from treaty.sentences import clearance_sentence
    w = clearance_world(loaders.load_clearance_annual())
    text = clearance_sentence(w)
    assert "latest worldwide figure for land cleared is 282 km² in 2023" in text
    assert "2012 (281 km²)" in text and "105,000 in 2024" in text
    monitor = next(t for t in clearance_chart(w, "ap_mines_destroyed", "")["data"] if t["name"] == "Landmine Monitor")
    assert dict(zip(monitor["x"], monitor["y"], strict=True))[2024] == 105000
    released = next(t for t in clearance_chart(w, "land_released_km2", "")["data"] if t["name"] == "Landmine Monitor")
    assert {x for x, y in zip(released["x"], released["y"], strict=True) if y is not None} == {2012, 2021, 2022}
