"""The committed country geometry (data/geometry/, built by scripts/build_geometry.py) is complete and draws right.

Reads only the committed files: no network, no npm.
"""
import hashlib
import json

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from paths import DATA_DIR, GEOMETRY_DIR, ROOT, STATIC_DIR

GEO = GEOMETRY_DIR
GEOJSON_BUDGET_BYTES = 400_000

SMALL_STATES = ["AND", "LIE", "MLT", "SMR", "MCO", "VAT", "SGP", "BHR", "MDV", "TUV", "NRU", "MHL", "PLW", "TON",
                "NIU", "COK", "BRB", "GRD", "LCA", "DMA", "ATG", "KNA", "VCT", "SYC", "COM", "MUS", "STP", "KIR",
                "FSM", "WSM"]
NOT_SMALL = ["FRA", "FIN", "EST", "LVA", "LTU", "RUS", "UKR", "CYP", "TTO"]
BORDERS = ["FIN-RUS", "EST-RUS", "LVA-RUS", "BLR-LVA", "BLR-LTU", "LTU-RUS", "POL-RUS", "BLR-POL", "RUS-UKR",
           "BLR-UKR", "NOR-RUS", "NOR-SWE", "FIN-SWE", "FIN-NOR", "EST-LVA", "LTU-LVA", "LTU-POL", "DEU-DNK",
           "ESP-FRA", "CAN-USA", "MEX-USA", "CHN-IND", "GBR-IRL"]
NO_BORDERS = ["EST-FIN", "FRA-GBR", "DNK-SWE", "ESP-MAR", "MYS-SGP", "BHR-SAU", "RUS-USA", "JPN-RUS"]
SIDECAR_KEYS = {"file", "title", "producer", "sources", "licence", "derived", "caveats", "sha256"}


def membership_codes() -> set[str]:
    return set(pd.read_csv(DATA_DIR / "membership.csv", keep_default_na=False)["iso3"])


