"""Extreme views in JupyterLab: points near the largest floats, and points outside a fixed
view. No NaN reaches the picture, a click there is answered, nothing is drawn over the legend."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import RESULTS
from .explorers import PER_EPOCH, key, press, state
from .test_lab import check_outputs, open_scratch, run_all

CELLS = [
    "from perceptron_lib.widgets import TrainingExplorer",
    "TrainingExplorer(X=[[1e308, -1e308], [-1e308, 1e308]], d=[0, 1])",
    "TrainingExplorer(X=[[0, 0], [5, 5], [-4, 0.5]], d=[0, 1, 1], xlim=(-1, 1), ylim=(-1, 1))",
]

NO_NAN = """(root) => [...root.querySelectorAll("svg *")].flatMap((el) =>
    [...el.attributes].filter((a) => /NaN|Infinity/.test(a.value))
                      .map((a) => `${el.tagName}.${a.name}=${a.value}`))"""


def test_extreme_views_draw_and_answer(lab, browser):
    page, watch = open_scratch(lab, browser, "extremes", CELLS)
    try:
        run_all(page)
        explorers = check_outputs(page, 2)
        huge, fixed = explorers.nth(0), explorers.nth(1)
        for ex in (huge, fixed):
            assert ex.evaluate(NO_NAN) == []
            press(ex, PER_EPOCH)()
            key(page, ex, "End")()
            assert ex.evaluate(NO_NAN) == []
        assert len(state(huge)["markers"]) == 2
        before = state(huge)["readout"]
        # a click in the middle of the plot (ticks at 1e308 are too few to map data): answered
        huge.scroll_into_view_if_needed()
        box = huge.locator(".pl-axes > rect").bounding_box()
        x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4
        page.mouse.click(x, y)
        expect(huge.locator("div.pl-note")).not_to_contain_text("needs the notebook",
                                                                timeout=3_000)
        page.wait_for_timeout(1000)
        st = state(huge)
        assert huge.evaluate(NO_NAN) == [] and st["readout"] != before, (st["alert"], before)
        assert len(state(huge)["markers"]) == 3
        # outside the fixed view the points are cut off at the plot's edge
        clipped = fixed.evaluate("""(root) => {
            const g = root.querySelector(".pl-points");
            const id = g.getAttribute("clip-path").match(/#([^)]+)/)[1];
            return !!root.querySelector(`clipPath#${id} rect`);
        }""")
        assert clipped
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()
        lab.shut_down_sessions()


def test_inputs_on_one_spot_are_ringed(lab, browser):
    """Seed 7 sticks with (1, 0) and (1, 1) on one spot of the hidden plane: at the end the
    circle of (1, 1) is drawn under the triangle of (1, 0) (as in 08's still pictures) with a
    ring round both; at the start, where the points are apart, no ring."""
    page, watch = open_scratch(lab, browser, "one_spot", [
        "from perceptron_lib.widgets import DescentExplorer",
        "DescentExplorer(seed=7)",
    ])
    try:
        run_all(page)
        ex = check_outputs(page, 1).nth(0)
        ex.scroll_into_view_if_needed()
        rings = ex.locator(".pl-hidden-points .pl-merged[visibility=visible]")
        expect(rings).to_have_count(0)
        key(page, ex, "End")()
        expect(rings).to_have_count(1)
        under = ex.evaluate("""(root) => {
            const g = root.querySelector(".pl-hidden-points");
            return g.firstElementChild.querySelector(".pl-merged")?.getAttribute("visibility");
        }""")
        assert under == "visible"
        assert "sit on almost the same spot" in state(ex)["status"]
        ex.screenshot(path=str(RESULTS / "lab-descent-one-spot.png"))
        key(page, ex, "Home")()
        expect(rings).to_have_count(0)
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
