"""A class on a real JupyterHub: README's nbgitpuller link brings the course into each
student's home, opens notebook 00 in JupyterLab, and notebook 00 runs there.

The hub runs on 127.0.0.1 with three students (fixed passwords, checked by a small
authenticator written in the hub's config) and JupyterHub's SimpleLocalProcessSpawner: each
student's server runs as the hub's own user, in a home folder of its own under tmp. The
pieces come from their registries when the test starts: jupyterhub and nbgitpuller from PyPI
into a fresh virtual environment layered over the course's one (so the students' servers run
the course's own packages, as on a hub whose image has the course installed), and
configurable-http-proxy from npm (Node.js from the machine, or from apt under CI as root).

The link is README's, with the hub's address in place of YOUR-HUB and, in place of the
public repository, a fresh `git clone` of this one under the same name (a file:// URL; it
holds the committed state, not uncommitted edits). Chromium follows it for each student as a
student would: the link, the login page, the hub's "Launch Server" button, nbgitpuller's
progress page, then the notebook JupyterLab opens, where the test runs every cell. Finally
the course gets a new commit and a student who edited notebook 00 follows the link again: the
new commit arrives and her edit stays.

The browser reaches only 127.0.0.1, and so does everything the test starts (its ports are
all on 127.0.0.1; JupyterLab's news and update checks are off). Skipped, with the reason,
when git, Node.js/npm, Chromium, Playwright or the registries are missing; under CI
(CI=true) a missing piece is an error instead. The hub's set-up is shared with
benchmarks/bench_classroom.py --hub, in tests/hub_setup.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.hub_setup import Missing, class_link, git_commit_file, local_hub, run

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STUDENTS = {"ada": "analytical-engine", "alan": "bombe-1940", "grace": "cobol-1959"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LINK_TIMEOUT = 120_000     # ms from the link to notebook 00 open in JupyterLab
RUN_TIMEOUT = 120_000      # ms for Run All


def missing(reason):
    """Skip with the reason, or fail under CI, where every piece must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"the JupyterHub test cannot run in CI: {reason}")
    pytest.skip(f"JupyterHub test skipped: {reason}")


# ------------------------------------------------------------------------------- the pieces

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


