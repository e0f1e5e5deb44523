"""Ready for a classroom: the setup cell in Google Colab and JupyterLite (simulated), the cells
every notebook repeats, the links to the course's home, and the license files.

The live Colab run is not tested here: these tests run each notebook's setup preamble in a
real IPython shell (in a separate process) with Colab's module, or JupyterLite's platform,
simulated and the `%pip` magic recorded instead of run.
"""

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tools import notebook_cells, set_home
from tools.notebook_cells import OFFLINE, split_preamble

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HOME = set_home.current_home()

# Runs a cell in a real IPython shell; `%pip` is recorded, not run. Prints one JSON line.
SHELL = r"""
import json, sys, types
from IPython.core.interactiveshell import InteractiveShell

scenario, cell = sys.argv[1], sys.stdin.read()
enabled = []
if scenario == "colab":
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    output = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda: enabled.append(True)
    google.colab, colab.output = colab, output
    sys.modules.update({"google": google, "google.colab": colab, "google.colab.output": output})
elif scenario.startswith("lite"):
    sys.platform = "emscripten"
    if scenario == "lite-offline":
        sys.modules["numpy"] = None          # as if Pyodide could not fetch numpy
shell = InteractiveShell.instance()
pip = []
shell.register_magic_function(pip.append, magic_kind="line", magic_name="pip")
print("--- cell output ---")
result = shell.run_cell(cell)
print("--- end ---")
print(json.dumps({"pip": pip, "enabled": len(enabled), "success": result.success}))
"""


