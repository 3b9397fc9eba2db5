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
    main = page.get_by_test_id("stMain")
    top = main.evaluate("e => e.scrollTop")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)  # over the globe, the wheel scrolls the page (zoom is a double click or a pinch)
    page.wait_for_function("t => document.querySelector('[data-testid=stMain]').scrollTop > t", arg=top)
    expect(page.get_by_text(re.compile(r"^Height is proportional to recorded casualties"))).to_be_visible()
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert not [e for e in v.errors if "WebGL" not in e], v.errors


def address(page) -> str:
    return page.evaluate("location.href")  # page.url can lag a same-document history change


def test_each_key_moment_makes_a_link_that_reopens_its_view(app_url, visit):
    v, page = open_map(visit, app_url, "?region=Europe")
    moments = page.locator(".st-key-moments button")
    labels = [t for t in moments.all_inner_texts() if t != "Today"]
    assert len(labels) >= 5, labels
    for label in labels:
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_function("new URLSearchParams(location.search).has('date')", timeout=30_000)
        page.wait_for_timeout(1500)
        title, url = page.locator(".legend").first.locator("text").first.text_content(), address(page)
        other = visit()
        again = other.open(url)
        again.wait_for_function(f"document.querySelectorAll('{SHAPES}').length > 150", timeout=60_000)
        expect(again.locator(".legend").first).to_contain_text(title, timeout=30_000)
        assert "region=Europe" in url and title.endswith("in Europe"), (url, title)
        other.close()
        page.get_by_role("button", name="Today", exact=True).click()
        page.wait_for_function("!new URLSearchParams(location.search).has('date')", timeout=30_000)
    assert_clean(v, page)


def test_the_time_lapse_moves_the_date_the_sentence_and_the_link(app_url, visit):
    v, page = open_map(visit, app_url, "?date=2025-11-30", width=1440, height=900)
    play = page.get_by_role("button", name="Time-lapse")
    assert play.bounding_box()["y"] < 900 / 2  # above the fold, beside the date
    world = page.locator(".js-plotly-plot .geolayer").first.bounding_box()
    assert world["y"] + world["height"] <= 900, world  # the whole world above the fold on a 1440×900 laptop
    play.click()
    seen = set()
    for _ in range(4):  # frames every two seconds: the date field, the sentence and the URL agree on each
        page.wait_for_timeout(2000)
        day, field = page.evaluate("[new URLSearchParams(location.search).get('date'), "
                                   "document.querySelector('[data-testid=stDateInput]').innerText]")
        seen.add(day)
        assert day.replace("-", "") in re.sub(r"\D", "", field), (day, field)
    assert len(seen) >= 3, seen
    assert {"2025-12-01", "2025-12-27"} & seen, seen  # the peak and the first withdrawals taking effect
    page.get_by_role("button", name="Pause").click()
    page.wait_for_timeout(2500)
    stopped = address(page)
    page.wait_for_timeout(2500)
    assert address(page) == stopped
    day = re.search(r"date=([\d-]+)", stopped).group(1)
    expect(page.get_by_text(re.compile(r"^On \d+ \w+ \d{4}, \d+ states were bound"))).to_be_visible()
    assert int(day[:4]) >= 2025
    assert_clean(v, page)


def test_on_a_phone_the_map_and_its_answer_come_first(app_url, visit):
    v, page = open_map(visit, app_url, "?country=TUV", width=390, height=844, phone=True)
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box["y"] + box["height"] * 0.6 < 844, box  # the map is within the first screen
    answer = page.get_by_text(re.compile(r"states were bound")).first.bounding_box()
    assert answer["y"] < box["y"]
    assert not page.get_by_role("combobox", name="Find a state").is_visible()  # folded behind one button
    heading = page.get_by_role("heading", name="Tuvalu").bounding_box()
    assert heading["y"] > box["y"] + box["height"] - 5  # the state panel follows the map it was chosen on
    page.get_by_text("Date, region, view and search").click()
    expect(page.get_by_role("combobox", name="Find a state")).to_be_visible()
    assert page.locator(".modebar").count() == 0  # no toolbar over the legend's title
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
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
    link = page.get_by_role("link", name="Full profile")
    assert link.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # its label whole, not "Full profile: c…"
    ring = page.locator("g.trace.scattergeo path.point").last  # Holy See is a dot: it is ringed, in view
    expect(ring).to_be_visible()
    assert page.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.geo.lonaxis.range[1]") < 60
    assert_clean(v, page)
