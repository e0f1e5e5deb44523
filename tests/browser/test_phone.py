"""The neuron, boundary, hidden-layer and digits explorers on a 390 px phone, on a static page
(no kernel) in JupyterLab's light and dark themes: each is redrawn at the width there is
instead of being shrunk. The page does not scroll sideways, nothing of an explorer is cut off
at the right, every text in its picture is at least 11 CSS px as shown (font size times the
picture's scale), every control is at least 24 px each way, the legend lies under the picture
(over none of it), and the steps, menus, sliders and switches still work. On a wide screen
they are drawn as designed. Screenshots in results/phone-*.png."""

from __future__ import annotations

import functools
import http.server
import threading

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import NOTES, RESULTS, new_page
from .test_static_page import _QuietHandler, _site

# One explorer of each kind, as the notebooks show them (01, 02/03, 06, 09).
CODE = [
    "from perceptron_lib.widgets import (BoundaryExplorer, DigitsExplorer, HiddenLayerExplorer,\n"
    "                                    NeuronExplorer)",
    "NeuronExplorer(n_inputs=3, weights=[1, 1, 1], threshold=2)",
    'BoundaryExplorer(gate="AND", w1=1.0, w2=1.0, b=-0.5)',
    'HiddenLayerExplorer(target="XOR", hidden=("OR", "NAND"))',
    "DigitsExplorer(digit=3, against=8)",
]
KINDS = ["neuron", "boundary", "hiddenlayer", "digits"]
PHONE_WIDTH = 390


@pytest.fixture(scope="module")
def phone_page(npm_packages, tmp_path_factory):
    if npm_packages is None:
        pytest.skip("needs npm and its registry (the widget HTML manager and require.js)")
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    folder = tmp_path_factory.mktemp("phone-page")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CODE])
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    for scheme in ("light", "dark"):          # JupyterLab's light and dark themes
        exporter = HTMLExporter(template_name="lab", theme=scheme,
                                require_js_url="vendor/require.js",
                                widget_renderer_url="vendor/html-manager/dist/embed-amd.js")
        html, _ = exporter.from_notebook_node(nb)
        (folder / scheme).mkdir()
        _site(folder / scheme, html, npm_packages)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{scheme}}/index.html"
    server.shutdown()
    server.server_close()


# Runs in the page, for one explorer: its box and its picture's, the boxes of its plot frames
# and legends, every visible text of the picture at the size it is shown, every visible
# control's size, and whatever sticks out of the explorer at the right.
MEASURE = r"""(root) => {
  const box = (e) => e.getBoundingClientRect();
  const pic = root.querySelector("svg.pl-picture");
  const shown = (e) => { const r = box(e); return r.width > 0 && r.height > 0
    && getComputedStyle(e).visibility !== "hidden"; };
  const frames = [...pic.querySelectorAll(".pl-axes > rect, .pl-frame")].map(box);
  const legends = [...pic.querySelectorAll(".pl-legend")].filter(shown).map(box);
  const texts = [...pic.querySelectorAll("text")].filter((t) => shown(t) && t.textContent.trim())
    .map((t) => { const m = t.getScreenCTM(), size = parseFloat(getComputedStyle(t).fontSize);
                  return { text: t.textContent.trim().slice(0, 30),
                           px: size * Math.hypot(m.a, m.b) }; });
  const controls = [...root.querySelectorAll("button, select, input")]
    .filter((c) => c.offsetParent !== null)
    .map((c) => ({ name: c.getAttribute("aria-label") || c.id || c.type,
                   w: box(c).width, h: box(c).height }));
  const right = box(root).right;
  const out = [...root.querySelectorAll("*")].filter((e) => shown(e) && !e.closest("defs"))
    .filter((e) => box(e).right > Math.min(right, document.documentElement.clientWidth) + 1)
    .map((e) => `${e.tagName}.${e.getAttribute("class") || ""} ${Math.round(box(e).right)}`);
  return { root: box(root), picture: box(pic), frames, legends, texts, controls, out,
           narrow: root.classList.contains("pl-narrow"),
           page: document.documentElement.scrollWidth };
}"""


def measure(ex):
    return ex.evaluate(MEASURE)


def check_fits(m, where, width=PHONE_WIDTH):
    assert m["page"] <= width, f"{where}: the page is {m['page']} px wide"
    assert m["narrow"], f"{where}: not redrawn for a narrow screen"
    assert m["root"]["right"] <= width + 0.5 and m["picture"]["right"] <= width + 0.5, \
        (where, m["root"], m["picture"])
    assert not m["out"], f"{where}: cut off at the right: {m['out'][:5]}"
    small = sorted((t for t in m["texts"] if t["px"] < 10.95), key=lambda t: t["px"])
    assert not small, f"{where}: text below 11 px: {small[:5]}"
    tiny = [c for c in m["controls"] if c["h"] < 24 or c["w"] < 24]
    assert not tiny, f"{where}: controls below 24 px: {tiny}"
    if m["frames"]:
        bottom = max(f["bottom"] for f in m["frames"])
        for legend in m["legends"]:          # under the picture, over none of it
            assert legend["top"] >= bottom - 0.5, (where, legend, bottom)


