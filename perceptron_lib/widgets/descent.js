// The gradient-descent explorer's view: the whole run arrives once (model "run", every k-th
// epoch); stepping, going back, scrubbing, playing and keys all happen here, with or without
// a kernel. Three panels: the input plane with the hidden neurons' lines and the network's
// answer, the hidden plane with the points and the output neuron's line, and the loss.
// The kernel is asked only to retrain (seed, learning rate, epochs).

/**
 * The run, as descent.build_run makes it (its RUN_FIELDS list the same fields). One frame
 * per epoch shown (run.epochs); everything per frame is indexed by the frame.
 * @typedef {Object} Run
 * @property {string} title  @property {number} seed  @property {number} lr
 * @property {number[][]} X  @property {number[]} d  @property {string[]} input_names
 * @property {number} n_epochs  @property {number[]} epochs  the epoch of each frame
 * @property {?number} solved_epoch
 * @property {number[][][]} W_hidden  @property {number[][]} W_out  one per frame
 * @property {number[][][]} hidden  @property {number[][]} outputs  one per frame
 * @property {number[]} loss  one per frame  @property {number} loss_max
 * @property {string} loss_name  @property {string[]} readout  one per frame
 * @property {number[][][]} merged  one per frame: pairs [i, j] of inputs on one spot
 * @property {Array} status  [frame, text] at each change
 */
