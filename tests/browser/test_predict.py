"""Predict mode in JupyterLab: the learner guesses, the view reveals the visit, says why and
keeps the score, with or without the kernel."""

from __future__ import annotations

import nbformat
from playwright.sync_api import expect

from .explorers import state
from .test_lab import check_outputs, open_notebook, run_all


def test_predict_mode_in_the_browser(lab, browser):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from perceptron_lib.widgets import TrainingExplorer\n"
        "TrainingExplorer(dataset='AND', predict=True)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nbformat.write(nb, lab.root / "predict.ipynb")
    page, watch = open_notebook(lab, browser, "predict.ipynb", "predict")
    try:
        run_all(page)
        check_outputs(page, 1)
        ex = page.locator(".pl-training")
        row = ex.locator(".pl-predict")
        expect(row).to_contain_text("Next: x = (0, 0). Will the neuron fire?")
        fires = row.get_by_role("button", name="guess: the neuron fires at the next visit")
        fires.click()
        expect(ex.locator("div.pl-note")).to_contain_text("✔ Right: at x = (0, 0)")
        expect(row).to_contain_text("score: 1 of 1")
        assert state(ex)["controls"]["visit"]["value"] == "1"
        fires.click()                                   # (0, 1): it stays silent
        expect(ex.locator("div.pl-note")).to_contain_text("✘ Not this time")
        expect(row).to_contain_text("score: 1 of 2")
        assert "pl-alert" not in (ex.locator("div.pl-note").get_attribute("class") or "")
        # the kernel has the same score and position
        page.wait_for_timeout(500)
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
