"""JupyterLab: open every notebook, Run All, and use every explorer as a learner would; then
shut the kernel down and check that the explorers keep stepping without it."""

from __future__ import annotations

import json
import re
import time

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import NOTES, RESULTS, ROOT, RUN_ALL, new_page
from .explorers import (
    BACK,
    FORWARD,
    PER_EPOCH,
    PER_SAMPLE,
    Map,
    add_point_by_click,
    check_axe,
    check_line_agrees,
    check_words_agree,
    click_at,
    drive_boundary,
    drive_curves,
    drive_descent,
    drive_hidden,
    drive_neuron,
    drive_training,
    key,
    last_W,
    position,
    press,
    state,
    switch_to_custom,
    timed,
    visit_slider,
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
GATES = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")
WHERE = "JupyterLab"


def widgets_in(path):
    """(widget outputs, of which explorers) in the notebook, as committed."""
    nb = json.loads(path.read_text())
    outputs = [o["data"] for c in nb["cells"] if c["cell_type"] == "code"
               for o in c.get("outputs", []) if WIDGET_MIME in o.get("data", {})]
    explorers = [d for d in outputs
                 if re.match(r"\w+Explorer:", "".join(d.get("text/plain", "")))]
    return len(outputs), len(explorers)


def open_scratch(lab, browser, name, cells):
    """A notebook of the test's own (its code cells), written into the server's folder and
    opened in a workspace of its own; returns (page, watch). The caller runs it."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nbformat.write(nb, lab.root / f"{name}.ipynb")
    return open_notebook(lab, browser, f"{name}.ipynb", name.replace("_", "-"))


def open_notebook(lab, browser, name, workspace):
    page, watch = new_page(browser)
    # A workspace of its own: JupyterLab would otherwise reopen earlier notebooks too.
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    assert page.locator(".jp-NotebookPanel").count() == 1
    wait_for_kernel(page)
    return page, watch


KERNEL_READY = """() => {
    // The notebook's kernel connected and idle (the status bar can say idle before that).
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const session = panel && panel.sessionContext;
    const kernel = session && session.isReady && session.session && session.session.kernel;
    return !!kernel && kernel.connectionStatus === "connected" && kernel.status === "idle";
}"""


def wait_for_kernel(page, timeout=90_000):
    page.wait_for_function(KERNEL_READY, timeout=timeout)


ALL_RAN = """() => {
    // every code cell of the notebook has run: read from the notebook's model, so that cells
    // whose input is collapsed (the set-up cell) or not drawn yet count too
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel && panel.content && panel.content.model && panel.content.model.cells;
    if (!cells || !cells.length) return false;
    let code = 0;
    for (let i = 0; i < cells.length; i++) {
        const c = cells.get(i);
        if (c.type !== "code") continue;
        code += 1;
        if (!c.executionCount) return false;
    }
    return code > 0;
}"""


def run_all(page, timeout=180_000):
    """Clear every output, Run All, wait until every cell has run; return the seconds."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".every(p => !/\\d/.test(p.textContent))", timeout=10_000)
    wait_for_kernel(page)
    start = time.perf_counter()
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    try:
        page.wait_for_function(ALL_RAN, timeout=timeout)
    except Exception:
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "run-all-failed.png"))
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        raise AssertionError(f"Run All did not finish; prompts: {prompts}") from None
    seconds = time.perf_counter() - start
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=30_000)
    return seconds


def check_outputs(page, expected, widgets=None):
    """No error output, every widget and every explorer rendered, no widget that failed."""
    assert page.locator(".jp-OutputArea-output[data-mime-type="
                        "'application/vnd.jupyter.error']").count() == 0, "an error output"
    out = page.locator(".jp-OutputArea-output")
    for text in ("Error displaying widget", "Failed to load model class", "Model not found",
                 "Loading widget", "Could not create"):
        assert out.filter(has_text=text).count() == 0, f"an output says {text!r}"
    if widgets is not None:
        # a widget's output is a panel holding the widget's view (no data-mime-type)
        views = page.locator(".jp-OutputArea-output:not([data-mime-type])")
        expect(views).to_have_count(widgets, timeout=30_000)
        for k in range(widgets):
            assert views.nth(k).locator("*").count() > 0, f"widget {k} is empty"
    explorers = page.locator(".pl-explorer")
    expect(explorers).to_have_count(expected, timeout=30_000)
    for k in range(expected):
        ex = explorers.nth(k)
        ex.scroll_into_view_if_needed()
        assert ex.is_visible(), f"explorer {k} is not visible"
        assert ex.locator("svg.pl-picture").count() == 1, f"explorer {k} has no picture"
        box = ex.locator("svg.pl-picture").bounding_box()
        assert box["width"] > 100 and box["height"] > 100, f"explorer {k} is drawn tiny: {box}"
    return explorers


