// Shared drawing helpers of the explorers' browser views (SVG, no libraries).
// Each explorer's module is this file followed by its own code, sent as one ES module.

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function button(parent, label, name, icon = "") {
  // A button with visible text and an accessible name (the tooltip says the key too).
  const b = html("button", { type: "button", class: "pl-button", "aria-label": spoken(label, name),
                             title: name }, parent);
  if (icon) html("span", { "aria-hidden": "true", class: "pl-icon" }, b, icon);
  if (label) html("span", {}, b, label);
  return b;
}

function spoken(label, name) {
  // The accessible name starts with the words on the button unless it already says them, so
  // that "click per sample" works by voice (WCAG 2.5.3, label in name).
  const words = label.replace(/[^\p{L}\p{N}= ]/gu, "").trim();
  return words && !name.toLowerCase().includes(words.toLowerCase()) ? `${words}: ${name}` : name;
}

// Keys on an explorer stay with it. The notebook front-ends have shortcuts on the same keys
// (ArrowLeft/ArrowRight move between headings), and Notebook 7 handles them on the document
// before the page sees them (JupyterLab after): so the view listens first, on the window,
// while the event is on its way to the explorer. onKey(ev) is the view's own key handling
// (it calls preventDefault on the keys it uses); the keys a focused control uses itself (a
// slider's arrows, Home, End) are left to the control. Either way the event goes no further,
// so listeners inside the view must not rely on keydown for these keys.
// Returns the function that removes the listener (call it when the view goes away).
const CONTROL_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
                              "PageUp", "PageDown", " "]);
