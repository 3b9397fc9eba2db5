"""The visitor's language (i18n): chosen from ?lang= in the URL, then the selector, then the browser's language;
kept in the URL so a link opens in it, and declared on the page so a screen reader speaks it with the right voice."""
from __future__ import annotations

import json

import streamlit as st

import i18n
from i18n import LANGUAGES, _

KEY = "lang"


def _browser() -> str:
    """The browser's language as Streamlit exposes it (st.context.locale, from navigator.language), or its
    Accept-Language header; English when neither names one of ours."""
    return (i18n.best_match(st.context.locale) or i18n.best_match(st.context.headers.get("Accept-Language"))
            or i18n.SOURCE)


def language() -> str:
    """Set this run's language and return it (call first in every run, and in a fragment that reruns alone)."""
    if KEY not in st.session_state:
        asked = st.query_params.get(KEY)
        st.session_state[KEY] = asked if asked in LANGUAGES else _browser()
    return i18n.use(st.session_state[KEY])


def language_selector() -> None:
    """The selector, in the sidebar of every page; each language offered by its own name. The URL keeps the choice
    unless it is English for an English-speaking browser (so links made in English stay as they were)."""
    lang = language()
    st.sidebar.selectbox(_("Language"), list(LANGUAGES), key=KEY, format_func=LANGUAGES.get)
    if lang == i18n.SOURCE and _browser() == i18n.SOURCE:
        st.query_params.pop(KEY, None)
    else:
        st.query_params[KEY] = lang
    declare_language(lang)


# A passage in another language says so, for a screen reader's voice: the data's own words, recorded in English
# (containers keyed "recorded-…": reports' names, curators' notes), and each language's name in the selector.
# Streamlit draws elements after this script runs, so an observer marks them as they appear.
_MARK_SCRIPT = """<script>
document.documentElement.lang = %(lang)r;
window.mbtWords = %(words)s;
(function () {
  if (window.mbtLangObserver) return;
  var names = %(names)s;
  var mark = function () {
    var w = window.mbtWords;
    if (w.upload) {  // the file uploader's own words, which Streamlit does not let a page set
      document.querySelectorAll("[data-testid=stFileUploaderDropzone] button p").forEach(function (p) {
        if (p.textContent !== w.upload) { p.textContent = w.upload; } });
      document.querySelectorAll("[data-testid=stFileUploaderDropzoneInstructions] span").forEach(function (s) {
        var rest = s.textContent.split("\u2022").slice(1).join("\u2022");
        if (rest && !s.textContent.startsWith(w.perFile)) { s.textContent = w.perFile + " \u2022" + rest; } });
    }
    document.querySelectorAll("[class*='st-key-recorded-']:not([lang])").forEach(function (e) {
      e.lang = "en"; e.setAttribute("data-mbt-lang", "en"); });
    document.querySelectorAll("[role=option], [data-baseweb=select] [value], [data-baseweb=select] div").forEach(
      function (e) { var code = names[(e.textContent || "").trim()];
        if (code && e.children.length === 0 && e.lang !== code) { e.lang = code; } });
  };
  window.mbtLangObserver = new MutationObserver(mark);
  window.mbtLangObserver.observe(document.body, {childList: true, subtree: true});
  mark();
})();
</script>"""


def declare_language(lang: str) -> None:
    """<html lang="…"> for screen readers and the browser's hyphenation (Streamlit's page says "en" whatever it
    shows); a passage in another language carries its own lang (ui.sources, the selector's options)."""
    names = json.dumps({name: code for code, name in LANGUAGES.items()})
    words = {} if lang == i18n.SOURCE else {
        # TRANSLATORS: the file uploader's button (Streamlit's own word, replaced on the page)
        "upload": _("Upload"),
        # TRANSLATORS: under the file uploader, before the accepted file types: the size limit of one file
        "perFile": _("{size} MB per file").format(size=i18n.number(st.get_option("server.maxUploadSize")))}
    st.html(_MARK_SCRIPT % {"lang": lang, "names": names, "words": json.dumps(words, ensure_ascii=False)},
            unsafe_allow_javascript=True)
