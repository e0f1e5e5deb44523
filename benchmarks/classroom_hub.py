"""``python -m benchmarks.bench_classroom --hub``: the class of bench_classroom.py, through a
real JupyterHub.

The hub is the local one tests/test_jupyterhub.py starts (tests/hub_setup.py: jupyterhub and
nbgitpuller from PyPI, configurable-http-proxy from npm, SimpleLocalProcessSpawner, the
course's public home played by a fresh `git clone` of this repository, so the committed state,
not uncommitted edits). The benchmark holds an admin API token (a service of the hub's own).
For each N it adds N new students, and all N at the same time:

- start their server through the hub's REST API (POST /hub/api/users/NAME/server) and wait
  until the hub says it is ready, then take a token for the student from the hub;
- follow README's nbgitpuller link (the hub's address for YOUR-HUB, the local clone for the
  public repository) with that token: /hub/user-redirect/git-pull?... leads through the proxy
  to nbgitpuller's page on the student's server; then call what that page's script calls
  (/user/NAME/git-pull/api, an event stream) until the clone is finished, and open the
  notebook the link names, as the page does;
- run every course notebook top to bottom through the student's Jupyter server: the
  notebook's file read through /api/contents, a session (so a fresh kernel) per notebook
  through /api/sessions, as JupyterLab opens a notebook, each code cell sent as an
  execute_request over the kernel's websocket (/api/kernels/ID/channels) through the hub's
  proxy; a cell's time runs from the request to the kernel's reply and its return to idle.
  A cell that raises stops its notebook, as Run All does (a cell tagged raises-exception
  does not).

Memory per student is sampled every second while the class runs: the resident memory of
the student's single-user server process (the pid the hub recorded) plus every process under
it (its kernels, nbgitpuller's git), added at the same instant; the table gives the largest
such sum of any student. The detail line gives the servers' own peaks, the kernels' peak
resident memory (VmHWM, which no sample can miss) and the time from the spawn request to the
course being in the home. Prints figures; asserts nothing.
"""

from __future__ import annotations

import asyncio
import datetime
import html
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psutil

from tests.hub_setup import Missing, class_link, local_hub, pids_working_under, server_pids_by_user

NOTEBOOK = re.compile(r"^\d\d_.*\.ipynb$")
SERVICE = "classroom-bench"
READY_TIMEOUT = 600        # seconds for a student's server to start
CELL_TIMEOUT = 600         # seconds for one cell
EXTRA_CONFIG = '''
# benchmarks/classroom_hub.py: an admin token for the benchmark, and room for a busy machine
c.JupyterHub.services = [{{"name": "{service}", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["{service}"]}}]
c.Spawner.start_timeout = {ready}
c.Spawner.http_timeout = {ready}
'''


def _mib(value):
    return value / 1024 / 1024


def _hwm_bytes(pid):
    """A process's peak resident memory (VmHWM), in bytes."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Every second, each student's server plus every process under it, at one instant."""

    def __init__(self, hub, names):
        super().__init__(daemon=True)
        self.hub, self.names = hub, names
        self.peak = dict.fromkeys(names, 0)          # server + children, same instant
        self.server = dict.fromkeys(names, 0)        # the server's own RSS
        self.kernel_hwm = dict.fromkeys(names, 0)    # the largest child's VmHWM
        self.hub_proxy = 0
        self.done = threading.Event()

    def server_pid(self, name, recorded):
        if name in recorded:
            return recorded[name]
        home = self.hub["homes"] / name            # the hub has not recorded it yet
        for pid in pids_working_under(home):
            try:
                if "jupyterhub-singleuser" in " ".join(psutil.Process(pid).cmdline()):
                    return pid
            except psutil.Error:
                pass
        return None

    def sample(self):
        children = {}
        for p in psutil.process_iter(["pid", "ppid"]):
            children.setdefault(p.info["ppid"], []).append(p.info["pid"])
        recorded = server_pids_by_user(self.hub["db"])

        def below(pid):
            out, todo = [], list(children.get(pid, []))
            while todo:
                kid = todo.pop()
                out.append(kid)
                todo += children.get(kid, [])
            return out

        def rss(pid):
            try:
                return psutil.Process(pid).memory_info().rss
            except psutil.Error:
                return 0

        for name in self.names:
            pid = self.server_pid(name, recorded)
            if pid is None:
                continue
            own, kids = rss(pid), below(pid)
            if not own:
                continue
            self.server[name] = max(self.server[name], own)
            self.peak[name] = max(self.peak[name], own + sum(rss(k) for k in kids))
            for k in kids:
                self.kernel_hwm[name] = max(self.kernel_hwm[name], _hwm_bytes(k))
        proxy = self.hub["work"] / "proxy.pid"
        pids = [self.hub["pid"]]
        if proxy.exists() and proxy.read_text().strip().isdigit():
            pids.append(int(proxy.read_text()))
        self.hub_proxy = max(self.hub_proxy, sum(rss(p) for p in pids))

    def run(self):
        while not self.done.wait(1.0):
            try:
                self.sample()
            except Exception as exc:  # a process gone between two reads: the next sample
                print(f"  (sample skipped: {exc})", file=sys.stderr)


