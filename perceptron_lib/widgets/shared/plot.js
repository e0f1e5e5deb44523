// Plots: a scale with equal units, axes, markers, arrows, the decision line with its shaded
// side and weight vector, and the legend.

// A plot area with one unit the same length on both axes. Differences are taken in halves,
// so that limits near the largest numbers (+-1e308) do not overflow.
function makeScale(xlim, ylim, box) {
  const hx = xlim[1] / 2 - xlim[0] / 2, hy = ylim[1] / 2 - ylim[0] / 2;   // half spans
  const s2 = Math.min(box.w / hx, box.h / hy);           // pixels per two units
  const w = s2 * hx, h = s2 * hy;
  const left = box.x + (box.w - w) / 2;
  const top = box.y + (box.h - h) / 2;
  return {
    xlim, ylim, left, top, w, h,
    px: (x) => left + (x / 2 - xlim[0] / 2) * s2,
    py: (y) => top + h - (y / 2 - ylim[0] / 2) * s2,
    dataX: (px) => 2 * (xlim[0] / 2 + (px - left) / s2),
    dataY: (py) => 2 * (ylim[0] / 2 + (top + h - py) / s2),
    inside: (px, py) => px >= left && px <= left + w && py >= top && py <= top + h,
  };
}

// W divided by its largest entry: the same line, numbers that cannot overflow.
function unitW(W) {
  const m = Math.max(Math.abs(W[0]), Math.abs(W[1]), Math.abs(W[2]));
  return m > 0 && isFinite(m) ? W.map((v) => v / m) : W;
}

// The part of the polygon `poly` ([x, y] corners in order) where z = W . [1, x, y] >= 0
// (keep) or <= 0 (not keep), and the points where its edges meet the line z = 0. (The
// course's one clipping rule; geometry.py has it for the still pictures.)
function clipHalf(poly, W, keep = true) {
  const [b, w1, w2] = unitW(W);
  const z = poly.map(([x, y]) => b / 2 + w1 * (x / 2) + w2 * (y / 2));   // z/2: no overflow
  const inside = [], onLine = [];
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k], c = poly[(k + 1) % poly.length], za = z[k], zc = z[(k + 1) % poly.length];
    if (za === 0 || (keep ? za > 0 : za < 0)) inside.push(a);
    if (za === 0) onLine.push(a);
    if ((za < 0 && zc > 0) || (za > 0 && zc < 0)) {
      const t = za / (za - zc);
      const p = [a[0] * (1 - t) + c[0] * t, a[1] * (1 - t) + c[1] * t];
      inside.push(p);
      onLine.push(p);
    }
  }
  return { inside, onLine };
}

// The part of the box where z >= 0, and the line's two ends on the box's edge (null when the
// line misses the box).
function clipBox(W, xlim, ylim) {
  const box = [[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]];
  const { inside, onLine } = clipHalf(box, W);
  const [, w1, w2] = unitW(W);
  return { inside, line: (w1 !== 0 || w2 !== 0) && onLine.length >= 2 ? onLine.slice(0, 2) : null };
}

// A network's answer at (x, y): does its output neuron's z reach 0? Wh holds one row
// [b, w1, w2] per hidden sigmoid neuron, Wo is [b, v1, v2, ...] (network.py's forward).
const sigma = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
function networkFires(Wh, Wo) {
  return (x, y) => {
    let z = Wo[0];
    for (let k = 0; k < Wh.length; k++) z += Wo[k + 1] * sigma(Wh[k][0] + Wh[k][1] * x + Wh[k][2] * y);
    return z >= 0;
  };
}

