"""The data dictionary (docs/DATA.md), generated from the schemas so it cannot drift from them."""
from __future__ import annotations

import csv

import i18n
from i18n import N_, _, pgettext
from loaders.columns import shown
from loaders.reading import ENCODINGS_TRIED, MAX_MB, MAX_ROWS, aliases_of
from loaders.schemas import SCHEMAS

_TYPES = {"datetime64[ns]": N_("date (YYYY-MM-DD)"), "Int64": N_("whole number"), "Float64": N_("number"),
          "boolean": N_("true/false"), "str": N_("text")}

UPLOADS = f"""## Files analysts upload

The upload page and `python -m loaders validate` read files the same way:
- encodings: {ENCODINGS_TRIED}; delimiters: comma, semicolon or tab (from the header line);
- header names in any case and spacing, in any order, by column name, title or the aliases listed below;
  optional columns may be left out; columns the dataset does not have are ignored (and named);
- numbers: `1234`, `1,234` or `1 234`, and `0.85`; in a file whose numbers use a decimal comma (`0,85`),
  or a semicolon-separated file with no telling number, `1.234` is one thousand two hundred and thirty-four;
  `90%` in a share column is 0.9;
- dates: `YYYY-MM-DD`, `DD.MM.YYYY`, `3 December 1997`, `December 3, 1997`; `12/03/1997` only where the
  column itself shows which part is the day (a value above 12), otherwise the cell is an error;
- true/false also as yes/no, y/n, 1/0;
- country names or two-letter codes in the `iso3` column become ISO3 codes (an unknown name is an error that
  offers the closest known names); with no `iso3` column, codes come from the `name` or `country` column;
- blank rows and totals rows ("Total", "Sum", …) are left out and named;
- a row that cannot be read (a quote that never closes, text after a closing quote, a cell over
  {csv.field_size_limit():,} characters, more or fewer cells than the header) is an error naming its row, and its column
  where it can be known;
- text a spreadsheet or a browser would act on (a cell starting with `=`, `+`, `-` or `@` that is not a number,
  HTML tags, a markdown link or image, a `javascript:` or `data:` address) is kept as written and named: the
  dashboard shows it as plain text; `source_url` must be an `http://` or `https://` address;
- files over {MAX_MB} MB or {MAX_ROWS:,} rows are refused (rows are counted as the file is read), and so is an
  upload with a header but no data rows.
Everything changed on the way is listed in the report as "fixed"; nothing is applied while an error remains.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def dataset_markdown(name: str, heading: str = "##") -> str:
    """One dataset's columns and rules as Markdown (for DATA.md, in English, and the upload page, in the visitor's
    language)."""
    schema = SCHEMAS[name]
    head = [pgettext("data dictionary", "column"), pgettext("data dictionary", "type"),
            pgettext("data dictionary", "required"), pgettext("data dictionary", "meaning")]
    out = [f"{heading} {_(schema.title)} — `data/{name}.csv`", "", _(schema.description) if schema.description
           else "", "", "| " + " | ".join(head) + " |", "|---|---|---|---|"]
    for col_name, col in schema.columns.items():
        dtype = "str" if "str" in str(col.dtype) else str(col.dtype)
        kind = _(_TYPES[dtype]) if dtype in _TYPES else dtype
        required = pgettext("data dictionary", "no") if col.nullable else pgettext("data dictionary", "yes")
        meaning = _("{title}: {description}").format(title=_(col.title), description=_(col.description))
        allowed = [c.statistics["allowed_values"] for c in col.checks if c.name == "isin"]
        if allowed and len(allowed[0]) <= 20:
            meaning += " " + _("One of: {values}.").format(values=", ".join(f"`{v}`" for v in allowed[0]))
        also = aliases_of(name, col_name)
        if also:
            meaning += " " + _("Header also read as: {spellings}.").format(spellings=", ".join(f"'{a}'" for a in also))
        out.append(f"| `{col_name}` | {kind} | {required} | {_cell(meaning)} |")
    rules = [shown(c.error) for c in schema.checks if c.error]
    if rules:
        out += ["", _("Rules across columns:"), *[f"- {r}" for r in rules]]
    return "\n".join(out) + "\n"


def data_dictionary() -> str:
    with i18n.speaking(i18n.SOURCE):  # docs/DATA.md is English, whatever language the caller speaks
        return _data_dictionary()


def _data_dictionary() -> str:
    out = ["# Data dictionary", "",
           "Generated from `loaders/schemas.py` by `python -m loaders docs`; a test fails when it is out of date.",
           "Rows are counted as in a spreadsheet: the header is row 1. Empty cells mean 'no figure found', never zero.",
           "", UPLOADS]
    out += [dataset_markdown(name) for name in SCHEMAS]
    return "\n".join(out)
