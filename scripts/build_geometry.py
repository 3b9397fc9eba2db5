"""Build the committed country geometry in data/geometry/ from Natural Earth (via the npm package world-atlas).

Run from the project root:  python -m scripts.build_geometry

Needs npm (to fetch the world-atlas tarball into the gitignored build/ folder) and the dev requirements
(numpy, shapely, pyproj, pycountry). Neither the app nor the tests run this: they read the committed outputs.

Outputs (each with a provenance sidecar <stem>.meta.json):
- countries.geojson  one feature per state or territory, id = ISO 3166-1 alpha-3 (or an assigned X.. code);
                     topology-preserving simplification of the 50m arcs, split at the antimeridian,
                     coordinates rounded, rings wound clockwise (the d3 / plotly-geo convention).
- points.csv         a label / marker point inside each feature's largest polygon, its area in km2
                     (from the unsimplified geometry, in an equal-area projection) and a `small` flag.
- borders.csv        land-border adjacency and length: pairs of features that share arcs of the 50m topology.

The script is deterministic: running it twice gives byte-identical outputs.
"""
from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import tarfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pycountry
import shapely
import shapely.affinity
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.ops import polylabel

from paths import DATA_DIR, GEOMETRY_DIR, ROOT, STATIC_DIR

BUILD = ROOT / "build" / "world-atlas"
OUT = GEOMETRY_DIR

WORLD_ATLAS_VERSION = "2.0.2"
NATURAL_EARTH_VERSION = "4.1.0"  # the edition world-atlas 2.x redistributes (its README)
ACCESSED = "2026-11-26"

SIMPLIFY_TOLERANCE_DEG = 0.08  # topology-preserving Douglas-Peucker on the shared arcs, in degrees
DECIMALS = 2  # coordinate rounding of countries.geojson (0.01 deg is about 1.1 km)
MIN_ISLAND_KM2 = 100.0  # polygons smaller than this are dropped from countries.geojson (never a feature's largest)
SMALL_KM2 = 5000.0  # `small` in points.csv: total land area below this
GEOJSON_BUDGET_BYTES = 400_000
POLE_EDGE_STEP = 30.0  # degrees of longitude between vertices where Antarctica is closed along latitude -90

# Features world-atlas leaves without an ISO 3166-1 numeric id get codes from the ISO user-assigned
# range (X..), except the Australian Indian Ocean Territories, which NE draws as one feature but which
# are two ISO entities: they are split by position into Christmas Island (CXR) and Cocos (Keeling) (CCK).
ASSIGNED_CODES = {
    "Kosovo": ("XKX", "Kosovo"),
    "N. Cyprus": ("XNC", "N. Cyprus"),
    "Somaliland": ("XSL", "Somaliland"),
    "Siachen Glacier": ("XSG", "Siachen Glacier"),
}
INDIAN_OCEAN_TERRITORIES = "Indian Ocean Ter."
CXR_CCK_SPLIT_LON = 100.0  # Christmas Island lies east of it (105.6E), the Cocos Islands west (96.8E)

# Two features carrying the same numeric id are merged into one (names: the one kept).
MERGE_NAMES = {"AUS": "Australia"}  # Australia + Ashmore and Cartier Is. (both 036)

# Crimea: Natural Earth 4.1 draws it inside Russia (de facto control). The UN General Assembly
# (resolution 68/262, 2014) affirms Ukraine's territorial integrity, and Ukraine is the State Party whose
# treaty obligations cover it: the Crimea polygon is moved to UKR and merged with the mainland.
CRIMEA_BBOX = (32.0, 44.2, 36.8, 46.3)  # lon_min, lat_min, lon_max, lat_max of the peninsula
MERGE_PARTS = {"UKR"}  # features whose polygons are unioned (Crimea shares the Perekop isthmus with the mainland)

# Members missing from the 50m file, taken from the 10m file.
FROM_10M = {"798": "TUV"}

EQUAL_AREA_CRS = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global (cylindrical equal-area)

SOURCES = [
    {
        "name": f"world-atlas {WORLD_ATLAS_VERSION} (npm package, topojson/world-atlas)",
        "report": "countries-50m.json and countries-10m.json: TopoJSON of Natural Earth Admin 0 countries, "
                  f"1:50m and 1:10m, Natural Earth {NATURAL_EARTH_VERSION}",
        "url": "https://www.npmjs.com/package/world-atlas",
        "accessed": ACCESSED,
    },
    {
        "name": "Natural Earth",
        "report": f"Admin 0 - Countries, 1:50m and 1:10m cultural vectors, version {NATURAL_EARTH_VERSION}",
        "url": "https://www.naturalearthdata.com/",
        "accessed": ACCESSED,
    },
]
PRODUCER = (f"Natural Earth (public domain), via the npm package world-atlas {WORLD_ATLAS_VERSION}; "
            "derived by scripts/build_geometry.py")
