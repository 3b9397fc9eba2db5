"""Over time: the treaty's States Parties and signatories since 1997, derived from the bundled data."""
import streamlit as st

import ui
from charts.membership import parties_step_chart
from charts.text import markdown_text
from treaty.sentences import growth_sentence, missing
from treaty.status import counts_on, parties_over_time

tl = ui.treaty_timelines()
today = ui.today()
counts = counts_on(tl, today)
verified_to = markdown_text(ui.provenance("membership")["data_runs_to"])

st.title("The Mine Ban Treaty today")
if tl.empty:
    st.info(missing("membership"))
st.caption(f"As of {today:%d %B %Y}. Treaty events verified to about {verified_to}; later events may be missing.")

c1, c2, c3 = st.columns(3)
c1.metric("States Parties", counts["states_parties"])
c2.metric("Withdrawn", counts["withdrawn"])
c3.metric("Never joined", counts["not_party"] + counts["signatory"])

st.subheader("States Parties over time")
series = parties_over_time(tl, today)
ui.chart(parties_step_chart(series), growth_sentence(tl, series, today), "parties", ["membership", "withdrawals"])
ui.sources_section(["membership", "withdrawals"])
