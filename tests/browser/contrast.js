// WCAG 2.x text contrast of every visible text on the page, HTML and SVG (plotly) alike.
// Returns the texts below AA: 4.5:1, or 3:1 for large text (>= 24 px, or >= 18.66 px bold).
// Backgrounds are composited up the tree (translucent layers over the page), as a reader sees them.
() => {
  const parse = c => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
  const lum = rgb => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = parse(getComputedStyle(document.querySelector("[data-testid='stApp']") || document.body).backgroundColor)
    || [255, 255, 255, 1];
  const background = el => {
    const layers = [], box = el.getBoundingClientRect();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.namespaceURI === "http://www.w3.org/2000/svg") continue;  // plotly's paper is transparent
      const r = e.getBoundingClientRect();  // a positioned text (a slider's value) may sit outside its parent
      if (cx < r.left || cx > r.right || cy < r.top || cy > r.bottom) continue;
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = page.slice(0, 3);
    for (let i = layers.length - 1; i >= 0; i--) out = over(layers[i], out);
    return out;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    const el = n.parentElement;
    if (!text || !el || el.closest("script,style,noscript,[aria-hidden='true'],.modebar,.hoverlayer")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.display === "none") continue;
    if (el.closest("button:disabled,[aria-disabled='true'],[disabled]")) continue;  // WCAG exempts inactive controls
    const svg = el.namespaceURI === "http://www.w3.org/2000/svg";
    const fg = parse(svg ? cs.fill : cs.color);
    if (!fg) continue;
    let opacity = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity || 1);
    if (opacity < 0.1) continue;  // not shown (e.g. a slider's value before it is touched)
    const bg = background(el);
    const seen = over([fg[0], fg[1], fg[2], fg[3] * opacity * (svg ? parseFloat(cs.fillOpacity || 1) : 1)], bg);
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const got = ratio(seen, bg);
    if (got < need - 0.005) out.push({text: text.slice(0, 60), ratio: Math.round(got * 100) / 100, need, size,
                                       color: svg ? cs.fill : cs.color, svg});
  }
  return out;
}
