"""Country geometry built by scripts/build_geometry.py (data/geometry/): outlines, points, land borders."""
from __future__ import annotations

import json
import math

import pandas as pd
import pandera.pandas as pa

from i18n import N_
from loaders.countries import known_codes
from paths import GEOMETRY_DIR, STATIC_DIR

_ISO3 = pa.Check.isin(sorted(known_codes()), error="unknown ISO3 code")
POINTS = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, _ISO3, unique=True, title="ISO3", description="Feature code (ISO3 or project code)."),
        "name": pa.Column(str, title="Name", description="Natural Earth's short map label."),
        "lon": pa.Column(float, pa.Check.in_range(-180, 180), title="Longitude",
                         description="A point inside the feature's largest polygon."),
        "lat": pa.Column(float, pa.Check.in_range(-90, 90), title="Latitude",
                         description="A point inside the feature's largest polygon."),
        "area_km2": pa.Column(float, pa.Check.gt(0), title="Area (km²)", description="Land area, equal-area projection."),
        "small": pa.Column(bool, title="Small", description="Too small to see as a polygon on a world map: draw a marker."),
    },
    strict=True, name="points",
)
BORDERS = pa.DataFrameSchema(
    {
        "iso3_a": pa.Column(str, _ISO3, title="State A", description="First state of the pair (alphabetically)."),
        "iso3_b": pa.Column(str, _ISO3, title="State B", description="Second state of the pair."),
        "length_km": pa.Column(float, pa.Check.gt(0), title="Length (km)",
                               description="Geodesic length of the shared border at 1:50m (generalised)."),
    },
    checks=[pa.Check(lambda d: d["iso3_a"] < d["iso3_b"], error="pairs are ordered: iso3_a < iso3_b")],
    unique=["iso3_a", "iso3_b"], strict=True, name="borders",
)


def load_countries_geojson() -> dict:
    """GeoJSON FeatureCollection; each feature's `id` is its ISO3 code."""
    return json.loads((GEOMETRY_DIR / "countries.geojson").read_text(encoding="utf-8"))


def load_base_topology() -> str:
    """Plotly's base-map topojson as text (static/world_110m.json: an empty topology, since we draw our own shapes),
    for a file that must open with no network."""
    return (STATIC_DIR / "world_110m.json").read_text(encoding="utf-8")


def load_points() -> pd.DataFrame:
    df = pd.read_csv(GEOMETRY_DIR / "points.csv", keep_default_na=False,
                     dtype={"iso3": str, "name": str, "lon": float, "lat": float, "area_km2": float, "small": bool})
    return POINTS.validate(df)


OVERSEAS_KM = 3000  # a part of a state this far from its main territory is overseas (French Guiana is 7,000 km)


def load_borders() -> pd.DataFrame:
    """The land borders, each with `overseas`: the ISO3 of the state whose part on that border is overseas (so
    France for France–Brazil, through French Guiana), or "" for a border of two states' own lands."""
    df = BORDERS.validate(pd.read_csv(GEOMETRY_DIR / "borders.csv", keep_default_na=False,
                                      dtype={"iso3_a": str, "iso3_b": str, "length_km": float}))
    return df.assign(overseas=overseas_sides(df, load_countries_geojson()))


def overseas_sides(borders: pd.DataFrame, geojson: dict) -> list[str]:
    """For each border, the state whose outline on it lies more than OVERSEAS_KM from that state's main territory
    (its largest polygon), or "". Measured on the map's outlines, so it follows them: exclaves and islands near
    home (Kaliningrad, Nakhchivan, Cabinda, Northern Ireland, East Malaysia) stay ordinary borders."""
    from shapely import geometry, ops  # shapely only when the borders are read (the domino page)

    shapes = {f["id"]: geometry.shape(f["geometry"]) for f in geojson["features"]}
    main = {k: max(getattr(s, "geoms", [s]), key=lambda p: p.area) for k, s in shapes.items()}

    def far(home: str, other: str) -> bool:
        if home not in shapes or other not in shapes:
            return False
        a, b = ops.nearest_points(main[home], shapes[other])  # home's main land, and the border's far side
        return _km(a.x, a.y, b.x, b.y) > OVERSEAS_KM

    return ["" if not (fa := far(a, b)) and not far(b, a) else (a if fa else b)
            for a, b in zip(borders["iso3_a"], borders["iso3_b"], strict=True)]


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def load_regions() -> pd.DataFrame:
    """iso3, region, subregion for every map feature (UN geoscheme, via world-countries)."""
    df = pd.read_csv(GEOMETRY_DIR / "regions.csv", keep_default_na=False, dtype=str)
    return REGIONS_SCHEMA.validate(df)


REGIONS_SCHEMA = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, _ISO3, unique=True, title="ISO3", description="Feature code."),
        "region": pa.Column(str, pa.Check.isin(["Africa", "Americas", "Antarctic", "Asia", "Europe", "Oceania"]),
                            title="Region", description="UN geoscheme region."),
        "subregion": pa.Column(str, title="Subregion", description="UN geoscheme subregion."),
    },
    strict=True, name="regions",
)


# The map's regions (UN geoscheme continents in regions.csv) and the whole world: one list for the map, the 3D view
# and the story file's `region` column.
# Data keys (URLs, the story file, comparisons): English here, translated where shown, _(region).
REGIONS = (N_("World"), N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"))
