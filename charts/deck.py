"""The 3D view (pydeck): states in their status colour, extruded by a value; no basemap, nothing fetched."""
from __future__ import annotations

import pandas as pd
import pydeck as pdk

import i18n
from charts.palette import LABELS, STATUS_COLORS
from i18n import N_, _
from loaders.geometry import REGIONS
from treaty.atlas import NO_DATA

# Where the 3D view looks for each region of the map page.
REGION_CAMERAS = {"World": {"lat": 25, "lon": 15, "zoom": 0.9}, "Africa": {"lat": 2, "lon": 18, "zoom": 2.2},
         "Americas": {"lat": 10, "lon": -80, "zoom": 1.5}, "Asia": {"lat": 30, "lon": 90, "zoom": 1.8},
         "Europe": {"lat": 54, "lon": 15, "zoom": 2.6}, "Oceania": {"lat": -15, "lon": 150, "zoom": 2.2}}
assert tuple(REGION_CAMERAS) == REGIONS, "charts.deck.REGION_CAMERAS must follow loaders.geometry.REGIONS"  # NOTE


def _rgba(color: str, alpha: int = 220) -> list[int]:
    if color.startswith("rgba"):
        return [0, 0, 0, 0]
    c = color.lstrip("#")
    return [int(c[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def extruded_status_deck(geojson: dict, states: pd.DataFrame, value: pd.Series, value_label: str,
                         unit: str, region: str = "World", absent: str = N_("no data")) -> pdk.Deck:
    """`states`: iso3, name, status; `value`: per ISO3 (missing: drawn flat, and `absent` says why, e.g. "not
    among the countries the report lists")."""
    by_iso = states.set_index("iso3")
    vmax = float(value.max()) if value.notna().any() else 1.0
    labels = {s: _(label) for s, label in LABELS.items()}
    # TRANSLATORS: the 3D view's tooltip: what the height shows, then its number and unit ("Recorded casualties
    # 2024: 2,029 people") or why there is none
    shown, missing = _("{label}: {value} {unit}"), _("{label}: {value}").format(label=value_label, value=_(absent))
    features = []
    for f in geojson["features"]:
        iso3 = f["id"]
        if iso3 not in by_iso.index or iso3 == "ATA":  # Antarctica reaches -90: outside Web Mercator
            continue
        row = by_iso.loc[iso3]
        v = value.get(iso3)
        has = v is not None and pd.notna(v)
        features.append({
            "type": "Feature", "geometry": f["geometry"],
            "properties": {
                "name": row["name"], "status": labels[row["status"]],
                "value": shown.format(label=value_label, value=i18n.number(round(v)), unit=unit) if has else missing,
                "fill": _rgba(STATUS_COLORS[row["status"]]) if row["status"] != NO_DATA else [200, 200, 200, 60],
                # height proportional to the value; 5,000 km for the largest, so it reads at world zoom
                "elevation": (float(v) / vmax * 5_000_000) if has else 0,
            },
        })
    layer = pdk.Layer(
        "GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="states",
        stroked=True, filled=True, extruded=True, wireframe=False, pickable=True,
        get_fill_color="properties.fill", get_line_color=[90, 90, 90, 255], line_width_min_pixels=0.5,
        get_elevation="properties.elevation",
    )
    return pdk.Deck(
        layers=[layer], map_provider=None,  # no basemap: presenters are offline
        # the wheel scrolls the page, as everywhere else on it; zoom with a double click, pinch or the + and - keys
        views=[pdk.View(type="MapView", controller={"scrollZoom": False, "doubleClickZoom": True, "keyboard": True,
                                                    "dragRotate": True, "touchZoom": True})],
        initial_view_state=pdk.ViewState(latitude=REGION_CAMERAS[region]["lat"], longitude=REGION_CAMERAS[region]["lon"],
                                         zoom=REGION_CAMERAS[region]["zoom"], pitch=50,
                                         bearing=0),
        # a text tooltip: deck.gl sets it as text, so a name from the data shows as typed (an `html` one takes
        # markup; Streamlit escapes its {properties} itself, so escaping them here too would show "&amp;")
        tooltip={"text": "{name}\n{status}\n{value}"},
    )


def height_legend(value: pd.Series, names: dict[str, str], label: str, unit: str) -> str:
    """The 3D view's height scale in words: heights are proportional, and the tallest state sets the scale."""
    shown = value.dropna()
    if shown.empty:
        return ""
    top = shown.idxmax()
    return _("Height is proportional to {what}: the tallest, {state}, stands for {value} {unit}; a state half as "
             "tall, {half}. Drag to turn the view, double-click or pinch to zoom; the mouse wheel scrolls the page."
             ).format(what=label.lower(), state=names.get(top, top), value=i18n.number(round(shown.max())), unit=unit,
                      half=i18n.number(round(shown.max() / 2)))
