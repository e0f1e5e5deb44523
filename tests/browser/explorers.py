"""Driving the explorers' browser views as a learner would, and reading what they show.

Shared by every front-end test (JupyterLab, Notebook 7, Voila, a static HTML page). Each
driver presses real buttons and keys through Playwright, checks that the picture and the
words agree, and records how long each press took to reach a new picture, measured inside
the page.
"""

from __future__ import annotations

import math
import re

from playwright.sync_api import expect

from .conftest import AXE, LATENCIES

# -- measuring, inside the page -----------------------------------------------------------------

STOPWATCH = """(root) => {
  // From the learner's press (window.__plPress: the pointerdown or keydown event's timestamp,
  // recorded by conftest.PRESS_CLOCK before anything else sees the event) to the first change
  // inside the explorer's view, resolved in the next animation frame: what the learner sees
  // is then about to be painted.
  window.__plLatency = null;
  window.__plPress = null;
  let done = false;
  const obs = new MutationObserver(() => {
    if (done || window.__plPress === null) return;   // something changed before the press
    done = true;
    obs.disconnect();
    const t0 = window.__plPress;
    requestAnimationFrame(() => { window.__plLatency = performance.now() - t0; });
  });
  obs.observe(root, { attributes: true, childList: true, characterData: true, subtree: true });
}"""


def timed(page, root, action, kind, where, timeout=10_000):
    """Do ``action`` (a press); return the ms until the view changed (and record it)."""
    root.evaluate(STOPWATCH)
    action()
    page.wait_for_function("() => window.__plLatency !== null", timeout=timeout)
    ms = page.evaluate("() => window.__plLatency")
    LATENCIES[(kind, where)].append(ms)
    return ms


# -- reading the view ---------------------------------------------------------------------------

STATE = r"""(root) => {
  const q = (s) => root.querySelector(s);
  const text = (s) => { const n = q(s); return n ? n.textContent.trim() : null; };
  const num = (n, a) => parseFloat(n.getAttribute(a));
  const vis = (n) => !!n && n.getAttribute("visibility") !== "hidden";
  const seg = (n) => n ? { visible: vis(n), x1: num(n, "x1"), y1: num(n, "y1"),
                           x2: num(n, "x2"), y2: num(n, "y2") } : null;
  const pic = q("svg.pl-picture");
  // what the picture shows: its markup, with hidden marks reduced to their names
  const shown = (n) => {
    if (n.nodeType === 3) return n.textContent;
    if (n.nodeType !== 1) return "";
    const cls = n.getAttribute("class") || "";
    if (n.getAttribute("visibility") === "hidden") return `<${n.tagName} ${cls} hidden/>`;
    const attrs = [...n.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(" ");
    return `<${n.tagName} ${attrs}>` + [...n.childNodes].map(shown).join("") + `</${n.tagName}>`;
  };
  // the data <-> picture map, from the grid lines and their tick labels
  const ticks = { x: [], y: [] };
  const axes = q(".pl-axes");
  if (axes) {
    const kids = [...axes.children];
    for (let i = 0; i + 1 < kids.length; i++) {
      const a = kids[i], b = kids[i + 1];
      if (a.tagName !== "line" || b.tagName !== "text") continue;
      const v = parseFloat(b.textContent);
      if (num(a, "x1") === num(a, "x2")) ticks.x.push([v, num(a, "x1")]);
      else if (num(a, "y1") === num(a, "y2")) ticks.y.push([v, num(a, "y1")]);
    }
  }
  const frame = axes ? axes.querySelector("rect") : null;
  const markers = [...root.querySelectorAll(".pl-points > *")].map((m) => {
    if (m.tagName === "circle") return [num(m, "cx"), num(m, "cy"), 0];
    const p = m.getAttribute("points").trim().split(/\s+/).map((s) => s.split(",").map(Number));
    const h = (p[2][0] - p[1][0]) / 2;
    return [p[0][0], p[0][1] + h, 1];
  });
  const controls = {};
  for (const lab of root.querySelectorAll("label")) {
    const c = document.getElementById(lab.htmlFor);
    if (!c) continue;
    controls[lab.textContent.trim()] = { value: c.value, max: c.max, disabled: c.disabled,
                                         valuetext: c.getAttribute("aria-valuetext") };
  }
  const pressed = {};
  for (const b of root.querySelectorAll("button[aria-pressed]")) {
    pressed[b.getAttribute("aria-label")] = b.getAttribute("aria-pressed") === "true";
  }
  const ring = q(".pl-ring");
  const shade = q(".pl-shade");
  return {
    picture: pic ? [...pic.childNodes].map(shown).join("") : "",
    ariaLabel: pic ? pic.getAttribute("aria-label") : null,
    title: pic && pic.querySelector(":scope > title")
      ? pic.querySelector(":scope > title").textContent : null,
    desc: pic && pic.querySelector(":scope > desc")
      ? pic.querySelector(":scope > desc").textContent : null,
    readout: text(".pl-readout"), status: text(".pl-status"), alert: text("div.pl-note"),
    message: text(".pl-message"), cornerNote: text("g.pl-corner-note"),
    line: seg(q(".pl-line")), oldLine: seg(q(".pl-old-line")), w: seg(q(".pl-w")),
    wOld: seg(q(".pl-w-old")), update: seg(q(".pl-update")),
    away: q(".pl-line-away") ? { visible: vis(q(".pl-line-away")),
                                 transform: q(".pl-line-away").getAttribute("transform") } : null,
    ring: ring ? { visible: vis(ring), cx: num(ring, "cx"), cy: num(ring, "cy") } : null,
    shade: shade ? (shade.getAttribute("points") || "").trim() : null,
    bars: [...root.querySelectorAll(".pl-mistakes > g > rect")].map((r) => num(r, "height")),
    frame: frame ? [num(frame, "x"), num(frame, "y"), num(frame, "width"), num(frame, "height")]
                 : null,
    ticks, markers, controls, pressed,
    truth: [...root.querySelectorAll("table.pl-truth tr")].map(
      (tr) => [...tr.children].map((c) => c.textContent.trim())),
    table: [...root.querySelectorAll(".pl-table tr")].length,
    customShown: !!q(".pl-custom") && getComputedStyle(q(".pl-custom")).display !== "none",
  };
}"""


