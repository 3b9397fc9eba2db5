"""Read, validate and type the curated datasets in data/ (one pandera schema each, in loaders.schemas)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from loaders import schemas
from loaders.schemas import SCHEMAS
from loaders.validation import DataError, Problem, validate_bytes
from paths import DATA_DIR  # also read as loaders.DATA_DIR

DATASETS = tuple(SCHEMAS)


def load(dataset: str, path: str | Path | None = None) -> pd.DataFrame:
    """The validated, typed DataFrame of a dataset; raises DataError listing every problem."""
    if dataset not in SCHEMAS:
        raise KeyError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    p = Path(path) if path else DATA_DIR / f"{dataset}.csv"
    frame, problems = validate_bytes(p.read_bytes(), dataset, p.name)
    if problems:
        raise DataError(problems)
    return frame


def provenance(dataset: str) -> dict:
    """The dataset's provenance sidecar (data/<dataset>.meta.json): title, sources, caveats, data_runs_to, sha256."""
    return json.loads((DATA_DIR / f"{dataset}.meta.json").read_text(encoding="utf-8"))


_LOOKS_AHEAD = {"deadline", "entry_into_force_date"}  # dates a row looks forward to, not ones it records


def runs_to(frame: pd.DataFrame, dataset: str) -> str | None:
    """The latest day a dataset's rows speak of, as YYYY-MM-DD: its date columns, and a year column as that year's
    31 December; None when no row has one. A published version with later rows moves the sidecar's data_runs_to on.

    >>> runs_to(pd.DataFrame({"year": pd.array([2023, 2025], dtype="Int64")}), "casualties_global")
    '2025-12-31'
    """
    days = []
    for name, col in SCHEMAS[dataset].columns.items():
        if name in _LOOKS_AHEAD or name not in frame or not frame[name].notna().any():
            continue
        if str(col.dtype) == schemas.DATE:
            days.append(pd.Timestamp(frame[name].max()).date().isoformat())
        elif name == "year":
            days.append(f"{int(frame[name].max()):04d}-12-31")
    return max(days, default=None)


def bundled_text(dataset: str) -> str:
    """The bundled CSV as text: version 0, never written by the app."""
    return (DATA_DIR / f"{dataset}.csv").read_text(encoding="utf-8")


def load_membership(path=None) -> pd.DataFrame:
    return load("membership", path)


def load_withdrawals(path=None) -> pd.DataFrame:
    return load("withdrawals", path)


def load_casualties_global(path=None) -> pd.DataFrame:
    return load("casualties_global", path)


def load_casualties_by_country(path=None) -> pd.DataFrame:
    return load("casualties_by_country", path)


def load_article5(path=None) -> pd.DataFrame:
    return load("article5", path)


def load_clearance_annual(path=None) -> pd.DataFrame:
    return load("clearance_annual", path)


def load_alliances(path=None) -> pd.DataFrame:
    return load("alliances", path)


def load_ap_mine_use(path=None) -> pd.DataFrame:
    return load("ap_mine_use", path)


__all__ = ["DATA_DIR", "DATASETS", "DataError", "Problem", "bundled_text", "load", "provenance", "runs_to"] + [f"load_{d}" for d in SCHEMAS]
