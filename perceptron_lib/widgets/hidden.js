// The hidden-layer explorer's view: menus for the two hidden gates and the target, the input
// plane (the four inputs, the hidden neurons' lines, the network's answer), the hidden plane
// (where the inputs land, the output neuron's line) and the network's truth table.
// Every combination's run arrived once (model "runs": the errors e = d - y of each visit, one
// sign each); the view adds up the updates W <- W + e [1, h1, h2] (small whole numbers,
// exact), so the menus, the steps and the keys all work here, with or without a kernel.
// The sentences are the same as hidden.py's readout() and verdict().

/**
 * The runs, as hidden_layer.all_runs makes them: model "runs" maps "k1,k2,t" (the numbers of
 * hidden gate 1, hidden gate 2 and the target, 0 to 15 as in boolean_function) to the output
 * neuron's errors, one sign per visit ("+" for e = 1, "0", "-" for e = -1). Model "functions"
 * lists the menus' functions as [name, k, truth table, hidden line W or null].
 * @typedef {Object<string, string>} Runs
 * The combination on screen (load()):
 * @typedef {Object} Combo
 * @property {{name: string, k: number, table: number[], W: ?number[]}} f1  hidden gate 1
 * @property {{name: string, k: number, table: number[], W: ?number[]}} f2  hidden gate 2
 * @property {{name: string, k: number, table: number[], W: ?number[]}} ft  the target
 * @property {number[][]} H     where the four inputs land, [h1, h2] each
 * @property {number[]} d       the target's outputs for the four inputs
 * @property {string} errors    the run: one sign per visit
 * @property {number[][]} Ws    the output neuron's W after each visit, from [0, 0, 0]
 * @property {number} n         the number of visits
 */
const HL_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const HL_GATES = ["AND", "OR", "NAND", "NOR", "XOR", "XNOR"];

// The weights after each visit, from [0, 0, 0]: W <- W + e [1, h1, h2] (as hidden.replay).
function hlReplay(H, errors) {
  let W = [0, 0, 0];
  const out = [W];
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k] === "+" ? 1 : errors[k] === "-" ? -1 : 0;
    const [h1, h2] = H[k % 4];
    W = [W[0] + e, W[1] + e * h1, W[2] + e * h2];
    out.push(W);
  }
  return out;
}

const hlFires = (W, [a, b]) => (W[0] + W[1] * a + W[2] * b >= 0 ? 1 : 0);
const hlPoint = ([a, b]) => `(${a}, ${b})`;
const hlVector = (W) => `[${W.map((v) => fmt(v)).join(", ")}]`;
const hlTimes = (w, v) => (w < 0 ? `(${fmt(w)})·${v}` : `${fmt(w)}·${v}`);

