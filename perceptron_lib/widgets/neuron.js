// The neuron explorer's view: switches for the inputs, sliders for the weights and the
// threshold, and the neuron drawn as it fires or stays silent. The sum is exact for the
// decimals shown, so a sum equal to the threshold fires.

function render({ model, el }) {
  const look = model.get("look");
  const font = look.size.font;
  // at the projector size the picture is drawn larger (about half of a 720-px slide)
  const large = look.size.name === "large";
  const W_PX = Math.round(look.size.width * (large ? 0.56 : 0.5));
  const H_PX = large ? Math.round(W_PX * 0.6) : Math.round(look.size.height * 0.7);
  const root = explorerRoot(el, look, "neuron");
  const releaseKeys = keepKeys(root);
  const row = html("div", { class: "pl-row" }, root);
  const controls = html("div", { class: "pl-controls" }, row);
  const inputsRow = html("div", { class: "pl-row" }, controls);
  const moreB = button(inputsRow, "+ input", "add an input (at most 6)");
  const fewerB = button(inputsRow, "− input", "remove the last input (at least 1)");
  const rows = html("div", {}, controls);
  const ranges = model.get("ranges");
  const tr = html("div", { class: "pl-row" }, controls);
  const th = html("input", { type: "range", min: String(ranges.threshold[0]),
                             max: String(ranges.threshold[1]), step: "0.5" });
  labelled(tr, "threshold", th);
  const thOut = html("output", { "aria-hidden": "true" }, tr);
  th.addEventListener("input", () => {
    model.set("threshold", parseFloat(th.value)); model.save_changes();
  });
  // both lists change together, in one message: a new input starts off, with weight 1
  const resize = (n) => {
    const on = model.get("inputs_on").slice(0, n), w = model.get("weight_values").slice(0, n);
    while (on.length < n) { on.push(0); w.push(1); }
    model.set({ inputs_on: on, weight_values: w }); model.save_changes();
  };
  moreB.addEventListener("click", () => resize(Math.min(model.get("inputs_on").length + 1, 6)));
  fewerB.addEventListener("click", () => resize(Math.max(model.get("inputs_on").length - 1, 1)));

  const pic = svg("svg", { role: "img", class: "pl-picture" }, row);
  const titleNode = svg("title", {}, pic);
  titleNode.textContent = "a toy neuron";
  const descNode = svg("desc", {}, pic);
  const defs = svg("defs", {}, pic);
  const head = svg("marker", { id: "pl-axon-head", viewBox: "0 0 10 10", refX: 8, refY: 5,
                               markerWidth: 4, markerHeight: 4, orient: "auto" }, defs);
  const headPath = svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }, head);
  // text sizes in picture units: on a narrow screen the picture is drawn smaller, with words
  // as large as on a wide screen (fitPicture())
  let s = 1 / 60;
  let texts = [];               // [node, size in multiples of font * s]
  const sized = (node, k) => { texts.push([node, k]); return node; };
  const inputsG = svg("g", { class: "pl-inputs" }, pic);
  let n = 0, toggles = [], sliders = [], parts = [];

  // the controls and the drawing of the inputs, for as many inputs as the model has
  function build() {
    n = model.get("inputs_on").length;
    rows.replaceChildren();
    inputsG.replaceChildren();
    texts = texts.filter(([node]) => node.parentNode);
    toggles = []; sliders = [];
    for (let i = 0; i < n; i++) {
      const r = html("div", { class: "pl-row" }, rows);
      const t = button(r, `x${i + 1} = 0`, `switch input x${i + 1} on or off`);
      t.addEventListener("click", () => {
        const on = model.get("inputs_on").slice();
        on[i] = on[i] ? 0 : 1;
        model.set("inputs_on", on); model.save_changes();
      });
      toggles.push(t);
      const sl = html("input", { type: "range", min: String(ranges.weight[0]),
                                 max: String(ranges.weight[1]), step: "0.5" });
      labelled(r, `weight w${i + 1}`, sl);
      const out = html("output", { "aria-hidden": "true" }, r);
      sl.addEventListener("input", () => {
        const w = model.get("weight_values").slice();
        w[i] = parseFloat(sl.value);
        model.set("weight_values", w); model.save_changes();
      });
      sliders.push({ s: sl, out });
    }
    const ys = n > 1 ? Array.from({ length: n }, (_, i) => 5.2 - (4.4 * i) / (n - 1)) : [3];
    parts = ys.map((y) => ({
      line: svg("line", { x1: 1.2, y1: 6 - y, x2: 4.4, y2: 3 }, inputsG),
      box: svg("rect", { x: 0.6, y: 6 - y - 0.3, width: 0.6, height: 0.6,
                         stroke: look.colors.text, "stroke-width": 0.03 }, inputsG),
      value: sized(svg("text", { x: 0.9, y: 6 - y + 0.15, "text-anchor": "middle",
                                 "font-size": font * s * 2.6 }, inputsG), 2.6),
      label: sized(svg("text", { x: 2.6, y: 6 - (y + 3) / 2 - 0.25, "text-anchor": "middle",
                                 "font-size": font * s * 2.1 }, inputsG), 2.1),
    }));
    moreB.disabled = n >= 6;
    fewerB.disabled = n <= 1;
  }
  const soma = svg("circle", { cx: 5.2, cy: 3, r: 0.9, stroke: look.colors.text, "stroke-width": 0.04 }, pic);
  const sum = sized(svg("text", { x: 5.2, y: 2.9, "text-anchor": "middle",
                                  "font-size": font * s * 2.1 }, pic), 2.1);
  const sum2 = sized(svg("text", { x: 5.2, y: 3.45, "text-anchor": "middle",
                                   "font-size": font * s * 2.1 }, pic), 2.1);
  const axon = svg("line", { x1: 6.1, y1: 3, x2: 8.5, y2: 3, "marker-end": "url(#pl-axon-head)" }, pic);
  sized(svg("text", { x: 7.3, y: 2.75, "text-anchor": "middle", "font-size": font * s * 2.1 }, pic),
        2.1).textContent = "axon";
  const output = sized(svg("text", { x: 9.2, y: 3.35, "text-anchor": "middle",
                                     "font-weight": "bold", "font-size": font * s * 4.5 }, pic), 4.5);
  const readout = html("div", { class: "pl-readout", role: "status", "aria-live": "polite" }, root);

  function fitPicture() {
    const width = fit.narrow ? Math.min(fit.width, W_PX) : W_PX;
    sizePicture(pic, width, Math.round((width * H_PX) / W_PX), "0 0 10 6");
    s = (1 / 60) * (W_PX / width);
    for (const [node, k] of texts) node.setAttribute("font-size", font * s * k);
  }

  function show() {
    if (model.get("inputs_on").length !== n) build();
    const on = model.get("inputs_on"), w = model.get("weight_values"), t = model.get("threshold");
    const { ints, value } = decimals([...w, t]);
    let total = 0n;
    on.forEach((x, i) => { total += BigInt(x) * ints[i]; });      // exact
    const thr = ints[n];
    const fires = total >= thr;
    const cmp = total === thr ? "=" : fires ? "≥" : "<";
    parts.forEach((p, i) => {
      p.line.setAttribute("stroke", w[i] >= 0 ? look.colors.class1 : look.colors.class0);
      p.line.setAttribute("stroke-width", 0.02 + 0.05 * Math.abs(w[i]));
      p.line.setAttribute("stroke-dasharray", on[i] ? "" : "0.1 0.1");
      p.box.setAttribute("fill", on[i] ? look.colors.active : look.colors.background);
      p.value.setAttribute("fill", on[i] ? look.colors.on_active : look.colors.text);
      p.value.textContent = String(on[i]);
      p.label.textContent = `w=${fmt(w[i])}`;
      toggles[i].lastChild.textContent = `x${i + 1} = ${on[i]}`;
      toggles[i].setAttribute("aria-label", spoken(`x${i + 1} = ${on[i]}`,
                                                   `switch input x${i + 1} on or off`));
      toggles[i].setAttribute("aria-pressed", String(Boolean(on[i])));
      sliders[i].s.value = String(w[i]);
      sliders[i].out.textContent = fmt(w[i]);
      sliders[i].s.setAttribute("aria-valuetext", fmt(w[i]));
    });
    th.value = String(t);
    thOut.textContent = fmt(t);
    th.setAttribute("aria-valuetext", fmt(t));
    soma.setAttribute("fill", fires ? look.colors.active : look.colors.silent);
    for (const t of [sum, sum2]) t.setAttribute("fill", fires ? look.colors.on_active : look.colors.text);
    sum.textContent = `Σ=${fmt(value(total))}`;
    sum2.textContent = `≥${fmt(t)}?`;
    axon.setAttribute("stroke", fires ? look.colors.line : look.colors.w_old);
    axon.setAttribute("stroke-width", fires ? 0.09 : 0.03);
    headPath.setAttribute("fill", fires ? look.colors.line : look.colors.w_old);
    output.textContent = fires ? "1" : "0";
    const terms = w.map((wi, i) => `${wi < 0 ? `(${fmt(wi)})` : fmt(wi)}·${on[i]}`).join(" + ");
    readout.textContent = `weighted sum = ${terms} = ${fmt(value(total))} ${cmp} threshold ` +
      `${fmt(t)} → the neuron ${fires ? "fires: output 1" : "stays silent: output 0"}.`;
    descNode.textContent = readout.textContent;
    pic.setAttribute("aria-label", `a toy neuron: ${readout.textContent}`);
  }
  for (const name of ["inputs_on", "weight_values", "threshold"]) model.on(`change:${name}`, show);
  const fit = fitWidth(root, look.size.width, fitPicture);
  fitPicture();
  show();
  return () => { releaseKeys(); fit.stop(); };
}

export default { render };
