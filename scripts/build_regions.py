"""Build data/geometry/regions.csv: the world region and subregion of every map feature.

Regions follow the UN geoscheme as given by the npm package world-countries (mledoze/countries, ODbL 1.0).
Usage: python -m scripts.build_regions   (needs npm; writes regions.csv and its sidecar)
"""
from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import tarfile

from paths import GEOMETRY_DIR, ROOT

BUILD = ROOT / "build"
OUT = GEOMETRY_DIR
VERSION = "5.1.0"
ACCESSED = "2026-11-26"
# Map features world-countries does not list under the code used here, placed as the source places
# the state they are drawn apart from (Kosovo is "UNK" in world-countries).
SAME_AS = {"XKX": "UNK", "XNC": "CYP", "XSL": "SOM", "XSG": "IND"}


def countries() -> dict[str, dict]:
    BUILD.mkdir(exist_ok=True)
    tarball = BUILD / f"world-countries-{VERSION}.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", "--silent", f"world-countries@{VERSION}", "--pack-destination", str(BUILD)],
                       check=True, cwd=BUILD, stdout=subprocess.DEVNULL)
    with tarfile.open(tarball) as tar:
        data = json.loads(tar.extractfile("package/countries.json").read())
    return {c["cca3"]: c for c in data}


def main() -> None:
    wc = countries()
    with open(OUT / "points.csv", encoding="utf-8", newline="") as f:
        codes = [r["iso3"] for r in csv.DictReader(f)]
    rows, missing = [], []
    for iso3 in codes:
        c = wc.get(SAME_AS.get(iso3, iso3))
        if c is None:
            missing.append(iso3)
            continue
        rows.append([iso3, c["region"], c["subregion"] or c["region"]])
    if missing:
        raise SystemExit(f"no region for {missing}")
    path = OUT / "regions.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "region", "subregion"])
        w.writerows(rows)
    meta = {
        "file": path.name,
        "title": "World region and subregion of every map feature (UN geoscheme)",
        "producer": f"mledoze/countries via the npm package world-countries {VERSION}; derived by scripts/build_regions.py",
        "sources": [{"name": f"world-countries {VERSION} (npm package, mledoze/countries)",
                     "report": "countries.json: region and subregion per ISO 3166-1 alpha-3 code",
                     "url": "https://www.npmjs.com/package/world-countries", "accessed": ACCESSED}],
        "licence": "Open Database License (ODbL) 1.0",
        "derived": ["One row per feature of countries.geojson.",
                    "Features without their own entry take the region of the state they are drawn apart from: "
                    + ", ".join(f"{k} as {v}" for k, v in SAME_AS.items()) + " (UNK is Kosovo in world-countries)."],
        "caveats": ["Regions are for navigation and filtering, not a political statement.",
                    "The source places Cyprus in Europe and Russia in Eastern Europe."],
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    (OUT / "regions.meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
