"""Data versions: which version of each dataset a session sees, and caches keyed on them."""
from __future__ import annotations

import functools
import hashlib
import logging

import pandas as pd
import streamlit as st

import i18n
import loaders
from charts.text import markdown_text
from i18n import _
from loaders.validation import DataError, check
from publish.config import database_url, nothing_published
from publish.deadline import NOT_ANSWERING, Health

# What a session sees of each dataset: its own preview of an upload if it made one, else the version
# published last (0 = the bundled file). Every cache below is keyed on these, so a publish, a rollback
# or a preview shows on every page at once, and other sessions keep theirs.
PREVIEWS = "previews"  # session_state: dataset -> {"token", "frame", "file"}


def store():
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from publish.store import (
        Store,  # SQLAlchemy costs ~0.3 s to import: only when a store is needed
    )
    return Store(url)


PROBE_DEADLINE_S = 3.0  # a page waits at most this long for the versions database, then shows the banner


@st.cache_resource(show_spinner=False)
def _health(url: str) -> Health:
    """Shared by every session of this server: one probe of the versions database at a time."""
    return Health(deadline=PROBE_DEADLINE_S, log=logging.getLogger("mbt.versions").warning)


@st.cache_data(show_spinner=False, ttl=2)
def _published(url: str) -> tuple[dict[str, int], str | None]:
    if nothing_published(url):
        return {}, None  # no version was ever published here: every dataset is at version 0
    numbers, problem = _health(url).read(lambda: _store(url).latest())
    return numbers or {}, problem


def published() -> dict[str, int]:
    """Version in effect per dataset (re-read every 2 s, so replicas behind a balancer agree quickly, and a
    database that is back is seen again within seconds). If the versions database cannot be reached or does not
    answer, every dataset is at version 0 and `store_problem` says which."""
    return _published(database_url())[0]


def store_problem() -> str | None:
    """None, or publish.deadline's NOT_ANSWERING / UNREACHABLE."""
    return _published(database_url())[1]


def versions() -> tuple[tuple[str, object], ...]:
    mine = st.session_state.get(PREVIEWS, {})
    numbers = published()
    return tuple((d, mine[d]["token"] if d in mine else numbers.get(d, 0)) for d in loaders.DATASETS)


def frame(dataset: str) -> pd.DataFrame:
    """The dataset as this session sees it (validated and typed)."""
    token = dict(versions())[dataset]
    if isinstance(token, str):
        return st.session_state[PREVIEWS][dataset]["frame"]
    return _published_frame(dataset, token)


@st.cache_data(show_spinner=False, max_entries=64)
def _read_version(dataset: str, number: int) -> tuple[pd.DataFrame, list[str]]:
    """A version's frame, and its problems if it no longer passes the rules (which may have grown stricter
    since it was published): then the bundled version 0 stands in for it, the same for everyone."""
    if number == 0:
        return loaders.load(dataset), []
    with i18n.speaking(i18n.SOURCE):  # the same frame for every language; the server log is in English
        report = check(store().csv(dataset, number).encode("utf-8"), dataset, f"{dataset} version {number}")
    if report.frame is None:
        logging.getLogger("mbt.versions").warning("%s", DataError(report.errors))
        return loaders.load(dataset), [str(p) for p in report.errors]
    return report.frame, []


@st.cache_data(show_spinner=False, max_entries=16)
def _problems_in(dataset: str, number: int, lang: str) -> list[str]:
    """A version's problems in the language of the page that lists them (rare: only a version that fails)."""
    with i18n.speaking(lang):
        report = check(store().csv(dataset, number).encode("utf-8"), dataset, f"{dataset} version {number}")
    return [str(p) for p in report.errors]


def _published_frame(dataset: str, number: int) -> pd.DataFrame:
    return _read_version(dataset, number)[0]


def version_problems(dataset: str, number: int) -> list[str]:
    if not _read_version(dataset, number)[1] or i18n.current() == i18n.SOURCE:
        return _read_version(dataset, number)[1]
    return _problems_in(dataset, number, i18n.current())


def unreadable_versions() -> dict[str, int]:
    """Published versions in effect that fail today's rules (each shown as the bundled version 0 instead)."""
    return {d: n for d, n in published().items() if n and _read_version(d, n)[1]}


