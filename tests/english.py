"""Finding the app's own English on a page shown in another language: every message of the catalogue template whose
translation differs, cut at its placeholders into runs of words; a run that appears on the page is English the
page should not show. Runs that any translation also uses (a name, "Article 5", "km²") or that the data itself
holds (a source's title, a report's name: shown as recorded) are not counted."""
from __future__ import annotations

import re
from functools import cache

from i18n import catalogues

_CUT = re.compile(r"%?\{[^{}]*\}|<[^>]+>|\*\*|\s[·—–]\s|[():;]|\.\s")


def _pieces(message: str) -> list[str]:
    return [p.strip(" .,;:'\"“”‘’") for p in _CUT.split(message)]


@cache
def _data_text() -> str:
    import json

    import loaders
    parts = []
    for dataset in loaders.DATASETS:
        frame = loaders.load(dataset)
        parts += [str(v) for col in frame.columns if frame[col].dtype == object or str(frame[col].dtype) == "str"
                  for v in frame[col].dropna().unique()]
        parts.append(json.dumps(loaders.provenance(dataset), ensure_ascii=False))
    return "\n".join(parts)


@cache
def english_runs(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(runs of two words or more, single-word messages) of English that `lang` translates."""
    tmpl = catalogues.template()
    translations = catalogues.read(lang)
    translated_text = "\n".join(str(m.string) for m in translations if m.id)
    data = _data_text()
    runs, words = set(), set()
    for m in tmpl:
        if not m.id:
            continue
        for message in (m.id if isinstance(m.id, (list, tuple)) else (m.id,)):
            t = translations.get(m.id, context=m.context)
            if t is None or message in (t.string if isinstance(t.string, (list, tuple)) else (t.string,)):
                continue
            for piece in _pieces(message):
                if not re.search(r"[A-Za-z]{2}", piece) or piece in translated_text or piece in data:
                    continue
                if len(piece.split()) >= 2 and len(piece) >= 8:
                    runs.add(piece)
                elif message.strip() == piece and " " not in piece and len(piece) >= 4:
                    words.add(piece)
    return tuple(sorted(runs, key=len, reverse=True)), frozenset(words)


def english_in(texts: list[str], lang: str) -> list[str]:
    """The English found in `texts` (each an element's text): '…context… ← run'."""
    runs, words = english_runs(lang)
    found = []
    for text in texts:
        if text.strip() in words:
            found.append(f"{text.strip()!r} (a whole label)")
            continue
        for run in runs:
            if run in text:
                at = text.index(run)
                found.append(f"{text[max(0, at - 30):at + len(run) + 30]!r} ← {run!r}")
                break
    return found
