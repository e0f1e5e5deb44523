"""The neuron explorer in JupyterLab: inputs added and removed in the view, with or without
the kernel, and the sum, the picture and the words agree."""

from __future__ import annotations

from playwright.sync_api import expect

from .test_lab import check_outputs, open_scratch, run_all


def test_inputs_are_added_and_removed_in_the_view(lab, browser):
    page, watch = open_scratch(lab, browser, "neuron_inputs", [
        "from perceptron_lib.widgets import NeuronExplorer\n"
        "n = NeuronExplorer(n_inputs=2, weights=[1, 1], threshold=2)\nn",
        "print(n.inputs_on, n.weight_values)"])
    try:
        run_all(page)
        check_outputs(page, 1)
        ex = page.locator(".pl-neuron")
        toggles = ex.get_by_role("button", name="switch input", exact=False)
        expect(toggles).to_have_count(2)
        ex.get_by_role("button", name="add an input (at most 6)").click()
        expect(toggles).to_have_count(3)
        expect(ex.locator(".pl-inputs rect")).to_have_count(3)
        for k in range(3):
            toggles.nth(k).click()
        expect(ex.locator(".pl-readout")).to_have_text(
            "weighted sum = 1·1 + 1·1 + 1·1 = 3 ≥ threshold 2 → the neuron fires: output 1.")
        ex.get_by_role("button", name="remove the last input (at least 1)").click()
        expect(toggles).to_have_count(2)
        expect(ex.locator(".pl-readout")).to_contain_text("= 2 = threshold 2")
        # the kernel has the same inputs
        cell = page.locator(".jp-CodeCell").nth(1)
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-OutputArea-output")).to_contain_text("[1, 1] [1.0, 1.0]",
                                                                      timeout=20_000)
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