LICENCE = "Public domain (Natural Earth)"


# ---------------------------------------------------------------------------------------------- input
def fetch_world_atlas() -> dict[str, Path]:
    """npm pack world-atlas into build/ (once) and extract the two country topologies."""
    BUILD.mkdir(parents=True, exist_ok=True)
    tarball = BUILD / f"world-atlas-{WORLD_ATLAS_VERSION}.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", "--silent", f"world-atlas@{WORLD_ATLAS_VERSION}",
                        "--pack-destination", str(BUILD)], check=True, cwd=BUILD, stdout=subprocess.DEVNULL)
    files = {}
    with tarfile.open(tarball) as tar:
        package = json.loads(tar.extractfile(tar.getmember("package/package.json")).read())
        if package["version"] != WORLD_ATLAS_VERSION:
            raise SystemExit(f"{tarball.name} holds world-atlas {package['version']}")
        for res in ("50m", "10m"):
            member = tar.getmember(f"package/countries-{res}.json")
            target = BUILD / f"countries-{res}.json"
            target.write_bytes(tar.extractfile(member).read())
            files[res] = target
    return files


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Delta-decode and dequantize the arcs into lon/lat arrays."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))
    return arcs


def polygons_of(geom: dict) -> list[list[list[int]]]:
    """The polygons (lists of rings, each a list of arc indices; ~i means arc i reversed) of a TopoJSON geometry."""
    return [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]


def first_lon(poly: list[list[int]], arcs: list[np.ndarray]) -> float:
    i = poly[0][0]
    return float(arcs[i if i >= 0 else ~i][0, 0])


def load_features(files: dict[str, Path]) -> tuple[list[dict], list[np.ndarray], list[str]]:
    """Features {iso3, name, polys} over one shared arc list (50m arcs, then the 10m arcs appended)."""
    log: list[str] = []
    t50 = json.loads(files["50m"].read_text(encoding="utf-8"))
    t10 = json.loads(files["10m"].read_text(encoding="utf-8"))
    arcs = decode_arcs(t50)
    by_iso: dict[str, dict] = {}

    def add(iso3: str, name: str, polys: list) -> None:
        if iso3 in by_iso:
            by_iso[iso3]["polys"].extend(polys)
            by_iso[iso3]["merged"].append(name)
            by_iso[iso3]["name"] = MERGE_NAMES.get(iso3, by_iso[iso3]["name"])
        else:
            by_iso[iso3] = {"iso3": iso3, "name": name, "polys": list(polys), "merged": [name]}

    for g in t50["objects"]["countries"]["geometries"]:
        name, num = g["properties"]["name"], g.get("id")
        polys = polygons_of(g)
        if num is None:
            if name == INDIAN_OCEAN_TERRITORIES:
                east = [p for p in polys if first_lon(p, arcs) > CXR_CCK_SPLIT_LON]
                west = [p for p in polys if first_lon(p, arcs) <= CXR_CCK_SPLIT_LON]
                add("CXR", pycountry.countries.get(alpha_3="CXR").name, east)
                add("CCK", pycountry.countries.get(alpha_3="CCK").name, west)
                log.append(f"{name} (no id) split into CXR ({len(east)} polygons) and CCK ({len(west)} polygons)")
                continue
            if name not in ASSIGNED_CODES:
                raise SystemExit(f"feature without id not handled: {name}")
            iso3, label = ASSIGNED_CODES[name]
            add(iso3, label, polys)
            log.append(f"{name} (no id) -> {iso3}")
            continue
        country = pycountry.countries.get(numeric=num)
        if country is None:
            raise SystemExit(f"numeric id {num} ({name}) unknown to pycountry")
        add(country.alpha_3, name, polys)

    for iso3, f in by_iso.items():
        if len(f["merged"]) > 1:
            log.append(f"duplicate id: {' + '.join(f['merged'])} merged into {iso3} ({f['name']})")
            if iso3 not in MERGE_NAMES:
                raise SystemExit(f"unexpected duplicate id {iso3}: {f['merged']}")

    move_crimea(by_iso, arcs, log)

    arcs10 = decode_arcs(t10)
    for g in t10["objects"]["countries"]["geometries"]:
        if g.get("id") in FROM_10M:
            iso3 = FROM_10M[g["id"]]
            if iso3 in by_iso:
                raise SystemExit(f"{iso3} is in the 50m file after all")
            used = sorted({i if i >= 0 else ~i for p in polygons_of(g) for r in p for i in r})
            remap = {old: len(arcs) + k for k, old in enumerate(used)}
            arcs.extend(arcs10[i] for i in used)
            polys = [[[remap[i] if i >= 0 else ~remap[~i] for i in r] for r in p] for p in polygons_of(g)]
            add(iso3, g["properties"]["name"], polys)
            log.append(f"{g['properties']['name']} ({iso3}, {g['id']}) missing from 50m: taken from 10m")
    missing = set(FROM_10M.values()) - set(by_iso)
    if missing:
        raise SystemExit(f"not found in 10m either: {missing}")
    features = [by_iso[k] for k in sorted(by_iso)]
    return features, arcs, log