function keepKeys(root, onKey = null) {
  const guard = (ev) => {
    if (!root.contains(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (onKey) onKey(ev);
    const tag = ev.target.tagName;
    const control = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
    if (ev.defaultPrevented || (control && CONTROL_KEYS.has(ev.key))) ev.stopPropagation();
  };
  window.addEventListener("keydown", guard, true);
  return () => window.removeEventListener("keydown", guard, true);
}

// The picture and, under it, the controls of an explorer that steps through a run (training,
// gradient descent): start, back, step, end, play, speed, the slider, and the readout
// (role=status), status and note lines. `words` says what a step is in this explorer.
function stepperLayout(root, width, height, words) {
  const ui = {};
  ui.pic = svg("svg", { role: "img", class: "pl-picture" }, root);
  sizePicture(ui.pic, width, height);
  ui.titleNode = svg("title", {}, ui.pic);
  ui.descNode = svg("desc", {}, ui.pic);
  const nav = html("div", { class: "pl-row" }, root);
  ui.startB = button(nav, "start", words.start, "|◀");
  ui.backB = button(nav, "back", words.back, "◀");
  ui.stepB = button(nav, "step", words.step, "▶");
  ui.endB = button(nav, "end", words.end, "▶|");
  ui.playB = button(nav, "play", "play or pause (space)", "▷");
  ui.speed = html("input", { type: "range", min: "1", max: String(words.fastest), step: "1",
                            class: "pl-speed" });
  labelled(nav, words.speed, ui.speed);
  const sliderRow = html("div", { class: "pl-row" }, root);
  ui.slider = html("input", { type: "range", min: "0", step: "1", class: "pl-wide-slider" });
  ui.slider.style.width = `${width - 80}px`;
  ui.sliderLabel = labelled(sliderRow, words.slider, ui.slider);
  ui.readout = html("div", { class: "pl-readout", role: "status", "aria-live": "polite" }, root);
  ui.status = html("div", { class: "pl-status" }, root);
  ui.note = html("div", { class: "pl-note", role: "alert" }, root);
  return ui;
}

// One stepping controller for every explorer that steps through a run sent once: the start,
// back, step and end buttons, the slider, play and pause at the model's speed, the keys and
// the model's "position". The view says how far the slider goes (last), how slider values
// map to positions (toPosition, toSlider), the largest position the model may hold
// (maxPosition) and how to draw a position (show).
function makeStepper({ model, root, ui, last, show, maxPosition,
                       toPosition = (k) => k, toSlider = (p) => p }) {
  let position = 0, playing = null;
  const clamp = (p) => Math.max(0, Math.min(p, maxPosition()));
  function goTo(p) {
    position = clamp(p);
    model.set("position", position);
    model.save_changes();
    show(position);
  }
  const goToSlider = (k) => goTo(toPosition(Math.max(0, Math.min(k, last()))));
  const stepBy = (k) => goToSlider(toSlider(position) + k);
  function setPlaying(on) {
    if (playing) { clearInterval(playing); playing = null; }
    if (on) {
      if (toSlider(position) >= last()) goToSlider(0);
      playing = setInterval(() => {
        if (toSlider(position) >= last()) setPlaying(false);
        else stepBy(1);
      }, 1000 / Math.max(1, model.get("speed")));
    }
    // while playing, the words change many times a second: screen readers hear them on pause
    for (const node of [ui.readout, ui.status]) {
      node.setAttribute("aria-live", playing ? "off" : "polite");
    }
    ui.playB.setAttribute("aria-pressed", String(Boolean(playing)));
    ui.playB.lastChild.textContent = playing ? "pause" : "play";
  }
  ui.startB.addEventListener("click", () => goToSlider(0));
  ui.backB.addEventListener("click", () => stepBy(-1));
  ui.stepB.addEventListener("click", () => stepBy(1));
  ui.endB.addEventListener("click", () => goToSlider(last()));
  ui.playB.addEventListener("click", () => setPlaying(!playing));
  ui.slider.addEventListener("input", () => goToSlider(parseInt(ui.slider.value, 10)));
  ui.speed.addEventListener("input", () => {
    model.set("speed", parseInt(ui.speed.value, 10)); model.save_changes();
    if (playing) setPlaying(true);
  });
  // Keys: a box to type in or a menu keeps all its keys; a slider keeps its arrows, Home and
  // End; a button keeps space and Enter. Everything else steps.
  const keys = { ArrowRight: () => stepBy(1), PageDown: () => stepBy(1),
                 ArrowLeft: () => stepBy(-1), PageUp: () => stepBy(-1),
                 Home: () => goToSlider(0), End: () => goToSlider(last()),
                 " ": () => setPlaying(!playing) };
  const releaseKeys = keepKeys(root, (ev) => {
    const t = ev.target, tag = t.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && t.type !== "range")) return;
    if (tag === "INPUT" && !(ev.key === " " || ev.key === "PageDown" || ev.key === "PageUp")) return;
    if (tag === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  model.on("change:position", () => {
    const p = model.get("position");
    if (p !== position) { position = clamp(p); show(position); }
  });
  model.on("change:speed", () => { if (playing) setPlaying(true); });
  return {
    goTo, stepBy, setPlaying,
    get position() { return position; },
    set position(p) { position = clamp(p); },
    stop: () => { setPlaying(false); releaseKeys(); },
  };
}

// Runs computed when the course's web pages were built (tools/site_runs.py). There the saved
// state says where the run of every menu choice is: site_runs = {base, runs: {key: file}},
// addresses relative to the page. No kernel is there to ask: a menu's new run is fetched.
// Null anywhere else (JupyterLab, Notebook 7, Voila...): there the kernel retrains.
function siteRuns(model) {
  const saved = model.get("site_runs");
  if (!saved || typeof saved !== "object" || !saved.runs || typeof saved.base !== "string") {
    return null;
  }
  return {
    has: (key) => key !== null && Object.prototype.hasOwnProperty.call(saved.runs, key),
    async load(key) {
      const answer = await fetch(saved.base + saved.runs[key]);
      if (!answer.ok) throw new Error(`${answer.status} ${answer.statusText}`);
      // gzipped JSON; a server that sends it with Content-Encoding: gzip has unpacked it
      const bytes = new Uint8Array(await answer.arrayBuffer());
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
      const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(unpacked).json();
    },
  };
}

// Where this page's notebook can run: the site theme's launch buttons (Binder, Colab), if the
// page has them. [{label, href}]
function launchLinks() {
  const links = [];
  for (const a of document.querySelectorAll(".dropdown-launch-buttons a[href]")) {
    const label = a.textContent.trim() || a.title || "";
    if (/^https:\/\//.test(a.href) && label) links.push({ label, href: a.href });
  }
  return links;
}

// What needs Python, in one sentence: a list of parts, words and links ({label, href}).
function needsPython(what, site) {
  const tail = site ? "Stepping through this run works here." :
    "Stepping through this run works without it.";
  if (!site) {
    return [`${what} needs the notebook running (a live kernel): run the notebook's cells, ` +
            `then try again. ${tail}`];
  }
  const links = launchLinks();
  if (!links.length) {
    return [`${what} needs Python, which this page does not have: run the notebook in ` +
            `Jupyter to do it. ${tail}`];
  }
  const parts = [`${what} needs Python, which this page does not have: open the notebook in `];
  links.forEach((link, k) => {
    if (k) parts.push(k === links.length - 1 ? " or " : ", ");
    parts.push(link);
  });
  parts.push(` to do it. ${tail}`);
  return parts;
}

// The note line: words and links, rewritten only when they change (announced once).
function writeNote(node, parts, alert) {
  const said = JSON.stringify([parts, alert]);
  if (node.dataset.said === said) return;
  node.dataset.said = said;
  node.replaceChildren();
  for (const part of parts) {
    if (typeof part === "string") node.append(part);
    else html("a", { href: part.href, target: "_blank", rel: "noopener" }, node, part.label);
  }
  node.className = alert ? "pl-note pl-alert" : "pl-note";
}

// A run made in advance (tools/site_runs.py) shown as a kernel's new run would be: the
// settings it was made with (and `reset`, fields the view starts afresh), back to the start,
// then the run itself, drawn at once by change:run.
function showSiteRun(model, file, reset = {}) {
  for (const [name, value] of Object.entries({ ...(file.state || {}), ...reset })) {
    model.set(name, value);
  }
  model.set("position", 0);
  model.set("run", file.run);
  model.save_changes();
}

// Asking the kernel to retrain, with one policy when it is not there: the view says what
// needs Python, and restore() puts the controls and the model back to the run on screen.
// The kernel answers every request with {kind: "ack"}. On the course's web pages (site, from
// siteRuns) no kernel is asked: a request with a key the site has fetches that run and
// apply(file) shows it; one with an `offline` action does that instead (with no kernel
// anywhere); anything else needs Python, and the view says so.
// say(parts) shows a note (parts: see needsPython); ask(what, content, {key, offline}).
function makeRequests(model, say, restore, { site = null, apply = null } = {}) {
  let waiting = null, asked = 0;
  const cannot = (what) => { restore(); say(needsPython(what, site)); };
  const noKernel = (what, offline) => {
    waiting = null;
    if (offline) offline();
    else cannot(what);
  };
  model.on("msg:custom", (msg) => {
    if (msg && msg.kind === "ack") { clearTimeout(waiting); waiting = null; }
  });
  return function ask(what, content = { kind: "ping" }, { key = null, offline = null } = {}) {
    clearTimeout(waiting);
    const n = ++asked;
    if (site) {
      if (site.has(key)) {
        site.load(key).then((file) => { if (n === asked) apply(file); })
          .catch(() => { if (n === asked) cannot(what); });
      } else if (offline) offline();
      else cannot(what);
      return;
    }
    try {
      model.save_changes();
      model.send(content);
    } catch (err) {          // the kernel is gone (JupyterLab says "Cannot send")
      noKernel(what, offline);
      return;
    }
    waiting = setTimeout(() => noKernel(what, offline), 2500);
  };
}

// A file made in the browser, saved through the browser's downloads.
function downloadText(name, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = html("a", { href: url, download: name, class: "pl-hidden" }, document.body);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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

function labelled(parent, text, control) {
  // A visible label tied to its control, so that every control has a name.
  const id = "pl-" + Math.random().toString(36).slice(2, 10);
  control.id = id;
  const lab = html("label", { for: id, class: "pl-label" }, parent, text);
  parent.appendChild(control);
  return lab;
}

// Numbers the way the course prints them, as Python's format_number does ("{:.4g}"): 4
// significant digits, rounded half to even, exponent form below 1e-4 and from 1e4 on.
function fmt(v, digits = 4) {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return "0";
  // the exact decimal digits of |v| (100 of them: enough to see a tie), then rounded by hand
  const [m, e] = Math.abs(v).toExponential(99).split("e");
  let exp = parseInt(e, 10);
  const all = m.replace(".", "");
  let kept = all.slice(0, digits);
  const rest = all.slice(digits);
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) ||
                                                  Number(kept[digits - 1]) % 2 === 1));
  if (up) {
    kept = String(BigInt(kept) + 1n);
    if (kept.length > digits) { kept = kept.slice(0, digits); exp += 1; }
  }
  const sign = v < 0 ? "-" : "";
  if (exp < -4 || exp >= digits) {
    const mant = (kept[0] + "." + kept.slice(1)).replace(/\.?0+$/, "");
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const text = exp < 0 ? "0." + "0".repeat(-exp - 1) + kept
    : kept.slice(0, exp + 1) + "." + kept.slice(exp + 1);
  return sign + text.replace(/\.?0+$/, "").replace(/\.$/, "");
}

// Numbers as Python writes a float with repr() (and so in CSV files): the shortest digits that
// read back as the same number, as a decimal from 1e-4 up to 1e16, in exponent form outside.
function pyFloat(v) {
  if (typeof v === "string") return v;         // "inf" and "-inf": JSON has no infinity
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  const [m, e] = Math.abs(v).toExponential().split("e");
  const digits = m.replace(".", ""), exp = parseInt(e, 10);
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, "0")}.${digits.slice(exp + 1) || "0"}`;
}

function niceTicks(lo, hi, count = 6) {
  const half = hi / 2 - lo / 2;
  if (!(half > 0) || !isFinite(half)) return [lo];
  const raw = (half / count) * 2;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    if (ticks.length > 50) break;
  }
  return ticks;
}

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

// The part of the box where z = W . [1, x, y] >= 0, and the points on the line.
function clipBox(W, xlim, ylim) {
  const [b, w1, w2] = unitW(W);
  const c = [[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]];
  const z = c.map(([x, y]) => b / 2 + w1 * (x / 2) + w2 * (y / 2));   // z/2: no overflow
  const inside = [], onLine = [];
  for (let k = 0; k < 4; k++) {
    const a = c[k], bb = c[(k + 1) % 4], za = z[k], zb = z[(k + 1) % 4];
    if (za >= 0) inside.push(a);
    if (za === 0) onLine.push(a);
    if ((za < 0 && zb > 0) || (za > 0 && zb < 0)) {
      const t = za / (za - zb);
      const p = [a[0] * (1 - t) + bb[0] * t, a[1] * (1 - t) + bb[1] * t];
      inside.push(p);
      onLine.push(p);
    }
  }
  const hasLine = (w1 !== 0 || w2 !== 0) && onLine.length >= 2;
  return { inside, line: hasLine ? onLine.slice(0, 2) : null };
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

// Numbers a person sets, read exactly as the decimal they show: 0.6 is 6/10, not the binary
// number nearest to it. The rule is Python's (exact.as_decimal): the shortest decimal that
// reads back as the same float, which String(v) writes. Each value becomes a whole number
// (BigInt) of 10^-scale, so sums and comparisons are exact; value(n) turns a sum back into a
// number for printing.
function decimals(values) {
  const parsed = values.map((v) => {
    const [mant, e = "0"] = String(v).toLowerCase().split("e");
    const [whole, frac = ""] = mant.split(".");
    return { n: BigInt(whole + frac), exp: parseInt(e, 10) - frac.length };
  });
  const scale = Math.max(0, ...parsed.map((p) => -p.exp));
  const ints = parsed.map((p) => p.n * 10n ** BigInt(p.exp + scale));
  return { scale, ints, value: (n) => Number(`${n}e-${scale}`) };
}

const BASE_CSS = `
.pl-explorer { font-family: system-ui, sans-serif; color: var(--pl-text); outline-offset: 2px;
  background: var(--pl-background); }
.pl-explorer svg text:not([fill]) { fill: var(--pl-text); }
.pl-explorer .pl-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }
.pl-explorer .pl-button { padding: 3px 10px; border: 1px solid var(--pl-w_old); border-radius: 3px;
  background: var(--pl-background); background: color-mix(in srgb, var(--pl-text) 7%, var(--pl-background));
  cursor: pointer; font: inherit; color: var(--pl-text); }
.pl-explorer .pl-button:hover { background: color-mix(in srgb, var(--pl-text) 14%, var(--pl-background)); }
.pl-explorer .pl-button[aria-pressed="true"] { background: #0072B2; color: white; border-color: #0072B2; }
.pl-explorer .pl-button:focus-visible, .pl-explorer input:focus-visible,
.pl-explorer select:focus-visible, .pl-explorer textarea:focus-visible { outline: 3px solid #E69F00; }
.pl-explorer .pl-icon { margin-right: 4px; }
.pl-explorer .pl-label { margin-right: 2px; }
.pl-explorer svg { max-width: 100%; height: auto; display: block; }
.pl-explorer .pl-readout { min-height: 3.2em; }
.pl-explorer .pl-status { min-height: 2.6em; }
.pl-explorer .pl-alert { color: var(--pl-warning); }
.pl-explorer table { border-collapse: collapse; }
.pl-explorer td, .pl-explorer th { padding: 2px 6px; text-align: right; }
.pl-explorer .pl-hidden { display: none; }
.pl-explorer .pl-table, .pl-explorer .pl-scroll { max-width: 100%; overflow-x: auto; }
.pl-explorer .pl-button, .pl-explorer select { min-height: 24px; min-width: 24px; }
.pl-explorer.pl-narrow .pl-button, .pl-explorer.pl-narrow select,
.pl-explorer.pl-narrow input { min-height: 28px; }
.pl-explorer.pl-narrow input[type="range"].pl-wide-slider { flex: 1 1 12em; min-width: 0; }
.pl-explorer.pl-narrow textarea { max-width: 100%; box-sizing: border-box; }
.pl-explorer.pl-narrow td, .pl-explorer.pl-narrow th { padding: 2px 4px; }
.pl-explorer .pl-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
`;