def state(root):
    return root.evaluate(STATE)


class Map:
    """Data coordinates <-> picture units, read from the picture's own grid."""

    def __init__(self, st):
        (v0, p0), (v1, p1) = st["ticks"]["x"][0], st["ticks"]["x"][-1]
        (u0, q0), (u1, q1) = st["ticks"]["y"][0], st["ticks"]["y"][-1]
        self.sx, self.ox = (p1 - p0) / (v1 - v0), p0 - v0 * (p1 - p0) / (v1 - v0)
        self.sy, self.oy = (q1 - q0) / (u1 - u0), q0 - u0 * (q1 - q0) / (u1 - u0)
        self.span = abs(st["frame"][2] / self.sx)

    def px(self, x, y):
        return self.ox + self.sx * x, self.oy + self.sy * y

    def data(self, px, py):
        return (px - self.ox) / self.sx, (py - self.oy) / self.sy


NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]\d+)?"


def last_W(text):
    """The last 'W = [b, w1, w2]' in a sentence, as floats."""
    found = re.findall(rf"W = \[({NUMBER}), ({NUMBER}), ({NUMBER})\]", text)
    assert found, f"no W in {text!r}"
    return [float(v) for v in found[-1]]


def first_difference(a, b):
    """Where two pictures (SVG markup) first differ, for a readable failure."""
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"the same position drawn differently: ...{a[max(k - 150, 0):k + 80]!r}... vs " \
           f"...{b[max(k - 150, 0):k + 80]!r}..."


def check_line_agrees(st, W, where=""):
    """The decision line drawn is the line of W (within the rounding of the words), and a
    line that is not drawn is either said to be outside the picture or touches the picture
    only at a corner."""
    m = Map(st)
    b, w1, w2 = W
    norm = math.hypot(w1, w2)
    line = st["line"]
    if line["visible"]:
        assert norm > 0, f"{where}: a line is drawn for W = {W}"
        for x, y in ((line["x1"], line["y1"]), (line["x2"], line["y2"])):
            dx, dy = m.data(x, y)
            dist = abs(b + w1 * dx + w2 * dy) / norm
            assert dist < 0.01 * m.span, \
                f"{where}: the line drawn is not the line of W = {W} ({dist:.3g} away)"
    elif norm > 0:
        x0, y0, width, height = st["frame"]
        corners = [m.data(x0 + i * width, y0 + j * height) for i in (0, 1) for j in (0, 1)]
        z = [b + w1 * cx + w2 * cy for cx, cy in corners]
        tol = 1e-6 * max(abs(v) for v in W) * m.span
        touches = any(abs(v) <= tol for v in z)
        one_side = all(v > -tol for v in z) or all(v < tol for v in z)
        assert one_side, f"{where}: W = {W} crosses the picture but no line is drawn"
        assert "outside the picture" in st["readout"] or touches, \
            f"{where}: no line drawn and the words do not say where it is: {st['readout']!r}"
    if "outside the picture" in (st["readout"] or ""):
        assert not line["visible"], f"{where}: the words say the line is outside, yet it is drawn"
        if st["away"] is not None:
            assert st["away"]["visible"], f"{where}: no pointer to the line outside the picture"


def check_ring_agrees(st, where=""):
    """The ringed sample is the one the readout names (x = (x1, x2))."""
    found = re.search(rf"x = \(({NUMBER}), ({NUMBER})\)", st["readout"])
    if not found or not st["ring"]:
        return
    assert st["ring"]["visible"], f"{where}: the readout names a sample but none is ringed"
    m = Map(st)
    want = m.px(float(found.group(1)), float(found.group(2)))
    got = (st["ring"]["cx"], st["ring"]["cy"])
    assert math.dist(want, got) < 2 + 0.001 * m.span * abs(m.sx), \
        f"{where}: the ring is at {got}, the readout's sample at {want}"


