"""Figures of the domino page: the withdrawal timeline, the exposure and cascade maps."""
from __future__ import annotations

import pandas as pd

from charts.palette import BORDER
from charts.treaty_map import VIEWS
from treaty.domino import FACTORS

# Marker per kind of step (shape and colour both differ, so the legend reads without colour).
STEP_STYLE = {
    "announced": ("Announced", "circle", "#56B4E9"),
    "government_decision": ("Government decision", "square", "#0072B2"),
    "parliament_reading": ("Parliament reading", "triangle-up-open", "#009E73"),
    "parliament_vote": ("Parliament vote", "triangle-up", "#009E73"),
    "law_signed": ("Law signed", "pentagon", "#CC79A7"),
    "notification_deposited": ("Instrument received by the UN", "diamond", "#E69F00"),
    "effective": ("Withdrawal takes effect", "x", "#D55E00"),
    "suspended": ("'Suspension' notified", "hourglass", "#E69F00"),
    "suspension_rejected": ("States Parties: no suspension possible", "star", "#0072B2"),
    "precedent": ("Precedent", "circle-open", "#8C8C8C"),
    "debate": ("Debate about leaving", "circle-open", "#CC79A7"),
    "statement": ("Statement or reaction", "circle-open", "#8C8C8C"),
}
PRECEDENTS, REACTIONS = "Precedents", "Reactions and debate"


def lanes(events: pd.DataFrame, tl: pd.DataFrame) -> pd.DataFrame:
    """Each event with the lane it is drawn in: one lane per state that moved, then precedents, then reactions."""
    movers = tl.loc[tl["withdrawal_received"].notna() | tl["suspension_claimed"].notna(), ["iso3", "name"]]
    names = dict(zip(movers["iso3"], movers["name"]))
    e = events.copy()
    e["lane"] = e["iso3"].map(names)
    e.loc[e["lane"].isna() & (e["event"] == "precedent"), "lane"] = PRECEDENTS
    e["lane"] = e["lane"].fillna(REACTIONS)
    return e


def withdrawal_timeline(events: pd.DataFrame, tl: pd.DataFrame, height: int = 520) -> dict:
    """A plotly spec: lanes of dated steps, the Article 20 six-month window as a bar, hover with sources."""
    e = lanes(events, tl)
    movers = tl[tl["withdrawal_received"].notna()].sort_values("withdrawal_received")
    order = list(movers["name"]) + list(tl.loc[tl["suspension_claimed"].notna(), "name"]) + [PRECEDENTS, REACTIONS]
    data = []
    for i, r in enumerate(movers.itertuples()):  # the six months of Article 20, from receipt to effect
        data.append({"type": "scatter", "mode": "lines", "y": [r.name, r.name],
                     "x": [f"{r.withdrawal_received:%Y-%m-%d}", f"{r.withdrawal_effective:%Y-%m-%d}"],
                     "line": {"width": 14, "color": "rgba(230,159,0,0.35)"},
                     "name": "Article 20: six months from receipt to effect", "legendgroup": "window",
                     "showlegend": i == 0, "hoverinfo": "skip"})
    for kind, (label, symbol, color) in STEP_STYLE.items():
        k = e[e["event"] == kind]
        if k.empty:
            continue
        uncertain = k["date_certainty"] != "exact"
        data.append({
            "type": "scatter", "mode": "markers", "name": label, "x": k["date"].dt.strftime("%Y-%m-%d").tolist(),
            "y": k["lane"].tolist(),
            "marker": {"symbol": symbol, "size": 13, "color": color, "line": {"color": BORDER, "width": 1},
                       # an uncertain date is drawn faded and says so on hover
                       "opacity": [0.45 if u else 1.0 for u in uncertain]},
            "customdata": [[_wrap(d), rep, _certainty(c), n] for d, rep, c, n in
                           zip(k["detail"], k["report"], k["date_certainty"], k["iso3"])],
            "hovertemplate": "<b>%{x|%-d %b %Y}</b>%{customdata[2]} · " + label +
                             "<br>%{customdata[0]}<br><i>Source: %{customdata[1]}</i><extra></extra>",
        })
    layout = {
        "height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "hovermode": "closest",
        "yaxis": {"categoryorder": "array", "categoryarray": order[::-1], "type": "category", "title": None},
        "xaxis": {"type": "date", "title": None, "range": ["2024-05-01", "2026-03-15"]},
        "legend": {"orientation": "h", "y": -0.12, "font": {"size": 12}},
    }
    return {"data": data, "layout": layout}


def _certainty(c: str) -> str:
    return "" if c == "exact" else f" (date {c.replace('_', ' ')})"


def _wrap(text: str, width: int = 70) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join(lines + [line])


def score_map(geojson_url: str, values: pd.DataFrame, column: str, label: str, region: str = "World",
              colorscale: str = "Cividis", zmax: float = 1.0, height: int = 460) -> dict:
    """A choropleth of one number per state (states outside the frame's data stay uncoloured)."""
    view = VIEWS[region]
    return {
        "data": [{"type": "choropleth", "geojson": geojson_url, "featureidkey": "id",
                  "locations": values["iso3"].tolist(), "z": values[column].tolist(), "zmin": 0, "zmax": zmax,
                  "colorscale": colorscale, "marker": {"line": {"color": BORDER, "width": 0.4}},
                  "colorbar": {"title": {"text": label}, "thickness": 12, "len": 0.6},
                  "hovertext": values["name"].tolist(), "customdata": values[["hover"]].values.tolist(),
                  "hovertemplate": "<b>%{hovertext}</b><br>%{customdata[0]}<extra></extra>"}],
        "layout": {"height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "dragmode": "pan",
                   "geo": {"visible": False, "projection": {"type": "natural earth"}, "bgcolor": "rgba(0,0,0,0)",
                           "lonaxis": {"range": list(view["lon"])}, "lataxis": {"range": list(view["lat"])}}},
    }


def with_exposure_hover(ex: pd.DataFrame) -> pd.DataFrame:
    """The exposure table with a `hover` column: the score and each factor, in words."""
    return ex.assign(hover=ex.apply(lambda r: f"Score {r['score']:.2f}<br>" + "<br>".join(
        f"{FACTORS[k].split(':')[0]}: {r[k]:.2f}" for k in FACTORS), axis=1))


def cascade_rounds_chart(rounds: list, height: int = 260) -> dict:
    """States Parties after each round of a cascade."""
    return {
        "data": [{"type": "scatter", "mode": "lines+markers", "x": [r.number for r in rounds],
                  "y": [r.parties for r in rounds], "line": {"shape": "hv", "color": "#0072B2", "width": 3},
                  "hovertemplate": "Round %{x}: %{y} States Parties<extra></extra>"}],
        "layout": {"height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                   "xaxis": {"title": "Round", "dtick": 1}, "yaxis": {"title": "States Parties"}},
    }
