"""What the map shows, in pure code: statuses per map feature, counts, key moments, the figure's structure."""
import json
from datetime import date

import pandas as pd
import pytest

import loaders
from charts.deck import extruded_status_deck
from charts.palette import LABELS, STATUS_COLORS
from charts.treaty_map import CODES, hover_details, status_map
from loaders.geometry import load_countries_geojson, load_points, load_regions
from treaty.atlas import MAP_STATUSES, NO_DATA, features_on, key_moments, status_counts, year_ends
from treaty.impact import contamination, latest_casualties


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


def _figure(tl, features, geojson, on="2026-11-26", frames=True):
    states = features_on(tl, features, on)
    fr = [(d, features_on(tl, features, d)) for d in year_ends(date(2026, 11, 26))] if frames else None
    return status_map(geojson, states, pd.Timestamp(on).date(), "World", frames=fr)


def test_geometry_is_sent_once_and_frames_carry_no_shapes(tl, features, geojson):
    fig = _figure(tl, features, geojson)
    full = fig.to_json()
    assert full.count('"coordinates"') == len(geojson["features"])  # every shape exactly once
    frames_json = json.dumps(json.loads(full)["frames"])
    assert "coordinates" not in frames_json and "geojson" not in frames_json
    assert len(frames_json) < 250_000


def test_legend_shows_the_counts(tl, features, geojson):
    names = [t.name for t in _figure(tl, features, geojson, "2025-12-01", frames=False).data]
    assert "State Party: 161" in names and "Withdrawal pending: 5" in names and "Withdrawn: 0" in names
    assert "'Suspension' rejected: Ukraine" not in names and "'Suspension' claimed, contested: Ukraine" in names


def test_frames_follow_the_years(tl, features, geojson):
    fig = _figure(tl, features, geojson)
    by_name = {f.name: f for f in fig.frames}
    f2025 = by_name["2025-12-31"]
    legend = [t.name for t in f2025.data if t.name]
    assert "Withdrawn: 3" in legend and "Withdrawal pending: 2" in legend
    z1998 = list(by_name["1998-12-31"].data[0].z)
    assert z1998.count(CODES["state_party"]) == 0  # nobody was bound before 1 March 1999
    assert fig.layout.sliders[0].active == len(fig.frames) - 1


def test_small_states_are_drawn_as_markers_in_their_status_colour(tl, features, geojson):
    fig = _figure(tl, features, geojson, frames=False)
    markers = fig.data[1]
    small = features[features["small"]]
    assert len(markers.lon) == len(small) >= 30
    malta = list(small["iso3"]).index("MLT")
    assert markers.marker.color[malta] == STATUS_COLORS["state_party"]


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
    deck = extruded_status_deck(geojson, states, values, f"Recorded casualties {year}", "people",
                                {"lat": 20, "lon": 0, "zoom": 1})
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
