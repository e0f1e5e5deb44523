"""The JupyterLite site in a real browser that reaches no host but 127.0.0.1.

The site is built with Pyodide's core from the npm registry (`npm pack pyodide@314.0.6`,
the version jupyterlite-pyodide-kernel 0.8.6 is built for) placed where the build picks it
up, and, in place of Pyodide's own builds of them, PyPI's wheels of the pure-Python packages
the kernel loads when it starts (micropip, ipython, jedi and what they need, each at the
version of Pyodide's lock file). The site is served on 127.0.0.1; Chromium resolves no other
host name and Playwright aborts every request to another host, recording it.

Pyodide's builds of numpy, matplotlib, pillow and kiwisolver are on no registry this
machine reaches (PyPI has no pyemscripten wheels of them), so the course itself cannot run
here. Everything else is checked: the kernel starts; `%pip install perceptron_lib` in the
setup cell installs the library from the site; the setup cell then says in one sentence that
JupyterLite needs an internet connection the first time (JupyterLite shows errors as stderr
streams, so both are looked for); an ipywidgets widget renders, and so does the course's own
first widget cell; and the only requests that left for another host were for Pyodide's
packages on its CDN (and the badge pictures in the notebook's text): none for PyPI.

Skipped, with the reason, where Chromium, Playwright, npm or the registries are missing;
under CI (CI=true) that is an error instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.test_lite_build import ROOT, clean_env, lite_python

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PYODIDE_VERSION = "314.0.6"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
#: what the Pyodide kernel loads from Pyodide when it starts (besides its own wheels)
KERNEL_START = ["micropip", "ipython", "jedi"]
OFFLINE = ("JupyterLite needs an internet connection the first time it runs the course: "
           "connect and run this cell again.")
BADGES = ("https://colab.research.google.com/", "https://mybinder.org/")


def missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"the JupyterLite site test cannot run in CI: {reason}")
    pytest.skip(f"JupyterLite site test skipped: {reason}")


def run(cmd, timeout=300, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -1, "", f"timed out after {timeout} s")


def chromium_path():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Python Playwright is not installed (pip install -r requirements-dev.txt)")
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if not found:
        missing(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    return found


def ensure_npm():
    if shutil.which("npm"):
        return
    if os.environ.get("CI") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], env=env)
    if not shutil.which("npm"):
        missing("npm is not installed (apt-get install -y nodejs npm)")


def fetch_pyodide(folder):
    """Pyodide's core: the npm package, as a .tgz."""
    ensure_npm()
    folder.mkdir(parents=True, exist_ok=True)
    done = run(["npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}"], cwd=folder)
    tgz = folder / f"pyodide-{PYODIDE_VERSION}.tgz"
    if done.returncode != 0 or not tgz.exists():
        missing(f"npm could not fetch pyodide@{PYODIDE_VERSION}: {done.stderr[-2000:]}")
    return tgz