def check_words_agree(st, where=""):
    """Picture text alternative and readout say the same thing."""
    assert st["readout"], f"{where}: empty readout"
    assert st["readout"] in st["ariaLabel"], f"{where}: the picture's label lags the readout"
    assert st["desc"].startswith(st["readout"]), f"{where}: the picture's description lags"


# -- accessibility ------------------------------------------------------------------------------

AXE_RUN = """async (root) => {
  const r = await axe.run(root, { resultTypes: ["violations"] });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + " | " + (n.failureSummary || "")) }));
}"""


def check_axe(page, root, axe_source, label):
    """axe-core, scoped to one explorer's view: no violations."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    violations = root.evaluate(AXE_RUN)
    AXE[label] = len(violations)
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n}" for n in v["nodes"][:6]]
    if violations:
        print(f"axe violations in {label}:\n" + "\n".join(lines))
    assert not violations, f"axe found {len(violations)} violations in {label}:\n" + \
        "\n".join(lines)


# -- the training explorer ----------------------------------------------------------------------

FORWARD = "one step forward (→)"
BACK = "one step back (←)"
START = "back to the start (Home)"
END = "jump to the end (End)"
PLAY = "play or pause (space)"
PER_SAMPLE = "per sample: step one visit at a time"
PER_EPOCH = "per epoch: step one whole epoch at a time"
TABLE = "table of visits: show the visits so far as a table"


def press(ex, name):
    return lambda: ex.get_by_role("button", name=name, exact=True).click()


def key(page, ex, name):
    def go():
        ex.focus()
        page.keyboard.press(name)
    return go


def visit_slider(ex):
    return ex.get_by_role("slider", name=re.compile(r"^(visit|epoch)$"))


def position(st):
    c = st["controls"].get("visit") or st["controls"].get("epoch")
    return int(c["value"])


def drive_training(page, ex, where, axe_source=None, label="", gate=None):
    """Step, go back, use keys, the slider, play/pause, per-epoch mode, Home/End and the
    table; check after each press that picture and words agree. ``gate`` = "AND" adds the
    facts of the course's AND run."""
    ex.scroll_into_view_if_needed()
    kind = "training"
    st = state(ex)
    assert st["readout"].startswith("Before training"), st["readout"]
    assert position(st) == 0
    check_words_agree(st, "start")
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} training, start")
    n = int(st["controls"]["visit"]["max"])
    assert n > 0, "no training history sent"
    assert st["controls"]["visit"]["valuetext"] == f"visit 0 of {n}"
    seen = {st["readout"]}

    # step one visit at a time
    for k in range(1, 7):
        before = st["picture"]
        timed(page, ex, press(ex, FORWARD), kind, where)
        st = state(ex)
        assert position(st) == k
        assert st["controls"]["visit"]["valuetext"] == f"visit {k} of {n}"
        assert re.match(r"epoch \d+, sample \d+ of \d+: ", st["readout"]), st["readout"]
        assert st["picture"] != before, f"step {k}: the picture did not change"
        check_words_agree(st, f"step {k}")
        check_line_agrees(st, last_W(st["readout"]), f"step {k}")
        check_ring_agrees(st, f"step {k}")
        assert last_W(st["cornerNote"]) == last_W(st["readout"])
        seen.add(st["readout"])
        if gate == "AND":
            check_and(st, k)
    assert len(seen) == 7, "each step tells a new story"
    at6 = st

    # back
    timed(page, ex, press(ex, BACK), kind, where)
    st = state(ex)
    assert position(st) == 5 and st["picture"] != at6["picture"]
    check_line_agrees(st, last_W(st["readout"]), "back")
    five = st

    # keys on the focused explorer
    for name, want in (("ArrowRight", 6), ("ArrowLeft", 5), ("PageDown", 6), ("PageUp", 5)):
        timed(page, ex, key(page, ex, name), kind, where)
        st = state(ex)
        assert position(st) == want, f"{name}: at {position(st)}, not {want}"
    assert st["readout"] == five["readout"]
    assert st["picture"] == five["picture"], first_difference(five["picture"], st["picture"])

    # the slider, moved with its own keys
    slider = visit_slider(ex)
    for name, want in (("ArrowRight", 6), ("ArrowRight", 7), ("ArrowLeft", 6)):
        def move(name=name):
            slider.focus()
            page.keyboard.press(name)
        timed(page, ex, move, kind, where)
        st = state(ex)
        assert position(st) == want
    assert st["readout"] == at6["readout"]
    assert st["picture"] == at6["picture"], first_difference(at6["picture"], st["picture"])

    # Home and End
    timed(page, ex, key(page, ex, "End"), kind, where)
    st = state(ex)
    assert position(st) == n and st["controls"]["visit"]["valuetext"] == f"visit {n} of {n}"
    check_line_agrees(st, last_W(st["readout"]), "end")
    if gate == "AND":
        check_and_end(st)
    end = st
    timed(page, ex, key(page, ex, "Home"), kind, where)
    st = state(ex)
    assert position(st) == 0 and st["readout"].startswith("Before training")
    timed(page, ex, press(ex, END), kind, where)
    assert state(ex)["readout"] == end["readout"]
    timed(page, ex, press(ex, START), kind, where)
    assert state(ex)["readout"].startswith("Before training")

    # play, then pause (button), and the same with the space key
    play_and_pause(page, ex, press(ex, PLAY))
    play_and_pause(page, ex, key(page, ex, " "))
    press(ex, START)()

    # one whole epoch at a time
    timed(page, ex, press(ex, PER_EPOCH), kind, where)
    st = state(ex)
    assert st["pressed"][PER_EPOCH] and not st["pressed"][PER_SAMPLE]
    m = int(st["controls"]["epoch"]["max"])
    assert st["controls"]["epoch"]["valuetext"] == f"epoch 0 of {m}"
    for k in (1, 2):
        timed(page, ex, press(ex, FORWARD), kind, where)
        st = state(ex)
        assert st["readout"].startswith(f"End of epoch {k}:"), st["readout"]
        assert st["controls"]["epoch"]["valuetext"] == f"epoch {k} of {m}"
        check_words_agree(st, f"epoch {k}")
        check_line_agrees(st, last_W(st["readout"]), f"epoch {k}")
        assert not st["ring"]["visible"], "per epoch: no single sample is ringed"
        if gate == "AND" and k == 1:
            assert "2 mistakes in this epoch; W = [0, 1, 1]" in st["readout"]
    timed(page, ex, key(page, ex, "End"), kind, where)
    st = state(ex)
    assert st["readout"].startswith(f"End of epoch {m}:")
    timed(page, ex, key(page, ex, "ArrowLeft"), kind, where)
    assert state(ex)["readout"].startswith(f"End of epoch {m - 1}:")
    timed(page, ex, key(page, ex, "Home"), kind, where)
    assert state(ex)["readout"].startswith("Before training")
    timed(page, ex, press(ex, PER_SAMPLE), kind, where)
    st = state(ex)
    assert st["pressed"][PER_SAMPLE] and "visit" in st["controls"]

    # the table of visits
    for _ in range(3):
        press(ex, FORWARD)()
    press(ex, TABLE)()
    st = state(ex)
    assert st["pressed"][TABLE] and st["table"] == 1 + 3, "a header and one row per visit"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} training, table shown")
    press(ex, TABLE)()
    assert state(ex)["table"] == 0
    press(ex, START)()


