"""Real-browser tests: the explorers in JupyterLab, Notebook 7, Voila and a static HTML page,
driven by Playwright in the system Chromium.

Skipped (with the reason) when Chromium or Playwright is missing; under CI (CI=true) that is
an error instead, because these tests are the only ones that see the explorers in a browser.
The axe-core and static-page tests also need npm (to fetch axe-core, the widget HTML manager
and require.js once into tests/browser/.cache/).

Figures (Run All times, click-to-picture latencies, axe results) are printed at the end of
the run, never asserted.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CACHE = HERE / ".cache"          # npm packages, fetched once (ignored by git)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")

# npm packages the tests use, pinned.
NPM_PACKAGES = {
    "axe-core": "4.14.1",                        # accessibility rules, run inside the page
    "@jupyter-widgets/html-manager": "1.0.15",   # renders saved widget state (dist/embed-amd.js)
    "requirejs": "2.3.8",                        # the AMD loader the exported page expects
}

# Figures collected by the tests and printed at the end.
RUN_ALL = {}                        # page -> seconds from Run All to the last cell done
LATENCIES = defaultdict(list)       # (explorer kind, where) -> [ms from press to new picture]
AXE = {}                            # (page, explorer, state) -> number of violations
NOTES = []                          # other figures worth printing (one line each)


def _missing():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -r requirements.txt)"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    if IN_CI:
        raise pytest.UsageError(f"browser tests cannot run in CI: {reason}")
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
    for item in items:
        if "browser" in item.nodeid:
            item.add_marker(skip)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, server, log, timeout=90):
    """Wait until ``url`` answers (any HTTP status), or fail with the server's log."""
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError(f"the server did not start:\n{Path(log).read_text()}") \
                    from None
            time.sleep(0.3)


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def _write_settings(folder):
    settings = {
        # Render every cell, so that every widget output is in the page.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        # No news pop-up (and no request for it).
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    }
    for name, value in settings.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


