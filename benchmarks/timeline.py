"""Where the time of an opening goes, in the browser: the phases of the map, the country profile and the bare
page (one plotly line chart) on a fresh server, and of impact's "By country" tab switch. Prints medians.

    .venv/bin/python -m benchmarks.timeline [--runs 5]   (from the project root)

Phases, from navigation start: the HTML received; Streamlit's main script received; the websocket open (the
frontend has started); the server's first and last message of the first run; plotly's bundle received; the
page drawn. For the tab: the click, the server's last message, the tab drawn, and plotly.js alone drawing the
same figures again (Plotly.newPlot on their data and layout, plotly.js from the plotly package, no Streamlit):
what is left is Streamlit's frontend.
"""
from __future__ import annotations

import argparse
import statistics

from benchmarks.bench import BARE_DRAWN, COUNTRY_DRAWN, MAP_DRAWN
from benchmarks.harness import Server, launch_chromium

IMPACT_MAP = ("document.querySelectorAll('path.choroplethlocation').length > 150 && "
              "document.querySelectorAll('[data-testid=stMain] .js-plotly-plot').length >= 3")
# the websocket's first and last message, timed in the page (performance.now(), as the resource timings)
PROBE = """
window.__t = {};
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Native(...args);
  ws.addEventListener('open', () => { window.__t.open = performance.now(); });
  ws.addEventListener('message', () => {
    const now = performance.now();
    if (window.__t.first === undefined) window.__t.first = now;
    window.__t.last = now;
  });
  return ws;
};
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
window.WebSocket.prototype = Native.prototype;
"""


def opening(browser, url: str, drawn: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(f"({drawn}) && ((window.__t.drawn = performance.now()), true)", timeout=120_000,
                           polling="raf")
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    t = page.evaluate("""() => {
        const r = performance.getEntriesByType('resource');
        const end = re => Math.max(0, ...r.filter(e => re.test(e.name)).map(e => e.responseEnd));
        return {html: performance.getEntriesByType('navigation')[0].responseEnd,
                main: end(/\\/static\\/js\\/index\\.[^/]*\\.js$/), open: window.__t.open, first: window.__t.first,
                plotly: end(/PlotlyChart\\.[^/]*\\.js$/), drawn: window.__t.drawn};
    }""")
    context.close()
    return {k: v / 1000 for k, v in t.items()}


def tab_switch(browser, url: str, plotly_js: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url + "/impact")
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=120_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    page.wait_for_timeout(500)
    start = page.evaluate("performance.now()")
    page.get_by_role("tab", name="By country").click()
    page.wait_for_function(f"({IMPACT_MAP}) && ((window.__t.drawn = performance.now()), true)", timeout=60_000,
                           polling="raf")
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    t = page.evaluate("({last: window.__t.last, drawn: window.__t.drawn})")
    page.add_script_tag(path=plotly_js)  # plotly.js on its own, inline (no request)
    alone = page.evaluate("""async () => {
        const plots = [...document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')];
        const t0 = performance.now();
        for (const gd of plots) {
            const div = document.createElement('div');
            div.style.width = gd.offsetWidth + 'px';
            document.body.appendChild(div);
            await window.Plotly.newPlot(div, JSON.parse(JSON.stringify(gd.data)),
                                        JSON.parse(JSON.stringify(gd.layout)), {staticPlot: false});
        }
        return performance.now() - t0;
    }""")
    context.close()
    return {"server done": (t["last"] - start) / 1000, "drawn": (t["drawn"] - start) / 1000,
            "plotly.js alone": alone / 1000}


def main() -> int:
    import os

    import plotly
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    plotly_js = os.path.join(os.path.dirname(plotly.__file__), "package_data", "plotly.min.js")
    pages = [("bare page", "benchmarks/bare_app.py", "", BARE_DRAWN), ("map", "serve.py", "", MAP_DRAWN),
             ("country profile", "serve.py", "/country?country=KHM", COUNTRY_DRAWN)]
    with sync_playwright() as p:
        browser = launch_chromium(p)
        print(f"Opening on a fresh server, seconds from navigation start (medians of {args.runs}, after one warm-up):")
        print(f"  {'page':<16} {'HTML':>6} {'main JS':>8} {'ws open':>8} {'1st msg':>8} {'plotly JS':>10} {'drawn':>7}")
        for name, script, path, drawn in pages:
            runs = []
            for i in range(args.runs + 1):
                with Server(script) as server:
                    t = opening(browser, server.url + path, drawn)
                if i:
                    runs.append(t)
            m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"  {name:<16} {m['html']:>6.2f} {m['main']:>8.2f} {m['open']:>8.2f} {m['first']:>8.2f} "
                  f"{m['plotly']:>10.2f} {m['drawn']:>7.2f}")
        with Server("serve.py") as server:
            runs = [tab_switch(browser, server.url, plotly_js) for _ in range(args.runs + 1)][1:]
        m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"Impact, click on 'By country' → drawn (medians of {args.runs}): server's last message "
              f"{m['server done']:.3f} s, drawn {m['drawn']:.3f} s; plotly.js alone drawing the same three figures "
              f"{m['plotly.js alone']:.3f} s")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
