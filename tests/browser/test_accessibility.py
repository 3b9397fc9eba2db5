"""Accessibility in a real Chromium: WCAG AA text contrast on every page in the light, dark and presenter themes
(HTML and the charts' SVG text alike), page titles that say where you are, and every control reachable and usable
from the keyboard alone."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
PAGES = {"/": "Treaty map", "/domino": "Domino risk", "/impact": "Humanitarian impact",
         "/country?country=KHM": "Country profile", "/data": "Update data", "/over-time": "Over time",
         "/story?step=deadlines": "Story", "/domino?section=Exposure": "Domino risk",
         "/impact?section=By+country": "Humanitarian impact",
         "/impact?section=Article+5+deadlines": "Humanitarian impact"}
CASES = [(path, scheme, False) for path in PAGES for scheme in ("light", "dark")] + \
        [(path, scheme, True) for path in ("/", "/impact", "/story?step=deadlines") for scheme in ("light", "dark")]


@pytest.mark.parametrize("path, scheme, present", CASES,
                         ids=[f"{p}-{s}{'-presenter' if pr else ''}" for p, s, pr in CASES])
def test_text_contrast_and_page_title(app_url, visit, path, scheme, present):
    v = visit(width=1600, height=1000, color_scheme=scheme)
    url = f"{app_url}{path}" + (("&" if "?" in path else "?") + "present=1" if present else "")
    page = v.open(url)
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg, [data-testid='stFileUploader']",
                           timeout=60_000)
    page.wait_for_timeout(1000)  # plotly finishes laying out its text
    failing = page.evaluate(CONTRAST_JS)
    assert failing == [], f"{len(failing)} text(s) below WCAG AA on {path} ({scheme}): {failing[:5]}"
    assert page.title() == f"{PAGES[path]} · Mine Ban Treaty"
    assert v.outside == [] and v.errors == [], (v.outside, v.errors)


def test_the_contrast_check_catches_faint_text(app_url, visit):
    """The check itself fails on text a reader could not make out."""
    v = visit(width=1200, height=800)
    page = v.open(f"{app_url}/over-time")
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    page.wait_for_timeout(1000)  # past the fade of elements still marked stale from the run
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'faint words';
                             p.style.color = '#BBBBBB'; document.querySelector("[data-testid='stMain']").prepend(p); }""")
    assert [f["text"] for f in page.evaluate(CONTRAST_JS)] == ["faint words"]


# Each shown element of the page that has a control (a widget, a chart's tool bar, a link, an expander) is marked;
# it counts as reachable once the keyboard focus lands anywhere inside it (a date input focuses its day, month
# and year parts; a segmented control only its chosen option, the arrow keys move within it).
MARK = """() => { let n = 0; const labels = [];
  const CONTROL = "button, input, select, textarea, summary, a[href], [role=combobox], [role=switch], [role=slider],"
    + " [role=radio], [role=checkbox], [tabindex='0']";
  const usable = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !e.disabled
    && e.getAttribute('aria-disabled') !== 'true' && getComputedStyle(e).visibility !== 'hidden'
    && !e.closest('details:not([open]) > :not(summary)'); };
  for (const box of document.querySelectorAll("[data-testid='stMain'] [data-testid='stElementContainer']")) {
    if (box.querySelector("[data-testid='stElementContainer']")) continue;  // the innermost elements only
    const controls = [...box.querySelectorAll(CONTROL)].filter(usable);
    if (!controls.length) continue;
    box.setAttribute('data-kb', String(n++));
    labels.push((box.innerText || controls[0].getAttribute('aria-label') || box.className).trim().slice(0, 40));
  }
  return labels; }"""


@pytest.mark.parametrize("path", ["/", "/story?step=notices", "/impact"])
def test_every_control_is_reachable_with_tab(app_url, visit, path):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}{path}")
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=60_000)
    labels = page.evaluate(MARK)
    assert len(labels) >= 3
    reached = set()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # start from the top
    for _ in range(600):  # each chart's tool bar alone holds six stops; a long page needs a few hundred
        page.keyboard.press("Tab")
        mark = page.evaluate("() => { const e = document.activeElement; const m = e && e.closest('[data-kb]');"
                             " return m ? m.getAttribute('data-kb') : null; }")
        if mark is not None:
            reached.add(int(mark))
        if len(reached) == len(labels):
            break
    missed = [labels[i] for i in range(len(labels)) if i not in reached]
    assert not missed, f"not reachable with Tab on {path}: {missed}"


def test_story_next_works_from_the_keyboard_focus(app_url, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{app_url}/story?step=opened")
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=60_000)  # as a reader sees it
    page.get_by_role("button", name="Next").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text("The ban becomes international law",
                                                                         timeout=30_000)
