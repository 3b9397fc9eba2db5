"""What a workbook's sheet says beyond its cell values: merged cells and formulas that were never computed, each a
problem by row and column (loaders.reading.read_cells reports them once it knows the header)."""
from __future__ import annotations

from dataclasses import dataclass

from i18n import _
from loaders.csvfile import SNIPPET
from loaders.problems import Problem


@dataclass(frozen=True)
class SheetFacts:
    """What a workbook knows of a sheet beyond its cell values: merged ranges and formulas without a value, each as
    spreadsheet numbers (row, column from 1)."""
    merged: tuple[tuple[int, int, int, int], ...] = ()  # first row, first column, last row, last column
    formulas: tuple[tuple[int, int, str], ...] = ()  # row, column, formula


def _letter(column: int) -> str:
    """A spreadsheet's column letters (1 -> A, 27 -> AA)."""
    out = ""
    while column:
        column, r = divmod(column - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_name(header: list[str], column: int) -> str:
    if column <= len(header) and header[column - 1]:
        return header[column - 1]
    return _("column {letter}").format(letter=_letter(column))


def merged_problems(facts: SheetFacts, header_row: int, header: list[str], file: str) -> list[Problem]:
    """Merged cells from the header down: a merged header names one column for several; a merged body cell holds
    its value in the first cell only."""
    out = []
    for r1, c1, r2, c2 in facts.merged:
        if r2 < header_row:
            continue
        where = f"{_letter(c1)}{r1}:{_letter(c2)}{r2}"
        if r1 <= header_row <= r2:
            out.append(Problem(file, header_row, _column_name(header, c1), where, _("header cells are merged: "
                               "unmerge them, so that each column has its own name in its own cell, on one header "
                               "row")))
        else:
            out.append(Problem(file, r1, _column_name(header, c1), where, _("cells are merged, so only the first "
                               "holds the value: unmerge them and fill each cell")))
    return out


def formula_problems(facts: SheetFacts, header: list[str], file: str) -> list[Problem]:
    return [Problem(file, r, _column_name(header, c), f[:SNIPPET], _("a formula with no value in the file (it was "
                    "never computed): open the workbook in Excel or LibreOffice and save it, which computes it, or "
                    "type the value")) for r, c, f in facts.formulas]
