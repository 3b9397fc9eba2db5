"""An analyst's cells to canonical strings, across a frame the reader has put together (loaders.reading): numbers
with the file's own decimal mark, dates, booleans, and country names or codes to ISO3. What cannot be read without
guessing is left as it is and reported, so typing (loaders.validation) skips it: one message per cell."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from i18n import _
from loaders import schemas
from loaders.cells import canonical_date, canonical_number, date_order, decimal_mark
from loaders.countries import AGGREGATE_CODES, known_codes, shown_name, suggest, to_iso3
from loaders.problems import Problem, Reading


def normalise(frame: pd.DataFrame, schema: pa.DataFrameSchema, dataset: str, file: str,
               reading: Reading) -> list[Problem]:
    """Numbers, dates, booleans and country codes to canonical strings, in place. Cells that cannot be
    read without guessing are left as they are and reported (typing then skips them: one message each)."""
    problems: list[Problem] = []
    numeric = [c for c, col in schema.columns.items() if str(col.dtype) in (schemas.INT, schemas.FLOAT)]
    cells = [str(v) for c in numeric for v in frame[c].dropna()]
    mark = decimal_mark(cells, reading.delimiter)
    if mark is None:
        problems.append(Problem(file, None, None, None, _("numbers in this file use both '.' and ',' as the decimal "
                                "mark: use one throughout (e.g. 0.85 and 1234, or 0,85 and 1234)")))
        mark = "."
    reading.decimal = mark
    if mark == "," and any("," in c or "." in c for c in cells):
        problems.append(Problem(file, None, None, None, _("numbers read with ',' as the decimal mark and '.' between "
                                "thousands, as the file's numbers show"), "fixed"))
    for name, col in schema.columns.items():
        dtype = str(col.dtype)
        order = date_order([str(x) for x in frame[name].dropna()]) if dtype == schemas.DATE else None
        for row, v in frame[name].dropna().items():
            v = str(v)
            if dtype in (schemas.INT, schemas.FLOAT):
                out, percent = canonical_number(v, mark)
                if out is not None and out != v:
                    frame.at[row, name] = out
                    if percent:
                        problems.append(Problem(file, int(row), name, v, _("read as {number}").format(number=out),
                                                "fixed"))
            elif dtype == schemas.BOOL:
                b = {"true": "true", "yes": "true", "y": "true", "1": "true", "x": "true",
                     "false": "false", "no": "false", "n": "false", "0": "false"}.get(v.lower())
                if b:
                    frame.at[row, name] = b
            elif dtype == schemas.DATE:
                out, why = canonical_date(v, order)
                if out:
                    frame.at[row, name] = out
                elif why:
                    problems.append(Problem(file, int(row), name, v, why))
    if "iso3" in schema.columns:
        problems += _codes(frame, schema, dataset, file)
    return problems


def _codes(frame: pd.DataFrame, schema: pa.DataFrameSchema, dataset: str, file: str) -> list[Problem]:
    """Country names (or two-letter codes) in the ISO3 column become codes; a name column fills a missing
    code; an unknown name is an error offering the closest known names."""
    problems: list[Problem] = []
    allowed = known_codes() | set(AGGREGATE_CODES)
    name_col = next((c for c in ("name", "country") if c in schema.columns), None)
    for row in frame.index:
        v = frame.at[row, "iso3"]
        if v is None and name_col and frame.at[row, name_col]:
            v = frame.at[row, name_col]
        if v is None:
            continue
        v = str(v)
        if v in allowed:
            frame.at[row, "iso3"] = v
            continue
        code = to_iso3(v)
        if code and code in allowed:
            frame.at[row, "iso3"] = code
            problems.append(Problem(file, int(row), "iso3", v, _("read as {code} ({name})").format(
                code=code, name=shown_name(code)), "fixed"))
        else:
            problems.append(Problem(file, int(row), "iso3", v, _unknown_country(suggest(v))))
    return problems


def _unknown_country(close: list[str]) -> str:
    """An unknown country name or code, with the closest known names (suggest gives up to three)."""
    if not close:
        return _("unknown country or code: use the ISO3 code (e.g. KHM for Cambodia)")
    if len(close) == 1:
        return _("unknown country or code: did you mean {first}?").format(first=close[0])
    if len(close) == 2:
        return _("unknown country or code: did you mean {first} or {second}?").format(first=close[0], second=close[1])
    return _("unknown country or code: did you mean {first} or {second} or {third}?").format(
        first=close[0], second=close[1], third=close[2])