def play_and_pause(page, ex, toggle):
    start = position(state(ex))
    toggle()
    play = ex.get_by_role("button", name=PLAY, exact=True)
    expect(play).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        """([root, start]) => {
            // the visit slider is the range with a value text
            return [...root.querySelectorAll('input[type=range]')]
                .some((r) => r.getAttribute('aria-valuetext')
                     && parseInt(r.value, 10) >= start + 2);
        }""", arg=[ex.element_handle(), start], timeout=10_000)
    toggle()
    expect(play).to_have_attribute("aria-pressed", "false")
    paused = position(state(ex))
    page.wait_for_timeout(800)                  # 3 steps a second: it would have moved
    assert position(state(ex)) == paused, "pause did not stop playing"


def check_and(st, k):
    """The course's AND run, visit by visit (W starts at 0, lr = 1, samples in order)."""
    expected = {1: "epoch 1, sample 1 of 4", 4: "epoch 1, sample 4 of 4",
                5: "epoch 2, sample 1 of 4", 6: "epoch 2, sample 2 of 4"}
    if k in expected:
        assert st["readout"].startswith(expected[k]), (k, st["readout"])
    if k == 6:
        # W = [-2, 1, 0]: the line x1 = 2 is outside the picture, to the right
        assert "W = [-2, 1, 0]" in st["readout"]
        assert "outside the picture" in st["readout"] and "x1 = 2" in st["readout"]
        assert not st["line"]["visible"], "the line x1 = 2 lies outside: it must not be drawn"
        assert st["shade"] == "", "nothing is classed 1: no shade"
        assert st["w"]["visible"] and st["update"]["visible"], "w and the update still drawn"
        assert st["oldLine"]["visible"], "the line before the update is inside"
        if st["away"] is not None:             # the pointer at the edge points right (0 degrees)
            angle = float(re.search(r"rotate\(([-\d.e]+)\)", st["away"]["transform"]).group(1))
            assert abs(angle) < 1, f"the pointer should point right, not at {angle} degrees"
        m = Map(st)
        assert math.dist(m.px(0, 1), (st["ring"]["cx"], st["ring"]["cy"])) < 1, \
            "the ring is on the sample (0, 1)"
        assert len(st["bars"]) == 2, "mistakes of epochs 1 and 2 so far"
        assert st["bars"][0] == st["bars"][1], "2 mistakes in epoch 1, 2 so far in epoch 2"


