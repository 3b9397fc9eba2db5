"""Update data: upload a CSV or a workbook, see every problem, review the differences, preview, publish, roll back."""
import pandas as pd
import streamlit as st

import i18n
import ui
from i18n import _, ngettext, pgettext
from loaders.docs import dataset_markdown
from loaders.reading import MAX_MB, MAX_ROWS
from loaders.schemas import SCHEMAS
from loaders.workbook import SUFFIXES
from publish.safe import dataset_csv, safe_csv

st.title(_("Update the data"))
st.markdown(_("When a new Landmine Monitor report or a treaty event comes out, upload the updated CSV, or the "
              "workbook itself: each sheet named after a dataset is read as that dataset. The file is checked against "
              "the same rules as the bundled data; you see every problem, then what would change. **Preview** shows "
              "it on every page for you alone; **Publish** makes it what everyone sees, as a new version. Earlier "
              "versions are kept and can be brought back."))
ui.publishing_status()

dataset = st.selectbox(_("Dataset"), list(SCHEMAS), key="dataset", bind="query-params",
                       help=_("The dataset a CSV file holds, and whose versions are listed below (a workbook's sheets "
                              "name their own datasets).") + " "
                       + "; ".join(f"{d}: {_(s.title)}" for d, s in SCHEMAS.items()))
schema = SCHEMAS[dataset]
current = ui.published_frame(dataset)
number = ui.published().get(dataset, 0)
if dataset in ui.unreadable_versions():  # the banner says so on every page; here, why
    st.error(_("Published version {number} does not pass today's data rules, so every page shows the bundled "
               "version 0 instead (and the comparison below is with it). Roll back, or publish a corrected file. "
               "The problems:").format(number=number), icon=":material/rule:")
    st.dataframe(pd.DataFrame({"problem": ui.version_problems(dataset, number)}), hide_index=True, width="stretch",
                 column_config={"problem": _("problem")})
downloads = st.container(horizontal=True, gap="small")  # each button as wide as its words, in any language
downloads.download_button(_("Template (header row)"), safe_csv(pd.DataFrame(columns=list(schema.columns))),
                   file_name=f"{dataset}_template.csv", mime="text/csv", icon=":material/download:")
# TRANSLATORS: the English says "rows" whatever the count; give each plural form its own words
downloads.download_button(ngettext("Current data (version {number}, {n} rows)", "Current data (version {number}, {n} rows)",
                            len(current)).format(number=number, n=i18n.number(len(current))),
                   dataset_csv(current, dataset, ui.cite([dataset], published_only=True)),
                   file_name=f"{dataset}_v{number}.csv", mime="text/csv", icon=":material/download:")
with downloads.popover(_("Columns and rules"), icon=":material/help:"):
    st.markdown(dataset_markdown(dataset, "####"))

with st.expander(_("Source for the whole file: for rows that name none"), icon=":material/menu_book:"):
    st.caption(_("Workbooks rarely carry a source column: the source is the report. What you give here fills the "
                 "report and source address of every row that has none (the report on the file says how many)."))
    s1, s2 = st.columns(2)
    # TRANSLATORS: the report a file's figures come from (its placeholder, "Landmine Monitor 2026", stays as is)
    report = s1.text_input(_("Report"), key="file-report", placeholder="Landmine Monitor 2026")
    source_url = s2.text_input(_("Source address"), key="file-url", placeholder="https://www.the-monitor.org/…")
upload = st.file_uploader(_("CSV file, or workbook (.xlsx, .ods)"), type=["csv", "txt", "tsv", *SUFFIXES],
                          key=f"upload-{dataset}", max_upload_size=MAX_MB)
if upload is None:
    st.caption(_("At most {n} rows. A CSV: comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252; it "
                 "holds {dataset}. A workbook: each sheet named after a dataset (its name or its title) is read as "
                 "that dataset, and every other sheet is skipped. Header names in any spelling the rules list.")
               .format(n=i18n.number(MAX_ROWS), dataset=dataset))
else:
    result = ui.check_upload(upload.getvalue(), upload.name, dataset, report, source_url)
    ui.show_reading(result, upload.name)
    if result.valid:
        several = len(result.reports) > 1
        valid = "; ".join(_("{n} row(s) of {title}").format(n=i18n.number(len(r.frame)), title=_(SCHEMAS[r.dataset].title))
                          for r in result.reports)
        st.success(_("**Valid**: {datasets}.").format(datasets=valid), icon=":material/check_circle:")
        mode = st.radio(_("Apply as"), [ui.REPLACE, ui.MERGE], horizontal=True, key="mode", format_func=_,
                        help=_("Replace: the upload becomes the whole dataset. Merge: rows of the upload replace the "
                               "rows with the same key; other current rows stay."))
        todo = ui.changes(result, mode)
        for change in todo:
            ui.show_change(change, several)
        ui.publish_controls(todo, upload.name)

st.subheader(_("Versions"))
if ui.store_problem():  # the banner above says why; checking and previewing still work
    st.error(_("The versions cannot be listed, published or rolled back until the database is back."))
    ui.sources_section([dataset])
    st.stop()
ui.show_conflict(dataset)  # a refused rollback (a refused publish is shown with its upload above)
history = ui.history(dataset)
seen = ui.reviewed(dataset, "rollback", number)
st.dataframe(history, hide_index=True, width="stretch", key="history",
             column_config={"number": st.column_config.NumberColumn(_("Version"), format="%d"),
                            "created_at": st.column_config.TextColumn(_("Published (UTC)")),
                            # TRANSLATORS: the history's column headers, as short as the English
                            "editor": pgettext("versions table", "editor"),
                            "message": pgettext("versions table", "message"),
                            "kind": pgettext("versions table", "kind"),
                            "restores": st.column_config.TextColumn(_("Restores")),
                            "rows": pgettext("versions table", "rows"),
                            "sha256": st.column_config.TextColumn("SHA-256", width="small")})
if len(history) > 1:
    with st.form("rollback"):
        st.markdown(_("**Roll back**: bring an earlier version back as a new version (history is kept)."))
        to = st.selectbox(_("Version to bring back"), [v for v in history["number"] if v != number], key="to")
        editor = st.text_input(_("Your name"), key="rb-editor")
        message = st.text_input(_("Why"), key="rb-message")
        secret = st.text_input(_("Editor secret"), type="password", key="rb-secret", disabled=not ui.gate().enabled)
        go = st.form_submit_button(_("Roll back"), disabled=not ui.gate().enabled, icon=":material/history:")
    if go:
        ui.roll_back_to(dataset, int(to), editor, message, secret, reviewed=seen)
    ui.flash("rollback")
st.caption(_("Versions are stored in {database}; version 0 is the bundled file, which is never overwritten.")
           .format(database=ui.store().kind))
ui.sources_section([dataset])
