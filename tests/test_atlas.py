"""What the map shows, in pure code: statuses per map feature, counts, key moments, the figure's structure."""
import json
from datetime import date

import pandas as pd
import plotly.tools
import pytest

import loaders
from charts.atlas import CODES, animation_frames, hover_details, status_map
from charts.deck import extruded_status_deck
from charts.palette import LABELS, STATUS_COLORS
from loaders.geometry import load_countries_geojson, load_points, load_regions
from paths import ROOT
from treaty.article5 import contamination
from treaty.atlas import (
    MAP_STATUSES,
    NO_DATA,
    features_on,
    key_moments,
    status_counts,
    year_ends,
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


def test_year_ends_end_today():
    days = year_ends(date(2026, 11, 26))
    assert days[0] == date(1997, 12, 31) and days[-2] == date(2025, 12, 31) and days[-1] == date(2026, 11, 26)


def _figure(tl, features, on="2026-11-26", frames=True):
    states = features_on(tl, features, on)
    fr = animation_frames([(d, features_on(tl, features, d)) for d in year_ends(date(2026, 11, 26))], "World") \
        if frames else None
    return status_map("/app/static/countries.geojson", states, pd.Timestamp(on).date(), "World", frames=fr)


def test_the_figure_names_its_shapes_by_url_and_carries_none(tl, features, geojson):
    spec = _figure(tl, features)
    text = json.dumps(spec)
    assert spec["data"][0]["geojson"] == "/app/static/countries.geojson"
    assert "coordinates" not in text
    assert len(json.dumps(spec["frames"])) < 250_000
    # plotly accepts it as a figure (Streamlit validates it the same way)
    plotly.tools.return_figure_from_figure_or_data(spec, validate_figure=True)


def test_served_shapes_cover_every_feature_on_the_map(features):
    served = json.loads((ROOT / "static" / "countries.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in served["features"]} == set(features["iso3"]) - {"ATA"}


def test_legend_shows_the_counts(tl, features):
    names = [t.get("name") for t in _figure(tl, features, "2025-12-01", frames=False)["data"]]
    assert "State Party: 161" in names and "Withdrawal pending: 5" in names and "Withdrawn: 0" in names
    assert "'Suspension' claimed, contested: Ukraine" in names


def test_frames_follow_the_years(tl, features):
    spec = _figure(tl, features)
    by_name = {f["name"]: f for f in spec["frames"]}
    legend = [t.get("name") for t in by_name["2025-12-31"]["data"]]
    assert "Withdrawn: 3" in legend and "Withdrawal pending: 2" in legend
    assert "164 States Parties" in by_name["2024-12-31"]["layout"]["legend"]["title"]["text"]
    assert by_name["1998-12-31"]["data"][0]["z"].count(CODES["state_party"]) == 0  # nobody bound before 1999
    assert spec["layout"]["sliders"][0]["active"] == len(spec["frames"]) - 1


def test_without_time_lapse_there_are_no_frames(tl, features):
    spec = _figure(tl, features, frames=False)
    assert "frames" not in spec and "sliders" not in spec["layout"]


def test_small_states_are_drawn_as_markers_in_their_status_colour(tl, features):
    markers = _figure(tl, features, frames=False)["data"][1]
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
