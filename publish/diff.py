"""What an upload changes in a dataset: rows added, removed and changed (cell by cell), by the dataset's key."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders import schemas

key_of = schemas.key_columns


@dataclass
class Diff:
    key: list[str]
    added: pd.DataFrame      # rows only in the upload
    removed: pd.DataFrame    # rows only in the current data
    changed: pd.DataFrame    # key, column, before, after: one row per changed cell
    unchanged: int

    @property
    def changed_rows(self) -> int:
        return len(self.changed.drop_duplicates(self.key)) if len(self.changed) else 0


def _same(a, b) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    return a == b


def _keyed(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.set_index(key, drop=False).sort_index()


def diff(current: pd.DataFrame, new: pd.DataFrame, dataset: str) -> Diff:
    key = key_of(dataset)
    cur, up = _keyed(current, key), _keyed(new, key)
    only_new = up.index.difference(cur.index)
    only_cur = cur.index.difference(up.index)
    both = up.index.intersection(cur.index)
    cells = []
    same_rows = 0
    for k in both:
        a, b = cur.loc[k], up.loc[k]
        changed = [(c, a[c], b[c]) for c in current.columns if c not in key and not _same(a[c], b[c])]
        if not changed:
            same_rows += 1
        for c, before, after in changed:
            cells.append({**dict(zip(key, k if isinstance(k, tuple) else (k,), strict=True)), "column": c,
                          "before": before, "after": after})
    return Diff(key, up.loc[only_new].reset_index(drop=True), cur.loc[only_cur].reset_index(drop=True),
                pd.DataFrame(cells, columns=[*key, "column", "before", "after"]), same_rows)


def merge(current: pd.DataFrame, new: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """The current rows, with every row of the upload replacing the row of the same key or added."""
    key = key_of(dataset)
    kept = _keyed(current, key)
    kept = kept.loc[kept.index.difference(_keyed(new, key).index)]
    out = pd.concat([kept.reset_index(drop=True), new], ignore_index=True)
    return out.sort_values(key, kind="stable").reset_index(drop=True)


def _lost(before: str, after: str) -> bool:
    """`after` is `before` with some non-ASCII characters turned into '?', as saving in an encoding that cannot
    hold them does (Windows-1252 has no '→'; a Latin-1 file no 'ł')."""
    return (len(before) == len(after) and "?" in after and before != after
            and all(a == b or (b == "?" and ord(a) > 127) for a, b in zip(before, after, strict=True)))


def lost_characters(d: Diff) -> pd.DataFrame:
    """Changed cells whose new text has '?' where the current text has other letters: characters lost to an
    encoding on the way, not an edit.

    >>> d = diff(pd.DataFrame({"year": [2024], "note": ["a → b"]}), pd.DataFrame({"year": [2024], "note": ["a ? b"]}),
    ...          "casualties_global")
    >>> lost_characters(d)[["column", "before", "after"]].values.tolist()
    [['note', 'a → b', 'a ? b']]
    """
    if not len(d.changed):
        return d.changed
    hit = [isinstance(b, str) and isinstance(a, str) and _lost(b, a)
           for b, a in zip(d.changed["before"], d.changed["after"], strict=True)]
    return d.changed[hit].reset_index(drop=True)
