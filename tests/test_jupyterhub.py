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
(CI=true) a missing piece is an error instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HUB_PACKAGES = ["jupyterhub>=5,<7", "nbgitpuller>=1.2,<2"]
PROXY_PACKAGE = "configurable-http-proxy@5"
STUDENTS = {"ada": "analytical-engine", "alan": "bombe-1940", "grace": "cobol-1959"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
INSTALL_TIMEOUT = 300      # seconds for each pip / npm / apt step
START_TIMEOUT = 60         # seconds for the hub to answer
LINK_TIMEOUT = 120_000     # ms from the link to notebook 00 open in JupyterLab
RUN_TIMEOUT = 120_000      # ms for Run All


def missing(reason):
    """Skip with the reason, or fail under CI, where every piece must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"the JupyterHub test cannot run in CI: {reason}")
    pytest.skip(f"JupyterHub test skipped: {reason}")


def run(cmd, timeout=INSTALL_TIMEOUT, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -1, "", f"timed out after {timeout} s")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def readme_link():
    """README's nbgitpuller link for a class, split into its parts."""
    text = (ROOT / "README.md").read_text()
    found = re.findall(r"https://YOUR-HUB(/hub/user-redirect/git-pull\?\S+)", text)
    assert found, "README has no nbgitpuller link of the form https://YOUR-HUB/hub/..."
    path, query = found[0].split("?", 1)
    params = dict(urllib.parse.parse_qsl(query))
    assert {"repo", "urlpath"} <= set(params), f"README's link lacks repo or urlpath: {found[0]}"
    return path, params


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


def ensure_node():
    """npm and node, from apt if they are missing and this is CI running as root."""
    if shutil.which("npm") and shutil.which("node"):
        return
    if os.environ.get("CI") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], env=env)
    if not (shutil.which("npm") and shutil.which("node")):
        missing("Node.js and npm are not installed (apt-get install -y nodejs npm)")


def install_proxy(prefix):
    ensure_node()
    done = run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                str(prefix), PROXY_PACKAGE])
    chp = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if done.returncode != 0 or not chp.exists():
        missing(f"npm could not install {PROXY_PACKAGE}: {done.stderr[-2000:]}")
    return chp


def make_hub_env(env_dir):
    """A fresh venv that sees the course's packages and adds jupyterhub and nbgitpuller."""
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    own = run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    course = sysconfig.get_paths()["purelib"]
    # addsitedir (not a bare path) so that the course's editable install of perceptron_lib
    # and its other .pth files work in the layered environment too
    Path(own.stdout.strip(), "zz_course_env.pth").write_text(
        f"import site; site.addsitedir({course!r})\n")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    done = run([str(py), "-m", "pip", "install", "--quiet", *HUB_PACKAGES], env=env)
    if done.returncode != 0:
        missing(f"pip could not install {' '.join(HUB_PACKAGES)}: {done.stderr[-2000:]}")
    return env_dir


def clone_course(parent, name, branch):
    """A fresh clone of this repository named like the public one, on README's branch."""
    if not shutil.which("git"):
        missing("git is not installed (apt-get install -y git)")
    origin = parent / name
    done = run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(origin)])
    assert done.returncode == 0, done.stderr
    done = run(["git", "-C", str(origin), "checkout", "--quiet", "-B", branch])
    assert done.returncode == 0, done.stderr
    return origin


def git_commit_file(repo, relpath, text, message):
    path = repo / relpath
    path.write_text(path.read_text() + text)
    ident = ["-c", "user.name=Course teacher", "-c", "user.email=teacher@example.invalid"]
    for cmd in (["add", relpath], [*ident, "commit", "--quiet", "-m", message]):
        done = run(["git", "-C", str(repo), *cmd])
        assert done.returncode == 0, done.stderr


HUB_CONFIG = '''
from jupyterhub.auth import Authenticator

PASSWORDS = {passwords!r}


class ClassAuthenticator(Authenticator):
    """The class list with fixed passwords."""

    async def authenticate(self, handler, data):
        name = data.get("username", "")
        if name in PASSWORDS and data.get("password") == PASSWORDS[name]:
            return name
        return None


c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = ClassAuthenticator
c.Authenticator.allowed_users = set(PASSWORDS)
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
c.ConfigurableHTTPProxy.debug = False
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = ["{singleuser}"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Spawner.args = {args!r}
c.Spawner.environment = {environment!r}
'''


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


