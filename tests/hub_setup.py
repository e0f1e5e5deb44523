"""A local JupyterHub for the course, shared by tests/test_jupyterhub.py (a class following
README's nbgitpuller link in Chromium) and benchmarks/bench_classroom.py --hub (a class run
through the hub's REST API).

The hub runs on 127.0.0.1 with a class list of fixed passwords (checked by a small
authenticator written in the hub's config) and JupyterHub's SimpleLocalProcessSpawner: each
student's server runs as the hub's own user, in a home folder of its own. jupyterhub and
nbgitpuller come from PyPI into a fresh virtual environment layered over the course's one (so
the students' servers run the course's own packages), configurable-http-proxy from npm. The
course's public home is played by a fresh `git clone` of this repository (a file:// URL; it
holds the committed state, not uncommitted edits). A piece that cannot be had raises Missing.
"""

from __future__ import annotations

import contextlib
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

ROOT = Path(__file__).resolve().parents[1]
HUB_PACKAGES = ["jupyterhub>=5,<7", "nbgitpuller>=1.2,<2"]
PROXY_PACKAGE = "configurable-http-proxy@5"
INSTALL_TIMEOUT = 300      # seconds for each pip / npm / apt step
START_TIMEOUT = 60         # seconds for the hub to answer


class Missing(RuntimeError):
    """A piece the hub needs (git, Node.js/npm, a registry) is not there."""


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


# ------------------------------------------------------------------------------- the pieces

def ensure_node():
    """npm and node, from apt if they are missing and this is CI running as root."""
    if shutil.which("npm") and shutil.which("node"):
        return
    if os.environ.get("CI") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], env=env)
    if not (shutil.which("npm") and shutil.which("node")):
        raise Missing("Node.js and npm are not installed (apt-get install -y nodejs npm)")


def install_proxy(prefix):
    ensure_node()
    done = run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                str(prefix), PROXY_PACKAGE])
    chp = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if done.returncode != 0 or not chp.exists():
        raise Missing(f"npm could not install {PROXY_PACKAGE}: {done.stderr[-2000:]}")
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
        raise Missing(f"pip could not install {' '.join(HUB_PACKAGES)}: {done.stderr[-2000:]}")
    return env_dir


def clone_course(parent, name, branch):
    """A fresh clone of this repository named like the public one, on README's branch."""
    if not shutil.which("git"):
        raise Missing("git is not installed (apt-get install -y git)")
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
{extra}
'''


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


def server_pids_by_user(db):
    """The pid the hub recorded for each user's server, by user name."""
    pids = {}
    try:
        with sqlite3.connect(db) as con:
            for name, state in con.execute(
                    "SELECT users.name, spawners.state FROM spawners "
                    "JOIN users ON spawners.user_id = users.id"):
                pid = json.loads(state or "{}").get("pid")
                if pid:
                    pids[name] = int(pid)
    except sqlite3.Error:
        pass
    return pids


def started_server_pids(db):
    """The pids the hub recorded for the students' servers."""
    return list(server_pids_by_user(db).values())


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


def class_link(hub):
    """README's link with the hub's address and the local clone in place of the public one."""
    params = dict(hub["params"], repo=hub["origin"].as_uri())
    return f"{hub['url']}{hub['link_path']}?{urllib.parse.urlencode(params)}"


@contextlib.contextmanager
def local_hub(work, passwords, extra_config=""):
    """JupyterHub on 127.0.0.1 with the class list ``passwords`` (name: password), every
    piece installed under ``work`` and the course's public home played by a fresh local
    clone; ``extra_config`` is appended to the hub's config. Yields a dict: url, link_path,
    params (README's link), homes, origin, repo_name, log, work, db. Stops the hub, the
    proxy and every server and kernel it started, and removes ``work``, on the way out."""
    work = Path(work)
    link_path, params = readme_link()
    repo_name = urllib.parse.urlparse(params["repo"]).path.rstrip("/").split("/")[-1]
    assert params["urlpath"].startswith(f"lab/tree/{repo_name}/"), (
        "README's link opens a path outside the folder nbgitpuller clones into: "
        f"{params['urlpath']} (the clone is {repo_name}/)")

    origin = clone_course(work / "origin", repo_name, params.get("branch", "main"))
    chp = install_proxy(work / "proxy")
    env_dir = make_hub_env(work / "hub-env")
    homes = work / "homes"
    for name in passwords:
        (homes / name).mkdir(parents=True, exist_ok=True)

    port = free_port()
    config = work / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        passwords=dict(passwords), port=port, hub_port=free_port(),
        proxy_api_port=free_port(), work=work, chp=chp, homes=homes,
        singleuser=env_dir / "bin" / "jupyterhub-singleuser", args=singleuser_args(),
        environment=course_jupyter_paths(), extra=extra_config))
    log = work / "jupyterhub.log"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    # the proxy runs on the machine's Node.js, found through PATH
    with open(log, "w") as out:
        hub_proc = subprocess.Popen([str(env_dir / "bin" / "python"), "-m", "jupyterhub",
                                     "-f", str(config)], cwd=work, env=env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    db = work / "jupyterhub.sqlite"
    try:
        wait_for_hub(url, hub_proc, log)
        yield {"url": url, "link_path": link_path, "params": params, "homes": homes,
               "origin": origin, "repo_name": repo_name, "log": log, "work": work, "db": db,
               "pid": hub_proc.pid}
    finally:
        servers = started_server_pids(db)
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
