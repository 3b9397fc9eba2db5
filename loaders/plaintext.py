"""Text that another program would run or draw: a spreadsheet formula, HTML, a markdown link or image, a
javascript: or data: address. Such a cell is kept as written (a published version may hold it, and pages must
still load it) and said in the report, since the dashboard shows it as plain text and downloads neutralise it.
"""
from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from i18n import _
from loaders.columns import BOOL, DATE, FLOAT, INT
from loaders.problems import Problem

FORMULA_START = ("=", "+", "-", "@")  # what a spreadsheet reads as the start of a formula
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")  # -5 or +0,85 is a number, not a formula
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_SCRIPT_URL = re.compile(r"(?i)\b(?:javascript|vbscript)\s*:|\bdata:[a-z]+/[\w.+-]+[;,]")


def free_text_columns(schema: pa.DataFrameSchema) -> list[str]:
    """Text columns whose value is not checked against a list or a pattern (names, notes, reports, meetings)."""
    return [c for c, col in schema.columns.items()
            if str(col.dtype) not in (DATE, INT, FLOAT, BOOL) and not any(ch.name in ("isin", "str_matches") for ch in col.checks)]


def active_text(value: str) -> str | None:
    """What in a cell another program would act on, or None.

    >>> active_text("=HYPERLINK(\\"http://x\\")")
    "starts like a spreadsheet formula ('=')"
    >>> active_text("-5") is None and active_text("Landmine Monitor 2025") is None
    True
    >>> active_text("[report](javascript:alert(1))")
    'holds a markdown link or image'
    """
    if len(value) > 1 and value.startswith(FORMULA_START) and not _NUMBER.match(value):  # a lone '-' is no formula
        return _("starts like a spreadsheet formula ('{character}')").format(character=value[0])
    if _TAG.search(value):
        return _("holds HTML markup")
    if _MARKDOWN_LINK.search(value):
        return _("holds a markdown link or image")
    if _SCRIPT_URL.search(value):
        return _("holds a javascript: or data: address")
    return None


def flag_active_text(frame: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> list[Problem]:
    """One "fixed" note per free-text cell another program would act on; nothing is refused or changed."""
    problems = []
    for name in free_text_columns(schema):
        for row, v in frame[name].dropna().items():
            what = active_text(str(v))
            if what:
                problems.append(Problem(file, int(row), name, str(v), _(
                    "{what}: kept as written, and shown as plain text, never as a link, image or formula"
                ).format(what=what), "fixed"))
    return problems
