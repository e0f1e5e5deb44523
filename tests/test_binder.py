"""The Binder environment, built as repo2docker builds it, runs every notebook.

repo2docker, seeing binder/, installs binder/requirements.txt, then runs binder/postBuild from
the repository root. This test does the same in a fresh virtual environment and executes the
notebooks there with a kernel from that environment.
"""

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def test_binder_files_are_complete():
    pins = [line for line in (BINDER / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", p) for p in pins)
    names = {p.split("==")[0].lower().replace("-", "_") for p in pins}
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab_widgets", "anywidget",
            "jupyterlab"} <= names
    # every package the course needs (requirements.txt) is pinned; the dev tools are not
    course = set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            course.add(re.split(r"[<>=!~\[; ]", line)[0].lower().replace("-", "_"))
    assert course <= names, course - names
    assert not names & {"numba", "llvmlite", "pytest", "nbval", "hypothesis", "playwright",
                        "ruff", "voila"}, names
    assert re.fullmatch(r"python-3\.\d+\n?", (BINDER / "runtime.txt").read_text())
    post = (BINDER / "postBuild").read_text()
    assert post.startswith("#!/bin/bash") and "set -e" in post
    assert "pip install --no-deps" in post
    assert os.access(BINDER / "postBuild", os.X_OK)


def test_binder_environment_runs_the_notebooks(tmp_path):
    wanted = (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")
    if f"{sys.version_info.major}.{sys.version_info.minor}" != wanted:
        pytest.skip(f"binder/runtime.txt asks for Python {wanted}; this is {sys.version}")
    env_dir = tmp_path / "binder-env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               VIRTUAL_ENV=str(env_dir), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)

    def run(*cmd, cwd=ROOT):
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-3000:]}" \
                                     f"\n{proc.stderr[-3000:]}"
        return proc.stdout + proc.stderr

    run("pip", "install", "--quiet", "-r", str(BINDER / "requirements.txt"))
    run(str(BINDER / "postBuild"))
    # The library comes from the environment, not from this checkout.
    where = run("python", "-c", "import perceptron_lib; print(perceptron_lib.__file__)",
                cwd=tmp_path)
    assert str(env_dir) in where
    out = tmp_path / "executed"
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    run("jupyter", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(out),
        "--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=python3",
        *notebooks, cwd=tmp_path)
    assert len(list(out.glob("*.ipynb"))) == len(notebooks)
    # and the widget frontends are in this environment, so JupyterLab can show them
    listing = run("jupyter", "labextension", "list", cwd=tmp_path)
    for name in ("@jupyter-widgets/jupyterlab-manager", "anywidget"):
        assert name in listing, listing
