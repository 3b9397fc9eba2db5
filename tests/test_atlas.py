"""What the map shows, in pure code: statuses per map feature, counts, key moments, the figure's structure."""
import json
from datetime import date

import pandas as pd
import plotly.tools
import pytest

import loaders
from charts.atlas import focus_on, hover_details, status_map
from charts.deck import extruded_status_deck, height_legend
from charts.palette import LABELS, STATUS_COLORS
from loaders.geometry import load_countries_geojson, load_points, load_regions
from paths import ROOT
from treaty.article5 import contamination
from treaty.atlas import (
    MAP_STATUSES,
    NO_DATA,
    features_on,
    key_moments,
    next_frame,
    status_counts,
    timelapse_dates,
)
from treaty.impact import latest_casualties
from treaty.sentences import map_summary


@pytest.fixture(scope="module")
def features(tl):
    f = load_points().merge(load_regions(), on="iso3")
    f["details"] = f["iso3"].map(hover_details(tl)).fillna("no data")
    f["in_region"] = True
    return f


@pytest.fixture(scope="module")
def geojson():
    return load_countries_geojson()


def test_every_state_has_a_status_and_territories_say_no_data(tl, features):
    s = features_on(tl, features, "2025-12-01")
    assert set(s.loc[s["iso3"].isin(tl["iso3"]), "status"]) <= set(MAP_STATUSES) - {NO_DATA}
    assert s.set_index("iso3").loc["GRL", "status"] == NO_DATA
    assert (s["iso3"].isin(tl["iso3"])).sum() == 197


@pytest.mark.parametrize("on, parties", [("2025-12-01", 166), ("2026-03-01", 161), ("2013-12-31", 161)])
def test_map_counts_match_the_treaty_counts(tl, features, on, parties):
    assert status_counts(features_on(tl, features, on))["states_parties"] == parties


def test_key_moments_come_from_the_data(tl):
    moments = {m.on: m.label for m in key_moments(tl, date(2026, 11, 26))}
    assert moments[date(1997, 12, 3)] == "Opened" and moments[date(1999, 3, 1)] == "In force"
    assert moments[date(2025, 12, 1)] == "Peak: 166"
    assert moments[date(2025, 12, 27)] == "EST LTU LVA leave"
    assert moments[date(2026, 1, 10)] == "Finland leaves" and moments[date(2026, 2, 20)] == "Poland leaves"
    assert moments[date(2026, 11, 26)] == "Today"


def test_key_moments_before_the_withdrawals_do_not_include_them(tl):
    labels = [m.label for m in key_moments(tl, date(2025, 6, 1))]
    assert not any("leave" in label for label in labels)
    assert "Peak: 164" in labels


def test_the_time_lapse_shows_the_moments_that_matter(tl):
    today = date(2026, 11, 26)
    days = timelapse_dates(tl, today)
    assert days == sorted(set(days)) and days[-1] == today
    assert days[0] == date(1997, 12, 3) and date(2010, 12, 31) in days  # the years while membership only grew
    for m in key_moments(tl, today):  # the peak and each withdrawal taking effect
        assert m.on in days, m
    for col in ("withdrawal_received", "withdrawal_effective"):  # every notice and every exit
        assert set(tl[col].dropna().dt.date) <= set(days)
    pending = [d for d in days if status_counts(features_on(tl, tl[["iso3"]], d))["withdrawal_pending"]]
    assert len(pending) >= 6, pending  # the months of "withdrawal pending" are seen, not jumped over
    assert next_frame(days, date(2025, 12, 1)) > date(2025, 12, 1)
    assert next_frame(days, today) is None  # it stops at today


def test_a_time_lapse_with_no_withdrawals_is_the_years(tl):
    never = tl.assign(withdrawal_received=pd.NaT, withdrawal_effective=pd.NaT)
    days = timelapse_dates(never, date(2026, 11, 26))
    assert days[-1] == date(2026, 11, 26) and date(2025, 12, 31) in days
    assert timelapse_dates(tl.iloc[:0], date(2026, 11, 26))[-1] == date(2026, 11, 26)  # an empty dataset


def _figure(tl, features, on="2026-11-26"):
    states = features_on(tl, features, on)
    return status_map("/app/static/countries.geojson", states, pd.Timestamp(on).date(), "World")


def test_the_legend_keeps_its_order_whatever_the_date(tl, features):
    def order(on):
        traces = [t for t in _figure(tl, features, on)["data"] if t.get("showlegend", True) and "legendrank" in t]
        return [t["name"].split(":")[0] for t in sorted(traces, key=lambda t: t["legendrank"])]
    before, after = order("2020-01-01"), order("2026-11-26")
    assert before[:7] == after[:7] == [LABELS[s] for s in MAP_STATUSES]  # the 'suspension' mark comes last
    assert after[-1].startswith("'Suspension'")


def test_a_chosen_state_is_outlined_and_brought_into_view(tl, features):
    tuvalu = features.set_index("iso3").loc["TUV"].copy()
    tuvalu["iso3"] = "TUV"
    spec = focus_on(_figure(tl, features), tuvalu)
    assert spec["data"][0]["unselected"]["marker"]["opacity"] == 1  # a click fades no other state
    ring = spec["data"][-1]
    assert ring["lon"] == [tuvalu["lon"]] and ring["marker"]["size"] > 0  # a dot is ringed
    assert spec["data"][-2]["locations"] == ["TUV"] and spec["data"][-2]["marker"]["line"]["width"] >= 3
    lon, lat = spec["layout"]["geo"]["lonaxis"]["range"], spec["layout"]["geo"]["lataxis"]["range"]
    assert lon[0] < tuvalu["lon"] < lon[1] and lat[0] < tuvalu["lat"] < lat[1] and lon[1] - lon[0] <= 80
    russia = features.set_index("iso3").loc["RUS"].copy()
    russia["iso3"] = "RUS"
    assert focus_on(_figure(tl, features), russia)["layout"]["geo"]["lonaxis"]["range"] == [-170, 190]  # too big