def write_settings(home):
    """JupyterLab settings of the test's own: every cell rendered (so every output is in the
    page) and no news fetched."""
    settings = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    }
    for name, value in settings.items():
        path = home / ".jupyter" / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub on 127.0.0.1 with the class list, and the course's public home played by
    a fresh local clone (tests/hub_setup.py). Yields a dict: url, link path, link parameters,
    homes, origin."""
    if sys.platform != "linux":
        pytest.skip("the JupyterHub test runs on Linux")
    chromium_path()
    with contextlib.ExitStack() as stack:
        try:
            hub = stack.enter_context(local_hub(tmp_path_factory.mktemp("hub"), STUDENTS))
        except Missing as exc:
            missing(str(exc))
        for name in STUDENTS:
            write_settings(hub["homes"] / name)
        yield hub


@pytest.fixture(scope="module")
def browser(playwright_session):
    path = chromium_path()
    b = playwright_session.chromium.launch(
        executable_path=path,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage"])
    yield b
    b.close()


def only_local(route):
    host = urllib.parse.urlparse(route.request.url).hostname
    if host == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def follow_link(page, hub, name, log_in):
    """What a student does: open the link; log in and launch the server when asked; wait
    until JupyterLab shows the notebook the link names."""
    page.goto(class_link(hub))
    if log_in:
        page.wait_for_selector("#username_input", timeout=30_000)
        page.fill("#username_input", name)
        page.fill("#password_input", STUDENTS[name])
        page.click("#login_submit")
    target = hub["params"]["urlpath"]
    deadline = time.monotonic() + LINK_TIMEOUT / 1000
    launched = False
    while not page.url.split("?")[0].endswith(target):
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: the link did not reach {target}; at {page.url}\n"
                                 f"{hub['log'].read_text()[-3000:]}")
        start = page.locator("a#start")
        if not launched and start.count() and start.is_visible():
            start.click()                       # "Launch Server" on the hub's page
            launched = True
        page.wait_for_timeout(300)
    notebook = target.rsplit("/", 1)[-1]
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    tab = page.locator(".lm-TabBar-tab.jp-mod-current")
    assert notebook in tab.first.inner_text(), f"{name}: JupyterLab did not open {notebook}"


def menu(page, top, item):
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{item}$")).click()


KERNEL_READY = """() => [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-TextItem')]
    .some(e => /^(?!No Kernel).+ \\| Idle$/.test(e.textContent.trim()))"""


def wait_for_kernel(page, timeout=60):
    """Wait until the notebook's kernel has started and is idle. JupyterLab asks which
    kernel to start when its list of kernels arrives after the notebook: take the one it
    proposes, as a student would."""
    select = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    deadline = time.monotonic() + timeout
    while not page.evaluate(KERNEL_READY):
        if time.monotonic() > deadline:
            raise AssertionError("the notebook's kernel did not start")
        if select.count() and select.first.is_visible():
            select.first.click()
        page.wait_for_timeout(250)


def run_all_cells(page):
    wait_for_kernel(page)
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".every(p => !/\\d/.test(p.textContent))", timeout=10_000)
    menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(500)
    page.wait_for_function(
        """() => {
            // (the set-up cell's input is collapsed: its placeholder's prompt stays blank)
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                .filter(p => !p.classList.contains('jp-Placeholder-prompt'));
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=RUN_TIMEOUT)
    page.wait_for_timeout(1000)


def widget_outputs_in(path):
    nb = json.loads(path.read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code"
               for o in c.get("outputs", []) if WIDGET_MIME in o.get("data", {}))


def test_class_link_brings_the_course_to_each_student_and_notebook_00_runs(hub, browser):
    from playwright.sync_api import expect

    relpath = hub["params"]["urlpath"].split("/", 2)[2]        # after "lab/tree/"
    head = run(["git", "-C", str(hub["origin"]), "rev-parse", "HEAD"]).stdout.strip()
    for name in STUDENTS:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.route("**/*", only_local)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        try:
            follow_link(page, hub, name, log_in=True)

            # the course landed in this student's home, at the commit the teacher published
            home = hub["homes"] / name
            assert (home / relpath).is_file(), f"{name}: {relpath} is not in the home"
            clone = home / hub["repo_name"]
            got = run(["git", "-C", str(clone), "rev-parse", "HEAD"]).stdout.strip()
            assert got == head, f"{name}: the home holds {got}, the course is at {head}"

            # notebook 00 runs there, on the student's server: no errors, every widget shown
            run_all_cells(page)
            out = page.locator(".jp-OutputArea-output")
            assert page.locator(".jp-OutputArea-output[data-mime-type="
                                "'application/vnd.jupyter.error']").count() == 0, name
            assert out.filter(has_text="perceptron_lib is ready").count() == 1, name
            assert out.filter(has_text="✘").count() == 0, f"{name}: a set-up check failed"
            assert out.filter(has_text="Error displaying widget").count() == 0, name
            expected = widget_outputs_in(home / relpath)
            assert expected > 0
            # a widget's output is a panel holding the widget's view (no data-mime-type)
            widgets = page.locator(".jp-OutputArea-output:not([data-mime-type])")
            expect(widgets).to_have_count(expected, timeout=30_000)
            for k in range(expected):        # an ipywidgets box, or a course explorer's view
                shown = widgets.nth(k).locator(".widget-box, .pl-explorer")
                expect(shown.first).to_be_attached(timeout=30_000)
            expect(page.locator(".pl-training svg.pl-picture")).to_have_count(1)
            assert not errors, f"{name}: JavaScript errors: {errors[:3]}"
        except Exception:
            page.screenshot(path=f"/tmp/hub-{name}.png")
            raise
        finally:
            context.close()


def test_following_the_link_again_brings_new_commits_and_keeps_the_students_edits(hub,
                                                                                  browser):
    """README: nbgitpuller never overwrites a student's own changes."""
    name = next(iter(STUDENTS))
    relpath = hub["params"]["urlpath"].split("/", 2)[2]
    home = hub["homes"] / name
    if not (home / relpath).is_file():          # run on its own: the first visit
        context = browser.new_context()
        context.route("**/*", only_local)
        try:
            follow_link(context.new_page(), hub, name, log_in=True)
        finally:
            context.close()

    # the student writes a note of her own in notebook 00 and saves it
    notebook = home / relpath
    nb = json.loads(notebook.read_text())
    nb["cells"].append({"cell_type": "markdown", "id": "students-own-note", "metadata": {},
                        "source": ["My own note: the step fires at z = 0."]})
    notebook.write_text(json.dumps(nb, indent=1) + "\n")
    # the teacher publishes a new commit
    guide = "notebooks/teacher_guide.md"
    if not (hub["origin"] / guide).exists():
        guide = "README.md"
    git_commit_file(hub["origin"], guide, "\nA note for next week's lecture.\n",
                    "A note for next week")

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", only_local)
    page = context.new_page()
    try:
        follow_link(page, hub, name, log_in=True)
    finally:
        context.close()
    assert "A note for next week's lecture." in (home / hub["repo_name"] / guide).read_text()
    assert "My own note: the step fires at z = 0." in notebook.read_text()