def gate_of(ex):
    title = state(ex)["title"] or ""
    name = title.split(",")[0]
    return name if name in GATES else None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_its_explorers_work(path, lab, browser, axe_source):
    page, watch = open_notebook(lab, browser, path.name, path.stem)
    try:
        RUN_ALL[path.stem] = run_all(page)
        widgets, expected = widgets_in(path)
        explorers = check_outputs(page, expected, widgets)
        custom_done = False
        for k in range(explorers.count()):
            ex = explorers.nth(k)
            label = f"{path.stem} #{k}"
            kind = ex.get_attribute("class")
            if "pl-training" in kind:
                # 05's explorers start elsewhere or shuffle: not the textbook run of the gate
                gate = None if path.stem.startswith("05") else gate_of(ex)
                drive_training(page, ex, WHERE, axe_source, label, gate=gate)
                if path.stem.startswith("04") and gate == "AND" and not custom_done:
                    switch_to_custom(page, ex)
                    if axe_source:
                        check_axe(page, ex, axe_source, f"{label} training, custom data")
                    add_point_by_click(page, ex, WHERE)
                    custom_done = True
            elif "pl-boundary" in kind:
                drive_boundary(page, ex, WHERE, axe_source, label)
            elif "pl-neuron" in kind:
                drive_neuron(page, ex, WHERE, axe_source, label)
            elif "pl-descent" in kind:
                drive_descent(page, ex, WHERE, axe_source, label)
            elif "pl-curves" in kind:
                drive_curves(page, ex, WHERE, axe_source, label,
                             choices=[("moons", 1), ("spiral", 8), ("circles", 3)])
            elif "pl-hiddenlayer" in kind:
                drive_hidden(page, ex, WHERE, axe_source, label)
            elif "pl-digits" in kind:
                readout = ex.locator(".pl-readout")
                ex.get_by_role("button", name="back to the start (Home)").click()
                before = readout.text_content()
                ex.get_by_role("button", name="one epoch forward (→)").click()
                expect(readout).not_to_have_text(before)
                expect(readout).to_contain_text("After epoch 1:")
                ex.get_by_label("against").select_option("rest")
                expect(readout).to_contain_text("of 1200 training images wrong")
                if axe_source:
                    check_axe(page, ex, axe_source, f"{label} digits")
            else:
                raise AssertionError(f"{label}: an explorer of unknown kind {kind!r}")
        if path.stem.startswith("04"):
            assert custom_done, "notebook 04 should have the AND training explorer"
        if axe_source:             # the other widgets of the notebook (ipywidgets) too
            views = page.locator(".jp-OutputArea-output:not([data-mime-type])")
            for k in range(views.count()):
                if views.nth(k).locator(".pl-explorer").count() == 0:
                    check_axe(page, views.nth(k), axe_source, f"{path.stem} widget {k}")
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"{path.stem}.png"), full_page=False)
        assert not watch.page_errors, f"JavaScript errors in the page: {watch.page_errors[:3]}"
        assert not watch.console, f"errors logged in the page: {watch.console[:3]}"
    finally:
        page.close()
        lab.shut_down_sessions()


SCRATCH = [
    "from perceptron_lib.widgets import (BoundaryExplorer, DescentExplorer, NeuronExplorer,\n"
    "                                    TrainingExplorer)",
    'TrainingExplorer(dataset="AND")',
    'BoundaryExplorer(gate="AND")',
    "NeuronExplorer(n_inputs=3, weights=[1, 1, 1], threshold=2)",
    "DescentExplorer(seed=0)",
]


