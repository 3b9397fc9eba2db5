"""Read a CSV against its dataset's schema and say, row by row and column by column, what is wrong.

Two steps, both driven by the schema: (1) type each cell by its column's dtype, reporting every cell that
does not parse; (2) run the schema's checks on the typed frame (lazily, so every problem is listed).
Nothing here raises on bad input: problems are returned as values a person can act on.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from i18n import N_, _
from loaders import schemas
from loaders.columns import shown
from loaders.reading import Problem, Reading, Source, read_table  # noqa: F401 (Problem is re-exported)


class DataError(ValueError):
    """A dataset failed validation; `.problems` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s):\n{shown}{more}")


@dataclass
class Report:
    """What a file holds for a dataset: the typed frame (None while any error remains), the errors,
    what was fixed on the way, and how the file was read."""
    dataset: str
    file: str
    frame: pd.DataFrame | None
    errors: list[Problem]
    fixed: list[Problem]
    reading: Reading


_PARSE_HINT = {
    schemas.DATE: N_("not a date: write it as YYYY-MM-DD, e.g. 1997-12-03"),
    schemas.INT: N_("not a whole number: write digits only, e.g. 6279"),
    schemas.FLOAT: N_("not a number: use digits, e.g. 0.85 (a share) or 1234.5"),
    schemas.BOOL: N_("write true or false"),
}


def _finite(num: pd.Series) -> pd.Series:
    """'inf' and 'nan' parse as numbers but are no figure: treat them as unreadable."""
    return num.where(np.isfinite(num.astype("float64")))


def _parse_column(raw: pd.Series, dtype: str) -> pd.Series:
    if dtype == schemas.DATE:
        return pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce").astype(schemas.DATE)
    if dtype == schemas.INT:
        num = _finite(pd.to_numeric(raw, errors="coerce"))
        # a whole number a count can hold: 1E100 is whole, but no Int64 (hypothesis found it)
        whole = num.where(num.isna() | ((num == num.round()) & (num.abs() < 2**53)))
        return whole.astype(schemas.INT)
    if dtype == schemas.FLOAT:
        return _finite(pd.to_numeric(raw, errors="coerce")).astype(schemas.FLOAT)
    if dtype == schemas.BOOL:
        return raw.map(lambda v: {"true": True, "false": False}.get(str(v).lower()) if v is not None else None
                       ).astype(schemas.BOOL)
    return raw.astype(schemas.STR)


def type_frame(raw: pd.DataFrame, schema: pa.DataFrameSchema, file: str,
               skip: frozenset[tuple[int, str]] = frozenset()) -> tuple[pd.DataFrame, list[Problem]]:
    """Columns typed per the schema (the reader has put every column in place); a cell that does not parse
    becomes missing and a Problem, unless it was already reported (`skip`: (row, column))."""
    problems: list[Problem] = []
    typed = pd.DataFrame(index=raw.index)
    for name, col in schema.columns.items():
        dtype = str(col.dtype)
        src = raw[name] if name in raw.columns else pd.Series(None, index=raw.index, dtype=object)
        parsed = _parse_column(src, dtype)
        if dtype in _PARSE_HINT:
            bad = src.notna() & parsed.isna()
            for row, value in src[bad].items():
                if (int(row), name) not in skip:
                    problems.append(Problem(file, int(row), name, str(value), _(_PARSE_HINT[dtype])))
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
        message = shown(check.error) if getattr(check, "error", None) else str(err)
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
                text = f"{message}. {_explain(explain, typed, row)}".rstrip(". ") + "." if explain else message
                problems.append(Problem(file, int(row), ", ".join(cols), values, text))
            continue
        column = getattr(err.schema, "name", None)
        if str(message).startswith("non-nullable") or "nullable" in str(check):
            message = _("is empty but required: fill it in")
        for _i, f in fc.iterrows():
            row = f["index"]
            if row is not None and not pd.isna(row) and (int(row), column) in unparsed:
                continue  # already reported as unreadable
            problems.append(Problem(file, int(row) if row is not None and not pd.isna(row) else None,
                                    column, _show(f["failure_case"]), message))
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def _explain(explain, typed: pd.DataFrame, row) -> str:
    """A rule's row-specific hint; a hint that cannot be worked out for this row is left out."""
    try:
        return explain(typed, row) or ""
    except (TypeError, ValueError, KeyError, AttributeError):
        return ""


