// The digits explorer's view: every run (each choice of the two menus) arrives once; the
// menus, the steps and the pocket switch all work here, with or without a kernel. The
// picture: the 64 weights as an 8x8 grid and the training images wrong after each epoch;
// under it, the test images the weights shown get wrong. Last, a pad to draw a digit on: the
// ten one-vs-rest perceptrons (the pocket weights of the "k-rest" runs) read the drawing as
// it grows.

/**
 * A run, as digits.build_run makes it (its RUN_FIELDS list the same fields). Everything per
 * epoch is indexed by the epoch, 0 (the start) to epochs.
 * @typedef {Object} Run
 * @property {number} digit  @property {(number|string)} against  a digit or "rest"
 * @property {number} n_train  @property {number} n_test  @property {number} epochs
 * @property {?number} solved_epoch
 * @property {string[]} w  64 letters per epoch, "a" (-9) to "s" (+9) of w_max, "j" is 0
 * @property {string[]} b  @property {string[]} w_max  as printed
 * @property {number[]} wrong_train  @property {number[]} wrong_test
 * @property {number[][]} missed  test images wrong (numbers into model "images")
 * @property {number[]} pocket  the epoch whose weights are in the pocket
 * @property {?number[]} W16  the "k-rest" runs only (null in the others): the pocket weights
 *   after the last epoch, [b, w1, ..., w64] times 16, whole numbers (exact)
 */

// -- the drawing pad's arithmetic (the same as digits.reduce_drawing and digits.draw_verdict) --
const PAD = 32, BLOCK = 4, PEN = 2;      // 32 x 32 pixels on or off; the pen's radius, pixels

// Pixels (PAD * PAD values 0/1, row by row) -> the 64 counts of pixels on in each 4 x 4 block.
function reduceDrawing(pixels) {
  const n = PAD / BLOCK, counts = new Array(n * n).fill(0);
  for (let k = 0; k < PAD * PAD; k++) {
    if (pixels[k]) counts[Math.floor(k / PAD / BLOCK) * n + Math.floor((k % PAD) / BLOCK)] += 1;
  }
  return counts;
}

// z = b + w . x of the ten perceptrons (W16: ten rows [b, w1, ..., w64] times 16) for 64 ink
// counts (x = counts / 16), and the digit with the largest z (the first on a tie), or null
// with no ink. Sixteenths times counts are whole numbers, summed exactly; z = sum / 256 is
// the same number Python computes.
function drawVerdict(counts, W16) {
  const z = W16.map((W) => {
    let sum = 16 * W[0];
    for (let k = 0; k < 64; k++) sum += W[k + 1] * counts[k];
    return sum / 256;
  });
  let verdict = null;
  if (counts.some((c) => c > 0)) {
    verdict = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[verdict]) verdict = k;
  }
  return { z, verdict };
}

// The pen drawn from (x0, y0) to (x1, y1), in pixels (0 to PAD): every pixel whose centre is
// within PEN of the segment goes on. Returns the numbers of the pixels that went on.
function penStroke(pixels, x0, y0, x1, y1) {
  const on = [], dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  const lo = (v) => Math.max(0, Math.floor(v - PEN)), hi = (v) => Math.min(PAD - 1, Math.ceil(v + PEN));
  for (let i = lo(Math.min(y0, y1)); i <= hi(Math.max(y0, y1)); i++) {
    for (let j = lo(Math.min(x0, x1)); j <= hi(Math.max(x0, x1)); j++) {
      const cx = j + 0.5, cy = i + 0.5;
      const t = len2 ? Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / len2)) : 0;
      const ex = cx - (x0 + t * dx), ey = cy - (y0 + t * dy);
      if (ex * ex + ey * ey <= PEN * PEN && !pixels[i * PAD + j]) {
        pixels[i * PAD + j] = 1;
        on.push(i * PAD + j);
      }
    }
  }
  return on;
}

