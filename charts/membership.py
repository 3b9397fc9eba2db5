"""Charts of the treaty's membership over time."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def parties_step_chart(series: pd.DataFrame, decline: tuple | None = None, pending: bool = False,
                       height: int = 320, zero: bool = True) -> go.Figure:
    """States Parties and signatories as steps over time (from treaty.status.parties_over_time); with
    `pending`, also the count without the states whose withdrawal is pending; `decline` is annotated;
    `zero=False` lets the axis start near the data (a close-up, to be said so in the caption)."""
    fig = go.Figure()
    if pending:
        fig.add_trace(go.Scatter(x=series["date"], y=series["not_leaving"], name="Not counting withdrawals pending",
                                 mode="lines", line={"shape": "hv", "width": 2, "dash": "dash", "color": "#D55E00"},
                                 hovertemplate="%{x|%d %b %Y}: %{y} not leaving<extra></extra>"))
    fig.add_trace(go.Scatter(x=series["date"], y=series["states_parties"], name="States Parties",
                             mode="lines", line={"shape": "hv", "width": 3, "color": "#0072B2"},
                             hovertemplate="%{x|%d %b %Y}: %{y} States Parties<extra></extra>"))
    fig.add_trace(go.Scatter(x=series["date"], y=series["signatories"], name="Signatories (cumulative)",
                             mode="lines", line={"shape": "hv", "width": 2, "dash": "dot", "color": "#E69F00"},
                             hovertemplate="%{x|%d %b %Y}: %{y} signatories<extra></extra>"))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=height, hovermode="x unified",
                      legend={"orientation": "h", "y": -0.15},
                      yaxis={"title": "States", "rangemode": "tozero" if zero else "normal"})
    if decline:
        when, before, after = decline
        fig.add_annotation(x=when, y=after, text=f"First decline in the treaty's history:<br>"
                                                 f"{before} → {after} on {when:%-d %B %Y}",
                           showarrow=True, arrowhead=2, ax=-90, ay=50, align="right")
    if not zero:  # a close-up shows the signatories' line only if it fits
        fig.update_traces(selector={"name": "Signatories (cumulative)"}, visible=False)
    return fig
