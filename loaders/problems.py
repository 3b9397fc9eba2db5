"""What reading and checking a file reports: a `Problem` (an error, or a fix said in the report) and how the file
was read. Shared by every step of the reading (loaders.csvfile, loaders.reading, loaders.plaintext)."""
from __future__ import annotations

from dataclasses import dataclass, field

from i18n import _


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number (header = 1), None for file-level problems
    column: str | None
    value: str | None
    message: str  # what is wrong and what to do (or, for kind "fixed", what was changed)
    kind: str = "error"  # "error" blocks the upload; "fixed" says what was done to the file
    sheet: str | None = None  # the workbook's sheet the problem is in

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(_("sheet '{sheet}'").format(sheet=self.sheet))
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column:
            where.append(_("column '{column}'").format(column=self.column))
        if self.value is None:
            return _("{where}: {message}").format(where=", ".join(where), message=self.message)
        return _("{where}: value {value!r}: {message}").format(where=", ".join(where), value=self.value,
                                                               message=self.message)


@dataclass
class Reading:
    """How the file was read, for the report."""
    encoding: str = ""
    delimiter: str = ","
    decimal: str = "."
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # file header -> dataset column
    sheet: str = ""  # the workbook's sheet read (its cells are typed: no encoding, delimiter or decimal mark)

    def described(self) -> str:
        """How the file was read, in a clause: 'read as UTF-8, separated by ',', decimal mark '.''."""
        if self.sheet:
            return _("read from sheet '{sheet}'").format(sheet=self.sheet)
        if self.delimiter == "\t":
            return _("read as {encoding}, separated by tab, decimal mark {decimal!r}").format(
                encoding=_(self.encoding), decimal=self.decimal)
        return _("read as {encoding}, separated by {separator!r}, decimal mark {decimal!r}").format(
            encoding=_(self.encoding), separator=self.delimiter, decimal=self.decimal)
