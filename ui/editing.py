"""The analyst's write path on the Update data page: the editor secret, publish, roll back, and their tables."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import loaders
from publish.access import Gate, configured_secret
from ui.versions import _published, _published_frame, stop_preview, store


@st.cache_resource(show_spinner=False)
def gate() -> Gate:
    """The editor secret's gate, one per server (its failure count slows every session's guesses)."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        secrets = {}
    return Gate(configured_secret(secrets))


def problems_table(problems: list) -> pd.DataFrame:
    return pd.DataFrame([{"row": p.row, "column": p.column, "value": p.value, "what to do" if p.kind == "error"
                          else "what was done": p.message} for p in problems])


def changes_table(changed: pd.DataFrame):
    """Changed cells, before and after, with the new value highlighted."""
    shown = changed.astype(object).where(changed.notna(), "")
    shown = shown.map(lambda v: v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
    return shown.style.set_properties(subset=["after"], **{"background-color": "rgba(230,159,0,0.30)",
                                                          "font-weight": "bold"})


def history(dataset: str) -> pd.DataFrame:
    rows = [v.__dict__ for v in store().history(dataset)]
    bundled = loaders.bundled_text(dataset)
    rows.append({"dataset": dataset, "number": 0, "created_at": None, "editor": "(bundled with the app)",
                 "message": "the curated reference data", "kind": "bundled", "restores": None,
                 "rows": len(_published_frame(dataset, 0)), "sha256": hashlib.sha256(bundled.encode()).hexdigest()})
    out = pd.DataFrame(rows)[["number", "created_at", "editor", "message", "kind", "restores", "rows", "sha256"]]
    out["sha256"] = out["sha256"].str[:12]
    return out


def _authorised(editor: str, message: str, secret: str) -> bool:
    if not (editor or "").strip() or not (message or "").strip():
        st.session_state["flash"] = ("error", "Give your name and a message: every version says who changed what.")
        return False
    if not gate().check(secret):
        st.session_state["flash"] = ("error", f"Wrong editor secret. After {gate().failures} wrong attempt(s) each "
                                              "answer now waits longer.")
        return False
    return True


def _write(action):
    """A write to the versions store; if the database went away, say so (nothing changed) and rerun."""
    try:
        return action()
    except Exception as e:  # noqa: BLE001 - any driver error
        st.session_state["flash"] = ("error", "Nothing changed: the versions database cannot be reached "
                                              f"({type(e).__name__}). Try again later.")
        st.rerun()


def publish_version(dataset: str, csv_text: str, editor: str, message: str, secret: str) -> None:
    if _authorised(editor, message, secret):
        v = _write(lambda: store().add(dataset, csv_text, editor, message))
        _published.clear()
        stop_preview(dataset)
        st.session_state["flash"] = ("success", f"Published {dataset} version {v.number} ({v.rows} rows): every page "
                                                "now shows it, for everyone.")
    st.rerun()


def roll_back_to(dataset: str, to: int, editor: str, message: str, secret: str) -> None:
    if _authorised(editor, message, secret):
        v = _write(lambda: store().rollback(dataset, to, editor, message))
        _published.clear()
        st.session_state["flash"] = ("success", f"Version {to} of {dataset} is back, as version {v.number}.")
    st.rerun()


def flash() -> None:
    """The outcome of the last publish or rollback, shown once."""
    kind, text = st.session_state.pop("flash", (None, None))
    if kind:
        getattr(st, kind)(text)
