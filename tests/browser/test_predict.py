"""Predict mode in JupyterLab: the learner guesses, the view reveals the visit, says why and
keeps the score, with or without the kernel; at a mistake it asks which way the update moves W
first."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .explorers import state
from .test_lab import check_outputs, open_scratch, run_all


def test_predict_mode_in_the_browser(lab, browser):
    page, watch = open_scratch(lab, browser, "predict", [
        "from perceptron_lib.widgets import TrainingExplorer\n"
        "TrainingExplorer(dataset='AND', predict=True)"])
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
        # a mistake: which way does the update move W? (asked before the visit is shown)
        expect(row).to_contain_text("A mistake at x = (0, 0), so W changes")
        assert state(ex)["controls"]["visit"]["value"] == "0"
        assert not fires.is_visible()
        away = row.get_by_role("button", name=re.compile(r"^w away from x b down"))
        expect(row.get_by_role("button", name=re.compile(r"^w towards x b up"))).to_be_focused()
        away.click()
        expect(ex.locator("div.pl-note")).to_contain_text(
            "✔ Right: e = d − y = 0 − 1 = -1, so W ← W + 1·(-1)·[1, 0, 0]; b goes down")
        expect(row).to_contain_text("score: 2 of 2")
        assert state(ex)["controls"]["visit"]["value"] == "1"
        expect(fires).to_be_focused()
        fires.click()                                   # (0, 1): it stays silent
        expect(ex.locator("div.pl-note")).to_contain_text("✘ Not this time")
        expect(row).to_contain_text("score: 2 of 3")
        assert state(ex)["controls"]["visit"]["value"] == "2"       # no mistake: shown at once
        assert "pl-alert" not in (ex.locator("div.pl-note").get_attribute("class") or "")
        # the kernel has the same score and position
        page.wait_for_timeout(500)
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
