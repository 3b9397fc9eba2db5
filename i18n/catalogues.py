"""The catalogues' tools, with Babel: find every message in the code (extract), bring each language's .po up to
date with them (update), compile the .po files (compile, at set-up) and say what a translator still has to do
(check). A translator edits only i18n/locale/<lang>/LC_MESSAGES/messages.po; see docs/ARCHITECTURE.md.

    python -m i18n update    # after code changes: new messages appear untranslated in every .po
    python -m i18n check     # what is missing, fuzzy or has placeholders that differ
    python -m i18n compile   # .po → .mo (scripts/setup.sh runs it)
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from i18n import DOMAIN, LANGUAGES, SOURCE
from paths import DATA_DIR, LOCALE_DIR, ROOT, STORY_FILE

TEMPLATE = LOCALE_DIR.parent / f"{DOMAIN}.pot"
# Where the visitor's words are written: the pages, their helpers, the figures, the sentences and the messages of
# the data's checks; story/story.csv's titles are messages too (advocates write them, translators translate them).
SOURCES = ("app.py", "views", "ui", "charts", "treaty", "loaders", "publish")
STORY = STORY_FILE
PROJECT = "Mine Ban Treaty dashboard"
# {name} for Python's format, %{name} and %{name:,} for plotly's hover templates: a translation keeps them all
_PLACEHOLDER = re.compile(r"%?\{[^{}]*\}")


def _python_files() -> Iterator[Path]:
    for name in SOURCES:
        path = ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def template() -> Catalog:
    """Every message the code and the story show, with where it is written."""
    catalog = Catalog(project=PROJECT, domain=DOMAIN, charset="utf-8", fuzzy=False)
    for path in _python_files():
        for line, message, comments, context in extract_from_file("python", path, DEFAULT_KEYWORDS,
                                                                  comment_tags=("TRANSLATORS:",)):
            catalog.add(message, locations=[(path.relative_to(ROOT).as_posix(), line)],
                        auto_comments=comments, context=context)
    with open(STORY, encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            if (row.get("title") or "").strip():
                catalog.add(row["title"].strip(), locations=[("story/story.csv", n)],
                            auto_comments=["A step's title in the guided story (story/story.csv)"])
    for path in sorted(DATA_DIR.glob("*.meta.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        where = [(f"data/{path.name}", 1)]
        for field, texts in (("title", [meta.get("title")]), ("verified", [meta.get("verified")]),
                             ("caveats", meta.get("caveats") or [])):
            for text in texts:
                if isinstance(text, str) and text.strip():
                    catalog.add(text, locations=where, auto_comments=[f"A dataset's {field} (data/{path.name}): "
                                                                      "curators' words, shown in the sources section"])
    return catalog


def locale_dir() -> Path:
    return LOCALE_DIR


def po_path(lang: str) -> Path:
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=116, sort_output=False, omit_header=False, include_previous=True)
    path.write_bytes(buf.getvalue())


def update() -> None:
    """The template from the code, and every language's .po brought up to it (new messages empty, changed ones
    marked fuzzy with their old text, gone ones kept as obsolete comments)."""
    tmpl = template()
    _write(tmpl, TEMPLATE)
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        if po_path(lang).exists():
            catalog = read(lang)
            catalog.update(tmpl)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, charset="utf-8")
            catalog.update(tmpl)
        catalog.fuzzy = False  # a fuzzy header would leave its plural rule out of the compiled catalogue
        _write(catalog, po_path(lang))


def compiled(po: Path) -> io.BytesIO:
    with open(po, "rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    out.seek(0)
    return out


def compile_all() -> list[Path]:
    written = []
    for lang in LANGUAGES:
        po = po_path(lang)
        if lang != SOURCE and po.exists():
            po.with_suffix(".mo").write_bytes(compiled(po).getvalue())
            written.append(po.with_suffix(".mo"))
    return written


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(lang: str, tmpl: Catalog | None = None) -> list[str]:
    """What stops a language's catalogue from covering the code: a message missing, untranslated or fuzzy, or a
    translation whose placeholders are not its message's. Each line names the message and where it is used."""
    tmpl = tmpl or template()
    catalog = read(lang)
    found = []
    for m in tmpl:
        if not m.id:
            continue
        where = ", ".join(f"{p}:{n}" for p, n in m.locations[:2])
        t = catalog.get(m.id, context=m.context)
        ident = m.id if isinstance(m.id, str) else m.id[0]
        if t is None:
            found.append(f"{lang}: not in the catalogue ({where}): {ident!r}")
            continue
        strings = t.string if isinstance(t.string, (list, tuple)) else [t.string]
        if t.fuzzy or not all(strings):
            found.append(f"{lang}: {'fuzzy' if t.fuzzy else 'untranslated'} ({where}): {ident!r}")
            continue
        ids = m.id if isinstance(m.id, (list, tuple)) else [m.id]
        want = placeholders(ids[-1])
        for s in strings:
            if placeholders(s) != want and placeholders(s) != placeholders(ids[0]):
                found.append(f"{lang}: placeholders {placeholders(s)} instead of {want} ({where}): {ident!r}")
                break
    return found
