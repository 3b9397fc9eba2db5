"""The data dictionary (docs/DATA.md), generated from the schemas so it cannot drift from them."""
from __future__ import annotations

from loaders.schemas import SCHEMAS

_TYPES = {"datetime64[ns]": "date (YYYY-MM-DD)", "Int64": "whole number", "Float64": "number",
          "boolean": "true/false", "str": "text"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def data_dictionary() -> str:
    out = ["# Data dictionary", "",
           "Generated from `loaders/schemas.py` by `python -m loaders docs`; a test fails when it is out of date.",
           "Rows are counted as in a spreadsheet: the header is row 1. Empty cells mean 'no figure found', never zero.",
           ""]
    for name, schema in SCHEMAS.items():
        out += [f"## {schema.title} — `data/{name}.csv`", "", schema.description or "", "",
                "| column | type | required | meaning |", "|---|---|---|---|"]
        for col_name, col in schema.columns.items():
            kind = "text" if "str" in str(col.dtype) else _TYPES.get(str(col.dtype), str(col.dtype))
            required = "no" if col.nullable else "yes"
            meaning = f"{col.title}: {col.description}"
            allowed = [c.statistics["allowed_values"] for c in col.checks if c.name == "isin"]
            if allowed and len(allowed[0]) <= 20:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in allowed[0]) + "."
            out.append(f"| `{col_name}` | {kind} | {required} | {_cell(meaning)} |")
        rules = [c.error for c in schema.checks if c.error]
        if rules:
            out += ["", "Rules across columns:", *[f"- {r}" for r in rules]]
        out.append("")
    return "\n".join(out)
