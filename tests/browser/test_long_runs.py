"""A run past the size budget in JupyterLab: visit by visit as far as it was sent, epoch by
epoch to the end, and the view says so; nothing breaks at the seam."""

from __future__ import annotations

from playwright.sync_api import expect

from .explorers import PER_EPOCH, PER_SAMPLE, key, press, state, timed
from .test_lab import check_outputs, open_scratch, run_all


def test_a_thinned_run_steps_to_its_end(lab, browser):
    page, watch = open_scratch(lab, browser, "long_run", [
        "from perceptron_lib.widgets import TrainingExplorer\n"
        "ex = TrainingExplorer(dataset='XOR', epochs=3000)\n"
        "print(ex.run['stepped'], ex.run['n'])\nex"])
    try:
        run_all(page)
        check_outputs(page, 1)
        stepped, n = (int(v) for v in page.locator(".jp-OutputArea-output pre").first
                      .inner_text().split())
        ex = page.locator(".pl-training")
        assert "visit by visit" in state(ex)["status"]
        timed(page, ex, key(page, ex, "End"), "training", "JupyterLab, thinned run")
        st = state(ex)
        assert st["controls"]["visit"]["value"] == str(stepped), st["controls"]
        assert st["cornerNote"].startswith(f"epoch {stepped // 4}, step {stepped}/{n}")
        timed(page, ex, press(ex, PER_EPOCH), "training", "JupyterLab, thinned run")
        timed(page, ex, key(page, ex, "End"), "training", "JupyterLab, thinned run")
        st = state(ex)
        assert st["readout"].startswith("End of epoch 3000") and "W = [0, -1, 0]" in st["readout"]
        timed(page, ex, key(page, ex, "ArrowLeft"), "training", "JupyterLab, thinned run")
        assert state(ex)["readout"].startswith("End of epoch 2999")
        press(ex, PER_SAMPLE)()                      # back to visits: as far as they were sent
        expect(ex.locator(".pl-readout")).to_contain_text(f"epoch {stepped // 4}, sample 4 of 4")
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()
        lab.shut_down_sessions()
