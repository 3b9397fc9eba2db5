"""The story in a real Chromium: walked with the keys a clicker sends, every step fitting a 16:9 screen in presenter
mode; its offline pack opened from file:// with every request refused; downloads that carry their citation."""
import itertools
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

import i18n
from loaders.story import read_steps

pytestmark = pytest.mark.browser
STEPS = read_steps()
MAIN = "[data-testid='stMain']"


def heading(page) -> str:
    return page.locator(f"{MAIN} h1").first.inner_text(timeout=30_000)


def at_step(page, i: int, lang: str = "en") -> None:
    with i18n.speaking(lang):
        title, count = i18n._(STEPS[i].title), i18n._("Step {i} of {n}").format(i=i + 1, n=len(STEPS))
    expect(page.locator(f"{MAIN} h1").first).to_have_text(title, timeout=30_000)
    expect(page.get_by_text(count, exact=True)).to_be_visible()
    assert urlparse(page.url).query.count(f"step={STEPS[i].step}") == 1, page.url
    page.wait_for_selector(f"{MAIN} .js-plotly-plot .main-svg", timeout=30_000)


def fits_screen(page) -> tuple[int, int]:
    """Height of the page's content and of the screen it scrolls in (Streamlit scrolls inside stMain)."""
    return page.locator(MAIN).evaluate("e => [e.scrollHeight, e.clientHeight]")


SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]  # 720p and 768p projectors, a 1080p screen
# at 480 px wide (the back of the room) a slide's title must stay >= 18 px and its sentence >= 10 px
READ_AT_480 = {"h1": 18, "p": 10}


def overflows(page, selectors: list[str]) -> list[str]:
    """Which visible elements reach outside the screen (the clicker cannot scroll)."""
    return page.evaluate("""sels => { const out = [];
      for (const sel of sels) for (const e of document.querySelectorAll(sel)) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || getComputedStyle(e).visibility === 'hidden') continue;
        if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < -1 || r.left < -1)
          out.push(sel + ' ' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' x ' + Math.round(r.right));
      } return out; }""", selectors)


def smallest_at_480(page, main: str, sentence: str = "p") -> dict[str, float]:
    """The smallest title and sentence type on screen, as it would be in a screenshot shrunk to 480 px wide."""
    return page.evaluate("""([main, w, p]) => Object.fromEntries([['h1', 'h1'], ['p', p]].map(([k, t]) => [k, Math.min(...[...document
      .querySelectorAll(main + ' ' + t)].filter(e => e.getBoundingClientRect().height > 0
        && !e.closest('.st-key-story-bar, .st-key-leave-present, header'))  // the controls, hidden on a slide
      .map(e => parseFloat(getComputedStyle(e).fontSize) * 480 / w))]))""",
                         [main, page.viewport_size["width"], sentence])


# every screen in English; the 720p projector, the tightest, in French and Spanish too (they run 15–30 % longer)
WALKS = [(w, h, "en") for w, h in SCREENS] + [(1280, 720, lang) for lang in i18n.LANGUAGES if lang != "en"]


@pytest.mark.parametrize("width, height, lang", WALKS)
def test_story_walked_with_a_clicker_in_presenter_mode(app_url, visit, width, height, lang):
    v = visit(width=width, height=height)
    page = v.open(f"{app_url}/story?step={STEPS[0].step}&present=1&lang={lang}")
    at_step(page, 0, lang)
    bar = page.locator(".st-key-story-bar")
    expect(bar).to_have_css("opacity", "0")  # no chrome on the slide until the pointer moves
    forward = ["ArrowRight", "PageDown", "Space"]  # what clickers send
    for i in range(len(STEPS)):
        if i:
            page.locator("body").press(forward[i % len(forward)])
        at_step(page, i, lang)
        v.wait_until_drawn()
        content, screen = fits_screen(page)
        assert content <= screen + 2, f"step {STEPS[i].step} scrolls: {content} px of content on {screen} px"
        assert overflows(page, [f"{MAIN} h1", f"{MAIN} p", f"{MAIN} .js-plotly-plot", f"{MAIN} .legend"]) == [], \
            STEPS[i].step
        chart = page.locator(f"{MAIN} .js-plotly-plot").first.bounding_box()
        assert chart["height"] >= 0.4 * height, f"step {STEPS[i].step}: the figure uses {chart['height']} px"
        small = smallest_at_480(page, MAIN)
        assert all(small[t] >= READ_AT_480[t] for t in READ_AT_480), (STEPS[i].step, small)
        expect(page.locator(".st-key-leave-present")).to_have_css("opacity", "0")
    page.locator("body").press("ArrowRight")  # past the end: stays on the last step
    at_step(page, len(STEPS) - 1, lang)
    back = ["ArrowLeft", "PageUp"]
    for i in range(len(STEPS) - 2, -1, -1):
        page.locator("body").press(back[i % len(back)])
        at_step(page, i, lang)
    page.mouse.move(width / 2, height / 2)  # the pointer moves: the controls come back
    expect(bar).to_have_css("opacity", "1")
    with i18n.speaking(lang):
        page.get_by_role("button", name=i18n._("Next")).click()
    at_step(page, 1, lang)
    assert "present=1" in page.evaluate("location.search")  # a reload stays in presenter mode
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


