"""Read an analyst's CSV as it comes: any common encoding, delimiter, header spelling, number and date format.

What can be fixed without guessing is fixed and said (a `Problem` of kind "fixed"); what cannot is an error
naming the row, the column, the value and what to do. The result is a frame of canonical strings (ISO dates,
plain numbers, ISO3 codes) for `loaders.validation` to type and check, so the bundled files and uploads go
through one path. Nothing here raises on bad input.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

import i18n
from i18n import _, ngettext
from loaders import schemas
from loaders.csvfile import SNIPPET, decode, read_rows, sniff_delimiter
from loaders.layout import SheetFacts, formula_problems, merged_problems
from loaders.normalise import normalise
from loaders.plaintext import flag_active_text
from loaders.problems import Problem, Reading

MAX_MB = 5  # an analyst's dataset is a few hundred rows; 5 MB is far beyond any of them
MAX_BYTES = MAX_MB * 1024 * 1024  # also the server's maxUploadSize (.streamlit/config.toml)
MAX_ROWS = 20_000
HEADER_ROWS = 1  # rows are numbered as in a spreadsheet: the header is row 1
ENCODINGS_TRIED = "UTF-8 (with or without BOM), UTF-16, Windows-1252 and Latin-1"

# Header spellings analysts use, beyond each column's own name and title (case, spaces, _ - . ignored).
COLUMN_ALIASES = {
    "iso3": ["iso", "iso 3", "iso code", "iso3 code", "iso alpha3", "country code", "code", "alpha3"],
    "name": ["state", "state name", "country name"],
    "country": ["state", "state name", "country name"],
    "source_url": ["url", "link", "source link", "source address", "sources"],
    "report": ["source", "publication"],
    "note": ["notes", "comment", "comments", "remarks"],
    "total": ["casualties", "total casualties", "recorded casualties"],
    "killed": ["deaths", "dead", "fatalities"],
    "injured": ["wounded", "injuries"],
    "year": ["yr"],
    "date": ["event date"],
}
# Words that mark a totals row, which a dataset of one row per state or year must not hold.
TOTAL_WORDS = {"total", "totals", "grand total", "sum", "overall", "all", "all countries", "world total",
               "global total", "total général", "gesamt", "summe"}


def name_key(text: str) -> str:
    """A header or sheet name as compared: case, spaces and _ - . / ( ) ignored."""
    return re.sub(r"[\s_\-./()]+", " ", str(text).strip().lower().replace("\ufeff", "")).strip()


def column_lookup(dataset: str) -> dict[str, str]:
    """Normalised header spelling -> column name: the name, its title, and the aliases (documented in DATA.md)."""
    schema = schemas.SCHEMAS[dataset]
    out: dict[str, str] = {}
    for name, col in schema.columns.items():
        for spelling in [name, col.title or "", *COLUMN_ALIASES.get(name, [])]:
            if spelling and name_key(spelling) not in out:
                out[name_key(spelling)] = name
    return out


def aliases_of(dataset: str, column: str) -> list[str]:
    return [a for a in COLUMN_ALIASES.get(column, []) if column_lookup(dataset).get(name_key(a)) == column]


@dataclass(frozen=True)
class Source:
    """The report and address given for a whole file, for its rows that name none (analysts' workbooks rarely carry
    a source column: the source is the report)."""
    report: str = ""
    source_url: str = ""

    def given(self) -> dict[str, str]:
        return {c: v.strip() for c, v in (("report", self.report), ("source_url", self.source_url)) if v.strip()}


def read_table(data: bytes, dataset: str, file: str, source: Source | None = None
               ) -> tuple[pd.DataFrame | None, list[Problem], Reading]:
    """The file as a frame of canonical strings indexed by spreadsheet row, with every problem and fix."""
    reading = Reading()
    if len(data) > MAX_BYTES:
        return None, [Problem(file, None, None, None, _(
            "the file is {size} MB; the limit is {limit} MB: upload one dataset at a time, without embedded images or "
            "extra sheets").format(size=i18n.number(len(data) / 1024 / 1024, 1), limit=MAX_MB))], reading
    text, reading.encoding = decode(data)
    if "\x00" in text:
        return None, [Problem(file, None, None, None, _("this is neither a text file nor a workbook (it holds binary "
                              "data): upload the CSV, or the .xlsx or .ods workbook, as saved"))], reading
    if not text.strip():
        return None, [Problem(file, None, None, None, _("the file is empty: it needs a header row and data rows"))], reading
    reading.delimiter = sniff_delimiter(text)
    rows, unreadable = read_rows(text, reading.delimiter, file, MAX_ROWS)
    if unreadable:
        return None, [unreadable], reading
    return read_cells(rows, dataset, file, reading, source)


def _citation_line(cells: list[str]) -> bool:
    """The first line of this dashboard's downloads: one cell, '# ' and the citation (publish.safe)."""
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and cells[0].strip().startswith("# ")


