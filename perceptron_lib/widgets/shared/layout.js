// Sizes and words on a picture: the width an explorer draws at, wrapped titles, and
// labels placed where nothing else is drawn.

// The width an explorer draws at. As designed (`width`) where there is room; on a narrower
// screen (a phone) it is drawn again at the width there is, with words no smaller than on a
// wide screen, instead of being shrunk. onChange(width) is called when that width changes.
// Returns {width, narrow, stop}.
function fitWidth(root, width, onChange) {
  const fit = { width, narrow: false };
  const measure = () => {
    const room = Math.floor(root.clientWidth);
    return room > 0 && room < width ? Math.max(room, 260) : width;
  };
  const update = () => {
    const w = measure();
    if (Math.abs(w - fit.width) < 4 && (w < width) === fit.narrow) return;
    fit.width = w;
    fit.narrow = w < width;
    root.classList.toggle("pl-narrow", fit.narrow);
    onChange(w);
  };
  let frame = null;
  const watcher = typeof ResizeObserver === "function"
    ? new ResizeObserver(() => {
      if (frame === null) frame = requestAnimationFrame(() => { frame = null; update(); });
    }) : null;
  if (watcher) watcher.observe(root);
  fit.width = measure();
  fit.narrow = fit.width < width;
  root.classList.toggle("pl-narrow", fit.narrow);
  fit.stop = () => { if (watcher) watcher.disconnect(); };
  return fit;
}

// The look for a narrow drawing: the same, with words large enough to read on a phone (tick
// labels, at font - 2, at least 11 px).
function narrowLook(look) {
  return { ...look, size: { ...look.size, font: Math.max(look.size.font, 13) } };
}

// A picture's size in CSS px, and the units drawn in it (the same, unless viewBox says).
function sizePicture(pic, width, height, viewBox = `0 0 ${width} ${height}`) {
  pic.setAttribute("width", width);
  pic.setAttribute("height", height);
  pic.setAttribute("viewBox", viewBox);
  pic.style.width = `${width}px`;
}

// A title or label in lines no wider than `width` px at `size` px, for a narrow picture. The
// width is guessed from the characters (0.62 em each: enough for bold capitals), so that it is
// the same before the picture is on the screen.
function wrapWords(text, width, size) {
  const most = Math.max(1, Math.floor(width / (0.62 * size)));
  const lines = [];
  for (const word of text.split(" ")) {
    const k = lines.length - 1;
    if (k >= 0 && lines[k].length + 1 + word.length <= most) lines[k] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

// An SVG text written as lines (one tspan each, `step` px apart), from its own x.
function writeLines(node, lines, step) {
  node.replaceChildren();
  const x = node.getAttribute("x");
  lines.forEach((line, k) => { svg("tspan", { x, dy: k ? step : 0 }, node).textContent = line; });
}

// Does the segment [x1, y1, x2, y2] meet the box {x0, y0, x1, y1}? (Liang-Barsky)
function segmentMeetsBox([ax, ay, bx, by], box) {
  let t0 = 0, t1 = 1;
  const dx = bx - ax, dy = by - ay;
  for (const [p, q] of [[-dx, ax - box.x0], [dx, box.x1 - ax], [-dy, ay - box.y0], [dy, box.y1 - ay]]) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}


// How badly a label's box covers the obstacles: a line crossing it counts most, then a
// pointer (by the area covered), then another point or label (by the area covered).
function covering(box, obstacles) {
  let cost = 0;
  for (const o of obstacles) {
    if (Array.isArray(o)) { if (segmentMeetsBox(o, box)) cost += 1e6; continue; }
    const w = Math.min(box.x1, o.x1) - Math.max(box.x0, o.x0);
    const h = Math.min(box.y1, o.y1) - Math.max(box.y0, o.y0);
    if (w > 0 && h > 0) cost += w * h * (o.pointer ? 100 : 1);
  }
  return cost;
}

// What a label must not cover, read from the picture as it is now: the visible segments
// (lines and arrows) and boxes (pointers) among `nodes`, in the picture's coordinates.
function obstaclesOf(nodes) {
  const found = [];
  for (const n of nodes) {
    if (!n || n.getAttribute("visibility") === "hidden") continue;
    if (n.tagName === "line") {
      const v = ["x1", "y1", "x2", "y2"].map((a) => parseFloat(n.getAttribute(a)));
      if (v.every(Number.isFinite)) found.push(v);
    } else if (n.tagName === "polygon") {       // a pointer: its corners, turned and moved
      const move = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(n.getAttribute("transform") || "");
      const turn = /rotate\(([-\d.e]+)\)/.exec(n.getAttribute("transform") || "");
      const [tx, ty] = move ? [parseFloat(move[1]), parseFloat(move[2])] : [0, 0];
      const a = turn ? (parseFloat(turn[1]) * Math.PI) / 180 : 0;
      const corners = (n.getAttribute("points") || "").trim().split(/\s+/)
        .map((c) => c.split(",").map(Number))
        .map(([x, y]) => [tx + x * Math.cos(a) - y * Math.sin(a), ty + x * Math.sin(a) + y * Math.cos(a)]);
      if (corners.length && corners.flat().every(Number.isFinite)) {
        const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
        found.push({ x0: Math.min(...xs) - 2, y0: Math.min(...ys) - 2,
                     x1: Math.max(...xs) + 2, y1: Math.max(...ys) + 2, pointer: true });
      }
    }
  }
  return found;
}

// Words beside a spot, where nothing else is drawn. Of the places around the spot (`order`
// of "over", "under", "right", "left"), a little farther out if need be, the first whose box
// stays in `bounds` and meets none of the `obstacles` (segments [x1, y1, x2, y2] and boxes
// {x0, y0, x1, y1}); if each meets something, the one that covers least (see covering). `w`, `h`: the
// words' size; `away`: the gap from the spot's centre. The text node (text-anchor middle, its
// lines as tspans) is moved there; returns its box, an obstacle for the next words.
function placeWords(node, { cx, cy, away, w, h, font, bounds, obstacles,
                            order = ["over", "under", "right", "left"] }) {
  let best = null, fewest = Infinity;
  for (const far of [0, font / 2, font]) {
    const d = away + far;
    const at = { over: [cx - w / 2, cy - d - h], under: [cx - w / 2, cy + d],
                 right: [cx + d, cy - h / 2], left: [cx - d - w, cy - h / 2] };
    for (const name of order) {
      let [x0, y0] = at[name];
      x0 = Math.max(bounds.x0, Math.min(x0, bounds.x1 - w));
      y0 = Math.max(bounds.y0, Math.min(y0, bounds.y1 - h));
      const box = { x0, y0, x1: x0 + w, y1: y0 + h };
      const cost = covering(box, obstacles);
      if (cost < fewest) { fewest = cost; best = box; }
      if (!cost) break;
    }
    if (!fewest) break;
  }
  const x = (best.x0 + best.x1) / 2;
  node.setAttribute("x", x.toFixed(1));
  node.setAttribute("y", (best.y0 + 0.9 * font).toFixed(1));
  for (const t of node.querySelectorAll("tspan")) t.setAttribute("x", x.toFixed(1));
  return best;
}
