"""What leaves the app with a chart: its data as a table, and the citation that travels with it."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from i18n import _, ngettext

# The fields of a trace that carry data, in the order a reader expects them; hover text is kept too,
# without its markup, because for some charts (the timeline) it is where the event is named.
FIELDS = ("locations", "lon", "lat", "x", "y", "z", "base", "hovertext", "text")
TAG = re.compile(r"<[^>]+>")
# A trace's `meta` for shapes drawn only to show where things are (outlines of states with no value): they
# carry a placeholder z of 0, which in a data table would read as a measured zero.
OUTLINE = "outline"


def figure_table(fig) -> pd.DataFrame:
    """Every plotted point of every trace, one row each: the chart's data exactly as drawn.

    Legend-only traces (no points) are left out; a trace's name says which series a row belongs to."""
    spec = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    axes = spec.get("layout", {})
    rows = []
    for trace in spec.get("data", []):
        if trace.get("meta") == OUTLINE:
            continue
        cols = {f: list(trace[f]) for f in FIELDS if _is_array(trace.get(f))}
        n = max((len(v) for v in cols.values()), default=0)
        if n == 0 or all(v is None for vs in cols.values() for v in vs):
            continue
        for f in ("hovertext", "text"):
            if f in cols:
                cols[f] = [TAG.sub(" ", str(v)).strip() if v is not None else None for v in cols[f]]
        for i in range(n):
            row = {"series": _plain(trace.get("name") or trace.get("type", ""))}
            row.update({_title(axes, trace, f): (v[i] if i < len(v) else None) for f, v in cols.items()})
            rows.append(row)
    return pd.DataFrame(rows)


def _is_array(v) -> bool:
    return v is not None and not isinstance(v, (str, bytes, dict)) and hasattr(v, "__len__")


def _plain(text) -> str:
    return TAG.sub(" ", str(text)).replace("&amp;", "&").strip()


def _title(layout: dict, trace: dict, field: str) -> str:
    """x and y under their axis titles where the chart has them ("year", "recorded casualties")."""
    if field in ("x", "y"):
        axis = layout.get(f"{field}axis{str(trace.get(field + 'axis', field))[1:]}", {})
        title = axis.get("title", {})
        text = title.get("text") if isinstance(title, dict) else title
        if text:
            return _plain(text)
    return {"hovertext": "label", "text": "details", "z": "value", "locations": "iso3"}.get(field, field)


def citation(view: str, datasets: list[dict], address: str | None = None, accessed: str | None = None) -> str:
    """One line: the view, then each dataset's title, version and sources (report, address).

    `datasets`: dicts with "meta" (the dataset's provenance) and "version" (words saying which version)."""
    parts = [_("Mine Ban Treaty dashboard: {view}").format(view=view)]
    if address:
        parts.append(address)
    if accessed:
        # TRANSLATORS: in a citation, the day the dashboard was consulted
        parts.append(_("accessed {day}").format(day=accessed))
    for d in datasets:
        meta = d["meta"]
        sources = "; ".join(f"{s['name']}, {s['report']}, {s['url']}" for s in meta["sources"])
        # TRANSLATORS: in a citation: a dataset's title (as published), which version, how far its data runs (a
        # date), then its sources (publisher, report, address; as published)
        parts.append(_("data: {title} ({version}; data runs to {runs_to}); sources: {sources}").format(
            title=_(meta["title"]), version=d["version"], runs_to=meta.get("data_runs_to", _("n/a")), sources=sources))
    return ". ".join(parts) + "."


def short_citation(datasets: list[dict], accessed: str) -> str:
    """One short line for a slide's foot: who published the data, how far it runs, and this dashboard (the full
    citation, every report and address, is on the pack's last slide and in every CSV download)."""
    names = list(dict.fromkeys(src["name"].split(" (")[0].split(",")[0]
                               for d in datasets for src in d["meta"]["sources"]))
    shown = "; ".join(names[:3])
    if len(names) > 3:
        # TRANSLATORS: a slide's source line: the first publishers' names, and how many more the last slide lists
        shown = ngettext("{names} and {n} more (last slide)", "{names} and {n} more (last slide)",
                         len(names) - 3).format(names=shown, n=len(names) - 3)
    runs_to = max((str(d["meta"].get("data_runs_to", "")) for d in datasets), default="")
    parts = [_("Sources: {names}").format(names=shown)]
    if runs_to:
        # TRANSLATORS: on a slide's source line: how far the data runs (a date as published, e.g. 2024-12-31)
        parts.append(_("data to {date}").format(date=runs_to))
    parts.append(_("Mine Ban Treaty dashboard, {day}").format(day=accessed))
    return " · ".join(parts)
