// The boundary explorer's view: three sliders, the line they make, and the truth table,
// all in the browser. z is computed exactly for the decimals shown (0.6 + 0.3 - 0.9 = 0).

function render({ model, el }) {
  const look = model.get("look");
  const font = look.size.font;
  const W_PX = Math.round(look.size.width * 0.62), H_PX = look.size.height;
  const root = html("div", { class: "pl-explorer pl-boundary" }, el);
  root.style.fontSize = `${font + 3}px`;
  const releaseKeys = keepKeys(root);
  html("style", {}, root, look.css + BASE_CSS);
  const row = html("div", { class: "pl-row" }, root);
  row.style.alignItems = "flex-start";
  const pic = svg("svg", { width: W_PX, height: H_PX, viewBox: `0 0 ${W_PX} ${H_PX}`, role: "img",
                           class: "pl-picture" }, row);
  pic.style.width = `${W_PX}px`;
  const titleNode = svg("title", {}, pic);
  const descNode = svg("desc", {}, pic);
  const defs = svg("defs", {}, pic);
  arrowHeads(defs, look);
  const sc = makeScale([-0.5, 1.5], [-0.5, 1.5], { x: 0.14 * W_PX, y: 0.1 * H_PX, w: 0.5 * W_PX,
                                                    h: 0.76 * H_PX });
  drawAxes(pic, sc, look, "x1", "x2", "");
  const title = svg("text", { x: sc.left + sc.w / 2, y: sc.top - 8, "text-anchor": "middle",
                              "font-size": font + 1 }, pic);
  const decision = makeDecision(svg("g", {}, pic), sc, look);
  const dots = svg("g", { class: "pl-points" }, pic);
  drawLegend(pic, sc.left + sc.w + 12, sc.top + 10, [
    { kind: "marker", cls: 0, label: "output 0" }, { kind: "marker", cls: 1, label: "output 1" },
    { kind: "line", color: look.colors.line, label: "decision line" },
    { kind: "shade", label: "predicts 1 (z ≥ 0)" },
    { kind: "line", color: look.colors.line, width: look.arrow.width, head: "line",
      label: "w = (w1, w2)" }], look);

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
                                        Math.sqrt(look.size.marker) / 2, look));
      gate.value = g;
      title.textContent = `${g}: set the line`;
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
  show();
  return releaseKeys;
}

export default { render };
