"""Figures of the humanitarian pages: recorded casualties, clearance and the Article 5 tracker (plain plotly specs)."""
from __future__ import annotations

import pandas as pd

import i18n
from charts.atlas import outline_trace
from charts.palette import BORDER, STATUS_COLORS
from charts.text import esc, esc_all
from i18n import _, pgettext
from treaty.article5 import ARTICLE5_STATUS, COMPLETED, ON_TIME, PASSED, PENDING, UNKNOWN
from treaty.impact import (
    CasualtyFacts,
)
from treaty.rules import ENTRY_INTO_FORCE

KILLED, INJURED, REST, TOTAL_ONLY = "#D55E00", "#E69F00", "#CC79A7", "#0072B2"
ARTICLE5_COLORS = {COMPLETED: "#009E73", ON_TIME: "#0072B2", PENDING: "#E69F00", PASSED: "#D55E00", UNKNOWN: "#B0B0B0"}
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def _nums(values) -> list:
    """JSON-safe numbers: NaN/NA become None, so plotly draws a gap."""
    return [None if pd.isna(v) else float(v) for v in values]


def no_data(sentence: str, height: int = 320) -> dict:
    """An empty chart that says why, for a figure that must be drawn (a story step, a slide). One empty trace:
    plotly refuses a figure without any."""
    return {"data": [{"type": "scatter", "x": [], "y": [], "hoverinfo": "skip", "showlegend": False}],
            "layout": {"separators": i18n.separators(), "height": height, "margin": _MARGIN,
                       "xaxis": {"visible": False}, "yaxis": {"visible": False},
                       "annotations": [{"text": esc(sentence), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                                        "showarrow": False, "font": {"size": 16}}]}}


def casualties_chart(series: pd.DataFrame, facts: CasualtyFacts | None, height: int = 440) -> dict:
    """Recorded casualties per year: killed and injured where the report splits the total, the total alone
    where it does not; years without a figure are labelled "no data" (never drawn as zero). Without any total
    (`facts` None), an empty chart that says so."""
    if facts is None:
        return no_data(_("No recorded casualty totals in the data"), height)
    s = series
    split = s["split_known"]
    years = s["year"].tolist()
    hover = [[i18n.number(int(t)) if pd.notna(t) else "", esc(r) if isinstance(r, str) else "",
              esc(n) if isinstance(n, str) else ""] for t, r, n in zip(s["total"], s["report"], s["note"], strict=True)]
    # TRANSLATORS: a bar's hover: the year, the year's total, then the bar's part of it ("Killed: 1,945")
    tmpl = _("<b>%{x}</b> · %{customdata[0]} recorded<br>%{fullData.name}: %{y:,}") + \
        "<br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra></extra>"

    def bar(name, values, color, only):
        return {"type": "bar", "name": name, "x": years, "y": _nums(values.where(only)),
                "marker": {"color": color, "line": {"color": BORDER, "width": 0.5}},
                "customdata": hover, "hovertemplate": tmpl}

    rest = s["total"] - s["killed"].fillna(0) - s["injured"].fillna(0)
    data = [bar(_("Killed"), s["killed"], KILLED, split), bar(_("Injured"), s["injured"], INJURED, split),
            bar(_("Outcome not stated"), rest.where(rest > 0), REST, split),
            bar(_("Total (no killed/injured split)"), s["total"], TOTAL_ONLY, ~split & s["total"].notna())]
    top = float(s["total"].max())
    notes = [{"x": y, "y": top * 0.04, "text": _("no data"), "showarrow": False, "textangle": -90,
              "yanchor": "bottom", "font": {"size": 12}} for y in facts.gaps]  # theme colour: readable light and dark
    at = dict(zip(s["year"], s["total"], strict=True))

    def mark(year, text, ay=-40, ax=0):
        return {"x": year, "y": at[year], "text": text, "showarrow": True, "arrowhead": 2, "ax": ax, "ay": ay,
                "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.75)", "bordercolor": BORDER}

    notes += [
        {"x": ENTRY_INTO_FORCE.year, "y": 0, "ax": 0, "ay": -150,
         "text": _("Treaty enters into force<br>{day}").format(day=i18n.short_day(ENTRY_INTO_FORCE)),
         "showarrow": True, "arrowhead": 2, "xanchor": "left",
         "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.75)", "bordercolor": BORDER},
        mark(facts.lowest, _("Lowest recorded<br>{n}").format(n=i18n.number(facts.lowest_total))),
        # TRANSLATORS: the year with the most recorded casualties, and their number
        mark(facts.peak, _("Peak {n}").format(n=i18n.number(facts.peak_total)), ay=-25),
    ]
    if facts.latest not in (facts.peak, facts.lowest):
        latest = (_("{n}<br>highest since {year}").format(n=i18n.number(facts.latest_total), year=facts.since)
                  if facts.since else i18n.number(facts.latest_total))
        notes.append(mark(facts.latest, latest, ay=-55, ax=-40)
                     | {"xanchor": "right"})  # the last year is at the right edge: the label sits to its left
    return {"data": data, "layout": {
        "separators": i18n.separators(), "barmode": "stack", "height": height, "margin": _MARGIN, "annotations": notes,
        "hovermode": "closest",
        "xaxis": {"dtick": 2, "range": [years[0] - 0.6, years[-1] + 0.6]},
        "yaxis": {"title": _("Recorded casualties"), "rangemode": "tozero", "range": [0, top * 1.18]},
        "legend": {"orientation": "h", "y": -0.12}}}


