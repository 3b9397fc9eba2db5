"""Read a CSV against its dataset's schema and say, row by row and column by column, what is wrong.

Two steps, both driven by the schema: (1) type each cell by its column's dtype, reporting every cell that
does not parse; (2) run the schema's checks on the typed frame (lazily, so every problem is listed).
Nothing here raises on bad input: problems are returned as values a person can act on.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from loaders import schemas

HEADER_ROWS = 1  # problems count rows as a spreadsheet does: the header is row 1


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number (header = 1), None for file-level problems
    column: str | None
    value: str | None
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        val = f" value {self.value!r}:" if self.value is not None else ""
        return f"{', '.join(where)}:{val} {self.message}"


class DataError(ValueError):
    """A dataset failed validation; `.problems` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s):\n{shown}{more}")


def read_text(data: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV bytes into an all-string frame. Empty cells become missing; 'NA' stays 'NA' (Namibia)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, [Problem(file, None, None, None,
                              f"the file is not UTF-8 text (byte {e.start}): save it as 'CSV UTF-8' and try again")]
    if not text.strip():
        return None, [Problem(file, None, None, None, "the file is empty: it needs a header row and data rows")]
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as e:
        return None, [Problem(file, None, None, None, f"not a readable CSV file ({e}): check quotes and delimiters")]
    header, body = rows[0], rows[1:]
    header = [h.strip() for h in header]
    problems = []
    width = len(header)
    clean = []
    for i, r in enumerate(body, start=HEADER_ROWS + 1):
        if not any(c.strip() for c in r):
            continue  # blank line: nothing to keep, nothing lost
        if len(r) != width:
            problems.append(Problem(file, i, None, None,
                                    f"has {len(r)} cells but the header has {width}: check for a stray comma "
                                    "or an unquoted text containing a comma"))
            continue
        clean.append((i, r))
    frame = pd.DataFrame([r for _, r in clean], columns=header, dtype=object,
                         index=pd.Index([i for i, _ in clean], name="row"))
    frame = frame.apply(lambda s: s.str.strip()).replace("", None) if len(frame) else frame
    return frame, problems


_PARSE_HINT = {
    schemas.DATE: "not a date: write it as YYYY-MM-DD, e.g. 1997-12-03",
    schemas.INT: "not a whole number: write digits only, e.g. 6279",
    schemas.FLOAT: "not a number: use digits and a dot for decimals, e.g. 0.85",
    schemas.BOOL: "write true or false",
}


def _parse_column(raw: pd.Series, dtype: str) -> pd.Series:
    if dtype == schemas.DATE:
        return pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce").astype(schemas.DATE)
    if dtype == schemas.INT:
        num = pd.to_numeric(raw, errors="coerce")
        whole = num.where(num.isna() | (num == num.round()))
        return whole.astype(schemas.INT)
    if dtype == schemas.FLOAT:
        return pd.to_numeric(raw, errors="coerce").astype(schemas.FLOAT)
    if dtype == schemas.BOOL:
        return raw.map(lambda v: {"true": True, "false": False}.get(str(v).lower()) if v is not None else None
                       ).astype(schemas.BOOL)
    return raw.astype(schemas.STR)


def type_frame(raw: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Columns typed per the schema; a cell that does not parse becomes missing and a Problem."""
    problems: list[Problem] = []
    expected = list(schema.columns)
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    for c in missing:
        problems.append(Problem(file, HEADER_ROWS, c, None,
                                f"column '{c}' is missing: add it to the header (expected columns: {', '.join(expected)})"))
    for c in extra:
        problems.append(Problem(file, HEADER_ROWS, c, None,
                                f"unexpected column '{c}': remove it or rename it to one of: {', '.join(expected)}"))
    if len(set(raw.columns)) != len(raw.columns):
        problems.append(Problem(file, HEADER_ROWS, None, None, "the header repeats a column name: each column once"))
        return raw.iloc[:, 0:0], problems
    typed = pd.DataFrame(index=raw.index)
    for name, col in schema.columns.items():
        dtype = str(col.dtype)
        src = raw[name] if name in raw.columns else pd.Series(None, index=raw.index, dtype=object)
        parsed = _parse_column(src, dtype)
        if dtype in _PARSE_HINT:
            bad = src.notna() & parsed.isna()
            for row, value in src[bad].items():
                problems.append(Problem(file, int(row), name, str(value), _PARSE_HINT[dtype]))
        typed[name] = parsed
    return typed, problems


def check_frame(typed: pd.DataFrame, schema: pa.DataFrameSchema, file: str,
                unparsed: frozenset[tuple[int, str]] = frozenset()) -> list[Problem]:
    """Run the schema's checks; one Problem per failing cell (or per row for rules across columns).

    Cells in `unparsed` (row, column) were already reported as unreadable: rules that involve them are
    not reported again, so one typo gives one message.
    """
    try:
        schema.validate(typed, lazy=True)
        return []
    except pa.errors.SchemaErrors as e:
        errors = e.schema_errors
    problems: list[Problem] = []
    for err in errors:
        fc = err.failure_cases
        check = err.check
        message = getattr(check, "error", None) or str(err)
        if fc is None or not isinstance(fc, pd.DataFrame) or "index" not in fc:
            problems.append(Problem(file, None, getattr(err.schema, "name", None), None, message))
            continue
        if isinstance(check, pa.Check) and "columns" in (check.statistics or {}):
            # A rule across columns: one problem per row, naming the columns and their values.
            cols = check.statistics["columns"]
            explain = check.statistics.get("explain")
            for row in dict.fromkeys(fc["index"].tolist()):
                if row is None or pd.isna(row) or any((row, c) in unparsed for c in cols):
                    continue
                values = "; ".join(f"{c}={_show(typed.at[row, c])}" for c in cols if c in typed)
                text = f"{message}. {explain(typed, row)}" if explain else message
                problems.append(Problem(file, int(row), ", ".join(cols), values, text))
            continue
        column = getattr(err.schema, "name", None)
        if str(message).startswith("non-nullable") or "nullable" in str(check):
            message = "is empty but required: fill it in"
        for _, f in fc.iterrows():
            row = f["index"]
            problems.append(Problem(file, int(row) if row is not None and not pd.isna(row) else None,
                                    column, _show(f["failure_case"]), message))
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def _show(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return str(v)


def validate_bytes(data: bytes, dataset: str, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The typed, validated frame (None if any problem) and every problem found."""
    schema = schemas.SCHEMAS[dataset]
    raw, problems = read_text(data, file)
    if raw is None:
        return None, problems
    typed, parse_problems = type_frame(raw, schema, file)
    problems += parse_problems
    if any(p.row == HEADER_ROWS for p in parse_problems):
        return None, problems  # wrong header: row checks would only repeat it
    unparsed = frozenset((p.row, p.column) for p in parse_problems)
    problems += check_frame(typed, schema, file, unparsed)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    if problems:
        return None, problems
    return typed.reset_index(drop=True), []
