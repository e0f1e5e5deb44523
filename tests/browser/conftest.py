"""Real-browser tests: JupyterLab on 127.0.0.1 driven by Playwright in the system Chromium.

Skipped (with the reason) when Chromium or Playwright is missing; under CI (CI=true) that is
an error instead, because these tests are the only ones that see the widgets render.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMINGS = {}   # notebook -> {"run_all": s, "latencies": [s, ...]}


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
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests cannot run in CI: {reason}")
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
    for item in items:
        if "browser" in item.nodeid:
            item.add_marker(skip)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(folder):
    settings = {
        # Render every cell, so that every widget output is in the page.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    }
    for name, value in settings.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@pytest.fixture(scope="session")
def lab_url():
    """A JupyterLab server on a copy of the notebooks (so autosave never touches the repo)."""
    work = Path(tempfile.mkdtemp(prefix="course-lab-"))
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    _write_settings(work / "settings")
    port = _free_port()
    log = open(work / "server.log", "w")
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", "--IdentityProvider.token=", "--ServerApp.password=",
           f"--ServerApp.root_dir={work / 'notebooks'}",
           f"--LabApp.workspaces_dir={work / 'workspaces'}",
           f"--LabApp.user_settings_dir={work / 'settings'}",
           "--ServerApp.open_browser=False",
           # the tests shut kernels down through the REST API between notebooks
           "--ServerApp.disable_check_xsrf=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.terminate()
                log_text = (work / "server.log").read_text()
                raise RuntimeError(f"JupyterLab did not start:\n{log_text}") from None
            time.sleep(0.5)
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


def pytest_terminal_summary(terminalreporter):
    if not TIMINGS:
        return
    tr = terminalreporter
    tr.section("JupyterLab timings (figures, not assertions)")
    tr.write_line(f"{'notebook':30} {'Run All (s)':>12} {'interactions':>13} "
                  f"{'median step-to-picture (ms)':>28}")
    for name, t in sorted(TIMINGS.items()):
        lat = t.get("latencies") or []
        median = f"{statistics.median(lat) * 1000:.0f}" if lat else "-"
        tr.write_line(f"{name:30} {t['run_all']:12.1f} {len(lat):13} {median:>28}")
    every = [x for t in TIMINGS.values() for x in t.get("latencies", [])]
    if every:
        tr.write_line(f"all notebooks: median step-to-picture latency "
                      f"{statistics.median(every) * 1000:.0f} ms over {len(every)} interactions "
                      f"(target <= 60 ms)")
    tr.write_line(f"screenshots: {RESULTS}")
