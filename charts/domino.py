"""Figures of the domino page: the withdrawal timeline, the exposure and cascade maps."""
from __future__ import annotations

import pandas as pd

import i18n
from charts.atlas import REGION_RANGES, date_ticks, outline_trace
from charts.palette import BORDER
from charts.text import esc, esc_all
from i18n import N_, _, pgettext
from treaty.domino import FACTORS

# Marker per kind of step (shape and colour both differ, so the legend reads without colour).
STEP_STYLE = {
    "announced": (N_("Announced"), "circle", "#56B4E9"),
    "government_decision": (N_("Government decision"), "square", "#0072B2"),
    "parliament_reading": (N_("Parliament reading"), "triangle-up-open", "#009E73"),
    "parliament_vote": (N_("Parliament vote"), "triangle-up", "#009E73"),
    "law_signed": (N_("Law signed"), "pentagon", "#CC79A7"),
    "notification_deposited": (N_("Instrument received by the UN"), "diamond", "#E69F00"),
    "effective": (N_("Withdrawal takes effect"), "x", "#D55E00"),
    "suspended": (N_("'Suspension' notified"), "hourglass", "#E69F00"),
    "suspension_rejected": (N_("States Parties: no suspension possible"), "star", "#0072B2"),
    "precedent": (N_("Precedent"), "circle-open", "#8C8C8C"),
    "debate": (N_("Debate about leaving"), "circle-open", "#CC79A7"),
    "stays": (N_("Government says it stays"), "star-square", "#009E73"),
    "statement": (N_("Statement or reaction"), "circle-open", "#8C8C8C"),
}
PRECEDENTS, REACTIONS, STAYING = N_("Precedents"), N_("Reactions and debate"), N_("Said they will stay")
# How sure an event's date is (date_certainty), said after the date in the timeline's hover
CERTAINTY = {"inferred": N_("(date inferred)"), "approximate": N_("(date approximate)"),
             "report_date": N_("(date report date)")}


def lanes(events: pd.DataFrame, tl: pd.DataFrame) -> pd.DataFrame:
    """Each event with the lane it is drawn in: one lane per state that moved, then precedents, reactions,
    and the states whose governments said they will stay."""
    movers = tl.loc[tl["withdrawal_received"].notna() | tl["suspension_claimed"].notna(), ["iso3", "name"]]
    names = dict(zip(movers["iso3"], movers["name"], strict=True))
    e = events.copy()
    e["lane"] = e["iso3"].map(names).astype(object)  # text lanes even when no state moved (no names to map)
    e.loc[e["lane"].isna() & (e["event"] == "precedent"), "lane"] = _(PRECEDENTS)
    e.loc[e["lane"].isna() & (e["event"] == "stays"), "lane"] = _(STAYING)
    e["lane"] = e["lane"].fillna(_(REACTIONS))
    names = dict(zip(tl["iso3"], tl["name"], strict=True))
    # TRANSLATORS: who an event is about, when it is no single state (a statement by an organisation)
    e["name"] = e["iso3"].map(names).astype(object).fillna(_("International")).map(esc)
    e["lane"] = e["lane"].map(esc)
    return e


