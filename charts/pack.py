"""The presentation pack: slides (a story, or one view) as one HTML file that needs no server and no network.

plotly.js, the country outlines, the figures and the citations are all inside the file; it keeps hover and zoom,
and steps with the keys a presentation clicker sends (arrows, Page Up/Down, space). For a venue's computer
where nothing may be installed: it opens from a USB stick in any browser."""
from __future__ import annotations

import html
import json

import plotly.io as pio
from plotly.offline import get_plotlyjs

import i18n
from i18n import _

GEOJSON_SLOT = "__countries__"  # a map's outlines are stored once in the file and put back into each map here

# A slide is the screen: title, sentence, the figure in what they leave, one source line; nothing scrolls. Type
# grows with the screen (24 px at 1280×720, 36 px at 1920×1080); the step controls float at the top, hidden until
# the pointer moves or a key moves focus into them, and the keys always work.
STYLE = """
html { font-size: clamp(18px, min(3.3vh, 1.9vw), 64px); }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; margin: 0; color: #000; background: #fff;
       overflow: hidden; }
header { position: fixed; top: 0.4rem; right: 0.8rem; z-index: 10; display: flex; gap: 0.6rem; align-items: center;
         padding: 0.3rem 0.6rem; background: #fff; border: 1px solid #666; border-radius: 6px;
         font-size: 0.7rem; transition: opacity 0.3s; }
body:not(.pointer) header:not(:focus-within) { opacity: 0; pointer-events: none; }
header .count { font-weight: 600; }
button { font-size: inherit; padding: 0.2rem 0.7rem; border: 2px solid #000; background: #fff; color: #000;
         border-radius: 6px; cursor: pointer; }
button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
section { box-sizing: border-box; height: 100vh; padding: 0.5rem 1.2rem 0.3rem; display: flex; flex-direction: column; }
section[hidden] { display: none; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0; }
.sentence { font-size: 1.15rem; line-height: 1.3; margin: 0.2rem 0 0.3rem; }
.plot { flex: 1 1 0; min-height: 0; }  /* the figure takes the screen the text leaves */
.source { font-size: 0.6rem; color: #333; margin: 0.2rem 0 0; white-space: nowrap; overflow: hidden;
          text-overflow: ellipsis; }
#pack-sources ol { font-size: 0.55rem; overflow-y: auto; flex: 1 1 0; margin: 0.4rem 0; overflow-wrap: anywhere; }
"""

SCRIPT = """
(function () {
  var figures = JSON.parse(document.getElementById("figures").textContent);
  var geo = JSON.parse(document.getElementById("countries").textContent);
  var slides = document.querySelectorAll("section.slide");
  var drawn = {}, current = -1;
  // figure type is in pixels: it grows with the screen as the page's type does (1 at 1280x720, 1.5 at 1080p)
  var k = Math.max(1, Math.min(3, Math.min(innerHeight / 720, innerWidth / 1280)));
  function scale(o) {
    if (Array.isArray(o)) { o.forEach(scale); return; }
    if (!o || typeof o !== "object") return;
    for (var key in o) {
      var v = o[key];
      // a row per state (categoryarray): its labels are sized to the rows already, and would overlap
      if (/font$/i.test(key) && v && typeof v.size === "number" && !(key === "tickfont" && o.categoryarray))
        v.size = Math.round(v.size * k);
      scale(v);
    }
  }
  function draw(i) {
    if (drawn[i] || !figures[i]) return;  // the sources slide has no figure
    var fig = figures[i];
    scale(fig.layout || {});
    scale(fig.data || []);
    (fig.data || []).forEach(function (t) { if (t.geojson === "%(slot)s") t.geojson = geo; });
    Plotly.newPlot("plot-" + i, fig.data, fig.layout || {},
                   {displaylogo: false, responsive: true, scrollZoom: false,
                    toImageButtonOptions: {format: "png", scale: 2, filename: slides[i].id}});
    drawn[i] = true;
  }
  var timer;
  document.addEventListener("mousemove", function () {
    document.body.classList.add("pointer");
    clearTimeout(timer);
    timer = setTimeout(function () { document.body.classList.remove("pointer"); }, 3000);
  });
  function show(i) {
    i = Math.max(0, Math.min(slides.length - 1, i));
    if (i === current) return;
    slides.forEach(function (s, k) { s.hidden = k !== i; });
    current = i;
    draw(i);
    var steps = document.querySelectorAll("section.slide:not(#pack-sources)").length;
    document.getElementById("count").textContent = slides[i].id === "pack-sources" ? %(sources)s
      : %(step)s.replace("{step}", i + 1).replace("{steps}", steps);
    document.title = slides[i].querySelector("h1").textContent + " · %(title)s";
    if (location.hash !== "#" + slides[i].id) history.replaceState(null, "", "#" + slides[i].id);
    window.dispatchEvent(new Event("resize"));
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    for (var k = 0; k < slides.length; k++) if (slides[k].id === id) return k;
    return 0;
  }
  document.getElementById("back").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var forward = ["ArrowRight", "PageDown", " ", "Spacebar"], back = ["ArrowLeft", "PageUp"];
    if (forward.indexOf(e.key) >= 0) { show(current + 1); e.preventDefault(); }
    else if (back.indexOf(e.key) >= 0) { show(current - 1); e.preventDefault(); }
    else if (e.key === "Home") { show(0); e.preventDefault(); }
    else if (e.key === "End") { show(slides.length - 1); e.preventDefault(); }
  });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  show(fromHash());
})();
"""