class Lab:
    """A Jupyter server (JupyterLab or Notebook 7) on a copy of the notebooks, so that
    autosave never touches the repository."""

    def __init__(self, url, root):
        self.url, self.root = url, root

    def api(self, path, method="GET"):
        req = urllib.request.Request(f"{self.url}/api/{path}", method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
        return json.loads(body) if body else None

    def kernels(self):
        return self.api("kernels")

    def shut_down_kernel(self, kernel_id):
        """Shut a kernel down the way a server or a lost connection would: DELETE it."""
        self.api(f"kernels/{kernel_id}", method="DELETE")

    def shut_down_sessions(self):
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")


def _jupyter(app):
    """Start ``jupyter lab`` or ``jupyter notebook`` on 127.0.0.1 with an empty token, fresh
    workspaces and settings; yield a Lab; stop it and keep its log in results/."""
    config = {"lab": "LabApp", "notebook": "JupyterNotebookApp"}[app]
    work = Path(tempfile.mkdtemp(prefix=f"course-{app}-"))
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    _write_settings(work / "settings")
    port = free_port()
    log = work / "server.log"
    cmd = [sys.executable, "-m", "jupyter", app, "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", "--IdentityProvider.token=", "--ServerApp.password=",
           f"--ServerApp.root_dir={work / 'notebooks'}",
           f"--{config}.workspaces_dir={work / 'workspaces'}",
           f"--{config}.user_settings_dir={work / 'settings'}",
           "--ServerApp.open_browser=False",
           # the tests run commands (Run All) through the application object
           f"--{config}.expose_app_in_browser=True",
           # the tests shut kernels down through the REST API
           "--ServerApp.disable_check_xsrf=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_for_http(f"{url}/api/status", server, log)
    yield Lab(url, work / "notebooks")
    stop(server)
    RESULTS.mkdir(exist_ok=True)
    shutil.copy(log, RESULTS / f"{app}-server.log")     # for a failure's story
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def lab():
    yield from _jupyter("lab")


@pytest.fixture(scope="session")
def notebook7():
    # A server of its own: Notebook 7 and JupyterLab in one server share a cache of static
    # file paths (jupyter_server's FileFindHandler, keyed by file name), and fonts of the same
    # name then fail with 403 in whichever comes second.
    yield from _jupyter("notebook")


@pytest.fixture(scope="session")
def browser(playwright_session):
    b = playwright_session.chromium.launch(
        executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage"])
    yield b
    b.close()


class NpmUnavailable(Exception):
    pass


def _npm_fetch(name, version, dest):
    """``npm pack name@version`` unpacked into dest (dest/package/...)."""
    from tools.build_site import BuildError, npm_unpack
    try:
        npm_unpack(name, version, dest)
    except BuildError as err:
        raise NpmUnavailable(str(err)) from None


@pytest.fixture(scope="session")
def npm_packages():
    """name -> the unpacked package folder (its package.json inside), fetched once into
    tests/browser/.cache/ (which ignores itself in git). None, with a note, when npm or its
    registry is not there: an error under CI."""
    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    found = {}
    for name, version in NPM_PACKAGES.items():
        dest = CACHE / f"{name.replace('/', '+')}-{version}"
        if not (dest / "package" / "package.json").exists():
            shutil.rmtree(dest, ignore_errors=True)
            try:
                _npm_fetch(name, version, dest)
            except NpmUnavailable as err:
                if IN_CI:
                    pytest.fail(f"browser tests cannot run in CI: {err}")
                NOTES.append(f"npm packages not available, axe-core and the static page "
                             f"not tested: {str(err).splitlines()[0]}")
                return None
        meta = json.loads((dest / "package" / "package.json").read_text())
        assert meta["version"] == version, (name, meta["version"])
        found[name] = dest / "package"
    return found


@pytest.fixture(scope="session")
def axe_source(npm_packages):
    """axe-core's script, or None (no accessibility checks) where npm is missing."""
    if npm_packages is None:
        return None
    return (npm_packages["axe-core"] / "axe.min.js").read_text()


def is_local(url):
    host = urllib.parse.urlsplit(url).hostname
    return host in ("127.0.0.1", None) or url.startswith(("data:", "blob:", "about:"))


class Watch:
    """A page that reaches only 127.0.0.1 (every other request is aborted and noted: the
    notebooks' Binder and Colab badges, a CDN), and the JavaScript errors it shows: uncaught
    exceptions, and errors logged to the console other than the aborted requests."""

    def __init__(self, page):
        self.page_errors, self.console, self.blocked = [], [], []
        page.route("**/*", self._route)
        page.on("pageerror", lambda exc: self.page_errors.append(
            f"{exc}\n" + "\n".join((exc.stack or "").splitlines()[:6])))
        page.on("console", self._console)

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and where in self.blocked:
            return
        self.console.append(f"{message.text} ({where})")


# The time of the learner's last press (pointerdown or keydown, the event's timestamp), for
# the in-page stopwatch (explorers.STOPWATCH). Installed before the page's own scripts, so it
# is the first listener to see every press: the explorers handle their keys on the window too,
# and may stop them there.
PRESS_CLOCK = """
window.__plPress = null;
for (const type of ["pointerdown", "keydown"]) {
  window.addEventListener(type, (e) => {
    if (window.__plPress === null) window.__plPress = e.timeStamp;
  }, { capture: true });
}
"""


READ_THROUGH = """async (pause) => {
  for (let y = 0; y <= document.documentElement.scrollHeight; y += 400) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  window.scrollTo(0, 0);
}"""


def read_through(page, pause=80):
    """Scroll a site page from top to bottom and back, as a reader does: the site builds each
    explorer when the reader comes near it."""
    page.evaluate(READ_THROUGH, pause)


def new_page(browser, width=1400, height=1000):
    """A page of its own, local only; returns (page, watch)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(PRESS_CLOCK)
    return page, Watch(page)


def pytest_terminal_summary(terminalreporter):
    if not (RUN_ALL or LATENCIES or AXE or NOTES):
        return
    tr = terminalreporter
    tr.section("browser figures (printed, not asserted)")
    if RUN_ALL:
        tr.write_line("Run All, seconds until the last cell finished:")
        for name, seconds in sorted(RUN_ALL.items()):
            tr.write_line(f"  {name:34} {seconds:6.1f}")
    if LATENCIES:
        tr.write_line("")
        tr.write_line("Press -> new picture, measured in the page (MutationObserver on the view, "
                      "through the next animation frame); target: median <= 16 ms")
        tr.write_line(f"  {'explorer':10} {'where':38} {'presses':>7} {'median ms':>10} "
                      f"{'min':>6} {'max':>6}")
        for (kind, where), values in sorted(LATENCIES.items()):
            tr.write_line(f"  {kind:10} {where:38} {len(values):7} "
                          f"{statistics.median(values):10.1f} {min(values):6.1f} "
                          f"{max(values):6.1f}")
        by_kind = defaultdict(list)
        for (kind, where), values in LATENCIES.items():
            if "(kernel)" not in where:          # retraining through the kernel: not a step
                by_kind[kind] += values
        for kind, values in sorted(by_kind.items()):
            tr.write_line(f"  {kind:10} {'all, without the kernel':38} {len(values):7} "
                          f"{statistics.median(values):10.1f} {min(values):6.1f} "
                          f"{max(values):6.1f}")
    if AXE:
        tr.write_line("")
        total = sum(AXE.values())
        tr.write_line(f"axe-core on the explorers: {len(AXE)} scans, {total} violations")
    for line in NOTES:
        tr.write_line(line)
    tr.write_line(f"screenshots: {RESULTS}")


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The course website, built once (python -m tools.build_site) and served on 127.0.0.1:
    (address, folder)."""
    try:
        import myst_nb  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("the site's build tools are missing: pip install -r requirements-site.txt")
        pytest.skip("the site's build tools are not installed (pip install -r "
                    "requirements-site.txt)")
    from tests.test_lite_build import lite_python
    from tools import build_site

    out = tmp_path_factory.mktemp("site") / "_site"
    try:
        # with the JupyterLite site in lite/, as published (an environment of its own)
        seconds = build_site.build(out, ROOT / ".site-cache",
                                   lite_python=lite_python(tmp_path_factory))
    except build_site.BuildError as err:
        if IN_CI or "npm" not in str(err):
            raise
        pytest.skip(str(err))
    handler = functools.partial(_QuietFiles, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    runs = out / "_static" / "_runs"
    sizes = {p.name: sum(f.stat().st_size for f in p.iterdir()) for p in runs.iterdir()} \
        if runs.exists() else {}
    NOTES.append(f"site: built in {seconds:.1f} s; runs made in advance for {len(sizes)} "
                 f"explorers, {sum(sizes.values()) / 1e6:.1f} MB in all")
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()
