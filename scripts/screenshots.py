"""Screenshots of every page, light and dark, wide and narrow, in headless Chromium (for people to look at).

Usage: python -m scripts.screenshots [OUT_DIR] [--pages map,domino] [--sizes wide,phone] [--full]   (default OUT_DIR: screenshots/, gitignored)
Starts its own server on a free loopback port.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.harness import Server, Visit, launch_chromium
from paths import ROOT

PAGES = {"map": "/", "map-europe-2025-12-01": "/?date=2025-12-01&region=Europe&country=UKR",
         "map-3d": "/?view=3D", "domino": "/domino",
         "domino-size": "/domino?section=The+treaty%27s+size", "domino-exposure": "/domino?section=Exposure",
         "domino-cascade": "/domino?seeds=Sweden&use-threshold=true&threshold=0.25", "domino-norway": "/domino?seeds=Norway",
         "over-time": "/over-time", "map-presenter": "/?present=1", "impact-presenter": "/impact?present=1",
         "impact": "/impact", "impact-2019": "/impact?section=By+country&year=2019",
         "impact-clearance": "/impact?section=Clearance", "impact-article5": "/impact?section=Article+5+deadlines",
         "country-AFG": "/country?country=AFG", "country-KHM": "/country?country=KHM",
         "country-MMR": "/country?country=MMR", "country-FIN": "/country?country=FIN",
         "country-UKR": "/country?country=UKR", "country-AGO": "/country?country=AGO",
         "country-HRV": "/country?country=HRV", "country-SEN": "/country?country=SEN",
         **{f"story-{n}": f"/story?step={n}&present=1" for n in
            ("opened", "in-force", "casualty-low", "peak", "notices", "exits", "casualties-2024", "deadlines")},
         "story": "/story?step=notices"}
SIZES = {"wide": (1920, 1080), "narrow": (1280, 720), "phone": (390, 844)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=str(ROOT / "screenshots"))
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--full", action="store_true", help="the whole scrolling page, not only the first screen")
    ap.add_argument("--sizes", default=",".join(SIZES))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with Server("serve.py") as server, sync_playwright() as p:
        url = server.url
        browser = launch_chromium(p)
        try:
            for page_name in args.pages.split(","):
                for scheme in ("light", "dark"):
                    for size_name in args.sizes.split(","):
                        w, h = SIZES[size_name]
                        # Streamlit scrolls inside its own container, so a "full page" is a tall window
                        h = 4800 if args.full else h
                        v = Visit(browser, width=w, height=h, color_scheme=scheme)
                        page = v.open(url + PAGES[page_name])
                        page.wait_for_timeout(3000 if args.full else 1500)
                        path = out / f"{page_name}-{scheme}-{size_name}.png"
                        page.screenshot(path=str(path), full_page=False)
                        print(path, "outside requests:", v.outside, "console errors:", v.errors)
                        v.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
