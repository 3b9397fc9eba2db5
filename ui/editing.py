"""The analyst's write path on the Update data page: the editor secret, publish, roll back, and their tables.

A publish or rollback names the version its editor reviewed (`reviewed`): if someone published another since,
nothing is written and the page shows both changes (publish.deadline.Conflict).
"""
from __future__ import annotations

import hashlib
import logging

import pandas as pd
import streamlit as st

import i18n
import loaders
from charts.text import markdown_text
from i18n import _, ngettext, pgettext
from publish.access import Gate, client_key, configured_secret
from publish.deadline import Conflict, NotAnswering
from publish.diff import diff
from ui.versions import _published, _published_frame, stop_preview, store

LOG = logging.getLogger("mbt.versions")
CONFLICT = "conflict"  # session_state: the last refused publish, for the page to show both changes
SHOWN = "shown-version"  # session_state: (dataset, form) -> the version the page last compared the change with


@st.cache_resource(show_spinner=False)
def gate() -> Gate:
    """The editor secret's check (each client's record of wrong guesses is in the versions database)."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        secrets = {}
    return Gate(configured_secret(secrets))


def reviewed(dataset: str, form: str, number: int) -> int:
    """The version the person saw compared with their change before this run (`number` from now on).

    A press of Publish reruns the page, which reads the versions again: comparing with what this run reads
    would miss a version published while the person was reading. So each run remembers what it showed."""
    shown = st.session_state.setdefault(SHOWN, {})
    before = shown.get((dataset, form), number)
    shown[(dataset, form)] = number
    return before


def problems_table(problems: list) -> pd.DataFrame:
    """One line per problem (with its sheet, for a workbook); a problem of the whole file has no row, column or
    value: blank, not "None"."""
    sheets = any(p.sheet is not None for p in problems)
    table = pd.DataFrame([{**({"sheet": p.sheet} if sheets else {}), "row": p.row, "column": p.column,
                           "value": p.value, "what to do" if p.kind == "error" else "what was done": p.message}
                          for p in problems], dtype=object)
    return table.where(table.notna(), "")


def problem_columns(table: pd.DataFrame) -> dict:
    """A problems table's column headers in the visitor's language (its frame and CSV keep the English ones)."""
    # TRANSLATORS: the headers of the table of a file's problems: where each is (sheet, row, column, value) and
    # what to do about it, or what was done
    labels = {"sheet": pgettext("problems table", "sheet"), "row": pgettext("problems table", "row"),
              "column": pgettext("problems table", "column"), "value": pgettext("problems table", "value"),
              "what to do": st.column_config.TextColumn(pgettext("problems table", "what to do"), width="large"),
              "what was done": pgettext("problems table", "what was done")}
    return {c: labels[c] for c in table.columns if c in labels}


def change_columns() -> dict:
    """A changed cells table's headers in the visitor's language (the key columns keep their CSV names)."""
    # TRANSLATORS: the headers of a table of changed cells: which column, its value before and after the change
    return {"column": pgettext("changes table", "column"), "before": pgettext("changes table", "before"),
            "after": pgettext("changes table", "after")}


def rows_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows as a person reads them: empty cells empty (not "None" or "<NA>"), dates as YYYY-MM-DD."""
    shown = rows.astype(object).where(rows.notna(), "")
    return shown.map(lambda v: v.date().isoformat() if isinstance(v, pd.Timestamp) else v)


def changes_table(changed: pd.DataFrame):
    """Changed cells, before and after, with the new value highlighted."""
    return rows_table(changed).style.set_properties(subset=["after"], **{"background-color": "rgba(230,159,0,0.30)",
                                                          "font-weight": "bold"})