def published_frame(dataset: str) -> pd.DataFrame:
    """The dataset as everyone sees it (ignores this session's preview)."""
    return _published_frame(dataset, published().get(dataset, 0))


def preview(dataset: str, result: pd.DataFrame, file: str) -> None:
    """Show `result` as `dataset` on every page, in this session only."""
    token = "p:" + hashlib.sha256(pd.util.hash_pandas_object(result, index=False).values.tobytes()).hexdigest()[:16]
    st.session_state.setdefault(PREVIEWS, {})[dataset] = {"token": token, "frame": result, "file": file}


def stop_preview(dataset: str | None = None) -> None:
    mine = st.session_state.get(PREVIEWS, {})
    for d in [dataset] if dataset else list(mine):
        mine.pop(d, None)


def preview_banner() -> None:
    """Every page says when it shows an unpublished upload (this session only), or when the published versions
    cannot be read and it falls back to the bundled data."""
    problem = store_problem()
    if problem:  # the details are in the server log; a visitor gets what it means and what to check
        st.warning(_("**The versions database is not answering**, so every page shows the bundled data (version 0), "
                     "which may be older than what was published. Publishing is paused. Operators: check that the "
                     "database server is running and reachable from the app; the server log has the details.")
                   if problem == NOT_ANSWERING else
                   _("**The versions database cannot be reached**, so every page shows the bundled data (version 0), "
                     "which may be older than what was published. Publishing is paused. Operators: check that the "
                     "database server is running and reachable from the app; the server log has the details."),
                   icon=":material/cloud_off:")
    for d, n in unreadable_versions().items():
        # TRANSLATORS: "Update data" is the name of the page in the app's menu
        st.warning(_("**Published version {number} of {dataset} does not pass the data rules** any more, so every page "
                     "shows the bundled version 0 of it. An editor can see why on Update data, and roll back or "
                     "publish a corrected file.").format(number=n, dataset=d), icon=":material/rule:")
    mine = st.session_state.get(PREVIEWS, {})
    if mine:
        a, b = st.columns([5, 1], vertical_alignment="center")
        files = ", ".join(_("{dataset} (file {file})").format(
            dataset=d, file=markdown_text(st.session_state[PREVIEWS][d]["file"])) for d in mine)
        a.warning(_("**Preview**: this session shows your unpublished upload for {datasets}. Other people see the "
                    "published data.").format(datasets=files), icon=":material/visibility:")
        b.button(_("Stop preview"), key="stop-preview", on_click=stop_preview)


def versioned(max_entries: int | None = None, cache=st.cache_data):
    """Like st.cache_data, with the data versions and the language in the key (see above)."""
    def wrap(fn):
        def cached(v, lang, *args):
            with i18n.speaking(lang):  # whichever thread computes it, in the language it is keyed by
                return fn(*args)
        # Streamlit keys a cache by the function's qualified name and source: give each its own name
        cached.__module__, cached.__name__ = fn.__module__, fn.__name__
        cached.__qualname__ = f"{fn.__qualname__}[versioned]"
        cached = cache(show_spinner=False, max_entries=max_entries)(cached)

        @functools.wraps(fn)
        def call(*args):
            return cached(versions(), i18n.current(), *args)
        call.clear = cached.clear
        return call
    return wrap


def version_words(dataset: str, published_only: bool = False) -> str:
    token = published().get(dataset, 0) if published_only else dict(versions())[dataset]
    if isinstance(token, str):
        # TRANSLATORS: which version of a dataset a citation cites, as in "(unpublished preview of x.csv; data runs
        # to 2025)"
        return _("unpublished preview of {file}").format(file=st.session_state[PREVIEWS][dataset]["file"])
    if not token:
        # TRANSLATORS: which version of a dataset a citation cites, as in "(bundled version 0; data runs to 2025)"
        return _("bundled version 0")
    # TRANSLATORS: {day} is the day the version was published, YYYY-MM-DD
    return _("published version {number} of {day}").format(number=token, day=_published_on(dataset, token))


@st.cache_data(show_spinner=False, max_entries=256)
def _published_on(dataset: str, number: int) -> str:
    v = next(h for h in store().history(dataset) if h.number == number)
    return f"{v.created_at:%Y-%m-%d}"