def test_the_figure_names_its_shapes_by_url_and_carries_none(tl, features, geojson):
    spec = _figure(tl, features)
    text = json.dumps(spec)
    assert spec["data"][0]["geojson"] == "/app/static/countries.geojson"
    assert "coordinates" not in text
    # plotly accepts it as a figure (Streamlit validates it the same way)
    plotly.tools.return_figure_from_figure_or_data(spec, validate_figure=True)


def test_served_shapes_cover_every_feature_on_the_map(features):
    served = json.loads((ROOT / "static" / "countries.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in served["features"]} == set(features["iso3"]) - {"ATA"}


def test_legend_shows_the_counts(tl, features):
    names = [t.get("name") for t in _figure(tl, features, "2025-12-01")["data"]]
    assert "State Party: 161" in names and "Withdrawal pending: 5" in names and "Withdrawn: 0" in names
    assert "'Suspension' claimed, contested: Ukraine" in names


def test_small_states_are_drawn_as_markers_in_their_status_colour(tl, features):
    markers = _figure(tl, features)["data"][1]
    small = features[features["small"]]
    assert len(markers["lon"]) == len(small) >= 30
    malta = list(small["iso3"]).index("MLT")
    assert markers["marker"]["color"][malta] == STATUS_COLORS["state_party"]


def test_region_dims_what_lies_outside(tl, features):
    f = features.copy()
    f["in_region"] = f["region"] == "Europe"
    states = features_on(tl, f, "2025-12-01")
    spec = status_map("/x.geojson", states, date(2025, 12, 1), "Europe")
    opacity = dict(zip(spec["data"][0]["locations"], spec["data"][0]["marker"]["opacity"], strict=True))
    assert opacity["FIN"] == 1.0 and opacity["BRA"] == 0.25
    assert "States Parties in Europe" in spec["layout"]["legend"]["title"]["text"]


def test_hover_says_the_deciding_dates_and_source(tl):
    text = hover_details(tl)["POL"]
    assert "Signed: 4 Dec 1997" in text and "Withdrawal effective: 20 Feb 2026" in text and "Source:" in text


def test_no_data_is_not_a_status_colour():
    assert STATUS_COLORS[NO_DATA].endswith(",0)")  # transparent
    assert len({STATUS_COLORS[s] for s in MAP_STATUSES}) == len(MAP_STATUSES)
    assert LABELS[NO_DATA] == "No data"


def test_3d_deck_has_no_basemap_and_says_no_data(tl, features, geojson):
    states = features_on(tl, features, "2026-11-26")
    year, values = latest_casualties(loaders.load_casualties_by_country())
    deck = extruded_status_deck(geojson, states, values, f"Recorded casualties {year}", "people")
    spec = json.loads(deck.to_json())
    # no basemap provider and no style URL (the browser test proves nothing is fetched)
    assert "mapProvider" not in spec and "://" not in str(spec.get("mapStyle"))
    feats = {f["properties"]["name"]: f["properties"] for f in spec["layers"][0]["data"]["features"]}
    assert feats["Myanmar"]["elevation"] == 5_000_000 and "2,029" in feats["Myanmar"]["value"]
    assert feats["France"]["elevation"] == 0 and feats["France"]["value"].endswith("no data")
    assert "Antarctica" not in feats
    assert spec["views"][0]["controller"]["scrollZoom"] is False  # the wheel scrolls the page, not the globe
    listed = extruded_status_deck(geojson, states, values, "Recorded casualties", "people",
                                  absent="not among the countries the report lists (not zero)")
    france = next(f for f in json.loads(listed.to_json())["layers"][0]["data"]["features"]
                  if f["properties"]["name"] == "France")
    assert france["properties"]["value"] == "Recorded casualties: not among the countries the report lists (not zero)"
    legend = height_legend(values, dict(zip(tl["iso3"], tl["name"], strict=True)), "Recorded casualties 2024", "people")
    assert "the tallest, Myanmar, stands for 2,029 people" in legend and "1,014" in legend
    assert height_legend(values.iloc[:0], {}, "x", "y") == ""


def test_latest_casualties_and_contamination():
    year, values = latest_casualties(loaders.load_casualties_by_country())
    assert year == 2024 and values["MMR"] == 2029
    assert contamination(loaders.load_article5())["AFG"] == 191


def test_the_sentence_says_what_the_legend_says(tl, features):
    states = features_on(tl, features, "2025-12-01")
    counts = status_counts(states)
    spec = status_map("/x.geojson", states, date(2025, 12, 1))
    legend = {t["name"] for t in spec["data"] if t.get("name")}
    text = map_summary(date(2025, 12, 1), "World", counts)
    assert text.startswith("On 1 December 2025, **166 states were bound**")
    assert f"State Party: {counts['state_party']}" in legend and f"Withdrawal pending: {counts['withdrawal_pending']}" in legend
    assert f"{counts['withdrawal_pending']} of them with a withdrawal pending" in text
    assert f"{counts['not_party']} had not joined" in text
