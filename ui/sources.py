"""Sources, caveats and citations: how every page ends, and the citation line of every download."""
from __future__ import annotations

import streamlit as st

import i18n
from charts.export import citation, short_citation
from charts.text import markdown_text, source_link
from i18n import _
from ui.cached import provenance
from ui.page import today
from ui.urls import view_address
from ui.versions import PREVIEWS, store, version_words, versions

PAGE_TITLE = "page-title"  # session_state: the title of the page on screen (for citations)


SOURCES = "sources"  # widget key: the "Sources and caveats" expander, open or closed


CITE = "cite"  # widget key: the "Cite this view" popover in it


def _described(datasets: list[str], published_only: bool = False) -> list[dict]:
    return [{"meta": provenance(d, published_only), "version": version_words(d, published_only)} for d in datasets]


def cite(datasets: list[str], published_only: bool = False, address: str | None = None,
         with_address: bool = True) -> str:
    """The full citation line; `with_address=False` for a file that leaves this server (an offline pack), where
    the page's address would only name the machine it was made on."""
    return citation(st.session_state.get(PAGE_TITLE, _("Mine Ban Treaty")), _described(datasets, published_only),
                    (address or view_address()) if with_address else None, i18n.day(today()))


def cite_short(datasets: list[str]) -> str:
    """A slide's one-line source footer (charts.export.short_citation)."""
    return short_citation(_described(datasets), i18n.day(today()))


def citation_box(datasets: list[str]) -> None:
    st.markdown(_("**Cite this view** (the copy button is at the right of the box):"))
    st.code(cite(datasets), language=None, wrap_lines=True)


def sources_section(datasets: list[str], used: list[tuple[str, str]] | None = None, expanded: bool = False,
                    inline_citation: bool = False, notes: list[str] = ()) -> None:
    """The sources behind what a page shows, with their caveats and the date each dataset runs to.
    `used`: (report, address) pairs of the rows actually shown, listed instead of each dataset's sources;
    `notes`: the curators' notes on those rows (how a date was inferred, a source's doubt), kept out of the text."""
    # Drawn only while open: the citation box alone pulls a 1.5 MB syntax-highlighting bundle into the page's
    # first paint (about 0.3 s of a map opening in the benchmark), for text most visits never read.
    # `inline_citation`: the citation box shown directly, not behind its own "Cite this view" button.
    box = st.expander(_("Sources and caveats"), expanded=expanded, key=SOURCES, on_change="rerun")
    if not box.open:
        return
    with box:
        if inline_citation:  # inside a popover already (popovers do not nest)
            citation_box(datasets)
        else:  # behind its own button: the box's 1.5 MB script bundle loads when someone asks to cite
            cite_box = st.popover(_("Cite this view"), icon=":material/format_quote:", key=CITE, on_change="rerun")
            if cite_box.open:
                with cite_box:
                    citation_box(datasets)
        for d in datasets:
            meta = provenance(d)
            # the sidecar's words and the versions' are data text too: shown as typed (charts.text)
            # TRANSLATORS: {title} is a dataset's title and {to} the day its data runs to, both as recorded
            runs_to = _("**{title}** — data runs to {to}.").format(
                title=markdown_text(_(meta["title"])), to=markdown_text(i18n.recorded_day(meta.get("data_runs_to", _("n/a")))))
            # the curators' verification note is data text, shown as recorded
            st.markdown(f"{runs_to} {markdown_text(_(meta.get('verified', '')))}")
            token = dict(versions())[d]
            if isinstance(token, str):
                file = markdown_text(st.session_state[PREVIEWS][d]["file"])
                st.markdown(_("- _This session previews an unpublished upload_ ({file}); each row still carries its "
                              "own report and source address.").format(file=file))
            elif token:
                v = next(h for h in store().history(d) if h.number == token)
                # TRANSLATORS: {when} is a date and time, YYYY-MM-DD HH:MM; {editor} and {message} as they typed them
                st.markdown(_("- _Published version {number}_, {when} UTC, by {editor}: {message}. Each row carries "
                              "its own report and source address; the sources below are those of the bundled version "
                              "0.").format(number=v.number, when=f"{v.created_at:%Y-%m-%d %H:%M}",
                                           editor=markdown_text(v.editor), message=markdown_text(v.message)))
            if used is None:
                for s in meta["sources"]:
                    # TRANSLATORS: a source as recorded: who published it, its report (linked), the day it was read
                    st.markdown(_("- {name}: {report} (accessed {day})").format(
                        name=markdown_text(s["name"]), report=source_link(s["report"], s["url"]),
                        day=markdown_text(i18n.recorded_day(s["accessed"]))))
            for c in meta.get("caveats", []):
                # TRANSLATORS: before a dataset's caveat (the caveat is translated too: it is in the catalogue)
                st.markdown(_("- _Caveat:_ {caveat}").format(caveat=markdown_text(_(c))))
        if used is not None:
            st.markdown(_("#### Sources used on this page"))
            seen = dict.fromkeys((rep, url) for rep, url in used if isinstance(rep, str))
            with st.container(key="recorded-sources"):  # reports' names as recorded: in English (ui.language)
                st.markdown("\n".join(f"- {source_link(rep, url)}" for rep, url in seen))
        if notes:
            st.markdown(_("#### Curation notes"))
            st.caption(_("What the people who keep the data noted on these records, as of the data's last check."))
            with st.container(key="recorded-notes"):  # the curators' notes, as recorded: in English
                st.markdown("\n".join(f"- {markdown_text(n)}" for n in dict.fromkeys(notes)))
