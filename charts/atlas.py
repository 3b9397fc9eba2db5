"""The treaty map: every state coloured by its status on a date, small states as markers.

The figure is built as a plain plotly spec (dicts and lists): it is rebuilt for every date (the time-lapse asks
for a new one every two seconds), and plotly's object validation is the slow part. The shapes are not in it
at all: the choropleth names the GeoJSON by URL, which the browser fetches once and plotly caches.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

import i18n
from charts.export import OUTLINE
from charts.palette import BORDER, LABELS, STATUS_COLORS
from charts.text import esc, esc_all
from i18n import N_, _, ngettext
from loaders.geometry import REGIONS
from treaty.atlas import MAP_STATUSES, NO_DATA, status_counts

CODES = {s: i for i, s in enumerate(MAP_STATUSES)}
_N = len(MAP_STATUSES)
# a discrete colourscale: each status code gets its own flat band
COLORSCALE = [[b, STATUS_COLORS[s]] for i, s in enumerate(MAP_STATUSES) for b in (i / _N, (i + 1) / _N)]
HOVER = "<b>%{hovertext}</b><br>%{customdata[0]}<br>%{text}<extra></extra>"

# Views per region: lon/lat ranges chosen so each region fills the frame (Europe shows the Baltic
# states and Finland large enough to read on a projector).
REGION_RANGES = {
    "World": {"lon": (-170, 190), "lat": (-57, 84)},
    "Africa": {"lon": (-26, 60), "lat": (-37, 38)},
    "Americas": {"lon": (-170, -30), "lat": (-57, 75)},
    "Asia": {"lon": (25, 150), "lat": (-12, 58)},
    "Europe": {"lon": (-25, 45), "lat": (34, 71)},
    "Oceania": {"lon": (110, 190), "lat": (-50, 20)},
}
# NOTE: one frame per region of loaders.geometry.REGIONS, no more and no fewer
assert tuple(REGION_RANGES) == REGIONS, "charts.atlas.REGION_RANGES must follow loaders.geometry.REGIONS"
SUSPENSION_LABELS = {"claimed": N_("'Suspension' claimed, contested"), "rejected": N_("'Suspension' rejected")}
SUSPENSION_DETAILS = {
    "claimed": N_("Notified a 'suspension' of the treaty; the treaty has no suspension clause"),
    "rejected": N_("The States Parties found that the treaty allows no suspension: still bound"),
}
SMALL_STATES_TRACE = 1  # trace order: choropleth, small-state dots, suspension mark, one legend entry per status
FIRST_LEGEND_TRACE = 3


def outline_trace(geojson_url: str, locations: list[str], hovertemplate: str, hovertext=None) -> dict:
    """States drawn as outlines with no fill, behind a map's values: where they are, not a value (so the
    chart's data table leaves them out)."""
    trace = {"type": "choropleth", "geojson": geojson_url, "featureidkey": "id", "locations": list(locations),
             "z": [0] * len(locations), "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
             "showscale": False, "marker": {"line": {"color": BORDER, "width": 0.3}},
             "hovertemplate": hovertemplate, "meta": OUTLINE}
    if hovertext is not None:
        trace["hovertext"] = esc_all(hovertext)
    return trace