def read_cells(rows: list[list[str]], dataset: str, file: str, reading: Reading, source: Source | None = None,
               facts: SheetFacts | None = None) -> tuple[pd.DataFrame | None, list[Problem], Reading]:
    """Rows of text cells (a CSV's records, or a sheet's cells; list position + 1 = spreadsheet row) as a frame of
    canonical strings indexed by spreadsheet row, with every problem and fix. `source` fills the report and address
    of rows that have none."""
    problems: list[Problem] = []
    blank = [not any(c.strip() for c in r) for r in rows]
    first = next((i for i, b in enumerate(blank) if not b), None)
    if first is not None and _citation_line(rows[first]):
        problems.append(Problem(file, first + 1, None, rows[first][0][:SNIPPET], _("the citation line of a download "
                                "from this dashboard: left out (the rows keep their own sources)"), "fixed"))
        first = next((i for i in range(first + 1, len(rows)) if not blank[i]), None)
    if first is None:
        return None, problems + [Problem(file, None, None, None, _("the file has no header row: the first row must "
                                         "name the columns"))], reading
    if first and not problems:
        problems.append(Problem(file, first + 1, None, None, ngettext(
            "{n} blank row(s) above the header: left out", "{n} blank row(s) above the header: left out", first
        ).format(n=first), "fixed"))
    header, body = [h.strip() for h in rows[first]], rows[first + 1:]
    offset = first + HEADER_ROWS + 1  # spreadsheet number of the first body row
    given = source.given() if source else {}
    facts = facts or SheetFacts()
    merged = merged_problems(facts, first + 1, header, file)
    if any(m.row == first + 1 for m in merged):
        return None, problems + merged, reading

    mapping, header_problems = _map_header(header, dataset, file, first + 1, set(given))
    problems += header_problems
    reading.columns = {h: mapping[i] for i, h in enumerate(header) if mapping.get(i)}
    if any(p.kind == "error" for p in header_problems):
        two = _two_row_header(rows, first, dataset, file, set(given))
        if two:
            return None, [p for p in problems if p.kind == "fixed"] + [two], reading
        others = matching_datasets(header, dataset)
        if others:
            problems.append(Problem(file, first + 1, None, None, _("this header is that of the {dataset} dataset: "
                                    "was the file meant for it?").format(dataset=others[0])))
        return None, problems, reading
    two = _two_row_header(rows, first, dataset, file, set(given), len(mapping))
    if two:
        return None, [p for p in problems if p.kind == "fixed"] + [two], reading
    problems += merged + formula_problems(facts, header, file)

    kept, body_problems = _body_rows(body, offset, len(header), mapping, dataset, file, reading.delimiter)
    problems += body_problems
    again = _header_again(kept, mapping, dataset, file)
    if again:
        problems.append(again)
    reading.rows = len(kept)
    schema = schemas.SCHEMAS[dataset]
    columns = {mapping[i]: [cells[i] or None for _n, cells in kept] for i in mapping}
    for name in schema.columns:
        if name not in columns:
            columns[name] = [None] * len(kept)  # optional column absent from the file (said in _map_header)
    frame = pd.DataFrame(columns, index=pd.Index([n for n, _ in kept], name="row"), dtype=object)[list(schema.columns)]
    problems += _unquote_formulas(frame, file)
    problems += _fill_source(frame, given, file)
    problems += normalise(frame, schema, dataset, file, reading)
    problems += flag_active_text(frame, schema, file)
    return frame, problems, reading


