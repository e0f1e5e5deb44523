"""The training explorer in the other places learners meet it: Notebook 7 and Voila.

(JupyterLab is covered notebook by notebook in test_lab.py.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, ROOT, _free_port
from .test_lab import button, changes_picture, menu, wait_until_idle

NOTEBOOK = "04_learning_rule.ipynb"


def step_and_back(page):
    ex = page.locator(".perceptron-training-explorer").first
    ex.scroll_into_view_if_needed()
    img = ex.locator("img").first
    readout = ex.locator("[role=status]").first
    expect(readout).to_contain_text("Before training")
    changes_picture(page, img, lambda: button(ex, "step").click())
    expect(readout).to_contain_text("epoch 1, sample 1 of 4")
    changes_picture(page, img, lambda: button(ex, "back").click())
    expect(readout).to_contain_text("Before training")


def test_notebook7(lab_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{lab_url}/notebooks/{NOTEBOOK}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=60_000)
        menu(page, "Edit", "Clear Outputs of All Cells")
        menu(page, "Run", "Run All Cells")
        page.wait_for_timeout(500)
        wait_until_idle(page)
        out = page.locator(".jp-OutputArea-output")
        assert out.filter(has_text="Error displaying widget").count() == 0
        step_and_back(page)
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "notebook7.png"))
    finally:
        page.close()


@pytest.fixture
def voila_url():
    if shutil.which("voila") is None and not (Path(sys.executable).parent / "voila").exists():
        pytest.skip("voila is not installed (pip install -r requirements.txt)")
    work = Path(tempfile.mkdtemp(prefix="course-voila-"))
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, work / NOTEBOOK)
    port = _free_port()
    log = open(work / "voila.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "voila", NOTEBOOK, "--no-browser",
                               f"--port={port}", "--Voila.ip=127.0.0.1"],
                              cwd=work, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(url + "voila/static/", timeout=2)
        except urllib.error.HTTPError:
            break                       # the server answers
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError((work / "voila.log").read_text()) from None
            time.sleep(0.5)
        else:
            break
    yield url
    server.terminate()
    server.wait(timeout=20)
    shutil.rmtree(work, ignore_errors=True)


def test_voila(voila_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(voila_url, timeout=120_000)
        page.wait_for_selector(".perceptron-training-explorer img", timeout=120_000)
        assert page.get_by_text("Error displaying widget").count() == 0
        step_and_back(page)
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "voila.png"))
    finally:
        page.close()
