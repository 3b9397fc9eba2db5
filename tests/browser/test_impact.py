"""The humanitarian pages in a real Chromium: drawn offline, the 2024 total as a reader sees it, profiles by link."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def assert_clean(v, page):
    page.wait_for_timeout(1000)  # late requests (fonts, icons) would show up here
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert v.errors == [], v.errors


def test_impact_page_renders_offline_and_reads_6279(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/impact")
    expect(page.get_by_role("heading", name="What mines still cost")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("In 2024 the Landmine Monitor recorded 6,279 casualties")).to_be_visible()
    # the chart itself says it too, on its annotation and on hover of the 2024 bar
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".annotation-text").filter(has_text="6,279")).to_have_count(1, timeout=30_000)
    expect(chart.locator(".annotation-text").filter(has_text="no data")).to_have_count(3)
    assert page.locator(".js-plotly-plot").count() == 1  # the other sections are drawn when their tab is opened
    # each tab draws its section and puts it in the address, so the link opens that section again
    page.get_by_role("tab", name="By country").click()
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=30_000)  # map, ranking, small multiples
    expect(page).to_have_url(f"{app_url}/impact?section=By+country")
    page.get_by_role("tab", name="Clearance").click()
    expect(page.get_by_text("AP mines destroyed in clearance").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    page.get_by_role("tab", name="Article 5 deadlines").click()
    expect(page.get_by_text("no extension granted or pending in the data").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    page.reload()
    expect(page.get_by_role("tab", name="Article 5 deadlines")).to_have_attribute("aria-selected", "true",
                                                                                timeout=60_000)
    assert_clean(v, page)


def test_profile_opens_from_the_map_panel(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/?country=KHM")
    expect(page.get_by_role("heading", name="Cambodia")).to_be_visible(timeout=60_000)
    # let plotly finish drawing the map first: leaving mid-draw makes plotly log an error on the torn-down graph
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000)
    page.wait_for_timeout(500)
    page.get_by_role("link", name="Full profile").click()
    expect(page).to_have_url(f"{app_url}/country?country=KHM", timeout=30_000)
    expect(page.get_by_role("heading", name="Sources used on this page")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("On time (deadline ahead)")).to_be_visible()
    assert_clean(v, page)


@pytest.mark.parametrize("iso3, name, says", [("MMR", "Myanmar", "No Article 5 clearance obligation recorded"),
                                              ("FIN", "Finland", "Withdrawn (2026)")])
def test_profile_by_link(app_url, visit, iso3, name, says):
    v = visit(width=1280, height=900)
    page = v.open(f"{app_url}/country?country={iso3}")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text(says).first).to_be_visible()
    assert_clean(v, page)


def test_a_tables_only_download_is_ours_with_formulas_neutralised(app_url, visit):
    """The data grid's own "Download as CSV" exports =HYPERLINK(…) and the like raw: it is switched off
    (client.disableDataExport) and the table's own button, which neutralises them, is the way to the data."""
    v = visit(width=1400, height=1000)
    page = v.open(f"{app_url}/impact")
    page.get_by_text("Which report each year comes from").click()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=60_000)
    grid.hover()
    page.wait_for_timeout(500)
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    with page.expect_download() as d:
        page.get_by_role("button", name="Download table (CSV)").click()
    text = open(d.value.path(), encoding="utf-8-sig").read()
    assert text.startswith('"# ') and "Landmine Monitor" in text
    assert_clean(v, page)
