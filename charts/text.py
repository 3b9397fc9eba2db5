"""Text from the data, made safe for plotly, which reads a little HTML (<b>, <br>, <a>) in labels and hovers."""
from __future__ import annotations

import html


def esc(value):
    """Data text shown as typed: '<b>x</b>' reads as that, not as bold x. Non-text passes through.

    >>> esc("<b>Evil</b> & co"), esc(3)
    ('&lt;b&gt;Evil&lt;/b&gt; &amp; co', 3)
    """
    return html.escape(value, quote=False) if isinstance(value, str) else value


def esc_all(values) -> list:
    return [esc(v) for v in values]
