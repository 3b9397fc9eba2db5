"""Humanitarian impact: recorded casualties worldwide and by country, clearance, and the Article 5 tracker."""
import streamlit as st

import ui
from charts.impact import (
    article5_timeline,
    casualties_chart,
    casualty_map,
    clearance_chart,
    ranking_chart,
    shares_chart,
    small_multiples,
)
from charts.text import markdown_text
from i18n import N_, _
from treaty.article5 import ARTICLE5_STATUS, COMPLETED, DECISION
from treaty.impact import (
    casualty_facts,
    country_year,
    with_treaty_status,
)
from treaty.sentences import (
    article5_sentence,
    casualty_sentence,
    clearance_sentence,
    country_ranking_sentence,
    missing,
    shares_sentence,
)

today = ui.today()
# the views' option values (kept in the URL as they are), translated where shown
KILLED, SHARES = N_("Killed and injured"), N_("Civilians and children")
CLEARED, RELEASED = N_("Cleared"), N_("Land released")
AREA_TITLES = {CLEARED: N_("Cleared (km²)"), RELEASED: N_("Land released (km²)")}


def worldwide() -> None:
    series = ui.casualties()
    facts = casualty_facts(series)
    if facts is None:
        st.info(casualty_sentence(series))
        return
    view = st.segmented_control(_("Show"), [KILLED, SHARES], default=KILLED, key="casualty-view",
                                bind="query-params", format_func=_)
    if view == SHARES:
        ui.chart(shares_chart(series), shares_sentence(series), "shares", ["casualties_global"], table=series)
    else:
        ui.chart(casualties_chart(series, facts), casualty_sentence(series), "casualties",
                 ["casualties_global"], table=series)
    by_year = st.expander(_("Which report each year comes from"), key="by-year", on_change="rerun")
    if by_year.open:  # a table pulls the data grid's scripts into the page: only when asked for
        with by_year:
            ui.table(series[["year", "total", "killed", "injured", "civilian_share", "child_share", "report", "note"]],
                     "casualties-by-year", ["casualties_global"],
                     column_config={"year": st.column_config.NumberColumn(_("Year"), format="%d"),
                                    "civilian_share": st.column_config.NumberColumn(_("Civilians"), format="percent"),
                                    "child_share": st.column_config.NumberColumn(_("Children"), format="percent")})


def by_country() -> None:
    named = ui.named_country_years()
    if named.empty:
        st.info(missing("casualties_by_country", empty=ui.casualties_by_country().empty))
        return
    years = sorted(named["year"].unique().tolist(), reverse=True)
    year = st.selectbox(_("Year"), years, key="year", bind="query-params")
    rows = with_treaty_status(country_year(named, year), ui.treaty_timelines(), year)
    ranking_text = country_ranking_sentence(rows, year)
    left, right = st.columns([3, 2])
    with left:
        ui.plot(casualty_map(ui.static_url("countries.geojson"), rows, year, ui.map_features()["iso3"].tolist()),
                "casualty-map", ranking_text, ["casualties_by_country", "membership"], table=rows)
    with right:
        ui.plot(ranking_chart(rows, year), "ranking", ranking_text, ["casualties_by_country", "membership"])
    st.caption(markdown_text(ranking_text))

    most = named.groupby("country")["total"].max().sort_values(ascending=False).index.tolist()
    picked = st.multiselect(_("Countries over time"), most, default=most[:8], key="countries",
                            help=_("Each small chart has its own scale. A year without a bar: the country was not "
                                   "named among the most affected that year (no data, not zero)."))
    if picked:
        ui.chart(small_multiples(named, picked), _("Recorded casualties per year in each chosen country, from the "
                                                   "Monitor's lists of the most affected countries ({first}–{last}).")
                 .format(first=int(named["year"].min()), last=int(named["year"].max())),
                 "multiples", ["casualties_by_country"])