def withdrawal_timeline(events: pd.DataFrame, tl: pd.DataFrame, height: int = 520) -> dict:
    """A plotly spec: lanes of dated steps, the Article 20 six-month window as a bar, hover with sources."""
    e = lanes(events, tl)
    movers = tl[tl["withdrawal_received"].notna()].sort_values("withdrawal_received")
    order = (esc_all(movers["name"]) + esc_all(tl.loc[tl["suspension_claimed"].notna(), "name"])
             + [_(PRECEDENTS), _(REACTIONS), _(STAYING)])
    data = []
    for i, r in enumerate(movers.itertuples()):  # the six months of Article 20, from receipt to effect
        data.append({"type": "scatter", "mode": "lines", "y": [esc(r.name), esc(r.name)],
                     "x": [f"{r.withdrawal_received:%Y-%m-%d}", f"{r.withdrawal_effective:%Y-%m-%d}"],
                     "line": {"width": 14, "color": "rgba(230,159,0,0.35)"},
                     "name": _("Article 20: six months from receipt to effect"), "legendgroup": "window",
                     "showlegend": i == 0, "hoverinfo": "skip"})
    # TRANSLATORS: the end of a hover on the withdrawal timeline; {report} is the name of a report
    source = "<br><i>" + _("Source: {report}").format(report="%{customdata[1]}") + "</i><extra></extra>"
    for kind, (label, symbol, color) in STEP_STYLE.items():
        k = e[e["event"] == kind]
        if k.empty:
            continue
        uncertain = k["date_certainty"] != "exact"
        label = _(label)
        data.append({
            "type": "scatter", "mode": "markers", "name": label, "x": k["date"].dt.strftime("%Y-%m-%d").tolist(),
            "y": k["lane"].tolist(),
            "marker": {"symbol": symbol, "size": 13, "color": color, "line": {"color": BORDER, "width": 1},
                       # an uncertain date is drawn faded and says so on hover
                       "opacity": [0.45 if u else 1.0 for u in uncertain]},
            "customdata": [[_wrap(esc(d)), esc(rep), _certainty(c), n, i18n.short_day(on)] for d, rep, c, n, on in
                           zip(k["detail"], k["report"], k["date_certainty"], k["name"], k["date"], strict=True)],
            "hovertemplate": "<b>%{customdata[4]}</b>%{customdata[2]} · %{customdata[3]} · " + label +
                             "<br>%{customdata[0]}" + source,
        })
    shown = ["2024-05-01", "2026-03-15"]
    ticks = date_ticks(*shown, extent=e["date"].dropna())
    layout = {
        "separators": i18n.separators(),
        "height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "hovermode": "closest",
        "yaxis": {"categoryorder": "array", "categoryarray": order[::-1], "type": "category", "title": None},
        "xaxis": {"type": "date", "title": None, "range": shown, **ticks},
        "legend": {"orientation": "h", "y": -0.12, "font": {"size": 12}},
    }
    return {"data": data, "layout": layout}


def _certainty(c: str) -> str:
    if c == "exact":
        return ""
    return " " + (_(CERTAINTY[c]) if c in CERTAINTY else _("(date {certainty})").format(certainty=c.replace("_", " ")))


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
    view = REGION_RANGES[region]
    return {
        "data": [{"type": "choropleth", "geojson": geojson_url, "featureidkey": "id",
                  "locations": values["iso3"].tolist(), "z": values[column].tolist(), "zmin": 0, "zmax": zmax,
                  "colorscale": colorscale, "marker": {"line": {"color": BORDER, "width": 0.4}},
                  "colorbar": {"title": {"text": label}, "thickness": 12, "len": 0.6},
                  "hovertext": esc_all(values["name"]), "customdata": values[["hover"]].values.tolist(),
                  "hovertemplate": "<b>%{hovertext}</b><br>%{customdata[0]}<extra></extra>"}],
        "layout": {"separators": i18n.separators(), "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
                   "dragmode": "pan",
                   "geo": {"visible": False, "projection": {"type": "natural earth"}, "bgcolor": "rgba(0,0,0,0)",
                           "lonaxis": {"range": list(view["lon"])}, "lataxis": {"range": list(view["lat"])}}},
    }


def with_exposure_hover(ex: pd.DataFrame) -> pd.DataFrame:
    """The exposure table with a `hover` column: the score and each factor, in words."""
    # TRANSLATORS: the exposure score of a state, on the domino page's map
    score = _("Score {score}")
    # TRANSLATORS: a factor of the exposure score (its description up to the first colon), then its value
    factor = _("{factor}: {value}")
    names = {k: _(text).split(":")[0].strip() for k, text in FACTORS.items()}
    return ex.assign(hover=ex.apply(lambda r: score.format(score=_two(r["score"])) + "<br>" + "<br>".join(
        factor.format(factor=names[k], value=_two(r[k])) for k in FACTORS), axis=1))


def _two(x: float) -> str:
    """Two decimals, rounded as Python rounds the float (as `:.2f` did), written by the language's rules."""
    return i18n.number(round(x, 2), 2)