@pytest.fixture(scope="module")
def features():
    return json.loads((GEO / "countries.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def geoms(features):
    return {f["id"]: shape(f["geometry"]) for f in features}


@pytest.fixture(scope="module")
def points():
    return pd.read_csv(GEO / "points.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def pairs():
    b = pd.read_csv(GEO / "borders.csv", keep_default_na=False)
    return set(zip(b["iso3_a"], b["iso3_b"], strict=True))


def rings(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        for ring in poly:
            yield np.asarray(ring, dtype=float)


def test_every_member_state_is_drawn(geoms, points):
    members = membership_codes()
    assert len(members) == 197
    covered = set(geoms) | set(points["iso3"])
    assert sorted(members - covered) == []
    # in fact every member is a polygon, and the small ones have a point too
    assert sorted(members - set(geoms)) == []


def test_ids_are_unique_and_match_properties(features, points):
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)) == len(features)
    assert all(f["properties"]["iso3"] == f["id"] and f["properties"]["name"] for f in features)
    assert all(len(i) == 3 and i.isupper() for i in ids)
    assert sorted(points["iso3"]) == sorted(ids)
    assert points["iso3"].is_unique


def test_assigned_codes_and_dedupes(features, geoms):
    names = {f["id"]: f["properties"]["name"] for f in features}
    assert names["XKX"] == "Kosovo" and names["XNC"] == "N. Cyprus" and names["XSL"] == "Somaliland"
    assert [f["id"] for f in features].count("AUS") == 1
    # Ashmore and Cartier Is. (also 036 in world-atlas) are part of the one AUS feature
    assert geoms["AUS"].bounds[0] < 123.6


def test_coordinates_in_range(features):
    for f in features:
        for r in rings(f["geometry"]):
            assert r.shape[1] == 2
            assert -180 <= r[:, 0].min() and r[:, 0].max() <= 180, f["id"]
            assert -90 <= r[:, 1].min() and r[:, 1].max() <= 90, f["id"]
            assert (r[0] == r[-1]).all() and len(r) >= 4, f["id"]


@pytest.mark.parametrize("iso3", ["RUS", "FJI", "ATA", "USA", "KIR", "NZL"])
def test_antimeridian_crossers_are_split(features, iso3):
    f = next(f for f in features if f["id"] == iso3)
    lons = np.concatenate([r[:, 0] for r in rings(f["geometry"])])
    if iso3 in ("RUS", "FJI", "ATA"):
        assert lons.min() < -179 and lons.max() > 179  # drawn on both edges of the map
    for r in rings(f["geometry"]):
        assert np.abs(np.diff(r[:, 0])).max() <= 180


def test_no_ring_segment_spans_more_than_180_degrees(features):
    bad = [f["id"] for f in features for r in rings(f["geometry"]) if np.abs(np.diff(r[:, 0])).max() > 180]
    assert bad == []


def test_every_feature_is_valid(geoms):
    invalid = [k for k, g in geoms.items() if g.is_empty or not g.is_valid]
    assert invalid == []


def test_neighbours_do_not_overlap(geoms):
    for a, b in [("FIN", "RUS"), ("EST", "LVA"), ("LTU", "RUS"), ("BLR", "POL"), ("FRA", "ESP"), ("CYP", "XNC")]:
        assert geoms[a].intersection(geoms[b]).area == 0
        assert geoms[a].distance(geoms[b]) == 0  # they share their border line exactly


def test_small_states(points):
    small = points.set_index("iso3")["small"]
    assert small.dtype == bool
    assert [s for s in SMALL_STATES if not small[s]] == []
    assert [s for s in NOT_SMALL if small[s]] == []
    area = points.set_index("iso3")["area_km2"]
    assert ((area < 5000) == small).all()  # the threshold documented in the README


def test_points_lie_in_their_feature(points, geoms):
    p = points.set_index("iso3")
    assert p["lon"].between(-180, 180).all() and p["lat"].between(-90, 90).all()
    for iso3 in ["FRA", "FIN", "EST", "RUS", "USA", "NOR", "CHL", "IDN", "ITA", "AUT", "BLR"]:
        assert geoms[iso3].contains(Point(p.loc[iso3, "lon"], p.loc[iso3, "lat"])), iso3
    # mainland France, not French Guiana; contiguous US, not Alaska
    assert p.loc["FRA", "lat"] > 40 and p.loc["USA", "lon"] > -130 and p.loc["USA", "lat"] < 50


def test_areas_are_plausible(points):
    area = points.set_index("iso3")["area_km2"]
    for iso3, official in {"RUS": 17_098_000, "FRA": 640_000, "FIN": 338_000, "EST": 45_300, "LUX": 2_590}.items():
        assert abs(area[iso3] - official) / official < 0.1, iso3


@pytest.mark.parametrize("pair", BORDERS)
def test_land_border_present(pairs, pair):
    a, b = pair.split("-")
    assert (a, b) in pairs


@pytest.mark.parametrize("pair", NO_BORDERS)
def test_sea_neighbours_are_not_borders(pairs, pair):
    a, b = pair.split("-")
    assert (a, b) not in pairs


def test_borders_are_ordered_unique_known(pairs, geoms):
    assert all(a < b for a, b in pairs)
    b = pd.read_csv(GEO / "borders.csv")
    assert not b.duplicated().any() and len(b) == len(pairs)
    assert {x for p in pairs for x in p} <= set(geoms)
    assert not any("ATA" in p for p in pairs)


@pytest.mark.parametrize("name", ["countries.geojson", "points.csv", "borders.csv"])
def test_sidecar(name):
    path = GEO / name
    meta_path = GEO / (name.rsplit(".", 1)[0] + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    assert meta["file"] == name
    assert meta["producer"].startswith("Natural Earth (public domain), via the npm package world-atlas ")
    assert meta["licence"] == "Public domain (Natural Earth)"
    urls = {s["url"] for s in meta["sources"]}
    assert {"https://www.npmjs.com/package/world-atlas", "https://www.naturalearthdata.com/"} <= urls
    for s in meta["sources"]:
        assert set(s) == {"name", "report", "url", "accessed"} and s["accessed"] == "2026-11-26"
    assert meta["derived"] and meta["caveats"]
    assert all(isinstance(x, str) and x for x in meta["derived"] + meta["caveats"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == meta["sha256"]


def test_geojson_stays_small():
    assert (GEO / "countries.geojson").stat().st_size <= GEOJSON_BUDGET_BYTES


def test_readme_states_the_sizes():
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "python -m scripts.build_geometry" in readme
    for name in ["countries.geojson", "points.csv", "borders.csv"]:
        assert f"{(GEO / name).stat().st_size:,}" in readme, name
    assert "5,000" in readme and "XKX" in readme and "XNC" in readme and "XSL" in readme


def test_no_machine_paths_in_outputs():
    for p in GEO.iterdir():
        assert str(ROOT) not in p.read_text(encoding="utf-8"), p.name


def test_crimea_is_drawn_as_ukraine(geoms):
    """Natural Earth 4.1 has Crimea in Russia; the build moves it to Ukraine (UN GA resolution 68/262)."""
    simferopol = Point(34.10, 44.95)
    assert geoms["UKR"].contains(simferopol)
    assert not geoms["RUS"].contains(simferopol)


def test_loaders_read_the_geometry_with_their_schemas():
    from loaders.geometry import load_borders, load_countries_geojson, load_points

    p = load_points()
    assert p["small"].dtype == bool and p.set_index("iso3").loc["MLT", "small"]
    b = load_borders()
    assert ("FIN", "RUS") in set(zip(b["iso3_a"], b["iso3_b"], strict=True))
    assert len(load_countries_geojson()["features"]) == len(p)


def test_the_browsers_copy_has_the_same_shapes():
    served = json.loads((STATIC_DIR / "countries.geojson").read_text(encoding="utf-8"))["features"]
    data = {f["id"]: f["geometry"] for f in json.loads((GEO / "countries.geojson").read_text(encoding="utf-8"))["features"]}
    assert {f["id"] for f in served} == set(data) - {"ATA"}
    assert all(f["geometry"] == data[f["id"]] for f in served)


def test_border_lengths_are_plausible():
    b = pd.read_csv(GEO / "borders.csv", keep_default_na=False).set_index(["iso3_a", "iso3_b"])["length_km"]
    assert (b > 0).all()
    # generalised 1:50m lines come out shorter than surveyed lengths, never longer
    assert 1000 < b[("FIN", "RUS")] < 1350  # about 1,340 km surveyed
    assert 100 < b[("NOR", "RUS")] < 200    # about 196 km
    assert 7000 < b[("CAN", "USA")] < 9000  # about 8,890 km with Alaska