def history(dataset: str) -> pd.DataFrame:
    rows = [v.__dict__ for v in store().history(dataset)]
    bundled = loaders.bundled_text(dataset)
    rows.append({"dataset": dataset, "number": 0, "created_at": None, "editor": _("(bundled with the app)"),
                 "message": _("the curated reference data"), "kind": "bundled", "restores": None,
                 "rows": len(_published_frame(dataset, 0)), "sha256": hashlib.sha256(bundled.encode()).hexdigest()})
    out = pd.DataFrame(rows)[["number", "created_at", "editor", "message", "kind", "restores", "rows", "sha256"]]
    out["sha256"] = out["sha256"].str[:12]
    # shown as text, so the bundled version's missing date and every empty "restores" read as blanks, not "None"
    out["created_at"] = [f"{t:%Y-%m-%d %H:%M}" if t is not None and not pd.isna(t) else "" for t in out["created_at"]]
    out["restores"] = ["" if r is None or pd.isna(r) else str(int(r)) for r in out["restores"]]
    # TRANSLATORS: how a version came to be, in the versions table
    kinds = {"publish": pgettext("version kind", "publish"), "rollback": pgettext("version kind", "rollback"),
             "bundled": pgettext("version kind", "bundled")}
    out["kind"] = out["kind"].map(lambda k: kinds.get(k, k))
    return out


def _client() -> str:
    return client_key(st.context.ip_address, st.context.headers.get("X-Forwarded-For"))


FLASH = "flash"  # session_state: (form, kind, sentence), the outcome of the last publish or rollback


def _say(form: str, kind: str, text: str) -> None:
    st.session_state[FLASH] = (form, kind, text)


def _authorised(form: str, editor: str, message: str, secret: str) -> bool:
    if not (editor or "").strip() or not (message or "").strip():
        _say(form, "error", _("Give your name and a message: every version says who changed what."))
        return False
    if not (secret or "").strip():  # asked for, not counted as a wrong guess
        _say(form, "error", _("Enter the editor secret: the operator who runs this server gives it to editors."))
        return False
    verdict = _write(form, lambda: gate().check(secret, _client(), store()))
    if verdict.wait:
        _say(form, "error", _("Too many wrong editor secrets from this connection: the secret was not checked. Try "
                              "again in {seconds} s.").format(seconds=i18n.number(round(verdict.wait))))
        return False
    if not verdict.ok:
        _say(form, "error", _("Wrong editor secret ({n} in a row from this connection: each wrong one makes the next "
                              "try wait longer).").format(n=verdict.failures))
        return False
    return True


def _write(form: str, action):
    """A call to the versions store; if it fails, say so in a sentence (the details go to the server log)
    and rerun. Nothing changed unless the sentence says otherwise."""
    try:
        return action()
    except Conflict:
        raise
    except NotAnswering as e:
        LOG.warning("versions database: %s", e, exc_info=True)
        # TRANSLATORS: {reason} is one of publish.deadline's and publish.store's "no answer …" clauses
        _say(form, "error", _("The versions database did not answer in time: {reason}. Try again in a minute; if it "
                              "keeps happening, tell the operator.").format(reason=e.translated(_)))
    except Exception:  # noqa: BLE001 - any driver error: details for the operator, a sentence for the editor
        LOG.exception("versions database: a write failed")
        _say(form, "error", _("Nothing changed: the versions database cannot be reached. Try again later; if it keeps "
                              "happening, tell the operator."))
    st.rerun()


def _refused(e: Conflict, mine: str) -> None:
    """Keep what the page needs to show both changes; nothing was written."""
    st.session_state[CONFLICT] = {"dataset": e.dataset, "reviewed": e.reviewed, "latest": e.latest, "mine": mine}


def _apply(editor: str, message: str, secret: str, form: str, action, said) -> None:
    """Publish or roll back (`action`), if the secret is right and nobody published since the person reviewed;
    `said(result)` is the sentence of success."""
    if _authorised(form, editor, message, secret):
        try:
            v = _write(form, action)
        except Conflict as e:
            _refused(e, form)  # show_conflict says so, with both changes
        else:
            st.session_state.pop(CONFLICT, None)
            _say(form, "success", said(v))
        _published.clear()
    st.rerun()


