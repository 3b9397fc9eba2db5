"""The Update data page's upload: what a file holds (a CSV, or a workbook's sheets), every problem, what would
change in each dataset, and one preview and one publish for all of them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import i18n
from charts.text import markdown_text
from i18n import N_, _
from loaders.files import FileCheck, check_file
from loaders.reading import Source
from loaders.schemas import SCHEMAS
from loaders.validation import to_csv
from loaders.workbook import is_workbook, skip_reason
from publish.diff import Diff, diff, lost_characters, merge
from publish.safe import safe_csv
from ui.editing import (
    change_columns,
    changes_table,
    flash,
    gate,
    problem_columns,
    problems_table,
    publish_versions,
    refuse,
    reviewed,
    rows_table,
    show_conflict,
)
from ui.versions import preview, published, published_frame

REPLACE, MERGE = N_("Replace the dataset"), N_("Merge by key")  # option values; shown with _()
SHOWN_REMOVED = 12  # removed rows named in the confirmation; the table above lists them all


def check_upload(data: bytes, file: str, dataset: str, report: str, source_url: str) -> FileCheck:
    """Checked once per file, source and language, not on every rerun of the page (a workbook takes a moment).
    `dataset` is the one a CSV holds; a workbook's sheets name their own."""
    return _checked(data, file, dataset, report, source_url, i18n.current())


@st.cache_data(show_spinner=False, max_entries=4)
def _checked(data: bytes, file: str, dataset: str, report: str, source_url: str, lang: str) -> FileCheck:
    with i18n.speaking(lang):  # the problems are written in the language they are shown in
        return check_file(data, file, None if is_workbook(data) else dataset, Source(report, source_url))


def publishing_status() -> None:
    """Whether this server publishes, said before anything is uploaded."""
    if gate().enabled:
        st.caption(_("Publishing is on: with the editor secret, a checked file can be published for everyone. "
                     "Without it you can still check files and preview them (a preview is seen by you alone)."))
    else:
        # TRANSLATORS: "Publishing (operators)" is a section of the README, which is in English
        st.info(_("**Publishing is off on this server.** You can check files and preview them on every page (a "
                  "preview is seen by you alone), but not publish. To publish, ask the person who runs this server to "
                  "set an editor secret and give it to you (the README's section \"Publishing (operators)\" says "
                  "how)."), icon=":material/lock:")