def move_crimea(by_iso: dict[str, dict], arcs: list[np.ndarray], log: list[str]) -> None:
    def inside(poly) -> bool:
        ring = assemble_ring(poly[0], arcs)
        lon, lat = ring[:, 0].mean(), ring[:, 1].mean()
        x0, y0, x1, y1 = CRIMEA_BBOX
        return x0 <= lon <= x1 and y0 <= lat <= y1

    crimea = [p for p in by_iso["RUS"]["polys"] if inside(p)]
    if len(crimea) != 1:
        raise SystemExit(f"expected one Crimea polygon inside RUS, found {len(crimea)}")
    by_iso["RUS"]["polys"] = [p for p in by_iso["RUS"]["polys"] if p is not crimea[0]]
    by_iso["UKR"]["polys"].append(crimea[0])
    log.append("Crimea moved from RUS to UKR (UN General Assembly resolution 68/262)")


# --------------------------------------------------------------------------------------- geometry
def unwrap(lon: np.ndarray) -> np.ndarray:
    """Make longitudes continuous (no step over 180 degrees) by adding multiples of 360."""
    if len(lon) < 2:
        return lon.copy()
    d = np.diff(lon)
    d = d - 360.0 * np.round(d / 360.0)
    return np.concatenate([[lon[0]], lon[0] + np.cumsum(d)])


