"""Country profile: one state's treaty story, recorded casualties, clearance obligations, and every source used."""
import pandas as pd
import streamlit as st

import i18n
import ui
from charts.impact import country_casualties_chart, status_strip
from charts.text import markdown_text
from i18n import _
from loaders.countries import to_iso3
from treaty.article5 import ARTICLE5_STATUS, in_order
from treaty.sentences import (
    article5_contamination,
    article5_event_line,
    article5_state_sentence,
    country_casualty_sentence,
    missing,
    public_detail,
    status_story,
    suspension_sentence,
    withdrawal_event_line,
)
from treaty.status import STATUS_LABELS, status_on, status_periods

today = ui.today()
tl = ui.treaty_timelines()
names = ui.state_names()


def _to_url() -> None:
    st.query_params["country"] = ui.chosen_state("profile")


if not names:  # nothing to profile; the sources still say what the data is
    st.title(_("Country profile"))
    st.info(missing("membership"))
    ui.sources_section(["membership"], expanded=True)
    st.stop()
# ?country=UKR (or a name) picks the state; a link from another page wins over the last pick
wanted = st.query_params.get("country")
wanted = to_iso3(wanted) if wanted else None
if wanted in names and st.session_state.get("profile") != wanted:
    st.session_state["profile"] = wanted
if st.session_state.get("profile") not in names:  # a first visit, or a state the published data no longer has
    st.session_state["profile"] = "AFG" if "AFG" in names else next(iter(names))
head = st.container()  # the title goes above the picker, once the pick is known
labels = ui.search_labels(names)
iso3 = st.selectbox(_("Country"), list(labels), format_func=labels.get, filter_mode="contains", key="profile",
                    on_change=_to_url)
st.query_params["country"] = iso3
name = names[iso3]
row = tl.set_index("iso3").loc[iso3]
now = status_on(tl, today).set_index("iso3").loc[iso3]
sources: list[tuple[str, str]] = [(row["report"], row["source_url"])]

head.title(markdown_text(name))
# TRANSLATORS: the state's status (bold: "State Party", "Withdrawn", …) today
head.markdown(_("**{status}** of the Mine Ban Treaty on {day}.").format(status=_(STATUS_LABELS[now["status"]]),
                                                                       day=i18n.day(today)))

st.subheader(_("On the treaty"))
periods = status_periods(tl, iso3, today)
ui.chart(status_strip(periods), status_story(name, periods), "status-strip", ["membership", "withdrawals"])
if now["suspension"]:
    st.warning(markdown_text(suspension_sentence(name, now["suspension"], row["suspension_claimed"],
                                            row["suspension_rejected"])))
events = ui.withdrawal_log()
events = events[events["iso3"] == iso3].sort_values("date")
# notes written by the people who curate the data: for the sources section, not the story told above it
notes = ([_("Membership record: {note}").format(note=row["note"])]
         if isinstance(row["note"], str) and row["note"].strip() else [])
if len(events):
    for e in events.itertuples():
        said, note = public_detail(e.detail)
        line = withdrawal_event_line(e.date, e.date_certainty, e.event)
        st.markdown("- " + _("{label}: {value}").format(label=markdown_text(line), value=markdown_text(said)))
        notes += [_("{label}: {value}").format(label=line, value=n) for n in (note, e.note)
                  if isinstance(n, str) and n.strip()]
        sources.append((e.report, e.source_url))
else:
    st.caption(_("No withdrawal steps, statements or debate recorded for this state."))

st.subheader(_("Recorded casualties"))
cas = ui.named_country_years()
mine = cas[cas["iso3"] == iso3]
if cas.empty:
    st.info(missing("casualties_by_country", empty=ui.casualties_by_country().empty))
elif mine.empty:
    st.caption(_("No casualty figures for {name} in the data: the Monitor's lists in the data name only the most "
                 "affected countries each year, so this is a gap, not zero.").format(name=markdown_text(name)))
else:
    ui.chart(country_casualties_chart(mine, int(cas["year"].min()), int(cas["year"].max())),
             country_casualty_sentence(name, mine, cas["year"].nunique()), "casualties",
             ["casualties_by_country"])
    sources += list(zip(mine["report"], mine["source_url"], strict=True))

st.subheader(_("Clearance (Article 5)"))
a5 = ui.article5_today(today)
obligation = a5[a5["iso3"] == iso3]
if a5.empty:
    st.info(missing("article5"))
elif obligation.empty:
    bound = now["status"] in ("state_party", "withdrawal_pending")
    st.caption((_("No Article 5 clearance obligation recorded for {name}.") if bound else
                _("No Article 5 clearance obligation recorded for {name} (not bound by the treaty)."))
               .format(name=markdown_text(name)))
else:
    o = obligation.iloc[0]
    # the status as a sentence, the figures as metrics as wide as their values (a metric never wraps)
    st.markdown(f"**{_(ARTICLE5_STATUS[o['status']])}.** {markdown_text(article5_state_sentence(name, o, today))}")
    with st.container(horizontal=True, gap="medium"):
        st.metric(_("Deadline"), _("not known") if pd.isna(o["deadline"]) else i18n.day(o["deadline"]),
                  width="content",
                  help=_("Original deadline (entry into force + 10 years): {day}").format(
                      day=i18n.day(o["original_deadline"])) if pd.notna(o["original_deadline"]) else None)
        st.metric(_("Extensions granted"), int(o["extensions"]), width="content")
    facts = article5_contamination(o)
    if facts:
        st.markdown(markdown_text(facts))
    log = ui.article5_events()
    log = in_order(log[log["iso3"] == iso3])
    if len(log):
        st.markdown("\n".join(f"- {markdown_text(article5_event_line(e))}" for e in log.itertuples()))
        sources += list(zip(log["report"], log["source_url"], strict=True))
    sources.append((o["report"], o["source_url"]))
cl = ui.clearance()
cl = cl[cl["iso3"] == iso3].sort_values("year")
if len(cl):
    years = f"{int(cl['year'].min())}–{int(cl['year'].max())}" if len(cl) > 1 else f"{int(cl['year'].iloc[0])}"
    # the data grid's scripts load only when the table is opened (a quarter of a second of the page's opening)
    yearly = st.expander(_("Clearance year by year, {years}: figures and their sources").format(years=years),
                         key="clearance-years", on_change="rerun", icon=":material/table:")
    if yearly.open:
        with yearly:
            ui.table(cl[["year", "cleared_km2", "land_released_km2", "ap_mines_destroyed", "report", "note"]],
                     "clearance", ["clearance_annual"],
                     column_config={"year": st.column_config.NumberColumn(_("Year"), format="%d"),
                                    "cleared_km2": _("Cleared (km²)"), "land_released_km2": _("Land released (km²)"),
                                    "ap_mines_destroyed": _("AP mines destroyed"), "report": _("Source"),
                                    # TRANSLATORS: the clearance table's last column: a note on the year's figures
                                    "note": _("note")})
    sources += list(zip(cl["report"], cl["source_url"], strict=True))
elif ui.clearance().empty:
    st.info(missing("clearance_annual"))
else:
    st.caption(_("No yearly clearance figures for {name} in the data.").format(name=markdown_text(name)))

ui.sources_section(["membership", "withdrawals", "casualties_by_country", "article5", "article5_events",
                    "clearance_annual"],
                   used=sources, expanded=True, notes=notes)