def _open(browser, url, scheme, width=PHONE_WIDTH):
    page, watch = new_page(browser, width=width, height=844)
    page.emulate_media(color_scheme=scheme)
    page.goto(url.format(scheme=scheme))
    explorers = page.locator(".pl-explorer")
    try:
        expect(explorers).to_have_count(len(KINDS), timeout=60_000)
    except AssertionError:
        page.close()
        raise AssertionError(f"not every explorer drew: {watch.page_errors[:3]}") from None
    page.wait_for_timeout(300)                    # the views have measured their width
    return page, watch


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_explorers_fit_a_phone(phone_page, browser, scheme):
    page, watch = _open(browser, phone_page, scheme)
    RESULTS.mkdir(exist_ok=True)
    try:
        for kind in KINDS:
            ex = page.locator(f".pl-{kind}")
            ex.scroll_into_view_if_needed()
            where = f"{kind} ({scheme})"
            m = measure(ex)
            check_fits(m, where)
            ex.screenshot(path=str(RESULTS / f"phone-{kind}-{scheme}.png"))
            NOTES.append(f"phone 390 px, {where}: smallest text "
                         f"{min(t['px'] for t in m['texts']):.1f} px, smallest control "
                         f"{min(min(c['w'], c['h']) for c in m['controls']):.0f} px")
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_the_explorers_still_work_on_a_phone(phone_page, browser):
    page, watch = _open(browser, phone_page, "light")
    try:
        # the neuron: an input switched on fires it; an input added is drawn and fits
        ex = page.locator(".pl-neuron")
        readout = ex.locator(".pl-readout")
        expect(readout).to_contain_text("stays silent")
        toggles = ex.get_by_role("button", name="switch input", exact=False)
        toggles.nth(0).click()
        toggles.nth(1).click()
        expect(readout).to_contain_text("fires: output 1")
        ex.get_by_role("button", name="add an input (at most 6)").click()
        expect(ex.locator(".pl-inputs rect")).to_have_count(4)
        check_fits(measure(ex), "neuron, 4 inputs")
        # the boundary: the gate menu and a slider
        ex = page.locator(".pl-boundary")
        ex.get_by_label("gate", exact=True).select_option("NAND")
        expect(ex.locator(".pl-message")).to_contain_text("2 of 4 rows right")
        line = ex.locator(".pl-line")
        before = line.get_attribute("x1"), line.get_attribute("y1")
        for name, value in (("w1", "-1"), ("w2", "-1"), ("bias b", "1.5")):
            ex.get_by_label(name, exact=True).fill(value)
        expect(ex.locator(".pl-message")).to_contain_text("All four rows right")
        assert (line.get_attribute("x1"), line.get_attribute("y1")) != before
        check_fits(measure(ex), "boundary, NAND")
        # the hidden layer: the menus and the steps
        ex = page.locator(".pl-hiddenlayer")
        ex.get_by_role("button", name="back to the start (Home)").click()
        ex.get_by_role("button", name="one step forward (→)").click()
        expect(ex.locator(".pl-readout")).to_contain_text("epoch 1, input 1 of 4")
        ex.get_by_label("hidden neuron 2 (h2)", exact=True).select_option("OR")
        expect(ex.locator(".pl-status")).to_contain_text("h2 = OR")
        check_fits(measure(ex), "hidden layer, OR and OR")
        # the digits: the steps, the menus, the pocket
        ex = page.locator(".pl-digits")
        ex.get_by_role("button", name="back to the start (Home)").click()
        ex.get_by_role("button", name="one epoch forward (→)").click()
        expect(ex.locator(".pl-readout")).to_contain_text("After epoch 1")
        ex.get_by_label("against").select_option("rest")
        ex.get_by_role("button", name="pocket weights").click()
        expect(ex.locator(".pl-readout")).to_contain_text("Pocket weights")
        check_fits(measure(ex), "digits, 3 against the rest")
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_on_a_wide_screen_they_are_drawn_as_designed(phone_page, browser):
    page, watch = _open(browser, phone_page, "light", width=1400)
    try:
        for kind in KINDS:
            ex = page.locator(f".pl-{kind}")
            m = measure(ex)
            assert not m["narrow"], kind
            ex.screenshot(path=str(RESULTS / f"phone-desktop-{kind}.png"))
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