function render({ model, el }) {
  const look = model.get("look");
  // the picture's size and look: as designed, or redrawn to fit a narrow screen (layout())
  let W_PX = look.size.width, font = look.size.font, lk = look;
  let CELL = Math.round(W_PX / 30), GRID = 8 * CELL;
  let TOP = 2 * font + 14, H_PX = TOP + GRID + 3 * font + 22;
  const LEVEL = "abcdefghijklmnopqrs";
  const root = explorerRoot(el, look, "digits", "digits explorer: arrow keys step through the " +
                           "epochs, Home and End jump, space plays", DIGITS_CSS);

  // -- the menus (all runs are here: no kernel needed) ----------------------------------------
  const top = html("div", { class: "pl-row" }, root);
  const digitM = html("select", {});
  labelled(top, "fires for the digit", digitM);
  for (let k = 0; k < 10; k++) html("option", { value: String(k) }, digitM, String(k));
  const againstM = html("select", {});
  labelled(top, "against", againstM);
  const pocketB = button(top, "pocket weights",
                         "show the pocket weights, the best so far on the training images");
  // the drawing pad takes the run's place while it is open (so that both fit a slide)
  const drawB = button(top, "draw a digit", "open the drawing pad in place of the training run");
  drawB.setAttribute("aria-pressed", "false");

  const { pic, titleNode, descNode, startB, backB, stepB, endB, playB, speed, slider, readout,
          status } = stepperLayout(root, W_PX, H_PX, {
    start: "back to the start (Home)", back: "one epoch back (←)", step: "one epoch forward (→)",
    end: "jump to the end, the last epoch (End)", speed: "epochs/s", fastest: 20, slider: "epoch" });
  const missedHead = html("div", { class: "pl-missed-head" }, root);
  const missed = html("div", { class: "pl-missed", role: "list" }, root);

  // -- the picture -------------------------------------------------------------------------------
  const key = () => `${model.get("digit")}-${model.get("against")}`;
  const run = () => model.get("runs")[key()];
  const other = (r) => (r.against === "rest" ? "other" : String(r.against));
  const a = (n) => (String(n) === "8" ? `an ${n}` : `a ${n}`);          // a 3, an 8

  // Where the weights, their key and the chart go: the chart beside the weights as designed,
  // or on a narrow screen under them, as wide as the screen, the title in two lines and
  // words as large as on a wide screen.
  let at = null;
  function layout() {
    if (!fit.narrow) {
      W_PX = look.size.width; lk = look; font = look.size.font;
      CELL = Math.round(W_PX / 30); GRID = 8 * CELL;
      TOP = 2 * font + 14; H_PX = TOP + GRID + 3 * font + 22;
      const gx = 2 * font, px = gx + GRID + 6 * font, keyY = TOP + GRID + font + 6;
      return { gx, gy: TOP, keyY, biasY: keyY + 2 * font + 10, titleLines: 1,
               px, pw: W_PX - px - font, py: TOP, ph: GRID,
               chartTitle: { x: px + (W_PX - px - font) / 2, lines: [CHART_TITLE] } };
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const gx = 3 * font, px = gx, pw = W_PX - px - font;
    CELL = Math.min(26, Math.floor(pw / 8)); GRID = 8 * CELL;
    TOP = 2 * (font + 6) + font + 14;
    const keyY = TOP + GRID + font + 6, biasY = keyY + 2 * font + 10;
    const lines = wrapWords(CHART_TITLE, W_PX - 8, font);
    const py = biasY + lines.length * (font + 4) + 12, ph = Math.round(Math.max(110, 0.42 * pw));
    H_PX = py + ph + 2 * font + 12;
    return { gx, gy: TOP, keyY, biasY, titleLines: 2, px, pw, py, ph,
             chartTitle: { x: W_PX / 2, lines } };
  }
  const CHART_TITLE = "training images wrong after each epoch";

  let title, cells, keyYes, keyNo, biasText, axes, bars, pocketMark;
  function build() {
    at = layout();
    clearPicture(pic, descNode, W_PX, H_PX);
    const { gx, gy, keyY, px, pw, py, ph } = at;
    title = svg("text", { x: W_PX / 2, y: font + 4, "text-anchor": "middle", "font-size": font + 2,
                          "font-weight": "bold", "aria-hidden": "true" }, pic);
    svg("text", { x: gx + GRID / 2, y: gy - 6, "text-anchor": "middle", "font-size": font,
                  "aria-hidden": "true" }, pic).textContent = "the 64 weights (b apart)";
    cells = [];
    for (let k = 0; k < 64; k++) {
      cells.push(svg("rect", { x: gx + (k % 8) * CELL, y: gy + Math.floor(k / 8) * CELL,
                               width: CELL, height: CELL }, pic));
    }
    svg("rect", { x: gx, y: gy, width: GRID, height: GRID, fill: "none", stroke: look.colors.text },
        pic);
    const swatch = (x, color) => svg("rect", { x, y: keyY - font + 2, width: font, height: font,
                                               fill: color, stroke: look.colors.edge }, pic);
    swatch(gx, look.colors.class1);
    keyYes = svg("text", { x: gx + font + 4, y: keyY, "font-size": font - 1 }, pic);
    swatch(gx, look.colors.class0).setAttribute("y", keyY + 4);
    keyNo = svg("text", { x: gx + font + 4, y: keyY + font + 4, "font-size": font - 1 }, pic);
    biasText = svg("text", { x: gx, y: at.biasY, "font-size": font - 1 }, pic);

    // training images wrong after each epoch (beside the weights; under them on a phone)
    const chart = svg("g", { class: "pl-chart" }, pic);
    const lines = at.chartTitle.lines;
    writeLines(svg("text", { x: at.chartTitle.x, y: py - 6 - (lines.length - 1) * (font + 4),
                             "text-anchor": "middle", "font-size": font, "aria-hidden": "true" },
                   chart), lines, font + 4);
    axes = svg("g", { "aria-hidden": "true" }, chart);
    bars = svg("g", {}, chart);
    pocketMark = svg("g", { "aria-hidden": "true" }, chart);
    svg("text", { "text-anchor": "middle", "font-size": font - 1, y: -font - 2 }, pocketMark)
      .textContent = "pocket";
    svg("text", { "text-anchor": "middle", "font-size": font - 1 }, pocketMark).textContent = "▼";
    svg("text", { x: px + pw / 2, y: py + ph + 2 * font + 4, "text-anchor": "middle",
                  "font-size": font, "aria-hidden": "true" }, chart).textContent = "epoch";
    builtFor = null;
  }

  let builtFor = null, top_ = 1;
  function drawAxesFor(r) {
    const { px, pw, py, ph } = at;
    axes.replaceChildren();
    top_ = Math.max(1, ...r.wrong_train.slice(1));
    for (const t of niceTicks(0, top_, 4, true)) {
      const y = py + ph - (t / top_) * ph;
      svg("line", { x1: px, x2: px + pw, y1: y, y2: y, stroke: look.colors.grid }, axes);
      svg("text", { x: px - 4, y: y + font / 3, "text-anchor": "end", "font-size": font - 2 }, axes)
        .textContent = fmt(t);
    }
    for (const t of niceTicks(1, r.epochs, 6, true).filter((t) => t >= 1)) {
      svg("text", { x: px + (t - 0.5) * (pw / r.epochs), y: py + ph + font + 2, "text-anchor": "middle",
                    "font-size": font - 2 }, axes).textContent = String(t);
    }
    svg("rect", { x: px, y: py, width: pw, height: ph, fill: "none", stroke: look.colors.text }, axes);
  }

  function drawImage(letters, holder, label) {
    const s = 5, g = svg("svg", { width: 8 * s + 2, height: 8 * s + 2, role: "img", "aria-label": label,
                                   viewBox: `-1 -1 ${8 * s + 2} ${8 * s + 2}` }, holder);
    svg("rect", { x: -0.5, y: -0.5, width: 8 * s + 1, height: 8 * s + 1, fill: "none",
                  stroke: look.colors.grid }, g);
    for (let k = 0; k < 64; k++) {
      const v = LEVEL.indexOf(letters[k]);
      if (v > 0) svg("rect", { x: (k % 8) * s, y: Math.floor(k / 8) * s, width: s, height: s,
                              fill: look.colors.text, "fill-opacity": (v / 16).toFixed(3) }, g);
    }
  }

  // the same words as digits.readout and digits.status
  function words(r, e, usePocket) {
    const shown = usePocket ? r.pocket[e] : e;
    const whose = usePocket ? `Pocket weights (from epoch ${shown}) after epoch ${e}`
      : e === 0 ? "At the start, all weights 0" : `After epoch ${e}`;
    return `${whose}: ${r.wrong_train[shown]} of ${r.n_train} training images wrong, ` +
           `${r.wrong_test[shown]} of ${r.n_test} test images wrong.`;
  }
  function story(r, e) {
    const others = r.against === "rest" ? "every other digit" : a(r.against);
    const s = r.solved_epoch;
    if (s !== null && e >= s) {
      const group = r.against === "rest" ? "other digits" : `${r.against}s`;
      return `✔ From epoch ${s} on, no training image is wrong: the ${r.digit}s and the ${group} ` +
             "of the training set lie on two sides of one hyperplane. The test images are new " +
             "to it; some may still be wrong.";
    }
    if (e < r.epochs) {
      return `Learning: the neuron should fire for ${a(r.digit)} and stay silent for ${others}.`;
    }
    const p = r.pocket[e];
    return `After ${e} epochs, ${r.wrong_train[e]} training images are still wrong and the rule ` +
           `keeps changing the weights. The pocket holds the best seen: those of epoch ${p}, ` +
           `${r.wrong_train[p]} wrong.`;
  }

  function show(e) {
    const r = run();
    if (!r) return;             // halfway through a swap of the two menus: no such task
    if (builtFor !== key()) { drawAxesFor(r); builtFor = key(); fillMenus(r); }
    const usePocket = model.get("pocket");
    const shown = usePocket ? r.pocket[e] : e;
    const name = `${r.digit} or ${r.against === "rest" ? "another digit" : r.against}?`;
    const heading = `${name} ${usePocket ? "Pocket weights" : "Weights"} of epoch ${shown}`;
    if (at.titleLines > 1) writeLines(title, wrapWords(heading, W_PX - 8, font + 2), font + 6);
    else title.textContent = heading;
    titleNode.textContent = name;
    const letters = r.w[shown];
    cells.forEach((c, k) => {
      const v = LEVEL.indexOf(letters[k]) - 9;
      c.setAttribute("fill", v > 0 ? look.colors.class1 : look.colors.class0);
      c.setAttribute("fill-opacity", (Math.abs(v) / 9).toFixed(3));
    });
    // (on a narrow screen the largest weight goes to the last line, which has room)
    const largest = `largest weight ${r.w_max[shown]}`;
    keyYes.textContent = `ink here says ${r.digit}` + (fit.narrow ? "" : ` (${largest})`);
    keyNo.textContent = `ink here says ${other(r)}`;
    biasText.textContent = `bias b = ${r.b[shown]}` + (fit.narrow ? `, ${largest}` : "");
    bars.replaceChildren();
    const { px, pw, py, ph } = at, bw = pw / r.epochs;
    for (let k = 1; k <= e; k++) {
      const h = (r.wrong_train[k] / top_) * ph;
      svg("rect", { x: px + (k - 1) * bw + bw * 0.15, y: py + ph - h, width: bw * 0.7, height: h,
                    fill: k === e ? look.colors.bar_now : look.colors.bar, stroke: look.colors.edge,
                    "stroke-width": 0.5 }, bars);
    }
    const p = r.pocket[e];
    pocketMark.setAttribute("visibility", p > 0 ? "visible" : "hidden");
    pocketMark.setAttribute("transform", `translate(${px + (p - 0.5) * bw},${py + ph - (r.wrong_train[p] / top_) * ph - 3})`);
    readout.textContent = words(r, e, usePocket);
    status.textContent = story(r, e);
    descNode.textContent = `${readout.textContent} ${status.textContent}`;
    pic.setAttribute("aria-label", `${name} ${readout.textContent}`);
    // the test images these weights get wrong
    const wrong = r.missed[shown], n = r.wrong_test[shown];
    missedHead.textContent = n === 0 ? "No test image is wrong with these weights."
      : `Test images these weights get wrong: ${n}` + (n > wrong.length ? ` (the first ${wrong.length})` : "");
    missed.replaceChildren();
    const images = model.get("images"), truth = model.get("test_target");
    for (const k of wrong) {
      const item = html("div", { class: "pl-missed-item", role: "listitem" }, missed);
      const t = truth[k];
      const said = t === r.digit ? (r.against === "rest" ? "not " + a(r.digit) : a(r.against)) : a(r.digit);
      drawImage(images[k], item, `${a(t)}, taken for ${said}`);
      html("div", { "aria-hidden": "true" }, item, `${t}→${t === r.digit && r.against === "rest" ? "not " + t : said.slice(-1)}`);
    }
    slider.max = String(r.epochs);
    slider.value = String(e);
    slider.setAttribute("aria-valuetext", `epoch ${e} of ${r.epochs}`);
    speed.value = String(model.get("speed"));
    pocketB.setAttribute("aria-pressed", String(usePocket));
  }

  function fillMenus(r) {
    digitM.value = String(r.digit);
    againstM.replaceChildren();
    for (let k = 0; k < 10; k++) {
      if (k !== r.digit) html("option", { value: String(k) }, againstM, String(k));
    }
    html("option", { value: "rest" }, againstM, "every other digit");
    againstM.value = String(r.against);
  }

  // -- the drawing pad: draw a digit, and the ten one-vs-rest perceptrons read it ---------------
  const pad = drawingPad(root, look, model.get("runs"), a);

  const stepper = makeStepper({
    model, root, ui: { startB, backB, stepB, endB, playB, speed, slider, readout, status },
    last: () => run().epochs, maxPosition: () => run().epochs, show });
  stepper.position = model.get("position");
  digitM.addEventListener("change", () => {
    const d = parseInt(digitM.value, 10), old = model.get("digit");
    if (model.get("against") === d) model.set("against", old);     // the two swap places
    model.set("digit", d);
    model.save_changes();
  });
  againstM.addEventListener("change", () => {
    model.set("against", againstM.value === "rest" ? "rest" : parseInt(againstM.value, 10));
    model.save_changes();
  });
  pocketB.addEventListener("click", () => { model.set("pocket", !model.get("pocket")); model.save_changes(); });
  drawB.addEventListener("click", () => {
    const on = drawB.getAttribute("aria-pressed") !== "true";
    drawB.setAttribute("aria-pressed", String(on));
    root.classList.toggle("pl-drawing", on);
  });
  for (const name of ["digit", "against", "pocket", "speed"]) {
    model.on(`change:${name}`, () => show(stepper.position));
  }
  const fit = fitWidth(root, look.size.width, () => { build(); show(stepper.position); });
  build();
  show(stepper.position);
  return () => { fit.stop(); stepper.stop(); pad.stop(); };
}

// The pad, its 8 x 8 reduction, the ten z as bars and the verdict, under the explorer. The
// weights are the "k-rest" runs' W16: no kernel is asked. a(n) writes "a 3", "an 8".
function drawingPad(root, look, runs, a) {
  const font = look.size.font, padPx = Math.round(look.size.width * 0.32);
  const cell = Math.round(padPx / 16), rowH = font + 9;
  const W16 = [];
  for (let k = 0; k < 10; k++) {
    const r = runs && runs[`${k}-rest`];
    if (r && Array.isArray(r.W16) && r.W16.length === 65) W16.push(r.W16);
  }
  const box = html("div", { class: "pl-draw" }, root);
  html("div", { class: "pl-draw-head" }, box,
       "Draw a digit, large, filling the pad. Ten perceptrons read it as you draw: each says " +
       "one digit against all the others (its pocket weights after 30 epochs), and the " +
       "largest z wins.");
  // the verdict above the pad, where it stays in sight while a finger draws on a phone
  const verdictNode = html("div", { class: "pl-verdict", role: "status", "aria-live": "polite" }, box);
  const row = html("div", { class: "pl-draw-row" }, box);

  // the pad: 32 x 32 pixels, the 4 x 4 blocks that are counted marked faintly
  const padBox = html("div", { class: "pl-draw-part" }, row);
  const padPic = svg("svg", { class: "pl-pad", role: "img", width: padPx, height: padPx,
                              viewBox: `0 0 ${PAD} ${PAD}`, "shape-rendering": "crispEdges",
                              "aria-label": "drawing pad of 32 by 32 pixels: draw a digit on it " +
                                            "with the mouse, a pen or a finger" }, padBox);
  padPic.style.width = `${padPx}px`;
  svg("rect", { x: 0, y: 0, width: PAD, height: PAD, fill: look.colors.background }, padPic);
  const ink = svg("g", { fill: look.colors.text, class: "pl-ink" }, padPic);
  const lines = svg("g", { stroke: look.colors.grid, "stroke-width": 0.15 }, padPic);
  for (let k = BLOCK; k < PAD; k += BLOCK) {
    svg("line", { x1: k, x2: k, y1: 0, y2: PAD }, lines);
    svg("line", { x1: 0, x2: PAD, y1: k, y2: k }, lines);
  }
  svg("rect", { x: 0.1, y: 0.1, width: PAD - 0.2, height: PAD - 0.2, fill: "none",
                stroke: look.colors.text, "stroke-width": 0.2 }, padPic);
  const clearB = button(html("div", { class: "pl-row" }, padBox), "clear", "clear the drawing pad",
                        "✕");

  // what the perceptrons see: the 64 counts, in the grey of the digit images above
  const seenBox = html("div", { class: "pl-draw-part" }, row);
  html("div", { class: "pl-draw-caption" }, seenBox, "what they see, 8 × 8");
  const seen = svg("svg", { class: "pl-seen", role: "img", width: 8 * cell + 2, height: 8 * cell + 2,
                            viewBox: `-1 -1 ${8 * cell + 2} ${8 * cell + 2}` }, seenBox);
  svg("rect", { x: -0.5, y: -0.5, width: 8 * cell + 1, height: 8 * cell + 1, fill: "none",
                stroke: look.colors.grid }, seen);
  const seenCells = [];
  for (let k = 0; k < 64; k++) {
    seenCells.push(svg("rect", { x: (k % 8) * cell, y: Math.floor(k / 8) * cell, width: cell,
                                 height: cell, fill: look.colors.text, "fill-opacity": "0" }, seen));
  }

  // z of the ten perceptrons, a bar each from z = 0
  const zBox = html("div", { class: "pl-draw-part" }, row);
  html("div", { class: "pl-draw-caption" }, zBox, "z of each digit's perceptron");
  const zW = Math.round(look.size.width * 0.28), zH = 10 * rowH + 4;
  const zPic = svg("svg", { class: "pl-z", role: "img", width: zW, height: zH,
                            viewBox: `0 0 ${zW} ${zH}` }, zBox);

  const pixels = new Array(PAD * PAD).fill(0);
  const EMPTY = "Draw a digit on the pad: the ten perceptrons will say which digit they read.";

  function bars(z, verdict) {
    zPic.replaceChildren();
    const x0 = 2 * font, x1 = zW - 4.2 * font;       // the bars' room; the numbers at the right
    const lo = Math.min(0, ...(z || [0])), hi = Math.max(0, ...(z || [0]));
    const span = hi - lo || 1, at = (v) => x0 + ((v - lo) / span) * (x1 - x0);
    for (let k = 0; k < 10; k++) {
      const y = 2 + k * rowH, mid = y + rowH / 2;
      const strong = k === verdict ? { "font-weight": "bold" } : {};
      svg("text", { x: font * 0.6, y: mid + font / 3, "font-size": font, ...strong }, zPic)
        .textContent = String(k);
      if (!z) continue;
      const a0 = Math.min(at(0), at(z[k])), a1 = Math.max(at(0), at(z[k]));
      svg("rect", { x: a0, y: y + 2, width: Math.max(a1 - a0, 0.5), height: rowH - 4,
                    fill: k === verdict ? look.colors.bar_now : look.colors.bar,
                    stroke: look.colors.edge, "stroke-width": 0.5 }, zPic);
      svg("text", { x: zW - 2, y: mid + font / 3, "text-anchor": "end", "font-size": font, ...strong },
          zPic).textContent = fmt(z[k]);
    }
    if (z) svg("line", { x1: at(0), x2: at(0), y1: 0, y2: zH, stroke: look.colors.text }, zPic);
    zPic.setAttribute("aria-label", z ? "z of the perceptrons for 0 to 9: " +
                      z.map((v, k) => `${k}: ${fmt(v)}`).join(", ") : "no z yet: nothing drawn");
  }

  function read() {
    const counts = reduceDrawing(pixels);
    seenCells.forEach((c, k) => c.setAttribute("fill-opacity", (counts[k] / 16).toFixed(3)));
    seen.setAttribute("aria-label", "the drawing reduced to 8 by 8 pixels, ink counts row by row: " +
                      counts.join(" "));
    seen.dataset.counts = counts.join(",");
    if (W16.length !== 10) {
      bars(null, null);
      verdictNode.textContent = "The ten perceptrons' weights are missing from this explorer: " +
                                "run its cell again to read drawings.";
      return;
    }
    const { z, verdict } = drawVerdict(counts, W16);
    bars(verdict === null ? null : z, verdict);
    if (verdict === null) { verdictNode.textContent = EMPTY; return; }
    const none = z[verdict] < 0 ? " (No perceptron fires: every z is below 0.)" : "";
    verdictNode.textContent = `They read ${a(verdict)}: the ${verdict}'s perceptron gives ` +
                              `the largest z, ${fmt(z[verdict])}.${none}`;
  }

  // drawing: the pointer's path, in pixels; the reading follows once per frame
  let pen = null, last = null, frame = null;
  const where = (ev) => {
    const r = padPic.getBoundingClientRect();
    const clamp = (v) => Math.max(0, Math.min(PAD, v));
    return [clamp(((ev.clientX - r.left) / (r.width || 1)) * PAD),
            clamp(((ev.clientY - r.top) / (r.height || 1)) * PAD)];
  };
  function strokeTo(p) {
    for (const k of penStroke(pixels, last[0], last[1], p[0], p[1])) {
      svg("rect", { x: k % PAD, y: Math.floor(k / PAD), width: 1, height: 1 }, ink);
    }
    last = p;
    if (frame === null) frame = requestAnimationFrame(() => { frame = null; read(); });
  }
  padPic.addEventListener("pointerdown", (ev) => {
    if (ev.pointerType === "mouse" && ev.button !== 0) return;
    ev.preventDefault();
    try { padPic.setPointerCapture(ev.pointerId); } catch (err) { /* already gone */ }
    pen = ev.pointerId;
    last = where(ev);
    strokeTo(last);
  });
  padPic.addEventListener("pointermove", (ev) => {
    if (ev.pointerId !== pen) return;
    const all = typeof ev.getCoalescedEvents === "function" ? ev.getCoalescedEvents() : [];
    for (const e of all.length ? all : [ev]) strokeTo(where(e));
  });
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    padPic.addEventListener(type, (ev) => { if (ev.pointerId === pen) pen = null; });
  }
  clearB.addEventListener("click", () => {
    pixels.fill(0);
    ink.replaceChildren();
    pen = null;
    read();
  });
  read();
  return { stop: () => { if (frame !== null) cancelAnimationFrame(frame); } };
}

const DIGITS_CSS = `
.pl-digits .pl-missed { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
.pl-digits .pl-missed-item { display: flex; flex-direction: column; align-items: center; font-size: 0.8em; }
.pl-digits .pl-missed-item svg { display: block; }
.pl-digits .pl-draw { margin-top: 12px; border-top: 1px solid var(--pl-grid); padding-top: 8px; }
.pl-digits:not(.pl-drawing) > .pl-draw { display: none; }
.pl-digits.pl-drawing > :not(.pl-row:first-of-type):not(.pl-draw):not(style) { display: none; }
.pl-digits .pl-draw-row { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: flex-start; margin: 6px 0; }
.pl-digits .pl-draw-part { max-width: 100%; }
.pl-digits .pl-draw-caption { font-size: 0.85em; margin-bottom: 4px; }
.pl-digits .pl-pad { touch-action: none; user-select: none; -webkit-user-select: none; cursor: crosshair; }
.pl-digits .pl-verdict { min-height: 2.6em; font-weight: bold; margin: 4px 0; }
.pl-digits.pl-narrow .pl-verdict { min-height: 4em; }
`;

export default { render };
