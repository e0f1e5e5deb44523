"""A class at once: what N students cost a machine when they all run the course together.
Prints figures; asserts nothing. The sizing in teacher/hub/ and the teacher's guide comes
from these figures.

Each simulated student is what a hub runs for one student: a Jupyter server (measured once,
idle, as ``jupyter server`` starts it) and a kernel of their own that runs every notebook top
to bottom (00 to 10, a fresh kernel per notebook, as "Restart and Run All" does), all N
students at the same time. Printed for N = 1, 5, 10 and 20 (or the N given):

- memory per student: the server's memory plus the largest a student's kernel grew to
  (its peak resident memory, VmHWM);
- the 95th percentile of the time a cell takes while N students run (the wait a student
  feels), and the longest notebook;
- errors (any cell that raised).

Run:  python -m benchmarks.bench_classroom [N ...]      (about 15 minutes for 1, 5, 10, 20)
      python -m benchmarks.bench_classroom --students 1,5

With --hub, the same class goes through a real JupyterHub on this machine (the local hub of
tests/test_jupyterhub.py): each student's server started through the hub's REST API, README's
nbgitpuller link followed, every notebook run through the student's Jupyter server API and
kernel websocket behind the hub's proxy; memory sampled from the servers and their kernels.
See benchmarks/classroom_hub.py.

Run:  python -m benchmarks.bench_classroom --hub [--students 1,5]   (needs git, npm, PyPI)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _peak_kib(pid):
    """A process's peak resident memory (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class _Timed(NotebookClient):
    """Runs a notebook and notes each cell's seconds and, before the kernel stops, its peak
    memory."""

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.seconds, self.peak_kib = [], 0

    async def async_execute_cell(self, cell, cell_index, *args, **kw):
        start = time.perf_counter()
        try:
            return await super().async_execute_cell(cell, cell_index, *args, **kw)
        finally:
            if cell.cell_type == "code":
                self.seconds.append(time.perf_counter() - start)
            pid = getattr(getattr(self.km, "provisioner", None), "process", None)
            if pid is not None:
                self.peak_kib = max(self.peak_kib, _peak_kib(pid.pid))


def student(k, out):
    """One student: every notebook, in order, each in a fresh kernel, in a home of their own."""
    home = Path(tempfile.mkdtemp(prefix=f"student{k}-"))
    seconds, peak, errors, longest = [], 0, 0, 0.0
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        # kernels talk over Unix sockets in the student's home: many kernels starting at once
        # on TCP ports can pick the same free port
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                connection_file=str(home / f"kernel-{path.stem}.json"))
        client = _Timed(nb, km=km, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": str(ROOT / "notebooks")}})
        start = time.perf_counter()
        try:
            client.execute(cwd=str(home))
        except Exception:  # a cell raised or a kernel died: counted, the student goes on
            errors += 1
        longest = max(longest, time.perf_counter() - start)
        seconds += client.seconds
        peak = max(peak, client.peak_kib)
    out.put((seconds, peak, errors, longest))


def server_kib():
    """The memory of one idle Jupyter server, as a hub starts one for each student."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        proc = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser",
                                 f"--port={port}", "--ServerApp.token=x",
                                 f"--ServerApp.root_dir={home}", *root],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "HOME": home})
        try:
            time.sleep(8)
            if proc.poll() is not None:
                raise RuntimeError("the Jupyter server did not start")
            return psutil.Process(proc.pid).memory_info().rss // 1024
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def class_of(n):
    queue = mp.get_context("spawn").Queue()
    workers = [mp.get_context("spawn").Process(target=student, args=(k, queue))
               for k in range(n)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


def arguments(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_classroom",
                                     description="What N students cost a machine.")
    parser.add_argument("sizes", nargs="*", type=int, metavar="N",
                        help="class sizes (default 1 5 10 20)")
    parser.add_argument("--students", metavar="N,N,...",
                        help="class sizes, comma-separated, e.g. 1,5")
    parser.add_argument("--hub", action="store_true",
                        help="through a local JupyterHub, its REST API and nbgitpuller link")
    args = parser.parse_args(argv)
    if args.students:
        args.sizes += [int(n) for n in args.students.split(",") if n.strip()]
    args.sizes = args.sizes or [1, 5, 10, 20]
    return args


def main():
    args = arguments()
    if args.hub:
        from benchmarks import classroom_hub

        classroom_hub.main(args.sizes)
        return
    sizes = args.sizes
    server = server_kib()
    print(f"one idle Jupyter server: {server / 1024:.0f} MiB; {len(NOTEBOOKS)} notebooks per "
          f"student, each in a fresh kernel; {os.cpu_count()} CPU cores here")
    print(f"{'students':>8} {'MiB/student (max)':>18} {'p95 cell s':>11} {'longest nb s':>13} "
          f"{'errors':>7} {'wall s':>7}")
    for n in sizes:
        results, wall = class_of(n)
        cells = sorted(s for r in results for s in r[0])
        p95 = cells[int(0.95 * (len(cells) - 1))] if cells else 0.0
        memory = max((server + r[1]) / 1024 for r in results)
        print(f"{n:>8} {memory:>18.0f} {p95:>11.2f} {max(r[3] for r in results):>13.1f} "
              f"{sum(r[2] for r in results):>7} {wall:>7.0f}")
        peaks = [r[1] / 1024 for r in results]
        print(f"{'':>8} kernels' peaks: median {statistics.median(peaks):.0f} MiB, largest "
              f"{max(peaks):.0f} MiB")


if __name__ == "__main__":
    main()