def run_setup(preamble, scenario):
    proc = subprocess.run([sys.executable, "-c", SHELL, scenario], input=preamble, text=True,
                          capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    shown = proc.stdout.split("--- cell output ---\n", 1)[1].split("--- end ---", 1)[0]
    return json.loads(proc.stdout.rsplit("\n", 2)[-2]), shown, proc.stderr


def preambles():
    out = []
    for path in NOTEBOOKS + sorted((ROOT / "teacher").glob("*.ipynb")):
        cell = notebook_cells.preamble_cell(notebook_cells.nbformat.read(path, as_version=4))
        out.append(pytest.param(split_preamble(cell.source)[0] if cell else "", id=path.stem))
    return out


@pytest.mark.parametrize("preamble", preambles())
def test_in_colab_the_setup_installs_from_the_home_and_enables_the_widgets(preamble):
    assert preamble, "the set-up cell stands just before the setup cell"
    got, shown, err = run_setup(preamble, "colab")
    assert got["success"], shown + err
    assert len(got["pip"]) == 1 and got["enabled"] == 1, got
    args = shlex.split(got["pip"][0])
    assert args[:2] == ["install", "-q"] and len(args) == 3, args
    req = Requirement(args[2])
    owner, repo, branch = HOME
    assert req.name == "perceptron_lib"
    assert req.url == f"git+https://github.com/{owner}/{repo}@{branch}"


@pytest.mark.parametrize("preamble", preambles()[:1])
def test_in_jupyterlite_the_setup_installs_the_site_wheel(preamble):
    got, shown, err = run_setup(preamble, "lite")
    assert got == {"pip": ["install -q perceptron_lib"], "enabled": 0, "success": True}
    assert not shown.strip() and not err.strip()


@pytest.mark.parametrize("preamble", preambles()[:1])
def test_in_jupyterlite_offline_the_setup_says_one_sentence(preamble):
    got, shown, err = run_setup(preamble, "lite-offline")
    assert got["pip"] == ["install -q perceptron_lib"] and not got["success"]
    # the sentence, and nothing else: no traceback, no ModuleNotFoundError further down
    assert shown.strip() == OFFLINE, shown
    assert "Traceback" not in shown + err and "ModuleNotFoundError" not in shown + err


@pytest.mark.parametrize("preamble", preambles()[:1])
def test_elsewhere_the_setup_installs_nothing(preamble):
    got, shown, err = run_setup(preamble, "local")
    assert got == {"pip": [], "enabled": 0, "success": True}


def test_the_offline_sentence_is_the_agreed_one():
    assert OFFLINE == ("JupyterLite needs an internet connection the first time it runs the "
                       "course: connect and run this cell again.")
    # and it is on one line of every setup cell, where a reader can find it
    for path in NOTEBOOKS:
        assert OFFLINE in path.read_text(), path.stem


# --- the cells every notebook repeats ------------------------------------------------------------

@pytest.mark.parametrize("path", notebook_cells.targets(), ids=lambda p: p.stem)
def test_repeated_cells_are_current(path):
    assert not notebook_cells.stale(path), \
        f"{path.name}: header links or setup preamble out of date; run python -m " \
        f"tools.notebook_cells, then python -m tools.execute_notebooks {path}"


def test_every_notebook_header_opens_it_in_colab_and_binder():
    owner, repo, branch = HOME
    for path in NOTEBOOKS:
        header = "".join(json.loads(path.read_text())["cells"][0]["source"])
        rel = f"notebooks/{path.name}"
        assert (f"(https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{rel})"
                in header), path.stem
        assert f"(https://mybinder.org/v2/gh/{owner}/{repo}/{branch}?urlpath=lab/tree/{rel})" \
            in header, path.stem


# --- links to the course's home ------------------------------------------------------------------

def test_all_links_name_the_same_home_and_branch():
    found = set_home.all_links()
    everything = [link for links in found.values() for link in links]
    assert set_home.home_names(everything) == {(HOME[0].lower(), HOME[1])}, \
        set_home.home_names(everything)
    assert {b for *_, b in everything if b is not None} == {HOME[2]}
    kinds = {path: {k for k, *_ in links} for path, links in found.items()}
    assert {"binder", "colab", "nbgitpuller", "jupyterlite"} <= kinds["README.md"]
    assert {"binder", "colab", "nbgitpuller"} <= kinds["notebooks/teacher_guide.md"]
    assert kinds["CITATION.cff"] == {"citation"}
    for path in NOTEBOOKS:
        assert kinds[f"notebooks/{path.name}"] == {"binder", "colab", "pip"}, path.stem
    # README's table: one Colab link per notebook
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"/blob/{HOME[2]}/notebooks/{path.name})" in readme, path.stem


def test_the_placeholder_home_is_named_only_in_links():
    """set_home can only rewrite links, so the home must not hide in plain text."""
    owner, repo, _ = HOME
    for path in set_home.files():
        text = path.read_text()
        for pattern in set_home.PATTERNS.values():
            text = pattern.sub("", text)
        assert f"{owner}/{repo}" not in text, path


def copy_course(to):
    for path in set_home.files():
        target = to / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return {p.relative_to(to): p.read_bytes() for p in set_home.files(to)}


def test_set_home_rewrites_every_link_and_round_trips(tmp_path):
    before = copy_course(tmp_path)
    changed = set_home.set_home("Alice-School/neurons-2027", "spring.term", root=tmp_path)
    assert {p.relative_to(tmp_path) for p in changed} == \
        {p for p, data in before.items() if set_home.links(data.decode())}
    found = [link for links in set_home.all_links(tmp_path).values() for link in links]
    assert len(found) == sum(len(v) for v in set_home.all_links().values())
    assert set_home.home_names(found) == {("alice-school", "neurons-2027")}
    assert {b for *_, b in found if b is not None} == {"spring.term"}
    assert set_home.current_home(tmp_path) == ("Alice-School", "neurons-2027", "spring.term")
    for path in set_home.files(tmp_path):
        assert "perceptron-course/perceptron-course" not in path.read_text(), path
    # the notebooks stay valid, and their repeated cells are current for the new home
    for path in sorted((tmp_path / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = notebook_cells.nbformat.read(path, as_version=4)
        notebook_cells.nbformat.validate(nb)
        assert not notebook_cells.stale(path, root=tmp_path), path.name
    # and back again, byte for byte
    owner, repo, branch = HOME
    set_home.set_home(f"{owner}/{repo}", branch, root=tmp_path)
    assert {p.relative_to(tmp_path): p.read_bytes() for p in set_home.files(tmp_path)} == before


def test_set_home_command_line(tmp_path):
    copy_course(tmp_path)
    owner, repo, branch = HOME
    proc = subprocess.run([sys.executable, "-m", "tools.set_home", f"{owner}/{repo}",
                           "--branch", branch], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0 and "nothing to change" in proc.stdout, proc.stdout + proc.stderr
    for bad in ("no-slash", "a/b/c", "a/b c"):
        proc = subprocess.run([sys.executable, "-m", "tools.set_home", bad], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode != 0 and "OWNER/REPO" in proc.stderr, bad
    with pytest.raises(ValueError, match="branch"):
        set_home.set_home("a/b", "bad branch", root=tmp_path)


# --- reuse ---------------------------------------------------------------------------------------

def test_license_files_match_pyproject():
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()
    code = (ROOT / "LICENSE").read_text()
    assert code.startswith("MIT License") and "2026 The perceptron course authors" in code
    content = (ROOT / "LICENSE-CONTENT").read_text()
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/" in content
    readme = (ROOT / "README.md").read_text()
    assert "## License and reuse" in readme and "CC BY 4.0" in readme


def test_citation_file_is_valid_cff():
    yaml = pytest.importorskip("yaml")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"]
    assert cff["authors"] == [{"name": "The perceptron course authors"}]
    assert cff["license"] == "MIT"
    owner, repo, _ = HOME
    assert cff["repository-code"] == f"https://github.com/{owner}/{repo}"
    from perceptron_lib import __version__  # the one place the version is written
    assert cff["version"] == __version__