def check_and_end(st):
    assert "W = [-3, 2, 1]" in st["readout"], st["readout"]
    assert st["readout"].startswith("epoch 6, sample 4 of 4")
    assert "Converged in epoch 6" in st["status"]
    assert st["line"]["visible"]
    check_line_agrees(st, [-3, 2, 1], "AND at the end")
    m = Map(st)
    for x, y in ((1, 1), (1.5, 0)):            # on the line 2 x1 + x2 = 3
        px, py = m.px(x, y)
        a = (st["line"]["x1"], st["line"]["y1"])
        b = (st["line"]["x2"], st["line"]["y2"])
        cross = (b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0])
        assert abs(cross) / math.dist(a, b) < 1.0, f"({x}, {y}) is not on the line drawn"
    # mistakes per epoch 2, 3, 3, 2, 1, 0: bar heights in that proportion
    bars = st["bars"]
    assert len(bars) == 6
    unit = bars[1] / 3
    assert [round(h / unit, 6) for h in bars] == [2, 3, 3, 2, 1, 0]


# -- custom points ------------------------------------------------------------------------------

def click_at(page, ex, x, y):
    """Click the picture at data coordinates (x, y)."""
    picture = ex.locator("svg.pl-picture")
    picture.scroll_into_view_if_needed()
    st = state(ex)
    px, py = Map(st).px(x, y)
    where = picture.evaluate(
        """(svg, [x, y]) => {
            const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
            return [p.x, p.y];
        }""", [px, py])
    page.mouse.click(*where)


def switch_to_custom(page, ex):
    """Choose custom data (the kernel retrains on a copy of the gate's points)."""
    ex.get_by_label("data", exact=True).select_option("custom")
    expect(ex.locator(".pl-custom")).to_be_visible()
    expect(ex.locator("svg.pl-picture > title")).to_contain_text("your points",
                                                                 timeout=15_000)
    expect(ex.locator(".pl-readout")).to_contain_text("Before training")


def points_in_box(ex):
    text = ex.get_by_label("points", exact=True).input_value()
    return [line for line in text.splitlines() if line.strip()]


def add_point_by_click(page, ex, where):
    """With a kernel: a click on the picture adds a point of the chosen class; undo."""
    before = points_in_box(ex)
    markers = len(state(ex)["markers"])
    ex.get_by_role("button", name="clicks add class 0 points", exact=True).click()
    expect(ex.get_by_role("button", name="clicks add class 0 points", exact=True)) \
        .to_have_attribute("aria-pressed", "true")
    ms = timed(page, ex, lambda: click_at(page, ex, 0.5, 0.25), "training",
               where + ": new point (kernel)", timeout=15_000)
    page.wait_for_function(
        "([root, n]) => root.querySelectorAll('.pl-points > *').length === n",
        arg=[ex.element_handle(), markers + 1], timeout=15_000)
    after = points_in_box(ex)
    assert len(after) == len(before) + 1, (before, after)
    assert after[-1].endswith(", 0"), after[-1]
    st = state(ex)
    assert st["readout"].startswith("Before training"), "a new run starts at the beginning"
    assert st["markers"][-1][2] == 0, "the new point is a class 0 circle"
    m = Map(st)
    x, y = m.data(*st["markers"][-1][:2])
    assert abs(x - 0.5) < 0.05 and abs(y - 0.25) < 0.05, (x, y)
    ex.get_by_role("button", name="undo: remove the last point added", exact=True).click()
    page.wait_for_function(
        "([root, n]) => root.querySelectorAll('.pl-points > *').length === n",
        arg=[ex.element_handle(), markers], timeout=15_000)
    assert points_in_box(ex) == before
    return ms


# -- the boundary explorer ----------------------------------------------------------------------

