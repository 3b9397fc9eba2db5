"""An analyst's walk in a real Chromium: upload → errors → fix → diff → preview → publish → roll back.

The files are in tests/fixtures/uploads: an Excel-style export (UTF-16, semicolons, decimal commas, headers
spelt their own way, a totals row) of the worldwide casualties with the 2024 total changed to 6,300; the
"broken" one also has a year written in words and a killed figure above its total.
"""
import io
import os
import tempfile

import pandas as pd
import pytest
from playwright.sync_api import expect

from benchmarks.harness import Server
from paths import ROOT

pytestmark = pytest.mark.browser
UPLOADS = ROOT / "tests" / "fixtures" / "uploads"
SECRET = "correct horse battery staple"


@pytest.fixture(scope="module")
def editor_app():
    db = os.path.join(tempfile.mkdtemp(prefix="mbt-walk-"), "versions.sqlite3")
    with Server("serve.py", env={"MBT_EDITOR_SECRET": SECRET, "MBT_VERSIONS_DB": db}) as server:
        yield server.url


def go(page, name):
    """Navigate inside the app (the same session, so a preview stays)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()


def upload(page, name):
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(UPLOADS / name))


def sentence(page):
    return page.get_by_text("In 2024 the Landmine Monitor recorded")


def publish_form(page, who, message, secret):
    form = page.get_by_test_id("stForm").filter(has_text="Publish")
    form.get_by_label("Your name").fill(who)
    form.get_by_label("What changed").fill(message)
    form.get_by_label("Editor secret").fill(secret)
    form.get_by_role("button", name="Publish for everyone").click()


def roll_back(page):
    """To the version the form offers first (the one before the latest)."""
    form = page.get_by_test_id("stForm").filter(has_text="Roll back")
    form.get_by_label("Your name").fill("A. Analyst")
    form.get_by_label("Why").fill("test over")
    form.get_by_label("Editor secret").fill(SECRET)
    form.get_by_role("button", name="Roll back").click()


def test_upload_fix_diff_preview_publish_rollback(editor_app, visit):
    v = visit(width=1400, height=1000)
    page = v.open(f"{editor_app}/data?dataset=casualties_global")
    expect(page.get_by_role("heading", name="Update the data")).to_be_visible(timeout=60_000)

    upload(page, "casualties_broken.csv")
    expect(page.get_by_text("2 problem(s)")).to_be_visible(timeout=30_000)
    with page.expect_download() as d:
        page.get_by_role("button", name="Download this report (CSV)").click()
    report = open(d.value.path(), encoding="utf-8-sig").read()
    assert report.startswith("# Problems in casualties_broken.csv")
    assert '25,year,twenty22,"not a whole number' in report
    assert "killed + injured + status_unknown exceeds total" in report
    # nothing can be applied while errors remain
    expect(page.get_by_role("button", name="Preview on every page (only you)")).to_have_count(0)

    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMetricValue")).to_have_count(4, timeout=30_000)
    metrics = dict(zip(page.get_by_test_id("stMetricLabel").all_inner_texts(),
                       page.get_by_test_id("stMetricValue").all_inner_texts(), strict=True))
    assert metrics["Rows changed"] == "1" and metrics["Rows added"] == "0" and metrics["Rows removed"] == "0"

    page.get_by_role("button", name="Preview on every page (only you)").click()
    expect(page.get_by_text("Preview: this session shows your unpublished upload")).to_be_visible(timeout=30_000)
    go(page, "Humanitarian impact")
    expect(sentence(page)).to_contain_text("recorded 6,300 casualties", timeout=60_000)

    other = visit(width=1200, height=900)  # someone else, meanwhile, still sees the published figure
    other.open(f"{editor_app}/impact")
    expect(sentence(other.page)).to_contain_text("recorded 6,279 casualties", timeout=60_000)

    go(page, "Update data")
    expect(page.get_by_role("heading", name="Update the data")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value("casualties_global")
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=30_000)
    publish_form(page, "A. Analyst", "Landmine Monitor 2025 revision (test)", "wrong secret")
    expect(page.get_by_text("Wrong editor secret")).to_be_visible(timeout=30_000)
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=30_000)
    publish_form(page, "A. Analyst", "Landmine Monitor 2025 revision (test)", SECRET)
    expect(page.get_by_text("Published casualties_global version 1")).to_be_visible(timeout=30_000)

    fresh = visit(width=1200, height=900)  # a new visitor sees the published version
    fresh.open(f"{editor_app}/impact")
    expect(sentence(fresh.page)).to_contain_text("recorded 6,300 casualties", timeout=60_000)

    roll_back(page)
    expect(page.get_by_text("Version 0 of casualties_global is back, as version 2")).to_be_visible(timeout=30_000)
    again = visit(width=1200, height=900)
    again.open(f"{editor_app}/impact")
    expect(sentence(again.page)).to_contain_text("recorded 6,279 casualties", timeout=60_000)
    for visitor in (v, other, fresh, again):
        assert visitor.outside == [], visitor.outside
        assert visitor.errors == [], visitor.errors


def test_publishing_is_off_and_says_why_without_a_secret(app_url, visit):
    v = visit(width=1400, height=1000)
    page = v.open(f"{app_url}/data?dataset=casualties_global")
    # said before anything is uploaded, in words for analysts (no environment variables)
    expect(page.get_by_text("Publishing is off on this server.")).to_be_visible(timeout=60_000)
    assert "MBT_EDITOR_SECRET" not in page.get_by_test_id("stMain").inner_text()
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Publishing is off on this server.")).to_be_visible()
    expect(page.get_by_text("ask the person who runs this server to set an editor secret")).to_be_visible()
    expect(page.get_by_role("button", name="Publish for everyone")).to_be_disabled()
    expect(page.get_by_role("button", name="Preview on every page (only you)")).to_be_enabled()
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)


@pytest.mark.parametrize("mode,db", [("Replace the dataset", "sqlite"), ("Merge by key", "postgresql")])
def test_two_editors_the_second_is_stopped_and_shown_both_changes(mode, db, visit):
    """Both start from version 0; the other one publishes first. Publishing then stops, says who published what
    since, shows that change, compares the upload with it, and goes through once the person has seen it."""
    from sqlalchemy import text

    from publish.store import Store, bundled_csv, database_url

    if db == "sqlite":
        url = "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="mbt-two-"), "versions.sqlite3")
        env = {"MBT_VERSIONS_DB": url.split("sqlite:///", 1)[1]}
    else:
        pg = os.environ.get("MBT_TEST_DATABASE_URL")
        if not pg:
            if os.environ.get("CI"):
                pytest.fail("CI must test publishing on PostgreSQL: scripts/postgres.sh did not provide one")
            pytest.skip("no PostgreSQL here")
        url, env = database_url({"MBT_DATABASE_URL": pg}), {"MBT_DATABASE_URL": pg}
        with Store(url).engine.begin() as c:
            c.execute(text("DELETE FROM dataset_versions"))
    with Server("serve.py", env={"MBT_EDITOR_SECRET": SECRET, **env}) as server:
        v = visit(width=1400, height=1000)
        page = v.open(f"{server.url}/data?dataset=casualties_global")
        upload(page, "casualties_fixed.csv")
        expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=60_000)
        if mode != "Replace the dataset":
            page.get_by_text(mode).click()
        expect(page.get_by_role("heading", name="Compared with version 0")).to_be_visible(timeout=30_000)

        theirs = pd.read_csv(io.StringIO(bundled_csv("casualties_global")), dtype=str, keep_default_na=False)
        theirs.loc[theirs["year"] == "2019", "note"] += " Checked again."  # a change the rules accept
        theirs = theirs.to_csv(index=False, lineterminator="\n")
        Store(url).add("casualties_global", theirs, "B. Other", "2019 note corrected", reviewed=0)

        publish_form(page, "A. Analyst", "2024 revised", SECRET)
        expect(page.get_by_text("Nothing was published")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("version 1 of casualties_global was published by B. Other")).to_be_visible()
        expect(page.get_by_text("What version 1 changed, compared with version 0: 0 row(s) added, 0 removed, "
                                "1 changed")).to_be_visible()
        expect(page.get_by_role("heading", name="Compared with version 1")).to_be_visible()
        assert [x.message for x in Store(url).history("casualties_global")] == ["2019 note corrected"]

        publish_form(page, "A. Analyst", "2024 revised, 2023 seen", SECRET)  # now reviewed against version 1
        expect(page.get_by_text("Published casualties_global version 2")).to_be_visible(timeout=30_000)
        assert v.outside == [] and v.errors == [], (v.outside, v.errors)


def book_file(tmp, name, write):
    """The analyst's workbook: notes; the 2025 casualties (no source columns: the source is the report); the
    Article 5 decisions with Excel date cells, one note edited."""
    from tests.test_workbooks import NEW_YEAR, csv_rows, sheet_rows

    casualties = [[c for c in NEW_YEAR], list(NEW_YEAR.values())]
    events = csv_rows("article5_events")
    events.loc[0, "note"] = "Checked against the 12th Meeting's decisions (test)."
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(write({"Notes": [["Landmine Monitor 2026, entered by A. Analyst"]],
                       "Recorded casualties, worldwide": casualties,
                       "article5_events": sheet_rows("article5_events", events)}))
    return path


def test_a_workbook_publishes_two_datasets_in_one_step_and_rolls_back(visit, tmp_path):
    """Upload → preview → publish → roll back, with a workbook of two datasets and a notes sheet; removing rows
    asks twice; the page's own download uploads back as "no changes"; an .ods workbook reads the same."""
    from tests.test_workbooks import ods, xlsx

    db = os.path.join(tempfile.mkdtemp(prefix="mbt-book-"), "versions.sqlite3")
    with Server("serve.py", env={"MBT_EDITOR_SECRET": SECRET, "MBT_VERSIONS_DB": db}) as server:
        v = visit(width=1400, height=1000)
        page = v.open(f"{server.url}/data?dataset=casualties_global")
        expect(page.get_by_role("heading", name="Update the data")).to_be_visible(timeout=60_000)
        page.get_by_text("Source for the whole file").click()
        page.get_by_label("Report").fill("Landmine Monitor 2026 (test)")
        page.get_by_label("Source address").fill("https://www.the-monitor.org/test")
        page.get_by_label("Source address").press("Enter")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(book_file(tmp_path, "lm.xlsx", xlsx))
        expect(page.get_by_text("Valid: 1 row(s) of Recorded casualties, worldwide")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Sheet 'article5_events' read as article5_events")).to_be_visible()
        expect(page.get_by_text("Skipped: sheet 'Notes' (not named after a dataset).")).to_be_visible()

        # Replace would empty the casualties but for 2025: it says which rows go, and asks to be confirmed
        expect(page.get_by_role("heading", name="compared with version 0")).to_have_count(2)
        publish_form(page, "A. Analyst", "Landmine Monitor 2026 (test)", SECRET)
        expect(page.get_by_text("Nothing was published: this would remove 26 row(s) of casualties_global "
                                "(1999, 2000")).to_be_visible(timeout=30_000)
        assert published_numbers(db) == []

        page.get_by_test_id("stRadioGroup").get_by_text("Merge by key").click()
        expect(page.get_by_text("Yes, remove")).to_have_count(0, timeout=30_000)
        page.get_by_role("button", name="Preview on every page (only you)").click()
        expect(page.get_by_text("Preview: this session shows your unpublished upload")).to_be_visible(timeout=30_000)
        publish_form(page, "A. Analyst", "Landmine Monitor 2026 (test)", SECRET)
        expect(page.get_by_text("Published casualties_global version 1 (27 rows); article5_events version 1")
               ).to_be_visible(timeout=30_000)
        assert sorted(published_numbers(db)) == [("article5_events", 1), ("casualties_global", 1)]

        # the citation of the download follows the published version; the download uploads back unchanged
        with page.expect_download() as d:
            page.get_by_role("button", name="Current data (version 1, 27 rows)").click()
        current = tmp_path / d.value.suggested_filename
        d.value.save_as(current)
        first = current.read_text(encoding="utf-8-sig").splitlines()[0]
        assert current.name == "casualties_global_v1.csv"
        assert "published version 1 of" in first and "data runs to 2025-12-31" in first, first
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(current))
        expect(page.get_by_text("The upload holds exactly the current data: there is nothing to apply.")
               ).to_be_visible(timeout=60_000)

        fresh = visit(width=1200, height=900)
        fresh.open(f"{server.url}/impact")
        expect(sentence(fresh.page)).to_have_count(0)  # the year sentence now speaks of 2025
        expect(fresh.page.get_by_text("In 2025 the Landmine Monitor recorded 6,000")).to_be_visible(timeout=60_000)

        roll_back(page)
        expect(page.get_by_text("Version 0 of casualties_global is back, as version 2")).to_be_visible(timeout=30_000)

        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(book_file(tmp_path, "lm.ods", ods))
        expect(page.get_by_text("Valid: 1 row(s) of Recorded casualties, worldwide")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Sheet 'Recorded casualties, worldwide' read as casualties_global")).to_be_visible()
        for visitor in (v, fresh):
            assert visitor.outside == [] and visitor.errors == [], (visitor.outside, visitor.errors)


def published_numbers(db):
    from publish.store import Store

    return [(d, n) for d, n in Store(f"sqlite:///{db}").latest().items()]


def test_a_publish_that_removes_rows_goes_through_once_confirmed(visit, tmp_path):
    """Replacing with fewer rows names what goes; ticking the box, and only that, lets it through."""
    from publish.store import bundled_csv

    rows = pd.read_csv(io.StringIO(bundled_csv("casualties_global")), dtype=str, keep_default_na=False)
    fewer = tmp_path / "casualties_fewer.csv"
    rows[~rows["year"].isin(["1999", "2000"])].to_csv(fewer, index=False)
    db = os.path.join(tempfile.mkdtemp(prefix="mbt-remove-"), "versions.sqlite3")
    with Server("serve.py", env={"MBT_EDITOR_SECRET": SECRET, "MBT_VERSIONS_DB": db}) as server:
        v = visit(width=1400, height=1000)
        page = v.open(f"{server.url}/data?dataset=casualties_global")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(fewer))
        expect(page.get_by_text("Valid: 24 row(s)")).to_be_visible(timeout=60_000)
        box = page.get_by_text("Yes, remove 2 row(s) of casualties_global (1999, 2000)")
        expect(box).to_be_visible()
        publish_form(page, "A. Analyst", "1999 and 2000 dropped (test)", SECRET)
        expect(page.get_by_text("Nothing was published: this would remove 2 row(s)")).to_be_visible(timeout=30_000)
        assert published_numbers(db) == []
        box.click()
        publish_form(page, "A. Analyst", "1999 and 2000 dropped (test)", SECRET)
        expect(page.get_by_text("Published casualties_global version 1 (24 rows)")).to_be_visible(timeout=30_000)
        assert published_numbers(db) == [("casualties_global", 1)]
        assert v.outside == [] and v.errors == [], (v.outside, v.errors)
