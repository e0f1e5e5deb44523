"""Open every notebook in JupyterLab, Run All, and use the explorers as a learner would."""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, ROOT, TIMINGS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def widget_outputs_in(path):
    nb = json.loads(path.read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code"
               for o in c["outputs"] if WIDGET_MIME in o.get("data", {}))


def src_of(img):
    return img.get_attribute("src")


STOPWATCH = """(img) => {
    // Time, inside the page, from the learner's press (pointer or key) to the new picture.
    window.__latency = null;
    let t0 = null;
    const start = (e) => { if (t0 === null) t0 = e.timeStamp; };
    document.addEventListener('pointerdown', start, {capture: true, once: true});
    document.addEventListener('keydown', start, {capture: true, once: true});
    const obs = new MutationObserver(() => {
        obs.disconnect();
        window.__latency = performance.now() - (t0 === null ? performance.now() : t0);
    });
    obs.observe(img, {attributes: true, attributeFilter: ['src']});
}"""


def changes_picture(page, img, action, timeout=10_000):
    """Do ``action``; wait until the image shows a new picture. Returns the seconds from the
    press to the new picture, measured in the page."""
    img.evaluate(STOPWATCH)
    action()
    page.wait_for_function("() => window.__latency !== null", timeout=timeout)
    return page.evaluate("() => window.__latency") / 1000


def text_of(locator):
    return locator.inner_text().strip()


def menu(page, top, item):
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{item}$")).click()


def run_all(page):
    # Clear first, so that "every cell has a number" means "every cell ran again".
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".every(p => !/\\d/.test(p.textContent))", timeout=10_000)
    menu(page, "Run", "Run All Cells")


def wait_until_idle(page, timeout=120_000):
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=timeout)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_its_widgets_work(path, lab_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        # A workspace of its own: JupyterLab would otherwise reopen earlier notebooks too.
        page.goto(f"{lab_url}/lab/workspaces/{path.stem}/tree/{path.name}?reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        assert page.locator(".jp-NotebookPanel").count() == 1
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=60_000)
        start = time.perf_counter()
        run_all(page)
        page.wait_for_timeout(500)
        wait_until_idle(page)
        run_seconds = time.perf_counter() - start
        page.wait_for_timeout(1000)

        # No error output and no widget that failed to render.
        assert page.locator(".jp-OutputArea-output[data-mime-type="
                            "'application/vnd.jupyter.error']").count() == 0
        out = page.locator(".jp-OutputArea-output")
        assert out.filter(has_text="Error displaying widget").count() == 0
        assert out.filter(has_text="Failed to load model class").count() == 0
        assert out.filter(has_text="Loading widget").count() == 0

        # Every widget the notebook creates is rendered.
        expected = widget_outputs_in(path)
        outputs = page.locator(".jp-OutputArea-output > .jupyter-widgets")
        assert outputs.count() == expected
        for k in range(expected):
            assert outputs.nth(k).locator(".jupyter-widgets").count() > 0, f"widget {k} empty"
            assert outputs.nth(k).is_visible()

        latencies = []
        explorers = page.locator(".perceptron-training-explorer")
        for k in range(explorers.count()):
            latencies += exercise_training_explorer(page, explorers.nth(k))
        neurons = page.locator(".perceptron-neuron-explorer")
        for k in range(neurons.count()):
            latencies += exercise_neuron_explorer(page, neurons.nth(k))
        boundaries = page.locator(".perceptron-boundary-explorer")
        for k in range(boundaries.count()):
            latencies += exercise_boundary_explorer(page, boundaries.nth(k))

        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"{path.stem}.png"), full_page=False)
        TIMINGS[path.stem] = {"run_all": run_seconds, "latencies": latencies}
        assert not errors, f"JavaScript errors in the page: {errors[:3]}"
    finally:
        page.close()
        shut_down_kernels(lab_url)


def shut_down_kernels(url):
    with urllib.request.urlopen(f"{url}/api/sessions") as r:
        sessions = json.loads(r.read())
    for session in sessions:
        req = urllib.request.Request(f"{url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(req).close()


def button(scope, label):
    return scope.locator("button", has_text=re.compile(rf"^\s*{label}\s*$"))


def exercise_training_explorer(page, ex):
    ex.scroll_into_view_if_needed()
    img = ex.locator("img").first
    readout = ex.locator("[role=status]").first
    assert "Before training" in text_of(readout)
    latencies = []
    seen = set()
    for k in range(1, 7):                               # step forward
        latencies.append(changes_picture(page, img, lambda: button(ex, "step").click()))
        expect(readout).to_contain_text(re.compile(r"^(epoch \d+, sample|End of epoch)"))
        expect(ex.locator(".widget-slider .widget-readout").last).to_have_text(str(k))
        seen.add(text_of(readout))
    assert len(seen) == 6, "each step tells a new story"
    forward_picture = src_of(img)
    latencies.append(changes_picture(page, img, lambda: button(ex, "back").click()))
    assert src_of(img) != forward_picture
    expect(ex.locator(".widget-slider .widget-readout").last).to_have_text("5")

    # keys, with the mouse over the picture
    img.hover()
    latencies.append(changes_picture(page, img, lambda: page.keyboard.press("ArrowRight")))
    expect(ex.locator(".widget-slider .widget-readout").last).to_have_text("6")
    latencies.append(changes_picture(page, img, lambda: page.keyboard.press("ArrowLeft")))
    expect(ex.locator(".widget-slider .widget-readout").last).to_have_text("5")

    # the slider: focus its handle and move it with the keyboard
    handle = ex.locator(".widget-slider .noUi-handle").last
    handle.focus()
    latencies.append(changes_picture(page, img, lambda: page.keyboard.press("ArrowRight")))
    expect(ex.locator(".widget-slider .widget-readout").last).to_have_text("6")

    # play, then pause
    play = ex.locator(".widget-play button").first
    changes_picture(page, img, play.click, timeout=15_000)
    ex.locator(".widget-play button").nth(1).click()          # pause
    page.wait_for_timeout(300)
    button(ex, "start").click()
    expect(readout).to_contain_text("Before training", timeout=10_000)

    # custom data: a click on the picture adds a point of the chosen class
    ex.locator("select").first.select_option("custom")
    points = ex.locator("textarea").first
    expect(points).to_be_visible()
    before = points.input_value().count("\n") + 1 if points.input_value().strip() else 0
    box = img.bounding_box()
    changes_picture(page, img, lambda: page.mouse.click(box["x"] + 0.3 * box["width"],
                                                        box["y"] + 0.5 * box["height"]))
    expect(points).to_have_value(re.compile(r"(?:.*\n){" + str(before) + r"}.*\S"))
    return latencies


def exercise_neuron_explorer(page, ex):
    ex.scroll_into_view_if_needed()
    img = ex.locator("img").first
    toggle = ex.locator("button", has_text="x1 =").first
    latency = changes_picture(page, img, toggle.click)
    expect(toggle).to_contain_text("x1 = 1")
    return [latency]


def exercise_boundary_explorer(page, ex):
    ex.scroll_into_view_if_needed()
    img = ex.locator("img").first
    message = ex.locator("[role=status]").first
    before = text_of(message)
    handle = ex.locator(".widget-slider .noUi-handle").last    # the bias slider
    handle.focus()
    latencies = []
    for _ in range(6):
        latencies.append(changes_picture(page, img, lambda: page.keyboard.press("ArrowLeft")))
    expect(message).not_to_have_text(before)
    expect(message).to_contain_text("rows right")
    return latencies
