"""A file's bytes to rows of cells: its encoding, its delimiter, and its records read one at a time, so a file of
millions of short rows is refused at the row limit instead of after all of it is in memory.

When the csv module gives up (a quote that never closes, text after a closing quote, a cell over its field size
limit), the error names the spreadsheet row and the column where it happened, never the module's own words.
"""
from __future__ import annotations

import csv
import io

import i18n
from i18n import N_, _
from loaders.problems import Problem

SNIPPET = 30  # characters of a cell quoted in a message


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in. UTF-8 first; UTF-16 by its BOM or its zero bytes;
    then Windows-1252 (Excel's "CSV" on Windows); Latin-1 last, which reads any byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), N_("UTF-8 with BOM")
        except UnicodeDecodeError:
            pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") >= len(sample) // 4:  # UTF-16 without a BOM
        order = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(order), "UTF-16"
        except UnicodeDecodeError:
            pass
    for enc, label in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return data.decode(enc), label
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "Latin-1"


def first_line(text: str) -> str:
    """The first line holding anything, found without splitting the whole text."""
    return next((line for line in io.StringIO(text, newline="") if line.strip()), "")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the header line (outside quotes) into the most cells."""
    first = first_line(text)
    best, cells = ",", 1
    for d in (",", ";", "\t"):
        try:
            n = len(next(csv.reader([first], delimiter=d)))
        except (csv.Error, StopIteration):
            continue
        if n > cells:
            best, cells = d, n
    return best


class _Lines:
    """The text's lines as the csv reader takes them, counting where the next record starts."""

    def __init__(self, text: str):
        self._src = io.StringIO(text, newline="")
        self.offset = 0  # characters consumed so far
        self.count = 0  # lines consumed so far

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._src)
        self.offset += len(line)
        self.count += 1
        return line


def read_rows(text: str, delimiter: str, file: str, limit: int) -> tuple[list[list[str]] | None, Problem | None]:
    """Every record of the text (blank ones too, so list positions are spreadsheet rows), or the one problem that
    stops the reading: more than `limit` rows besides the header, or a record the csv module cannot read."""
    lines = _Lines(text)
    rows: list[list[str]] = []
    start, start_line = 0, 1  # where the record being read begins
    try:
        for record in csv.reader(lines, delimiter=delimiter, strict=True):
            rows.append(record)
            if len(rows) > limit + 1:  # counted as they come: the rest of the file is never parsed
                return None, Problem(file, None, None, None, _("the file has more than {limit} rows; the limit is "
                                     "{limit}: is it the right file?").format(limit=i18n.number(limit)))
            start, start_line = lines.offset, lines.count + 1
    except csv.Error:
        return None, _unreadable(text, start, start_line, rows, delimiter, file)
    return rows, None


def _unreadable(text: str, start: int, line: int, rows: list[list[str]], delimiter: str, file: str) -> Problem:
    """The record starting at text[start] could not be read: its row, the column and what to do."""
    limit = csv.field_size_limit()
    cell, how, begin = locate(text, start, delimiter, limit)
    row = len(rows) + 1
    header = next((r for r in rows if any(c.strip() for c in r)), None)
    column = None
    if header is not None:
        column = header[cell].strip() if cell < len(header) and header[cell].strip() else _("cell {number}").format(
            number=cell + 1)
    value = text[begin:begin + SNIPPET].split("\n")[0].split("\r")[0]
    value = value + "…" if len(value) == SNIPPET else value
    message = _why_unreadable(how, limit)
    if line != row:
        message = _("{message} (the row starts on line {line} of the file)").format(message=message,
                                                                                    line=i18n.number(line))
    if header is None:
        message = _("in the header, cell {number}: {message}").format(number=cell + 1, message=message)
    return Problem(file, row, column, value or None, message)


def _why_unreadable(how: str | None, limit: int) -> str:
    """What went wrong in a record the csv module cannot read, and what to do."""
    if how == "long_quoted":
        return _("this cell is longer than {limit} characters: usually a quote (\") that opens a text and never "
                 "closes; close it, or remove the quote").format(limit=i18n.number(limit))
    if how == "long":
        return _("this cell is longer than {limit} characters, far more than any value of a dataset: is it the right "
                 "file?").format(limit=i18n.number(limit))
    if how == "open":
        return _("a quote (\") opens a text here and never closes, so the rest of the file would be one cell: close "
                 "it, or remove the quote")
    if how == "after_quote":
        return _("text follows the quote (\") that closes this cell: put the whole cell in quotes and write each "
                 "quote inside it twice (\"\"), or remove the quotes")
    return _("this row cannot be read as CSV: check its quotes (\") and separators")


def locate(text: str, start: int, delimiter: str, limit: int) -> tuple[int, str | None, int]:
    """Where the csv reader gives up in the record starting at text[start], read by its own rules (a quote opens a
    text only at a cell's start; "" inside it is one quote): (cell index, what went wrong, where that cell begins).

    >>> locate('a,"b\\n', 0, ",", 10)
    (1, 'open', 2)
    >>> locate('a,"b"c,d', 0, ",", 10)
    (1, 'after_quote', 2)
    """
    cell, begin, quoted, length, i, n = 0, start, False, 0, start, len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if text.startswith('"', i + 1):  # a doubled quote is one quote of the text
                    i, length = i + 2, length + 1
                    continue
                quoted = False
                if text[i + 1:i + 2] not in (delimiter, "\r", "\n", ""):
                    return cell, "after_quote", begin
                i += 1
                continue
        elif ch == delimiter:
            cell, begin, length, i = cell + 1, i + 1, 0, i + 1
            continue
        elif ch in "\r\n":
            return cell, None, begin  # the record ended and nothing was found
        elif ch == '"' and i == begin:
            quoted, i = True, i + 1
            continue
        length += 1
        if length > limit:
            return cell, "long_quoted" if quoted else "long", begin
        i += 1
    return cell, "open" if quoted else None, begin
