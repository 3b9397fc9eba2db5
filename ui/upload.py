"""The Update data page's upload: what a file holds (a CSV, or a workbook's sheets), every problem, what would
change in each dataset, and one preview and one publish for all of them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts.text import markdown_text
from loaders.files import FileCheck, check_file
from loaders.reading import Source
from loaders.schemas import SCHEMAS
from loaders.validation import to_csv
from loaders.workbook import is_workbook
from publish.diff import Diff, diff, lost_characters, merge
from publish.safe import safe_csv
from ui.editing import (
    changes_table,
    flash,
    gate,
    problems_table,
    publish_versions,
    refuse,
    reviewed,
    rows_table,
    show_conflict,
)
from ui.versions import preview, published, published_frame

REPLACE, MERGE = "Replace the dataset", "Merge by key"
SHOWN_REMOVED = 12  # removed rows named in the confirmation; the table above lists them all


@st.cache_data(show_spinner=False, max_entries=4)
def check_upload(data: bytes, file: str, dataset: str, report: str, source_url: str) -> FileCheck:
    """Checked once per file and source, not on every rerun of the page (a workbook takes a moment). `dataset` is
    the one a CSV holds; a workbook's sheets name their own."""
    return check_file(data, file, None if is_workbook(data) else dataset, Source(report, source_url))


def publishing_status() -> None:
    """Whether this server publishes, said before anything is uploaded."""
    if gate().enabled:
        st.caption("Publishing is on: with the editor secret, a checked file can be published for everyone. Without "
                   "it you can still check files and preview them (a preview is seen by you alone).")
    else:
        st.info("**Publishing is off on this server.** You can check files and preview them on every page (a preview "
                "is seen by you alone), but not publish. To publish, ask the person who runs this server to set an "
                "editor secret and give it to you (the README's section \"Publishing (operators)\" says how).",
                icon=":material/lock:")


def show_reading(result: FileCheck, file: str) -> None:
    """How each part of the file was read, what was fixed, and every problem, by sheet, row and column."""
    if result.notes:
        why = [(markdown_text(p.sheet), markdown_text(p.message.removesuffix(": skipped"))) for p in result.notes]
        st.caption("Skipped: " + "; ".join(f"sheet '{sheet}' ({reason})" for sheet, reason in why) + ".")
    for r in result.reports:
        if r.reading.rows:
            how = f"Sheet '{markdown_text(r.reading.sheet)}' read as {r.dataset}" if r.reading.sheet else _sentence(r.reading.described())
            st.caption(f"{how}: {r.reading.rows} data row(s).")
    fixed = [p for r in result.reports for p in r.fixed]
    if fixed:
        with st.expander(f"Fixed while reading ({len(fixed)})", icon=":material/auto_fix_high:"):
            st.dataframe(problems_table(fixed), hide_index=True, width="stretch")
    errors = result.all_errors()
    if errors:
        st.error(f"**{len(errors)} problem(s)**: nothing can be applied until they are fixed in the file. Each line "
                 "says where and what to do.", icon=":material/error:")
        table = problems_table(errors)
        st.dataframe(table, hide_index=True, width="stretch", key="errors",
                     column_config={"what to do": st.column_config.TextColumn(width="large")})
        st.download_button("Download this report (CSV)", safe_csv(table, citation=f"Problems in {file}"),
                           file_name=f"{file.rsplit('.', 1)[0]}_problems.csv", mime="text/csv",
                           icon=":material/download:")