function render({ model, el }) {
  const look = model.get("look");
  // the picture's size and look: as designed, or redrawn to fit a narrow screen (layout());
  // S is the side of the two planes
  let W_PX, font, lk, S, TOP, LEGEND_Y, H_PX;
  function designed() {
    W_PX = look.size.width; lk = look; font = look.size.font;
    S = Math.round(0.25 * W_PX);
    TOP = 3 * font + 14;
    LEGEND_Y = TOP + S + 3 * font + 12;
    H_PX = LEGEND_Y + 3 * (font + 7) + 2;
  }
  designed();
  const root = explorerRoot(el, look, "descent", "gradient-descent explorer: arrow keys step, " +
                           "Home and End jump, space plays");

  // -- settings that retrain (they need the kernel) --------------------------------------------
  const top = html("div", { class: "pl-row" }, root);
  const seed = html("input", { type: "number", min: "0", max: "999999", step: "1" });
  seed.style.width = "6em";
  labelled(top, "seed", seed);
  const nextSeedB = button(top, "next seed", "train again from the next seed's random start");
  const lr = html("select", {});
  labelled(top, "learning rate", lr);
  const epochs = html("select", {});
  labelled(top, "epochs", epochs);

  // -- the picture and the stepping controls ----------------------------------------------------
  const { pic, titleNode, descNode, startB, backB, stepB, endB, playB, speed, slider, readout,
          status, note } = stepperLayout(root, W_PX, H_PX, {
    start: "back to the random start (Home)", back: "one picture back (←)",
    step: "one picture forward (→)", end: "jump to the end, the last epoch (End)", speed: "pictures/s",
    fastest: 60, slider: "epoch" });

  // -- drawing -----------------------------------------------------------------------------------
  const GRID = 40;                                          // cells of the network's answer
  let run = null;
  let scIn = null, scH = null, answer = null, hiddenLines = [], decision = null, movers = [],
      trails = [], loss = null, nameSize = 10, r = 5;

  // Where the panels go: in a row as designed, or on a narrow screen the two planes side by
  // side, the loss under them and the legend under that, words as large as on a wide screen.
  function layout() {
    if (!fit.narrow) {
      designed();
      const gap = 4.4 * font, xIn = 4.2 * font, xH = xIn + S + gap, xLoss = xH + S + gap;
      return { xIn, xH, loss: { x: xLoss, y: TOP, w: W_PX - xLoss - 2 * font, h: S },
               columns: 3, ticks: 6 };
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const xIn = 3.8 * font, gap = 3.8 * font;
    S = Math.floor((W_PX - xIn - gap - 6) / 2);
    TOP = 3 * font + 14;
    const loss = { x: xIn, y: TOP + S + 4 * font + 18, w: W_PX - xIn - 2 * font,
                   h: Math.max(90, Math.round(0.3 * W_PX)) };
    LEGEND_Y = loss.y + loss.h + 3 * font + 10;
    const columns = W_PX >= 440 ? 2 : 1;
    H_PX = LEGEND_Y + Math.ceil(7 / columns) * (font + 6) + 4;
    return { xIn, xH: xIn + S + gap, loss, columns, ticks: 4 };
  }

  function build() {
    run = model.get("run");
    const at = layout();
    clearPicture(pic, descNode, W_PX, H_PX, lk);
    titleNode.textContent = run.title;
    const { xIn, xH } = at;
    svg("text", { x: W_PX / 2, y: font + 2, "text-anchor": "middle", "font-size": font + 1,
                  "font-weight": "bold", "aria-hidden": "true" }, pic).textContent = run.title;
    r = Math.sqrt(lk.size.marker) / 2.4;

    // the input plane: the network's answer, the hidden neurons' lines, the four inputs
    scIn = makeScale([-0.5, 1.5], [-0.5, 1.5], { x: xIn, y: TOP, w: S, h: S });
    answer = svg("path", { class: "pl-answer", fill: look.colors.shade,
                           "fill-opacity": look.shade.alpha, "shape-rendering": "crispEdges" },
                 pic);
    drawAxes(pic, scIn, lk, "x1", "x2", "input plane", at.ticks);
    hiddenLines = [0, 1].map((j) => {
      const g = svg("g", { class: `pl-hidden-line pl-hidden-${j + 1}` }, pic);
      const color = j === 0 ? look.colors.excite : look.colors.inhibit;
      const line = svg("line", { stroke: color, "stroke-width": look.line.width,
                                 "stroke-dasharray": j === 1 ? "7 4" : "none" }, g);
      const arrow = svg("line", { stroke: color, "stroke-width": look.arrow.width }, g);
      const label = svg("text", { "font-size": font, "font-weight": "bold",      // text colour: >= 4.5:1
                                  "aria-hidden": "true" }, g);
      label.textContent = `h${j + 1}`;
      return { line, arrow, label, head: j === 0 ? "pl-head-excite" : "pl-head-inhibit" };
    });
    const dots = svg("g", { class: "pl-points" }, pic);
    run.X.forEach(([x, y], i) => marker(dots, run.d[i], scIn.px(x), scIn.py(y), r, lk));

    // the hidden plane: the output neuron's line and the points where the hidden layer puts them
    scH = makeScale([-0.1, 1.1], [-0.1, 1.1], { x: xH, y: TOP, w: S, h: S });
    drawAxes(pic, scH, lk, "h1", "h2", "hidden plane", at.ticks);
    decision = makeDecision(svg("g", { class: "pl-output" }, pic), scH, lk);
    trails = run.d.map(() => svg("polyline", { fill: "none", stroke: look.colors.w_old, "stroke-width": 1,
                                               "stroke-opacity": 0.7, class: "pl-trail" }, pic));
    const moving = svg("g", { class: "pl-hidden-points" }, pic);
    movers = run.d.map((cls, i) => {
      const g = svg("g", {}, moving);
      marker(g, cls, 0, 0, r, lk);
      // a circle on the spot of a triangle is ringed, under it (show()): the ring shows round it
      if (cls === 0) {
        svg("circle", { r: r * 1.9, fill: "none", stroke: lk.colors.class0, "stroke-width": 2.5,
                        class: "pl-merged", visibility: "hidden" }, g);
      }
      // each input's name in its own corner, so that names stay apart when points meet
      const right = i >= 2, up = i % 2 === 1;
      const t = svg("text", { x: right ? r + 2 : -r - 2, y: up ? -r - 1 : r + font - 3,
                              "text-anchor": right ? "start" : "end",
                              "font-size": fit.narrow ? font - 2 : font - 3,
                              // a halo of the background, for a line that runs under it
                              stroke: look.colors.background, "stroke-width": 3,
                              "paint-order": "stroke", "aria-hidden": "true" }, g);
      t.textContent = run.input_names[i];
      return g;
    });
    nameSize = fit.narrow ? font - 2 : font - 3;

    // the loss, epoch by epoch
    const box = at.loss;
    const top = run.loss_max * 1.05 || 1;
    loss = { box, top,
             px: (e) => box.x + (e / Math.max(run.n_epochs, 1)) * box.w,
             py: (v) => box.y + box.h - (v / top) * box.h };
    const lg = svg("g", { class: "pl-loss-axes", "aria-hidden": "true" }, pic);
    for (const t of niceTicks(0, run.n_epochs, 4, true)) {
      svg("line", { x1: loss.px(t), x2: loss.px(t), y1: box.y, y2: box.y + box.h,
                    stroke: look.colors.grid }, lg);
      svg("text", { x: loss.px(t), y: box.y + box.h + font + 2, "text-anchor": "middle",
                    "font-size": font - 2 }, lg).textContent = fmt(t);
    }
    for (const t of niceTicks(0, top, 4)) {
      svg("line", { x1: box.x, x2: box.x + box.w, y1: loss.py(t), y2: loss.py(t),
                    stroke: look.colors.grid }, lg);
      svg("text", { x: box.x - 4, y: loss.py(t) + font / 3, "text-anchor": "end",
                    "font-size": font - 2 }, lg).textContent = fmt(t);
    }
    svg("rect", { x: box.x, y: box.y, width: box.w, height: box.h, fill: "none", stroke: look.colors.text }, lg);
    svg("text", { x: box.x + box.w / 2, y: box.y + box.h + 2 * font + 6, "text-anchor": "middle",
                  "font-size": font }, lg).textContent = "epoch";
    svg("text", { x: box.x + box.w / 2, y: box.y - 8, "text-anchor": "middle",
                  "font-size": font + 1 }, lg).textContent = run.loss_name;
    loss.curve = svg("polyline", { fill: "none", stroke: look.colors.line, "stroke-width": 2,
                                   class: "pl-loss" }, pic);
    loss.now = svg("circle", { r: 4.5, fill: look.colors.class1, stroke: look.colors.edge,
                               class: "pl-loss-now" }, pic);

    // the legend, in three columns under the panels
    const col = (W_PX - 2 * font) / at.columns;
    const legend = [
      [{ kind: "marker", cls: 0, label: "XOR = 0" }, { kind: "marker", cls: 1, label: "XOR = 1" }],
      [{ kind: "line", color: look.colors.excite, label: "hidden neuron 1: h1 = 0.5" },
       { kind: "line", color: look.colors.inhibit, dash: "7 4", label: "hidden neuron 2: h2 = 0.5" }],
      [{ kind: "shade", label: "network answers 1 (output ≥ 0.5)" },
       { kind: "line", color: look.colors.line, label: "output neuron: output = 0.5" },
       { kind: "pointer", label: "its line is this way (outside)" }],
    ];
    const columns = at.columns === 3 ? legend : at.columns === 2
      ? [[...legend[0], ...legend[1]], legend[2]] : [legend.flat()];
    const left = fit.narrow ? 4 : font;
    columns.forEach((items, k) => drawLegend(pic, left + k * col, LEGEND_Y, items, lk));

    // settings
    seed.value = String(model.get("seed"));
    lr.replaceChildren();
    for (const v of model.get("lr_options")) html("option", { value: String(v) }, lr, fmt(v));
    lr.value = String(model.get("lr"));
    epochs.replaceChildren();
    for (const v of model.get("epoch_options")) html("option", { value: String(v) }, epochs, String(v));
    epochs.value = String(model.get("epochs"));
    // the controls and the model say what this run was trained with (a run that arrives
    // late, after the view gave up waiting, puts them right again)
    model.set("seed", run.seed);
    model.set("lr", run.lr);
    model.set("epochs", run.n_epochs);
    stepper.position = model.get("position");
    show();
  }

  function showHiddenLine(hl, W) {
    const cut = clipBox(W, scIn.xlim, scIn.ylim);
    if (!cut.line) {
      for (const n of [hl.line, hl.arrow, hl.label]) n.setAttribute("visibility", "hidden");
      return false;
    }
    const [a, b] = cut.line.map(([x, y]) => [scIn.px(x), scIn.py(y)]);
    hl.line.setAttribute("x1", a[0]); hl.line.setAttribute("y1", a[1]);
    hl.line.setAttribute("x2", b[0]); hl.line.setAttribute("y2", b[1]);
    hl.line.setAttribute("visibility", "visible");
    // a short arrow from the line's middle towards the side where the neuron says more than 0.5
    const [, w1, w2] = W;
    const n = Math.hypot(w1, w2);
    const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
    const len = 0.12 * S;
    const end = [mx + (len * w1) / n, my - (len * w2) / n];
    setArrow(hl.arrow, [mx, my], end, hl.head);
    hl.label.setAttribute("x", end[0] + 3);
    hl.label.setAttribute("y", end[1] + font / 2);
    hl.label.setAttribute("visibility", "visible");
    return true;
  }

  // Each input's name in a corner of its point: its own corner (so that names stay apart
  // when points meet) unless the output neuron's line, arrow or pointer, another point or
  // another name is there; then the first free corner, a little farther out if need be.
  function placeNames(p) {
    const at = run.hidden[p].map(([h1, h2]) => [scH.px(h1), scH.py(h2)]);
    const taken = [...obstaclesOf(pic.querySelectorAll(".pl-output .pl-line, .pl-output .pl-w, " +
                                                       ".pl-output .pl-line-away")),
                   ...at.map(([x, y]) => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r }))];
    movers.forEach((g, i) => {
      const t = g.querySelector("text"), [x, y] = at[i];
      const w = 0.62 * nameSize * run.input_names[i].length, h = nameSize;
      const own = [i >= 2, i % 2 === 1];
      const corners = [own, [own[0], !own[1]], [!own[0], own[1]], [!own[0], !own[1]]];
      let best = null, fewest = Infinity;
      for (const far of [0, 0.5 * h, h, 2 * h]) {
        for (const [right, up] of corners) {
          const dx = right ? r + 2 + far : -r - 2 - far - w, dy = up ? -r - 1 - far - h : r - 3 + far;
          const box = { x0: x + dx, y0: y + dy, x1: x + dx + w, y1: y + dy + h, dx, dy, right };
          const cost = covering(box, taken);
          if (cost < fewest) { fewest = cost; best = box; }
          if (!cost) break;
        }
        if (!fewest) break;
      }
      t.setAttribute("x", best.right ? best.dx : best.dx + w);
      t.setAttribute("y", best.dy + h);
      t.setAttribute("text-anchor", best.right ? "start" : "end");
      taken.push(best);
    });
  }

  function show() {
    const p = stepper.position;
    const Wh = run.W_hidden[p], Wo = run.W_out[p];
    // the network's answer over the input plane, cell by cell
    answer.setAttribute("d", regionPath(scIn, GRID, networkFires(Wh, Wo)));
    const seen = hiddenLines.map((hl, j) => showHiddenLine(hl, Wh[j]));
    decision.show(Wo);
    placeNames(p);
    const merged = new Set(((run.merged || [])[p] || []).flat());
    movers.forEach((g, i) => {
      const [h1, h2] = run.hidden[p][i];
      g.setAttribute("transform", `translate(${scH.px(h1).toFixed(2)},${scH.py(h2).toFixed(2)})`);
      const ringed = g.querySelector(".pl-merged");
      if (ringed) {
        ringed.setAttribute("visibility", merged.has(i) ? "visible" : "hidden");
        if (merged.has(i)) g.parentNode.prepend(g);       // under the triangle, ring outside it
      }
      trails[i].setAttribute("points", run.hidden.slice(0, p + 1)
        .map((H) => `${scH.px(H[i][0]).toFixed(1)},${scH.py(H[i][1]).toFixed(1)}`).join(" "));
    });
    loss.curve.setAttribute("points", run.loss.slice(0, p + 1)
      .map((v, k) => `${loss.px(run.epochs[k]).toFixed(1)},${loss.py(v).toFixed(1)}`).join(" "));
    loss.now.setAttribute("cx", loss.px(run.epochs[p]));
    loss.now.setAttribute("cy", loss.py(run.loss[p]));
    // words
    readout.textContent = run.readout[p];
    status.textContent = statusAt(p);
    const missing = seen.map((s, j) => (s ? "" : ` Hidden neuron ${j + 1}'s line is outside the picture.`)).join("");
    descNode.textContent = `${readout.textContent} ${status.textContent}${missing}`;
    pic.setAttribute("aria-label", `${run.title}, epoch ${run.epochs[p]} of ${run.n_epochs}`);
    // controls
    slider.max = String(run.epochs.length - 1);
    slider.value = String(p);
    slider.setAttribute("aria-valuetext", `epoch ${run.epochs[p]} of ${run.n_epochs}`);
    speed.value = String(model.get("speed"));
    speed.setAttribute("aria-valuetext", `${model.get("speed")} pictures per second`);
    const said = localNote || [model.get("message")].filter(Boolean);
    writeNote(note, said.length ? ["⚠ ", ...said] : [], said.length > 0);
  }

  function statusAt(p) {
    let text = run.status[0][1];
    for (const [k, t] of run.status) if (k <= p) text = t;
    return text;
  }

  // -- stepping, and asking the kernel (only to retrain) --------------------------------------
  const last = () => run.epochs.length - 1;
  const stepper = makeStepper({
    model, root, ui: { startB, backB, stepB, endB, playB, speed, slider, readout, status },
    last, maxPosition: last, show: () => show() });
  let localNote = null;             // what the view itself has to say, until the next run
  function say(text) {              // text: words, or parts (words and links)
    localNote = text && text.length ? (typeof text === "string" ? [text] : text) : null;
    show();
  }
  // On a web page, a run made in advance for the settings takes the place of the kernel's.
  const site = siteRuns(model);
  const apply = (file) => showSiteRun(model, file);
  const ask = makeRequests(model, say, () => {
    // no kernel: the controls and the model go back to what the run on screen was trained with
    model.set("seed", run.seed);
    model.set("lr", run.lr);
    model.set("epochs", run.n_epochs);
  }, { site, apply });
  // the key of the settings' run on a web page (tools/site_runs.py writes the same keys)
  const keyOf = () => {
    const i = model.get("lr_options").indexOf(model.get("lr"));
    const j = model.get("epoch_options").indexOf(model.get("epochs"));
    return i < 0 || j < 0 ? null : `${model.get("seed")}/${i}/${j}`;
  };
  const request = (what) => { localNote = null; ask(what, undefined, { key: keyOf() }); };

  // -- wiring ------------------------------------------------------------------------------------
  function setSeed(value) {
    if (!Number.isInteger(value) || value < 0 || value > 999999) {
      say(`seed must be a whole number from 0 to 999999; got ${seed.value || "nothing"}.`);
      seed.value = String(model.get("seed"));
      return;
    }
    if (value === model.get("seed")) { say(""); return; }
    model.set("seed", value);
    request(site ? `Training from seed ${value}` : "Training from a new seed");
  }
  const typedSeed = () => setSeed(seed.value.trim() === "" ? NaN : Number(seed.value));
  seed.addEventListener("change", typedSeed);
  seed.addEventListener("keydown", (ev) => { if (ev.key === "Enter") typedSeed(); });
  nextSeedB.addEventListener("click", () => setSeed(Math.min(model.get("seed") + 1, 999999)));
  lr.addEventListener("change", () => {
    model.set("lr", parseFloat(lr.value)); request("Changing the learning rate");
  });
  epochs.addEventListener("change", () => {
    model.set("epochs", parseInt(epochs.value, 10)); request("Changing the epochs");
  });

  model.on("change:run", () => { stepper.setPlaying(false); localNote = null; build(); });
  model.on("change:seed", () => { seed.value = String(model.get("seed")); });
  model.on("change:lr", () => { lr.value = String(model.get("lr")); });
  model.on("change:epochs", () => { epochs.value = String(model.get("epochs")); });
  model.on("change:lr_options", build);
  model.on("change:epoch_options", build);
  for (const name of ["message", "speed"]) model.on(`change:${name}`, () => show());
  const fit = fitWidth(root, look.size.width, () => { if (run) build(); });
  build();
  return () => { stepper.stop(); fit.stop(); };
}

export default { render };