def show_reading(result: FileCheck, file: str) -> None:
    """How each part of the file was read, what was fixed, and every problem, by sheet, row and column."""
    if result.notes:
        why = [(markdown_text(p.sheet), markdown_text(skip_reason(p.message))) for p in result.notes]
        sheets = "; ".join(_("sheet '{sheet}' ({reason})").format(sheet=sheet, reason=reason) for sheet, reason in why)
        st.caption(_("Skipped: {sheets}.").format(sheets=sheets))
    for r in result.reports:
        if r.reading.rows and r.reading.sheet:
            st.caption(_("Sheet '{sheet}' read as {dataset}: {n} data row(s).").format(
                sheet=markdown_text(r.reading.sheet), dataset=r.dataset, n=i18n.number(r.reading.rows)))
        elif r.reading.rows:
            # TRANSLATORS: {how} says how a CSV file was read (its encoding, separator…), as a clause
            st.caption(_("{how}: {n} data row(s).").format(how=_sentence(r.reading.described()), n=i18n.number(r.reading.rows)))
    fixed = [p for r in result.reports for p in r.fixed]
    if fixed:
        with st.expander(_("Fixed while reading ({n})").format(n=i18n.number(len(fixed))), icon=":material/auto_fix_high:"):
            table = problems_table(fixed)
            st.dataframe(table, hide_index=True, width="stretch", column_config=problem_columns(table))
    errors = result.all_errors()
    if errors:
        st.error(_("**{n} problem(s)**: nothing can be applied until they are fixed in the file. Each line says where "
                   "and what to do.").format(n=i18n.number(len(errors))), icon=":material/error:")
        table = problems_table(errors)
        st.dataframe(table, hide_index=True, width="stretch", key="errors", column_config=problem_columns(table))
        st.download_button(_("Download this report (CSV)"),
                           safe_csv(table, citation=_("Problems in {file}").format(file=file)),
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
    title = _(SCHEMAS[c.dataset].title)
    title = f"{title} ({c.dataset})" if several else title
    st.subheader(_("{title}: compared with version {number}").format(title=title, number=c.number))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(_("Rows added"), len(d.added))
    m2.metric(_("Rows removed"), len(d.removed))
    m3.metric(_("Rows changed"), d.changed_rows, help=_("{n} cell(s)").format(n=i18n.number(len(d.changed))))
    m4.metric(_("Rows unchanged"), d.unchanged)
    # TRANSLATORS: {key} names the key columns as they are in the CSV, joined by " + " ("year + iso3")
    st.caption(_("Rows are matched by {key}.").format(key=" + ".join(d.key)))
    lost = lost_characters(d)
    if len(lost):
        st.warning(_("**{n} cell(s) have '?' where the current data has other letters**: the file was probably saved "
                     "in an encoding that cannot hold them (Windows-1252 has no '→', for instance). Save it as 'CSV "
                     "UTF-8' (or upload the workbook itself), then upload again.").format(n=i18n.number(len(lost))),
                   icon=":material/translate:")
        st.dataframe(changes_table(lost), hide_index=True, width="stretch", key=f"lost-{c.dataset}",
                     column_config=change_columns())
    if len(d.changed):
        st.markdown(_("**Changed cells**"))
        st.dataframe(changes_table(d.changed), hide_index=True, width="stretch", key=f"changed-{c.dataset}",
                     column_config=change_columns())
    if len(d.added):
        with st.expander(_("Added rows ({n})").format(n=i18n.number(len(d.added))), expanded=len(d.added) <= 10):
            st.dataframe(rows_table(d.added), hide_index=True, width="stretch")
    if len(d.removed):
        with st.expander(_("Removed rows ({n})").format(n=i18n.number(len(d.removed))), expanded=True):
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
            keys = ", ".join(_keys(c.diff.removed, c.diff.key)[:SHOWN_REMOVED])
            # TRANSLATORS: completes "Yes, remove {rows}" and "this would remove {rows}"; {keys} are the rows' keys
            parts.append(_("{n} row(s) of {dataset} ({keys} and {more} more)").format(
                n=n, dataset=c.dataset, keys=keys, more=n - SHOWN_REMOVED) if n > SHOWN_REMOVED else
                _("{n} row(s) of {dataset} ({keys})").format(n=i18n.number(n), dataset=c.dataset, keys=keys))
    return "; ".join(parts) or None


def preview_all(todo: list[Change], file: str) -> None:
    for c in todo:
        preview(c.dataset, c.result, file)


def publish_controls(todo: list[Change], file: str) -> None:
    """One preview and one publish for every dataset the file changes; removing rows asks to be confirmed."""
    todo = [c for c in todo if not c.empty]
    if not todo:
        st.info(_("The upload holds exactly the current data: there is nothing to apply."))
        flash("publish")
        return
    names = ", ".join(c.dataset for c in todo)
    p1, p2 = st.columns(2)
    p1.button(_("Preview on every page (only you)"), key="preview", icon=":material/visibility:",
              on_click=preview_all, args=(todo, file),
              help=_("Shows the upload as {datasets} on every page, to you alone.").format(datasets=names))
    on = gate().enabled
    removing = removal_words(todo)
    with p2.form("publish"):
        st.markdown(_("**Publish** {datasets} as version {numbers}").format(
            datasets=names, numbers=", ".join(f"{c.number + 1}" for c in todo)))
        editor = st.text_input(_("Your name"), key="editor")
        message = st.text_input(_("What changed, and from which report"), key="message")
        secret = st.text_input(_("Editor secret"), type="password", key="secret", disabled=not on)
        # keyed by what it confirms, against which versions: a tick never carries over to another removal (the
        # English words: the same key in every language)
        with i18n.speaking(i18n.SOURCE):
            said = removal_words(todo)
        confirm = "confirm-removal-" + hashlib.sha256(f"{said}{[c.number for c in todo]}".encode()).hexdigest()[:12]
        sure = st.checkbox(_("Yes, remove {rows}").format(rows=removing), key=confirm, disabled=not on) \
            if removing else True
        go = st.form_submit_button(_("Publish for everyone"), disabled=not on, icon=":material/publish:")
    with p2:
        if not on:
            st.caption(_("Publishing is off on this server (see the top of the page)."))
        elif go and not sure:
            # TRANSLATORS: "Merge by key" is the name of an "Apply as" option: the same words as there
            refuse("publish", _("Nothing was published: this would remove {rows}. If that is what you mean, tick "
                                "the box to confirm and press Publish again; if not, upload with Merge by key, or add "
                                "the rows back to the file.").format(rows=removing))
        elif go:
            publish_versions({c.dataset: to_csv(c.result, c.dataset) for c in todo}, editor, message, secret,
                             {c.dataset: c.reviewed for c in todo})
        flash("publish")
