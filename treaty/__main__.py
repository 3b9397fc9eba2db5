"""Command line:

    python -m treaty parties --on YYYY-MM-DD    the number of States Parties, then their ISO3 codes, one per line
    python -m treaty article5 --on YYYY-MM-DD   the number of States Parties with Article 5 obligations in the data,
                                                then one line each: ISO3 STATUS DEADLINE (in force, or -)
"""
from __future__ import annotations

import argparse
import sys
from datetime import date

import pandas as pd

import loaders
from treaty.article5 import article5_tracker
from treaty.status import parties_on, timelines


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-12-01") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m treaty", description="Questions about the Mine Ban Treaty.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parties", help="States Parties on a date")
    p.add_argument("--on", type=_iso_date, default=date.today(), help="date, YYYY-MM-DD (default: today)")
    a = sub.add_parser("article5", help="Article 5 status of every State Party with clearance obligations on a date")
    a.add_argument("--on", type=_iso_date, default=date.today(), help="date, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        tl = timelines(loaders.load("membership"), loaders.load("withdrawals"))
        if args.command == "article5":
            t = article5_tracker(loaders.load("article5"), loaders.load("article5_events"), tl, args.on)
            lines = [str(len(t))] + [f"{r.iso3} {r.status} {r.deadline:%Y-%m-%d}" if pd.notna(r.deadline)
                                     else f"{r.iso3} {r.status} -" for r in t.sort_values("iso3").itertuples()]
        else:
            codes = parties_on(tl, args.on)
            lines = [str(len(codes)), *codes]
    except loaders.DataError as e:
        print(f"the bundled data is invalid:\n{e}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