def clearance() -> None:
    world = ui.world_clearance()
    if world.empty:
        # TRANSLATORS: completes "No {what} in the published data yet" (treaty.words.missing translates it)
        st.info(missing("clearance_annual", N_("worldwide clearance figures"), empty=ui.clearance().empty))
        return
    clearance_text = clearance_sentence(world)
    a, b = st.columns(2)
    with a:
        area = st.segmented_control(_("Area"), [CLEARED, RELEASED], default=CLEARED, key="area", format_func=_,
                                    help=_("Land released = cleared + reduced by technical survey + cancelled by "
                                           "non-technical survey; few worldwide totals were published."))
        column = "cleared_km2" if area != RELEASED else "land_released_km2"
        ui.plot(clearance_chart(world, column, _(AREA_TITLES.get(area, AREA_TITLES[CLEARED]))), "cleared",
                clearance_text, ["clearance_annual"])
    with b:
        ui.plot(clearance_chart(world, "ap_mines_destroyed", _("AP mines destroyed in clearance")), "destroyed",
                clearance_text, ["clearance_annual"])
    st.caption(markdown_text(clearance_text + " " + _("Per-country figures are on each country's profile.")))


def deadlines() -> None:
    st.markdown(_("**Article 5** obliges each State Party to clear the mined areas under its jurisdiction within "
                  "ten years of becoming bound, or to obtain an extension from the other States Parties."))
    tracker = ui.article5_today(today)
    if tracker.empty:
        st.info(article5_sentence(tracker, today))
        return
    if ui.article5_events().empty:  # every deadline shown is then the original one
        st.info(missing("article5_events"))
    show_done = st.toggle(_("Include states that declared completion"), key="a5-completed")
    shown = tracker if show_done else tracker[tracker["status"] != COMPLETED]
    ui.chart(article5_timeline(shown, ui.article5_steps(today), today), article5_sentence(tracker, today),
             "article5", ["article5", "article5_events"])
    st.caption(markdown_text(_(ui.provenance("article5_events").get("verified", ""))))
    shown_table = tracker[["country", "status_label", "original_deadline", "deadline", "extensions", "requested",
                           "last_decision", "completed", "contamination_level", "contamination_km2",
                           "contamination_as_of"]].copy()
    for col in ("original_deadline", "deadline", "requested", "completed", "contamination_as_of"):
        shown_table[col] = shown_table[col].dt.strftime("%Y-%m-%d").fillna("")  # a gap shows as empty, not "None"
    shown_table[["last_decision", "contamination_level"]] = shown_table[["last_decision", "contamination_level"]].fillna("")
    shown_table["status_label"] = shown_table["status_label"].map(lambda s: _(s) if isinstance(s, str) else s)
    # "22MSP: not_granted" as recorded; only the word standing for a meeting not named is the app's own
    shown_table["last_decision"] = shown_table["last_decision"].map(
        lambda d: _(DECISION) + d[len(DECISION):] if d.startswith(DECISION + ":") else d)
    ui.table(
        shown_table,
        "article5-tracker", ["article5", "article5_events"],
        column_config={"country": _("State Party"), "status_label": st.column_config.TextColumn(
                           # TRANSLATORS: a column of the Article 5 tracker: each state's status today
                           _("Today"), help="; ".join(_(s) for s in ARTICLE5_STATUS.values())),
                       "original_deadline": _("Original deadline"), "deadline": _("Deadline"),
                       "extensions": _("Extensions granted"), "requested": _("Extension requested to"),
                       "last_decision": _("Last decision"), "completed": _("Completion declared"),
                       "contamination_level": _("Contamination"), "contamination_km2": "km²",
                       "contamination_as_of": _("km² as of")})


st.title(_("What mines still cost"))
st.markdown(_("How many people mines and explosive remnants of war kill and injure each year, where, and how far "
              "clearance has come. All figures are **recorded** casualties from the Landmine Monitor: the true "
              "number is higher, and the Monitor revises earlier years as new records arrive."))
ui.sections({N_("Recorded casualties"): worldwide, N_("By country"): by_country, N_("Clearance"): clearance,
             N_("Article 5 deadlines"): deadlines})
ui.sources_section(["casualties_global", "casualties_by_country", "clearance_annual", "article5", "article5_events",
                    "membership"])
