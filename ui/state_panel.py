"""The map's state details panel and the URL binding of the chosen state."""
from __future__ import annotations

import functools
from datetime import date

import pandas as pd
import streamlit as st

import i18n
from charts.atlas import (
    SMALL_STATES_TRACE,
)
from charts.palette import BORDER, LABELS, STATUS_COLORS
from charts.text import markdown_text, source_link
from i18n import _, ngettext
from loaders.countries import other_names, to_iso3
from treaty.sentences import public_detail, suspension_sentence, withdrawal_event_line
from treaty.status import (
    STATUS_LABELS,
    status_on,
)
from ui.cached import map_features, state_codes_by_any_name, state_names, treaty_timelines, withdrawal_log


def country_from_url() -> None:
    """?country=UKR (or a name) opens that state's details; read once per session, then the box leads."""
    if "country" not in st.session_state:
        wanted = st.query_params.get("country")
        iso3 = to_iso3(wanted) if wanted else None
        st.session_state["country"] = iso3 if iso3 in state_names() else None


def search_labels(names: dict[str, str]) -> dict[str, str]:
    """The options of a "find a state" box: each state by its name, and by every other name people type for it,
    as "Vatican → Holy See" (option "VAT:Vatican"), sorted by what is shown. Used with filter_mode="contains",
    so "Finland" offers Finland only, not every name holding its letters in order."""
    return _search_labels(tuple(names.items()))


@functools.lru_cache(maxsize=4)
def _search_labels(names: tuple[tuple[str, str], ...]) -> dict[str, str]:
    labels = dict(names)
    for iso3, name in names:
        labels.update({f"{iso3}:{other}": f"{other} → {name}" for other in other_names(iso3, name)})
    return dict(sorted(labels.items(), key=lambda kv: kv[1].casefold()))


def names_from_url(key: str, names: dict[str, str]) -> None:
    """States a link names under `key` (?seeds=Norway&seeds=Sweden), as the page it was made on showed them: named
    in another of our languages, they are renamed as this page shows them before the box bound to the URL reads
    them, so an English link opens the same scenario in French."""
    asked = st.query_params.get_all(key)
    if key in st.session_state or not asked or all(a in names.values() for a in asked):
        return
    codes = state_codes_by_any_name()
    chosen = [codes[a] for a in asked if codes.get(a) in names]
    st.session_state[key] = chosen
    st.query_params[key] = [names[c] for c in chosen]


def chosen_state(key: str) -> str | None:
    """The state picked in a search box: another name's option ("VAT:Vatican") becomes the state's code, so the
    box shows the state's own name and the URL its code."""
    value = st.session_state.get(key)
    if value and ":" in value:
        st.session_state[key] = value = value.split(":", 1)[0]
    return value


def country_to_url() -> None:
    iso3 = chosen_state("country")
    if iso3:
        st.query_params["country"] = iso3
    else:
        st.query_params.pop("country", None)


def select_from_map() -> None:
    """A click on the map opens that state's details (sets the search box, so the URL follows)."""
    event = st.session_state.get("map")
    points = event.selection.points if event else []
    if points:
        p = points[0]
        iso3 = p.get("location")  # a country shape
        if iso3 is None and p.get("curve_number") == SMALL_STATES_TRACE:  # a small-state dot, by its index
            small = map_features().query("small")["iso3"].tolist()
            iso3 = small[p["point_index"]] if p.get("point_index", -1) < len(small) else None
        if iso3 in state_names():
            st.session_state["country"] = iso3
            country_to_url()


def state_panel(iso3: str, on: date) -> None:
    """Details of one state: status on the date, the dates that decided it, its events, and sources."""
    tl = treaty_timelines().set_index("iso3")
    row = tl.loc[iso3]
    status = status_on(treaty_timelines(), on).set_index("iso3").loc[iso3]
    st.subheader(markdown_text(row["name"]))
    # TRANSLATORS: the state's status (bold) on the day the map shows
    st.markdown(_("**{status}** on {day}").format(status=_(STATUS_LABELS[status["status"]]), day=i18n.day(on)))
    if status["suspension"]:
        st.warning(markdown_text(suspension_sentence(row["name"], status["suspension"], row["suspension_claimed"],
                                                     row["suspension_rejected"])))
    dates = {_("Signed"): row["signed"], _("Instrument deposited"): row["deposited"], _("In force"): row["in_force"],
             _("Withdrawal notified"): row["withdrawal_received"],
             _("Withdrawal effective"): row["withdrawal_effective"]}
    # dates after the day shown are not facts yet on that day
    # TRANSLATORS: a label and its value ("Signed: 3 December 1997", "State Party: 12")
    lines = ["- " + _("{label}: {value}").format(label=k, value=i18n.day(v)) for k, v in dates.items()
             if pd.notna(v) and v <= pd.Timestamp(on)]
    st.markdown("\n".join(lines) if lines else _("Never signed or joined by this date."))
    # the record's curation note is for the profile's sources, not stated here as a fact on any date
    st.markdown(_("Source: {link}").format(link=source_link(row["report"], row["source_url"])))
    events = withdrawal_log()
    events = events[events["iso3"] == iso3].sort_values("date")
    later = int((events["date"] > pd.Timestamp(on)).sum())
    events = events[events["date"] <= pd.Timestamp(on)]
    if len(events):
        with st.expander(_("Withdrawal steps and statements to this date ({n})").format(n=i18n.number(len(events)))):
            for e in events.itertuples():
                st.markdown(f"{markdown_text(withdrawal_event_line(e.date, e.date_certainty, e.event))} — "
                            f"{markdown_text(public_detail(e.detail)[0])} {source_link(e.report, e.source_url)}")
    if later:
        st.caption(ngettext("{n} later step or statement after this date: move the date, or open the full profile.",
                            "{n} later steps or statements after this date: move the date, or open the full profile.",
                            later).format(n=i18n.number(later)))
    # a short label: in the panel's column a long one was cut at a laptop's width ("Full profile: c…")
    st.page_link("views/country.py", label=_("Full profile"), icon=":material/flag:", query_params={"country": iso3},
                 help=_("Treaty steps, recorded casualties, clearance and every source for this state"))
    st.button(_("Close"), key="close-panel", on_click=_close_panel)


def _close_panel() -> None:
    st.session_state["country"] = None
    country_to_url()


def status_legend(counts: dict[str, int]) -> None:
    """A legend of status colours with counts (for views whose chart has no legend of its own)."""
    st.markdown(" ".join(
        f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{STATUS_COLORS[s]};"
        f"border:1px solid {BORDER};margin:0 0.3em 0 0.8em'></span>"
        + _("{label}: {value}").format(label=_(LABELS[s]), value=i18n.number(counts[s]))
        for s in LABELS if counts[s]), unsafe_allow_html=True)
