"""The explorers in the other places learners meet them: Notebook 7 and Voila.

(JupyterLab is covered notebook by notebook in test_lab.py, a static page with no kernel in
test_static_page.py.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import NOTES, RESULTS, ROOT, RUN_ALL, free_port, new_page, stop, wait_for_http
from .explorers import drive_boundary, drive_training, state
from .test_lab import check_outputs, run_all, wait_for_kernel, widgets_in

NOTEBOOK = "04_learning_rule.ipynb"


def test_notebook7(notebook7, browser, axe_source):
    page, watch = new_page(browser)
    where = "Notebook 7"
    try:
        page.goto(f"{notebook7.url}/notebooks/{NOTEBOOK}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        wait_for_kernel(page)
        RUN_ALL[f"{NOTEBOOK[:-6]} (Notebook 7)"] = run_all(page)
        widgets, expected = widgets_in(ROOT / "notebooks" / NOTEBOOK)
        explorers = check_outputs(page, expected, widgets)
        first = explorers.nth(0)
        assert "pl-training" in first.get_attribute("class")
        drive_training(page, first, where, axe_source, f"{where}:", gate="AND")
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "notebook7.png"))
        errors = [e for e in watch.page_errors if not notebook7_own_error(e)]
        if len(errors) < len(watch.page_errors):
            NOTES.append("Notebook 7: its own settings error on every page (also with no "
                         "explorer): \"Cannot read properties of undefined (reading 'schema')\"")
        assert not errors, f"JavaScript errors in the page: {errors[:3]}"
        assert not watch.console, f"errors logged in the page: {watch.console[:3]}"
    finally:
        page.close()
        notebook7.shut_down_sessions()


def notebook7_own_error(error):
    """Notebook 7.6's shortcuts extension throws this on every page it loads, the file browser
    and an empty notebook included (its settings registry, not the course)."""
    return ("reading 'schema'" in error and "/static/notebook/notebook_core." in error
            and "blob:" not in error)


@pytest.fixture
def voila_url():
    if shutil.which("voila") is None and not (Path(sys.executable).parent / "voila").exists():
        pytest.skip("voila is not installed (pip install -r requirements-dev.txt)")
    work = Path(tempfile.mkdtemp(prefix="course-voila-"))
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, work / NOTEBOOK)
    # a boundary explorer too, so that Voila shows more than one kind
    scratch = work / "boundary.ipynb"
    scratch.write_text(
        '{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, '
        '"outputs": [], "source": ["from perceptron_lib.widgets import BoundaryExplorer\\n", '
        '"BoundaryExplorer(gate=\\"AND\\")"]}], "metadata": {"kernelspec": {"name": '
        '"python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, '
        '"nbformat_minor": 5}')
    port = free_port()
    log = work / "voila.log"
    server = subprocess.Popen([sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
                               "--Voila.ip=127.0.0.1", "--Voila.root_dir=."],
                              cwd=work, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for_http(f"{url}/", server, log, timeout=60)
    yield url
    stop(server)
    shutil.rmtree(work, ignore_errors=True)


def test_voila(voila_url, browser):
    page, watch = new_page(browser)
    where = "Voila"
    try:
        page.goto(f"{voila_url}/voila/render/{NOTEBOOK}", timeout=120_000)
        page.wait_for_selector(".pl-training svg.pl-picture", timeout=120_000)
        assert page.get_by_text("Error displaying widget").count() == 0
        ex = page.locator(".pl-training").first
        assert state(ex)["title"].startswith("AND")
        drive_training(page, ex, where, gate="AND")
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "voila.png"))
        page.goto(f"{voila_url}/voila/render/boundary.ipynb", timeout=120_000)
        page.wait_for_selector(".pl-boundary svg.pl-picture", timeout=120_000)
        drive_boundary(page, page.locator(".pl-boundary"), where)
        assert not watch.page_errors, f"JavaScript errors in the page: {watch.page_errors[:3]}"
    finally:
        page.close()
