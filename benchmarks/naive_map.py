"""The naive baseline the benchmark compares the map with: the same map built the straightforward way.

On every rerun: read the unsimplified 1:50m Natural Earth countries (world-atlas TopoJSON, decoded to GeoJSON
here), read and validate the membership and withdrawal CSVs, derive every state's status, and build a plotly
figure with the whole GeoJSON inside it; no caching, no shared geometry URL. Not part of the app.
Needs build/world-atlas/countries-50m.json (benchmarks.bench fetches it with scripts.build_geometry).
Served by the harness (benchmarks/harness.py), which puts the project root on the server's path.
"""
import json
from datetime import date

import plotly.express as px
import streamlit as st

import loaders
from charts.palette import LABELS, STATUS_COLORS
from loaders.countries import to_iso3
from paths import ROOT
from treaty.status import status_on, timelines


def decode(topology: dict, name: str) -> dict:
    """TopoJSON → GeoJSON (quantized, delta-encoded arcs), the plain way."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append([x * sx + tx, y * sy + ty])
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    features = []
    for g in topology["objects"][name]["geometries"]:
        if g["type"] == "Polygon":
            geom = {"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            geom = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
        else:
            continue
        iso3 = to_iso3(str(g.get("id", "")).zfill(3)) if g.get("id") else None
        features.append({"type": "Feature", "id": iso3 or g.get("properties", {}).get("name"), "geometry": geom,
                         "properties": g.get("properties", {})})
    return {"type": "FeatureCollection", "features": features}


st.set_page_config(page_title="Naive map", layout="wide")
st.title("Naive map")
on = st.date_input("Date", value=date.today(), key="date")
shapes = decode(json.loads((ROOT / "build" / "world-atlas" / "countries-50m.json").read_text()), "countries")
states = status_on(timelines(loaders.load_membership(), loaders.load_withdrawals()), on)
states["label"] = states["status"].map(LABELS)
fig = px.choropleth(states, geojson=shapes, locations="iso3", color="label", hover_name="name",
                    color_discrete_map={LABELS[k]: v for k, v in STATUS_COLORS.items()})
fig.update_geos(visible=False)
st.plotly_chart(fig, config={"topojsonURL": "/app/static/"})
