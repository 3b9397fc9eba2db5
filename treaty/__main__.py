"""Command line: python -m treaty parties --on YYYY-MM-DD

Prints the number of States Parties on that date, then their ISO3 codes, one per line.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date

import loaders
from treaty.status import parties_on, timelines


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-12-01")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m treaty", description="Questions about the Mine Ban Treaty.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parties", help="States Parties on a date")
    p.add_argument("--on", type=_iso_date, default=date.today(), help="date, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        tl = timelines(loaders.load_membership(), loaders.load_withdrawals())
    except loaders.DataError as e:
        print(f"the bundled data is invalid:\n{e}", file=sys.stderr)
        return 1
    codes = parties_on(tl, args.on)
    try:
        sys.stdout.write("\n".join([str(len(codes)), *codes]) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