def test_presentation_pack_works_from_a_file_with_no_network(pack, browser):
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


@pytest.fixture(scope="module")
def pack(app_url, browser, tmp_path_factory):
    """The whole story's pack, downloaded once from the story page."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 900})
    page = ctx.new_page()
    page.goto(f"{app_url}/story?step={STEPS[0].step}")
    page.get_by_role("button", name="Export, share, sources").click(timeout=60_000)
    with page.expect_download(timeout=120_000) as d:
        page.get_by_role("button", name="Download the whole story as one HTML file (offline)").click()
    path = tmp_path_factory.mktemp("pack") / "story.html"
    d.value.save_as(path)
    ctx.close()
    return path


@pytest.mark.parametrize("width, height", SCREENS)
def test_every_slide_of_the_pack_fits_the_screen(pack, browser, width, height):
    ctx = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    p = ctx.new_page()
    p.goto(pack.as_uri())
    expect(p.locator("header")).to_have_css("opacity", "0")  # no chrome until the pointer moves
    for i, step in enumerate(STEPS):
        if i:
            p.keyboard.press("Space")
        p.wait_for_selector(f"#plot-{i} .main-svg", timeout=30_000)
        p.wait_for_timeout(300)
        slide = f"#{step.step}"
        assert p.evaluate("document.documentElement.scrollHeight") <= height, step.step
        assert overflows(p, [f"{slide} h1", f"{slide} .sentence", f"{slide} .plot", f"{slide} .source"]) == [], \
            step.step
        source = p.locator(f"{slide} .source")
        assert source.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), step.step  # one whole line
        assert not re.search(r"https?://|localhost|127\.0\.0\.1", source.inner_text()), source.inner_text()
        plot = p.locator(f"#plot-{i}").bounding_box()
        ticks = p.locator(f"#plot-{i} .ytick text, #plot-{i} .xtick text")
        for k in range(ticks.count()):  # axis numbers inside the figure, not cut at its edge ("0, 0, 0", "k")
            box = ticks.nth(k).bounding_box()
            if box:
                assert box["x"] >= plot["x"] - 1 and box["x"] + box["width"] <= plot["x"] + plot["width"] + 1, \
                    (step.step, ticks.nth(k).text_content())
        items = [b for b in (e.bounding_box() for e in p.locator(f"#plot-{i} .legend .traces").all()) if b]
        for a_, b_ in itertools.combinations(items, 2):  # no legend entry runs into another
            assert (a_["x"] + a_["width"] <= b_["x"] + 1 or b_["x"] + b_["width"] <= a_["x"] + 1
                    or a_["y"] + a_["height"] <= b_["y"] + 1 or b_["y"] + b_["height"] <= a_["y"] + 1), step.step
        small = smallest_at_480(p, slide, ".sentence")
        assert all(small[t] >= READ_AT_480[t] for t in READ_AT_480), (step.step, small)
    p.keyboard.press("Space")  # the last slide: every source in full
    expect(p.locator("#pack-sources h1")).to_be_visible()
    assert p.locator("#pack-sources li").count() >= 4 and "https://" in p.locator("#pack-sources").inner_text()
    ctx.close()


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


def test_the_hidden_slide_controls_appear_for_the_keyboard(app_url, visit):
    v = visit(width=1280, height=720)
    page = v.open(f"{app_url}/story?step=peak&present=1")
    at_step(page, [s.step for s in STEPS].index("peak"))
    bar = page.locator(".st-key-story-bar")
    expect(bar).to_have_css("opacity", "0")
    for _ in range(40):  # Tab until the focus is in the step bar: it shows itself, and Enter presses Next
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.st-key-story-bar')"):
            break
    expect(bar).to_have_css("opacity", "1")
    bar.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    at_step(page, [s.step for s in STEPS].index("peak") + 1)
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)