def test_explorers_keep_working_without_a_kernel(lab, browser, axe_source):
    """Shut the kernel down: stepping, going back, the slider, keys, per-epoch mode, the
    boundary and neuron explorers all still work; adding a point says it needs the kernel."""
    page, watch = open_scratch(lab, browser, "kernel_gone", SCRATCH)
    where = f"{WHERE}, kernel gone"
    try:
        run_all(page)
        explorers = check_outputs(page, 4)
        ex = page.locator(".pl-training")
        switch_to_custom(page, ex)                 # with the kernel: the AND points, as custom
        timed(page, ex, press(ex, FORWARD), "training", WHERE)

        kernels = lab.kernels()
        assert len(kernels) == 1
        lab.shut_down_kernel(kernels[0]["id"])
        deadline = time.time() + 10
        while lab.kernels() and time.time() < deadline:
            time.sleep(0.2)
        assert not lab.kernels(), "the kernel is still there"
        page.wait_for_timeout(1500)                 # let the page notice
        expect(explorers).to_have_count(4)

        # stepping, back, keys and the slider: new pictures and words, no kernel involved
        st = state(ex)
        for action, want in ((press(ex, FORWARD), 2), (press(ex, FORWARD), 3),
                             (press(ex, BACK), 2), (key(page, ex, "ArrowRight"), 3),
                             (key(page, ex, "End"), None), (key(page, ex, "Home"), 0)):
            before = st
            timed(page, ex, action, "training", where)
            st = state(ex)
            assert st["picture"] != before["picture"] and st["readout"] != before["readout"]
            if want is not None:
                assert position(st) == want
            check_words_agree(st, "kernel gone")
            check_line_agrees(st, last_W(st["readout"]), "kernel gone")
        slider = visit_slider(ex)
        for _ in range(3):
            before = st

            def move():
                slider.focus()
                page.keyboard.press("ArrowRight")
            timed(page, ex, move, "training", where)
            st = state(ex)
            assert st["picture"] != before["picture"] and st["readout"] != before["readout"]
        assert position(st) == 3
        timed(page, ex, press(ex, PER_EPOCH), "training", where)
        timed(page, ex, press(ex, FORWARD), "training", where)
        assert state(ex)["readout"].startswith("End of epoch")
        press(ex, PER_SAMPLE)()

        drive_boundary(page, page.locator(".pl-boundary"), where)
        drive_neuron(page, page.locator(".pl-neuron"), where)
        descent = page.locator(".pl-descent")
        drive_descent(page, descent, where)
        descent.get_by_role("button", name="train again from the next seed's random start",
                            exact=True).click()
        expect(descent.locator("div.pl-note")).to_contain_text("needs the notebook running",
                                                               timeout=3_500)
        # one no-kernel policy: the controls (and the model) go back to the run on screen
        expect(descent.get_by_label("seed", exact=True)).to_have_value("0")
        for label, value in (("learning rate", "2"), ("epochs", "250")):
            before = state(descent)["title"]
            descent.get_by_label(label, exact=True).select_option(value)
            expect(descent.locator("div.pl-note")).to_contain_text("needs the notebook running",
                                                                   timeout=3_500)
            expect(descent.get_by_label(label, exact=True)).not_to_have_value(value)
            assert state(descent)["title"] == before
        assert "learning rate 5" in state(descent)["title"]
        expect(descent.get_by_label("learning rate", exact=True)).to_have_value("5")

        for label, value in (("data", "OR"), ("learning rate", "0.5")):
            before = state(ex)
            ex.get_by_label(label, exact=True).select_option(value)
            expect(ex.locator("div.pl-note")).to_contain_text("needs the notebook running",
                                                              timeout=3_500)
            expect(ex.get_by_label("data", exact=True)).to_have_value("custom")
            expect(ex.get_by_label("learning rate", exact=True)).to_have_value("1")
            assert state(ex)["title"] == before["title"]

        # adding a point needs the kernel: the view says so, within about 3 seconds
        m = Map(state(ex))
        assert m.span > 0
        start = time.perf_counter()
        click_at(page, ex, 0.5, 0.25)
        note = ex.locator("div.pl-note")
        expect(note).to_contain_text("needs the notebook running", timeout=3_500)
        NOTES.append(f"kernel gone: a click to add a point said it needs the kernel after "
                     f"{time.perf_counter() - start:.1f} s")
        assert note.get_attribute("role") == "alert"
        assert len(state(ex)["markers"]) == 4, "no point was added"
        if axe_source:
            check_axe(page, ex, axe_source, "kernel gone: training with the note shown")
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "kernel_gone.png"), full_page=False)
        assert not watch.page_errors, f"JavaScript errors in the page: {watch.page_errors[:3]}"
    finally:
        page.close()
        lab.shut_down_sessions()
