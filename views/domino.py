"""Domino risk: how the withdrawals unfolded, how exposed the remaining States Parties are, what if more left."""
import streamlit as st

import i18n
import ui
from charts.domino import (
    cascade_map,
    cascade_rounds_chart,
    score_map,
    with_exposure_hover,
)
from charts.text import markdown_text
from i18n import N_, _, pgettext
from treaty.domino import DEFAULT_WEIGHTS, FACTORS, cascade_table
from treaty.sentences import missing, no_one_to_score
from treaty.status import STATE_PARTY, status_on

DOMINO_DATA = ["withdrawals", "membership", "alliances", "ap_mine_use"]
today = ui.today()
# the factors' names (treaty.domino.FACTORS' keys are column names)
FACTOR_NAMES = {"border_leaver": N_("Border leaver"), "border_mine_user": N_("Border mine user"),
                "alliance": N_("Alliance"), "debate": N_("Debate")}


def _factor(k: str) -> str:
    return _(FACTOR_NAMES[k]) if k in FACTOR_NAMES else k.replace("_", " ").capitalize()


def _peers(value: str) -> str:
    """The peers option as shown (its value stays in the URL: ?peers=neighbours)."""
    return {"neighbours": pgettext("peers", "neighbours"), "allies": pgettext("peers", "allies"),
            "both": pgettext("peers", "both")}.get(value, value)


def unfolded() -> None:
    if ui.withdrawal_log().empty:
        st.info(missing("withdrawals"))
        return
    ui.plot(ui.domino_timeline(), "timeline", datasets=["withdrawals", "membership"],
            alt=_("Timeline of every recorded step of the withdrawals, one lane per state, with precedents, "
                  "reactions and the governments that said they stay."))
    st.caption(_("Hover a marker for what happened and its source. Faded markers: the date is inferred, approximate "
                 "or the date it was reported. The shaded bar is the six months of Article 20."))


def treaty_size() -> None:
    size, size_recent, decline, peak = ui.treaty_size_charts(today)
    whole, close = st.columns([3, 2])
    with whole:
        ui.plot(size, "size", _("States Parties since 1997: the peak was {peak}.").format(peak=i18n.number(peak)),
                ["membership", "withdrawals"])
    with close:
        ui.plot(size_recent, "size-recent", _("States Parties since mid-2024, with each withdrawal step."),
                ["membership", "withdrawals"])
    if decline:
        when, before, after = decline
        st.caption(_("Since 1997 (left) and since mid-2024 (right; the axis does not start at zero). States Parties "
                     "peaked at {peak}; the dashed line drops when a withdrawal is notified, the solid one when it "
                     "takes effect. The first decline: {before} → {after} on {day}. Same rules as the map.")
                   .format(peak=i18n.number(peak), before=i18n.number(before), after=i18n.number(after),
                           day=i18n.day(when)))