// The part of the scale's box where on(x, y) is true, cell by cell on a grid of cells x cells,
// as one path (the cells of a column that are on, one after another, make one rectangle).
function regionPath(sc, cells, on) {
  const [x0, x1] = sc.xlim, [y0, y1] = sc.ylim;
  const cw = (x1 - x0) / cells, ch = (y1 - y0) / cells, parts = [];
  for (let i = 0; i < cells; i++) {
    const x = x0 + (i + 0.5) * cw;
    let from = null;
    for (let j = 0; j <= cells; j++) {
      const inside = j < cells && on(x, y0 + (j + 0.5) * ch);
      if (inside && from === null) from = j;
      if (!inside && from !== null) {
        const a = sc.px(x0 + i * cw).toFixed(1), b = sc.px(x0 + (i + 1) * cw).toFixed(1);
        const top = sc.py(y0 + j * ch).toFixed(1), bottom = sc.py(y0 + from * ch).toFixed(1);
        parts.push(`M${a},${bottom}H${b}V${top}H${a}Z`);
        from = null;
      }
    }
  }
  return parts.join("");
}

function points(list) {
  return list.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(" ");
}

// Class 0: circle; class 1: triangle (shape and colour, so it reads in black and white).
function marker(parent, cls, x, y, r, look) {
  const color = cls === 1 ? look.colors.class1 : look.colors.class0;
  if (cls === 1) {
    const h = r * 1.25;
    return svg("polygon", { points: points([[x, y - h], [x - h, y + h * 0.75], [x + h, y + h * 0.75]]),
                            fill: color, stroke: look.colors.edge, "stroke-width": 0.9 }, parent);
  }
  return svg("circle", { cx: x, cy: y, r, fill: color, stroke: look.colors.edge, "stroke-width": 0.9 },
             parent);
}

function arrowHeads(defs, look) {
  // One arrow head per colour the views use.
  const names = { line: look.colors.line, w_old: look.colors.w_old,
                  excite: look.colors.excite, inhibit: look.colors.inhibit };
  for (const [name, color] of Object.entries(names)) {
    const m = svg("marker", { id: `pl-head-${name}`, viewBox: "0 0 10 10", refX: 8, refY: 5,
                              markerWidth: look.arrow.head / 2, markerHeight: look.arrow.head / 2,
                              orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }, m);
  }
}

function setArrow(node, from, to, head) {
  if (!from || !to) { node.setAttribute("visibility", "hidden"); return; }
  node.setAttribute("x1", from[0]); node.setAttribute("y1", from[1]);
  node.setAttribute("x2", to[0]); node.setAttribute("y2", to[1]);
  node.setAttribute("marker-end", `url(#${head})`);
  node.setAttribute("visibility", "visible");
}

// A picture emptied to draw again: sized, everything after its <desc> removed, and (with a
// `look`) the arrow heads ready in a new <defs>, which is returned.
function clearPicture(pic, descNode, width, height, look = null) {
  sizePicture(pic, width, height);
  while (pic.lastChild !== descNode) pic.removeChild(pic.lastChild);
  if (!look) return null;
  const defs = svg("defs", {}, pic);
  arrowHeads(defs, look);
  return defs;
}

// Axes: frame, grid, ticks and labels for a scale.
function drawAxes(parent, sc, look, xLabel, yLabel, title, ticks = 6) {
  const font = look.size.font;
  const g = svg("g", { class: "pl-axes", "aria-hidden": "true" }, parent);
  for (const t of niceTicks(sc.xlim[0], sc.xlim[1], ticks)) {
    const x = sc.px(t);
    svg("line", { x1: x, x2: x, y1: sc.top, y2: sc.top + sc.h, stroke: look.colors.grid }, g);
    svg("text", { x, y: sc.top + sc.h + font + 2, "text-anchor": "middle", "font-size": font - 2 }, g)
      .textContent = fmt(t);
  }
  for (const t of niceTicks(sc.ylim[0], sc.ylim[1], ticks)) {
    const y = sc.py(t);
    svg("line", { x1: sc.left, x2: sc.left + sc.w, y1: y, y2: y, stroke: look.colors.grid }, g);
    svg("text", { x: sc.left - 4, y: y + font / 3, "text-anchor": "end", "font-size": font - 2 }, g)
      .textContent = fmt(t);
  }
  svg("rect", { x: sc.left, y: sc.top, width: sc.w, height: sc.h, fill: "none", stroke: look.colors.text }, g);
  svg("text", { x: sc.left + sc.w / 2, y: sc.top + sc.h + 2 * font + 6, "text-anchor": "middle",
                "font-size": font }, g).textContent = xLabel;
  const yl = svg("text", { x: 0, y: 0, "text-anchor": "middle", "font-size": font,
                           transform: `translate(${sc.left - 3.2 * font},${sc.top + sc.h / 2}) rotate(-90)` }, g);
  yl.textContent = yLabel;
  if (title) {
    svg("text", { x: sc.left + sc.w / 2, y: sc.top - 8, "text-anchor": "middle",
                  "font-size": font + 1 }, g).textContent = title;
  }
  return g;
}