def _fill_source(frame: pd.DataFrame, given: dict[str, str], file: str) -> list[Problem]:
    """The file's report and address in the rows that have none, said once per column."""
    out = []
    for column, value in given.items():
        if column not in frame.columns:
            continue
        empty = frame[column].isna() | (frame[column].astype(str).str.strip() == "")
        if empty.any():
            frame.loc[empty, column] = value
            n = int(empty.sum())
            out.append(Problem(file, None, column, value, ngettext(
                "filled in {n} row(s) that had none, from the source given for the whole file",
                "filled in {n} row(s) that had none, from the source given for the whole file", n).format(n=n), "fixed"))
    return out


def _unquote_formulas(frame: pd.DataFrame, file: str) -> list[Problem]:
    """This dashboard's downloads put an apostrophe before a text a spreadsheet would run as a formula
    (publish.safe); reading one back takes it off, so a download uploads back unchanged."""
    out = []
    for name in frame.columns:
        for row, v in frame[name].dropna().items():
            if isinstance(v, str) and len(v) > 1 and v[0] == "'" and v[1] in "=+-@\t\r":
                frame.at[row, name] = v[1:]
                out.append(Problem(file, int(row), name, v[:SNIPPET], _("the apostrophe that kept this text from being "
                                   "run as a formula in a spreadsheet: taken off"), "fixed"))
    return out


def _two_row_header(rows: list[list[str]], first: int, dataset: str, file: str, given: set[str],
                    named: int = -1) -> Problem | None:
    """A header spread over two rows (a merged title above the column names): the row below names the columns,
    more of them than the first row's `named` (-1: the first row named too few to read)."""
    nxt = first + 1
    if nxt >= len(rows) or not any(c.strip() for c in rows[nxt]):
        return None
    mapping, second = _map_header([h.strip() for h in rows[nxt]], dataset, file, nxt + 1, given)
    if any(p.kind == "error" for p in second) or len(mapping) <= named:
        return None
    return Problem(file, first + 1, None, None, _(
        "the header takes two rows ({first} and {second}), as merged header cells make: keep one header row naming "
        "each column (here row {second}) and delete row {first}").format(first=first + 1, second=nxt + 1))


def _header_again(kept: list[tuple[int, list[str]]], mapping: dict[int, str], dataset: str, file: str) -> Problem | None:
    """The first data row naming the columns again (a second header row: titles, or a header pasted twice)."""
    if not kept:
        return None
    row, cells = kept[0]
    lookup = column_lookup(dataset)
    named = [cells[i] for i, c in mapping.items() if cells[i] and lookup.get(name_key(cells[i])) == c]
    if len(named) >= 2 and len(named) * 2 >= sum(1 for i in mapping if cells[i]):
        return Problem(file, row, None, ", ".join(named[:3]), _("this row names the columns again, like a second "
                       "header row: delete it (one header row is enough)"))
    return None