def kernel_start_wheels(tgz, folder):
    """PyPI's wheels of the pure-Python packages the kernel loads from Pyodide when it
    starts, at the versions of Pyodide's lock file."""
    import tarfile

    with tarfile.open(tgz) as tar:
        lock = json.load(tar.extractfile("package/pyodide-lock.json"))["packages"]
    wanted, todo = {}, list(KERNEL_START)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name not in wanted:
            entry = lock[name]
            assert entry["file_name"].endswith("-none-any.whl"), entry["file_name"]
            wanted[name] = entry["version"]
            todo += entry["depends"]
    folder.mkdir(parents=True, exist_ok=True)
    done = run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                "--only-binary=:all:", "--python-version", "3.14", "--dest", str(folder),
                *(f"{n}=={v}" for n, v in sorted(wanted.items()))], env=clean_env())
    if done.returncode != 0:
        missing(f"pip could not download the kernel's wheels: {done.stderr[-2000:]}")
    return folder, wanted


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json",
                      ".whl": "application/zip"}
    served = None           # a list, set per server: (path, status)

    def log_request(self, code="-", size="-"):
        self.served.append((urllib.parse.urlparse(self.path).path, int(code)))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built with the npm Pyodide core, served on 127.0.0.1."""
    chromium_path()
    work = tmp_path_factory.mktemp("lite-site")
    tgz = fetch_pyodide(work / "npm")
    wheels, versions = kernel_start_wheels(tgz, work / "kernel-wheels")
    out = work / "site"
    build = run([lite_python(tmp_path_factory), "-m", "tools.build_lite", "--output-dir",
                 str(out), "--pyodide", str(tgz), "--pyodide-wheels", str(wheels)],
                cwd=ROOT, env=clean_env(), timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"

    served = []
    handler = type("Handler", (SiteHandler,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "served": served,
               "out": out, "kernel_wheels": versions}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(playwright_session):
    path = chromium_path()
    b = playwright_session.chromium.launch(
        executable_path=path,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage",
              # no host name but 127.0.0.1 resolves, whoever asks (page, workers)
              "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
    yield b
    b.close()


KERNEL_IDLE = """() => [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-TextItem')]
    .some(e => /^(?!No Kernel).+ \\| Idle$/.test(e.textContent.trim()))"""


def code_cells(page):
    return page.locator(".jp-Notebook .jp-CodeCell")


def run_cell(page, cell, timeout=180_000):
    """Select a code cell and run it with Shift+Enter; wait until it has its number."""
    placeholder = cell.locator(".jp-InputPlaceholder")
    if placeholder.count() and placeholder.first.is_visible():
        placeholder.first.click()     # a collapsed input (the set-up cell): show it first
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=timeout)


def test_site_starts_the_kernel_installs_the_library_and_shows_widgets_offline(site,
                                                                              browser):
    blocked = []

    def only_local(route):
        url = route.request.url
        if urllib.parse.urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", only_local)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
        sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        setup = next(k for k, s in enumerate(sources) if s.startswith("#@title Set-up"))
        widget_cell = next(k for k, s in enumerate(sources) if "widgets.BoundedIntText" in s)

        page.goto(f"{site['url']}/lab/index.html?path=00_start_here.ipynb")
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)

        # the kernel starts from the site alone
        start = time.monotonic()
        page.wait_for_function(KERNEL_IDLE, timeout=120_000)
        kernel_seconds = time.monotonic() - start
        assert any(path.endswith("/static/pyodide/pyodide.asm.wasm") and code == 200
                   for path, code in site["served"])

        # the setup cell: perceptron_lib comes from the site; numpy cannot come from the CDN
        cells = code_cells(page)
        for k in range(setup + 1):
            run_cell(page, cells.nth(k))
        wheel = [(p, c) for p, c in site["served"]
                 if re.search(r"/pypi/perceptron_lib-.*\.whl$", p)]
        assert wheel and all(c == 200 for _, c in wheel), site["served"][-40:]
        outputs = cells.nth(setup).locator(".jp-OutputArea-output")
        said = [outputs.nth(k) for k in range(outputs.count())]
        kinds = {o.get_attribute("data-mime-type") for o in said if OFFLINE in o.inner_text()}
        assert kinds & {"application/vnd.jupyter.stderr", "application/vnd.jupyter.error"}, (
            [(o.get_attribute("data-mime-type"), o.inner_text()[:300]) for o in said])
        assert all("Traceback" not in o.inner_text() for o in said)

        # a cell of the test's own below the setup cell: the library is installed, and an
        # ipywidgets widget renders; then the course's own first widget cell runs
        cells.nth(setup).locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")
        page.keyboard.press("Enter")
        page.keyboard.insert_text(
            "from importlib.metadata import version\n"
            "print('perceptron_lib', version('perceptron_lib'), 'is installed')\n"
            "import ipywidgets as widgets\n"
            "widgets.IntSlider(value=7, min=0, max=10, description='site check')")
        mine = cells.nth(setup + 1)
        page.keyboard.press("Shift+Enter")
        mine.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(
            timeout=120_000)
        import perceptron_lib

        assert f"perceptron_lib {perceptron_lib.__version__} is installed" in mine.locator(
            ".jp-OutputArea").inner_text()
        slider = mine.locator(".jupyter-widgets.widget-slider")
        slider.wait_for(timeout=30_000)
        assert "site check" in slider.inner_text()

        course_widget = cells.nth(widget_cell + 1)
        run_cell(page, course_widget, timeout=60_000)
        course_widget.locator(".widget-text input[type=number]").wait_for(timeout=30_000)
        fill = course_widget.locator(".progress-bar")
        share = ("(el) => el.getBoundingClientRect().width"
                 " / el.parentElement.getBoundingClientRect().width")
        fill.wait_for(timeout=30_000)
        assert abs(fill.evaluate(share) - 0.3) < 0.02
        box = course_widget.locator(".widget-text input[type=number]")
        box.fill("7")
        box.press("Enter")
        page.wait_for_timeout(1000)
        assert abs(fill.evaluate(share) - 0.7) < 0.02       # the bar follows the box
        for text in ("Error displaying widget", "Failed to load model class"):
            assert page.locator(".jp-OutputArea-output", has_text=text).count() == 0

        # what left for another host: Pyodide's packages on its CDN (which the site does not
        # carry), the badge pictures; nothing for PyPI or anywhere else
        lock = json.loads((site["out"] / "static" / "pyodide" / "pyodide-lock.json").read_text())
        cdn_files = {e["file_name"] for e in lock["packages"].values()
                     if e["file_name"].startswith(PYODIDE_CDN)}
        for url in set(blocked) | {u for u in failed if "127.0.0.1" not in u}:
            assert url in cdn_files or url.startswith(BADGES), f"unexpected request: {url}"
        assert any("/numpy-" in url for url in blocked), "numpy was expected from the CDN"
        print(f"\nJupyterLite: kernel ready in {kernel_seconds:.1f} s; "
              f"{len(set(blocked))} requests to other hosts blocked")
    finally:
        results = ROOT / "tests" / "browser" / "results"
        results.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(results / "lite-00_start_here.png"))
        context.close()
