"""How big and how slow is a student's fresh install of the course? Prints MB and seconds.

Creates a fresh virtual environment in a temporary folder, runs
``pip install -r requirements.txt`` in it from the repository root (as the README's quick
start does), and prints the size of the whole environment on disk and the time pip took.

Run:  python benchmarks/bench_install.py                  # the course (requirements.txt)
      python benchmarks/bench_install.py requirements-dev.txt   # the course and its tests
      python benchmarks/bench_install.py --no-cache       # download everything, as on a new machine
Target: the course's install <= 480 MB.

Needs network access to the package index (or a warm pip cache). The size counts every file
in the environment (Python's own venv scaffolding and pip included), in MB of 10^6 bytes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 480


def tree_size(path):
    """Bytes of every regular file under ``path`` (symbolic links not followed)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(folder, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def measure(requirements="requirements.txt", no_cache=False):
    """(MB on disk, seconds pip took, number of distributions) for a fresh install."""
    with tempfile.TemporaryDirectory(prefix="bench-install-") as tmp:
        env_dir = Path(tmp) / "env"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", VIRTUAL_ENV=str(env_dir))
        env.pop("PYTHONPATH", None)
        before = tree_size(env_dir)
        cmd = [str(python), "-m", "pip", "install", "--quiet", "-r", requirements]
        if no_cache:
            cmd.append("--no-cache-dir")
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True)
        seconds = time.perf_counter() - start
        size = tree_size(env_dir)
        listing = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"],
                                 env=env, check=True, capture_output=True, text=True).stdout
        return size / 1e6, (size - before) / 1e6, seconds, len(listing.split())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="?", default="requirements.txt")
    parser.add_argument("--no-cache", action="store_true",
                        help="download every package (pip's cache is not used)")
    args = parser.parse_args(argv)
    mb, added, seconds, count = measure(args.requirements, args.no_cache)
    cache = "without pip's cache" if args.no_cache else "with pip's cache as it is"
    print(f"fresh install of {args.requirements} (Python {sys.version.split()[0]}, {cache}):")
    print(f"  environment on disk  {mb:7.0f} MB  ({added:.0f} MB added by pip, "
          f"{count} distributions)")
    print(f"  pip install took     {seconds:7.1f} s")
    if args.requirements == "requirements.txt":
        verdict = "within" if mb <= TARGET_MB else "OVER"
        print(f"  target               {TARGET_MB:7d} MB  ({verdict} the target)")


if __name__ == "__main__":
    main()