def shares_chart(series: pd.DataFrame, height: int = 320) -> dict:
    """Civilians among casualties of known status, and children among civilians, per year (gaps stay gaps)."""
    def line(col, name, color, symbol):
        return {"type": "scatter", "mode": "lines+markers", "name": name, "x": series["year"].tolist(),
                "y": _nums(series[col]), "connectgaps": False, "line": {"color": color, "width": 3},
                "marker": {"symbol": symbol, "size": 9},
                "customdata": [[esc(r) if isinstance(r, str) else ""] for r in series["report"]],
                # TRANSLATORS: a line's hover: the year, the line's name and the share that year
                "hovertemplate": _("<b>{year}</b> · {series}: {share}").format(year="%{x}", series=name,
                                                                               share="%{y:.0%}")
                                 + "<br><i>%{customdata[0]}</i><extra></extra>"}
    return {"data": [line("civilian_share", _("Civilians (of casualties whose status was known)"), "#0072B2",
                          "circle"),
                     line("child_share", _("Children (of civilian casualties)"), "#D55E00", "diamond")],
            "layout": {"separators": i18n.separators(), "height": height, "margin": _MARGIN,
                       "yaxis": {"tickformat": ".0%", "range": [0, 1]},
                       "xaxis": {"dtick": 2}, "legend": {"orientation": "h", "y": -0.18}}}


def ranking_chart(rows: pd.DataFrame, year: int, height: int | None = None) -> dict:
    """The named countries of a year, most affected on top, coloured by their status on the treaty then."""
    data = []
    for status, g in rows.groupby("status", sort=False, dropna=False):  # a state the membership data lacks too
        label = g["status_label"].iloc[0]
        name = _(label) if isinstance(label, str) else _("No treaty data")
        data.append({"type": "bar", "orientation": "h", "name": name,
                     "y": esc_all(g["country"]), "x": _nums(g["total"]),
                     "marker": {"color": STATUS_COLORS.get(status, "#8C8C8C"), "line": {"color": BORDER, "width": 0.5}},
                     "customdata": [[esc(r)] for r in g["report"]],
                     "hovertemplate": _("<b>{state}</b>: {n} recorded casualties in {year}").format(
                         state="%{y}", n="%{x:,}", year=year)
                                      + "<br>%{fullData.name}<br><i>%{customdata[0]}</i><extra></extra>"})
    return {"data": data, "layout": {
        "separators": i18n.separators(), "height": height or 120 + 34 * len(rows), "margin": _MARGIN,
        "barmode": "overlay",
        "yaxis": {"categoryorder": "array", "categoryarray": esc_all(rows["country"])[::-1], "automargin": True},
        "xaxis": {"title": _("Recorded casualties, {year}").format(year=year)},
        # TRANSLATORS: the legend's title; the entries are statuses ("State Party", "Not party")
        "legend": {"orientation": "h", "y": -0.25, "title": {"text": _("On the treaty:")}}}}


