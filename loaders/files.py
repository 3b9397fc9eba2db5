"""What an analyst's file holds, checked: one dataset from a CSV, or one per sheet of a workbook. The one path for
the upload page and `python -m loaders validate`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from i18n import _
from loaders import schemas
from loaders.problems import Problem, Reading
from loaders.reading import Source, name_key, read_cells
from loaders.validation import Report, checked, guarded, refuse_empty, safe_check
from loaders.workbook import is_workbook, read_book

_URL = re.compile(r"^https?://\S+$")


@dataclass
class FileCheck:
    """One report per dataset the file holds (a CSV: the one named; a workbook: its sheets), what was skipped, and
    the problems of the file as a whole."""
    file: str
    reports: list[Report] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # sheets skipped (kind "fixed")
    errors: list[Problem] = field(default_factory=list)  # of the whole file: nothing was read

    @property
    def valid(self) -> bool:
        return not self.errors and bool(self.reports) and all(r.frame is not None for r in self.reports)

    def all_errors(self) -> list[Problem]:
        return self.errors + [p for r in self.reports for p in r.errors]

    def all_fixed(self) -> list[Problem]:
        return self.notes + [p for r in self.reports for p in r.fixed]


def sheet_dataset(name: str) -> str | None:
    """The dataset a sheet is named after: its name or its title, any case or spacing ('Casualties Global')."""
    n = name_key(name)
    return next((d for d, s in schemas.SCHEMAS.items() if n in (name_key(d), name_key(s.title or ""))), None)


def source_problems(source: Source | None, file: str) -> list[Problem]:
    if source and source.source_url.strip() and not _URL.match(source.source_url.strip()):
        return [Problem(file, None, "source_url", source.source_url.strip(), _("the source address given for the "
                        "whole file must start with http:// or https://, without spaces"))]
    return []


def check_file(data: bytes, file: str, dataset: str | None = None, source: Source | None = None) -> FileCheck:
    """Read and check `data`. A CSV needs `dataset`; a workbook's sheets decide (`dataset`, if given, picks its
    sheet). `source` fills the report and address of rows that have none."""
    bad_source = source_problems(source, file)
    if bad_source:
        return FileCheck(file, errors=bad_source)
    if is_workbook(data):
        return _check_book(data, file, dataset, source)
    if dataset is None:
        return FileCheck(file, errors=[Problem(file, None, None, None, _("a CSV file holds one dataset: say which "
                                               "(one of {datasets})").format(datasets=", ".join(schemas.SCHEMAS)))])
    return FileCheck(file, [safe_check(data, dataset, file, source)])


def _check_book(data: bytes, file: str, dataset: str | None, source: Source | None) -> FileCheck:
    seen: dict[str, str] = {}

    def wanted(sheet: str) -> str | None:
        """Why a sheet is skipped, or None to read it."""
        d = sheet_dataset(sheet)
        if d is None:
            return _("not named after a dataset")
        if dataset and d != dataset:
            return _("holds {dataset}, not {wanted}").format(dataset=d, wanted=dataset)
        if d in seen:
            return _("sheet '{sheet}' already holds {dataset}").format(sheet=seen[d], dataset=d)
        seen[d] = sheet
        return None

    try:
        sheets, notes = read_book(data, file, wanted)
    except Exception as e:  # noqa: BLE001 - a sentence for the analyst, whatever the file holds
        return FileCheck(file, errors=[Problem(file, None, None, None, _(
            "this workbook could not be read ({error}); nothing was changed. Open it in Excel or LibreOffice, save it "
            "again, and upload that").format(error=type(e).__name__))])
    out = FileCheck(file, notes=[n for n in notes if n.kind == "fixed"],
                    errors=[n for n in notes if n.kind != "fixed"])
    if out.errors:
        return out
    if not sheets:
        names = ", ".join(schemas.SCHEMAS) if not dataset else dataset
        out.errors.append(Problem(file, None, None, None, _("no sheet is named after a dataset: name each sheet you "
                                  "want read after the dataset it holds ({datasets}), or after its title").format(
                                      datasets=names)))
        return out
    for sheet in sheets:
        d = sheet_dataset(sheet.name)
        report = refuse_empty(guarded(lambda s=sheet, d=d: checked(
            read_cells(s.rows, d, file, Reading(sheet=s.name), source, s.facts), d, file), d, file))
        report.errors = [replace(p, sheet=sheet.name) for p in report.errors]
        report.fixed = [replace(p, sheet=sheet.name) for p in report.fixed]
        out.reports.append(report)
    return out
