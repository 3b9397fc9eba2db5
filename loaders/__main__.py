"""Command line: python -m loaders validate PATH --dataset NAME  |  python -m loaders docs

Exit 0 when the file is valid; otherwise 1, with one line per problem (row, column, value, what to do).
Exit 2 for a wrong command. Never a traceback, whatever the file holds.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.docs import data_dictionary
from loaders.schemas import SCHEMAS
from loaders.validation import safe_check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Validate a dataset CSV.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a CSV against a dataset's schema")
    v.add_argument("path", help="CSV file to check")
    v.add_argument("--dataset", required=True, choices=list(SCHEMAS), help="which dataset the file holds")
    sub.add_parser("docs", help="print the data dictionary (docs/DATA.md) generated from the schemas")
    args = parser.parse_args(argv)
    if args.command == "docs":
        print(data_dictionary(), end="")
        return 0

    path = Path(args.path)
    try:
        data = path.read_bytes()
    except OSError as e:
        print(f"{path}: cannot read the file ({e.strerror or e})", file=sys.stderr)
        return 1
    report = safe_check(data, args.dataset, path.name)  # the same reading and checks as the upload page
    r = report.reading
    if r.encoding:
        print(f"{path.name}: read as {r.encoding}, delimiter {'tab' if r.delimiter == chr(9) else repr(r.delimiter)}, "
              f"decimal mark {r.decimal!r}")
    for p in report.fixed:
        print(f"fixed: {p}")
    if report.errors:
        for p in report.errors:
            print(p)
        print(f"{len(report.errors)} problem(s) in {path.name}; nothing was changed.", file=sys.stderr)
        return 1
    print(f"{path.name}: valid {args.dataset} data, {len(report.frame)} rows.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