def _show(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return str(v)


def check(data: bytes, dataset: str, file: str, source: Source | None = None) -> Report:
    """Read, type and check a file for a dataset. The one path for bundled files, uploads and the CLI."""
    return checked(read_table(data, dataset, file, source), dataset, file)


def checked(read: tuple[pd.DataFrame | None, list[Problem], Reading], dataset: str, file: str) -> Report:
    """Type and check what a reader made of a CSV or a sheet (loaders.reading.read_cells)."""
    schema = schemas.SCHEMAS[dataset]
    raw, problems, reading = read
    fixed = [p for p in problems if p.kind == "fixed"]
    errors = [p for p in problems if p.kind != "fixed"]
    if raw is None:  # unreadable file or header: row checks would only repeat it
        return Report(dataset, file, None, errors, fixed, reading)
    skip = frozenset((p.row, p.column) for p in errors if p.row is not None and p.column)
    typed, parse_errors = type_frame(raw, schema, file, skip)
    errors += parse_errors
    errors += check_frame(typed, schema, file, skip | frozenset((p.row, p.column) for p in parse_errors))
    errors.sort(key=lambda p: (p.row or 0, p.column or ""))
    return Report(dataset, file, None if errors else typed.reset_index(drop=True), errors, fixed, reading)


def safe_check(data: bytes, dataset: str, file: str, source: Source | None = None) -> Report:
    """What an analyst's file gets, on the upload page and from `python -m loaders validate`: `check`, a file with
    no data rows refused (an upload replaces a dataset; a published version or bundled file may be empty, so
    `check` itself accepts it), and a last guard: whatever the file holds, a person gets a sentence, never a
    traceback."""
    return refuse_empty(guarded(lambda: check(data, dataset, file, source), dataset, file))


def guarded(run, dataset: str, file: str) -> Report:
    """The last guard: whatever the file holds, a sentence, never a traceback."""
    try:
        return run()
    except Exception as e:  # noqa: BLE001 - reported to the person, and the file kept unchanged
        return Report(dataset, file, None, [Problem(file, None, None, None, _(
            "this file could not be checked ({error}); nothing was changed. Please send the file to the maintainers."
        ).format(error=type(e).__name__))], [], Reading())


def refuse_empty(report: Report) -> Report:
    """An upload replaces a dataset: one with no data rows is refused."""
    file = report.file
    if report.frame is not None and report.frame.empty:
        if report.fixed and any(p.row is not None and p.row > 1 for p in report.fixed):
            message = _("the file has a header but no data rows (its blank and totals rows were left out): add the "
                        "rows below the header, one per line, or choose the right file")
        else:
            message = _("the file has a header but no data rows: add the rows below the header, one per line, or "
                        "choose the right file")
        report.errors.append(Problem(file, None, None, None, message))
        report.frame = None
    return report


def validate_bytes(data: bytes, dataset: str, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The typed, validated frame (None if any error) and every error found."""
    r = check(data, dataset, file)
    return r.frame, r.errors


def to_csv(frame: pd.DataFrame, dataset: str) -> str:
    """The canonical CSV of a typed frame (ISO dates, plain numbers, true/false): what `check` reads back
    unchanged, and what a published version stores."""
    out = pd.DataFrame(index=frame.index)
    for name, col in schemas.SCHEMAS[dataset].columns.items():
        s, dtype = frame[name], str(col.dtype)
        if dtype == schemas.DATE:
            out[name] = s.dt.strftime("%Y-%m-%d")
        elif dtype == schemas.BOOL:
            out[name] = s.map(lambda v: None if pd.isna(v) else ("true" if v else "false"))
        elif dtype == schemas.FLOAT:
            out[name] = s.map(lambda v: None if pd.isna(v) else repr(float(v)))
        else:
            out[name] = s.astype(object).where(s.notna(), None)
    return out.to_csv(index=False, lineterminator="\n")