def assemble_ring(ring: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        if parts:
            gap = parts[-1][-1] - a[0]
            gap[0] -= 360.0 * round(gap[0] / 360.0)
            if np.abs(gap).max() > 1e-9:
                raise SystemExit(f"ring arcs do not join (arc {i})")
            a = a[1:]
        parts.append(a)
    pts = np.concatenate(parts)
    pts = np.column_stack([unwrap(pts[:, 0]), pts[:, 1]])
    keep = np.ones(len(pts), bool)
    keep[1:] = np.any(np.abs(np.diff(pts, axis=0)) > 1e-12, axis=1)
    return pts[keep]


WORLD = box(-180.0, -90.0, 180.0, 90.0)


def planar_polygon(rings: list[np.ndarray]) -> list[Polygon]:
    """One spherical TopoJSON polygon (rings with continuous longitudes) as planar polygons in [-180, 180].

    A ring whose longitudes wind once around the globe encircles a pole (Antarctica): it is closed along
    the pole's parallel, with a vertex every POLE_EDGE_STEP degrees so that no segment spans more than
    180 degrees of longitude. Everything is then cut at the antimeridian and the parts beyond +-180 are
    shifted back by 360 degrees, so no segment crosses the map.
    """
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return []
    polar = [abs(r[-1, 0] - r[0, 0]) > 180.0 for r in rings]
    if any(polar):
        region = None
        for r, is_polar in zip(rings, polar, strict=True):
            if not is_polar:
                continue
            pole = -90.0 if r[:, 1].mean() < 0 else 90.0
            n = int(np.ceil(abs(r[-1, 0] - r[0, 0]) / POLE_EDGE_STEP))
            edge = np.column_stack([np.linspace(r[-1, 0], r[0, 0], n + 1), np.full(n + 1, pole)])
            cap = fold(shapely.make_valid(Polygon(np.vstack([r, edge]))))
            region = cap if region is None else region.symmetric_difference(cap)
        holes = [fold(Polygon(r)) for r, p in zip(rings, polar, strict=True) if not p]
        if holes:
            region = region.difference(shapely.union_all(holes))
        return polygon_parts(region)
    ext = rings[0]
    holes = []
    for h in rings[1:]:  # put each hole on the same 360-degree sheet as the exterior
        h = h.copy()
        h[:, 0] -= 360.0 * round((h[:, 0].mean() - ext[:, 0].mean()) / 360.0)
        holes.append(h)
    region = Polygon(ext, holes)
    if not region.is_valid:
        region = shapely.make_valid(region)
    return polygon_parts(fold(region))


def fold(geom):
    """Cut a geometry at the antimeridian and shift what lies beyond +-180 back into [-180, 180]."""
    lo, hi = geom.bounds[0], geom.bounds[2]
    if lo >= -180.0 and hi <= 180.0:
        return geom
    pieces = []
    for k in range(int(np.floor((lo + 180.0) / 360.0)), int(np.floor((hi + 180.0) / 360.0)) + 1):
        moved = shapely.affinity.translate(geom, xoff=-360.0 * k)
        moved = shapely.transform(moved, lambda c: np.round(c, 9))  # 180.00000000000003 -> 180
        pieces.append(moved.intersection(WORLD))
    return shapely.union_all(pieces)


def polygon_parts(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygon_parts(g)]
    return []


def feature_geometry(polys: list, arcs: list[np.ndarray], merge: bool = False) -> list[Polygon]:
    out = []
    for poly in polys:
        out.extend(planar_polygon([assemble_ring(r, arcs) for r in poly]))
    return polygon_parts(shapely.union_all(out)) if merge and out else out


def simplify_arcs(arcs: list[np.ndarray], tolerance: float, decimals: int) -> list[np.ndarray]:
    """Topology-preserving simplification of all arcs at once, then rounding.

    The arcs are shared by neighbours, so both sides of a border get the very same simplified line.
    Longitudes are unwrapped first, so an arc that crosses the antimeridian does not look like a line
    spanning the whole map to the simplifier. GEOS's TopologyPreservingSimplifier keeps the end points
    of open lines (the junctions where three or more features meet) and does not let lines cross.
    """
    unwrapped = [np.column_stack([unwrap(a[:, 0]), a[:, 1]]) for a in arcs]
    simplified = shapely.simplify(MultiLineString([LineString(a) for a in unwrapped]), tolerance,
                                  preserve_topology=True)
    if len(simplified.geoms) != len(arcs):
        raise SystemExit("the simplifier changed the number of arcs")
    out = []
    for a, line in zip(unwrapped, simplified.geoms, strict=True):
        c = np.round(np.asarray(line.coords), decimals)
        closed = np.array_equal(a[0], a[-1])
        if not closed and not np.array_equal(c[[0, -1]], np.round(a[[0, -1]], decimals)):
            raise SystemExit("the simplifier moved a junction")
        keep = np.ones(len(c), bool)
        keep[1:] = np.any(np.diff(c, axis=0) != 0, axis=1)
        out.append(c[keep])
    return out


def round_geometry(polys: list[Polygon], decimals: int, log: list[str], iso3: str) -> MultiPolygon:
    """Round (the antimeridian cut adds points), drop what collapses, repair, orient clockwise."""
    kept = []
    for p in polys:
        p = shapely.transform(p, lambda c: np.round(c, decimals))
        if p.is_empty or p.area == 0:
            continue
        if not p.is_valid:
            log.append(f"{iso3}: a simplified polygon was repaired with make_valid")
            kept.extend(q for q in polygon_parts(shapely.make_valid(p)) if q.area > 0)
        else:
            kept.append(p)
    geom = MultiPolygon(kept)
    if not geom.is_valid:
        log.append(f"{iso3}: simplified polygons overlapping each other were repaired with make_valid")
        geom = MultiPolygon(polygon_parts(shapely.make_valid(geom)))
    return shapely.orient_polygons(geom, exterior_cw=True)


def drop_islets(geom: MultiPolygon, min_km2: float) -> tuple[MultiPolygon, int]:
    """Drop polygons under min_km2 (approximate area at their latitude), never the largest one."""
    polys = list(geom.geoms)
    km2 = [p.area * 111.32 ** 2 * np.cos(np.radians(p.centroid.y)) for p in polys]
    big = int(np.argmax(km2))
    keep = [p for k, p in enumerate(polys) if k == big or km2[k] >= min_km2]
    return MultiPolygon(sorted(keep, key=lambda p: (-p.area, p.bounds))), len(polys) - len(keep)


def full_polygons(f: dict, arcs: list[np.ndarray]) -> list[Polygon]:
    """The unsimplified planar polygons of a feature (valid)."""
    merge = f["iso3"] in MERGE_PARTS
    return [q for p in feature_geometry(f["polys"], arcs, merge) for q in polygon_parts(shapely.make_valid(p))]


# ----------------------------------------------------------------------------------------- output
def fmt(x: float) -> str:
    s = f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def coords_json(geom: MultiPolygon) -> tuple[str, str]:
    def ring(r) -> str:
        return "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in r.coords) + "]"

    def poly(p) -> str:
        return "[" + ",".join([ring(p.exterior)] + [ring(h) for h in p.interiors]) + "]"

    parts = list(geom.geoms)
    if len(parts) == 1:
        return "Polygon", poly(parts[0])
    return "MultiPolygon", "[" + ",".join(poly(p) for p in parts) + "]"