def drive_boundary(page, ex, where, axe_source=None, label=""):
    """Sliders change the truth table and the line; z = 0 counts as firing, exactly."""
    ex.scroll_into_view_if_needed()
    kind = "boundary"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} boundary")
    st = state(ex)
    gate = ex.get_by_label("gate", exact=True)
    w1 = ex.get_by_role("slider", name="w1", exact=True)
    w2 = ex.get_by_role("slider", name="w2", exact=True)
    b = ex.get_by_role("slider", name="bias b", exact=True)
    assert len(st["truth"]) == 5 and st["message"]

    def slide(slider, name, times=1):
        for _ in range(times):
            def move():
                slider.focus()
                page.keyboard.press(name)
            timed(page, ex, move, kind, where)

    def W_now():
        return [float(s.input_value()) for s in (b, w1, w2)]

    # set w1 = w2 = 1, b = -0.5 exactly with the sliders' own keys, starting from anywhere
    for s, target in ((w1, 1.0), (w2, 1.0), (b, -0.5)):
        for _ in range(80):
            v = float(s.input_value())
            if abs(v - target) < 1e-9:
                break
            slide(s, "ArrowRight" if v < target else "ArrowLeft")
    gate.select_option("AND")
    st = state(ex)
    assert W_now() == [-0.5, 1.0, 1.0]
    check_line_agrees(st, W_now(), "boundary start")
    assert [r[2] for r in st["truth"][1:]] == ["-0.5", "0.5", "0.5", "1.5"], st["truth"]
    assert st["message"].startswith("2 of 4 rows right"), st["message"]
    line_before = st["line"]
    # b down to -1: (0, 1) and (1, 0) on the line, z = 0 exactly, and they fire
    slide(b, "ArrowLeft", 5)
    st = state(ex)
    assert W_now() == [-1.0, 1.0, 1.0]
    assert [r[2] for r in st["truth"][1:]] == ["-1", "0 exactly", "0 exactly", "1"], st["truth"]
    assert [r[3] for r in st["truth"][1:]] == ["0", "1", "1", "1"]
    assert "z = 0 exactly there" in st["message"]
    assert st["line"] != line_before, "the line moved with the bias"
    check_line_agrees(st, W_now(), "b = -1")
    # b = -1.5: AND, all four rows right
    slide(b, "ArrowLeft", 5)
    st = state(ex)
    assert st["message"].startswith("✔ All four rows right"), st["message"]
    assert all(r[5] == "✔" for r in st["truth"][1:])
    check_line_agrees(st, W_now(), "b = -1.5")
    # w2 and w1 move the line too; the picture's label follows
    slide(w2, "ArrowLeft", 3)
    st2 = state(ex)
    assert st2["line"] != st["line"] and st2["ariaLabel"] != st["ariaLabel"]
    check_line_agrees(st2, W_now(), "w2 moved")
    slide(w1, "ArrowRight", 2)
    check_line_agrees(state(ex), W_now(), "w1 moved")
    # another gate: new points and a new table, same sliders
    gate.select_option("OR")         # (set by script: no press to time)
    st = state(ex)
    assert st["truth"][0][4] == "OR" and "OR" in st["title"]


# -- the neuron explorer ------------------------------------------------------------------------

def drive_neuron(page, ex, where, axe_source=None, label=""):
    """Input switches and sliders change the sum, the firing and the words."""
    ex.scroll_into_view_if_needed()
    kind = "neuron"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} neuron")
    # names like "x1 = 0: switch input x1 on or off": the words on the button come first
    toggles = ex.get_by_role("button", name=re.compile(r"^x\d = [01]: switch input x\d on or off$"))
    n = toggles.count()
    assert n >= 1
    readout = ex.locator(".pl-readout")
    seen = {readout.inner_text()}
    for i in range(n):
        t = ex.get_by_role("button", name=re.compile(rf": switch input x{i + 1} on or off$"))
        was = t.get_attribute("aria-pressed") == "true"
        before = state(ex)["picture"]
        timed(page, ex, t.click, kind, where)
        expect(t).to_have_attribute("aria-pressed", "false" if was else "true")
        expect(t).to_contain_text(f"x{i + 1} = {0 if was else 1}")
        st = state(ex)
        assert st["picture"] != before
        check_words_agree(st, f"input x{i + 1}")
        seen.add(st["readout"])
    assert len(seen) == n + 1, "each switch changes the sum"
    # the sum against the threshold, in words and in the picture
    st = state(ex)
    total = re.search(rf"= ({NUMBER}) (?:≥|=|<) threshold ({NUMBER})", st["readout"])
    assert total, st["readout"]
    fires = float(total.group(1)) >= float(total.group(2))
    assert ("fires: output 1" in st["readout"]) == fires
    out = ex.locator("svg.pl-picture text[font-weight=bold]")
    expect(out).to_have_text("1" if fires else "0")
    for name in ("weight w1", "threshold"):
        s = ex.get_by_role("slider", name=name, exact=True)
        before = st["readout"]

        def move(s=s):
            s.focus()
            page.keyboard.press("ArrowLeft")
        timed(page, ex, move, kind, where)
        st = state(ex)
        assert st["readout"] != before, f"{name} did not change the sum or the threshold"
        check_words_agree(st, name)


# -- the gradient-descent explorer ----------------------------------------------------------------

