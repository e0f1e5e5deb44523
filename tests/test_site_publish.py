"""The publisher's journey: pages.yml's `run:` steps (README's site lines, line for line; see
test_site_build.py), replayed in a fresh copy of the repository with fresh virtual
environments and nothing of this test run's own, build the folder the workflow uploads: every
page, the slides, and the JupyterLite site that every page's JupyterLite button opens."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_site_build import workflow_run_lines

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def fresh_copy(dest):
    """The repository's files as a fresh clone of the working tree would have them (tracked,
    and new files git does not ignore), nothing built or installed."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def outside_env():
    """This machine's environment without the test run's virtual environment: `python` is
    the machine's own, as on a fresh runner after setup-python."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                      if not p.startswith(venv))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    if shutil.which("npm") is None or shutil.which("git") is None:
        if os.environ.get("CI"):
            pytest.fail("the publishing replay needs git, node and npm")
        pytest.skip("the publishing replay needs git, node and npm")
    repo = fresh_copy(tmp_path_factory.mktemp("clone"))
    before = {p.name for p in repo.iterdir()}
    script = "set -euo pipefail\n" + "\n".join(workflow_run_lines()) + "\n"
    done = subprocess.run(["bash", "-c", script], cwd=repo, env=outside_env(),
                          capture_output=True, text=True, timeout=2400)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    made = {p.name for p in repo.iterdir()} - before
    # besides: the course installed in editable mode (requirements.txt's -e .) by pip
    assert made <= {"_site", ".site", ".lite", ".site-cache", "perceptron_lib.egg-info"}, \
        f"the build wrote only its site, its tools and its cache: {sorted(made)}"
    return repo / "_site", done.stdout


def test_the_workflow_builds_the_site_it_uploads(published):
    site, stdout = published
    assert re.search(r"built _site in [\d.]+ s", stdout), stdout[-2000:]
    assert (site / "index.html").is_file()
    for path in NOTEBOOKS:
        assert (site / f"{path.stem}.html").is_file(), path.stem
    assert (site / "slides" / "session-1.html").is_file()


def test_every_jupyterlite_button_opens_a_page_of_the_site(published):
    site, _ = published
    lab = site / "lite" / "lab" / "index.html"
    assert lab.is_file(), "the JupyterLite site is in lite/"
    for path in NOTEBOOKS:
        page = (site / f"{path.stem}.html").read_text()
        links = set(re.findall(r'href="(lite/lab/index\.html\?path=[^"]+)"', page))
        assert links == {f"lite/lab/index.html?path={path.name}"}, (path.stem, links)
        assert (site / "lite" / "files" / path.name).is_file(), \
            f"{path.name} is among the JupyterLite site's files"
