"""An analyst's workbook (.xlsx, .ods; legacy .xls too) as sheets of text cells, for the same reading and checks as
a CSV (loaders.reading.read_cells).

python-calamine reads the cells (fast, and it reads both formats); the cells keep their type on the way: a date
cell becomes an ISO date, a number stays a number (no decimal mark to guess), true/false stay booleans. What
calamine cannot say, openpyxl does for .xlsx: which cells hold a formula that was never computed (a file written by
a program, not saved by Excel or LibreOffice), so such a cell is refused instead of read as empty.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

import i18n
from i18n import N_, _
from loaders.layout import SheetFacts
from loaders.problems import Problem
from loaders.reading import MAX_BYTES, MAX_MB, MAX_ROWS

ZIP = b"PK\x03\x04"  # .xlsx and .ods are zip files
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
SUFFIXES = ("xlsx", "xlsm", "ods", "xls")
SKIPPED = N_("{reason}: skipped")  # a sheet left out, and why


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[str]]  # list position + 1 = the sheet's row number; cell position + 1 = its column number
    facts: SheetFacts


def is_workbook(data: bytes) -> bool:
    """By the bytes, not the name: a workbook saved as 'data.csv' is still read as one."""
    return data.startswith((ZIP, OLE))


def cell_text(value) -> str:
    """A typed cell as the text a CSV would hold: ISO dates, plain numbers (whole ones without '.0'), true/false.

    >>> [cell_text(v) for v in (6279.0, 0.85, dt.date(1997, 12, 3), dt.datetime(2025, 1, 2), True, None, " Angola ")]
    ['6279', '0.85', '1997-12-03', '2025-01-02', 'true', '', ' Angola ']
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_book(data: bytes, file: str, wanted) -> tuple[list[Sheet], list[Problem]]:
    """The sheets `wanted(name)` accepts, read; every other one named as skipped (a "fixed" note); or the problem
    that stops the reading."""
    if len(data) > MAX_BYTES:
        return [], [Problem(file, None, None, None, _(
            "the file is {size} MB; the limit is {limit} MB: save the workbook without images, charts or sheets the "
            "upload does not need").format(size=i18n.number(len(data) / 1024 / 1024, 1), limit=MAX_MB))]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        return [], [Problem(file, None, None, None, _("the workbook is protected by a password: save a copy "
                            "without the password and upload that"))]
    except (CalamineError, ValueError, OSError) as e:
        return [], [Problem(file, None, None, None, _(
            "this file is not a workbook that can be read (.xlsx, .ods or legacy .xls; it may be damaged: {error}): "
            "open it in Excel or LibreOffice, save it again, and upload that").format(error=type(e).__name__))]
    sheets, notes = [], []
    read = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            notes.append(Problem(file, None, None, None, _(SKIPPED).format(
                reason=_("not a sheet of cells (a chart or macro sheet)")), "fixed", sheet=meta.name))
            continue
        why = wanted(meta.name)
        if why:
            notes.append(Problem(file, None, None, None, _(SKIPPED).format(reason=why), "fixed", sheet=meta.name))
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.height > MAX_ROWS + 1 + 1000:  # room for blank rows; the row count itself is checked later
            return [], [Problem(file, None, None, None, _("the sheet has {rows} rows; the limit is {limit}: is it the "
                                "right file?").format(rows=i18n.number(sheet.height), limit=i18n.number(MAX_ROWS)),
                                sheet=meta.name)]
        rows = [[cell_text(v) for v in r] for r in sheet.to_python(skip_empty_area=False)]
        merged = tuple((r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ()))
        read.append((meta.name, rows, merged))
    formulas = _uncomputed_formulas(data, [name for name, _, _ in read])
    for name, rows, merged in read:
        unvalued = tuple((r, c, f) for r, c, f in formulas.get(name, ())
                         if r > len(rows) or c > len(rows[r - 1]) or rows[r - 1][c - 1] == "")
        sheets.append(Sheet(name, rows, SheetFacts(merged, unvalued)))
    return sheets, notes


def skip_reason(message: str) -> str:
    """Why a sheet was skipped, from its note's message (SKIPPED, in the visitor's language) without the 'skipped'."""
    before, _sep, after = _(SKIPPED).partition("{reason}")
    return message.removeprefix(before).removesuffix(after)


def _uncomputed_formulas(data: bytes, names: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    """The formula cells of the .xlsx file's sheets `names`: (row, column, formula), by sheet. The caller keeps
    those calamine found no value for. Any other format (or a file openpyxl cannot read) gives none: .ods and .xls
    files keep the values their program computed."""
    if not data.startswith(ZIP) or not names:
        return {}
    try:
        import openpyxl  # only for .xlsx formulas, which calamine does not report
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension not supported" and the like: nothing the analyst can act on
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            out = {}
            for name in names:
                # values only (no cell objects: a third of the time); a formula reads as its text, "=…". A text cell
                # starting with "=" reads the same, but calamine has its value, so the caller never keeps it.
                out[name] = [(r, c, v) for r, row in enumerate(book[name].iter_rows(values_only=True), start=1)
                             for c, v in enumerate(row, start=1) if isinstance(v, str) and v.startswith("=")]
            book.close()
            return out
    except Exception:  # noqa: BLE001 - not an .xlsx openpyxl knows (an .ods is a zip too): no formulas to report
        return {}
