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

    form = page.get_by_test_id("stForm").filter(has_text="Roll back")
    form.get_by_label("Your name").fill("A. Analyst")
    form.get_by_label("Why").fill("test over")
    form.get_by_label("Editor secret").fill(SECRET)
    form.get_by_role("button", name="Roll back").click()
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
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Publishing is off: the operator has set no editor secret")).to_be_visible()
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
