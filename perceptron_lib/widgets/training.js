// The training explorer's view: the whole run arrives once (model "run"); stepping, going
// back, scrubbing, playing, keys and the table of visits all happen here, in one frame,
// with or without a kernel. The kernel is asked only to retrain (data, learning rate, order of
// the visits, start weights, points).

/**
 * The run, as training_run.build_run makes it (its RUN_FIELDS list the same fields).
 * Frames: positions 0..stepped one per visit, then one per epoch end (see frameOf).
 * @typedef {Object} Run
 * @property {string} title @property {number[]} xlim @property {number[]} ylim
 * @property {number[][]} X @property {number[]} d @property {string} dataset
 * @property {number} lr @property {string} x_label @property {string} y_label
 * @property {string[]} class_names @property {boolean} has_history
 * @property {boolean} shuffle  visited in a new random order every epoch
 * @property {?number[]} W0      the start weights [b, w1, w2] set (null: zeros)
 * @property {number} n          the last position shown (visits done)
 * @property {number} stepped    positions up to here go visit by visit
 * @property {number} n_epochs   @property {number} n_epochs_shown
 * @property {number[][]} W      one per frame  @property {string[]} W_text  one per frame
 * @property {string[]} readout  one per frame
 * @property {number[]} sample   @property {number[]} e   @property {string[][]} rows
 * @property {(number|string)[]} z  one per visit, the first `stepped`; "inf" or "-inf" where
 *                                W.x overflowed (JSON has no infinity)
 * @property {number[]} cum      updates after each position up to `stepped`
 * @property {number[]} epoch_ends  the position after each epoch shown
 * @property {number[]} mistakes @property {number} max_mistakes
 * @property {string[]} readout_epoch  @property {Array} status  [position, text] at each change
 * @property {string} thinned    what a long run leaves out ("" when nothing)
 */
// The table of visits as a CSV file, as TrainingHistory.to_csv writes it (the same columns,
// numbers as Python writes them, lines ending in CRLF): the visits the run has one by one.
const CSV_COLUMNS = ["step", "epoch", "sample", "x1", "x2", "z", "y", "d", "e", "w0_before",
                     "w1_before", "w2_before", "w0_after", "w1_after", "w2_after"];
