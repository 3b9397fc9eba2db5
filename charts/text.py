"""Data text shown as text: the one place that decides how a name, note, report or detail from the data (bundled
or published by an analyst) is made inert for what draws it.

- Streamlit reads Markdown (and a little of its own: `:red[…]`, `$math$`, `:material/…:`) in st.markdown,
  captions, titles, alerts and labels: `markdown_text`.
- plotly reads a little HTML (<b>, <br>, <a>, <span>) in labels, hovers and annotations: `esc`.
- pydeck's tooltip is a `text` one (charts.deck): deck.gl sets it as text, so it needs nothing.
- A link is made only by `source_link`, from an http(s) address with a host; anything else is shown as text.

Text is escaped where it is printed (ui/ and views/ for Streamlit, the figure builders for plotly);
sentences (treaty.sentences) and frames stay plain text, so nothing is escaped twice. A page that shows an image
or a link from a data cell would make every visitor's browser ask an outside host, and the app promises that no
request leaves the machine (tests/browser/test_hostile_text.py holds it to that).
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import pandas as pd

from i18n import _

# What Markdown, GitHub's extensions or Streamlit read anywhere in a line: emphasis, code, links and images, HTML and
# entities, tables, strikethrough, math, :colour[…] and :emoji: or :material/icon: (CommonMark lets each be
# backslash-escaped); the rest of the punctuation is left as it is, so the Markdown stays readable.
_INLINE = re.compile(r"([\\`*_\[\]()<>!#&|~$:])")
# What only starts a block (a list, a heading, a rule), checked at the start of the text: a line break is made a
# space, so the text's start is the one place a block could begin.
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)\.)")
# Streamlit's Markdown turns bare addresses into links after escapes are read (GitHub's autolink literals:
# http://…, www.…, name@host): a word joiner (U+2060, invisible) after "//", "www" and "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(https?\\://|\bwww(?=\.)|@)")
_WORD_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(value) -> str:
    r"""Data text as Markdown that shows exactly as typed: never markup, an image, a link or a new block.
    Line breaks become spaces and the ends are trimmed (a cell is one line of a page: a break or an indent could
    start a heading or a code block).

    >>> markdown_text("![x](http://198.51.100.7/x.png)")
    '\\!\\[x\\]\\(http\\://\u2060198.51.100.7/x.png\\)'
    >>> markdown_text("<b>bold</b> *em* &amp;")
    '\\<b\\>bold\\</b\\> \\*em\\* \\&amp;'
    >>> markdown_text("1. first\n# heading"), markdown_text("- item"), markdown_text(None), markdown_text(3)
    ('1\\. first \\# heading', '\\- item', '', '3')
    """
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):  # None, NaN, pd.NA: nothing
        return ""
    text = _INLINE.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)).strip())
    text = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", text)
    return _AUTOLINK.sub(lambda m: m[1] + _WORD_JOINER, text)


def esc(value):
    """Data text for plotly (labels, hovers, annotations, customdata put into a hovertemplate): '<b>x</b>' reads
    as that, not as bold x. Non-text passes through.

    >>> esc("<b>Evil</b> & co"), esc(3)
    ('&lt;b&gt;Evil&lt;/b&gt; &amp; co', 3)
    """
    return html.escape(value, quote=False) if isinstance(value, str) else value


def esc_all(values) -> list:
    return [esc(v) for v in values]


def safe_url(address) -> str | None:
    """An http(s) address with a host, made safe inside a Markdown link (spaces, brackets, quotes and angle
    brackets percent-encoded); None for anything else (javascript:, data:, a relative path, no host).

    >>> safe_url("https://example.org/a b)![x](http://198.51.100.7/x.png")
    'https://example.org/a%20b%29%21%5Bx%5D%28http://198.51.100.7/x.png'
    >>> [safe_url(u) for u in ("javascript:alert(1)", "data:image/png;base64,AA", "http:///x", "/app", None)]
    [None, None, None, None, None]
    """
    if not isinstance(address, str):
        return None
    address = address.strip()
    try:
        parts = urlsplit(address)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return quote(address, safe="/:?#&=%+,;@~$*'.-_")


def source_urls(source_url) -> list[str]:
    """The addresses of a `source_url` cell (several are separated by ' | '), only those safe to link."""
    if not isinstance(source_url, str):
        return []
    return [u for u in map(safe_url, source_url.split(" | ")) if u]


def source_link(report, source_url) -> str:
    """Markdown for a source: its report name (as typed) linked to the first http(s) address of `source_url`, any
    further address as "address 2", "address 3"; the name alone, as text, when no address is safe to link.

    >>> source_link("Report [2025] (draft)", "https://example.org/r | https://example.org/s")
    '[Report \\\\[2025\\\\] \\\\(draft\\\\)](https://example.org/r), [address 2](https://example.org/s)'
    >>> source_link("UN", "javascript:alert(1)")
    'UN'
    """
    urls = source_urls(source_url)
    if not urls:
        return markdown_text(report)
    # TRANSLATORS: a link to a source whose report has no name
    name = markdown_text(report) or _("source")
    # TRANSLATORS: a link to a source's second, third… address: {n} is its number
    more = _("address {n}")
    return ", ".join([f"[{name}]({urls[0]})"] + [f"[{more.format(n=i)}]({u})" for i, u in enumerate(urls[1:], start=2)])
