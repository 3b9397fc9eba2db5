"""The treaty's rules and derivations as pure functions over DataFrames (no Streamlit)."""
