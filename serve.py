"""The server: the app (app.py), with its data loaded and each page's first view built before the first visitor
(warmup.py).

    streamlit run serve.py

`streamlit run app.py` serves the same pages; it only leaves that work to the first visitor's page (about a second
on a 2-core machine, issue 8). AppTest and the unit tests use app.py directly.
"""
from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def prepared(_app):
    import asyncio

    import warmup
    await asyncio.to_thread(warmup.prepare)
    yield


app = st.App("app.py", lifespan=prepared)
