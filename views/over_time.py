"""Over time: the treaty's States Parties and signatories since 1997, derived from the bundled data."""
import pandas as pd
import streamlit as st

import ui
from charts.membership import parties_step_chart
from treaty.status import counts_on, parties_over_time

tl = ui.treaty_timelines()
today = ui.today()
counts = counts_on(tl, today)
verified_to = ui.provenance("membership")["data_runs_to"]

st.title("The Mine Ban Treaty today")
st.caption(f"As of {today:%d %B %Y}. Treaty events verified to about {verified_to}; later events may be missing.")

c1, c2, c3 = st.columns(3)
c1.metric("States Parties", counts["states_parties"])
c2.metric("Withdrawn", counts["withdrawn"])
c3.metric("Never joined", counts["not_party"] + counts["signatory"])

st.subheader("States Parties over time")
series = parties_over_time(tl, today)
peak = int(series["states_parties"].max())
first_exit = tl.loc[tl["withdrawal_effective"] <= pd.Timestamp(today), "withdrawal_effective"].min()
exits = f"; {counts['withdrawn']} have withdrawn since {first_exit:%B %Y}" if counts["withdrawn"] else ""
ui.chart(parties_step_chart(series), f"The treaty grew to {peak} States Parties{exits}. Counted from entry into "
         "force for each state (Article 17) to the date its withdrawal took effect (Article 20).", "parties",
         ["membership", "withdrawals"])
ui.sources_section(["membership", "withdrawals"])
