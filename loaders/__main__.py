"""Command line: python -m loaders validate FILE [--dataset NAME] [--report TEXT --source-url URL]  |  python -m loaders docs

FILE is a CSV (then --dataset says which dataset it holds) or a workbook (.xlsx, .ods: each sheet named after a
dataset is checked as that dataset; --dataset, if given, picks one). One line per dataset checked and per sheet
skipped, one per problem. Exit 0 when every dataset in the file is valid; otherwise 1. Exit 2 for a wrong command.
Never a traceback, whatever the file holds.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.docs import data_dictionary
from loaders.files import check_file
from loaders.reading import Source
from loaders.schemas import SCHEMAS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Validate a dataset file.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a CSV or a workbook against the datasets' rules")
    v.add_argument("path", metavar="FILE", help="CSV file, or .xlsx/.ods workbook, to check")
    v.add_argument("--dataset", choices=list(SCHEMAS),
                   help="which dataset a CSV holds (for a workbook, the sheets' names decide; this picks one)")
    v.add_argument("--report", default="", metavar="TEXT",
                   help="the report the figures come from, for rows that name none")
    v.add_argument("--source-url", default="", metavar="URL", help="its web address, for rows that give none")
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
    result = check_file(data, path.name, args.dataset, Source(args.report, args.source_url))
    for p in result.notes:
        print(p)
    for p in result.errors:
        print(p)
    for report in result.reports:
        where = f"{path.name}, sheet '{report.reading.sheet}'" if report.reading.sheet else path.name
        if report.reading.encoding or report.reading.sheet:
            print(f"{where}: {report.reading.described()}")
        for p in report.fixed:
            print(f"fixed: {p}")
        for p in report.errors:
            print(p)
        if report.errors:
            print(f"{where}: {report.dataset}: {len(report.errors)} problem(s)")
        else:
            print(f"{where}: valid {report.dataset} data, {len(report.frame)} rows.")
    if not result.valid:
        print(f"{len(result.all_errors())} problem(s) in {path.name}; nothing was changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