def _body_rows(body: list[list[str]], offset: int, width: int, mapping: dict[int, str], dataset: str, file: str,
               delimiter: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The data rows worth reading, numbered as in a spreadsheet; blank and totals rows left out (said), ragged
    rows refused by row number."""
    kept, problems = [], []
    for n, r in enumerate(body, start=offset):
        cells = [c.strip() for c in r]
        if not any(cells):
            problems.append(Problem(file, n, None, None, _("blank row: left out"), "fixed"))
            continue
        if len(cells) > width and not any(cells[width:]):
            cells = cells[:width]  # trailing empty cells, as spreadsheets export them
        if len(cells) != width:
            problems.append(Problem(file, n, None, None, _ragged(len(cells), width, _show_delim(delimiter))))
            continue
        if _is_totals(cells, mapping, dataset):
            problems.append(Problem(file, n, None, next(c for c in cells if name_key(c) in TOTAL_WORDS),
                                    _("looks like a totals row: left out (the dashboard adds up what it needs)"),
                                    "fixed"))
            continue
        kept.append((n, cells))

    return kept, problems


def _ragged(cells: int, width: int, d: str) -> str:
    """A row with more or fewer cells than the header: what to look for."""
    if cells > width:
        return ngettext("has {n} cells but the header has {width}: check for a stray '{separator}' or a text "
                        "containing it without quotes", "has {n} cells but the header has {width}: check for a stray "
                        "'{separator}' or a text containing it without quotes", cells).format(n=cells, width=width,
                                                                                              separator=d)
    return ngettext("has {n} cells but the header has {width}: each column needs its cell, empty ones too (two "
                    "separators in a row: '{separators}')", "has {n} cells but the header has {width}: each column "
                    "needs its cell, empty ones too (two separators in a row: '{separators}')", cells
                    ).format(n=cells, width=width, separators=d + d)


def _show_delim(d: str) -> str:
    return {"\t": "tab", ",": ",", ";": ";"}[d]


def _map_header(header: list[str], dataset: str, file: str, row: int, given: set[str] = frozenset()
                ) -> tuple[dict[int, str], list[Problem]]:
    """Which column each header cell names; `given`: columns the file's source fills, so not missing."""
    schema = schemas.SCHEMAS[dataset]
    lookup = column_lookup(dataset)
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    taken: dict[str, str] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        name = lookup.get(name_key(h))
        if name is None:
            continue
        if name in taken:
            problems.append(Problem(file, row, h, None, _("'{header}' and '{other}' both mean column '{column}': "
                                    "keep one of them").format(header=h, other=taken[name], column=name)))
            continue
        taken[name] = h
        mapping[i] = name
        if name_key(h) != name_key(name):  # say so only when it was more than case or spacing
            problems.append(Problem(file, row, h, None, _("read as column '{column}'").format(column=name), "fixed"))
    unknown = [h for i, h in enumerate(header) if h and i not in mapping and h not in taken.values()]
    missing = [c for c, col in schema.columns.items() if c not in taken and not col.nullable and c not in given]
    name_col = next((c for c in ("name", "country") if c in taken), None)
    if "iso3" in missing and name_col:  # codes can come from the names (each one said in the report)
        missing.remove("iso3")
        problems.append(Problem(file, row, None, None, _("no ISO3 column: codes taken from column '{column}'").format(
            column=taken[name_col]), "fixed"))
    absent_optional = [c for c, col in schema.columns.items() if c not in taken and col.nullable and c not in given]
    for c in missing:
        close = difflib.get_close_matches(name_key(c), [name_key(u) for u in unknown], n=1, cutoff=0.6)
        found = next((u for u in unknown if close and name_key(u) == close[0]), None)
        problems.append(Problem(file, row, c, None, _("required column '{column}' is missing").format(column=c)
                                if found is None else _("required column '{column}' is missing (the file has "
                                                        "'{found}': rename it to '{column}')").format(column=c, found=found)))
    if missing:
        problems.append(Problem(file, row, None, None, _("the header should name these columns (any order; download "
                                "the template for this dataset): {columns}").format(columns=", ".join(schema.columns))))
    for h in unknown:
        problems.append(Problem(file, row, h, None, _("column '{column}' is not part of {dataset}: ignored").format(
            column=h, dataset=dataset), "fixed"))
    if absent_optional and not missing:
        problems.append(Problem(file, row, None, None, ngettext(
            "optional column(s) not in the file, left empty: {columns}",
            "optional column(s) not in the file, left empty: {columns}", len(absent_optional)
        ).format(columns=", ".join(absent_optional)), "fixed"))
    if len(header) != len(set(h for h in header if h)) + header.count(""):
        problems.append(Problem(file, row, None, None, _("the header repeats a column name: name each column once")))
    return mapping, problems


def _is_totals(cells: list[str], mapping: dict[int, str], dataset: str) -> bool:
    """A row whose key or name cell says "Total" (or the like)."""
    text_cols = {"country", "name", *schemas.key_columns(dataset)}
    return any(name_key(cells[i]) in TOTAL_WORDS for i, c in mapping.items() if c in text_cols)


def matching_datasets(header: list[str], dataset: str) -> list[str]:
    """Other datasets this header fits better than `dataset`, to point at the right one after a mix-up.

    Only when the header names columns `dataset` does not know, and the other dataset knows every column it names
    and finds its own required ones there: a file that merely lacks some of `dataset`'s columns is that dataset's
    file, incomplete (a casualties_by_country file without its report column is never casualties_global).
    """
    names = {name_key(h) for h in header if name_key(h)}
    if all(n in column_lookup(dataset) for n in names):
        return []
    out = []
    for d, schema in schemas.SCHEMAS.items():
        lookup = column_lookup(d)
        if d == dataset or not all(n in lookup for n in names):
            continue
        have = {lookup[n] for n in names}
        need = {c for c, col in schema.columns.items() if not col.nullable}
        if {"name", "country"} & have:
            need.discard("iso3")
        if need <= have:
            out.append(d)
    return out
