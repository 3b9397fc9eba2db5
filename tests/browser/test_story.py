"""The story in a real Chromium: walked with the keys a clicker sends, every step fitting a 16:9 screen in presenter
mode; its offline pack opened from file:// with every request refused; downloads that carry their citation."""
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from loaders.story import read_steps

pytestmark = pytest.mark.browser
STEPS = read_steps()
MAIN = "[data-testid='stMain']"


def heading(page) -> str:
    return page.locator(f"{MAIN} h1").first.inner_text(timeout=30_000)


def at_step(page, i: int) -> None:
    expect(page.locator(f"{MAIN} h1").first).to_have_text(STEPS[i].title, timeout=30_000)
    expect(page.get_by_text(f"Step {i + 1} of {len(STEPS)}", exact=True)).to_be_visible()
    assert urlparse(page.url).query.count(f"step={STEPS[i].step}") == 1, page.url
    page.wait_for_selector(f"{MAIN} .js-plotly-plot .main-svg", timeout=30_000)


def fits_screen(page) -> tuple[int, int]:
    """Height of the page's content and of the screen it scrolls in (Streamlit scrolls inside stMain)."""
    return page.locator(MAIN).evaluate("e => [e.scrollHeight, e.clientHeight]")


def test_story_walked_with_a_clicker_in_presenter_mode(app_url, visit):
    v = visit(width=1920, height=1080)
    page = v.open(f"{app_url}/story?step={STEPS[0].step}&present=1")
    at_step(page, 0)
    assert page.locator(f"{MAIN} [data-testid='stMarkdownContainer'] p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)") >= 24
    forward = ["ArrowRight", "PageDown", "Space"]  # what clickers send
    for i in range(1, len(STEPS)):
        page.locator("body").press(forward[i % len(forward)])
        at_step(page, i)
        v.wait_until_drawn()
        content, screen = fits_screen(page)
        assert content <= screen + 2, f"step {STEPS[i].step} scrolls: {content} px of content on {screen} px"
    page.locator("body").press("ArrowRight")  # past the end: stays on the last step
    at_step(page, len(STEPS) - 1)
    back = ["ArrowLeft", "PageUp"]
    for i in range(len(STEPS) - 2, -1, -1):
        page.locator("body").press(back[i % len(back)])
        at_step(page, i)
    assert v.outside == [], v.outside
    assert v.errors == [], v.errors


def test_step_links_and_buttons(app_url, visit):
    v = visit(width=1280, height=800)
    page = v.open(f"{app_url}/story?step=peak")
    at_step(page, [s.step for s in STEPS].index("peak"))
    expect(page.get_by_text("The treaty reached its peak of 166 States Parties on 1 December 2025")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    at_step(page, [s.step for s in STEPS].index("peak") + 1)
    assert heading(page) == STEPS[[s.step for s in STEPS].index("peak") + 1].title
    assert page.title().endswith("Story · Mine Ban Treaty")
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)


def test_presentation_pack_works_from_a_file_with_no_network(app_url, visit, browser, tmp_path):
    v = visit(width=1600, height=900)
    page = v.open(f"{app_url}/story?step={STEPS[0].step}")
    page.get_by_role("button", name="Export, share, sources").click()
    with page.expect_download(timeout=120_000) as d:
        page.get_by_role("button", name="Download the whole story as one HTML file (offline)").click()
    pack = tmp_path / "story.html"
    d.value.save_as(pack)
    if os.environ.get("MBT_KEEP_PACK"):  # to look at it by hand
        shutil.copy(pack, os.environ["MBT_KEEP_PACK"])
    assert pack.stat().st_size > 4_000_000  # plotly.js and the outlines are inside

    ctx = browser.new_context(viewport={"width": 1600, "height": 900}, offline=True)
    asked, errors = [], []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else
              (asked.append(r.request.url), r.abort()))
    p = ctx.new_page()
    p.on("request", lambda r: r.url.startswith("file:") or asked.append(r.url))
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto(pack.as_uri())
    for i, step in enumerate(STEPS):
        if i:
            p.keyboard.press("ArrowRight" if i % 2 else "PageDown")
        expect(p.locator(f"#{step.step} h1")).to_be_visible()
        expect(p.locator("#count")).to_have_text(f"Step {i + 1} of {len(STEPS)}")
        p.wait_for_selector(f"#plot-{i} .main-svg", timeout=30_000)
        if step.view == "map":  # the outlines come from inside the file
            assert p.locator(f"#plot-{i} path.choroplethlocation").count() > 150
        else:  # bars, lines or markers drawn
            p.wait_for_selector(f"#plot-{i} g.trace path", state="attached", timeout=30_000)
        assert urlparse(p.url).fragment == step.step
    p.keyboard.press("PageUp")
    expect(p.locator(f"#{STEPS[-2].step} h1")).to_be_visible()
    # hover still works: a tooltip appears over a plotted point
    p.goto(pack.as_uri() + f"#{STEPS[-2].step}")
    box = p.locator(f"#plot-{len(STEPS) - 2} .nsewdrag").first.bounding_box()
    p.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    ctx.close()
    assert asked == [], asked
    assert errors == [], errors


def test_downloads_carry_the_citation_line(app_url, visit, tmp_path):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/impact")
    page.wait_for_selector(f"{MAIN} .js-plotly-plot .main-svg", timeout=60_000)
    with page.expect_download() as d:
        page.locator(".st-key-csv-casualties button").click()
    text = Path(d.value.path()).read_text(encoding="utf-8-sig")
    first, header = text.splitlines()[:2]
    assert first.startswith('"# Mine Ban Treaty dashboard: Humanitarian impact.')
    assert "bundled version 0" in first and "Landmine Monitor" in first and "https://" in first
    assert header.split(",")[:2] == ["year", "total"]
    assert any(line.startswith("2024,6279,") for line in text.splitlines())  # the 2024 total, as drawn

    # the camera button saves SVG once SVG is chosen, in the browser, with no request to anyone
    page.get_by_test_id("stSidebar").get_by_text("SVG", exact=True).click()
    v.wait_until_drawn()
    chart = page.locator(".st-key-casualties .js-plotly-plot").first
    chart.hover()
    with page.expect_download() as d:
        chart.locator(".modebar-btn[data-title^='Download plot']").click()
    assert d.value.suggested_filename.endswith(".svg")
    assert Path(d.value.path()).read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)
