"""A first visit over a slow network: bytes on the wire and the time until the map is drawn, through nginx
(deploy/local-cluster.sh, compressed and cached) and straight to one replica (what a visitor got before).

    .venv/bin/python -m benchmarks.first_visit [--runs 3] [--down-kbps 1600] [--rtt-ms 150]   (from the project root)

Chromium's own network emulation (DevTools' Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps up,
150 ms round trip by default, a conference hall's shared wifi or a phone), a new browser profile for each
visit (cold cache), then a second visit in the same profile (what the browser cache keeps). Bytes: every HTTP
response as transferred (encodedDataLength: compressed, headers included) plus the websocket's messages.
Medians of N runs.
"""
from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.bench import MAP_DRAWN
from benchmarks.harness import Cluster, Server, launch_chromium


def visit(context, url: str, down_kbps: float, rtt_ms: float) -> tuple[float, int, int]:
    """Seconds to the map drawn, HTTP bytes on the wire, websocket bytes received."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": rtt_ms, "downloadThroughput": down_kbps * 1000 / 8,
        "uploadThroughput": 750 * 1000 / 8})
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    frames: list[int] = []
    page.on("websocket", lambda w: w.on("framereceived", lambda p: frames.append(len(p))))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(MAP_DRAWN, timeout=300_000, polling=100)
    seconds = time.perf_counter() - t0
    time.sleep(1)  # late requests (the favicon, a font) still count as bytes
    page.close()
    return seconds, sum(sizes.values()), sum(frames)


def measure(browser, url: str, runs: int, down_kbps: float, rtt_ms: float) -> dict[str, list]:
    out: dict[str, list] = {"cold s": [], "cold KB": [], "ws KB": [], "again s": [], "again KB": []}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        s, http, ws = visit(context, url, down_kbps, rtt_ms)
        out["cold s"].append(s)
        out["cold KB"].append((http + ws) / 1024)
        out["ws KB"].append(ws / 1024)
        s, http, ws = visit(context, url, down_kbps, rtt_ms)
        out["again s"].append(s)
        out["again KB"].append((http + ws) / 1024)
        context.close()
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--down-kbps", type=float, default=1600)
    ap.add_argument("--rtt-ms", type=float, default=150)
    args = ap.parse_args()
    results = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        with Cluster(1, database="mbt_cluster_load") as cluster:
            results["through nginx (compressed, cached)"] = measure(browser, cluster.url, args.runs,
                                                                    args.down_kbps, args.rtt_ms)
        with Server("serve.py") as server:
            results["straight to one replica"] = measure(browser, server.url, args.runs, args.down_kbps, args.rtt_ms)
        browser.close()
    print(f"First visit to the map, {args.down_kbps:g} kbps down, 750 kbps up, {args.rtt_ms:g} ms round trip "
          f"(Chromium's emulation), medians of {args.runs}:")
    for name, r in results.items():
        med = {k: statistics.median(v) for k, v in r.items()}
        print(f"  {name}: cold cache {med['cold KB']:.0f} KB on the wire (websocket {med['ws KB']:.0f} KB), "
              f"map drawn after {med['cold s']:.1f} s (min {min(r['cold s']):.1f}, max {max(r['cold s']):.1f}); "
              f"second visit {med['again KB']:.0f} KB, {med['again s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
