"""Hostile text in the data, in a real Chromium: every page shows it as typed, and nothing leaves the machine.

A version of every dataset is published (into this module's own versions database) in which every free-text
field — names, countries, reports, notes, details, meetings, and the version's editor and message — holds
Markdown and HTML that would fetch an outside image, make links, or bold and emphasise, and every source
address is a valid http(s) one that tries to break out of its link. Each page (the atlas with a state's panel,
the 3D view, country profiles, every tab of the domino and impact pages, every story step, over time, update
data), with its sources opened, must then ask nothing of an outside host, hold no image from one, no link but
to a source address or the app, no element made from the data's tags, and no traceback.
"""
import io
import os
import tempfile
from urllib.parse import quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

import loaders
from benchmarks.harness import LOOPBACK, Server
from loaders.schemas import SCHEMAS
from loaders.story import read_steps
from loaders.validation import check, to_csv

pytestmark = pytest.mark.browser

OUTSIDE = "198.51.100.7"  # TEST-NET-2: never a real host
HOSTILE = (f'![x](http://{OUTSIDE}/x.png) <img src="http://{OUTSIDE}/y.png"> [link](http://{OUTSIDE}/) '
           f"<b>HOSTILEBOLD</b> *HOSTILEEM* <script>alert(1)</script> :red[red] $x$ www.example.net "
           f"<a href=\"javascript:alert(2)\">js</a>")
# valid for the schema (http(s), no spaces), and trying to end its link early and add an image
SOURCE = f"https://example.org/src)![u](http://{OUTSIDE}/u.png)<img/src=http://{OUTSIDE}/v.png>"
LINKED_HOSTS = {"example.org"}  # where a published row's source address may point


def free_text_columns(dataset: str) -> list[str]:
    """Every text column the schema takes as written: not codes, allowed values, patterns, dates or numbers."""
    return [c for c, col in SCHEMAS[dataset].columns.items()
            if "string" in str(col.dtype) and c not in ("iso3", "source_url")
            and not any(getattr(ch, "name", "") in ("isin", "str_matches") for ch in col.checks)]


def hostile_csv(dataset: str) -> str:
    rows = pd.read_csv(io.StringIO(loaders.bundled_text(dataset)), dtype=str, keep_default_na=False)
    for c in free_text_columns(dataset):
        rows[c] = [f"{v} {HOSTILE}" if v else HOSTILE for v in rows[c]]
    if "source_url" in rows:  # every other row with a second address too
        rows["source_url"] = [SOURCE + (" | http://example.org/second" if i % 2 else "") if v else v
                              for i, v in enumerate(rows["source_url"])]
    report = check(rows.to_csv(index=False).encode(), dataset, f"hostile {dataset}")
    assert report.frame is not None, report.errors[:3]  # the hostile text is valid data: pages must show it
    return to_csv(report.frame, dataset)


@pytest.fixture(scope="module")
def hostile_app():
    from publish.store import Store

    db = os.path.join(tempfile.mkdtemp(prefix="mbt-hostile-"), "versions.sqlite3")
    store = Store(f"sqlite:///{db}")
    for d in SCHEMAS:
        store.add(d, hostile_csv(d), editor=f"Editor {HOSTILE}"[:200], message=f"Update {HOSTILE}")
    with Server("serve.py", env={"MBT_VERSIONS_DB": db}) as server:
        yield server.url


def _name(iso3: str) -> str:
    return loaders.load_membership().set_index("iso3").loc[iso3, "name"]


SECTION = {"domino": ["How the withdrawals unfolded", "The treaty's size", "Exposure"],
           "impact": ["Recorded casualties", "By country", "Clearance", "Article 5 deadlines"]}
PAGES = (["/?country=UKR&date=2026-01-01", "/?country=LTU", "/?view=3D", "/over-time", "/data?dataset=withdrawals"]
         + [f"/country?country={c}" for c in ("UKR", "AFG", "KHM", "SEN", "LTU")]
         + [f"/{p}?section={quote(s)}" for p, sections in SECTION.items() for s in sections]
         # a scenario link names its states as shown: here with their hostile text
         + [f"/domino?seeds={quote(_name('SWE') + ' ' + HOSTILE)}&use-threshold=true&threshold=0.25"]
         + [f"/story?step={s.step}" for s in read_steps()])

