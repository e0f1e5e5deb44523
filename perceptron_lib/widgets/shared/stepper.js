// Stepping through a run sent once: the controls under the picture, and the controller
// that moves the position with buttons, slider, play and keys.

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
