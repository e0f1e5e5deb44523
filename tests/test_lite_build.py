"""The JupyterLite site builds offline, in its own environment, with every notebook, the
perceptron_lib wheel the notebooks install in the browser, and the wheels of the widget
packages it needs there, at the versions of the widget frontends the site carries."""

import json
import os
import re
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEAD_PROXY = "http://127.0.0.1:9"   # any download attempt during the build fails at once
WIDGET_WHEELS = {"ipywidgets", "comm", "jupyterlab-widgets", "anywidget",
                 "psygnal", "typing-extensions"}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def clean_env(**extra):
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    env.pop("PYTHONPATH", None)
    return env


def offline_env():
    return clean_env(HTTP_PROXY=DEAD_PROXY, HTTPS_PROXY=DEAD_PROXY, http_proxy=DEAD_PROXY,
                     https_proxy=DEAD_PROXY, PIP_NO_INDEX="1")


def lite_python(tmp_path_factory):
    """The python of a fresh environment with lite/requirements.txt, made once per test
    session (the site's tests share it)."""
    env_dir = tmp_path_factory.getbasetemp() / "lite-env"
    py = env_dir / "bin" / "python"
    done = env_dir / "installed"
    if not done.exists():
        venv.create(env_dir, with_pip=True, clear=True)
        install = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-r",
                                  str(ROOT / "lite" / "requirements.txt")],
                                 env=clean_env(), capture_output=True, text=True, timeout=600)
        assert install.returncode == 0, install.stderr[-3000:]
        done.write_text("")
    return str(py)


@pytest.fixture(scope="module")
def lite_py(tmp_path_factory):
    return lite_python(tmp_path_factory)


def wheels_in(folder):
    """{canonical name: version} of the wheels in a folder."""
    found = {}
    for wheel in Path(folder).glob("*.whl"):
        name, version = wheel.name.split("-")[:2]
        found[canonical(name)] = version
    return found


def test_lite_site_builds_offline(lite_py, tmp_path):
    # The lite tools stay out of the course's environment, and the course's out of theirs.
    check = subprocess.run([lite_py, "-c", "import numpy"], env=clean_env(),
                           capture_output=True)
    assert check.returncode != 0

    out = tmp_path / "site"
    cache_before = (ROOT / "lite" / ".cache").exists()
    build = subprocess.run([lite_py, "-m", "tools.build_lite", "--output-dir", str(out)],
                           cwd=ROOT, env=offline_env(), capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (out / "files").glob("*.ipynb")) == notebooks
    wheels = list((out / "pypi").glob("perceptron_lib-*-py3-none-any.whl"))
    assert len(wheels) == 1
    index = {canonical(name) for name in json.loads((out / "pypi" / "all.json").read_text())}
    assert {"perceptron-lib", *WIDGET_WHEELS} <= index
    assert wheels_in(out / "pypi") == {**wheels_in(ROOT / "lite" / "pypi"),
                                       "perceptron-lib": wheels_in(out / "pypi")["perceptron-lib"]}
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {"@jupyter-widgets/jupyterlab-manager", "anywidget",
            "@jupyterlite/pyodide-kernel-extension"} <= extensions
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    # what the notebooks install is on the site: piplite never asks PyPI
    assert kernel["disablePyPIFallback"] is True
    assert (out / "index.html").exists()
    # the build works on a copy of lite/ and leaves no cache in the checkout
    assert cache_before or not (ROOT / "lite" / ".cache").exists()


def test_the_build_expects_the_pyodide_the_kernel_is_built_for(lite_py):
    from tools.build_lite import PYODIDE_CDN, PYODIDE_VERSION

    got = subprocess.run(
        [lite_py, "-c", "from jupyterlite_pyodide_kernel import constants as c; "
         "print(c.PYODIDE_VERSION, c.PYODIDE_CDN_URL)"],
        env=clean_env(), capture_output=True, text=True, check=True).stdout.split()
    assert got == [PYODIDE_VERSION, PYODIDE_CDN.rstrip("/")]


def test_widget_wheels_are_pure_python_at_the_pinned_versions(lite_py):
    """lite/pypi holds exactly the pinned versions, which are also the versions whose
    frontends the build takes from the lite environment: the kernel side and the browser
    side of each widget library match."""
    shipped = wheels_in(ROOT / "lite" / "pypi")
    assert set(shipped) == WIDGET_WHEELS
    assert all(p.name.endswith("-none-any.whl") for p in (ROOT / "lite" / "pypi").glob("*.whl"))
    pins = {}
    for line in (ROOT / "lite" / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[canonical(name)] = version
    assert {name: pins.get(name) for name in shipped} == shipped, (
        "lite/pypi differs from lite/requirements.txt: "
        "run python -m tools.build_lite --update-wheels in the lite environment")
    installed = subprocess.run(
        [lite_py, "-c", "import importlib.metadata as m, json, sys; "
         "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))", *sorted(shipped)],
        env=clean_env(), capture_output=True, text=True, check=True)
    assert {canonical(k): v for k, v in json.loads(installed.stdout).items()} == shipped


def test_every_requirement_of_the_shipped_wheels_is_on_the_site_or_in_pyodide():
    """What perceptron_lib needs in the browser is on the site, except what Pyodide itself
    provides (numpy and matplotlib, and the kernel's own ipython and traitlets)."""
    # Pyodide's packages, and the stand-in widgetsnbextension the Pyodide kernel carries
    from_pyodide = {"numpy", "matplotlib", "ipython", "traitlets", "widgetsnbextension"}
    on_site = set(wheels_in(ROOT / "lite" / "pypi")) | {"perceptron-lib"}
    requirements = {}
    pyproject = (ROOT / "pyproject.toml").read_text()
    deps = re.search(r"^dependencies = \[(.*?)\]", pyproject, re.S | re.M).group(1)
    requirements["perceptron-lib"] = re.findall(r'"([A-Za-z0-9_.\-]+)', deps)
    for wheel in (ROOT / "lite" / "pypi").glob("*.whl"):
        with zipfile.ZipFile(wheel) as z:
            meta = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA")))
        requirements[wheel.name] = [
            re.match(r"Requires-Dist: ([A-Za-z0-9_.\-]+)", line).group(1)
            for line in meta.decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line]
    for owner, names in requirements.items():
        for name in map(canonical, names):
            assert name in on_site or name in from_pyodide, f"{owner} needs {name}"


def test_notebooks_install_the_library_only_in_the_browser():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text())
        setup = next(c for c in nb["cells"] if c["cell_type"] == "code"
                     and "".join(c["source"]).startswith("#@title Set-up"))
        src = "".join(setup["source"])
        assert 'sys.platform == "emscripten":' in src, path.name
        assert "%pip install" in src, path.name