def _sentence(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


@dataclass
class Change:
    """What publishing a dataset of the upload would do."""
    dataset: str
    number: int  # the version it is compared with
    result: pd.DataFrame  # the dataset after the change
    diff: Diff
    reviewed: int  # the version the person saw compared before this run (ui.editing.reviewed)

    @property
    def empty(self) -> bool:
        return not (len(self.diff.added) or len(self.diff.removed) or len(self.diff.changed))


def changes(result: FileCheck, mode: str) -> list[Change]:
    out = []
    for r in result.reports:
        current, number = published_frame(r.dataset), published().get(r.dataset, 0)
        after = r.frame if mode == REPLACE else merge(current, r.frame, r.dataset)
        out.append(Change(r.dataset, number, after, diff(current, after, r.dataset),
                          reviewed(r.dataset, "publish", number)))
    return out


def show_change(c: Change, several: bool) -> None:
    d = c.diff
    show_conflict(c.dataset)
    title = f"{SCHEMAS[c.dataset].title} ({c.dataset})" if several else SCHEMAS[c.dataset].title
    st.subheader(f"{title}: compared with version {c.number}")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Rows added", len(d.added))
    m2.metric("Rows removed", len(d.removed))
    m3.metric("Rows changed", d.changed_rows, help=f"{len(d.changed)} cell(s)")
    m4.metric("Rows unchanged", d.unchanged)
    st.caption(f"Rows are matched by {' + '.join(d.key)}.")
    lost = lost_characters(d)
    if len(lost):
        st.warning(f"**{len(lost)} cell(s) have '?' where the current data has other letters**: the file was probably "
                   "saved in an encoding that cannot hold them (Windows-1252 has no '→', for instance). Save it as "
                   "'CSV UTF-8' (or upload the workbook itself), then upload again.", icon=":material/translate:")
        st.dataframe(changes_table(lost), hide_index=True, width="stretch", key=f"lost-{c.dataset}")
    if len(d.changed):
        st.markdown("**Changed cells**")
        st.dataframe(changes_table(d.changed), hide_index=True, width="stretch", key=f"changed-{c.dataset}")
    if len(d.added):
        with st.expander(f"Added rows ({len(d.added)})", expanded=len(d.added) <= 10):
            st.dataframe(rows_table(d.added), hide_index=True, width="stretch")
    if len(d.removed):
        with st.expander(f"Removed rows ({len(d.removed)})", expanded=True):
            st.dataframe(rows_table(d.removed), hide_index=True, width="stretch")


def _keys(rows: pd.DataFrame, key: list[str]) -> list[str]:
    return [" / ".join("" if pd.isna(v) else v.date().isoformat() if isinstance(v, pd.Timestamp) else str(v)
                       for v in row) for row in rows[key].itertuples(index=False)]


def removal_words(todo: list[Change]) -> str | None:
    """How many rows, and which, a publish would remove; None if it removes none."""
    parts = []
    for c in todo:
        n = len(c.diff.removed)
        if n:
            keys = _keys(c.diff.removed, c.diff.key)
            more = f" and {n - SHOWN_REMOVED} more" if n > SHOWN_REMOVED else ""
            parts.append(f"{n} row(s) of {c.dataset} ({', '.join(keys[:SHOWN_REMOVED])}{more})")
    return "; ".join(parts) or None


def preview_all(todo: list[Change], file: str) -> None:
    for c in todo:
        preview(c.dataset, c.result, file)


def publish_controls(todo: list[Change], file: str) -> None:
    """One preview and one publish for every dataset the file changes; removing rows asks to be confirmed."""
    todo = [c for c in todo if not c.empty]
    if not todo:
        st.info("The upload holds exactly the current data: there is nothing to apply.")
        flash("publish")
        return
    names = ", ".join(c.dataset for c in todo)
    p1, p2 = st.columns(2)
    p1.button("Preview on every page (only you)", key="preview", icon=":material/visibility:",
              on_click=preview_all, args=(todo, file), help=f"Shows the upload as {names} on every page, to you alone.")
    on = gate().enabled
    removing = removal_words(todo)
    with p2.form("publish"):
        st.markdown(f"**Publish** {names} as version " + ", ".join(f"{c.number + 1}" for c in todo))
        editor = st.text_input("Your name", key="editor")
        message = st.text_input("What changed, and from which report", key="message")
        secret = st.text_input("Editor secret", type="password", key="secret", disabled=not on)
        # keyed by what it confirms, against which versions: a tick never carries over to another removal
        confirm = "confirm-removal-" + hashlib.sha256(f"{removing}{[c.number for c in todo]}".encode()).hexdigest()[:12]
        sure = st.checkbox(f"Yes, remove {removing}", key=confirm, disabled=not on) if removing else True
        go = st.form_submit_button("Publish for everyone", disabled=not on, icon=":material/publish:")
    with p2:
        if not on:
            st.caption("Publishing is off on this server (see the top of the page).")
        elif go and not sure:
            refuse("publish", f"Nothing was published: this would remove {removing}. If that is what you mean, tick "
                              "the box to confirm and press Publish again; if not, upload with Merge by key, or add "
                              "the rows back to the file.")
        elif go:
            publish_versions({c.dataset: to_csv(c.result, c.dataset) for c in todo}, editor, message, secret,
                             {c.dataset: c.reviewed for c in todo})
        flash("publish")
