"""The domino page in a real Chromium: opens from its own link, draws offline, says where each step comes from."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_domino_page_renders_offline_from_its_link(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/domino")  # a shared link straight to the page, no "Page not found"
    expect(page.get_by_role("heading", name="Domino risk")).to_be_visible()
    # every dated step of the log is a marker in the first chart (the timeline)
    page.wait_for_function("document.querySelector('.js-plotly-plot') && "
                           "document.querySelector('.js-plotly-plot').querySelectorAll('path.point').length > 60",
                           timeout=30_000)
    markers = page.locator(".js-plotly-plot").first.locator("path.point")
    markers.nth(0).hover(force=True)
    expect(page.locator(".hoverlayer .hovertext").first).to_contain_text("Source:", timeout=10_000)
    page.get_by_role("tab", name="Exposure").click()  # the exposure map and its ranking, drawn on demand
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    page.wait_for_timeout(1000)
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert v.errors == [], v.errors
    assert page.locator("[data-testid='stDialog']").count() == 0


def test_shared_cascade_link_plays_round_by_round(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/domino?seeds=Sweden&use-threshold=true&threshold=0.25&overseas=true")
    expect(page.get_by_text("Round 16", exact=False).first).to_be_visible(timeout=60_000)  # opens on the scenario
    expect(page.get_by_role("tab", name="What if more left?")).to_have_attribute("aria-selected", "true")
    slider = page.locator(".slider-container")  # plotly's own slider: only the cascade map has one
    expect(slider).to_have_count(1, timeout=30_000)
    label = page.locator(".slider-container .slider-group > .slider-label")  # "After round N"
    expect(label).to_have_text("After round 16")
    page.get_by_text("▶ Play").click()
    expect(label).to_have_text("After round 2", timeout=10_000)  # it starts over and steps through
    expect(label).to_have_text("After round 16", timeout=30_000)
    # without the borders through French Guiana the same scenario stays on its continents
    page.get_by_text("Overseas borders").click()
    expect(page.locator(".slider-container .slider-label", has_text="After round 8")).to_have_count(1, timeout=30_000)
    expect(label).to_have_count(1)
    assert "overseas" not in page.evaluate("location.search")
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert v.errors == [], v.errors