# --------------------------------------------------------------------------- one student

class Student:
    def __init__(self, hub, admin, name, password):
        self.hub, self.name, self.password = hub, name, password
        self.client = None            # the student's own browser: its cookies
        self.admin = {"Authorization": f"token {admin}"}
        self.auth = None
        self.seconds, self.errors, self.notebooks = [], [], {}
        self.ready_s = None           # spawn request to the course in the home
        self.base = f"{hub['url']}/user/{name}"

    async def api(self, method, path, headers, **kw):
        r = await self.client.request(method, path, headers=headers, **kw)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else None

    async def start_server(self):
        hub = f"{self.hub['url']}/hub/api/users/{self.name}"
        await self.api("POST", f"{hub}/server", self.admin)
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            model = await self.api("GET", hub, self.admin)
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if not model.get("pending") and not server:
                raise RuntimeError(f"{self.name}: the hub could not start the server "
                                   f"(see {self.hub['log']})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: no server after {READY_TIMEOUT} s")
            await asyncio.sleep(0.5)
        token = await self.api("POST", f"{hub}/tokens", self.admin,
                               json={"note": "classroom benchmark", "expires_in": 7200})
        self.auth = {"Authorization": f"token {token['token']}"}

    async def log_in(self):
        """The hub's login form, as the student fills it in (the hub's pages take no API
        token: the link is followed with the student's login cookie)."""
        url = f"{self.hub['url']}/hub/login"
        form = await self.client.get(url)
        xsrf = re.search(r'name="_xsrf"[^>]*value="([^"]*)"', form.text)
        r = await self.client.post(url, data={"username": self.name, "password": self.password,
                                              "_xsrf": html.unescape(xsrf[1]) if xsrf else ""})
        if r.status_code != 200 or r.url.path.endswith("/hub/login"):
            raise RuntimeError(f"{self.name}: could not log in ({r.status_code} at {r.url})")

    async def follow_link(self):
        """README's link, as the student's browser follows it, then what nbgitpuller's page
        does: the pull's event stream, then the notebook the link names."""
        await self.log_in()
        r = await self.client.get(class_link(self.hub))
        page = r.url.path
        if r.status_code != 200 or page != f"/user/{self.name}/git-pull":
            raise RuntimeError(f"{self.name}: the link ended at {r.url} ({r.status_code})")
        data = {k: urllib.parse.unquote(html.unescape(v))
                for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', r.text)}
        query = {"_xsrf": data.get("xsrf", ""), "repo": data["repo"],
                 "targetpath": data["targetpath"]}
        for key in ("depth", "branch", "backup"):
            if key in data:
                query[key] = data[key]
        phase = None
        async with self.client.stream("GET", f"{self.base}/git-pull/api", params=query,
                                      headers=self.auth) as stream:
            async for line in stream.aiter_lines():
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    phase = event.get("phase")
                    if phase == "error":
                        raise RuntimeError(f"{self.name}: nbgitpuller: {event.get('message')}"
                                           f"\n{event.get('output', '')[-1000:]}")
                    if phase == "finished":
                        break
        if phase != "finished":
            raise RuntimeError(f"{self.name}: nbgitpuller's stream ended at phase {phase}")
        opened = await self.client.get(f"{self.base}/{data['path']}", headers=self.auth)
        if opened.status_code != 200:
            raise RuntimeError(f"{self.name}: {data['path']} answered {opened.status_code}")
        return data["targetpath"]

    async def notebooks_in(self, folder):
        listing = await self.api("GET", f"{self.base}/api/contents/{folder}", self.auth,
                                 params={"content": "1"})
        return sorted(f["path"] for f in listing["content"] if NOTEBOOK.match(f["name"]))

    async def run_notebook(self, path):
        model = await self.api("GET", f"{self.base}/api/contents/{path}", self.auth,
                               params={"type": "notebook", "content": "1"})
        cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
        session = await self.api("POST", f"{self.base}/api/sessions", self.auth,
                                 json={"path": path, "name": Path(path).name,
                                       "type": "notebook", "kernel": {"name": "python3"}})
        start = time.perf_counter()
        try:
            await self.run_cells(session["kernel"]["id"], path, cells)
        finally:
            self.notebooks[path] = time.perf_counter() - start
            await self.api("DELETE", f"{self.base}/api/sessions/{session['id']}", self.auth)

    async def run_cells(self, kernel, path, cells):
        from websockets.asyncio.client import connect

        ws_url = (self.base.replace("http://", "ws://", 1)
                  + f"/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}")
        async with connect(ws_url, additional_headers=self.auth, max_size=None,
                           ping_interval=None, open_timeout=120) as ws:
            channel = KernelChannel(ws, self.name)
            await channel.ready()
            for index, cell in enumerate(cells):
                code = cell["source"]
                code = "".join(code) if isinstance(code, list) else code
                if not code.strip():
                    continue
                begin = time.perf_counter()
                reply = await channel.execute(code)
                self.seconds.append(time.perf_counter() - begin)
                if reply.get("status") == "error":
                    if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                        continue
                    self.errors.append(f"{self.name} {Path(path).name} code cell {index}: "
                                       f"{reply.get('ename')}: {reply.get('evalue')}")
                    return                      # Run All stops at the first error

    async def run(self):
        import httpx

        timeout = httpx.Timeout(READY_TIMEOUT, connect=60)
        async with httpx.AsyncClient(follow_redirects=True, timeout=timeout) as self.client:
            await self.run_course()
        return self

    async def run_course(self):
        spawn = time.perf_counter()
        try:
            await self.start_server()
            folder = await self.follow_link()
            self.ready_s = time.perf_counter() - spawn
            params = self.hub["params"]
            course = params["urlpath"].split("/", 2)[2].rsplit("/", 1)[0]  # after lab/tree/
            if not course.startswith(folder):
                raise RuntimeError(f"the link opens {course}, outside the clone {folder}")
            for path in await self.notebooks_in(course):
                try:
                    await self.run_notebook(path)
                except Exception as exc:   # a kernel died or the server failed: counted
                    self.errors.append(f"{self.name} {Path(path).name}: {exc!r}"[:500])
        except Exception as exc:
            self.errors.append(f"{self.name}: {exc!r}"[:1500])

    async def stop(self):
        hub = f"{self.hub['url']}/hub/api/users/{self.name}"
        try:
            await self.api("DELETE", f"{hub}/server", self.admin)
            for _ in range(120):
                model = await self.api("GET", hub, self.admin)
                if not model.get("servers") and not model.get("pending"):
                    return
                await asyncio.sleep(0.5)
        except Exception as exc:
            print(f"  ({self.name}'s server did not stop cleanly: {exc})", file=sys.stderr)


class KernelChannel:
    """The Jupyter messaging protocol over a kernel's websocket (jupyter_server's default
    JSON framing; binary frames, such as widgets' buffers, are read for their header)."""

    def __init__(self, ws, user):
        self.ws, self.user, self.session = ws, user, uuid.uuid4().hex

    def message(self, msg_type, content):
        msg_id = uuid.uuid4().hex
        return msg_id, json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.user,
                       "session": self.session, "version": "5.3",
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []})

    async def receive(self, timeout):
        frame = await asyncio.wait_for(self.ws.recv(), timeout)
        if isinstance(frame, bytes):          # [n][offsets...][json][buffers...]
            n = int.from_bytes(frame[:4], "big")
            offsets = [int.from_bytes(frame[4 + 4 * k:8 + 4 * k], "big") for k in range(n)]
            end = offsets[1] if n > 1 else len(frame)
            return json.loads(frame[offsets[0]:end])
        return json.loads(frame)

    async def ready(self, timeout=180):
        """kernel_info until the kernel answers, as nbclient and JupyterLab do."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id, text = self.message("kernel_info_request", {})
            await self.ws.send(text)
            try:
                while True:
                    msg = await self.receive(2.0)
                    if (msg.get("parent_header", {}).get("msg_id") == msg_id
                            and msg["header"]["msg_type"] == "kernel_info_reply"):
                        return
            except asyncio.TimeoutError:
                continue
        raise RuntimeError(f"the kernel did not answer in {timeout} s")

    async def execute(self, code):
        msg_id, text = self.message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        await self.ws.send(text)
        reply, idle = None, False
        deadline = time.monotonic() + CELL_TIMEOUT
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"a cell ran for more than {CELL_TIMEOUT} s")
            msg = await self.receive(left)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        return reply


# --------------------------------------------------------------------------- the class

async def class_of(hub, admin, passwords, names):
    import httpx

    students = [Student(hub, admin, name, passwords[name]) for name in names]
    start = time.perf_counter()
    await asyncio.gather(*(s.run() for s in students))
    wall = time.perf_counter() - start
    async with httpx.AsyncClient(timeout=60) as client:
        for s in students:
            s.client = client
        await asyncio.gather(*(s.stop() for s in students))
    return students, wall


def main(sizes):
    if sys.platform != "linux":
        sys.exit("--hub runs on Linux (SimpleLocalProcessSpawner, /proc)")
    rounds = {n: [f"n{n}s{k:02d}" for k in range(1, n + 1)] for n in sizes}
    passwords = {name: secrets.token_hex(8) for names in rounds.values() for name in names}
    admin = secrets.token_hex(32)
    extra = EXTRA_CONFIG.format(service=SERVICE, token=admin, ready=READY_TIMEOUT)
    work = Path(tempfile.mkdtemp(prefix="classroom-hub-"))
    print("setting up a local JupyterHub (pip, npm, a clone of the committed course) ...",
          flush=True)
    try:
        with local_hub(work, passwords, extra_config=extra) as hub:
            version = json.loads(urllib.request.urlopen(
                f"{hub['url']}/hub/api", timeout=10).read())["version"]
            print(f"JupyterHub {version} at {hub['url']}, SimpleLocalProcessSpawner; "
                  f"README's nbgitpuller link to a local clone; every notebook through "
                  f"/user/NAME/api, each in a fresh kernel; {os.cpu_count()} CPU cores here")
            print(f"{'students':>8} {'MiB/student (max)':>18} {'p95 cell s':>11} "
                  f"{'longest nb s':>13} {'errors':>7} {'wall s':>7}", flush=True)
            problems = []
            for n, names in rounds.items():
                sampler = Sampler(hub, names)
                sampler.start()
                try:
                    students, wall = asyncio.run(class_of(hub, admin, passwords, names))
                finally:
                    sampler.done.set()
                    sampler.join()
                cells = sorted(s for st in students for s in st.seconds)
                p95 = cells[int(0.95 * (len(cells) - 1))] if cells else 0.0
                errors = [e for st in students for e in st.errors]
                problems += errors
                longest = max((t for st in students for t in st.notebooks.values()),
                              default=0.0)
                print(f"{n:>8} {_mib(max(sampler.peak.values())):>18.0f} {p95:>11.2f} "
                      f"{longest:>13.1f} {len(errors):>7} {wall:>7.0f}")
                servers = [_mib(v) for v in sampler.server.values()]
                kernels = [_mib(v) for v in sampler.kernel_hwm.values()]
                ready = [st.ready_s for st in students if st.ready_s is not None]
                ran = sum(len(st.notebooks) for st in students)
                print(f"{'':>8} servers' peaks: median {statistics.median(servers):.0f} MiB, "
                      f"largest {max(servers):.0f} MiB; kernels' peaks: median "
                      f"{statistics.median(kernels):.0f} MiB, largest {max(kernels):.0f} MiB; "
                      f"spawn to course pulled: median "
                      f"{statistics.median(ready) if ready else float('nan'):.1f} s, largest "
                      f"{max(ready, default=float('nan')):.1f} s; {len(cells)} cells in "
                      f"{ran} notebooks; hub + proxy {_mib(sampler.hub_proxy):.0f} MiB",
                      flush=True)
            for line in problems[:20]:
                print(f"  error: {line}")
    except Missing as exc:
        sys.exit(f"--hub cannot run here: {exc}")
