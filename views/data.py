"""Update data: upload a CSV, see every problem, review the differences, preview, publish, roll back."""
import io

import pandas as pd
import streamlit as st

import ui
from loaders.docs import dataset_markdown
from loaders.reading import MAX_MB, MAX_ROWS
from loaders.schemas import SCHEMAS
from loaders.validation import safe_check, to_csv
from publish.access import SECRET_ENV, SECRET_KEY
from publish.diff import diff, merge
from publish.safe import safe_csv

st.title("Update the data")
st.markdown("When a new Landmine Monitor report or a treaty event comes out, upload the updated CSV here. "
            "The file is checked against the same rules as the bundled data; you see every problem, then what "
            "would change. **Preview** shows it on every page for you alone; **Publish** makes it what everyone "
            "sees, as a new version. Earlier versions are kept and can be brought back.")

dataset = st.selectbox("Dataset", list(SCHEMAS), key="dataset", bind="query-params",
                       help="; ".join(f"{d}: {s.title}" for d, s in SCHEMAS.items()))
schema = SCHEMAS[dataset]
current = ui.published_frame(dataset)
number = ui.published().get(dataset, 0)
if dataset in ui.unreadable_versions():  # the banner says so on every page; here, why
    st.error(f"Published version {number} does not pass today's data rules, so every page shows the bundled version 0 "
             "instead (and the comparison below is with it). Roll back, or publish a corrected file. The problems:",
             icon=":material/rule:")
    st.dataframe(pd.DataFrame({"problem": ui.version_problems(dataset, number)}), hide_index=True, width="stretch")
c1, c2, c3 = st.columns(3)
c1.download_button("Template (header row)", safe_csv(pd.DataFrame(columns=list(schema.columns))),
                   file_name=f"{dataset}_template.csv", mime="text/csv", icon=":material/download:")
c2.download_button(f"Current data (version {number}, {len(current)} rows)",
                   safe_csv(pd.read_csv(io.StringIO(to_csv(current, dataset)), dtype=str, keep_default_na=False),
                            citation=ui.cite([dataset], published_only=True)),
                   file_name=f"{dataset}_v{number}.csv", mime="text/csv", icon=":material/download:")
with c3.popover("Columns and rules", icon=":material/help:"):
    st.markdown(dataset_markdown(dataset, "####"))

upload = st.file_uploader(f"CSV file for {schema.title} (at most {MAX_MB} MB, {MAX_ROWS:,} rows)",
                          type=["csv", "txt", "tsv"], key=f"upload-{dataset}", max_upload_size=MAX_MB)
if upload is None:
    st.caption("Comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252; header names in any spelling the "
               "rules list. Excel: File → Save As → CSV.")
