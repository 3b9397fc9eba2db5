"""Figure builders: tidy DataFrames in, plotly / pydeck objects out. No I/O, no Streamlit."""