def exposure() -> None:
    st.info(_("An aid to thinking about scenarios, not a prediction. Each factor is a documented fact; the score is "
              "only their weighted average, with weights you choose."))
    for dataset in ("alliances", "ap_mine_use"):  # their factor is then 0 for every state
        if ui.frame(dataset).empty:
            st.info(missing(dataset))
    cols = st.columns(len(FACTORS))
    weights = {k: c.slider(_factor(k), 0.0, 3.0, DEFAULT_WEIGHTS[k], 0.5, key=f"w-{k}", help=_(FACTORS[k]))
               for c, k in zip(cols, FACTORS, strict=True)}
    with st.expander(_("Method")):
        st.markdown("\n".join([*(f"- **{_factor(k)}**: {_(v)}." for k, v in FACTORS.items()),
                               _("- Each factor is 0 or 1, except alliance: the share of the states that left with "
                                 "which the state shares NATO or\n  EU membership on the date. Score = Σ weight × "
                                 "factor / Σ weights, from 0 to 1."),
                               _("- \"Recently\" means the last three Landmine Monitor reports in the data; "
                                 "allegations do not count."),
                               _("- Debate comes from the event log: a recorded debate about leaving, or a step "
                                 "towards it (Ukraine's\n  \"suspension\" counts)."),
                               _("- Land borders are those of the states' own lands: France's borders with Brazil "
                                 "and Suriname, through French\n  Guiana, do not make them neighbours here (the What "
                                 "if tab can include them).")]))
    ex = ui.domino_exposure(today, tuple(sorted(weights.items())))
    if ex.empty:
        st.info(no_one_to_score(today))
        return
    left, right = st.columns([3, 2])
    with left:
        ui.plot(score_map(ui.static_url("countries.geojson"), with_exposure_hover(ex), "score", _("Score")),
                "exposure-map", _("Map of the exposure score of each remaining State Party; the table beside it "
                                  "lists the same scores in order."), DOMINO_DATA, table=ex)
        st.caption(_("Only remaining States Parties are scored: states that never joined, or left, are blank."))
    with right:
        ui.table(
            ex[["rank", "name", "score", "border_leaver", "border_mine_user", "alliance", "debate", "leaver_neighbours",
                "mine_user_neighbours", "debate_steps"]], "exposure", DOMINO_DATA, height=460,
            column_config={"score": st.column_config.ProgressColumn(_("Score"), min_value=0, max_value=1,
                                                                    format="%.2f"),
                           # TRANSLATORS: the exposure table's first column: each state's rank by its score
                           "rank": _("rank"),
                           "name": _("State Party"), "border_leaver": _("Borders a leaver"),
                           "border_mine_user": _("Borders a mine user"), "alliance": _("Allied with leavers"),
                           "debate": _("Debate"), "leaver_neighbours": _("Leaving neighbours"),
                           "mine_user_neighbours": _("Mine-using neighbours"), "debate_steps": _("Recorded steps")})


CASCADE_METHOD = N_(
    """- **Round 0** is today. **Round 1**: the states you chose, and any State Party already over the threshold.
  Then one round per wave: a State Party leaves once the share of its peers that have left reaches the
  threshold. A peer has left if it withdrew, is withdrawing, or left in an earlier round; peers that never
  joined count in the share but never as having left.
- **Neighbours** share a land border of their own lands (1:50m map). A border through an overseas territory
  (France's with Brazil and Suriname, through French Guiana: the only ones in the border table) makes
  neighbours only if you include it; exclaves near home (Kaliningrad, Nakhchivan, Cabinda) are ordinary
  borders. **Allies**: NATO and EU members on the date.
- **Weighted by border length** (neighbours only): the share is of the state's land border, so a long border
  with a leaver counts more than a short one.
- A scenario, not a forecast: it follows the rule you set, with no politics in it. Hover a state for its
  reason; the CSV lists every state, its round, the peers that had left and the share.""")


