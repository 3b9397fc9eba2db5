"""Over time: the treaty's States Parties and signatories since 1997, derived from the bundled data."""
import streamlit as st

import i18n
import ui
from charts.membership import parties_step_chart
from charts.text import markdown_text
from i18n import _, pgettext
from treaty.sentences import growth_sentence, missing
from treaty.status import counts_on, parties_over_time

tl = ui.treaty_timelines()
today = ui.today()
counts = counts_on(tl, today)
verified_to = markdown_text(i18n.recorded_day(ui.provenance("membership")["data_runs_to"]))

st.title(_("The Mine Ban Treaty today"))
if tl.empty:
    st.info(missing("membership"))
st.caption(_("As of {day}. Treaty events verified to about {verified}; later events may be missing.")
           .format(day=i18n.day(today), verified=verified_to))

c1, c2, c3 = st.columns(3)
c1.metric(_("States Parties"), counts["states_parties"])
# TRANSLATORS: above the number of states that have withdrawn (plural in French: "Retirés")
c2.metric(pgettext("how many states", "Withdrawn"), counts["withdrawn"])
c3.metric(_("Never joined"), counts["not_party"] + counts["signatory"])

st.subheader(_("States Parties over time"))
series = parties_over_time(tl, today)
ui.chart(parties_step_chart(series), growth_sentence(tl, series, today), "parties", ["membership", "withdrawals"])
ui.sources_section(["membership", "withdrawals"])
