"""Presenter mode in a real Chromium at 1920×1080: large type measured from computed styles, no sidebar or
menus, no outside requests; and a way back."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
BODY = "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p"


def font_px(page) -> float:
    return page.locator(BODY).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


def test_presenter_mode_from_the_url(app_url, visit):
    v = visit(width=1920, height=1080)
    page = v.open(f"{app_url}/?present=1")
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000)
    expect(page.locator(BODY).first).to_be_visible()
    assert font_px(page) >= 24
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    page.get_by_role("button", name="Leave presenter mode").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible(timeout=30_000)
    assert font_px(page) < 24
    assert v.outside == [], v.outside
    assert v.errors == [], v.errors