def what_if() -> None:
    names = ui.state_names()
    now = status_on(ui.treaty_timelines(), today)
    remaining = set(now.loc[now["status"] == STATE_PARTY, "iso3"])  # who could still leave: the exposure tab's rows
    parties = [i for i in names if i in remaining]
    c1, c2, c3 = st.columns([1.5, 1, 1.5])  # room for the toggles' longer French and Spanish labels
    # bound to the URL, so a scenario can be shared as a link (?seeds=Norway&seeds=Sweden: names, as shown)
    ui.names_from_url("seeds", names)
    seeds = c1.multiselect(_("States that leave"), parties, format_func=names.get, key="seeds", bind="query-params",
                           placeholder=_("Pick states, or set a threshold"))
    use_threshold = c2.toggle(_("Threshold cascade"), key="use-threshold", bind="query-params",
                              help=_("A state leaves once this share of its peers has left"))
    threshold = c2.slider(_("Share of peers that have left"), 0.1, 1.0, 0.5, 0.05, key="threshold", bind="query-params",
                          disabled=not use_threshold)
    peers = c3.radio(_("Peers"), ["neighbours", "allies", "both"], key="peers", horizontal=True, bind="query-params",
                     format_func=_peers, help=_("Neighbours: land borders. Allies: NATO and EU members on the date."))
    overseas = c3.toggle(_("Overseas borders"), key="overseas", bind="query-params",
                         disabled=peers == "allies",
                         help=_("Borders through an overseas territory make neighbours: France with Brazil and "
                                "Suriname, through French Guiana"))
    weighted = c3.toggle(_("Weight by border length"), key="weighted", bind="query-params",
                         disabled=peers != "neighbours",
                         help=_("The share of peers that have left is of the state's land border, not of their "
                                "number"))
    weighted = weighted and peers == "neighbours"  # lengths belong to borders: allies have none
    result = ui.domino_cascade(today, tuple(seeds), threshold if use_threshold else None, peers, overseas, weighted)
    reasons = {c: r.words(names, peers, weighted) for c, r in result.reasons.items()}
    first, last = result.rounds[0], result.rounds[-1]
    m1, m2, m3 = st.columns([1, 1, 2])
    m1.metric(_("States Parties"), last.parties, last.parties - first.parties)
    m2.metric(_("Rounds"), len(result.rounds) - 1)
    change = last.border_km - first.border_km
    sign = f"{change:+.0f}"[0]  # "+" or "-", as Python rounds it (a change of -0.3 km reads "-0 km")
    m3.metric(_("Land border between parties and states outside"), f"{i18n.number(last.border_km)} km",
              f"{sign}{i18n.number(abs(change))} km", delta_color="off")
    if len(result.rounds) > 1:
        a, b = st.columns([3, 2])
        rounds_text = " · ".join(_("Round {n}: {states}").format(n=r.number,
                                                                   states=", ".join(names.get(c, c) for c in r.leaving))
                                 for r in result.rounds[1:])
        with a:
            ui.plot(cascade_map(ui.static_url("countries.geojson"), result, names, reasons=reasons), "cascade-map",
                    _("Map of the scenario, one frame per round. {rounds}").format(rounds=rounds_text), DOMINO_DATA,
                    table=cascade_table(result, names, peers, weighted))
        with b:
            ui.plot(cascade_rounds_chart(result.rounds), "cascade-rounds",
                    _("States Parties and border with states outside after each round: {parties} States Parties "
                      "and {km} km after the last round.").format(parties=i18n.number(last.parties),
                                                                  km=i18n.number(last.border_km)), DOMINO_DATA)
        st.caption(_("Press Play, or drag the slider, to watch the cascade round by round. Grey: the states that had "
                     "already left or were leaving; round 0 is today, before anyone else goes."))
        st.markdown(" · ".join(_("**Round {n}**: {states}").format(
            n=r.number, states=markdown_text(", ".join(names.get(c, c) for c in r.leaving)))
            for r in result.rounds[1:]))
    else:
        st.caption(_("No one leaves in this scenario."))
    st.markdown(_("**How the scenario is played**") + "\n" + _(CASCADE_METHOD) + "\n")
    st.caption(_("Border lengths are measured on the 1:50m map (generalised lines, shorter than surveyed ones); the "
                 "border between parties and states outside counts every land border, overseas ones included."))


st.title(_("Domino risk"))
st.markdown(_(
    "In 2025 five States Parties gave notice of withdrawal, the first in the treaty's history. Under "
    "**Article 20** a withdrawal takes effect six months after the UN Secretary-General receives it (and not "
    "while the state is at war). Ukraine instead claimed to *suspend* the treaty, which has no such clause."))

if ui.treaty_timelines().empty:
    st.info(missing("membership"))
scenario = {"seeds", "use-threshold", "threshold", "peers", "overseas", "weighted"} & set(st.query_params)
ui.sections({N_("How the withdrawals unfolded"): unfolded, N_("The treaty's size"): treaty_size, N_("Exposure"): exposure,
             N_("What if more left?"): what_if},
            default=N_("What if more left?") if scenario else None)  # a shared scenario link opens on the scenario
ui.sources_section(DOMINO_DATA)
