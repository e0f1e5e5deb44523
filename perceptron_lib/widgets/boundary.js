// The boundary explorer's view: three sliders, the line they make, and the truth table,
// all in the browser. z is computed exactly for the decimals shown (0.6 + 0.3 - 0.9 = 0).

function render({ model, el }) {
  const look = model.get("look");
  // the picture's size and look: as designed (the legend beside the plot), or on a narrow
  // screen redrawn at the width there is (the legend under the plot), words as large as on a
  // wide screen (layout())
  let W_PX = Math.round(look.size.width * 0.62), H_PX = look.size.height, lk = look,
      font = look.size.font;
  const root = explorerRoot(el, look, "boundary");
  const releaseKeys = keepKeys(root);
  const row = html("div", { class: "pl-row" }, root);
  row.style.alignItems = "flex-start";
  const pic = svg("svg", { role: "img", class: "pl-picture" }, row);
  const titleNode = svg("title", {}, pic);
  const descNode = svg("desc", {}, pic);
  let sc = null, title = null, decision = null, dots = null;

  function layout() {
    if (!fit.narrow) {
      lk = look; font = look.size.font;
      W_PX = Math.round(look.size.width * 0.62); H_PX = look.size.height;
      return { plot: { x: 0.14 * W_PX, y: 0.1 * H_PX, w: 0.5 * W_PX, h: 0.76 * H_PX },
               legend: null };                                  // beside the plot
    }
    lk = narrowLook(look); font = lk.size.font; W_PX = fit.width;
    const left = 3.8 * font, side = Math.min(W_PX - left - font, 400);
    const plot = { x: left, y: font + 14, w: side, h: side };
    const columns = W_PX >= 330 ? 2 : 1;
    const legend = { x: 4, y: plot.y + side + 3 * font + 12, columns, width: (W_PX - 8) / columns };
    H_PX = Math.round(legend.y + Math.ceil(LEGEND.length / columns) * (font + 6));
    return { plot, legend };
  }
  const LEGEND = [
    // the points are marked by the gate's value (the table's column named after the gate),
    // not by the neuron's output: show() names the gate
    { kind: "marker", cls: 0, label: "gate = 0" }, { kind: "marker", cls: 1, label: "gate = 1" },
    { kind: "line", color: look.colors.line, label: "decision line" },
    { kind: "shade", label: "predicts 1 (z ≥ 0)" },
    { kind: "line", color: look.colors.line, width: look.arrow.width, head: "line",
      label: "w = (w1, w2)" }];

  function build() {
    const at = layout();
    clearPicture(pic, descNode, W_PX, H_PX, lk);
    sc = makeScale([-0.5, 1.5], [-0.5, 1.5], at.plot);
    drawAxes(pic, sc, lk, "x1", "x2", "");
    title = svg("text", { x: sc.left + sc.w / 2, y: sc.top - 8, "text-anchor": "middle",
                          "font-size": font + 1 }, pic);
    decision = makeDecision(svg("g", {}, pic), sc, lk);
    dots = svg("g", { class: "pl-points" }, pic);
    const legend = at.legend || { x: sc.left + sc.w + 12, y: sc.top + 10, columns: 1, width: 0 };
    const perColumn = Math.ceil(LEGEND.length / legend.columns);
    for (let c = 0; c < legend.columns; c++) {
      drawLegend(pic, legend.x + c * legend.width, legend.y,
                 LEGEND.slice(c * perColumn, (c + 1) * perColumn), lk);
    }
    lastGate = null;
  }

  const controls = html("div", { class: "pl-controls" }, row);
  const gateRow = html("div", { class: "pl-row" }, controls);
  const gate = html("select", {});
  labelled(gateRow, "gate", gate);
  for (const g of model.get("gates")) html("option", { value: g }, gate, g);
  const [lo, hi] = model.get("limits");
  const sliders = {};
  for (const [name, text] of [["w1", "w1"], ["w2", "w2"], ["b", "bias b"]]) {
    const r = html("div", { class: "pl-row" }, controls);
    const input = html("input", { type: "range", min: String(lo), max: String(hi), step: "0.1" });
    labelled(r, text, input);
    const out = html("output", { "aria-hidden": "true" }, r);
    sliders[name] = { input, out };
    input.addEventListener("input", () => {
      model.set(name, parseFloat(input.value));      // the change event draws it
      model.save_changes();
    });
  }
  const table = html("table", { class: "pl-truth" }, controls);
  const message = html("div", { class: "pl-message", role: "status", "aria-live": "polite" }, root);
  gate.addEventListener("change", () => { model.set("gate", gate.value); model.save_changes(); });

  let lastGate = null;
  function show() {
    const g = model.get("gate");
    const targets = model.get("truth_tables")[g];
    const vals = [model.get("b"), model.get("w1"), model.get("w2")];
    const { ints, value } = decimals(vals);
    const [b, w1, w2] = ints;
    const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const z = X.map(([x1, x2]) => b + w1 * BigInt(x1) + w2 * BigInt(x2));   // exact
    const y = z.map((v) => (v >= 0n ? 1 : 0));
    if (g !== lastGate) {
      dots.replaceChildren();
      X.forEach(([x1, x2], i) => marker(dots, targets[i], sc.px(x1), sc.py(x2),
                                        Math.sqrt(lk.size.marker) / 2, lk));
      gate.value = g;
      title.textContent = `${g}: set the line`;
      const names = pic.querySelectorAll(".pl-legend text");
      names[0].textContent = `${g} = 0`;
      names[1].textContent = `${g} = 1`;
      lastGate = g;
    }
    decision.show(vals);
    for (const [name, s] of Object.entries(sliders)) {
      s.input.value = String(model.get(name));
      s.out.textContent = fmt(model.get(name));
      s.input.setAttribute("aria-valuetext", fmt(model.get(name)));
    }
    table.replaceChildren();
    const head = html("tr", {}, table);
    for (const c of ["x1", "x2", "z", "output", g, "right?"]) html("th", { scope: "col" }, head, c);
    let right = 0;
    X.forEach(([x1, x2], i) => {
      const tr = html("tr", {}, table);
      const ok = y[i] === targets[i];
      right += ok ? 1 : 0;
      for (const c of [x1, x2, z[i] === 0n ? "0 exactly" : fmt(value(z[i])), y[i], targets[i],
                       ok ? "✔" : "✘"]) html("td", {}, tr, String(c));
    });
    let text;
    if (right === 4) {
      text = `✔ All four rows right: w1 = ${fmt(vals[1])}, w2 = ${fmt(vals[2])}, ` +
             `b = ${fmt(vals[0])} make the neuron compute ${g}.`;
    } else {
      text = `${right} of 4 rows right. Move the sliders until every row is ✔.`;
    }
    const onLine = X.filter((_, i) => z[i] === 0n).map(([a, c]) => `(${a}, ${c})`);
    if (onLine.length) {
      text += ` On the line: ${onLine.join(", ")}: z = 0 exactly there, so the neuron fires ` +
              "(step(0) = 1).";
    }
    message.textContent = text;
    titleNode.textContent = `${g}: the line of w1 = ${fmt(vals[1])}, w2 = ${fmt(vals[2])}, ` +
                            `b = ${fmt(vals[0])}`;
    descNode.textContent = text;
    pic.setAttribute("aria-label", `${titleNode.textContent}. ${right} of 4 rows right.`);
  }
  for (const name of ["gate", "w1", "w2", "b"]) model.on(`change:${name}`, show);
  const fit = fitWidth(root, look.size.width, () => { build(); show(); });
  build();
  show();
  return () => { releaseKeys(); fit.stop(); };
}

export default { render };