def drive_descent(page, ex, where, axe_source=None, label=""):
    """Step, back, keys, the slider, Home/End and play/pause through the network's run."""
    ex.scroll_into_view_if_needed()
    kind = "descent"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} descent")
    st = state(ex)
    epoch = st["controls"]["epoch"]
    last = int(epoch["max"])
    assert last > 0 and epoch["value"] == "0", epoch
    n_epochs = int(re.search(r"of (\d+)$", epoch["valuetext"]).group(1))
    seen = {st["readout"]}
    step = "step: one picture forward (→)"
    for k in range(1, 4):
        before = st
        timed(page, ex, press(ex, step), kind, where)
        st = state(ex)
        assert int(st["controls"]["epoch"]["value"]) == k
        assert st["picture"] != before["picture"] and st["readout"] != before["readout"]
        assert st["ariaLabel"].endswith(st["controls"]["epoch"]["valuetext"])
        assert st["desc"].startswith(st["readout"])
        seen.add(st["readout"])
    assert len(seen) == 4
    timed(page, ex, press(ex, "one picture back (←)"), kind, where)
    assert int(state(ex)["controls"]["epoch"]["value"]) == 2
    for name, want in (("ArrowRight", 3), ("ArrowLeft", 2), ("End", last), ("Home", 0)):
        timed(page, ex, key(page, ex, name), kind, where)
        assert int(state(ex)["controls"]["epoch"]["value"]) == want, name
    st = state(ex)
    assert st["controls"]["epoch"]["valuetext"] == f"epoch 0 of {n_epochs}"
    slider = ex.get_by_role("slider", name="epoch", exact=True)
    for name, want in (("ArrowRight", 1), ("ArrowRight", 2), ("End", last)):
        def move(name=name):
            slider.focus()
            page.keyboard.press(name)
        timed(page, ex, move, kind, where)
        assert int(state(ex)["controls"]["epoch"]["value"]) == want, f"slider {name}"
    assert state(ex)["controls"]["epoch"]["valuetext"] == f"epoch {n_epochs} of {n_epochs}"
    timed(page, ex, press(ex, "back to the random start (Home)"), kind, where)
    play = ex.get_by_role("button", name=PLAY, exact=True)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "(root) => parseInt(root.querySelector('input[aria-valuetext^=epoch]').value, 10) >= 2",
        arg=ex.element_handle(), timeout=10_000)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    paused = state(ex)["controls"]["epoch"]["value"]
    page.wait_for_timeout(500)
    assert state(ex)["controls"]["epoch"]["value"] == paused, "pause did not stop playing"
    press(ex, "back to the random start (Home)")()


# -- the hidden-layer explorer ------------------------------------------------------------------

def drive_hidden(page, ex, where, axe_source=None, label=""):
    """Menus (no kernel needed), steps, keys and the slider; the truth table, the picture and
    the words agree. Leaves the explorer at XOR from OR and NAND, at the end."""
    ex.scroll_into_view_if_needed()
    kind = "hidden"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} hidden layer")
    menu = {k: ex.get_by_label(k, exact=True)
            for k in ("hidden neuron 1 (h1)", "hidden neuron 2 (h2)", "target")}

    def choose(h1, h2, target):
        for m, v in zip(menu.values(), (h1, h2, target)):
            if m.input_value() != v:
                m.select_option(v)          # (set by script: no press to time)
        st = state(ex)
        n = int(st["controls"]["visit"]["max"])
        assert st["controls"]["visit"]["valuetext"] == f"visit {n} of {n}", "shows the result"
        return st, n

    st, n = choose("OR", "NAND", "XOR")
    assert st["status"].startswith("✔ With h1 = OR and h2 = NAND the network computes XOR")
    assert [r[-1] for r in st["truth"][1:]] == ["✔"] * 4
    assert "computes AND(h1, h2)" in st["status"]
    timed(page, ex, key(page, ex, "Home"), kind, where)
    st = state(ex)
    assert st["readout"].startswith("Before training") and st["controls"]["visit"]["value"] == "0"
    check_words_agree(st, "hidden, start")
    for k in range(1, 4):
        before = st
        timed(page, ex, press(ex, FORWARD), kind, where)
        st = state(ex)
        assert st["controls"]["visit"]["value"] == str(k)
        assert st["readout"].startswith(f"epoch 1, input {k} of 4: x = "), st["readout"]
        assert st["picture"] != before["picture"]
        check_words_agree(st, f"hidden, visit {k}")
        check_ring_agrees(st, f"hidden, visit {k}")
        assert f"W = [{', '.join(f'{v:g}' for v in last_W(st['readout']))}]" in \
            ex.locator("table.pl-truth caption").inner_text()
    three = st
    timed(page, ex, press(ex, BACK), kind, where)
    assert state(ex)["controls"]["visit"]["value"] == "2"
    for name, want in (("ArrowRight", "3"), ("PageUp", "2"), ("PageDown", "3"), ("End", str(n)),
                       ("Home", "0"), ("ArrowRight", "1")):
        timed(page, ex, key(page, ex, name), kind, where)
        assert state(ex)["controls"]["visit"]["value"] == want, name
    slider = ex.get_by_role("slider", name="visit", exact=True)
    for name in ("ArrowRight", "ArrowRight"):
        def move(name=name):
            slider.focus()
            page.keyboard.press(name)
        timed(page, ex, move, kind, where)
    st = state(ex)
    assert st["picture"] == three["picture"], first_difference(three["picture"], st["picture"])
    # the menus: every combination is in the page
    st, _ = choose("OR", "OR", "XOR")
    assert st["status"].startswith("✘ With h1 = OR and h2 = OR no output neuron can compute XOR")
    assert "both go to h = (1, 1)" in st["status"]
    assert ex.locator(".pl-clash").count() == 1
    st, _ = choose("x1", "x2", "XOR")
    assert "1s on one diagonal" in st["status"] and ex.locator(".pl-clash").count() == 0
    st, _ = choose("NOR", "AND", "XOR")
    assert st["status"].startswith("✔") and "computes NOR(h1, h2)" in st["status"]
    st, _ = choose("OR", "NAND", "XNOR")
    assert st["status"].startswith("✔") and [r[-1] for r in st["truth"][1:]] == ["✔"] * 4
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} hidden layer, XNOR")
    st, _ = choose("OR", "NAND", "XOR")
    play = ex.get_by_role("button", name=PLAY, exact=True)
    press(ex, "back to the start (Home)")()
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "(root) => parseInt(root.querySelector('input[aria-valuetext^=visit]').value, 10) >= 2",
        arg=ex.element_handle(), timeout=10_000)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    key(page, ex, "End")()


