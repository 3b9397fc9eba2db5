"""How long checking the largest file an analyst may upload takes: a workbook of 20,000 rows (the row limit) against
the same rows as CSV, and the share of the workbook's time spent finding formulas never computed (openpyxl).

    python -m benchmarks.workbooks [--rows 20000] [--repeat 5]

Prints each median; the upload page checks a file once (cached), not on every rerun.
"""
from __future__ import annotations

import argparse
import io
import statistics
import time

import openpyxl
import pandas as pd

from loaders.files import check_file
from loaders.workbook import _uncomputed_formulas
from paths import DATA_DIR

DATASET = "casualties_by_country"


def files(rows: int) -> tuple[bytes, bytes]:
    curated = pd.read_csv(DATA_DIR / f"{DATASET}.csv", dtype=str, keep_default_na=False)
    big = pd.concat([curated] * (rows // len(curated) + 1)).head(rows).reset_index(drop=True)
    big["report"] = [f"Landmine Monitor {i}" for i in range(len(big))]  # distinct keys: every row valid
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = DATASET
    sheet.append(list(big.columns))
    numeric = {"year", "total", "killed", "injured"}
    for _, r in big.iterrows():
        sheet.append([float(v) if c in numeric and v else (v or None) for c, v in r.items()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), big.to_csv(index=False).encode()


def median_s(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    xlsx, csv = files(args.rows)
    assert check_file(xlsx, "big.xlsx").valid and check_file(csv, "big.csv", DATASET).valid
    book = median_s(lambda: check_file(xlsx, "big.xlsx"), args.repeat)
    text = median_s(lambda: check_file(csv, "big.csv", DATASET), args.repeat)
    scan = median_s(lambda: _uncomputed_formulas(xlsx, [DATASET]), args.repeat)
    print(f"{args.rows:,} rows of {DATASET}: xlsx {len(xlsx) / 1e6:.1f} MB, csv {len(csv) / 1e6:.1f} MB")
    print(f"check_file xlsx  median {book:.2f} s")
    print(f"check_file csv   median {text:.2f} s   (xlsx/csv ratio {book / text:.2f})")
    print(f"formula scan     median {scan:.2f} s   ({scan / book:.0%} of the workbook's time)")


if __name__ == "__main__":
    main()
