"""The hidden-layer explorer in a browser.

First on a bare page with no Jupyter at all: the view's module and the state the Python side
sends, with a stand-in for the widget model (get, set, on, save_changes; send fails as it
does with no kernel). Every menu changes the picture, the steps and keys work, and the words
the view writes are hidden.py's, for every target with several hidden pairs. Then in
JupyterLab (the kernel shut down before the menus are used), with axe-core.
"""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from perceptron_lib.hidden_layer import HIDDEN_MENU, MENU, function_number, readout, verdict
from perceptron_lib.widgets import HiddenLayerExplorer

from .conftest import PRESS_CLOCK, RESULTS, new_page
from .explorers import drive_hidden, state
from .test_lab import check_outputs, open_scratch, run_all

# A widget model with no kernel behind it: what a static page gives a view.
FAKE_MODEL = """
window.__saved = 0;
window.makeModel = (state) => {
  const handlers = {};
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return {
    get: (k) => state[k],
    set: (k, v) => {
      const old = state[k];
      state[k] = v;
      if (!same(old, v)) (handlers["change:" + k] || []).forEach((f) => f());
    },
    on: (ev, f) => { for (const e of ev.split(" ")) (handlers[e] = handlers[e] || []).push(f); },
    save_changes: () => { window.__saved += 1; },
    send: () => { throw new Error("Cannot send"); },
  };
};
"""


def bare_page(browser, ex, theme="light"):
    """A page with nothing but the explorer's view, drawn from ``ex``'s state."""
    page, watch = new_page(browser, 1100, 900)
    page.emulate_media(color_scheme=theme)
    keys = ("look", "functions", "hidden_menu", "runs", "hidden1", "hidden2", "target",
            "position", "speed")
    st = {k: getattr(ex, k) for k in keys}
    page.set_content("<!DOCTYPE html><html><body><div id='out'></div></body></html>")
    page.add_script_tag(content=FAKE_MODEL)
    page.add_script_tag(content=PRESS_CLOCK)     # for the stopwatch of explorers.timed
    page.evaluate("""async ([source, state]) => {
        const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        const mod = await import(url);
        window.model = makeModel(state);
        mod.default.render({ model: window.model, el: document.getElementById("out") });
    }""", [ex._esm, json.loads(json.dumps(st))])
    return page, watch, page.locator(".pl-hiddenlayer")


@pytest.fixture(scope="module")
def explorer():
    return HiddenLayerExplorer(target="XOR", hidden=("OR", "NAND"))


def words(view):
    st = state(view)
    return st["readout"], st["status"]


def test_the_view_draws_and_steps_with_no_kernel(browser, explorer, axe_source):
    page, watch, view = bare_page(browser, explorer)
    try:
        expect(view).to_have_count(1)
        drive_hidden(page, view, "bare page (no kernel)", axe_source, "bare page")
        RESULTS.mkdir(exist_ok=True)
        view.screenshot(path=str(RESULTS / "hidden-bare.png"))
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()


def test_the_views_words_are_the_pythons(browser, explorer):
    """For every target, with hidden pairs that work and pairs that cannot, at the start, in
    the middle and at the end: the readout and the verdict are hidden.py's, word for word."""
    page, watch, view = bare_page(browser, explorer)
    try:
        pairs = [("OR", "NAND"), ("NAND", "OR"), ("OR", "OR"), ("x1", "x2"), ("TRUE", "FALSE"),
                 ("NOR", "AND"), ("x1 AND NOT x2", "x2 AND NOT x1"), ("x1 IMPLIES x2", "NOT x2")]
        checked = 0
        for target in MENU:
            for g1, g2 in pairs[:3] if target not in ("XOR", "XNOR") else pairs:
                view.get_by_label("hidden neuron 1 (h1)", exact=True).select_option(g1)
                view.get_by_label("hidden neuron 2 (h2)", exact=True).select_option(g2)
                view.get_by_label("target", exact=True).select_option(target)
                k = (function_number(g1), function_number(g2), function_number(target))
                ex = HiddenLayerExplorer(target=target, hidden=(g1, g2))
                n = len(ex.errors)
                st = state(view)
                assert st["controls"]["visit"]["valuetext"] == f"visit {n} of {n}"
                assert st["status"] == verdict(*k, ex.errors), (target, g1, g2)
                assert st["readout"] == readout(*k, ex.errors, n)
                assert [r[5] for r in st["truth"][1:]] == [str(v) for v in ex.outputs]
                for p in (0, 1, n // 2):
                    view.get_by_role("slider", name="visit", exact=True).fill(str(p))
                    assert state(view)["readout"] == readout(*k, ex.errors, p), (target, g1, g2, p)
                checked += 1
        assert checked == 14 * 3 + 2 * 8
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_equal_hidden_gates_keep_their_arrows_apart(browser, explorer):
    """With h1 and h2 the same gate, the two hidden lines coincide; their arrows (and the
    names h1, h2 at their tips) stand apart on the line instead of on top of each other."""
    page, watch, view = bare_page(browser, explorer)
    try:
        for gate in ("AND", "OR", "x1"):
            view.get_by_label("hidden neuron 1 (h1)", exact=True).select_option(gate)
            view.get_by_label("hidden neuron 2 (h2)", exact=True).select_option(gate)
            starts = view.evaluate("""(v) => [1, 2].map((j) => {
                const a = v.querySelector(`.pl-hidden-${j} line:nth-of-type(2)`);
                return [+a.getAttribute('x1'), +a.getAttribute('y1')];
            })""")
            (x1, y1), (x2, y2) = starts
            assert abs(x1 - x2) + abs(y1 - y2) > 20, (gate, starts)
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_hidden_menu_entry_draws(browser, explorer, theme):
    """All 14 gates in each hidden menu: a new picture each time, no NaN, no error."""
    page, watch, view = bare_page(browser, explorer, theme)
    try:
        seen = set()
        for key in ("hidden neuron 1 (h1)", "hidden neuron 2 (h2)"):
            for g in HIDDEN_MENU:
                before = state(view)["picture"]
                view.get_by_label(key, exact=True).select_option(g)
                st = state(view)
                if g not in ("OR", "NAND"):
                    assert st["picture"] != before, g
                assert "NaN" not in st["picture"] and "Infinity" not in st["picture"]
                seen.add(st["picture"])
        assert len(seen) >= 26
        view.screenshot(path=str(RESULTS / f"hidden-bare-{theme}.png"))
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_in_jupyterlab_the_menus_work_after_the_kernel_is_gone(lab, browser, axe_source):
    page, watch = open_scratch(lab, browser, "hidden_layer", [
        "from perceptron_lib.widgets import HiddenLayerExplorer",
        'HiddenLayerExplorer(target="XOR", hidden=("OR", "NAND"))'])
    try:
        run_all(page)
        view = check_outputs(page, 1).nth(0)
        for kernel in lab.kernels():
            lab.shut_down_kernel(kernel["id"])
        deadline = time.time() + 10
        while lab.kernels() and time.time() < deadline:
            time.sleep(0.2)
        assert not lab.kernels()
        page.wait_for_timeout(1500)
        drive_hidden(page, view, "JupyterLab, kernel gone", axe_source, "JupyterLab")
        RESULTS.mkdir(exist_ok=True)
        view.screenshot(path=str(RESULTS / "hidden-lab.png"))
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