def cascade_map(geojson_url: str, cascade, names: dict, region: str = "World", height: int = 460,
                reasons: dict[str, str] | None = None) -> dict:
    """The cascade played round by round: every state in `names` as an outline (so a scenario of one or two
    states is seen where it is, not alone on a blank page), grey for the states that had already left or were
    leaving on the start date, then a frame per round that adds the states leaving in it, darker the later
    they go. A slider and Play step through the rounds. `reasons`: each leaver's reason, in words, for its hover."""
    last = len(cascade.rounds) - 1
    when = {c: r.number for r in cascade.rounds for c in r.leaving}

    def trace(upto: int) -> dict:
        gone = [c for c, n in when.items() if n <= upto]
        return {"type": "choropleth", "locations": gone, "z": [when[c] for c in gone],
                "hovertext": esc_all(names.get(c, c) for c in gone),
                "customdata": [[esc(reasons[c] if reasons and c in reasons else
                                    _("Leaves in round {n}").format(n=when[c]))] for c in gone]}

    before = pd.DataFrame({"iso3": list(cascade.already), "name": [names.get(c, c) for c in cascade.already],
                           "hover": _("Had left or was leaving at the start"), "z": 0})
    spec = score_map(geojson_url, before, "z", "", region=region, height=height)
    spec["data"][0] |= {"colorscale": [[0, "#9A9A9A"], [1, "#9A9A9A"]], "showscale": False}
    spec["data"].insert(0, outline_trace(geojson_url, list(names), "<b>%{hovertext}</b><extra></extra>",
                                         names.values()))
    rounds = score_map(geojson_url, before.iloc[:0], "z", pgettext("cascade", "Round"), region=region)["data"][0]
    # the end state is drawn first, so a static export shows the outcome
    rounds |= trace(last) | {"zmin": 1, "zmax": max(2, last), "colorscale": [[0, "#FDBB84"], [1, "#7F0000"]]}
    rounds["colorbar"] |= {"dtick": 1 if last < 10 else 2}
    spec["data"].append(rounds)
    spec["frames"] = [{"name": str(k), "data": [trace(k)], "traces": [2]} for k in range(last + 1)]
    step = {"mode": "immediate", "frame": {"duration": 700, "redraw": True}, "transition": {"duration": 0}}
    # TRANSLATORS: the cascade's slider says which round is shown; {n} is the round's number
    prefix, _n, suffix = _("After round {n}").partition("{n}")
    spec["layout"] |= {
        "margin": {"l": 0, "r": 0, "t": 0, "b": 50},
        "sliders": [{"active": last, "currentvalue": {"prefix": prefix, "suffix": suffix}, "pad": {"t": 10}, "x": 0.12,
                     "len": 0.88, "steps": [{"label": str(k), "method": "animate", "args": [[str(k)], step]}
                                            for k in range(last + 1)]}],
        "updatemenus": [{"type": "buttons", "showactive": False, "x": 0, "y": 0, "xanchor": "left",
                         "yanchor": "top", "pad": {"t": 30},
                         "buttons": [{"label": _("▶ Play"), "method": "animate",
                                      "args": [None, step | {"fromcurrent": False}]}]}],
    }
    return spec


def cascade_rounds_chart(rounds: list, height: int = 300) -> dict:
    """The cascade as a timeline of rounds: States Parties left, and the land border they share with
    states outside, after each round."""
    x = [r.number for r in rounds]
    return {
        "data": [{"type": "scatter", "mode": "lines+markers", "x": x, "y": [r.parties for r in rounds],
                  "name": _("States Parties"), "line": {"shape": "hv", "color": "#0072B2", "width": 3},
                  "customdata": [[len(r.leaving)] for r in rounds],
                  "hovertemplate": _("Round %{x}: %{customdata[0]} leave, %{y} States Parties remain")
                                   + "<extra></extra>"},
                 {"type": "scatter", "mode": "lines+markers", "x": x, "y": [round(r.border_km) for r in rounds],
                  "yaxis": "y2", "name": _("Border with states outside (km)"),
                  "line": {"shape": "hv", "color": "#D55E00", "width": 2, "dash": "dot"},
                  "marker": {"symbol": "square"},
                  "hovertemplate": _("Round %{x}: %{y:,} km of border with states outside") + "<extra></extra>"}],
        "layout": {"separators": i18n.separators(), "height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                   "legend": {"orientation": "h", "y": -0.25},
                   "xaxis": {"title": pgettext("cascade", "Round"), "dtick": 1},
                   "yaxis": {"title": _("States Parties")},
                   "yaxis2": {"title": "km", "overlaying": "y", "side": "right", "showgrid": False,
                              "rangemode": "tozero"}},
    }
