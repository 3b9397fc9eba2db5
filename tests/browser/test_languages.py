"""Every page in French and Spanish, in a real Chromium: the page declares its language (so a screen reader speaks
it with the right voice), shows none of the app's own English (data values such as a source's title aside), keeps
the language from page to page through the navigation, passes the contrast check in both themes, and holds its
layout at 1280 px and on a phone; the map's date line is in the language."""
from datetime import date
from pathlib import Path

import pytest

import i18n
from i18n import _
from tests.english import english_in

pytestmark = pytest.mark.browser
OTHER = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE]
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
# every page, and every tab of the pages that have tabs (named in English: a link made in English opens the same tab)
PATHS = ["/", "/domino", "/domino?section=The+treaty%27s+size", "/domino?section=Exposure",
         "/domino?section=What+if+more+left%3F&seeds=Norway&seeds=Sweden", "/impact", "/impact?section=By+country",
         "/impact?section=Clearance", "/impact?section=Article+5+deadlines", "/country?country=KHM", "/data",
         "/over-time", "/story", "/story?step=deadlines"]
PLOT = "[data-testid='stMain'] .js-plotly-plot .main-svg, [data-testid='stFileUploader']"
# What a reader meets: the navigation, the page's text, and the text the charts draw (SVG)
TEXTS = """() => {
  const out = [];
  for (const e of document.querySelectorAll("[data-testid='stSidebarNav'] a, [data-testid='stMain'] :is(h1, h2, h3, p,"
      + " li, label, button, [role=tab], summary, caption, th, [data-testid='stCaptionContainer'])")) {
    if (e.closest("[data-mbt-lang]")) continue;  // a passage in its own language (a source's title)
    const t = (e.innerText || "").trim(); if (t) out.push(t);
  }
  for (const e of document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot .main-svg text")) {
    const t = (e.textContent || "").trim(); if (t) out.push(t);
  }
  return out; }"""
# Text cut off or pushing the page sideways: a control whose words overflow it, or a page wider than the screen
OVERFLOW = """() => {
  const cut = [];
  for (const e of document.querySelectorAll("[data-testid='stMain'] :is(button, [role=tab], label)")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX !== 'auto')
      cut.push((e.innerText || '').trim().slice(0, 60));
  }
  return {cut, wide: document.documentElement.scrollWidth > window.innerWidth + 1}; }"""


def _open(v, app_url, path, lang):
    page = v.open(f"{app_url}{path}{'&' if '?' in path else '?'}lang={lang}")
    page.wait_for_selector(PLOT, timeout=60_000)
    page.wait_for_timeout(800)  # plotly finishes laying out its text
    return page


@pytest.mark.parametrize("lang", OTHER)
def test_every_page_speaks_the_language(app_url, visit, lang):
    v = visit(width=1280, height=800)
    found = {}
    for path in PATHS:
        page = _open(v, app_url, path, lang)
        assert page.evaluate("document.documentElement.lang") == lang, path
        if english := english_in(page.evaluate(TEXTS), lang):
            found[path] = english[:8]
        layout = page.evaluate(OVERFLOW)
        assert layout == {"cut": [], "wide": False}, (path, layout)
    assert found == {}
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)


@pytest.mark.parametrize("lang", OTHER)
def test_the_navigation_keeps_the_language_and_names_the_page(app_url, visit, lang):
    v = visit(width=1280, height=800)
    page = _open(v, app_url, "/", lang)
    with i18n.speaking(lang):
        impact, treaty = _("Humanitarian impact"), _("Mine Ban Treaty")
        today = i18n.day(date.today())
    assert today in page.locator("[data-testid='stMain']").inner_text()  # the map's date line, in the language
    page.locator("[data-testid='stSidebarNav']").get_by_text(impact).click()
    page.wait_for_selector(PLOT, timeout=60_000)
    page.wait_for_function("() => location.href.includes('/impact')")
    assert f"lang={lang}" in page.evaluate("location.href")
    assert page.title() == f"{impact} · {treaty}"
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contrast_in_each_language_and_theme(app_url, visit, lang, scheme):
    v = visit(width=1280, height=800, color_scheme=scheme)
    for path in ("/", "/impact?section=Article+5+deadlines", "/domino?section=Exposure", "/data"):
        page = _open(v, app_url, path, lang)
        failing = page.evaluate(CONTRAST_JS)
        assert failing == [], (path, failing[:5])


@pytest.mark.parametrize("lang", OTHER)
def test_on_a_phone_nothing_runs_off_the_screen(app_url, visit, lang):
    v = visit(width=390, height=844, phone=True)
    for path in ("/", "/impact", "/country?country=KHM", "/story", "/data"):
        page = _open(v, app_url, path, lang)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate(OVERFLOW)["wide"] is False, path


def test_a_french_browser_gets_french_and_a_link_keeps_it(app_url, browser):
    ctx = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(f"{app_url}/impact")
        page.wait_for_selector(PLOT, timeout=60_000)
        page.wait_for_function("() => document.documentElement.lang === 'fr'", timeout=30_000)
        with i18n.speaking("fr"):
            assert page.title() == f"{_('Humanitarian impact')} · {_('Mine Ban Treaty')}"
        page.wait_for_function("() => location.href.includes('lang=fr')", timeout=10_000)  # a link made now keeps it
    finally:
        ctx.close()


def test_the_french_pack_opens_from_a_file_with_no_network(app_url, browser, tmp_path):
    """The presentation pack follows the page's language: French words, French numbers, <html lang="fr">, and it
    still works from file:// with every request refused."""
    from loaders.story import read_steps
    steps = read_steps()
    with i18n.speaking("fr"):
        exports, whole = _("Export, share, sources"), _("Download the whole story as one HTML file (offline)")
        titles = [_(s.title) for s in steps]
    ctx = browser.new_context(viewport={"width": 1600, "height": 900})
    page = ctx.new_page()
    page.goto(f"{app_url}/story?step={steps[0].step}&lang=fr")
    page.get_by_role("button", name=exports).click(timeout=60_000)
    with page.expect_download(timeout=120_000) as d:
        page.get_by_role("button", name=whole).click()
    pack = tmp_path / "recit.html"
    d.value.save_as(pack)
    ctx.close()

    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    asked, errors = [], []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else
              (asked.append(r.request.url), r.abort()))
    p = ctx.new_page()
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto(pack.as_uri())
    assert p.evaluate("document.documentElement.lang") == "fr"
    for i, step in enumerate(steps):
        if i:
            p.keyboard.press("ArrowRight")
        assert p.locator(f"#{step.step} h1").inner_text(timeout=30_000) == titles[i]
        p.wait_for_selector(f"#plot-{i} .main-svg", timeout=30_000)
    texts = p.evaluate("() => [...document.querySelectorAll('h1, p, button, .legendtext, .gtitle, .g-xtitle, .g-ytitle')]"
                       ".map(e => e.textContent.trim()).filter(Boolean)")
    ctx.close()
    assert english_in(texts, "fr") == []
    assert asked == [] and errors == [], (asked, errors)