else:
    data = upload.getvalue()
    report = safe_check(data, dataset, upload.name)
    r = report.reading
    if r.rows:
        st.caption(f"Read as {r.encoding}, separated by {'tab' if r.delimiter == chr(9) else repr(r.delimiter)}, "
                   f"decimal mark {r.decimal!r}; {r.rows} data row(s).")
    if report.fixed:
        with st.expander(f"Fixed while reading ({len(report.fixed)})", icon=":material/auto_fix_high:"):
            st.dataframe(ui.problems_table(report.fixed), hide_index=True, width="stretch")
    if report.errors:
        st.error(f"**{len(report.errors)} problem(s)**: nothing can be applied until they are fixed in the file. "
                 "Each line says where and what to do.", icon=":material/error:")
        table = ui.problems_table(report.errors)
        st.dataframe(table, hide_index=True, width="stretch", key="errors",
                     column_config={"what to do": st.column_config.TextColumn(width="large")})
        st.download_button("Download this report (CSV)", safe_csv(table, citation=f"Problems in {upload.name}"),
                           file_name=f"{upload.name.rsplit('.', 1)[0]}_problems.csv", mime="text/csv",
                           icon=":material/download:")
    else:
        new = report.frame
        st.success(f"**Valid**: {len(new)} row(s) of {schema.title}.", icon=":material/check_circle:")
        mode = st.radio("Apply as", ["Replace the dataset", "Merge by key"], horizontal=True, key="mode",
                        help="Replace: the upload becomes the whole dataset. Merge: rows of the upload replace the "
                             "rows with the same key; other current rows stay.")
        result = new if mode == "Replace the dataset" else merge(current, new, dataset)
        d = diff(current, result, dataset)
        ui.show_conflict(dataset)
        st.subheader(f"Compared with version {number}")
        seen = ui.reviewed(dataset, "publish", number)  # what the person compared with, for Publish
        m1, m2, m3, m4 = st.columns(4)
        m1.metric("Rows added", len(d.added))
        m2.metric("Rows removed", len(d.removed))
        m3.metric("Rows changed", d.changed_rows, help=f"{len(d.changed)} cell(s)")
        m4.metric("Rows unchanged", d.unchanged)
        st.caption(f"Rows are matched by {' + '.join(d.key)}.")
        if len(d.changed):
            st.markdown("**Changed cells**")
            st.dataframe(ui.changes_table(d.changed), hide_index=True, width="stretch", key="changed")
        if len(d.added):
            with st.expander(f"Added rows ({len(d.added)})", expanded=len(d.added) <= 10):
                st.dataframe(d.added, hide_index=True, width="stretch")
        if len(d.removed):
            with st.expander(f"Removed rows ({len(d.removed)})", expanded=len(d.removed) <= 10):
                st.dataframe(d.removed, hide_index=True, width="stretch")
        if not (len(d.added) or len(d.removed) or len(d.changed)):
            st.info("The upload holds exactly the current data: there is nothing to apply.")
        else:
            p1, p2 = st.columns(2)
            p1.button("Preview on every page (only you)", key="preview", icon=":material/visibility:",
                      on_click=ui.preview, args=(dataset, result, upload.name))
            with p2.form("publish"):
                st.markdown("**Publish** as version " + str(number + 1))
                editor = st.text_input("Your name", key="editor")
                message = st.text_input("What changed, and from which report", key="message")
                secret = st.text_input("Editor secret", type="password", key="secret",
                                       disabled=not ui.gate().enabled)
                go = st.form_submit_button("Publish for everyone", disabled=not ui.gate().enabled,
                                           icon=":material/publish:")
            if not ui.gate().enabled:
                p2.info(f"Publishing is off: the operator has set no editor secret ({SECRET_ENV} in the server's "
                        f"environment, or {SECRET_KEY} in .streamlit/secrets.toml). You can still check and preview.")
            elif go:
                ui.publish_version(dataset, to_csv(result, dataset), editor, message, secret, reviewed=seen)

ui.flash()
st.subheader("Versions")
if ui.store_problem():  # the banner above says why; checking and previewing still work
    st.error("The versions cannot be listed, published or rolled back until the database is back.")
    ui.sources_section([dataset])
    st.stop()
ui.show_conflict(dataset)  # a refused rollback (a refused publish is shown with its upload above)
history = ui.history(dataset)
seen = ui.reviewed(dataset, "rollback", number)
st.dataframe(history, hide_index=True, width="stretch", key="history",
             column_config={"number": st.column_config.NumberColumn("Version", format="%d"),
                            "created_at": st.column_config.DatetimeColumn("Published (UTC)", format="YYYY-MM-DD HH:mm"),
                            "restores": st.column_config.NumberColumn("Restores", format="%d"),
                            "sha256": st.column_config.TextColumn("SHA-256", width="small")})
if len(history) > 1:
    with st.form("rollback"):
        st.markdown("**Roll back**: bring an earlier version back as a new version (history is kept).")
        to = st.selectbox("Version to bring back", [v for v in history["number"] if v != number], key="to")
        editor = st.text_input("Your name", key="rb-editor")
        message = st.text_input("Why", key="rb-message")
        secret = st.text_input("Editor secret", type="password", key="rb-secret", disabled=not ui.gate().enabled)
        go = st.form_submit_button("Roll back", disabled=not ui.gate().enabled, icon=":material/history:")
    if go:
        ui.roll_back_to(dataset, int(to), editor, message, secret, reviewed=seen)
st.caption(f"Versions are stored in {ui.store().kind}; version 0 is the bundled file, which is never overwritten.")
ui.sources_section([dataset])
