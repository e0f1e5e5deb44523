"""The explorers on a static page: no kernel, no Jupyter server.

Notebook 04 is executed with nbclient (which stores the widget state in the notebook's
metadata), exported to HTML with nbconvert (the widget state embedded), and served on
127.0.0.1 by a plain file server together with the widget front-end scripts, all local:
require.js (npm ``requirejs``), the widgets' HTML manager (npm
``@jupyter-widgets/html-manager``, ``dist/embed-amd.js``) and anywidget's AMD build from the
installed wheel (``anywidget/nbextension/index.js``, ``define(["@jupyter-widgets/base"],
...)``), which the HTML manager's require loader takes from a local path. The page may
reach only 127.0.0.1. The training explorer is then driven as in JupyterLab: steps, back,
keys, per-epoch mode, Home/End, the readout; asking for a retraining says it needs a kernel.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import NOTES, RESULTS, ROOT, new_page
from .explorers import check_axe, click_at, drive_training, state

NOTEBOOK = "04_learning_rule.ipynb"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WHERE = "static page (no kernel)"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Notebook 04, executed with its widget state stored, as HTML."""
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    work = tmp_path_factory.mktemp("static-page")
    nb = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(work)}}).execute()
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    explorers = {k: m for k, m in state.items()
                 if m["model_module"] == "anywidget" and "run" in m["state"]}
    assert len(explorers) == 3, "notebook 04 shows three training explorers"
    for model in explorers.values():
        assert model["state"]["_esm"].lstrip().startswith("//"), "the view module is saved"
        assert model["state"]["run"]["n"] > 0, "the whole run is saved"
    exporter = HTMLExporter(template_name="lab",
                            require_js_url="vendor/require.js",
                            widget_renderer_url="vendor/html-manager/dist/embed-amd.js")
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "04"}})
    return html


def _site(folder, html, packages):
    """The page and the front-end scripts it loads, in one folder."""
    import anywidget

    vendor = folder / "vendor"
    (vendor / "html-manager" / "dist").mkdir(parents=True)
    shutil.copy(packages["requirejs"] / "require.js", vendor / "require.js")
    dist = packages["@jupyter-widgets/html-manager"] / "dist"
    assert (dist / "embed-amd.js").exists(), "the HTML manager ships dist/embed-amd.js"
    for f in dist.iterdir():        # the loader and the fonts it refers to, not source maps
        if f.name == "embed-amd.js" or f.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            shutil.copy(f, vendor / "html-manager" / "dist" / f.name)
    amd = Path(anywidget.__file__).parent / "nbextension" / "index.js"
    source = amd.read_text()
    assert 'define(["@jupyter-widgets/base"]' in source, "anywidget's AMD build"
    (vendor / "anywidget").mkdir()
    shutil.copy(amd, vendor / "anywidget" / "index.js")
    # The HTML manager asks require.js for "anywidget" first and goes to a CDN only if that
    # fails: tell require.js where anywidget is, right after require.js itself is loaded.
    tag = '<script src="vendor/require.js"></script>'
    assert html.count(tag) == 1, "require.js from the local copy"
    html = html.replace(tag, tag + '\n<script>require.config({paths: '
                        '{anywidget: "vendor/anywidget/index"}});</script>')
    assert "vendor/html-manager/dist/embed-amd.js" in html
    (folder / "index.html").write_text(html)
    return re.findall(r'<script[^>]+src="([^"]+)"', html)


@pytest.fixture(scope="module")
def static_site(npm_packages, tmp_path_factory, request):
    if npm_packages is None:
        pytest.skip("needs npm and its registry (the widget HTML manager and require.js)")
    exported = request.getfixturevalue("exported")
    folder = tmp_path_factory.mktemp("site")
    scripts = _site(folder, exported, npm_packages)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", scripts, folder
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    requested = []

    def log_message(self, format, *args):
        _QuietHandler.requested.append(self.path)


def test_static_page_steps_without_a_kernel(static_site, browser, axe_source):
    url, scripts, folder = static_site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/index.html")
        page.wait_for_selector(".pl-training svg.pl-picture", timeout=60_000)
        explorers = page.locator(".pl-training")
        expect(explorers).to_have_count(3, timeout=30_000)
        assert page.get_by_text("Error displaying widget").count() == 0
        loaded = _QuietHandler.requested
        assert any("vendor/anywidget/index.js" in p for p in loaded), loaded
        assert any("embed-amd.js" in p for p in loaded), loaded
        for blocked in watch.blocked:         # whatever was asked of other hosts, no widget code
            assert not re.search(r"html-manager|anywidget|require|jupyter-widgets", blocked), \
                f"widget code asked for at {blocked}"
        hosts = sorted({re.sub(r"^(\w+://[^/]+).*", r"\1", u) for u in watch.blocked})
        NOTES.append(f"static page: scripts {scripts}; requests to other hosts, blocked: "
                     f"{hosts or 'none'}")

        ex = explorers.first
        assert state(ex)["title"].startswith("AND")
        drive_training(page, ex, WHERE, axe_source, "static page", gate="AND")

        # retraining needs a kernel: the view says so, and the menu and the model go back to
        # the run on screen (so a click then asks for custom data first)
        ex.get_by_label("data", exact=True).select_option("custom")
        note = ex.locator("div.pl-note")
        expect(note).to_contain_text("needs the notebook running", timeout=3_500)
        expect(ex.get_by_label("data", exact=True)).to_have_value("AND")
        click_at(page, ex, 0.5, 0.5)
        expect(note).to_contain_text("choose “custom” data first", timeout=3_500)
        if axe_source:
            check_axe(page, ex, axe_source, "static page: training with the note shown")
        # predict mode works on the page too
        predict = explorers.nth(2)            # AND, XOR, then OR in predict mode
        predict.get_by_role("button", name="guess: the neuron fires at the next visit").click()
        expect(predict.locator("div.pl-note")).to_contain_text("✔ Right: at x = (0, 0)")
        expect(predict.locator(".pl-predict")).to_contain_text("score: 1 of 1")
        # the XOR explorer steps too
        xor = explorers.nth(1)
        xor.get_by_role("button", name="one step forward (→)", exact=True).click()
        assert state(xor)["readout"].startswith("epoch 1, sample 1 of 4")
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "static_page.png"))
        assert not watch.page_errors, f"JavaScript errors in the page: {watch.page_errors[:3]}"
        assert not watch.console, f"errors logged in the page: {watch.console[:3]}"
    finally:
        page.close()
        RESULTS.mkdir(exist_ok=True)
        shutil.copy(folder / "index.html", RESULTS / "static_page.html")
