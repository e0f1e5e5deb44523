"""The JupyterLite site builds offline, in its own environment, with every notebook and the
perceptron_lib wheel the notebooks install in the browser."""

import json
import os
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEAD_PROXY = "http://127.0.0.1:9"   # any download attempt during the build fails at once


def test_lite_site_builds_offline(tmp_path):
    env_dir = tmp_path / "lite-env"
    venv.create(env_dir, with_pip=True)
    py = str(env_dir / "bin" / "python")
    base = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    base.pop("PYTHONPATH", None)
    install = subprocess.run([py, "-m", "pip", "install", "--quiet", "-r",
                              str(ROOT / "lite" / "requirements.txt")],
                             env=base, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    # The lite tools stay out of the course's environment, and the course's out of theirs.
    check = subprocess.run([py, "-c", "import numpy"], env=base, capture_output=True)
    assert check.returncode != 0

    offline = dict(base, HTTP_PROXY=DEAD_PROXY, HTTPS_PROXY=DEAD_PROXY,
                   http_proxy=DEAD_PROXY, https_proxy=DEAD_PROXY, PIP_NO_INDEX="1")
    out = tmp_path / "site"
    build = subprocess.run([py, "-m", "tools.build_lite", "--output-dir", str(out)],
                           cwd=ROOT, env=offline, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (out / "files").glob("*.ipynb")) == notebooks
    wheels = list((out / "pypi").glob("perceptron_lib-*-py3-none-any.whl"))
    assert len(wheels) == 1
    index = json.loads((out / "pypi" / "all.json").read_text())
    assert "perceptron-lib" in index or "perceptron_lib" in index
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {"@jupyter-widgets/jupyterlab-manager", "ipyevents",
            "@jupyterlite/pyodide-kernel-extension"} <= extensions
    assert (out / "index.html").exists()


def test_notebooks_install_the_library_only_in_the_browser():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text())
        setup = next(c for c in nb["cells"] if c["cell_type"] == "code"
                     and "perceptron_lib" in "".join(c["source"]))
        src = "".join(setup["source"])
        assert 'if sys.platform == "emscripten":' in src, path.name
        assert "%pip install" in src, path.name