def _embedded(text: str) -> str:
    """JSON inside a <script> element: '</' must not close it early."""
    return text.replace("</", "<\\/")


def _json(text: str) -> str:
    """A text as a JavaScript string literal inside a <script> element."""
    return _embedded(json.dumps(text))


def _figure_json(fig) -> str:
    spec = json.loads(pio.to_json(fig, validate=False))
    for trace in spec.get("data", []):
        if isinstance(trace.get("geojson"), str):  # an address on the app's server: not there offline
            trace["geojson"] = GEOJSON_SLOT
    layout = spec.setdefault("layout", {})
    layout.pop("height", None)  # sized by the screen (see STYLE), not by the app's layout
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        # the app's theme gives tick labels their room; with plain plotly they would be cut ("0, 0, 0", "k")
        layout[name] = {**(layout.get(name) or {}), "automargin": True}
    return json.dumps(spec, separators=(",", ":"))


def pack_html(title: str, slides: list[dict], geojson: dict, topology: str, sources: list[str] = ()) -> str:
    """`slides`: dicts with id, title, sentence, figure (a plotly Figure or spec) and citation (one short line);
    `geojson`: the country outlines; `topology`: plotly's base-map topojson text
    (loaders.geometry.load_base_topology), put inside; `sources`: the full citations, the last slide."""
    sections = "\n".join(
        f'<section class="slide" id="{html.escape(s["id"])}" hidden aria-label="{html.escape(s["title"])}">'
        f'<h1>{html.escape(s["title"])}</h1><p class="sentence">{html.escape(s["sentence"])}</p>'
        f'<div class="plot" id="plot-{i}" role="img" aria-label="{html.escape(s["sentence"])}"></div>'
        f'<p class="source">{html.escape(s["citation"])}</p></section>'
        for i, s in enumerate(slides))
    heading = html.escape(_("Sources"))
    if sources:
        sections += (f'\n<section class="slide" id="pack-sources" hidden aria-label="{heading}"><h1>{heading}</h1><ol>'
                     + "".join(f"<li>{html.escape(c)}</li>" for c in sources) + "</ol></section>")
    figures = "[" + ",".join(_figure_json(s["figure"]) for s in slides) + "]"
    many = len(slides) + bool(sources) > 1
    back, back_label, ahead, ahead_label = _("◀ Back"), _("Previous step"), _("Next ▶"), _("Next step")
    # TRANSLATORS: in the slides' controls: the keys that step through them (a presentation clicker sends these)
    hint = _("Arrows, Page Up/Down or space · no network needed")
    nav = (f'<button id="back" aria-label="{html.escape(back_label)}">{html.escape(back)}</button>'
           '<span class="count" id="count"></span>'
           f'<button id="next" aria-label="{html.escape(ahead_label)}">{html.escape(ahead)}</button>'
           f'<span class="hint">{html.escape(hint)}</span>')
    words = {"sources": _json(_("Sources")),
             # TRANSLATORS: which slide is shown, in the slides' controls; {step} and {steps} are numbers
             "step": _json(_("Step {step} of {steps}"))}
    lang = i18n.current()  # the page's language, for screen readers and hyphenation
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{STYLE}{'' if many else 'header {display:none}'}</style>
<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {_embedded(topology)}}}}};</script>
<script>{get_plotlyjs()}</script></head>
<body><header>{nav}</header><main>
{sections}
</main>
<script type="application/json" id="figures">{_embedded(figures)}</script>
<script type="application/json" id="countries">{_embedded(json.dumps(geojson, separators=(",", ":")))}</script>
<script>{SCRIPT % {"slot": GEOJSON_SLOT, "title": html.escape(title).replace('"', ""), **words}}</script>
</body></html>"""