// The decision line, its shaded z >= 0 side and the weight vector, updated in place.
function makeDecision(parent, sc, look) {
  const g = svg("g", { class: "pl-decision" }, parent);
  const shade = svg("polygon", { fill: look.colors.shade, "fill-opacity": look.shade.alpha,
                                 class: "pl-shade" }, g);
  const oldLine = svg("line", { stroke: look.colors.old, "stroke-width": look.line.old_width,
                                "stroke-dasharray": look.line.old_dash.join(" "),
                                class: "pl-old-line" }, g);
  const line = svg("line", { stroke: look.colors.line, "stroke-width": look.line.width,
                             class: "pl-line" }, g);
  const wOld = svg("line", { stroke: look.colors.w_old, "stroke-width": look.arrow.width,
                             class: "pl-w-old" }, g);
  const wNew = svg("line", { stroke: look.colors.line, "stroke-width": look.arrow.width,
                             class: "pl-w" }, g);
  const upd = svg("line", { "stroke-width": look.arrow.width, class: "pl-update" }, g);
  // When the line lies outside the picture, a pointer at the edge shows which way it is.
  const away = svg("polygon", { points: "0,-9 16,0 0,9", fill: look.colors.line,
                                "fill-opacity": 0.75, class: "pl-line-away" }, g);
  svg("title", {}, away).textContent = "the decision line is this way, outside the picture";
  const hide = (n) => n.setAttribute("visibility", "hidden");
  const toPx = ([x, y]) => [sc.px(x), sc.py(y)];

  function show(W, Wold = null, e = 0) {
    const cur = clipBox(W, sc.xlim, sc.ylim);
    shade.setAttribute("points", points(cur.inside.map(toPx)));
    if (cur.line) {
      const [a, b] = cur.line.map(toPx);
      line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]);
      line.setAttribute("x2", b[0]); line.setAttribute("y2", b[1]);
      line.setAttribute("visibility", "visible");
    } else hide(line);
    const changed = Wold && (Wold[0] !== W[0] || Wold[1] !== W[1] || Wold[2] !== W[2]);
    const old = changed ? clipBox(Wold, sc.xlim, sc.ylim) : null;
    if (old && old.line) {
      const [a, b] = old.line.map(toPx);
      oldLine.setAttribute("x1", a[0]); oldLine.setAttribute("y1", a[1]);
      oldLine.setAttribute("x2", b[0]); oldLine.setAttribute("y2", b[1]);
      oldLine.setAttribute("visibility", "visible");
    } else hide(oldLine);
    // Arrows share one start and one scale, so new w = old w + update, visibly. The start is
    // the point of the line nearest the middle (the middle itself when the line is outside).
    [wOld, wNew, upd, away].forEach(hide);
    const both = changed ? [W, Wold] : [W];
    const m = Math.max(...both.flat().map(Math.abs));
    if (!(m > 0) || !isFinite(m)) return { line: cur.line, arrow: false };
    const [b, w1, w2] = W.map((v) => v / m);
    if (w1 === 0 && w2 === 0) return { line: cur.line, arrow: false };
    const cx = sc.xlim[0] / 2 + sc.xlim[1] / 2, cy = sc.ylim[0] / 2 + sc.ylim[1] / 2;
    // the signed distance from the middle to the line, along the unit vector u = w / |w|
    const wl = Math.hypot(w1, w2), u1 = w1 / wl, u2 = w2 / wl;
    const dist = (2 * (b / 2 + w1 * (cx / 2) + w2 * (cy / 2))) / wl;
    let sx = cx - dist * u1, sy = cy - dist * u2;
    if (!cur.line) {
      // the pointer: on the picture's edge, towards the line's nearest point (-sign(dist) u)
      const dx = -Math.sign(dist) * u1, dy = Math.sign(dist) * u2;     // pixels: y goes down
      const k = Math.min((sc.w / 2 - 14) / Math.abs(dx || 1e-9), (sc.h / 2 - 14) / Math.abs(dy || 1e-9));
      const ex = sc.px(cx) + dx * k, ey = sc.py(cy) + dy * k;
      const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
      away.setAttribute("transform", `translate(${ex - 8 * Math.cos(angle * Math.PI / 180)},` +
                        `${ey - 8 * Math.sin(angle * Math.PI / 180)}) rotate(${angle})`);
      away.setAttribute("visibility", "visible");
      sx = cx; sy = cy;                 // and the arrows start in the middle
    }
    const mx = 0.16 * (sc.xlim[1] / 2 - sc.xlim[0] / 2), my = 0.16 * (sc.ylim[1] / 2 - sc.ylim[0] / 2);
    sx = Math.min(Math.max(sx, sc.xlim[0] + mx), sc.xlim[1] - mx);
    sy = Math.min(Math.max(sy, sc.ylim[0] + my), sc.ylim[1] - my);
    const longest = Math.max(...both.map((v) => Math.hypot(v[1] / m, v[2] / m)));
    const len = 0.18 * Math.min(sc.w, sc.h) / longest;
    const start = [sc.px(sx), sc.py(sy)];
    const end = [start[0] + len * w1, start[1] - len * w2];
    setArrow(wNew, start, end, "pl-head-line");
    if (changed && e !== 0) {
      const o1 = Wold[1] / m, o2 = Wold[2] / m;
      const oldEnd = [start[0] + len * o1, start[1] - len * o2];
      if (o1 !== 0 || o2 !== 0) setArrow(wOld, start, oldEnd, "pl-head-w_old");
      if (Math.hypot(oldEnd[0] - end[0], oldEnd[1] - end[1]) > 0.5) {
        const kind = e > 0 ? "excite" : "inhibit";
        upd.setAttribute("stroke", look.colors[kind]);
        setArrow(upd, oldEnd, end, `pl-head-${kind}`);
      }
    }
    return { line: cur.line, arrow: true };
  }
  return { show };
}