def small_multiples(series: pd.DataFrame, names: list[str], cols: int = 4, height_per_row: int = 170) -> dict:
    """One small bar chart per country (shared years, own scale): years the country was not named are gaps."""
    rows = -(-len(names) // cols)
    years = [int(series["year"].min()), int(series["year"].max())]
    data, layout = [], {"separators": i18n.separators(), "height": height_per_row * rows + 40,
                        "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "showlegend": False, "annotations": []}
    gap_x, gap_y = 0.04, 0.35 / rows
    for i, country in enumerate(names):
        r, c = divmod(i, cols)
        n = "" if i == 0 else str(i + 1)
        g = series[series["country"] == country]
        x0 = c / cols + (gap_x / 2 if c else 0)
        x1 = (c + 1) / cols - (gap_x / 2 if c < cols - 1 else 0)
        y1 = 1 - r / rows - gap_y / 2
        y0 = 1 - (r + 1) / rows + gap_y / 2
        data.append({"type": "bar", "x": g["year"].tolist(), "y": _nums(g["total"]), "xaxis": f"x{n}",
                     "yaxis": f"y{n}", "marker": {"color": TOTAL_ONLY},
                     "customdata": [[esc(rep)] for rep in g["report"]], "name": esc(country),
                     "hovertemplate": f"<b>{esc(country)}</b> %{{x}}: %{{y:,}}<br><i>%{{customdata[0]}}</i><extra></extra>"})
        layout[f"xaxis{n}"] = {"domain": [x0, x1], "anchor": f"y{n}", "range": [years[0] - 0.6, years[1] + 0.6],
                               "dtick": 5, "tickfont": {"size": 10}}
        layout[f"yaxis{n}"] = {"domain": [y0, y1], "anchor": f"x{n}", "rangemode": "tozero", "tickfont": {"size": 10}}
        layout["annotations"].append({"text": f"<b>{esc(country)}</b>", "x": (x0 + x1) / 2, "y": y1, "xref": "paper",
                                      "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 12}})
    return {"data": data, "layout": layout}


def casualty_map(geojson_url: str, rows: pd.DataFrame, year: int, everyone: list[str], height: int = 420) -> dict:
    """A choropleth of a year's recorded casualties; hover says the state's status on the treaty then.
    Countries the data does not name are outlines only, with "not named" on hover (no data, not zero)."""
    named = set(rows["iso3"])
    base = [c for c in everyone if c not in named]
    unnamed = _("Not named among the most affected in {year}: no data").format(year=year) + "<extra></extra>"
    return {"data": [outline_trace(geojson_url, base, unnamed), {
        "type": "choropleth", "geojson": geojson_url, "featureidkey": "id", "locations": rows["iso3"].tolist(),
        "z": _nums(rows["total"]), "zmin": 0, "colorscale": "YlOrRd",
        "marker": {"line": {"color": BORDER, "width": 0.4}},
        # TRANSLATORS: the colour bar's title on the map of recorded casualties
        "colorbar": {"title": {"text": pgettext("casualties", "Recorded")}, "thickness": 12, "len": 0.6},
        "hovertext": esc_all(rows["country"]),
        "customdata": [[_(s) if isinstance(s, str) else s, esc(r)]
                       for s, r in zip(rows["status_label"], rows["report"], strict=True)],
        "hovertemplate": "<b>%{hovertext}</b><br>" + _("{n} recorded casualties in {year}").format(
            n="%{z:,}", year=year) + "<br>%{customdata[0]}<br><i>%{customdata[1]}</i><extra></extra>"}],
        "layout": {"separators": i18n.separators(), "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
                   "dragmode": "pan",
                   "geo": {"visible": False, "projection": {"type": "natural earth"}, "bgcolor": "rgba(0,0,0,0)",
                           "lataxis": {"range": [-58, 84]}}}}


def clearance_chart(world: pd.DataFrame, column: str, title: str, height: int = 320) -> dict:
    """A worldwide clearance figure per year, one bar series per publisher (methods differ: never summed)."""
    colors = {"Landmine Monitor": "#0072B2", "Mine Action Review": "#E69F00"}
    data = []
    for pub, g in world.groupby("publisher"):
        data.append({"type": "bar", "name": pub, "x": g["year"].tolist(), "y": _nums(g[column]),
                     "marker": {"color": colors.get(pub, "#8C8C8C"), "line": {"color": BORDER, "width": 0.5}},
                     "customdata": [[esc(r) if isinstance(r, str) else ""] for r in g[f"{column}_report"]],
                     "hovertemplate": "<b>%{x}</b>: %{y:,}<br><i>%{customdata[0]}</i><extra></extra>"})
    return {"data": data, "layout": {"separators": i18n.separators(), "height": height, "margin": _MARGIN,
                                     "barmode": "group",
                                     "yaxis": {"title": title, "rangemode": "tozero"}, "xaxis": {"dtick": 2},
                                     "legend": {"orientation": "h", "y": -0.2}}}


def _day(d) -> str:
    return i18n.short_day(d) if pd.notna(d) else ""


def _days(a, b) -> list[int]:
    return [(y - x).days * 86_400_000 for x, y in zip(a, b, strict=True)]


def article5_timeline(tracker: pd.DataFrame, steps: pd.DataFrame, on, height: int | None = None) -> dict:
    """Per State Party: the original ten-year deadline, each granted extension as a step of the bar (from the
    deadline it replaced to the one it set: `treaty.article5.extension_steps`), a pending request as an outline to
    the deadline asked for, the declared completion, and today's line; colour says where the state stands."""
    if tracker.empty:
        return no_data(_("No States Parties with Article 5 obligations in the data"), height or 320)
    t = tracker.iloc[::-1]
    shown = set(t["iso3"])
    steps = steps[steps["iso3"].isin(shown)]
    data = []
    # TRANSLATORS: an extension's hover: how it came ("Extension granted"), the meeting that decided it ("22MSP"),
    # the day of the decision, then the deadline it replaced and the one it set
    step_hover = ("<b>%{y}</b><br>" + _("{how} {meeting} ({day})<br>deadline {before} → {after}").format(
        how="%{customdata[0]}", meeting="%{customdata[1]}", day="%{customdata[2]}", before="%{customdata[3]}",
        after="%{customdata[4]}") + "<extra></extra>")
    for status in t["status"].unique():
        g = steps[steps["status"] == status]
        data.append({"type": "bar", "orientation": "h", "base": g["start"].dt.strftime("%Y-%m-%d").tolist(),
                     "x": _days(g["start"], g["end"]), "y": esc_all(g["country"]),
                     "name": _(ARTICLE5_STATUS[status]),
                     "legendgroup": status, "showlegend": True,
                     "marker": {"color": ARTICLE5_COLORS[status], "opacity": 0.7,
                                "line": {"color": "#FFFFFF", "width": 1.5}},  # a gap between steps
                     "customdata": [[_(h), esc(m or ""), _day(d), _day(a), _day(b)]
                                    for h, m, d, a, b in zip(g["how"], g["meeting"], g["decided"], g["start"], g["end"], strict=True)],
                     "hovertemplate": step_hover})
    asked = t[t["requested"].notna() & t["deadline"].notna()]
    data.append({"type": "bar", "orientation": "h", "base": asked["deadline"].dt.strftime("%Y-%m-%d").tolist(),
                 "x": _days(asked["deadline"], asked["requested"]), "y": esc_all(asked["country"]),
                 "name": _("Deadline asked for (no decision recorded)"), "showlegend": bool(len(asked)),
                 "marker": {"color": "rgba(0,0,0,0)", "line": {"color": ARTICLE5_COLORS[PENDING], "width": 2},
                            "pattern": {"shape": "/", "fgcolor": ARTICLE5_COLORS[PENDING], "size": 6}},
                 "hovertemplate": _("<b>{state}</b>: extension requested to {day}; no decision recorded").format(
                     state="%{y}", day="%{customdata}") + "<extra></extra>",
                 "customdata": [_day(d) for d in asked["requested"]]})
    orig = t[t["original_deadline"].notna()]
    data.append({"type": "scatter", "mode": "markers", "name": _("Original deadline (entry into force + 10 years)"),
                 "x": orig["original_deadline"].dt.strftime("%Y-%m-%d").tolist(), "y": esc_all(orig["country"]),
                 "marker": {"symbol": "line-ns-open", "size": 14, "color": BORDER, "line": {"width": 2}},
                 "customdata": [_day(d) for d in orig["original_deadline"]],
                 "hovertemplate": _("<b>{state}</b>: original deadline {day}").format(
                     state="%{y}", day="%{customdata}") + "<extra></extra>"})
    done = t[t["completed"].notna()]
    data.append({"type": "scatter", "mode": "markers", "name": _("Completion declared"),
                 "x": done["completed"].dt.strftime("%Y-%m-%d").tolist(), "y": esc_all(done["country"]),
                 "marker": {"symbol": "star", "size": 12, "color": "#009E73", "line": {"color": BORDER, "width": 1}},
                 "customdata": [_day(d) for d in done["completed"]],
                 "hovertemplate": _("<b>{state}</b>: completion declared {day}").format(
                     state="%{y}", day="%{customdata}") + "<extra></extra>"})
    today = f"{pd.Timestamp(on):%Y-%m-%d}"
    return {"data": data, "layout": {
        "separators": i18n.separators(),
        "height": height or 140 + 19 * len(t), "margin": _MARGIN, "barmode": "overlay", "hovermode": "closest",
        "xaxis": {"type": "date", "title": None, "side": "top", "tickformat": "%Y"},  # plotly's month names: English
        "yaxis": {"categoryorder": "array", "categoryarray": esc_all(t["country"]), "automargin": True,
                  "tickfont": {"size": 11}, "tickmode": "linear", "dtick": 1},  # every row named
        "shapes": [{"type": "line", "x0": today, "x1": today, "yref": "paper", "y0": 0, "y1": 1,
                    "line": {"color": BORDER, "dash": "dot", "width": 2}}],
        "annotations": [{"x": today, "y": 1, "yref": "paper", "text": _("today"), "showarrow": False,
                         "yanchor": "bottom", "xanchor": "left", "font": {"size": 12}}],
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"}}}


def status_strip(periods: pd.DataFrame, height: int = 130) -> dict:
    """A state's statuses on the treaty as one coloured strip over time (from treaty.impact.status_periods)."""
    status = pgettext("a state's place in the treaty", "Status")
    data = [{"type": "bar", "orientation": "h", "y": [status], "base": [f"{p.start:%Y-%m-%d}"],
             "x": [(p.end - p.start).days * 86_400_000], "name": _(p.label),
             "marker": {"color": STATUS_COLORS[p.status], "line": {"color": BORDER, "width": 0.5}},
             # TRANSLATORS: a status on the treaty, then the days it began and ended
             "hovertemplate": _("<b>{status}</b><br>{start} – {end}").format(
                 status=_(p.label), start=_day(p.start), end=_day(p.end)) + "<extra></extra>"}
            for p in periods.itertuples()]
    return {"data": data, "layout": {"separators": i18n.separators(), "height": height,
                                     "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "barmode": "stack",
                                     "xaxis": {"type": "date", "tickformat": "%Y"}, "yaxis": {"visible": False},
                                     "legend": {"orientation": "h", "y": -0.5, "traceorder": "normal"}}}


def country_casualties_chart(rows: pd.DataFrame, first: int, last: int, height: int = 280) -> dict:
    """One state's recorded casualties per year where the data names it; other years are gaps."""
    return {"data": [{"type": "bar", "x": rows["year"].tolist(), "y": _nums(rows["total"]),
                      "marker": {"color": TOTAL_ONLY}, "customdata": [[esc(r)] for r in rows["report"]],
                      "hovertemplate": _("<b>%{x}</b>: %{y:,} recorded casualties")
                                       + "<br><i>%{customdata[0]}</i><extra></extra>"}],
            "layout": {"separators": i18n.separators(), "height": height, "margin": _MARGIN,
                       "xaxis": {"range": [first - 0.6, last + 0.6], "dtick": 2},
                       "yaxis": {"title": _("Recorded casualties"), "rangemode": "tozero"}}}