def date_ticks(start, end, extent=()) -> dict:
    """A date axis's ticks in the visitor's language (plotly's own month names are English only): years over a
    long span, else months named by i18n (every one, two, three, six or twelve months, about eight in view).
    `start`, `end`: the span first shown, which sets the spacing; `extent`: further dates the ticks reach (panning).
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 48:
        return {"tickformat": "%Y"}
    step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 8)
    lo, hi = min([start, *map(pd.Timestamp, extent)]), max([end, *map(pd.Timestamp, extent)])
    # a year more each side: a visitor who pans a little still sees dates
    ticks = pd.date_range(pd.Timestamp(lo.year - 1, 1, 1), pd.Timestamp(hi.year + 2, 1, 1), freq=f"{step}MS")
    return {"tickmode": "array", "tickvals": [f"{d:%Y-%m-%d}" for d in ticks],
            "ticktext": [i18n.short_month(d) for d in ticks]}


def _fmt(d) -> str:
    return i18n.short_day(d) if pd.notna(d) else ""


def hover_details(tl: pd.DataFrame, on=None) -> pd.Series:
    """Hover text per ISO3: the dates that decide the status (those up to `on`, when given: a later date is not
    yet a fact on the day shown), and the source."""
    parts = {
        "signed": _("Signed: {day}"), "deposited": _("Instrument deposited: {day}"), "in_force": _("In force: {day}"),
        "withdrawal_received": _("Withdrawal notified: {day}"),
        "withdrawal_effective": _("Withdrawal effective: {day}"),
        "suspension_claimed": _("'Suspension' notified: {day}"), "suspension_rejected": _("Suspension rejected: {day}"),
    }
    never, source = _("Never signed or joined"), _("Source: {report}")
    rows = {}
    for r in tl.itertuples(index=False):
        lines = [label.format(day=_fmt(getattr(r, col))) for col, label in parts.items()
                 if pd.notna(getattr(r, col)) and (on is None or getattr(r, col) <= pd.Timestamp(on))]
        rows[r.iso3] = "<br>".join(lines or [never]) + "<br><i>" + source.format(report=esc(r.report)) + "</i>"
    return pd.Series(rows, dtype=object)


def _title(on: date, counts: dict[str, int], region: str) -> str:
    n = counts["states_parties"]
    if region == "World":
        text = ngettext("<b>{day}</b> · {n} State Party", "<b>{day}</b> · {n} States Parties", n)
    else:
        text = ngettext("<b>{day}</b> · {n} State Party in {region}",
                        "<b>{day}</b> · {n} States Parties in {region}", n)
    return text.format(day=i18n.day(on), n=i18n.number(n), region=_(region))


def _labels(statuses: pd.Series) -> list[list[str]]:
    shown = {s: _(label) for s, label in LABELS.items()}
    return [[shown[s]] for s in statuses]


def _suspension(st: pd.DataFrame) -> dict:
    flagged = st[st["suspension"].notna()]
    # TRANSLATORS: a legend entry on the map: what the mark means, then the states it marks
    name = (_("{label}: {states}").format(label=_(SUSPENSION_LABELS[flagged["suspension"].iloc[0]]),
                                          states=esc(", ".join(flagged["name"])))
            if len(flagged) else _("'Suspension'"))
    return {"lon": flagged["lon"].tolist(), "lat": flagged["lat"].tolist(), "name": name,
            "hovertext": esc_all(flagged["name"]), "showlegend": bool(len(flagged)),
            "customdata": [[_(SUSPENSION_DETAILS[s])] for s in flagged["suspension"]]}


def _changing(st: pd.DataFrame, region: str) -> tuple[list[dict], dict[str, int]]:
    """The parts of the traces that change with the date (what a frame carries)."""
    counts = status_counts(st[st["in_region"]])
    small = st[st["small"]]
    data = [
        {"type": "choropleth", "z": st["status"].map(CODES).tolist(), "customdata": _labels(st["status"])},
        {"type": "scattergeo", "marker": {"color": small["status"].map(STATUS_COLORS).tolist()},
         "customdata": _labels(small["status"])},
        {"type": "scattergeo", **_suspension(st)},
        # TRANSLATORS: a legend entry on the map: a status on the treaty and how many states have it
        *[{"type": "scattergeo", "name": _("{status}: {n}").format(status=_(LABELS[s]), n=i18n.number(counts[s]))}
          for s in MAP_STATUSES],
    ]
    return data, counts


PHONE_HALF = 28  # characters of a legend entry that fit half a phone's width at 12 px


def status_map(geojson_url: str, states: pd.DataFrame, on: date, region: str = "World", height: int = 560,
               phone: bool = False) -> dict:
    """A plotly figure spec. `states`: one row per map feature with iso3, name, small, lon, lat, status,
    suspension, details (static hover text), in_region. `phone`: sized for a phone's width (the legend in two
    narrow columns, the map as tall as the width leaves it)."""
    now, counts = _changing(states, region)
    small = states[states["small"]]
    outside = ~states["in_region"]
    data = [
        {"type": "choropleth", "geojson": geojson_url, "featureidkey": "id", "locations": states["iso3"].tolist(),
         "zmin": 0, "zmax": _N, "colorscale": COLORSCALE, "showscale": False, "name": _("States"),
         "marker": {"line": {"color": BORDER, "width": 0.4},
                    # outside the chosen region: dimmed, still there for context
                    "opacity": [0.25 if o else 1.0 for o in outside] if outside.any() else 1.0},
         "hovertext": esc_all(states["name"]), "text": states["details"].tolist(), "hovertemplate": HOVER,
         # a click selects a state: the others keep their colours (plotly would fade them to tints that read as
         # other statuses); the chosen one is outlined instead (focus_on)
         "unselected": {"marker": {"opacity": 1}}, "showlegend": False, **now[0]},
        {"type": "scattergeo", "mode": "markers", "name": _("Small states"), "showlegend": False,
         "lon": small["lon"].tolist(), "lat": small["lat"].tolist(),
         "marker": {"size": 8, "line": {"color": BORDER, "width": 1}, "color": now[1]["marker"]["color"]},
         "hovertext": esc_all(small["name"]), "text": small["details"].tolist(), "hovertemplate": HOVER,
         "unselected": {"marker": {"opacity": 1}}, "customdata": now[1]["customdata"]},
        {"type": "scattergeo", "mode": "markers",
         "marker": {"symbol": "x", "size": 15, "color": "#111111", "line": {"color": "#FFFFFF", "width": 1.5}},
         "hovertemplate": "<b>%{hovertext}</b><br>%{customdata[0]}<extra></extra>", "legendrank": 2000, **now[2]},
        *[{"type": "scattergeo", "mode": "markers", "lon": [None], "lat": [None], "hoverinfo": "skip",
           "marker": {"symbol": "square", "size": 14, "color": STATUS_COLORS[s], "line": {"color": BORDER, "width": 1}},
           "legendrank": 1000 + k, **entry}
          for k, (s, entry) in enumerate(zip(MAP_STATUSES, now[FIRST_LEGEND_TRACE:], strict=True))],
    ]
    if phone and data[2]["showlegend"]:  # the short form fits half a phone's width; the hover says the rest
        data[2]["name"] = _("'Suspension': {states}").format(
            states=esc(", ".join(states.loc[states["suspension"].notna(), "name"])))
    view = REGION_RANGES[region]
    # on a phone two equal columns, unless an entry's words would not fit half the width (French and Spanish
    # run longer): then one column, none cut
    halves = max((len(t.get("name") or "") for t in data if t.get("showlegend", True)), default=0) <= PHONE_HALF
    layout = {
        "separators": i18n.separators(), "height": 360 if phone else height,
        "margin": {"l": 0, "r": 0, "t": 10, "b": 0}, "dragmode": "pan",
        "geo": {"visible": False, "showframe": False, "projection": {"type": "natural earth"},
                "lonaxis": {"range": list(view["lon"])}, "lataxis": {"range": list(view["lat"])},
                "bgcolor": "rgba(0,0,0,0)"},
        # the legend sits above the map (it hides no island state); its title carries the date and the count
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                   "title": {"text": _title(on, counts, region), "side": "top", "font": {"size": 16 if phone else 20}},
                   # each entry as wide as its words, wrapping on narrow screens: none is cut; on a phone two
                   # equal columns (a free flow there is one long column)
                   "entrywidth": (0.5 if halves else 1) if phone else 0,
                   "entrywidthmode": "fraction" if phone else "pixels",
                   "font": {"size": 12 if phone else 14}, "itemclick": False, "itemdoubleclick": False},
    }
    return {"data": data, "layout": layout}


def focus_on(spec: dict, state: pd.Series) -> dict:
    """The map with one state outlined (a ring too, for a state drawn as a dot) and, unless it is as large as a
    continent, the view centred on it with room around it. `state`: a map feature (iso3, lon, lat, area_km2,
    small); `spec`: a copy of status_map's spec, changed in place and returned."""
    ring = {"color": "#000000", "width": 3}
    spec["data"] += [
        {"type": "choropleth", "geojson": spec["data"][0]["geojson"], "featureidkey": "id",
         "locations": [state["iso3"]], "z": [0], "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
         "showscale": False, "marker": {"line": ring}, "hoverinfo": "skip", "showlegend": False, "meta": OUTLINE},
        {"type": "scattergeo", "mode": "markers", "lon": [state["lon"]], "lat": [state["lat"]], "hoverinfo": "skip",
         "marker": {"symbol": "circle-open", "size": 26 if state["small"] else 0, "line": ring, "color": "#000000"},
         "showlegend": False, "meta": OUTLINE},
    ]
    # about six times the state's width in degrees, and never less than a region's worth of context
    span = max(30.0, 6 * (max(state["area_km2"], 1.0) ** 0.5) / 111)
    if span < 150:
        lat = min(max(state["lat"], -55 + span / 2), 80 - span / 2)
        spec["layout"]["geo"] |= {"lonaxis": {"range": [state["lon"] - span, state["lon"] + span]},
                                  "lataxis": {"range": [lat - span / 2, lat + span / 2]}}
    return spec


def status_table(states: pd.DataFrame, on: date) -> pd.DataFrame:
    """The map as a table (its CSV download): each state in the region shown, and its status on the date."""
    shown = states[states["in_region"] & states["status"].ne(NO_DATA)]
    return pd.DataFrame({"date": on.isoformat(), "iso3": shown["iso3"], "state": shown["name"],
                         "status": shown["status"].map(LABELS)}).sort_values("state")
