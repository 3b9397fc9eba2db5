"""Output that cannot hurt the person who opens it: CSV downloads with spreadsheet formulas neutralised."""
from __future__ import annotations

import csv
import io

import pandas as pd

from loaders.plaintext import FORMULA_START as FLAGGED_ON_UPLOAD
from loaders.validation import to_csv

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"): the starts flagged on upload, and tab and carriage return, used to smuggle the same.
FORMULA_START = (*FLAGGED_ON_UPLOAD, "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (shown as text).

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-12"), neutralise(-12), neutralise("Cambodia")
    ('\\'=HYPERLINK("http://x")', "'-12", -12, 'Cambodia')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame, citation: str | None = None) -> bytes:
    """CSV bytes (UTF-8 with BOM, so Excel reads accents right) with every text cell neutralised;
    `citation`, if given, is the first line, so the figures keep their source when the file travels."""
    clean = frame.copy()
    for c in clean.columns:
        if clean[c].dtype == object or str(clean[c].dtype) in ("str", "string"):
            clean[c] = clean[c].map(neutralise)
    clean.columns = [neutralise(str(c)) for c in clean.columns]
    body = clean.to_csv(index=False, lineterminator="\n")
    head = ""
    if citation:  # one quoted cell starting with '#': never split into cells, never a formula
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow([f"# {citation}"])
        head = buf.getvalue()
    return ("\ufeff" + head + body).encode("utf-8")


def dataset_csv(frame: pd.DataFrame, dataset: str, citation: str) -> bytes:
    """A dataset as the Update data page's "Current data" download: its canonical CSV (what a version stores),
    neutralised, the citation first. It uploads back unchanged: the reader skips the citation line and takes the
    apostrophes off again."""
    cells = pd.read_csv(io.StringIO(to_csv(frame, dataset)), dtype=str, keep_default_na=False)
    return safe_csv(cells, citation=citation)
