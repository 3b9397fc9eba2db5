"""Benchmark of the pages in headless Chromium (prints numbers; not a test).

    .venv/bin/python -m benchmarks.bench [--runs 5] [--write docs/PERFORMANCE.md]   (from the project root)

Measures, each as a median of N runs after one warm-up:
- cold open: a freshly started server, a new browser profile, from navigation to the map drawn;
- the same for a bare Streamlit page with one small plotly line chart (the floor), and the ratio;
- warm open: the same server, a new browser profile each time;
- date change: from a click on a key-moment button to the map redrawn for that date;
- bytes sent to the browser: all HTTP responses (as transferred) and the websocket messages, cold cache;
- server memory: peak resident set (VmHWM) of the server process after the runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import Server, in_thread, launch_chromium, per_session_memory
from paths import ROOT

MAP_DRAWN = "document.querySelectorAll('path.choroplethlocation').length > 150"
BARE_DRAWN = "document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length > 0"
# pages in sections (tabs) are drawn when their open section is: the rest is drawn when its tab is clicked
DOMINO_DRAWN = "document.querySelectorAll('.js-plotly-plot path.point').length > 60"  # the timeline's steps
IMPACT_DRAWN = "[...document.querySelectorAll('.annotation-text')].some(e => e.textContent.includes('6,279'))"
COUNTRY_DRAWN = ("document.querySelectorAll('.js-plotly-plot .barlayer .point').length > 0 && "
                 "[...document.querySelectorAll('h4')].some(h => h.textContent.includes('Sources used'))")
# the other pages: name, path, "fully drawn"
DATA_DRAWN = "[...document.querySelectorAll('h3')].some(h => h.textContent.includes('Versions'))"
OVER_TIME_DRAWN = "document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length > 1"
STORY_DRAWN = ("[...document.querySelectorAll('h1')].some(h => h.textContent.includes('opens for signature')) && "
               "document.querySelectorAll('path.choroplethlocation').length > 150")
PAGES = [("Domino", "/domino", DOMINO_DRAWN), ("Humanitarian impact", "/impact", IMPACT_DRAWN),
         ("Country profile (Cambodia)", "/country?country=KHM", COUNTRY_DRAWN),
         ("Update data", "/data", DATA_DRAWN), ("Over time", "/over-time", OVER_TIME_DRAWN),
         ("Story", "/story", STORY_DRAWN)]
# In the browser, per page in sections: a tab click until that section is drawn (page, path, tab, drawn, back to).
TAB_SWITCHES = [("Domino", "/domino", "Exposure",
                 "document.querySelectorAll('path.choroplethlocation').length > 150 && "
                 "document.querySelectorAll('[data-testid=stDataFrame]').length > 0", "How the withdrawals unfolded"),
                ("Humanitarian impact", "/impact", "By country",
                 "document.querySelectorAll('path.choroplethlocation').length > 150 && "
                 "document.querySelectorAll('[data-testid=stMain] .js-plotly-plot').length >= 3", "Recorded casualties")]
# Per page, its main interaction as the light client sends it (server time, websocket): a widget and values,
# and the query string of the section it is in (a page in tabs runs only its open tab).
INTERACTIONS = [("Treaty map", "", "date", ["2025-12-01", "2026-02-20"], ""),
                ("Domino", "domino", "w-alliance", [0.0, 2.0], "section=Exposure"),
                ("Humanitarian impact", "impact", "year", ["2016", "2024"], "section=By+country"),
                ("Country profile", "country", "profile", ["Cambodia", "Finland"], ""),
                ("Update data", "data", "dataset", ["article5", "casualties_global"], ""),
                ("Over time", "over-time", None, [], "")]
BUDGET = {"ratio": 1.3, "date_change_s": 0.300, "payload_kb": 800}


def open_page(browser, url: str, drawn: str, measure_bytes=False) -> tuple[float, tuple[int, int], int]:
    """Seconds from navigation to drawn; HTTP bytes (all, and the app's own /app/static/ files) and
    websocket bytes received."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    http, ws = (0, 0), 0
    if measure_bytes:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        urls, sizes = {}, {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        frames = []
        page.on("websocket", lambda w: w.on("framereceived", lambda p: frames.append(len(p))))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(drawn, timeout=120_000, polling=50)
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=120_000)
    elapsed = time.perf_counter() - t0
    if measure_bytes:
        page.wait_for_timeout(1500)
        own = sum(n for rid, n in sizes.items() if "/app/static/" in urls.get(rid, ""))
        http, ws = (sum(sizes.values()), own), sum(frames)
    context.close()
    return elapsed, http, ws


def ensure_naive_geometry() -> None:
    """The naive page reads the unsimplified 1:50m topology that scripts/build_geometry.py fetches (npm)."""
    if not (ROOT / "build" / "world-atlas" / "countries-50m.json").exists():
        from scripts.build_geometry import fetch_world_atlas  # geometry build deps: imported only when needed
        fetch_world_atlas()


def naive_date_changes(url: str, runs: int) -> list[float]:
    """Server time of the naive page's date change (light client): what its rerun costs."""

    from benchmarks.stclient import Session

    async def go():
        s = Session(url)
        await s.connect()
        await s.run()
        times = []
        for i in range(runs + 1):
            r = await s.run(widgets={"date": f"{2000 + i}-06-01"})
            if i:
                times.append(r.seconds)
        await s.close()
        return times

    return in_thread(go())


READY: dict[str, list[float]] = {}  # per script: seconds from launch to answering its health check


def cold_opens(browser, script: str, drawn: str, runs: int, path: str = "") -> tuple[list[float], tuple, float]:
    times, payload, peak = [], ((0, 0), 0), 0.0
    for i in range(runs + 1):
        t0 = time.perf_counter()
        server = Server(script)
        READY.setdefault(script, []).append(time.perf_counter() - t0)
        try:
            t, http, ws = open_page(browser, server.url + path, drawn, measure_bytes=(i == 1))
            if i == 1:
                payload = (http, ws)
            peak = max(peak, server.peak_rss_mb())
        finally:
            server.stop()
        if i:  # the first run warms the disk cache and Python's bytecode
            times.append(t)
    return times, payload, peak


def date_changes(browser, url: str, runs: int) -> list[float]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(MAP_DRAWN, timeout=120_000)
    targets = [("Peak: 166", "1 December 2025"), ("Poland leaves", "20 February 2026")]
    times = []
    for i in range(runs + 1):
        label, shown = targets[i % 2]
        button = page.get_by_role("button", name=re.compile("^" + re.escape(label)))
        t0 = time.perf_counter()
        button.click()
        page.wait_for_function(
            f"[...document.querySelectorAll('.legendtitletext')].some(e => e.textContent.includes('{shown}'))",
            timeout=60_000, polling="raf")
        if i:
            times.append(time.perf_counter() - t0)
    context.close()
    return times


def tab_switches(browser, url: str, tab: str, drawn: str, back: str, runs: int) -> list[float]:
    """From a click on a section's tab to that section drawn (its own charts in place of the open one's)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-testid='stMain'] .js-plotly-plot .main-svg", timeout=120_000)
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        page.get_by_role("tab", name=tab).click()
        page.wait_for_function(drawn, timeout=60_000, polling="raf")
        page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
        if i:
            times.append(time.perf_counter() - t0)
        page.get_by_role("tab", name=back).click()
        page.wait_for_function(f"!({drawn})", timeout=60_000)
        page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    context.close()
    return times


def story_steps(browser, url: str, runs: int) -> list[float]:
    """From a press of → on the story to the next step's title and chart drawn."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(url + "/story?step=opened")
    page.wait_for_function(STORY_DRAWN, timeout=120_000)
    times = []
    for i in range(runs + 1):
        forward = i % 2 == 0
        title = "becomes international law" if forward else "opens for signature"
        t0 = time.perf_counter()
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
        page.wait_for_function(
            f"[...document.querySelectorAll('h1')].some(h => h.textContent.includes('{title}')) && "
            "document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000, polling="raf")
        page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
        if i:
            times.append(time.perf_counter() - t0)
    context.close()
    return times


def server_times(url: str, runs: int) -> dict[str, tuple[float, float, int]]:
    """Per page, from the light client: median seconds of a warm rerun with nothing changed, of its main
    interaction (a widget moved), and the bytes the interaction sent back."""

    from benchmarks.stclient import Session

    async def go():
        out = {}
        for name, page, key, values, query in INTERACTIONS:
            s = Session(url)
            await s.connect()
            await s.run()  # the map first: it tells the pages' ids
            await s.run(page=page, query=query)
            reruns = [(await s.run(query=query)).seconds for _ in range(runs)]
            moves, sent = [], 0
            if key:
                for i in range(runs + 1):
                    r = await s.run(query=query, widgets={key: values[i % 2]})
                    if r.exceptions:
                        raise SystemExit(f"{name}: {r.exceptions}")
                    if i:
                        moves.append(r.seconds)
                        sent = r.bytes
            out[name] = (statistics.median(reruns), statistics.median(moves) if moves else float("nan"), sent)
            await s.close()
        return out

    return in_thread(go())


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 ** 2
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", help="also write the table to this Markdown file")
    ap.add_argument("--server-only", action="store_true",
                    help="only each page's warm rerun and main interaction on the server (light client; ~30 s)")
    args = ap.parse_args()
    if args.server_only:
        server = Server("serve.py")
        try:
            for name, (rerun, move, sent) in server_times(server.url, max(args.runs, 10)).items():
                print(f"{name:<22} warm rerun {rerun:.3f} s   main interaction "
                      + (f"{move:.3f} s, {sent / 1024:.0f} KB" if move == move else "—"))
        finally:
            server.stop()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        ensure_naive_geometry()
        naive_cold, _, _ = cold_opens(browser, "benchmarks/naive_map.py", MAP_DRAWN, args.runs)
        map_cold, map_bytes, map_peak = cold_opens(browser, "serve.py", MAP_DRAWN, args.runs)
        bare_cold, bare_bytes, bare_peak = cold_opens(browser, "benchmarks/bare_app.py", BARE_DRAWN, args.runs)
        others = {name: cold_opens(browser, "serve.py", drawn, args.runs, path) for name, path, drawn in PAGES}
        server = Server("serve.py")
        try:
            warm = [open_page(browser, server.url, MAP_DRAWN)[0] for _ in range(args.runs + 1)][1:]
            others_warm = {name: [open_page(browser, server.url + path, drawn)[0] for _ in range(args.runs + 1)][1:]
                           for name, path, drawn in PAGES}
            bare_server = Server("benchmarks/bare_app.py")
            try:
                bare_warm = [open_page(browser, bare_server.url, BARE_DRAWN)[0] for _ in range(args.runs + 1)][1:]
            finally:
                bare_server.stop()
            changes = date_changes(browser, server.url, args.runs)
            switches = {name: tab_switches(browser, server.url + path, tab, drawn, back, args.runs)
                        for name, path, tab, drawn, back in TAB_SWITCHES}
            steps = story_steps(browser, server.url, args.runs)
            peak_after = server.peak_rss_mb()
            per_page = server_times(server.url, args.runs)
            per_session = in_thread(per_session_memory(server.url, 10, server.proc.pid))
            naive_server = Server("benchmarks/naive_map.py")
            try:
                naive_warm = [open_page(browser, naive_server.url, MAP_DRAWN)[0] for _ in range(args.runs + 1)][1:]
                naive_changes = naive_date_changes(naive_server.url, args.runs)
            finally:
                naive_server.stop()
        finally:
            server.stop()
        browser.close()

    med = statistics.median
    ratio_cold = med(map_cold) / med(bare_cold)
    ratio_warm = med(warm) / med(bare_warm)
    kb = lambda b: b / 1024  # noqa: E731
    rows = [
        ("Map page, cold server: open → drawn (s)", f"{med(map_cold):.2f}", f"min {min(map_cold):.2f}, max {max(map_cold):.2f}"),
        ("Bare page, cold server (s)", f"{med(bare_cold):.2f}", f"min {min(bare_cold):.2f}, max {max(bare_cold):.2f}"),
        ("Ratio map / bare, cold", f"{ratio_cold:.2f}", f"budget ≤ {BUDGET['ratio']}"),
        ("Server launch → ready (s)", f"{med(READY['serve.py']):.2f}",
         f"serve.py prepares the data and each page's first view before it answers; bare page's server: "
         f"{med(READY['benchmarks/bare_app.py']):.2f}"),
        ("Map page, warm server (s)", f"{med(warm):.2f}", f"min {min(warm):.2f}, max {max(warm):.2f}"),
        ("Bare page, warm server (s)", f"{med(bare_warm):.2f}", ""),
        ("Ratio map / bare, warm", f"{ratio_warm:.2f}", f"budget ≤ {BUDGET['ratio']}"),
        ("Date change → map redrawn (s)", f"{med(changes):.3f}",
         f"min {min(changes):.3f}, max {max(changes):.3f}; budget ≤ {BUDGET['date_change_s']}"),
        *[(f"{name}: click on the “{tab}” tab → drawn (s)", f"{med(switches[name]):.3f}",
           f"min {min(switches[name]):.3f}, max {max(switches[name]):.3f}; the page's sections are tabs drawn when "
           f"opened; budget ≤ {BUDGET['date_change_s']}") for name, _, tab, _, _ in TAB_SWITCHES],
        ("Story: → to the next step drawn (s)", f"{med(steps):.3f}",
         f"min {min(steps):.3f}, max {max(steps):.3f}; budget ≤ {BUDGET['date_change_s']}"),
        ("Map page data: websocket + app's static files (KB)", f"{kb(map_bytes[1] + map_bytes[0][1]):.0f}",
         f"websocket {kb(map_bytes[1]):.0f} + /app/static/ {kb(map_bytes[0][1]):.0f} (shapes, fetched once); "
         f"budget ≤ {BUDGET['payload_kb']}"),
        ("Map page: all HTTP, cold browser cache (KB)", f"{kb(map_bytes[0][0]):.0f}",
         f"mostly Streamlit's own JS/CSS/fonts, cached after a first visit; bare page: {kb(bare_bytes[0][0]):.0f}"),
        ("Bare page: websocket messages (KB)", f"{kb(bare_bytes[1]):.0f}", ""),
        *[row for name, (cold, payload, _) in others.items() for row in (
            (f"{name} page, cold server (s)", f"{med(cold):.2f}",
             f"ratio to bare {med(cold) / med(bare_cold):.2f}; data {kb(payload[1] + payload[0][1]):.0f} KB"),
            (f"{name} page, warm server (s)", f"{med(others_warm[name]):.2f}",
             f"ratio to bare {med(others_warm[name]) / med(bare_warm):.2f}"))],
        ("Naive map (50m GeoJSON in the figure, no caching), cold server (s)", f"{med(naive_cold):.2f}",
         f"app's map is {med(naive_cold) / med(map_cold):.1f}× faster"),
        ("Naive map, warm server (s)", f"{med(naive_warm):.2f}", f"app's map is {med(naive_warm) / med(warm):.1f}× faster"),
        ("Naive map, date change, server (s)", f"{med(naive_changes):.3f}",
         f"app's map: {per_page['Treaty map'][1]:.3f} s, {med(naive_changes) / per_page['Treaty map'][1]:.1f}× faster; "
         "target ≥ 5×"),
        *[(f"{name}: warm rerun, server (s)", f"{rerun:.3f}",
           f"main interaction ({dict((n, k) for n, _, k, _, _ in INTERACTIONS)[name] or 'none'}): "
           + (f"{move:.3f} s, {sent / 1024:.0f} KB sent" if move == move else "—") + "; budget ≤ 0.100 warm rerun")
          for name, (rerun, move, sent) in per_page.items()],
        ("Server memory per extra session (MB)", f"{per_session:.1f}", "10 idle sessions that drew the map; budget ≤ 30"),
        ("Server peak memory, map app (MB)", f"{max(map_peak, peak_after):.0f}", f"bare app: {bare_peak:.0f}"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value:>8}  {note}" for name, value, note in rows]
    print("\n".join(lines))
    if args.write:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        md = ["# Performance", "",
              f"Measured {when} on {machine()}; headless Chromium (Debian), {args.runs} runs after one warm-up, "
              "medians. Reproduce with:", "", "```bash", f".venv/bin/python -m benchmarks.bench --runs {args.runs} "
              f"--write {args.write}", "```", "",
              "| measure | median | notes |", "|---|---:|---|",
              *[f"| {n} | {v} | {note} |" for n, v, note in rows], ""]
        target = ROOT / args.write
        # keep the written analysis below the marker; only the measured table is replaced
        marker = "<!-- analysis: kept by bench.py -->"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        tail = old[old.index(marker):] if marker in old else marker + "\n"
        target.write_text("\n".join(md) + "\n" + tail, encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
