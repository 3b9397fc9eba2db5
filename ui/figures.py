"""Every chart and table goes through here: offline plotly, text alternatives, presenter-size type, downloads."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import i18n
from charts.export import figure_table
from charts.pack import pack_html
from charts.text import markdown_text
from i18n import _
from publish.safe import safe_csv
from ui.cached import base_topology, geojson
from ui.page import on_phone, today
from ui.sources import PAGE_TITLE, cite, cite_short
from ui.urls import static_url

IMAGE_FORMAT = "image-format"  # session_state: "PNG" or "SVG", what the camera button above a chart saves


def plotly_config(key: str = "chart") -> dict:
    """Plotly looks for its base-map topojson here, not on a CDN (static/ holds an empty one: we draw our own).
    Its camera button saves the chart as PNG or SVG in the browser itself: no server, no network."""
    fmt = st.session_state.get(IMAGE_FORMAT, "PNG").lower()
    # on a phone plotly's toolbar would sit on the chart's title after every tap; the buttons below save the data
    return {"topojsonURL": static_url(""), "displaylogo": False, "scrollZoom": False, "displayModeBar": not on_phone(),
            "toImageButtonOptions": {"format": fmt, "scale": 2 if fmt == "png" else 1,
                                     "filename": f"mine-ban-treaty_{key}_{today():%Y-%m-%d}"}}


def image_format() -> None:
    st.sidebar.segmented_control(_("Chart images"), ["PNG", "SVG"], default="PNG", key=IMAGE_FORMAT, required=True,
                                 help=_("What the camera button above each chart saves (made in your browser)."))


def chart(spec, sentence: str, key: str, datasets: list[str], table: pd.DataFrame | None = None) -> None:
    """A chart with its sentence beneath: the sentence says what the chart shows and is its text alternative."""
    plot(spec, key, sentence, datasets, caption=sentence, table=table)


def plot(fig, key: str, alt: str, datasets: list[str], *, caption: str | None = None,
         table: pd.DataFrame | None = None, title: str | None = None, downloads: bool = True, **kwargs):
    """Every chart goes through here: offline plotly, its text alternative, presenter-size type, and its data
    as CSV with the citation line (`table` replaces the data read off the figure where that reads better),
    and the chart as one HTML file that works with no server and no network."""
    present = st.session_state.get("present")
    shown = presenter_figure(fig) if present else fig
    config = plotly_config(key) | ({"displayModeBar": False} if present else {})  # no toolbar on a slide
    event = st.plotly_chart(shown, key=key, config=config, width="stretch", alt=alt, **kwargs)
    if caption:  # a sentence from treaty.sentences: plain text that may hold names and reports from the data
        st.caption(markdown_text(caption))
    if downloads:
        line = cite(datasets)
        with st.container(horizontal=True, gap="small"):
            download_csv(lambda: figure_table(fig) if table is None else table, key, line,
                         _("Download chart data (CSV)"))
            download_pack([{"id": key, "title": title or st.session_state.get(PAGE_TITLE, ""), "sentence": alt,
                            "figure": fig, "datasets": datasets}], key, _("Download chart as HTML (offline)"))
    return event


def table(frame: pd.DataFrame, key: str, datasets: list[str], **kwargs) -> None:
    """A table, with a CSV download that carries the citation line."""
    st.dataframe(frame, key=key, hide_index=True, width="stretch", **kwargs)
    download_csv(lambda: frame, key, cite(datasets), _("Download table (CSV)"))


def download_csv(make, key: str, line: str, label: str) -> None:
    """A small download button (its `label` a whole phrase, "Download chart data (CSV)") whose file starts with
    the citation `line`; built only when clicked, in the language of the page that drew the button."""
    lang = i18n.current()

    def build() -> str:
        with i18n.speaking(lang):
            return safe_csv(make(), citation=line)
    st.download_button(label, build,
                       file_name=f"mine-ban-treaty_{key}_{today():%Y-%m-%d}.csv", mime="text/csv",
                       key=f"csv-{key}", on_click="ignore", type="tertiary", icon=":material/download:")


def download_pack(slides: list[dict], key: str, label: str, big: bool = False, **kwargs) -> None:
    """Slides (dicts of id, title, sentence, figure, datasets) as one self-contained HTML file, built only when
    the button is clicked (`big`: presenter-size type in the figures, for a projector). Each slide ends in one
    short source line; the full citations, without this server's address, are the pack's last slide."""
    name, outlines = st.session_state.get(PAGE_TITLE, _("Mine Ban Treaty")), geojson()
    # the words are made now, in this page's run (they read the session); the figures when the button is clicked
    lines = [cite_short(s["datasets"]) for s in slides]
    sources = [cite([d], with_address=False) for d in dict.fromkeys(d for s in slides for d in s["datasets"])]
    # TRANSLATORS: the title of a downloaded HTML file: the page's title, then the treaty's name
    title, lang = _("{page} · Mine Ban Treaty").format(page=name), i18n.current()

    def build() -> str:
        shown = [s | {"figure": presenter_figure(s["figure"]) if big else s["figure"], "citation": line}
                 for s, line in zip(slides, lines, strict=True)]
        with i18n.speaking(lang):  # the pack's own words (charts.pack), in the language of the page
            return pack_html(title, shown, outlines, base_topology(), sources=sources)
    st.download_button(label, build,
                       file_name=f"mine-ban-treaty_{key}_{today():%Y-%m-%d}.html", mime="text/html",
                       key=f"html-{key}", on_click="ignore", icon=":material/slideshow:", type=kwargs.pop("type", "tertiary"),
                       **kwargs)


def presenter_figure(fig) -> go.Figure:
    """A copy of a (shared) figure with type that reads from the back of a room."""
    big = go.Figure(fig)
    big.update_layout(font={"size": 24}, legend_font_size=24, legend_title_font_size=26, hoverlabel_font_size=22)
    # a legend entry that counts nothing only takes room on a slide (the map's zero counts)
    big.update_traces(showlegend=False, selector=lambda t: (t.name or "").endswith(": 0"))
    big.update_annotations(font_size=22)
    big.update_xaxes(tickfont_size=18, title_font_size=20)
    big.update_yaxes(tickfont_size=16, title_font_size=20)
    rows = big.layout.yaxis.categoryarray
    if rows:  # one row per state (Article 5): as large as the rows allow, or the names would overlap
        room = (big.layout.height or 450) - 120
        big.update_yaxes(tickfont_size=max(11, min(20, int(0.8 * room / len(rows)))))
    return big
