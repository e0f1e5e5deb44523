"""Words in the explorers' pictures stay clear of the marks, at every step, on a phone and on a
desktop: in 06 the names of the spots on the hidden plane are not crossed by the output
neuron's line, its arrow or its pointer, and the hidden plane's axis name (h2 = NAND) does not
reach into the input plane; in 08 no input's name lies under the pointer, and few cross the
line (only where the points have met around it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import NOTES, RESULTS, new_page, read_through

# In the page: the screen boxes of the names, and the marks they must not cover (segments
# of the visible lines and arrows, boxes of the visible pointers).
MEASURE = """([root, names]) => {
  const pic = root.querySelector("svg.pl-picture");
  const seg = (l) => {
    const m = l.getScreenCTM();
    const p = (x, y) => { const q = pic.createSVGPoint(); q.x = x; q.y = y;
                          return q.matrixTransform(m); };
    const a = p(+l.getAttribute("x1"), +l.getAttribute("y1"));
    const b = p(+l.getAttribute("x2"), +l.getAttribute("y2"));
    return [a.x, a.y, b.x, b.y];
  };
  const visible = (n) => n.getAttribute("visibility") !== "hidden"
    && !(n.closest("[visibility=hidden]"));
  const box = (n) => { const r = n.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
  const out = root.querySelector(".pl-output");
  return {
    names: [...root.querySelectorAll(names)].filter(visible)
      .map((n) => [n.textContent, box(n)]),
    lines: [...out.querySelectorAll(".pl-line, .pl-w")].filter(visible)
      .filter((l) => l.getAttribute("x1") !== null).map(seg),
    pointers: [...out.querySelectorAll(".pl-line-away")].filter(visible).map(box),
    frames: [...root.querySelectorAll(".pl-axes > rect")].map(box),
    yNames: [...root.querySelectorAll(".pl-axes > text[transform]")].map((t) =>
      [t.textContent, box(t)]),
  };
}"""


def meets(seg, box, pad=1.0):
    """Does the segment meet the box (shrunk by pad px on each side)?"""
    x0, y0, x1, y1 = box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad
    ax, ay, bx, by = seg
    t0, t1 = 0.0, 1.0
    for p, q in ((-(bx - ax), ax - x0), (bx - ax, x1 - ax), (-(by - ay), ay - y0),
                 (by - ay, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def boxes_meet(a, b, pad=1.0):
    return a[0] + pad < b[2] and b[0] + pad < a[2] and a[1] + pad < b[3] and b[1] + pad < a[3]


def clashes(found):
    bad = []
    for text, box in found["names"]:
        bad += [(text, "line or arrow") for s in found["lines"] if meets(s, box)]
        bad += [(text, "pointer") for p in found["pointers"] if boxes_meet(p, box)]
    return bad


def every_position(page, ex, names):
    """The clashes at every position of the explorer, from its start to its end."""
    slider = ex.locator("input.pl-wide-slider")
    last = int(slider.get_attribute("max"))
    bad = {}
    for k in range(last + 1):
        slider.evaluate("(s, k) => { s.value = String(k); "
                        "s.dispatchEvent(new Event('input', {bubbles: true})); }", k)
        found = page.evaluate(MEASURE, [ex.element_handle(), names])
        assert found["names"], "the names are measured"
        if clashes(found):
            bad[k] = clashes(found)
    return bad, found


@pytest.mark.parametrize("width", [390, 1280])
def test_06_spot_names_and_axis_names_stay_clear(site, browser, width):
    url, out = site
    page, watch = new_page(browser, width=width, height=900)
    try:
        page.goto(f"{url}/06_hidden_layer_xor.html")
        page.wait_for_load_state("load")
        read_through(page)
        ex = page.locator(".pl-hiddenlayer").first
        expect(ex).to_be_attached(timeout=30_000)
        ex.scroll_into_view_if_needed()
        for hidden in (("OR", "NAND"), ("NAND", "OR"), ("OR", "OR")):
            menus = ex.locator("select")
            menus.nth(0).select_option(hidden[0])
            menus.nth(1).select_option(hidden[1])
            bad, found = every_position(page, ex, ".pl-spot-name")
            assert not bad, (hidden, dict(list(bad.items())[:5]))
            plane_in = found["frames"][0]
            for text, box in found["yNames"][1:]:          # the hidden plane's axis name
                assert not boxes_meet(plane_in, box, pad=0), (text, box, plane_in)
        RESULTS.mkdir(exist_ok=True)
        ex.screenshot(path=str(RESULTS / f"labels-06-{width}.png"))
        assert not watch.page_errors
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_08_input_names_stay_clear_of_the_pointer_and_line(site, browser, width):
    url, out = site
    page, watch = new_page(browser, width=width, height=900)
    try:
        page.goto(f"{url}/08_learning_the_hidden_layer.html")
        page.wait_for_load_state("load")
        read_through(page)
        explorers = page.locator(".pl-descent")
        expect(explorers.first).to_be_attached(timeout=30_000)
        for k in range(explorers.count()):
            ex = explorers.nth(k)
            ex.scroll_into_view_if_needed()
            bad, _ = every_position(page, ex, ".pl-hidden-points text")
            pointer = {p: c for p, c in bad.items() if any(w == "pointer" for _, w in c)}
            assert not pointer, (k, dict(list(pointer.items())[:5]))
            # where the output line runs between points that have met, a name may have to
            # sit across it (on its halo): at few pictures
            last = int(ex.locator("input.pl-wide-slider").get_attribute("max"))
            NOTES.append(f"labels: 08 explorer {k + 1} at {width} px: a name across the line "
                         f"at {len(bad)} of {last + 1} pictures")
            assert len(bad) <= 0.1 * (last + 1), (k, len(bad), dict(list(bad.items())[:5]))
            halo = ex.locator(".pl-hidden-points text").first
            assert halo.get_attribute("paint-order") == "stroke"
        RESULTS.mkdir(exist_ok=True)
        explorers.first.screenshot(path=str(RESULTS / f"labels-08-{width}.png"))
        assert not watch.page_errors
    finally:
        page.close()
