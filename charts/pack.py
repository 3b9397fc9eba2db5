"""The presentation pack: slides (a story, or one view) as one HTML file that needs no server and no network.

plotly.js, the country outlines, the figures and the citations are all inside the file; it keeps hover and zoom,
and steps with the keys a presentation clicker sends (arrows, Page Up/Down, space). For a venue's computer
where nothing may be installed: it opens from a USB stick in any browser."""
from __future__ import annotations

import html
import json

import plotly.io as pio
from plotly.offline import get_plotlyjs

GEOJSON_SLOT = "__countries__"  # a map's outlines are stored once in the file and put back into each map here

STYLE = """
html { font-size: 22px; }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; margin: 0; color: #000; background: #fff; }
header { display: flex; gap: 1rem; align-items: center; padding: 0.4rem 1.2rem; border-bottom: 1px solid #999; }
header .count { font-weight: 600; min-width: 7rem; }
header .hint { color: #333; font-size: 0.8rem; margin-left: auto; }
button { font-size: 1rem; padding: 0.3rem 0.9rem; border: 2px solid #000; background: #fff; color: #000;
         border-radius: 6px; cursor: pointer; }
button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
section { padding: 0.3rem 1.2rem; }
h1 { font-size: 1.7rem; margin: 0.3rem 0; }
.sentence { font-size: 1.05rem; margin: 0.2rem 0 0.4rem; max-width: 75rem; }
.source { font-size: 0.7rem; color: #333; margin: 0.3rem 0; }
.plot { height: calc(100vh - 15rem); min-height: 420px; }  /* the figure takes the screen the text leaves */
"""

SCRIPT = """
(function () {
  var figures = JSON.parse(document.getElementById("figures").textContent);
  var geo = JSON.parse(document.getElementById("countries").textContent);
  var slides = document.querySelectorAll("section.slide");
  var drawn = {}, current = -1;
  function draw(i) {
    if (drawn[i]) return;
    var fig = figures[i];
    (fig.data || []).forEach(function (t) { if (t.geojson === "%(slot)s") t.geojson = geo; });
    Plotly.newPlot("plot-" + i, fig.data, fig.layout || {},
                   {displaylogo: false, responsive: true, scrollZoom: false,
                    toImageButtonOptions: {format: "png", scale: 2, filename: slides[i].id}});
    drawn[i] = true;
  }
  function show(i) {
    i = Math.max(0, Math.min(slides.length - 1, i));
    if (i === current) return;
    slides.forEach(function (s, k) { s.hidden = k !== i; });
    current = i;
    draw(i);
    document.getElementById("count").textContent = "Step " + (i + 1) + " of " + slides.length;
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


def _figure_json(fig) -> str:
    spec = json.loads(pio.to_json(fig, validate=False))
    for trace in spec.get("data", []):
        if isinstance(trace.get("geojson"), str):  # an address on the app's server: not there offline
            trace["geojson"] = GEOJSON_SLOT
    spec.get("layout", {}).pop("height", None)  # sized by the screen (see STYLE), not by the app's layout
    return json.dumps(spec, separators=(",", ":"))


def pack_html(title: str, slides: list[dict], geojson: dict, topology: str) -> str:
    """`slides`: dicts with id, title, sentence, figure (a plotly Figure or spec) and citation; `geojson`: the country
    outlines; `topology`: plotly's base-map topojson text (loaders.geometry.load_base_topology), put inside."""
    sections = "\n".join(
        f'<section class="slide" id="{html.escape(s["id"])}" hidden aria-label="{html.escape(s["title"])}">'
        f'<h1>{html.escape(s["title"])}</h1><p class="sentence">{html.escape(s["sentence"])}</p>'
        f'<div class="plot" id="plot-{i}" role="img" aria-label="{html.escape(s["sentence"])}"></div>'
        f'<p class="source">{html.escape(s["citation"])}</p></section>'
        for i, s in enumerate(slides))
    figures = "[" + ",".join(_figure_json(s["figure"]) for s in slides) + "]"
    many = len(slides) > 1
    nav = ('<button id="back" aria-label="Previous step">◀ Back</button><span class="count" id="count"></span>'
           '<button id="next" aria-label="Next step">Next ▶</button>'
           '<span class="hint">Arrows, Page Up/Down or space to step · works with no network</span>')
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{STYLE}{'' if many else 'header {display:none}'}</style>
<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {_embedded(topology)}}}}};</script>
<script>{get_plotlyjs()}</script></head>
<body><header>{nav}</header><main>
{sections}
</main>
<script type="application/json" id="figures">{_embedded(figures)}</script>
<script type="application/json" id="countries">{_embedded(json.dumps(geojson, separators=(",", ":")))}</script>
<script>{SCRIPT % {"slot": GEOJSON_SLOT, "title": html.escape(title).replace('"', "")}}</script>
</body></html>"""
