"""The floor the map page is measured against: a bare Streamlit page with one small plotly line chart."""
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[3, 1, 4, 1], mode="lines")))
