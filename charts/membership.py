"""Charts of the treaty's membership over time."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

import i18n
from charts.atlas import date_ticks
from i18n import _


def parties_step_chart(series: pd.DataFrame, decline: tuple | None = None, pending: bool = False,
                       height: int = 320, zero: bool = True) -> go.Figure:
    """States Parties and signatories as steps over time (from treaty.status.parties_over_time); with
    `pending`, also the count without the states whose withdrawal is pending; `decline` is annotated;
    `zero=False` lets the axis start near the data (a close-up, to be said so in the caption)."""
    fig = go.Figure()
    days = [i18n.short_day(d) for d in series["date"]]  # plotly's own month names are English only
    if pending:
        fig.add_trace(go.Scatter(x=series["date"], y=series["not_leaving"],
                                 name=_("Not counting withdrawals pending"),
                                 mode="lines", line={"shape": "hv", "width": 2, "dash": "dash", "color": "#D55E00"},
                                 customdata=days,
                                 hovertemplate=_("%{customdata}: %{y} not leaving") + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=series["date"], y=series["states_parties"], name=_("States Parties"),
                             mode="lines", line={"shape": "hv", "width": 3, "color": "#0072B2"},
                             customdata=days,
                             hovertemplate=_("%{customdata}: %{y} States Parties") + "<extra></extra>"))
    signatories = _("Signatories (cumulative)")
    fig.add_trace(go.Scatter(x=series["date"], y=series["signatories"], name=signatories,
                             mode="lines", line={"shape": "hv", "width": 2, "dash": "dot", "color": "#E69F00"},
                             customdata=days, hovertemplate=_("%{customdata}: %{y} signatories") + "<extra></extra>"))
    xaxis = date_ticks(series["date"].min(), series["date"].max()) if len(series) else {}
    # the hover's heading: plotly would write the day with English month names; each line gives the day (above)
    xaxis["unifiedhovertitle"] = {"text": "%{x|%Y}"}
    fig.update_layout(separators=i18n.separators(), margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=height,
                      hovermode="x unified", legend={"orientation": "h", "y": -0.15}, xaxis=xaxis,
                      yaxis={"title": _("States"), "rangemode": "tozero" if zero else "normal"})
    if decline:
        when, before, after = decline
        fig.add_annotation(x=when, y=after, text=_("First decline in the treaty's history:<br>"
                                                   "{before} → {after} on {day}").format(
                               before=i18n.number(before), after=i18n.number(after), day=i18n.day(when)),
                           showarrow=True, arrowhead=2, ax=-90, ay=50, align="right")
    if not zero:  # a close-up shows the signatories' line only if it fits
        fig.update_traces(selector={"name": signatories}, visible=False)
    return fig