# Every link, image and element of the page, HTML and SVG (plotly draws links and images in SVG too)
INSPECT = """() => {
  const all = [...document.querySelectorAll('*')];
  const attr = (e, n) => e.getAttribute(n) || e.getAttribute('xlink:' + n) || '';
  return {
    links: all.filter(e => e.tagName.toLowerCase() === 'a').map(e => attr(e, 'href')),
    images: all.filter(e => ['img', 'image', 'source', 'video', 'iframe'].includes(e.tagName.toLowerCase()))
               .map(e => attr(e, 'src') || attr(e, 'href')),
    made: all.filter(e => ['HOSTILEBOLD', 'HOSTILEEM', 'js', 'red'].includes((e.textContent || '').trim())
                          && !['option', 'title'].includes(e.tagName.toLowerCase()))
             .map(e => e.outerHTML.slice(0, 200)),
    scripts: all.filter(e => e.tagName.toLowerCase() === 'script' && (e.textContent || '').includes('alert('))
                .length,
    text: document.body.innerText + ' ' + [...document.querySelectorAll('svg text')].map(t => t.textContent).join(' '),
  };
}"""


def _local(address: str) -> bool:
    u = urlsplit(address)
    return (not u.scheme and not u.netloc) or u.scheme in ("data", "blob", "about") or u.hostname in LOOPBACK


def _open_sources(page):
    exports = page.get_by_role("button", name="Export, share, sources")  # the story keeps them in a popover
    if exports.count():
        exports.click()
        page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    box = page.get_by_test_id("stExpander").filter(has_text="Sources and caveats")
    if box.count() and box.first.locator("details").get_attribute("open") is None:
        box.first.locator("summary").click()
        page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
        expect(box.first).to_contain_text("Published version", timeout=30_000)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_as_typed(hostile_app, visit, path):
    v = visit(width=1600, height=1000)
    page = v.open(f"{hostile_app}{path}")
    if "/data" not in path and "view=3D" not in path:
        page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=60_000)
    _open_sources(page)
    page.wait_for_timeout(1500)  # late requests (images, fonts) would show up here

    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()
    assert "Traceback" not in page.locator("body").inner_text()
    assert v.outside == [], f"requests left the machine: {v.outside}"
    found = page.evaluate(INSPECT)
    assert [s for s in found["images"] if not _local(s)] == []
    for href in found["links"]:
        u = urlsplit(href)
        assert _local(href) or (u.scheme in ("http", "https") and u.hostname in LINKED_HOSTS
                                or _sidecar_host(u.hostname)), f"a link from the data: {href}"
    assert found["made"] == [], "elements made from the data's tags"
    assert found["scripts"] == 0
    if "/data" not in path:  # (the update page shows the data in grids, drawn on a canvas)
        assert "<b>HOSTILEBOLD</b> *HOSTILEEM*" in found["text"], "the data's text, shown as typed"
    if "seeds=" in path:  # the scenario link found its state by the hostile name it shows
        assert "Round 1" in found["text"]
    assert not [e for e in v.errors if "WebGL" not in e], v.errors


def _sidecar_host(host: str | None) -> bool:
    """The bundled sidecars' source addresses (shown under each dataset), not the published rows'."""
    hosts = set()
    for d in SCHEMAS:
        hosts |= {urlsplit(s["url"]).hostname for s in loaders.provenance(d)["sources"]}
    return host in hosts


def test_3d_tooltip_shows_a_name_as_typed(hostile_app, visit):
    v = visit(width=1600, height=1000)
    page = v.open(f"{hostile_app}/?view=3D")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(2500)
    box = canvas.bounding_box()
    for fx in (0.5, 0.45, 0.55, 0.6, 0.4):  # sweep until the pointer is over a state
        for fy in (0.5, 0.6, 0.4):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(250)
            tip = page.locator(".deck-tooltip")
            if tip.count() and tip.first.is_visible():
                assert "<b>HOSTILEBOLD</b>" in tip.first.inner_text()
                assert tip.first.locator("b, img, a").count() == 0
                assert v.outside == []
                return
    pytest.fail("no tooltip found over the map")