function visitsCsv(run) {
  const lines = [CSV_COLUMNS.join(",")];
  for (let k = 0; k < run.stepped; k++) {
    const i = run.sample[k], [epoch, , , , y, d] = run.rows[k];
    lines.push([String(k + 1), epoch, String(i), pyFloat(run.X[i][0]), pyFloat(run.X[i][1]),
                pyFloat(run.z[k]), y, d, String(run.e[k]), ...run.W[k].map(pyFloat),
                ...run.W[k + 1].map(pyFloat)].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// Predict mode's words: the same sentences as training_run.guess_outcome and
// training_run.update_outcome, from the same run. p: the visit guessed (visits done before it).
function guessOutcome(run, p, fires) {
  const [, x1, x2, z, y, d, e] = run.rows[p];
  const right = (y === "1") === fires;
  const did = y === "1" ? "fires (output 1)" : "stays silent (output 0)";
  const why = `z = ${z}, ` + (y === "1" ? "and step(z) = 1 when z ≥ 0" : "below 0");
  const then = e === "+0" ? "no change"
    : `it should have ${d === "1" ? "fired" : "stayed silent"}, so e = ${e}: an update`;
  return [right, `${right ? "✔ Right" : "✘ Not this time"}: at x = (${x1}, ${x2}) the ` +
                 `neuron ${did}, since ${why}; ${then}.`];
}
// The second question at a mistake: which way does the update move W? (towards: true for
// "w towards x, b up", as the first of UPDATE_CHOICES)
const UPDATE_CHOICES = ["w towards x, b up", "w away from x, b down"];
function updateOutcome(run, p, towards) {
  const [, x1, x2, , y, d, e] = run.rows[p];
  const excite = e === "+1";
  const right = excite === towards;
  const zero = (v) => v === "0" || v === "-0";
  const w = zero(x1) && zero(x2) ? "w stays, as x = (0, 0)"
    : (excite ? "w moves towards x" : "w moves away from x");
  const how = excite ? `b goes up and ${w}: excite` : `b goes down and ${w}: inhibit`;
  return [right, `${right ? "✔ Right" : "✘ Not this time"}: e = d − y = ${d} − ${y} = ${e}, ` +
                 `so W ← W + ${fmt(run.lr)}·(${e})·[1, ${x1}, ${x2}]; ${how}, and z at this x ` +
                 `goes ${excite ? "up" : "down"}, towards the right answer; now W = ` +
                 `${run.W_text[p + 1]}.`];
}

// The start weights as the "start W" box shows them: each number's shortest decimal (the
// one Python's repr writes), "" for zeros by default.
function startText(W0) {
  return Array.isArray(W0) ? W0.map((v) => String(v)).join(", ") : "";
}

function render({ model, el }) {
  const look = model.get("look");
  // the picture's size and look: as designed, or redrawn to fit a narrow screen (layout())
  let W_PX = look.size.width, H_PX = look.size.height, font = look.size.font, lk = look;
  const root = explorerRoot(el, look, "training", "training explorer: arrow keys step, Home and " +
                           "End jump, space plays");

  // -- controls that retrain (they need the kernel) ----------------------------------------
  const top = html("div", { class: "pl-row" }, root);
  const dataset = html("select", {});
  labelled(top, "data", dataset);
  for (const name of model.get("datasets")) html("option", { value: name }, dataset, name);
  const lr = html("select", {});
  labelled(top, "learning rate", lr);
  const shuffleB = button(top, "shuffle", "visit the samples in a new random order every epoch");
  const startBox = html("input", { type: "text", size: "12", spellcheck: "false",
                                   placeholder: "b, w1, w2", autocomplete: "off" });
  labelled(top, "start W", startBox);
  const useStartB = button(top, "use", "train from the start weights typed: b, w1, w2 (Enter); " +
                        "empty or 0 for zeros");
  const perSample = button(top, "per sample", "step one visit at a time");
  const perEpoch = button(top, "per epoch", "step one whole epoch at a time");

  // -- the picture and the stepping controls ----------------------------------------------------
  const { pic, titleNode, descNode, startB, backB, stepB, endB, playB, speed, slider,
          sliderLabel, readout, status, note } = stepperLayout(root, W_PX, H_PX, {
    start: "back to the start (Home)", back: "one step back (←)", step: "one step forward (→)",
    end: "jump to the end (End)", speed: "steps/s", fastest: 20, slider: "visit" });

  // -- predict mode: guess the next visit before it is shown ----------------------------------
  const guessRow = html("div", { class: "pl-row pl-predict" }, root);
  const guessQ = html("span", {}, guessRow);
  const firesB = button(guessRow, "fires", "guess: the neuron fires at the next visit");
  const silentB = button(guessRow, "stays silent", "guess: the neuron stays silent at the next visit");
  const towardsB = button(guessRow, UPDATE_CHOICES[0],
                          "guess: the update excites, so w moves towards x and b goes up");
  const awayB = button(guessRow, UPDATE_CHOICES[1],
                       "guess: the update inhibits, so w moves away from x and b goes down");
  const scoreOut = html("span", { class: "pl-score" }, guessRow);

  // -- custom points -------------------------------------------------------------------------
  const custom = html("div", { class: "pl-custom" }, root);
  html("div", {}, custom, "Click on the picture to add points of the chosen class, or type them " +
       "below (one per line: x1, x2, class) and press “use these points”.");
  const crow = html("div", { class: "pl-row" }, custom);
  html("span", {}, crow, "clicks add");
  const cls0 = button(crow, "class 0 ●", "clicks add class 0 points");
  const cls1 = button(crow, "class 1 ▲", "clicks add class 1 points");
  const undoB = button(crow, "undo", "remove the last point added");
  const clearB = button(crow, "clear", "remove every point");
  const trow = html("div", { class: "pl-row" }, custom);
  const text = html("textarea", { rows: "5", cols: "32",
                                  placeholder: "one point per line: x1, x2, class   e.g.  0.5, 1.2, 1" });
  labelled(trow, "points", text);
  const applyB = button(trow, "use these points", "train on the points in the box");

  const bottom = html("div", { class: "pl-row" }, root);
  const tableB = button(bottom, "table of visits", "show the visits so far as a table");
  const site = siteRuns(model);             // on the course's web pages: runs made in advance
  const csvB = button(bottom, "save CSV", site ? "save every visit to a CSV file (your downloads)"
                                               : "save every visit to a CSV file next to the notebook");
  const table = html("div", { class: "pl-table" }, root);

  // -- drawing ---------------------------------------------------------------------------------
  let run = null, sc = null, decision = null, ring = null, noteText = null, bars = null,
      panel = null;

  // Where the plot, the legend and the mistakes panel go: as designed (legend and mistakes
  // at the right), or on a narrow screen the plot as wide as the screen with the legend and
  // the mistakes under it, words as large as on a wide screen.
  function layout() {
    if (!fit.narrow) {
      W_PX = look.size.width; H_PX = look.size.height; lk = look; font = look.size.font;
      // the mistakes panel under the legend (its rows are font + 6 high), however large the
      // words are for the height
      const legend = { x: 0.68 * W_PX, y: 0.08 * H_PX, columns: 1, width: 0 };
      const below = legend.y + LEGEND_ROWS * (font + 6) + 2 * font;
      const panel = { x: 0.74 * W_PX, y: Math.max(0.66 * H_PX, below), w: 0.23 * W_PX,
                      h: 0.18 * H_PX };
      H_PX = Math.max(H_PX, Math.round(panel.y + panel.h + 2 * font + 8));
      return { plot: { x: 0.09 * W_PX, y: 0.08 * H_PX, w: 0.52 * W_PX, h: 0.76 * H_PX },
               legend, panel };
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const left = 3.8 * font, side = W_PX - left - font;
    const aspect = (run.ylim[1] / 2 - run.ylim[0] / 2) / (run.xlim[1] / 2 - run.xlim[0] / 2);
    const plot = { x: left, y: font + 12, w: side,
                   h: side * (aspect > 0 && aspect < 1.2 ? aspect : (aspect >= 1.2 ? 1.2 : 1)) };
    const columns = W_PX >= 440 ? 2 : 1, rows = Math.ceil(LEGEND_ROWS / columns);
    const legend = { x: 4, y: plot.y + plot.h + 3 * font + 10, columns,
                     width: (W_PX - 8) / columns };
    const panel = { x: left, y: legend.y + rows * (font + 6) + font + 6, w: side,
                    h: Math.max(50, 0.16 * W_PX) };
    H_PX = panel.y + panel.h + font + 8;
    return { plot, legend, panel };
  }
  const LEGEND_ROWS = 10;

  function build() {
    run = model.get("run");
    const at = layout();
    const defs = clearPicture(pic, descNode, W_PX, H_PX, lk);
    titleNode.textContent = run.title;
    sc = makeScale(run.xlim, run.ylim, at.plot);
    drawAxes(pic, sc, lk, run.x_label, run.y_label, run.title, fit.narrow ? 5 : 6);
    decision = makeDecision(svg("g", {}, pic), sc, lk);
    const r = Math.sqrt(lk.size.marker) / 2;
    // points outside a fixed view are cut off at the plot's edge, not drawn over the legend
    const clip = "pl-clip-" + Math.random().toString(36).slice(2, 10);
    svg("rect", { x: sc.left, y: sc.top, width: sc.w, height: sc.h },
        svg("clipPath", { id: clip }, defs));
    const dots = svg("g", { class: "pl-points", "clip-path": `url(#${clip})` }, pic);
    run.X.forEach(([x, y], i) => {
      const px = sc.px(x), py = sc.py(y);
      if (isFinite(px) && isFinite(py)) marker(dots, run.d[i], px, py, r, lk);
    });
    ring = svg("circle", { r: r * 1.9, fill: "none", stroke: look.colors.line, "stroke-width": 2.5,
                           class: "pl-ring", visibility: "hidden", "clip-path": `url(#${clip})` }, pic);
    const box = svg("g", { class: "pl-corner-note" }, pic);
    const noteBg = svg("rect", { x: sc.left + 4, y: sc.top + 4, rx: 3, fill: lk.colors.background,
                                 "fill-opacity": 0.85, stroke: look.colors.w_old }, box);
    noteText = svg("text", { x: sc.left + 10, y: sc.top + 4 + font, "font-size": font - 1 }, box);
    noteText.bg = noteBg;
    const legend = [
      { kind: "marker", cls: 0, label: run.class_names[0] },
      { kind: "marker", cls: 1, label: run.class_names[1] },
      { kind: "line", color: look.colors.line, label: "decision line" },
      { kind: "shade", label: "predicts 1 (z ≥ 0)" },
      { kind: "line", color: look.colors.line, width: look.arrow.width, head: "line",
        label: "w = (w1, w2)" },
      { kind: "line", color: look.colors.old, width: look.line.old_width,
        dash: look.line.old_dash.join(" "), label: "line before the update" },
      { kind: "line", color: look.colors.w_old, width: look.arrow.width, head: "w_old",
        label: "w before the update" },
      { kind: "line", color: look.colors.excite, width: look.arrow.width, head: "excite",
        label: "update: excite (e = +1)" },
      { kind: "line", color: look.colors.inhibit, width: look.arrow.width, head: "inhibit",
        label: "update: inhibit (e = −1)" },
      { kind: "pointer", label: "the line is this way (outside)" },
    ];
    const perColumn = Math.ceil(legend.length / at.legend.columns);
    for (let c = 0; c < at.legend.columns; c++) {
      drawLegend(pic, at.legend.x + c * at.legend.width, at.legend.y,
                 legend.slice(c * perColumn, (c + 1) * perColumn), lk);
    }
    // mistakes per epoch
    panel = at.panel;
    const pg = svg("g", { class: "pl-mistakes", "aria-hidden": "true" }, pic);
    svg("rect", { x: panel.x, y: panel.y, width: panel.w, height: panel.h, fill: "none",
                  stroke: look.colors.text }, pg);
    svg("text", { x: panel.x + panel.w / 2, y: panel.y - 5, "text-anchor": "middle",
                  "font-size": font - 1 }, pg).textContent = "mistakes per epoch";
    svg("text", { x: panel.x + panel.w / 2, y: panel.y + panel.h + font + 2, "text-anchor": "middle",
                  "font-size": font - 2 }, pg).textContent = `epoch 1 to ${run.n_epochs_shown}`;
    svg("text", { x: panel.x - 4, y: panel.y + font / 3, "text-anchor": "end",
                  "font-size": font - 2 }, pg).textContent = String(run.max_mistakes);
    svg("text", { x: panel.x - 4, y: panel.y + panel.h, "text-anchor": "end",
                  "font-size": font - 2 }, pg).textContent = "0";
    bars = svg("g", {}, pg);
    // controls
    dataset.value = model.get("dataset");
    lr.replaceChildren();
    for (const v of model.get("lr_options")) html("option", { value: String(v) }, lr, fmt(v));
    lr.value = String(model.get("lr"));
    custom.classList.toggle("pl-hidden", model.get("dataset") !== "custom");
    text.value = model.get("points_text");
    // the menus and the model say what this run was trained with (a run that arrives late,
    // after the view gave up waiting, puts them right again)
    model.set("dataset", run.dataset);
    model.set("lr", run.lr);
    showStarts(true);
    stepper.position = model.get("position");
    show();
  }

  const perEpochOn = () => model.get("per_epoch");
  const sliderMax = () => (perEpochOn() ? run.n_epochs : run.stepped);
  const epochOf = (p) => {             // epoch of the last visit done; 0 at the start
    let k = 0;
    while (k < run.epoch_ends.length && run.epoch_ends[k] < p) k++;
    return p === 0 ? 0 : k + 1;
  };
  const epochsDone = (p) => run.epoch_ends.filter((e) => e <= p).length;
  const sliderOf = (p) => (perEpochOn() ? epochsDone(p) : p);
  const positionOf = (k) => (perEpochOn() ? (k === 0 ? 0 : run.epoch_ends[k - 1]) : k);
  // index of a position in W, W_text and readout: itself up to `stepped`, then epoch ends
  const frameOf = (p) => (p <= run.stepped ? p
    : run.stepped + run.epoch_ends.filter((e) => e > run.stepped && e <= p).length);

  function show() {
    const p = stepper.position, pe = perEpochOn();
    const W = run.W[frameOf(p)];
    const epoch = epochOf(p);
    const start = epoch === 0 ? 0 : (epoch === 1 ? 0 : run.epoch_ends[epoch - 2]);
    let drawn;
    if (p === 0 || !run.has_history) {
      drawn = decision.show(W);
      ring.setAttribute("visibility", "hidden");
    } else if (pe || p > run.stepped) {      // a whole epoch (past `stepped` only those)
      drawn = decision.show(W, run.W[frameOf(start)], 0);
      ring.setAttribute("visibility", "hidden");
    } else {
      const i = run.sample[p - 1];
      drawn = decision.show(W, run.W[p - 1], run.e[p - 1]);
      ring.setAttribute("cx", sc.px(run.X[i][0]));
      ring.setAttribute("cy", sc.py(run.X[i][1]));
      ring.setAttribute("visibility", "visible");
    }
    // the note in the corner
    noteText.replaceChildren();
    cornerNote(p, pe).split("\n").forEach((line, k) => {
      const t = svg("tspan", { x: sc.left + 10, dy: k === 0 ? 0 : font + 2 }, noteText);
      t.textContent = line;
    });
    const bb = noteText.getBBox ? noteText.getBBox() : { width: 120, height: 30 };
    noteText.bg.setAttribute("width", bb.width + 12);
    noteText.bg.setAttribute("height", bb.height + 8);
    // mistakes per epoch: full bars for finished epochs, the current one as far as it got
    bars.replaceChildren();
    // (a long run: one bar per group of epochs, as tall as the group's most mistakes)
    const shown = run.n_epochs_shown, group = Math.ceil(shown / 200);
    const bw = panel.w / Math.ceil(shown / group);
    const top = Math.max(run.max_mistakes, 1);
    for (let g = 0; g * group < Math.min(epoch, shown); g++) {
      let c = 0;
      for (let k = g * group + 1; k <= Math.min((g + 1) * group, epoch, shown); k++) {
        const full = k < epoch || pe || run.epoch_ends[k - 1] <= p;
        c = Math.max(c, full ? run.mistakes[k - 1] : run.cum[p] - run.cum[start]);
      }
      const h = (c / top) * panel.h;
      const now = epoch > g * group && epoch <= (g + 1) * group;
      svg("rect", { x: panel.x + g * bw + bw * 0.15, y: panel.y + panel.h - h,
                    width: bw * 0.7, height: h, stroke: look.colors.edge, "stroke-width": 0.5,
                    fill: now ? look.colors.bar_now : look.colors.bar }, bars);
    }
    // words
    readout.textContent = pe ? run.readout_epoch[sliderOf(p)] : run.readout[frameOf(p)];
    status.textContent = [statusAt(p), run.thinned].filter(Boolean).join(" ");
    descNode.textContent = `${readout.textContent} ${status.textContent}` +
      (drawn.line ? "" : " (No decision line inside the picture.)");
    pic.setAttribute("aria-label", `${run.title}: ${readout.textContent}`);
    // controls
    slider.max = String(Math.max(sliderMax(), 0));
    slider.value = String(sliderOf(p));
    slider.disabled = !run.has_history;
    slider.setAttribute("aria-valuetext", pe ? `epoch ${sliderOf(p)} of ${run.n_epochs}`
                                             : `visit ${p} of ${run.n}`);
    sliderLabel.textContent = pe ? "epoch" : "visit";
    perSample.setAttribute("aria-pressed", String(!pe));
    perEpoch.setAttribute("aria-pressed", String(pe));
    const cls = model.get("click_class");
    cls0.setAttribute("aria-pressed", String(cls === 0));
    cls1.setAttribute("aria-pressed", String(cls === 1));
    tableB.setAttribute("aria-pressed", String(model.get("show_table")));
    speed.value = String(model.get("speed"));
    const parts = localNote ? localNote.parts : [model.get("message")].filter(Boolean);
    // "✔" (a file saved, a right guess) and "✘" (a wrong guess) are notes, not warnings
    const alert = localNote ? localNote.alert
      : parts.length > 0 && !/^[✔✘]/.test(parts[0]);
    writeNote(note, alert ? ["⚠ ", ...parts] : parts, alert);
    drawTable();
    // moving on (or back) without answering drops predict mode's update question
    const q = model.get("update_question");
    if (typeof q === "number" && q >= 0 && !asking(p, pe)) {
      model.set("update_question", -1);
      model.save_changes();
    }
    showGuess(p, pe);
  }

  // Predict mode: guess whether the neuron fires at the next visit; at a mistake, then which
  // way the update moves W (the visit is shown after that).
  const asking = (p, pe) => !pe && run.has_history && p < run.stepped &&
    model.get("update_question") === p;
  function showGuess(p, pe) {
    const on = model.get("predict") && run.has_history;
    guessRow.classList.toggle("pl-hidden", !on);
    if (!on) return;
    const open = !pe && p < run.stepped, update = asking(p, pe);
    firesB.disabled = silentB.disabled = !open;
    for (const b of [firesB, silentB]) b.classList.toggle("pl-hidden", update);
    for (const b of [towardsB, awayB]) b.classList.toggle("pl-hidden", !update);
    if (update) {
      const [x1, x2] = run.rows[p].slice(1, 3);
      guessQ.textContent = `A mistake at x = (${x1}, ${x2}), so W changes: which way does ` +
        "the update move it?";
    } else if (open) {
      const [x1, x2] = run.rows[p].slice(1, 3);
      guessQ.textContent = `Next: x = (${x1}, ${x2}). Will the neuron fire?`;
    } else {
      guessQ.textContent = pe ? "Guessing works per sample." : "No visit left to guess.";
    }
    const [right, n] = model.get("score");
    scoreOut.textContent = n ? `score: ${right} of ${n}` : "";
  }
  function scored(right, sentence) {
    const [r, n] = model.get("score");
    model.set("score", [r + (right ? 1 : 0), n + 1]);
    model.set("message", sentence);
  }
  function guess(fires) {
    const p = stepper.position;
    if (perEpochOn() || p >= run.stepped || asking(p, false)) return;
    const [right, sentence] = guessOutcome(run, p, fires);
    scored(right, sentence);
    if (run.rows[p][6] === "+0") { stepper.goTo(p + 1); return; }      // saves the model too
    model.set("update_question", p);                // a mistake: which way does W move?
    model.save_changes();
    show();
    towardsB.focus();
  }
  function guessUpdate(towards) {
    const p = stepper.position;
    if (!asking(p, perEpochOn())) return;
    const [right, sentence] = updateOutcome(run, p, towards);
    scored(right, sentence);
    model.set("update_question", -1);
    stepper.goTo(p + 1);
    if (p + 1 < run.stepped) firesB.focus();
  }

  // The order of the visits and the start weights: the button and the box show the model's
  // (from the run on screen with `fromRun`; the box keeps what is typed in it otherwise,
  // unless the model's value is one the view did not send).
  const runShuffle = () => (typeof run.shuffle === "boolean" ? run.shuffle
    : Boolean((model.get("made_with") || {}).shuffle));
  const runW0 = () => (run.W0 !== undefined ? run.W0 : ((model.get("made_with") || {}).W0 ?? null));
  function showStarts(fromRun = false) {
    if (fromRun) {
      model.set("shuffle", runShuffle());
      model.set("W0", runW0());
    }
    shuffleB.setAttribute("aria-pressed", String(Boolean(model.get("shuffle"))));
    const W0 = model.get("W0");
    if (typeof W0 !== "string") startBox.value = startText(W0);
  }

  function cornerNote(p, pe) {
    if (!run.has_history) return "no training yet";
    if (p === 0) return `start: W = ${run.W_text[0]}`;
    if (pe) return `end of epoch ${sliderOf(p)}\nW = ${run.W_text[frameOf(p)]}`;
    return `epoch ${epochOf(p)}, step ${p}/${run.n}\nW = ${run.W_text[frameOf(p)]}`;
  }

  function statusAt(p) {
    // the status changes only at some positions; the last change at or before p holds
    let lo = 0, hi = run.status.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (run.status[mid][0] <= p) lo = mid; else hi = mid - 1;
    }
    return run.status[lo][1];
  }

  function drawTable() {
    if (!model.get("show_table") || !run.has_history) { table.replaceChildren(); return; }
    const position = stepper.position;
    const p = Math.min(position, run.stepped), first = Math.max(p - 12, 0);
    const t = html("table", {});
    if (position > run.stepped) html("caption", {}, t, `the table covers the first ${p} visits`);
    else if (p > 12) html("caption", {}, t, `last 12 of ${p} visits`);
    const head = html("tr", {}, t);
    for (const c of ["step", "epoch", "x1", "x2", "z", "y", "d", "e", "W after"]) {
      html("th", { scope: "col" }, head, c);
    }
    for (let k = first; k < p; k++) {
      const tr = html("tr", {}, t);
      for (const cell of [String(k + 1), ...run.rows[k], run.W_text[k + 1]]) html("td", {}, tr, cell);
    }
    table.replaceChildren(t);
  }

  // -- stepping, and asking the kernel (only to retrain) --------------------------------------
  const stepper = makeStepper({
    model, root, ui: { startB, backB, stepB, endB, playB, speed, slider, readout, status },
    last: () => (run.has_history ? sliderMax() : 0), maxPosition: () => run.n,
    toPosition: positionOf, toSlider: sliderOf, show: () => show() });
  let localNote = null;             // what the view itself has to say, until the next run
  function say(text, alert = true) {     // text: words, or parts (words and links)
    localNote = text && text.length ? { parts: typeof text === "string" ? [text] : text, alert }
      : null;
    show();
  }
  // On a web page, a run made in advance for a menu's choice takes the place of the kernel's.
  let customFrom = null;     // the gate whose points "custom" started from (the kernel's rule)
  function apply(file) {
    if (file.custom_from) customFrom = file.custom_from;
    showSiteRun(model, file, { score: [0, 0], update_question: -1 });
  }
  const ask = makeRequests(model, say, () => {
    // no kernel: the controls and the model go back to what the run on screen was trained with
    model.set("dataset", run.dataset);
    model.set("lr", run.lr);
    showStarts(true);
  }, { site, apply });
  const request = (what, content, how) => { localNote = null; ask(what, content, how); };
  // the key of a menu choice's run on a web page (tools/site_runs.py writes the same keys)
  function keyOf(name, rate) {
    const k = model.get("lr_options").indexOf(rate);
    if (!site || k < 0) return null;
    if (name !== "custom") return `${name}/${k}`;
    if (site.has(`custom/${k}`)) return `custom/${k}`;          // the learner's own points
    const from = customFrom || (run.dataset !== "custom" ? run.dataset : "AND");
    return `custom+${from}/${k}`;
  }
  // The CSV file made here, from the run (the same file as the kernel's save_csv).
  function saveInBrowser() {
    if (!run.has_history) { say("There is no training to save yet."); return; }
    const name = `training_${run.dataset}_lr${fmt(run.lr)}.csv`;
    downloadText(name, visitsCsv(run));
    const what = run.stepped < run.n || run.thinned
      ? `the first ${run.stepped} visits (those this page has: the whole table needs Python)`
      : `${run.stepped} visits`;
    say(`✔ Saved ${what} to ${name}, in your browser's downloads.`, false);
  }

  // -- wiring ----------------------------------------------------------------------------------
  const setMode = (on) => {
    const p = stepper.position;
    model.set("per_epoch", on);
    model.save_changes();
    stepper.goTo(on ? positionOf(epochsDone(p)) : Math.min(p, run.stepped));
  };
  perSample.addEventListener("click", () => setMode(false));
  firesB.addEventListener("click", () => guess(true));
  silentB.addEventListener("click", () => guess(false));
  towardsB.addEventListener("click", () => guessUpdate(true));
  awayB.addEventListener("click", () => guessUpdate(false));
  // on a web page there are runs made in advance for the menus only: these need Python
  shuffleB.addEventListener("click", () => {
    model.set("shuffle", !model.get("shuffle"));
    showStarts();
    request("Changing the order of the visits", undefined, { key: null });
  });
  function useStart() {
    const typed = startBox.value.trim();
    if (typed === startText(runW0()) || (typed.replace(/^[[(]\s*|\s*[\])]$/g, "") === "0" &&
                                         runW0() === null)) {
      say("");                                        // the weights of the run on screen
      return;
    }
    model.set("W0", typed);
    request("Changing the start weights", undefined, { key: null });
  }
  useStartB.addEventListener("click", useStart);
  startBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter") useStart(); });
  perEpoch.addEventListener("click", () => setMode(true));
  dataset.addEventListener("change", () => {
    model.set("dataset", dataset.value);
    request("Changing the data", undefined, { key: keyOf(dataset.value, model.get("lr")) });
  });
  lr.addEventListener("change", () => {
    model.set("lr", parseFloat(lr.value));
    request("Changing the learning rate", undefined,
            { key: keyOf(model.get("dataset"), parseFloat(lr.value)) });
  });
  pic.addEventListener("click", (ev) => {
    const r = pic.getBoundingClientRect();
    const px = (ev.clientX - r.left) * (W_PX / r.width), py = (ev.clientY - r.top) * (H_PX / r.height);
    if (!sc.inside(px, py)) return;
    if (model.get("dataset") !== "custom") {
      say("To add points by clicking, choose “custom” data first.", false);
      return;
    }
    request("Adding points", { kind: "click", x: sc.dataX(px), y: sc.dataY(py) });
  });
  cls0.addEventListener("click", () => { model.set("click_class", 0); model.save_changes(); });
  cls1.addEventListener("click", () => { model.set("click_class", 1); model.save_changes(); });
  undoB.addEventListener("click", () => request("Changing the points", { kind: "undo" }));
  clearB.addEventListener("click", () => request("Changing the points", { kind: "clear" }));
  text.addEventListener("input", () => { model.set("points_text", text.value); model.save_changes(); });
  applyB.addEventListener("click", () => {
    model.set("points_text", text.value);
    request("Using new points", { kind: "apply" });
  });
  tableB.addEventListener("click", () => {
    model.set("show_table", !model.get("show_table")); model.save_changes();
  });
  csvB.addEventListener("click", () => request("Saving a CSV file", { kind: "save_csv" },
                                                { offline: saveInBrowser }));

  model.on("change:run", () => { stepper.setPlaying(false); localNote = null; build(); });
  for (const name of ["per_epoch", "message", "show_table", "click_class", "speed", "predict",
                      "score", "update_question"]) {
    model.on(`change:${name}`, () => show());
  }
  model.on("change:dataset", () => {
    dataset.value = model.get("dataset");
    custom.classList.toggle("pl-hidden", model.get("dataset") !== "custom");
  });
  model.on("change:lr", () => { lr.value = String(model.get("lr")); });
  model.on("change:shuffle", () => showStarts());
  model.on("change:W0", () => showStarts());
  model.on("change:points_text", () => {
    if (text.value !== model.get("points_text")) text.value = model.get("points_text");
  });
  const fit = fitWidth(root, look.size.width, () => { if (run) build(); });
  build();
  return () => { stepper.stop(); fit.stop(); };
}

export default { render };
