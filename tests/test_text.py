"""Data text shown as text (charts.text): what a hostile note, name or report becomes in Markdown and in plotly."""
import re

import pytest
from markdown_it import MarkdownIt

from charts.text import esc, markdown_text, safe_url, source_link, source_urls

# CommonMark with GitHub's tables and strikethrough (markdown-it-py comes with rich, a dependency of Streamlit):
# near enough to Streamlit's Markdown to test that nothing turns into markup (tests/browser/test_hostile_text.py
# checks Streamlit itself)
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

HOSTILE = [
    "![x](http://198.51.100.7/x.png)",
    '<img src="http://198.51.100.7/y.png">',
    "<script>alert(1)</script>",
    "[link](http://198.51.100.7/)",
    "[click](javascript:alert(1))",
    "<http://198.51.100.7/>",
    "<b>bold</b> *em* _em_ **strong** ~~struck~~ `code`",
    "# heading", "> quote", "1. item", "- item", "+ item", "***", "| a | b |\n|---|---|",
    "Text\n===", "&amp; &lt;b&gt; &#60;", "$x^2$ :red[red] :material/home: :smile:",
    "line one\n\n    code block",
]


def _rendered(text: str) -> str:
    return MD.render(text).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_is_one_paragraph_of_text(text):
    html = _rendered(markdown_text(text))
    assert re.fullmatch(r"<p>[^<]*</p>", html), html  # no tag but the paragraph: no image, link, emphasis
    shown = html[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert shown.replace("\u2060", "") == " ".join(text.split()), "shown as typed (line breaks as spaces)"


def test_bare_addresses_are_not_linked():
    """GitHub's autolink literals are found after escapes are read: a word joiner keeps them text."""
    out = markdown_text("see http://198.51.100.7/a, HTTPS://x.org, www.example.org and a@example.org")
    assert "http\\://\u2060198" in out and "HTTPS\\://\u2060x" in out
    assert "www\u2060.example" in out and "a@\u2060example" in out
    # what GitHub's autolink literal looks for in text (mdast-util-gfm-autolink-literal) finds nothing
    shown = out.replace("\\", "")
    assert not re.search(r"(?i)(https?://|www(?=\.))[-.\w]+|[-.\w+]+@[-\w]+(\.[-\w]+)+", shown)


def test_missing_values_show_as_nothing():
    assert markdown_text(None) == markdown_text(float("nan")) == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:image/png;base64,AAAA",
                                 "vbscript:x", "file:///etc/hosts", "//198.51.100.7/x", "/app/static/x",
                                 "http:///x", "https:", "ftp://example.org/x", "", None, 3, "http://[::1"])
def test_only_http_addresses_with_a_host_are_links(url):
    assert safe_url(url) is None
    assert source_link("Report", url) == "Report"
    assert "<a " not in _rendered(source_link("Report", url))


def test_a_link_is_the_report_name_to_its_address():
    html = _rendered(source_link("Landmine Monitor 2025", "https://www.the-monitor.org/x"))
    assert html == '<p><a href="https://www.the-monitor.org/x">Landmine Monitor 2025</a></p>'


def test_brackets_in_a_report_name_keep_the_link_whole():
    html = _rendered(source_link("Report [2025] (draft) ![x](http://198.51.100.7/x.png)", "https://example.org/r"))
    assert html.count("<a ") == 1 and "<img" not in html
    assert 'href="https://example.org/r"' in html
    assert "Report [2025] (draft) ![x](http://\u2060198.51.100.7/x.png)</a>" in html


def test_an_address_cannot_break_out_of_its_link():
    """The schema allows any non-space characters after http(s)://: they stay inside the address."""
    url = "https://example.org/a)![x](http://198.51.100.7/x.png)<img/src=http://198.51.100.7/y.png>\"'"
    html = _rendered(source_link("Report", url))
    assert html.count("<a ") == 1 and "<img" not in html
    href = re.search(r'href="([^"]*)"', html)[1]
    assert href.startswith("https://example.org/a%29%21%5Bx%5D%28http") and not re.search(r"[()<>\[\]\"!]", href)


def test_several_addresses_each_a_link_and_unsafe_ones_dropped():
    assert source_urls("https://a.org/1 | javascript:x | http://b.org/2") == ["https://a.org/1", "http://b.org/2"]
    html = _rendered(source_link("R", "https://a.org/1 | http://b.org/2"))
    assert html == '<p><a href="https://a.org/1">R</a>, <a href="http://b.org/2">address 2</a></p>'


def test_plotly_text_shows_tags_and_entities_as_typed():
    assert esc('<a href="x">l</a> <br> <span style="x">s</span> &lt;') == \
        '&lt;a href="x"&gt;l&lt;/a&gt; &lt;br&gt; &lt;span style="x"&gt;s&lt;/span&gt; &amp;lt;'