def singleuser_args():
    args = ["--LabApp.news_url=", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def course_jupyter_paths():
    """The course environment's Jupyter data and config folders (its JupyterLab extensions,
    the widget frontends, the server extensions), for servers run from the layered venv."""
    prefix = Path(sys.prefix)
    return {"JUPYTER_PATH": str(prefix / "share" / "jupyter"),
            "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter")}


def wait_for_hub(url, hub, log):
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/hub/api", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if hub.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"JupyterHub did not start:\n{log.read_text()[-5000:]}")
        time.sleep(0.5)


def started_server_pids(db):
    """The pids the hub recorded for the students' servers."""
    pids = []
    try:
        with sqlite3.connect(db) as con:
            for (state,) in con.execute("SELECT state FROM spawners"):
                pid = json.loads(state or "{}").get("pid")
                if pid:
                    pids.append(int(pid))
    except sqlite3.Error:
        pass
    return pids


def pids_working_under(folder):
    """Processes (kernels, servers) whose working directory is inside ``folder``: only this
    test starts processes there."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cwd = Path(os.readlink(proc / "cwd"))
        except OSError:
            continue
        if cwd == folder or folder in cwd.parents:
            found.append(int(proc.name))
    return found


def stop(pids):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = []
        for pid in pids:
            try:
                os.kill(pid, sig)
                alive.append(pid)
            except (ProcessLookupError, PermissionError):
                pass
        deadline = time.monotonic() + 10
        while alive and time.monotonic() < deadline:
            alive = [p for p in alive if Path(f"/proc/{p}").exists()
                     and "zombie" not in _status(p)]
            time.sleep(0.2)
        pids = alive
        if not pids:
            return


def _status(pid):
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub on 127.0.0.1 with the class list, and the course's public home played by
    a fresh local clone. Yields a dict: url, link path, link parameters, homes, origin."""
    if sys.platform != "linux":
        pytest.skip("the JupyterHub test runs on Linux")
    chromium_path()
    link_path, params = readme_link()
    repo_name = urllib.parse.urlparse(params["repo"]).path.rstrip("/").split("/")[-1]
    assert params["urlpath"].startswith(f"lab/tree/{repo_name}/"), (
        "README's link opens a path outside the folder nbgitpuller clones into: "
        f"{params['urlpath']} (the clone is {repo_name}/)")

    work = tmp_path_factory.mktemp("hub")
    origin = clone_course(work / "origin", repo_name, params.get("branch", "main"))
    chp = install_proxy(work / "proxy")
    env_dir = make_hub_env(work / "hub-env")
    homes = work / "homes"
    for name in STUDENTS:
        write_settings(homes / name)

    port = free_port()
    config = work / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        passwords=STUDENTS, port=port, hub_port=free_port(), proxy_api_port=free_port(),
        work=work, chp=chp, homes=homes, singleuser=env_dir / "bin" / "jupyterhub-singleuser",
        args=singleuser_args(), environment=course_jupyter_paths()))
    log = work / "jupyterhub.log"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    # the proxy runs on the machine's Node.js, found through PATH
    with open(log, "w") as out:
        hub_proc = subprocess.Popen([str(env_dir / "bin" / "python"), "-m", "jupyterhub",
                                     "-f", str(config)], cwd=work, env=env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_hub(url, hub_proc, log)
        yield {"url": url, "link_path": link_path, "params": params, "homes": homes,
               "origin": origin, "repo_name": repo_name, "log": log}
    finally:
        servers = started_server_pids(work / "jupyterhub.sqlite")
        hub_proc.terminate()        # the hub stops the students' servers and the proxy
        try:
            hub_proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub_proc.kill()
            hub_proc.wait(timeout=10)
        leftovers = [*servers, *pids_working_under(homes)]
        proxy_pid = work / "proxy.pid"
        if proxy_pid.exists() and proxy_pid.read_text().strip().isdigit():
            leftovers.append(int(proxy_pid.read_text()))
        stop(leftovers)
        shutil.rmtree(work, ignore_errors=True)


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


def class_link(hub):
    """README's link with the hub's address and the local clone in place of the public one."""
    params = dict(hub["params"], repo=hub["origin"].as_uri())
    return f"{hub['url']}{hub['link_path']}?{urllib.parse.urlencode(params)}"


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