function render({ model, el }) {
  const look = model.get("look");
  // the picture's size and look: as designed, or redrawn to fit a narrow screen (layout());
  // S is the side of the two planes
  let W_PX, font, lk, S, TOP, H_PX;
  function designed() {
    W_PX = look.size.width; lk = look; font = look.size.font;
    S = Math.round(0.29 * W_PX);
    TOP = 2 * font + 16;
    H_PX = TOP + S + 3 * font + 14;
  }
  designed();
  const root = explorerRoot(el, look, "hiddenlayer", "hidden-layer explorer: choose the hidden " +
                           "gates and the target; arrow keys step, Home and End jump, space plays");

  const functions = model.get("functions");
  const byName = {}, byK = [];
  for (const [name, k, table, W] of functions) byName[name] = byK[k] = { name, k, table, W };

  // -- the menus (no kernel needed: every combination is here) --------------------------------
  const top = html("div", { class: "pl-row" }, root);
  const menus = {};
  for (const [key, text, names] of [
    ["hidden1", "hidden neuron 1 (h1)", model.get("hidden_menu")],
    ["hidden2", "hidden neuron 2 (h2)", model.get("hidden_menu")],
    ["target", "target", functions.map((f) => f[0])]]) {
    const select = html("select", {});
    labelled(top, text, select);
    for (const name of names) html("option", { value: name }, select, name);
    select.addEventListener("change", () => choose(key, select.value));
    menus[key] = select;
  }
  html("div", { class: "pl-hint" }, root, "XOR and XNOR are not in the hidden menus: no single " +
       "perceptron computes them (notebook 03).");

  const { pic, titleNode, descNode, startB, backB, stepB, endB, playB, speed, slider,
          readout, status, note } = stepperLayout(root, W_PX, H_PX, {
    start: "back to the start (Home)", back: "one step back (←)", step: "one step forward (→)",
    end: "jump to the end (End)", speed: "steps/s", fastest: 20, slider: "visit" });
  // (a table wider than a small phone scrolls on its own, not the page)
  const table = html("table", { class: "pl-truth" }, html("div", { class: "pl-scroll" }, root));
  const message = html("div", { class: "pl-message" }, root);

  // -- the combination shown --------------------------------------------------------------------
  let combo = null;
  function load() {
    const f1 = byName[model.get("hidden1")], f2 = byName[model.get("hidden2")];
    const ft = byName[model.get("target")];
    const errors = f1 && f2 && ft ? model.get("runs")[`${f1.k},${f2.k},${ft.k}`] : undefined;
    if (typeof errors !== "string") return false;      // keep the combination on screen
    const H = HL_INPUTS.map((_, i) => [f1.table[i], f2.table[i]]);
    combo = { f1, f2, ft, H, d: ft.table, errors, Ws: hlReplay(H, errors), n: errors.length };
    return true;
  }

  // -- words, as hidden.readout and hidden.verdict ------------------------------------------------
  function readoutAt(p) {
    if (p === 0) {
      return "Before training: the output neuron starts at W = [0, 0, 0]. Press step to show " +
             "it the four inputs one at a time, through the hidden layer.";
    }
    const k = p - 1, i = k % 4, h = combo.H[i];
    const [b, w1, w2] = combo.Ws[k];
    const z = b + w1 * h[0] + w2 * h[1];
    const y = z >= 0 ? 1 : 0, d = combo.d[i], e = d - y;
    const what = e === 0 ? "no change"
      : `e = ${e > 0 ? "+1" : "-1"}, so W ${e > 0 ? "+" : "-"}= [1, ${h[0]}, ${h[1]}]`;
    return `epoch ${Math.floor(k / 4) + 1}, input ${i + 1} of 4: x = ${hlPoint(HL_INPUTS[i])} ` +
           `goes to h = ${hlPoint(h)}; z = ${fmt(b)} + ${hlTimes(w1, h[0])} + ` +
           `${hlTimes(w2, h[1])} = ${fmt(z)}, so y = ${y}; ${combo.ft.name} wants ${d}: ` +
           `${what}. W = ${hlVector(combo.Ws[p])}.`;
  }
  function computes(W) {
    let k = 0;
    HL_INPUTS.forEach((h, i) => { k += hlFires(W, h) << i; });
    const name = byK[k].name;
    if (name === "FALSE" || name === "TRUE") return `${name === "TRUE" ? 1 : 0} everywhere`;
    if (HL_GATES.includes(name)) return `${name}(h1, h2)`;
    return name.replace(/x/g, "h");
  }
  function clash() {
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        const [a, b] = [combo.H[i], combo.H[j]];
        if (a[0] === b[0] && a[1] === b[1] && combo.d[i] !== combo.d[j]) return [i, j];
      }
    }
    return null;
  }
  function verdict() {
    const { f1, f2, ft, errors, Ws } = combo;
    const pair = `With h1 = ${f1.name} and h2 = ${f2.name}`, name = ft.name;
    const E = errors.length / 4, W = Ws[Ws.length - 1];
    if (!/[+-]/.test(errors.slice(-4))) {
      return `✔ ${pair} the network computes ${name}: the output neuron converged in epoch ` +
             `${E} at W = ${hlVector(W)}, which computes ${computes(W)}.`;
    }
    const ends = [];
    for (let j = 0; j <= E; j++) ends.push(Ws[4 * j].join(","));
    const r = ends.indexOf(ends[E]);
    const since = r === 0 ? "the start" : `the end of epoch ${r}`;
    const circles = `Training goes round in circles: W at the end of epoch ${E} is the same as ` +
                    `at ${since}.`;
    const c = clash();
    if (c) {
      const [i, j] = c;
      return `✘ ${pair} no output neuron can compute ${name}: the inputs ` +
             `${hlPoint(HL_INPUTS[i])} and ${hlPoint(HL_INPUTS[j])} both go to h = ` +
             `${hlPoint(combo.H[i])}, but ${name} wants ${combo.d[i]} for one and ` +
             `${combo.d[j]} for the other. A neuron gives one answer per point, so no line ` +
             `can separate them. ${circles}`;
    }
    return `✘ ${pair} no output neuron can compute ${name}: the four inputs land on four ` +
           "different corners, with the 1s on one diagonal and the 0s on the other, like " +
           `XOR's: no line separates them. ${circles}`;
  }

  // -- drawing ------------------------------------------------------------------------------------
  const BOX = [-0.5, 1.5];
  const r = Math.sqrt(look.size.marker) / 1.8;
  const LEGEND_ROWS = 9;
  let scIn = null, scH = null, answer = null, decision = null, ring = null, ringH = null,
      spotOf = [], spotNames = [], lineWords = "", verdictText = "", rightEdge = 0;

  function hiddenLine(parent, W, j, shared) {
    // hidden neuron j's line, with a short arrow to the side where it fires (h = 1); when
    // both hidden neurons have the same line (`shared`), their arrows stand apart on it
    const color = j === 0 ? look.colors.excite : look.colors.inhibit;
    const cut = clipBox(W, scIn.xlim, scIn.ylim);
    if (!cut.line) {
      return ` Hidden neuron ${j + 1} has no line: h${j + 1} is always ${W[0] >= 0 ? 1 : 0}.`;
    }
    const g = svg("g", { class: `pl-hidden-line pl-hidden-${j + 1}` }, parent);
    const [a, b] = cut.line.map(([x, y]) => [scIn.px(x), scIn.py(y)]);
    svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: color,
                  "stroke-width": look.line.width, "stroke-dasharray": j === 1 ? "7 4" : "none" }, g);
    const t = shared ? (j === 0 ? 0.3 : 0.7) : 0.5;
    const n = Math.hypot(W[1], W[2]), mx = a[0] + t * (b[0] - a[0]), my = a[1] + t * (b[1] - a[1]);
    const len = 0.1 * S, end = [mx + (len * W[1]) / n, my - (len * W[2]) / n];
    const arrow = svg("line", { stroke: color, "stroke-width": look.arrow.width }, g);
    setArrow(arrow, [mx, my], end, j === 0 ? "pl-head-excite" : "pl-head-inhibit");
    svg("text", { x: end[0] + 3, y: end[1] + font / 2, "font-size": font, "font-weight": "bold",
                  "aria-hidden": "true" }, g).textContent = `h${j + 1}`;
    return "";
  }

  // Where the planes and the legend go: in a row as designed, or on a narrow screen the two
  // planes side by side under the heading (in as many lines as it needs) and the legend under
  // them, words as large as on a wide screen. There the names of the inputs at a spot of the
  // hidden plane stand one a line, so the planes' titles leave room (`above`) over them.
  function layout(heading) {
    if (!fit.narrow) {
      designed();
      const xIn = 4.2 * font, xH = xIn + S + 4.6 * font;
      return { xIn, xH, heading: [heading], legend: { x: xH + S + 1.4 * font, y: TOP + 4 },
               ticks: 6, above: 0 };
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const lines = wrapWords(heading, W_PX - 8, font + 1);
    // the gap holds the hidden plane's tick labels and its rotated name (h2 = NAND) clear of
    // the input plane
    const xIn = 3.8 * font, gap = 4.6 * font;
    S = Math.floor((W_PX - xIn - gap - 1.2 * font) / 2);
    const above = 2 * font + 6;
    TOP = lines.length * (font + 4) + font + 12 + above;
    const columns = W_PX >= 440 ? 2 : 1, legendY = TOP + S + 3 * font + 14;
    H_PX = legendY + Math.ceil(LEGEND_ROWS / columns) * (font + 6) + 4;
    return { xIn, xH: xIn + S + gap, heading: lines, ticks: 4, above,
             legend: { x: 4, y: legendY, columns, width: (W_PX - 8) / columns } };
  }

  function build() {
    const { f1, f2, ft, H, d } = combo;
    const heading = `${ft.name} from h1 = ${f1.name} and h2 = ${f2.name}`;
    const at = layout(heading);
    // the spots' names stay left of a legend beside the hidden plane
    rightEdge = at.legend && !at.legend.columns ? at.legend.x - 6 : W_PX - 2;
    clearPicture(pic, descNode, W_PX, H_PX, lk);
    titleNode.textContent = heading;
    const head = svg("text", { x: W_PX / 2, y: font + 2, "text-anchor": "middle",
                               "font-size": font + 1, "font-weight": "bold", "aria-hidden": "true" },
                     pic);
    if (at.heading.length > 1) writeLines(head, at.heading, font + 4);
    else head.textContent = heading;
    const { xIn, xH } = at;

    // the input plane: the network's answer, the hidden lines, the four inputs
    scIn = makeScale(BOX, BOX, { x: xIn, y: TOP, w: S, h: S });
    answer = svg("path", { class: "pl-answer", fill: look.colors.shade,
                           "fill-opacity": look.shade.alpha }, pic);
    const planeTitle = (sc, text) => {
      if (!at.above) return text;                          // drawAxes writes it
      svg("text", { x: sc.left + sc.w / 2, y: sc.top - 8 - at.above, "text-anchor": "middle",
                    "font-size": font + 1, "aria-hidden": "true" }, pic).textContent = text;
      return "";
    };
    drawAxes(pic, scIn, lk, "x1", "x2", planeTitle(scIn, "input plane"), at.ticks);
    const shared = f1.W && f2.W && f1.W.every((v, i) => v === f2.W[i]);
    lineWords = [f1.W, f2.W].map((W, j) => hiddenLine(pic, W, j, shared)).join("");
    const dots = svg("g", { class: "pl-points" }, pic);
    HL_INPUTS.forEach(([x, y], i) => marker(dots, d[i], scIn.px(x), scIn.py(y), r, look));
    ring = svg("circle", { r: r * 1.9, fill: "none", stroke: look.colors.line, "stroke-width": 2.5,
                           class: "pl-ring", visibility: "hidden" }, pic);

    // the hidden plane: the output neuron's line, and the inputs where they land
    scH = makeScale(BOX, BOX, { x: xH, y: TOP, w: S, h: S });
    drawAxes(pic, scH, lk, `h1 = ${f1.name}`, `h2 = ${f2.name}`, planeTitle(scH, "hidden plane"),
             at.ticks);
    decision = makeDecision(svg("g", { class: "pl-output" }, pic), scH, lk);
    const spots = svg("g", { class: "pl-spots" }, pic);
    spotNames = [];
    spotOf = [];
    const seen = {};
    H.forEach((h, i) => { (seen[h.join(",")] = seen[h.join(",")] || []).push(i); });
    for (const here of Object.values(seen)) {
      const [h1, h2] = H[here[0]];
      const classes = [...new Set(here.map((i) => d[i]))].sort();
      const clashing = classes.length > 1;
      const g = svg("g", { class: clashing ? "pl-spot pl-clash" : "pl-spot" }, spots);
      const cx = scH.px(h1), cy = scH.py(h2);
      classes.forEach((c, k) => {
        const x = cx + (clashing ? (k === 0 ? -1.2 : 1.2) * r : 0);
        marker(g, c, x, cy, r, look);
        here.filter((i) => d[i] === c).forEach((i) => { spotOf[i] = [x, cy]; });
      });
      if (clashing) {
        svg("circle", { cx, cy, r: 2.6 * r, fill: "none", stroke: look.colors.warning,
                        "stroke-width": 1.5, "stroke-dasharray": "4 3" }, g);
      }
      // the names: in one line under or over the spot; on a narrow screen one a line (two
      // when all four are here), stacked upwards over a spot at h2 = 1 and over a spot at
      // h2 = 0 with more than one (under it they would meet the tick labels), and kept inside
      // the picture (their width guessed as wrapWords does)
      const names = here.map((i) => hlPoint(HL_INPUTS[i])).join(", ");
      const each = here.map((i, k) => hlPoint(HL_INPUTS[i]) + (k < here.length - 1 ? "," : ""));
      const lines = !at.above ? [names] : here.length > 3
        ? [`${each[0]} ${each[1]}`, `${each[2]} ${each[3]}`] : each;
      const half = (0.62 * (font - 2) * Math.max(...lines.map((l) => l.length))) / 2;
      const nx = Math.max(half + 2, Math.min(cx, W_PX - half - 2));
      const away = (clashing ? 2.6 * r : 1.3 * r) + 3, step = font;
      const over = h2 === 1 || lines.length > 1;
      const name = svg("text", { x: nx, y: over ? cy - away - 2 - (lines.length - 1) * step
                                                : cy + away + font - 2, "text-anchor": "middle",
                    class: "pl-spot-name",
                    "font-size": font - 2, "aria-hidden": "true",
                    fill: clashing ? look.colors.warning : look.colors.text,
                    // a halo of the background, so that lines under the names do not hide them
                    stroke: look.colors.background, "stroke-width": 3, "paint-order": "stroke",
                    "font-weight": clashing ? "bold" : "normal" }, g);
      if (lines.length > 1) writeLines(name, lines, step);
      else name.textContent = names;
      spotNames.push({ node: name, cx, cy, away, w: 2 * half, h: lines.length * step + 2,
                       order: over ? ["over", "under", "right", "left"]
                                   : ["under", "over", "right", "left"] });
    }
    ringH = svg("circle", { r: r * 1.9, fill: "none", stroke: look.colors.line, "stroke-width": 2.5,
                            class: "pl-ring-hidden", visibility: "hidden" }, pic);

    const legend = [
      { kind: "marker", cls: 0, label: `${ft.name} = 0` },
      { kind: "marker", cls: 1, label: `${ft.name} = 1` },
      { kind: "line", color: look.colors.excite, label: `h1 = ${f1.name}` },
      { kind: "line", color: look.colors.inhibit, dash: "7 4", label: `h2 = ${f2.name}` },
      { kind: "shade", label: "network answers 1" },
      { kind: "line", color: look.colors.line, label: "output neuron's line" },
      { kind: "line", color: look.colors.line, width: look.arrow.width, head: "line",
        label: "its w = (v1, v2)" },
      { kind: "line", color: look.colors.old, width: look.line.old_width,
        dash: look.line.old_dash.join(" "), label: "line before the update" },
      { kind: "pointer", label: "its line is this way" },
    ];
    const columns = at.legend.columns || 1, perColumn = Math.ceil(legend.length / columns);
    for (let c = 0; c < columns; c++) {
      drawLegend(pic, at.legend.x + c * (at.legend.width || 0), at.legend.y,
                 legend.slice(c * perColumn, (c + 1) * perColumn), lk);
    }
    for (const [key, select] of Object.entries(menus)) select.value = model.get(key);
    verdictText = verdict();
    show();
  }

  function show() {
    const p = stepper.position, { H, d, Ws, n } = combo;
    const W = Ws[p];
    // the network's answer over the input plane: the cells of the two hidden lines where the
    // output neuron fires
    const box = [[BOX[0], BOX[0]], [BOX[1], BOX[0]], [BOX[1], BOX[1]], [BOX[0], BOX[1]]];
    const parts = [];
    for (const [a, b] of HL_INPUTS) {
      if (!hlFires(W, [a, b])) continue;
      const cell = clipHalf(clipHalf(box, combo.f1.W, a === 1).inside, combo.f2.W, b === 1).inside;
      if (cell.length >= 3) {
        parts.push("M" + cell.map(([x, y]) => `${scIn.px(x).toFixed(2)},${scIn.py(y).toFixed(2)}`)
          .join("L") + "Z");
      }
    }
    answer.setAttribute("d", parts.join(""));
    const drawn = decision.show(W, p > 0 ? Ws[p - 1] : null, 0);
    // the spots' names where the output neuron's line, its arrow and pointer are not
    const taken = [...obstaclesOf(pic.querySelectorAll(".pl-output .pl-line, .pl-output .pl-w, " +
                                                       ".pl-output .pl-line-away")),
                   ...spotOf.map(([x, y]) => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r }))];
    const bounds = { x0: scH.left + 2, y0: scH.top - font, x1: rightEdge, y1: scH.top + scH.h - 2 };
    for (const spot of spotNames) {
      taken.push(placeWords(spot.node, { ...spot, font: font - 2, bounds, obstacles: taken }));
    }
    if (p === 0) {
      ring.setAttribute("visibility", "hidden");
      ringH.setAttribute("visibility", "hidden");
    } else {
      const i = (p - 1) % 4;
      ring.setAttribute("cx", scIn.px(HL_INPUTS[i][0]));
      ring.setAttribute("cy", scIn.py(HL_INPUTS[i][1]));
      ringH.setAttribute("cx", spotOf[i][0]);
      ringH.setAttribute("cy", spotOf[i][1]);
      ring.setAttribute("visibility", "visible");
      ringH.setAttribute("visibility", "visible");
    }
    // the truth table of the network at this step
    table.replaceChildren();
    html("caption", {}, table, `the network at visit ${p} of ${n}, W = ${hlVector(W)}`);
    const head = html("tr", {}, table);
    for (const c of ["x1", "x2", "h1", "h2", "z", "output", combo.ft.name, "right?"]) {
      html("th", { scope: "col" }, head, c);
    }
    let right = 0;
    HL_INPUTS.forEach((x, i) => {
      const h = H[i], z = W[0] + W[1] * h[0] + W[2] * h[1], y = z >= 0 ? 1 : 0;
      right += y === d[i] ? 1 : 0;
      const tr = html("tr", {}, table);
      for (const c of [x[0], x[1], h[0], h[1], fmt(z), y, d[i], y === d[i] ? "✔" : "✘"]) {
        html("td", {}, tr, String(c));
      }
    });
    message.textContent = `${right} of 4 rows right at this step.`;
    // words
    readout.textContent = readoutAt(p);
    status.textContent = verdictText;
    descNode.textContent = `${readout.textContent} ${verdictText}${lineWords}` +
      (drawn.line || !W[1] && !W[2] ? "" : " The output neuron's line is outside the picture.");
    pic.setAttribute("aria-label", `${titleNode.textContent}: ${readout.textContent}`);
    // controls
    slider.max = String(n);
    slider.value = String(p);
    slider.setAttribute("aria-valuetext", `visit ${p} of ${n}`);
    speed.value = String(model.get("speed"));
    speed.setAttribute("aria-valuetext", `${model.get("speed")} steps per second`);
  }

  // -- stepping and choosing ----------------------------------------------------------------------
  const stepper = makeStepper({
    model, root, ui: { startB, backB, stepB, endB, playB, speed, slider, readout, status },
    last: () => combo.n, maxPosition: () => combo.n, show: () => show() });

  function choose(key, value) {
    // a new combination: its run is here already, and the view shows its result (the end of
    // training) at once; the kernel, if there is one, hears of it
    if (!byName[value]) return;
    model.set(key, value);                 // change:key loads and draws it
    model.set("position", stepper.position);
    try { model.save_changes(); } catch (err) { /* no kernel: the view works on its own */ }
  }
  function onChoice() {
    stepper.setPlaying(false);
    if (!load()) {
      note.textContent = "⚠ That combination is not in this explorer's runs.";
      return;
    }
    note.textContent = "";
    stepper.position = combo.n;
    build();
  }
  for (const key of ["hidden1", "hidden2", "target"]) model.on(`change:${key}`, onChoice);
  model.on("change:speed", () => show());

  const fit = fitWidth(root, look.size.width, () => { if (combo) build(); });
  load();
  stepper.position = model.get("position");
  build();
  return () => { stepper.stop(); fit.stop(); };
}

export default { render };
