// The curves explorer's view: every run (each choice of the two menus) arrives once; the
// menus, the steps, the slider and the keys all work here, with or without a kernel. Two
// panels: the input plane (the network's answer shaded, each hidden neuron's line, the
// points) and, beside it, the loss and the points classed right, epoch by epoch.

/**
 * One menu choice's run, as curves.build_run makes it (its RUN_FIELDS list the same
 * fields). One frame every 25 epochs (run.epochs); everything per frame is indexed by it.
 * @typedef {Object} Run
 * @property {string} title  @property {string} data  @property {number} hidden
 * @property {number} n_epochs  @property {number[]} epochs  @property {?number} solved_epoch
 * @property {number[][][]} W_hidden  @property {number[][]} W_out  one per frame
 * @property {number[]} loss  @property {number[]} right  one per frame
 * @property {Array} status  [frame, text] at each change
 */
function render({ model, el }) {
  const look = model.get("look");
  let W_PX, font, lk, S, TOP, LEGEND_Y, H_PX;
  function designed() {
    W_PX = look.size.width; lk = look; font = look.size.font;
    S = Math.round(0.41 * W_PX);
    TOP = 2 * font + 10;
    LEGEND_Y = TOP + S + 3 * font + 6;
    H_PX = LEGEND_Y + 2 * (font + 7) + 4;
  }
  designed();
  const root = explorerRoot(el, look, "curves", "curves explorer: arrow keys step, Home and " +
                            "End jump, space plays");

  // -- the menus (every run is here: no kernel needed) ----------------------------------------
  const top = html("div", { class: "pl-row" }, root);
  const dataM = html("select", {});
  labelled(top, "data", dataM);
  for (const [v, words] of [["moons", "two moons"], ["circles", "ring round a disc"],
                            ["spiral", "two spirals"]]) {
    html("option", { value: v }, dataM, words);
  }
  const hiddenM = html("select", {});
  labelled(top, "hidden neurons", hiddenM);
  for (const h of model.get("hidden_options")) html("option", { value: String(h) }, hiddenM, String(h));
  const linesB = button(top, "hidden lines", "show or hide each hidden neuron's line");
  linesB.setAttribute("aria-pressed", "true");

  const { pic, titleNode, descNode, startB, backB, stepB, endB, playB, speed, slider, readout,
          status } = stepperLayout(root, W_PX, H_PX, {
    start: "back to the random start (Home)", back: "one picture back (←)",
    step: "one picture forward (→)", end: "jump to the end, the last epoch (End)",
    speed: "pictures/s", fastest: 40, slider: "epoch" });

  // -- drawing -----------------------------------------------------------------------------------
  const GRID = 60;                                          // cells of the network's answer
  const BOX = [-1.2, 1.2];
  let run = null, sc = null, answer = null, lines = null, chart = null, r = 4;

  function layout() {
    if (!fit.narrow) {
      designed();
      const xIn = 4.4 * font, xC = xIn + S + 6 * font;
      return { xIn, chart: { x: xC, y: TOP + font, w: W_PX - xC - 4 * font, h: S - font },
               legendX: [font, xIn + S + 2 * font], ticks: 5 };
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const xIn = 3.8 * font;
    S = W_PX - xIn - font;
    TOP = 2 * font + 10;
    const chart = { x: xIn, y: TOP + S + 4 * font, w: W_PX - xIn - 3.6 * font,
                    h: Math.max(100, Math.round(0.45 * W_PX)) };
    LEGEND_Y = chart.y + chart.h + 3 * font + 6;
    H_PX = LEGEND_Y + 6 * (font + 7) + 4;
    return { xIn, chart, legendX: [4, 4], ticks: 4 };
  }

  function currentRun() {
    return model.get("runs")[`${model.get("data")}/${model.get("hidden")}`];
  }

  function build() {
    run = currentRun();
    if (!run) return;
    const at = layout();
    clearPicture(pic, descNode, W_PX, H_PX, lk);
    titleNode.textContent = run.title;
    svg("text", { x: W_PX / 2, y: font + 2, "text-anchor": "middle", "font-size": font + 1,
                  "font-weight": "bold", "aria-hidden": "true" }, pic).textContent = run.title;
    const pts = model.get("points")[run.data];
    r = Math.max(2.5, Math.sqrt(lk.size.marker) / 3.6);

    // the input plane: the network's answer, the hidden neurons' lines, the points
    sc = makeScale(BOX, BOX, { x: at.xIn, y: TOP, w: S, h: S });
    answer = svg("path", { class: "pl-answer", fill: look.colors.shade,
                           "fill-opacity": look.shade.alpha, "shape-rendering": "crispEdges" }, pic);
    drawAxes(pic, sc, lk, "x1", "x2", "", at.ticks);
    const lineWidth = Math.max(1.4, look.line.width * 0.6);
    lines = svg("g", { class: "pl-hidden-lines" }, pic);
    lines.style.display = linesB.getAttribute("aria-pressed") === "true" ? "" : "none";
    const hiddenLines = run.W_hidden[0].map((_, j) => {
      const line = svg("line", { stroke: look.colors.excite, "stroke-width": lineWidth,
                                 class: `pl-hidden-line pl-hidden-${j + 1}` }, lines);
      const label = svg("text", { "font-size": font - 2, "font-weight": "bold",
                                  stroke: look.colors.background, "stroke-width": 3,
                                  "paint-order": "stroke", "aria-hidden": "true" }, lines);
      label.textContent = `h${j + 1}`;
      return { line, label };
    });
    lines.hidden = hiddenLines;
    const dots = svg("g", { class: "pl-points" }, pic);
    pts.X.forEach(([x, y], i) => marker(dots, pts.d[i], sc.px(x), sc.py(y), r, lk));

    // the loss and the share of points right, epoch by epoch
    const box = at.chart;
    const lossTop = Math.max(...run.loss) * 1.05 || 1;
    chart = { box, lossTop,
              px: (e) => box.x + (e / Math.max(run.n_epochs, 1)) * box.w,
              py: (v) => box.y + box.h - (v / lossTop) * box.h,
              pr: (p) => box.y + box.h - (p / 100) * box.h };
    const g = svg("g", { class: "pl-chart-axes", "aria-hidden": "true" }, pic);
    for (const t of niceTicks(0, run.n_epochs, 4, true)) {
      svg("line", { x1: chart.px(t), x2: chart.px(t), y1: box.y, y2: box.y + box.h,
                    stroke: look.colors.grid }, g);
      svg("text", { x: chart.px(t), y: box.y + box.h + font + 2, "text-anchor": "middle",
                    "font-size": font - 2 }, g).textContent = fmt(t);
    }
    for (const t of niceTicks(0, lossTop, 4)) {
      svg("text", { x: box.x - 4, y: chart.py(t) + font / 3, "text-anchor": "end",
                    "font-size": font - 2 }, g).textContent = fmt(t);
    }
    for (const p of [0, 50, 100]) {
      svg("line", { x1: box.x, x2: box.x + box.w, y1: chart.pr(p), y2: chart.pr(p),
                    stroke: look.colors.grid }, g);
      svg("text", { x: box.x + box.w + 4, y: chart.pr(p) + font / 3, "font-size": font - 2 },
          g).textContent = `${p} %`;
    }
    svg("rect", { x: box.x, y: box.y, width: box.w, height: box.h, fill: "none",
                  stroke: look.colors.text }, g);
    svg("text", { x: box.x + box.w / 2, y: box.y + box.h + 2 * font + 6, "text-anchor": "middle",
                  "font-size": font }, g).textContent = "epoch";
    chart.loss = svg("polyline", { fill: "none", stroke: look.colors.line, "stroke-width": 2,
                                   class: "pl-loss" }, pic);
    chart.right = svg("polyline", { fill: "none", stroke: look.colors.class1, "stroke-width": 2,
                                    "stroke-dasharray": "6 4", class: "pl-right" }, pic);
    chart.now = svg("line", { stroke: look.colors.text, "stroke-width": 1, y1: box.y,
                              y2: box.y + box.h, class: "pl-chart-now" }, pic);

    // the legend
    const points = [{ kind: "marker", cls: 0, label: "d = 0" }, { kind: "marker", cls: 1, label: "d = 1" },
                    { kind: "shade", label: "network answers 1" },
                    { kind: "line", color: look.colors.excite, width: lineWidth,
                      label: "a hidden neuron: h = 0.5" }];
    const curves = [{ kind: "line", color: look.colors.line, width: 2, label: "log loss (left)" },
                    { kind: "line", color: look.colors.class1, width: 2, dash: "6 4",
                      label: "points right, % (right)" }];
    if (fit.narrow) drawLegend(pic, 4, LEGEND_Y, [...points, ...curves], lk);
    else {
      // in rows of two under each panel
      const row = (items, x, dx) => items.forEach((item, k) =>
        drawLegend(pic, x + (k % 2) * dx, LEGEND_Y + Math.floor(k / 2) * (font + 7), [item], lk));
      row(points, at.legendX[0], S / 2);
      row(curves, at.legendX[1], box.w / 2 + 2 * font);
    }

    dataM.value = run.data;
    hiddenM.value = String(run.hidden);
    stepper.position = model.get("position");
    show();
  }

  function showLine(hl, W) {
    const cut = clipBox(W, BOX, BOX);
    if (!cut.line) {
      hl.line.setAttribute("visibility", "hidden");
      hl.label.setAttribute("visibility", "hidden");
      return;
    }
    const [a, b] = cut.line.map(([x, y]) => [sc.px(x), sc.py(y)]);
    hl.line.setAttribute("x1", a[0]); hl.line.setAttribute("y1", a[1]);
    hl.line.setAttribute("x2", b[0]); hl.line.setAttribute("y2", b[1]);
    hl.line.setAttribute("visibility", "visible");
    // the name a little inside the picture from the line's end
    const t = 0.08;
    hl.label.setAttribute("x", a[0] + t * (b[0] - a[0]) + 3);
    hl.label.setAttribute("y", a[1] + t * (b[1] - a[1]) - 3);
    hl.label.setAttribute("visibility", "visible");
  }

  function show() {
    if (!run) return;
    const p = stepper.position;
    const Wh = run.W_hidden[p], Wo = run.W_out[p];
    // the network's answer over the input plane, cell by cell
    answer.setAttribute("d", regionPath(sc, GRID, networkFires(Wh, Wo)));
    lines.hidden.forEach((hl, j) => showLine(hl, Wh[j]));
    const upTo = run.epochs.slice(0, p + 1);
    chart.loss.setAttribute("points", upTo
      .map((e, k) => `${chart.px(e).toFixed(1)},${chart.py(run.loss[k]).toFixed(1)}`).join(" "));
    const n = model.get("points")[run.data].d.length;
    chart.right.setAttribute("points", upTo
      .map((e, k) => `${chart.px(e).toFixed(1)},${chart.pr((100 * run.right[k]) / n).toFixed(1)}`).join(" "));
    chart.now.setAttribute("x1", chart.px(run.epochs[p]));
    chart.now.setAttribute("x2", chart.px(run.epochs[p]));
    // the words of curves.readout in Python
    const when = p === 0 ? "At the random start" : `After epoch ${run.epochs[p]} of ${run.n_epochs}`;
    readout.textContent = `${when}: loss ${fmt(run.loss[p])}, ${run.right[p]} of ${n} points ` +
      `classed right (${fmt((100 * run.right[p]) / n)} %).`;
    let said = run.status[0][1];
    for (const [k, t] of run.status) if (k <= p) said = t;
    status.textContent = said;
    descNode.textContent = `${readout.textContent} ${said}`;
    pic.setAttribute("aria-label", `${run.title}, epoch ${run.epochs[p]} of ${run.n_epochs}`);
    slider.max = String(run.epochs.length - 1);
    slider.value = String(p);
    slider.setAttribute("aria-valuetext", `epoch ${run.epochs[p]} of ${run.n_epochs}`);
    speed.value = String(model.get("speed"));
    speed.setAttribute("aria-valuetext", `${model.get("speed")} pictures per second`);
  }

  const last = () => (run ? run.epochs.length - 1 : 0);
  const stepper = makeStepper({ model, root, ui: { startB, backB, stepB, endB, playB, speed,
                                                   slider, readout, status },
                                last, maxPosition: last, show: () => show() });

  // -- wiring: the menus choose another run made in advance (the same epoch stays shown) -------
  dataM.addEventListener("change", () => { model.set("data", dataM.value); model.save_changes(); });
  hiddenM.addEventListener("change", () => {
    model.set("hidden", parseInt(hiddenM.value, 10)); model.save_changes();
  });
  linesB.addEventListener("click", () => {
    const on = linesB.getAttribute("aria-pressed") !== "true";
    linesB.setAttribute("aria-pressed", String(on));
    lines.style.display = on ? "" : "none";
  });
  for (const name of ["data", "hidden", "runs", "points"]) {
    model.on(`change:${name}`, () => build());
  }
  model.on("change:speed", () => show());
  const fit = fitWidth(root, look.size.width, () => build());
  build();
  return () => { stepper.stop(); fit.stop(); };
}

export default { render };
