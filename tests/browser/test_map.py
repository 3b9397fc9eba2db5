"""The treaty map in a real Chromium: drawn, offline, with working date, search, click and URL state."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHAPES = "path.choroplethlocation"
MARKERS = "g.trace.scattergeo path.point"


def open_map(visit, app_url, query="", **kw):
    v = visit(**kw)
    page = v.open(f"{app_url}/{query}")
    page.wait_for_function(f"document.querySelectorAll('{SHAPES}').length > 150", timeout=60_000)
    return v, page


def legend(page) -> str:
    return " | ".join(page.locator(".legend").first.locator("text").all_text_contents())


def assert_clean(v, page):
    page.wait_for_timeout(1000)  # late requests (fonts, topojson, icons) would show up here
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert v.errors == [], v.errors


def test_map_draws_every_state_offline(app_url, visit):
    v, page = open_map(visit, app_url)
    assert page.locator(SHAPES).count() >= 230  # every feature but Antarctica
    assert page.locator(MARKERS).count() >= 30  # small states as dots
    text = legend(page)
    assert "161 States Parties" in text and "State Party: 161" in text and "Withdrawn: 5" in text
    assert_clean(v, page)


def test_moving_the_date_changes_the_legend(app_url, visit):
    v, page = open_map(visit, app_url)
    year = page.locator("[data-testid='stDateInput'] [data-type='year']")
    for typed, parties in (("2025-12-01", 166), ("2026-03-01", 161)):
        year.click()  # a segmented date field: type year, month and day; it moves on by itself
        page.keyboard.type(typed.replace("-", ""))
        page.get_by_role("heading", name="Who is bound by the ban?").click()  # leaving the field commits it
        expect(page.locator(".legend").first).to_contain_text(f"{parties} States Parties", timeout=30_000)
        assert re.search(rf"[?&]date={typed}", page.url), page.url  # the date lives in the URL
    assert "Withdrawn: 0" not in legend(page)
    assert_clean(v, page)


def test_key_moment_button(app_url, visit):
    v, page = open_map(visit, app_url)
    page.get_by_role("button", name=re.compile(r"^Peak: 166")).click()
    expect(page.locator(".legend").first).to_contain_text("166 States Parties", timeout=30_000)
    assert "Withdrawal pending: 5" in legend(page)
    assert_clean(v, page)


def test_a_link_reopens_the_same_view(app_url, visit):
    v, page = open_map(visit, app_url, "?date=2025-12-01&region=Europe&country=UKR")
    expect(page.locator(".legend").first).to_contain_text("States Parties in Europe")
    assert page.locator("[data-testid='stDateInput'] [data-type='year']").text_content() == "2025"
    assert page.locator("[data-testid='stDateInput'] [data-type='day']").text_content() == "01"
    expect(page.get_by_role("heading", name="Ukraine")).to_be_visible()
    expect(page.locator("[data-testid='stAlert']")).to_contain_text("the claim is contested")
    assert_clean(v, page)


def test_hovering_and_clicking_a_small_state(app_url, visit):
    v, page = open_map(visit, app_url, width=1600, height=1000)
    blue = [i for i, s in enumerate(page.locator(MARKERS).evaluate_all(
        "els => els.map(e => e.style.fill)")) if s == "rgb(0, 114, 178)"]
    assert blue, "no State Party markers"
    page.locator(MARKERS).nth(blue[0]).hover(force=True)
    hover = page.locator(".hoverlayer .hovertext")
    expect(hover).to_contain_text("State Party", timeout=10_000)
    expect(hover).to_contain_text("In force:")  # the dates that decide the status…
    expect(hover).to_contain_text("Source:")    # …and where they come from
    page.locator(MARKERS).nth(blue[0]).click(force=True)
    expect(page.get_by_role("button", name="Close")).to_be_visible(timeout=30_000)
    assert "country=" in page.url
    assert_clean(v, page)


def test_3d_view_has_no_network_basemap_and_tooltips(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/?view=3D")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(2500)
    box = canvas.bounding_box()
    tips = []
    for fx in (0.5, 0.45, 0.55, 0.6, 0.4):  # sweep until the pointer is over a state
        for fy in (0.5, 0.6, 0.4):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(250)
            tip = page.locator(".deck-tooltip")
            if tip.count() and tip.first.is_visible():
                tips.append(tip.first.inner_text())
    assert tips and all("Recorded casualties 2024:" in t for t in tips), tips
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert not [e for e in v.errors if "WebGL" not in e], v.errors


def test_time_lapse_plays_the_years_in_the_browser(app_url, visit):
    v, page = open_map(visit, app_url, "?timelapse=true")
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.append(len(p))))
    page.get_by_text("▶ Play years").click()
    # the first frames are the treaty's first years; nothing is asked of the server to draw them
    expect(page.locator(".legend").first).to_contain_text("December 1999", timeout=20_000)
    expect(page.locator(".legend").first).to_contain_text("December 2001", timeout=20_000)
    assert sum(received) < 2_000, f"the server sent {sum(received)} bytes during the animation"
    assert page.locator(SHAPES).count() >= 230
    assert_clean(v, page)


def test_search_by_the_name_people_type(app_url, visit):
    v, page = open_map(visit, app_url, "?date=2025-12-01", width=1440, height=900)
    box = page.get_by_role("combobox", name="Find a state")
    box.fill("Finland")
    options = page.get_by_role("option")
    expect(options.first).to_be_visible(timeout=30_000)
    assert options.all_inner_texts() == ["Finland"]  # not "United Kingdom of … Northern Ireland"
    box.fill("vatican")
    expect(page.get_by_role("option", name="Vatican → Holy See")).to_be_visible(timeout=30_000)
    page.get_by_role("option", name="Vatican → Holy See").click()
    expect(page.get_by_role("heading", name="Holy See")).to_be_visible(timeout=30_000)
    expect(box).to_have_value("Holy See")
    assert "country=VAT" in page.url
    assert_clean(v, page)