def check_geometry(iso3: str, geom: MultiPolygon) -> None:
    if geom.is_empty or not geom.is_valid:
        raise SystemExit(f"{iso3}: empty or invalid geometry")
    for p in geom.geoms:
        for r in [p.exterior, *p.interiors]:
            c = np.asarray(r.coords)
            if c[:, 0].min() < -180 or c[:, 0].max() > 180 or c[:, 1].min() < -90 or c[:, 1].max() > 90:
                raise SystemExit(f"{iso3}: coordinate out of range")
            if np.abs(np.diff(c[:, 0])).max() > 180:
                raise SystemExit(f"{iso3}: a ring segment spans more than 180 degrees of longitude")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_meta(path: Path, title: str, derived: list[str], caveats: list[str]) -> None:
    meta = {
        "file": path.name,
        "title": title,
        "producer": PRODUCER,
        "sources": SOURCES,
        "licence": LICENCE,
        "derived": derived,
        "caveats": caveats,
        "sha256": sha256(path),
    }
    meta_path = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def km2(x: float) -> str:
    return f"{x:,.0f}"


def main() -> None:  # noqa: C901 - the build in commented sections, run in order; not split blind (it needs npm)
    files = fetch_world_atlas()
    features, arcs, log = load_features(files)
    OUT.mkdir(parents=True, exist_ok=True)
    by_iso = {f["iso3"]: f for f in features}

    # ---- unsimplified geometry: areas and points
    to_equal_area = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
    rows = []
    for f in features:
        parts = full_polygons(f, arcs)
        if not parts:
            raise SystemExit(f"{f['iso3']}: no geometry")
        areas = [shapely.transform(p, lambda c: np.column_stack(to_equal_area.transform(c[:, 0], c[:, 1]))).area
                 / 1e6 for p in parts]
        largest = parts[int(np.argmax(areas))]
        minx, miny, maxx, maxy = largest.bounds
        point = polylabel(largest, tolerance=max(min(maxx - minx, maxy - miny) / 200.0, 1e-5))
        if not largest.contains(point):
            point = largest.representative_point()
        area = float(sum(areas))
        f["area_km2"] = area
        rows.append([f["iso3"], f["name"], f"{point.x:.4f}", f"{point.y:.4f}", f"{area:.1f}",
                     "true" if area < SMALL_KM2 else "false"])

    # ---- adjacency: features sharing an arc of the unsimplified topology
    owners: dict[int, set[str]] = defaultdict(set)
    for f in features:
        for poly in f["polys"]:
            for ring in poly:
                for i in ring:
                    owners[i if i >= 0 else ~i].add(f["iso3"])
    if any(len(o) > 2 for o in owners.values()):
        raise SystemExit("an arc is shared by more than two features")
    pairs = sorted({tuple(sorted(o)) for o in owners.values() if len(o) == 2})
    # length of each land border: geodesic length of the shared arcs (unsimplified), in km
    geod = Geod(ellps="WGS84")
    border_km: dict[tuple[str, str], float] = defaultdict(float)
    for i, o in owners.items():
        if len(o) == 2:
            lon, lat = unwrap(arcs[i][:, 0]), arcs[i][:, 1]
            border_km[tuple(sorted(o))] += geod.line_length(lon, lat) / 1000
    # point contacts (no shared arc), reported only
    full = {f["iso3"]: shapely.MultiPolygon(full_polygons(f, arcs)) for f in features}
    tree = shapely.STRtree(list(full.values()))
    keys = list(full)
    touching = set()
    for i, (k, g) in enumerate(full.items()):
        for j in tree.query(g, predicate="intersects"):
            if j > i:
                touching.add(tuple(sorted((k, keys[j]))))
    point_contacts = sorted(touching - set(pairs))

    # ---- simplified geometry
    simple_arcs = simplify_arcs(arcs, SIMPLIFY_TOLERANCE_DEG, DECIMALS)
    lines = []
    browser_lines = []  # the copy the browser fetches: no properties, no Antarctica (no state, only room)
    n_dropped = 0
    for f in features:
        geom = round_geometry(feature_geometry(f["polys"], simple_arcs, f["iso3"] in MERGE_PARTS), DECIMALS, log,
                              f["iso3"])
        if geom.is_empty:  # everything collapsed: keep the unsimplified largest polygon, rounded
            geom = round_geometry([max(full_polygons(f, arcs), key=lambda p: p.area)], DECIMALS, log, f["iso3"])
            log.append(f"{f['iso3']}: simplified away entirely, largest polygon kept unsimplified")
        geom, dropped = drop_islets(geom, MIN_ISLAND_KM2)
        n_dropped += dropped
        check_geometry(f["iso3"], geom)
        gtype, coords = coords_json(geom)
        props = json.dumps({"iso3": f["iso3"], "name": f["name"]}, ensure_ascii=False, separators=(",", ":"))
        lines.append(f'{{"type":"Feature","id":"{f["iso3"]}","properties":{props},'
                     f'"geometry":{{"type":"{gtype}","coordinates":{coords}}}}}')
        if f["iso3"] != "ATA":
            browser_lines.append(f'{{"type":"Feature","id":"{f["iso3"]}","properties":{{}},'
                                 f'"geometry":{{"type":"{gtype}","coordinates":{coords}}}}}')

    geojson = OUT / "countries.geojson"
    geojson.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    # Served at /app/static/countries.geojson: plotly fetches it once per page and caches it, so the shapes
    # never travel inside a figure (tests/test_geometry.py checks it matches countries.geojson).
    (STATIC_DIR / "countries.geojson").write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(browser_lines) + "\n]}\n", encoding="utf-8")
    points = OUT / "points.csv"
    with open(points, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3", "name", "lon", "lat", "area_km2", "small"])
        w.writerows(rows)
    borders = OUT / "borders.csv"
    with open(borders, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3_a", "iso3_b", "length_km"])
        w.writerows([a, b, f"{border_km[(a, b)]:.1f}"] for a, b in pairs)

    # ---- provenance
    small = [r[0] for r in rows if r[5] == "true"]
    inputs = "; ".join(f"{p.name} sha256 {sha256(p)}" for p in files.values())
    common = [
        f"Input: world-atlas {WORLD_ATLAS_VERSION} from the npm registry ({inputs}).",
        "Feature ids: ISO 3166-1 alpha-3, converted from world-atlas's ISO 3166-1 numeric ids with pycountry.",
        "Features without an ISO code got codes from the ISO user-assigned range: "
        + ", ".join(f"{k} {v[0]}" for k, v in ASSIGNED_CODES.items())
        + ". Indian Ocean Ter. (no id) was split by position into Christmas Island (CXR) and "
          "Cocos (Keeling) Islands (CCK), which have ISO codes.",
        "Duplicate id 036: Australia and Ashmore and Cartier Is. were merged into one feature AUS. "
        "No other id occurs twice.",
        "Tuvalu (798, TUV) is missing from countries-50m.json and was taken from countries-10m.json.",
        "Crimea, inside RUS in Natural Earth 4.1.0, was moved to UKR and merged with the mainland "
        "(UN General Assembly resolution 68/262 affirms Ukraine's territorial integrity).",
    ]
    antimeridian = ("Antimeridian: rings crossing +-180 degrees (Russia, Fiji, Antarctica) were unwrapped, cut at "
                    "+-180 and the part beyond shifted by 360 degrees; Antarctica's ring, which circles the South "
                    f"Pole, was closed along latitude -90 with a vertex every {POLE_EDGE_STEP:g} degrees. Every "
                    "longitude is within [-180, 180] and no ring segment spans more than 180 degrees.")
    non_states = ("Besides states the file has dependent territories and other areas Natural Earth draws apart "
                  "(e.g. Greenland, Hong Kong, Macao, W. Sahara, Åland, Antarctica); codes starting with X are "
                  "not ISO 3166-1 codes.")
    write_meta(geojson, "Country outlines for world maps: Natural Earth admin-0 countries, 1:50m, simplified",
               common + [
                   antimeridian,
                   f"Simplification: topology-preserving Douglas-Peucker (GEOS TopologyPreservingSimplifier) "
                   f"with a tolerance of {SIMPLIFY_TOLERANCE_DEG:g} degrees, applied once to the shared arcs of "
                   "the topology, so both neighbours of a border get the same line; coordinates rounded to "
                   f"{DECIMALS} decimals (about 1 km); islands under about {MIN_ISLAND_KM2:g} km2 dropped, except "
                   "each feature's largest polygon; shapely make_valid where rounding made a polygon invalid.",
                   "Rings are wound clockwise (holes counter-clockwise): the d3-geo / plotly geo convention that "
                   "world-atlas uses, the reverse of RFC 7946's right-hand rule; planar renderers ignore it.",
                   "Properties: iso3 (same as id) and name (Natural Earth's short map label, as in world-atlas).",
               ], [
                   "Disputed borders and areas are drawn as Natural Earth 4.1.0 draws them (de facto control), "
                   "except Crimea, drawn as part of UKR (UN General Assembly resolution 68/262); Kosovo (XKX), N. Cyprus (XNC), Somaliland (XSL), Siachen Glacier (XSG) "
                   "and W. Sahara (ESH) are separate features; Kashmir, Aksai Chin and Arunachal Pradesh are "
                   "divided along the de facto lines.",
                   non_states,
                   f"Simplified for world maps, not for measurement: shapes are generalised to about "
                   f"{SIMPLIFY_TOLERANCE_DEG:g} degrees and small islands are missing; states under "
                   f"{km2(SMALL_KM2)} km2 are hard to see and are better drawn from points.csv.",
                   "Antarctica reaches latitude -90, which Web Mercator cannot show: drop or clip it there.",
                   "Names are short map labels (e.g. 'Dem. Rep. Congo', 'Bosnia and Herz.'), not official names.",
               ])
    write_meta(points, "Label point, land area and small-state flag for each country feature", common + [
        antimeridian,
        "lon, lat: the pole of inaccessibility (shapely polylabel) of the feature's largest polygon, from the "
        "unsimplified geometry, rounded to 4 decimals.",
        f"area_km2: the area of the unsimplified geometry (after the antimeridian cut) in {EQUAL_AREA_CRS} "
        "(WGS 84 / NSIDC EASE-Grid 2.0 Global, a cylindrical equal-area projection), rounded to 0.1 km2.",
        f"small: true where area_km2 < {SMALL_KM2:g}, i.e. too small to see as a polygon on a world map "
        f"({len(small)} features).",
    ], [
        "Areas come from 1:50m generalised shapes and include lakes Natural Earth assigns to a country: they "
        "differ from official land areas, most for the tiniest states (Vatican 0.8 km2, Monaco 12 km2).",
        f"The {km2(SMALL_KM2)} km2 threshold is a judgement: Luxembourg, Cabo Verde and N. Cyprus fall under it; "
        "Trinidad and Tobago (about 5,100 km2), Brunei and Cyprus (without N. Cyprus, about 5,700 km2 each) "
        "do not.",
        "For a few atolls (e.g. CCK, IOT, MHL, VGB) the point lies inside the unsimplified polygon but not "
        "inside the simplified outline in countries.geojson.",
        non_states,
    ])
    write_meta(borders, "Land-border adjacency between the country features", common + [
        "Pairs of features that share at least one arc of the unsimplified world-atlas 50m topology (in the "
        "topology a coastline belongs to one feature, a boundary to two); iso3_a < iso3_b, one row per pair.",
        "length_km: geodesic length (WGS84 ellipsoid, pyproj) of the shared arcs at 1:50m; a generalised "
        "line, so shorter than surveyed boundary lengths (e.g. Finland-Russia).",
    ], [
        "Features that only touch at a point are not neighbours: Natural Earth draws Kazungula as a "
        "quadripoint, so BWA-ZMB (a real border of about 150 m) is missing, as is NAM-ZWE (no real border)."
        if point_contacts == [("BWA", "ZMB"), ("NAM", "ZWE")] else
        f"Features that only touch at a point are not neighbours: {point_contacts}.",
        "Boundaries across lakes count, as Natural Earth's country polygons include their share of lakes "
        "(e.g. COD-TZA across Lake Tanganyika). Sea neighbours do not (e.g. EST-FIN, FRA-GBR, DNK-SWE).",
        "Gibraltar, Ceuta, Melilla, Akrotiri and Dhekelia are not separate features at 1:50m, so ESP-GBR, "
        "ESP-MAR and CYP-GBR are absent. French Guiana is part of FRA (BRA-FRA, FRA-SUR); Saint-Martin gives "
        "MAF-SXM, not FRA-NLD. Crimea is part of UKR here (moved from RUS), so RUS-UKR is the mainland border.",
        "Pairs include non-state features (e.g. CHN-HKG, ESH-MAR, SRB-XKX, CYP-XNC, SOM-XSL, IND-XSG).",
    ])

    size = geojson.stat().st_size
    sizes = {p.name: p.stat().st_size for p in (geojson, points, borders)}
    members = member_codes()
    not_drawn = sorted(members - set(by_iso))
    small_members = sorted(members & set(small))
    write_readme(sizes, len(features), small, small_members, len(pairs), point_contacts, not_drawn)

    print("\n".join(log))
    print(f"countries.geojson: {len(features)} features, {size:,} bytes (budget {GEOJSON_BUDGET_BYTES:,}); "
          f"{n_dropped} islets under {MIN_ISLAND_KM2:g} km2 dropped")
    print(f"points.csv: {len(rows)} rows, {len(small)} small (< {SMALL_KM2:,.0f} km2), "
          f"{len(small_members)} of them in the membership list")
    print(f"borders.csv: {len(pairs)} pairs; point contacts without a shared arc: {point_contacts}")
    print(f"membership states without a feature: {not_drawn or 'none'}")
    if size > GEOJSON_BUDGET_BYTES:
        raise SystemExit("countries.geojson is over budget")


def member_codes() -> set[str]:
    for path in (DATA_DIR / "membership.csv", ROOT.parent / "shared" / "reference-data" / "membership.csv"):
        if path.exists():
            with open(path, encoding="utf-8", newline="") as fh:
                return {r["iso3"] for r in csv.DictReader(fh)}
    raise SystemExit("membership.csv not found")


def write_readme(sizes: dict[str, int], n_features: int, small: list[str], small_members: list[str],
                 n_pairs: int, point_contacts: list, not_drawn: list[str]) -> None:
    text = f"""# Country geometry

Built by `scripts/build_geometry.py` from Natural Earth {NATURAL_EARTH_VERSION} admin-0 countries (public domain),
as redistributed by the npm package world-atlas {WORLD_ATLAS_VERSION}. The app and the tests only read these
committed files; the script is needed only to rebuild them. Each file has a provenance sidecar
`<name>.meta.json` (sources, what was derived and how, caveats, sha256 of the file).

| file | bytes | what |
| --- | ---: | --- |
| `countries.geojson` | {sizes['countries.geojson']:,} | {n_features} features, `id` = ISO 3166-1 alpha-3 (properties `iso3`, `name`); simplified 1:50m outlines for world maps |
| `points.csv` | {sizes['points.csv']:,} | `iso3,name,lon,lat,area_km2,small`: a point inside each feature's largest polygon, its area, and whether it is too small to see |
| `borders.csv` | {sizes['borders.csv']:,} | `iso3_a,iso3_b,length_km` ({n_pairs} pairs, `iso3_a < iso3_b`): features sharing a land border, and its length (geodesic, unsimplified arcs) |

## Rebuild

```
python -m scripts.build_geometry
```

It runs `npm pack world-atlas@{WORLD_ATLAS_VERSION}` into the gitignored `build/` folder, reads
`countries-50m.json` (and `countries-10m.json` for Tuvalu), and rewrites everything in this folder, this README
included. The output is deterministic: a rebuild gives byte-identical files. It fails if `countries.geojson`
exceeds its budget of {GEOJSON_BUDGET_BYTES:,} bytes (`tests/test_geometry.py` checks the same).

## Choices

- Simplification: topology-preserving Douglas-Peucker, tolerance {SIMPLIFY_TOLERANCE_DEG:g} degrees, on the shared
  arcs (neighbours keep identical borders); coordinates rounded to {DECIMALS} decimals; islands under about
  {MIN_ISLAND_KM2:g} km2 dropped (never a feature's largest polygon).
- Antimeridian: Russia, Fiji and Antarctica are cut at +-180 degrees; no ring segment spans more than 180 degrees
  of longitude, so planar maps show no horizontal streaks. Antarctica is closed along latitude -90.
- Winding: exterior rings clockwise (d3-geo / plotly `go.Choropleth` convention, as in world-atlas), the reverse
  of RFC 7946; planar renderers (pydeck, MapLibre) ignore it.
- Small states: `small = true` where `area_km2 < {SMALL_KM2:,.0f}` (area in the equal-area projection
  {EQUAL_AREA_CRS}, from the unsimplified geometry): {len(small)} features, {len(small_members)} of them
  in the membership list. Draw these as points.
- Membership states without any feature: {', '.join(not_drawn) if not_drawn else 'none'} (all 197 are polygons).

## Codes assigned

| code | feature | why |
| --- | --- | --- |
| `XKX` | Kosovo | no ISO code in Natural Earth / world-atlas |
| `XNC` | N. Cyprus | no ISO code |
| `XSL` | Somaliland | no ISO code |
| `XSG` | Siachen Glacier | no ISO code (disputed India/Pakistan glacier, drawn apart by Natural Earth) |
| `CXR`, `CCK` | Christmas Island, Cocos (Keeling) Islands | world-atlas has one feature "Indian Ocean Ter." without an id; split by position into the two ISO entities |
| `AUS` | Australia | Australia and Ashmore and Cartier Is. both carry 036: merged |
| `TUV` | Tuvalu | missing from the 50m file: taken from the 10m file |

## Known quirks

- Disputed areas follow Natural Earth {NATURAL_EARTH_VERSION} (de facto control), except **Crimea, drawn as
  part of UKR** (Natural Earth has it in RUS; UN General Assembly resolution 68/262 affirms Ukraine's
  territorial integrity, and Ukraine is the State Party whose obligations cover it); Kosovo,
  N. Cyprus, Somaliland, Siachen Glacier and W. Sahara (ESH) are separate features.
- The file also has dependent territories (Greenland, Hong Kong, Puerto Rico, ...) and Antarctica, which reaches
  latitude -90 (drop or clip it for Web Mercator).
- `name` is Natural Earth's short label ("Dem. Rep. Congo", "Bosnia and Herz."), not an official name.
- Borders come from shared arcs, so point contacts do not count: {', '.join('-'.join(p) for p in point_contacts) or 'none'}
  touch only at the Kazungula quadripoint and are not listed (the real BWA-ZMB border is about 150 m).
  Boundaries across lakes count (COD-TZA); sea neighbours do not (EST-FIN, FRA-GBR).
- For a few atolls the point in `points.csv` falls just outside the simplified outline (it is inside the
  unsimplified one).
"""
    (OUT / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
