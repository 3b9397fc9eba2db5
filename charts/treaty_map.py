"""The treaty map: every state coloured by its status on a date, small states as markers, yearly animation.

The geometry is sent once, in the first trace; animation frames carry only what changes (colour codes,
status labels and legend counts), so playing the years never resends the shapes.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts.palette import BORDER, LABELS, STATUS_COLORS
from treaty.atlas import MAP_STATUSES, status_counts

CODES = {s: i for i, s in enumerate(MAP_STATUSES)}
# a discrete colourscale: each status code gets its own flat band
_N = len(MAP_STATUSES)
COLORSCALE = [[b, STATUS_COLORS[s]] for i, s in enumerate(MAP_STATUSES) for b in (i / _N, (i + 1) / _N)]

# Views per region: lon/lat ranges chosen so each region fills the frame (Europe shows the Baltics and
# Finland large enough to read on a projector).
VIEWS = {
    "World": {"lon": (-170, 190), "lat": (-57, 84)},
    "Africa": {"lon": (-26, 60), "lat": (-37, 38)},
    "Americas": {"lon": (-170, -30), "lat": (-57, 75)},
    "Asia": {"lon": (25, 150), "lat": (-12, 58)},
    "Europe": {"lon": (-25, 45), "lat": (34, 71)},
    "Oceania": {"lon": (110, 190), "lat": (-50, 20)},
}
SUSPENSION_LABELS = {"claimed": "'Suspension' claimed, contested",
                     "rejected": "'Suspension' rejected"}

SUSPENSION_DETAILS = {
    "claimed": "Notified a 'suspension' of the treaty; the treaty has no suspension clause",
    "rejected": "The States Parties found that the treaty allows no suspension: still bound",
}


def _fmt(d) -> str:
    return f"{d:%-d %b %Y}" if pd.notna(d) else ""


def hover_details(tl: pd.DataFrame) -> pd.Series:
    """Static hover text per ISO3: the dates that decide the status, and the source."""
    parts = {
        "signed": "Signed", "deposited": "Instrument deposited", "in_force": "In force",
        "withdrawal_received": "Withdrawal notified", "withdrawal_effective": "Withdrawal effective",
        "suspension_claimed": "'Suspension' notified", "suspension_rejected": "Suspension rejected",
    }
    rows = {}
    for r in tl.itertuples(index=False):
        lines = [f"{label}: {_fmt(getattr(r, col))}" for col, label in parts.items() if pd.notna(getattr(r, col))]
        if not lines:
            lines = ["Never signed or joined"]
        rows[r.iso3] = "<br>".join(lines) + f"<br><i>Source: {r.report}</i>"
    return pd.Series(rows, dtype=object)


def _legend_name(status: str, counts: dict[str, int]) -> str:
    return f"{LABELS[status]}: {counts[status]}"


def _title(on: date, counts: dict[str, int], region: str) -> str:
    where = "" if region == "World" else f" in {region}"
    return f"<b>{on:%-d %B %Y}</b> · {counts['states_parties']} States Parties{where}"


def status_map(geojson: dict, states: pd.DataFrame, on: date, region: str = "World",
               frames: list[tuple[date, pd.DataFrame]] | None = None, height: int = 620) -> go.Figure:
    """`states`: one row per map feature with iso3, name, small, lon, lat, status, suspension, details
    (static hover text) and in_region; `frames`: (date, the same frame on that date) for the animation."""
    counts = status_counts(states[states["in_region"]])
    polys = states
    small = states[states["small"]]
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="id", locations=polys["iso3"], z=polys["status"].map(CODES),
        zmin=0, zmax=_N, colorscale=COLORSCALE, showscale=False,
        marker={"line": {"color": BORDER, "width": 0.4}}, hovertext=polys["name"], text=polys["details"],
        customdata=polys[["status"]].replace(LABELS), name="States",
        hovertemplate="<b>%{hovertext}</b><br>%{customdata[0]}<br>%{text}<extra></extra>",
        showlegend=False))
    fig.add_trace(go.Scattergeo(
        lon=small["lon"], lat=small["lat"], mode="markers", name="Small states", showlegend=False,
        marker={"size": 8, "color": small["status"].map(STATUS_COLORS), "line": {"color": BORDER, "width": 1},
                "symbol": "circle"},
        hovertext=small["name"], text=small["details"], customdata=small[["status"]].replace(LABELS),
        hovertemplate="<b>%{hovertext}</b><br>%{customdata[0]}<br>%{text}<extra></extra>"))
    flagged = states[states["suspension"].notna()]
    fig.add_trace(go.Scattergeo(
        lon=flagged["lon"], lat=flagged["lat"], mode="markers", name=_suspension_name(flagged),
        marker={"symbol": "x", "size": 15, "color": "#111111", "line": {"color": "#FFFFFF", "width": 1.5}},
        hovertext=flagged["name"], customdata=flagged["suspension"].map(SUSPENSION_DETAILS).to_frame(),
        hovertemplate="<b>%{hovertext}</b><br>%{customdata[0]}<extra></extra>", showlegend=not flagged.empty))
    for status in MAP_STATUSES:  # legend entries carry the counts (frames update them)
        color = STATUS_COLORS[status]
        fig.add_trace(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", name=_legend_name(status, counts), hoverinfo="skip",
            marker={"symbol": "square", "size": 14, "color": color, "line": {"color": BORDER, "width": 1}}))
    view = VIEWS[region]
    fig.update_geos(visible=False, showframe=False, projection_type="natural earth",
                    lonaxis_range=list(view["lon"]), lataxis_range=list(view["lat"]), bgcolor="rgba(0,0,0,0)")
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 10, "b": 0}, dragmode="pan",
        # the legend sits above the map (it hides no island state); its title carries the date and the count
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "title": {"text": _title(on, counts, region), "side": "top", "font": {"size": 20}},
                "entrywidth": 230, "entrywidthmode": "pixels",  # equal columns that wrap on narrow screens
                "font": {"size": 14}, "itemclick": False, "itemdoubleclick": False},
    )
    if frames:
        _add_animation(fig, frames, region, on)
    return fig


def _suspension_name(flagged: pd.DataFrame) -> str:
    if flagged.empty:
        return "Suspension claim"
    return f"{SUSPENSION_LABELS[flagged['suspension'].iloc[0]]}: {', '.join(flagged['name'])}"


def _add_animation(fig: go.Figure, frames: list[tuple[date, pd.DataFrame]], region: str, on: date) -> None:
    legend_idx = list(range(3, 3 + _N))
    fig_frames = []
    for frame_on, st in frames:
        counts = status_counts(st[st["in_region"]])
        small = st[st["small"]]
        flagged = st[st["suspension"].notna()]
        data = [
            go.Choropleth(z=st["status"].map(CODES), customdata=st[["status"]].replace(LABELS)),
            go.Scattergeo(marker={"color": small["status"].map(STATUS_COLORS)},
                          customdata=small[["status"]].replace(LABELS)),
            go.Scattergeo(lon=flagged["lon"], lat=flagged["lat"], name=_suspension_name(flagged),
                          hovertext=flagged["name"],
                          customdata=flagged["suspension"].map(SUSPENSION_DETAILS).to_frame(),
                          showlegend=not flagged.empty),
            *[go.Scattergeo(name=_legend_name(s, counts)) for s in MAP_STATUSES],
        ]
        fig_frames.append(go.Frame(name=frame_on.isoformat(), data=data, traces=[0, 1, 2, *legend_idx],
                                   layout={"legend": {"title": {"text": _title(frame_on, counts, region)}}}))
    fig.frames = fig_frames
    step = {"frame": {"duration": 700, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    fig.update_layout(
        updatemenus=[{
            "type": "buttons", "direction": "left", "x": 0.01, "y": 0.0, "xanchor": "left", "yanchor": "top",
            "pad": {"t": 8}, "showactive": False,
            "buttons": [{"label": "▶ Play years", "method": "animate", "args": [None, step]},
                        {"label": "❚❚ Pause", "method": "animate",
                         "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]}],
        }],
        sliders=[{
            # the slider starts at the first frame on or after the date shown
            "active": next((i for i, (d, _) in enumerate(frames) if d >= on), len(frames) - 1), "x": 0.2, "len": 0.8, "y": 0.0, "yanchor": "top", "pad": {"t": 8},
            "currentvalue": {"visible": False},
            "steps": [{"label": str(on.year) if i < len(frames) - 1 else "Today", "method": "animate",
                       "args": [[on.isoformat()], {**step, "frame": {"duration": 0, "redraw": True}}]}
                      for i, (on, _) in enumerate(frames)],
        }],
    )
