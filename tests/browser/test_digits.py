"""The digits explorer on a static page (no kernel): it draws, steps, changes task with its
menus and shows the pocket weights, saying what Python says; axe-core finds nothing; at
phone width nothing scrolls sideways."""

from __future__ import annotations

import functools
import http.server
import threading

import nbformat
import pytest
from playwright.sync_api import expect

from perceptron_lib.widgets.digits import all_runs, readout, status

from .conftest import new_page
from .explorers import check_axe
from .test_static_page import _QuietHandler, _site

CODE = "from perceptron_lib.widgets import DigitsExplorer\nDigitsExplorer(3, 8)"


@pytest.fixture(scope="module")
def digits_page(npm_packages, tmp_path_factory):
    if npm_packages is None:
        pytest.skip("needs npm and its registry (the widget HTML manager and require.js)")
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    folder = tmp_path_factory.mktemp("digits-page")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CODE)])
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    exporter = HTMLExporter(template_name="lab", require_js_url="vendor/require.js",
                            widget_renderer_url="vendor/html-manager/dist/embed-amd.js")
    html, _ = exporter.from_notebook_node(nb)
    _site(folder, html, npm_packages)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def _words(ex):
    return (ex.locator(".pl-readout").text_content().strip(),
            ex.locator(".pl-status").text_content().strip())


def test_the_digits_explorer_works_without_a_kernel(digits_page, browser, axe_source):
    page, watch = new_page(browser)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(digits_page)
        ex = page.locator(".pl-digits")
        expect(ex).to_have_count(1, timeout=60_000)
        runs = all_runs()
        assert _words(ex) == (readout(runs["3-8"], 30), status(runs["3-8"], 30))
        ex.get_by_role("button", name="back to the start (Home)").click()
        assert _words(ex) == (readout(runs["3-8"], 0), status(runs["3-8"], 0))
        picture = ex.locator("svg.pl-picture")
        before = picture.inner_html()
        for _ in range(3):
            ex.get_by_role("button", name="one epoch forward (→)").click()
        assert picture.inner_html() != before
        assert _words(ex) == (readout(runs["3-8"], 3), status(runs["3-8"], 3))
        # the keys: End, then one back
        ex.get_by_role("button", name="one epoch forward (→)").press("End")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-8"], 30))
        ex.focus()
        page.keyboard.press("ArrowLeft")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-8"], 29))
        # the menus change the task, with no kernel; the epoch stays
        ex.get_by_label("against").select_option("rest")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-rest"], 29))
        ex.get_by_label("fires for the digit").select_option("1")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["1-rest"], 29))
        # choosing as digit the one it was against swaps the two
        ex.get_by_label("against").select_option("8")
        ex.get_by_label("fires for the digit").select_option("8")
        expect(ex.get_by_label("against")).to_have_value("1")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["8-1"], 29))
        # the pocket weights
        ex.get_by_label("against").select_option("rest")
        ex.get_by_role("button", name="pocket weights").click()
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["8-rest"], 29, True))
        # the test images shown wrong: as many as the run lists, each with its name
        run, e = runs["8-rest"], runs["8-rest"]["pocket"][29]
        items = ex.locator(".pl-missed-item svg[role=img]")
        expect(items).to_have_count(len(run["missed"][e]))
        assert items.first.get_attribute("aria-label").endswith(
            ("taken for an 8", "taken for not an 8"))
        check_axe(page, ex, axe_source, "digits explorer, static page")
        assert not errors, errors
    finally:
        page.close()


def test_the_digits_explorer_fits_a_phone(digits_page, browser):
    page, _ = new_page(browser, width=390, height=844)
    try:
        page.goto(digits_page)
        ex = page.locator(".pl-digits")
        expect(ex).to_have_count(1, timeout=60_000)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        box = ex.bounding_box()
        assert box["x"] + box["width"] <= 390 + 1 and wide <= 390 + 1, (box, wide)
        ex.get_by_role("button", name="back to the start (Home)").click()
        ex.get_by_role("button", name="one epoch forward (→)").click()
        expect(ex.locator(".pl-readout")).to_contain_text("After epoch 1")
    finally:
        page.close()