def publish_versions(texts: dict[str, str], editor: str, message: str, secret: str,
                     reviewed: dict[str, int]) -> None:
    """Publish a new version of each dataset in `texts` (dataset -> CSV), all or none."""
    def said(vs) -> str:
        for v in vs:
            stop_preview(v.dataset)
        # TRANSLATORS: the English says "rows" whatever the count; give each plural form its own words
        done = "; ".join(ngettext("{dataset} version {number} ({n} rows)", "{dataset} version {number} ({n} rows)",
                                  v.rows).format(dataset=v.dataset, number=v.number, n=i18n.number(v.rows)) for v in vs)
        return _("Published {versions}: every page now shows it, for everyone.").format(versions=done)
    _apply(editor, message, secret, "publish",
           lambda: store().add_many(texts, editor, message, reviewed=reviewed), said)


def roll_back_to(dataset: str, to: int, editor: str, message: str, secret: str, reviewed: int) -> None:
    _apply(editor, message, secret, "rollback",
           lambda: store().rollback(dataset, to, editor, message, reviewed=reviewed),
           lambda v: _("Version {to} of {dataset} is back, as version {number}.").format(to=to, dataset=dataset,
                                                                                          number=v.number))


def refuse(form: str, text: str) -> None:
    """Say why nothing was done, beside the form (shown by `flash(form)`)."""
    _say(form, "error", text)


def show_conflict(dataset: str) -> None:
    """If this session's last publish or rollback of `dataset` was refused because another version came first:
    say so, and show what that version changed (the page below compares the upload with it). Shown once."""
    c = st.session_state.get(CONFLICT)
    if not c or c["dataset"] != dataset:
        return
    st.session_state.pop(CONFLICT)
    theirs = next((v for v in store().history(dataset) if v.number == c["latest"]), None)
    nothing = _("**Nothing was rolled back**") if c["mine"] == "rollback" else _("**Nothing was published**")
    if theirs:
        # TRANSLATORS: {nothing} is "**Nothing was published**" or "**Nothing was rolled back**"; {when} is a
        # date and time, YYYY-MM-DD HH:MM
        said = _("{nothing}: version {latest} of {dataset} was published by {editor} on {when} UTC (“{message}”) "
                 "after you reviewed version {reviewed}.").format(
            nothing=nothing, latest=c["latest"], dataset=dataset, editor=markdown_text(theirs.editor),
            when=f"{theirs.created_at:%Y-%m-%d %H:%M}", message=markdown_text(theirs.message), reviewed=c["reviewed"])
    else:
        said = _("{nothing}: version {latest} of {dataset} was published after you reviewed version {reviewed}.") \
            .format(nothing=nothing, latest=c["latest"], dataset=dataset, reviewed=c["reviewed"])
    st.error(said + " " + _("Its change is below, and the page now compares your file with it: check both, then try "
                            "again."), icon=":material/sync_problem:")
    d = diff(_published_frame(dataset, c["reviewed"]), _published_frame(dataset, c["latest"]), dataset)
    with st.expander(_("What version {latest} changed, compared with version {reviewed}: {added} row(s) added, "
                       "{removed} removed, {changed} changed").format(latest=c["latest"], reviewed=c["reviewed"],
                                                                      added=len(d.added), removed=len(d.removed),
                                                                      changed=d.changed_rows), expanded=True):
        if len(d.changed):
            st.dataframe(changes_table(d.changed), hide_index=True, width="stretch", key="their-changed",
                         column_config=change_columns())
        for label, rows in ((_("Added rows"), d.added), (_("Removed rows"), d.removed)):
            if len(rows):
                st.markdown(f"**{label}**")
                st.dataframe(rows_table(rows), hide_index=True, width="stretch")


def flash(form: str) -> None:
    """The outcome of the last publish or rollback, beside its form, shown once."""
    said = st.session_state.get(FLASH)
    if said and said[0] == form:
        st.session_state.pop(FLASH)
        getattr(st, said[1])(said[2])