# -- the curves explorer ------------------------------------------------------------------------

CURVES_SHOWN = r"""(root) => ({
  title: root.querySelector("svg.pl-picture > title").textContent,
  answer: root.querySelector("path.pl-answer").getAttribute("d"),
  lines: [...root.querySelectorAll("line.pl-hidden-line")].filter(
    (n) => n.getAttribute("visibility") !== "hidden").length,
  allLines: root.querySelectorAll("line.pl-hidden-line").length,
  linesShown: getComputedStyle(root.querySelector("g.pl-hidden-lines")).display !== "none",
  readout: root.querySelector(".pl-readout").textContent,
  status: root.querySelector(".pl-status").textContent,
  slider: root.querySelector("input[aria-valuetext^=epoch]").value,
})"""


def curves_shown(ex):
    return ex.evaluate(CURVES_SHOWN)


def drive_curves(page, ex, where, axe_source=None, label="", choices=None):
    """Menus (no kernel needed), steps, keys, the slider and the lines switch; at every choice
    the title, the number of hidden lines and the words are Python's for that run and epoch.
    ``choices``: the (data, hidden) pairs to visit (all 15 by default)."""
    from perceptron_lib.widgets.curves import (
        DATA_WORDS,
        EVERY,
        HIDDEN_SIZES,
        readout,
        status,
        train,
    )

    ex.scroll_into_view_if_needed()
    kind = "curves"
    if axe_source:
        check_axe(page, ex, axe_source, f"{label} curves")
    start = curves_shown(ex)
    data = ex.get_by_label("data", exact=True).input_value()
    hidden = int(ex.get_by_label("hidden neurons", exact=True).input_value())
    for k in range(1, 3):
        before = curves_shown(ex)
        timed(page, ex, press(ex, "step: one picture forward (→)"), kind, where)
        now = curves_shown(ex)
        assert int(now["slider"]) == int(start["slider"]) + k
        assert now["readout"] != before["readout"]
    timed(page, ex, key(page, ex, "Home"), kind, where)
    now = curves_shown(ex)
    history = train(data, hidden).history_
    assert now["readout"] == readout(history, 0) and now["status"] == status(history, 0)
    timed(page, ex, key(page, ex, "ArrowRight"), kind, where)
    assert curves_shown(ex)["readout"] == readout(history, EVERY)
    timed(page, ex, key(page, ex, "End"), kind, where)
    pictures = set()
    for data, hidden in choices or [(d, h) for d in DATA_WORDS for h in HIDDEN_SIZES]:
        ex.get_by_label("data", exact=True).select_option(data)
        ex.get_by_label("hidden neurons", exact=True).select_option(str(hidden))
        expect(ex.locator("svg.pl-picture > title")).to_have_text(
            f"{DATA_WORDS[data]}, {hidden} hidden neuron" + ("s" if hidden > 1 else ""))
        now = curves_shown(ex)
        history = train(data, hidden).history_
        epoch = int(now["slider"]) * EVERY
        words = f"{DATA_WORDS[data]}, {hidden} hidden neuron" + ("s" if hidden > 1 else "")
        assert now["title"] == words, (now["title"], words)
        assert now["allLines"] == hidden
        assert now["readout"] == readout(history, epoch), (data, hidden, now["readout"])
        assert now["status"] == status(history, epoch), (data, hidden)
        pictures.add(now["answer"])
    assert len(pictures) == len(choices or range(15)), "each choice draws its own answer"
    lines = ex.get_by_role("button", name="hidden lines: show or hide each hidden neuron's line")
    lines.click()
    assert not curves_shown(ex)["linesShown"]
    expect(lines).to_have_attribute("aria-pressed", "false")
    lines.click()
    assert curves_shown(ex)["linesShown"]