// The legend: one row per mark that the picture can show.
function drawLegend(parent, x, y, items, look) {
  const font = look.size.font - 1;
  const g = svg("g", { class: "pl-legend", "aria-hidden": "true" }, parent);
  items.forEach((item, k) => {
    const yy = y + k * (font + 7);
    const cx = x + 10;
    if (item.kind === "marker") marker(g, item.cls, cx, yy, font * 0.35, look);
    else if (item.kind === "pointer") {
      svg("polygon", { points: points([[cx - 6, yy - 6], [cx + 6, yy], [cx - 6, yy + 6]]),
                       fill: look.colors.line, "fill-opacity": 0.75 }, g);
    }
    else if (item.kind === "shade") {
      svg("rect", { x: cx - 9, y: yy - 5, width: 18, height: 10, fill: look.colors.shade,
                    "fill-opacity": look.shade.alpha }, g);
    } else {
      const l = svg("line", { x1: cx - 10, x2: cx + 10, y1: yy, y2: yy, stroke: item.color,
                              "stroke-width": item.width || look.line.width }, g);
      if (item.dash) l.setAttribute("stroke-dasharray", item.dash);
      if (item.head) l.setAttribute("marker-end", `url(#pl-head-${item.head})`);
    }
    svg("text", { x: x + 28, y: yy + font / 3, "font-size": font }, g).textContent = item.label;
  });
  return g;
}
