"""The website's build: the publishing workflow runs README's lines, the site's build tools stay
out of what students install, and ``--out`` can never destroy anything: the build refuses a
file, the repository, a folder that holds it, a folder inside its sources and any folder that
is not a site it built, and a failed build leaves the folder as it was."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import build_site
from tools.build_site import MARKER, BuildError, check_notebooks, check_out

ROOT = Path(__file__).resolve().parents[1]


def readme_site_lines():
    """The shell lines of README's block that builds the website."""
    text = (ROOT / "README.md").read_text()
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        if "tools.build_site" in block:
            return [line.split("  #")[0].strip() for line in block.splitlines()
                    if line.strip() and not line.strip().startswith("#")]
    raise AssertionError("README has no block that builds the site")


def workflow_run_lines():
    """The lines of pages.yml's `run:` steps, in order."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    lines = []
    for step in workflow["jobs"]["build"]["steps"]:
        if "run" in step:
            lines += [line.strip() for line in step["run"].splitlines() if line.strip()]
    return lines


def test_the_pages_workflow_runs_readmes_lines():
    site = readme_site_lines()
    run = workflow_run_lines()
    building = [line for line in site if "http.server" not in line]   # serving is for readers
    assert building and all(line in run for line in building), (building, run)
    assert any("tools.build_site --out _site" in line for line in run)


def test_students_do_not_install_the_site_tools():
    students = (ROOT / "requirements.txt").read_text().lower()
    assert "sphinx" not in students and "myst" not in students
    assert "-r requirements-site.txt" in (ROOT / "requirements-dev.txt").read_text()
    # the build imports the course library: its requirements bring what the course needs
    assert "-r requirements.txt" in (ROOT / "requirements-site.txt").read_text()


@pytest.mark.parametrize("where", [".", "..", "/", "notebooks", "notebooks/site",
                                   "perceptron_lib", "tests/_site", ".git", "lite/x"])
def test_out_never_names_the_repository_or_its_sources(where):
    with pytest.raises(BuildError) as err:
        check_out((ROOT / where).resolve())
    message = str(err.value)
    assert "\n" not in message and "--out" in message and "e.g. --out _site" in message


def test_out_is_not_a_file(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    with pytest.raises(BuildError, match="is a file"):
        check_out(target)
    assert target.read_text() == "mine"


def test_out_is_not_someone_elses_folder(tmp_path):
    (tmp_path / "thesis.tex").write_text("mine")
    with pytest.raises(BuildError, match="not a site this tool built"):
        check_out(tmp_path)
    check_out(tmp_path / "new")                 # a new folder is fine
    (tmp_path / "empty").mkdir()
    check_out(tmp_path / "empty")               # so is an empty one
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / MARKER).write_text("")
    (tmp_path / "old" / "index.html").write_text("old")
    check_out(tmp_path / "old")                 # and a site built before


def fake_make(out, cache, home, books, lite_python):
    (out / "index.html").write_text("new site")


@pytest.fixture
def no_sphinx_run(monkeypatch):
    """build() with its slow part (make) replaced: what is tested is where it writes."""
    monkeypatch.setattr(build_site, "make", fake_make)


def test_a_rebuild_replaces_a_site_built_before(tmp_path, no_sphinx_run):
    out = tmp_path / "_site"
    build_site.build(out, tmp_path / "cache")
    assert (out / MARKER).is_file() and (out / "index.html").read_text() == "new site"
    (out / "stale.html").write_text("from an older build")
    build_site.build(out, tmp_path / "cache")
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]   # nothing left beside it


def test_a_failed_build_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "_site"
    out.mkdir()
    (out / MARKER).write_text("")
    (out / "index.html").write_text("the published site")

    def broken(out, *args):
        (out / "half.html").write_text("half")
        raise BuildError("Sphinx failed")

    monkeypatch.setattr(build_site, "make", broken)
    with pytest.raises(BuildError):
        build_site.build(out, tmp_path / "cache")
    assert (out / "index.html").read_text() == "the published site"
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "index.html"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_a_refused_out_is_left_alone(tmp_path, no_sphinx_run):
    (tmp_path / "thesis.tex").write_text("mine")
    with pytest.raises(BuildError):
        build_site.build(tmp_path, tmp_path / "cache")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.tex"]


def write_notebook(path, text="A notebook."):
    nb = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": text}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))
    return path


def test_a_broken_notebook_is_named_in_one_line(tmp_path):
    good = write_notebook(tmp_path / "01_one.ipynb")
    bad = tmp_path / "02_two.ipynb"
    bad.write_text('{"cells": [')
    with pytest.raises(BuildError) as err:
        check_notebooks([good, bad])
    assert str(err.value).startswith("notebooks/02_two.ipynb is not a readable notebook")
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def test_a_missing_notebook_is_named(tmp_path):
    one = write_notebook(tmp_path / "01_one.ipynb", "Next: [two](02_two.ipynb)")
    with pytest.raises(BuildError, match=r"01_one.ipynb links to notebooks/02_two.ipynb, "
                                         r"which is missing"):
        check_notebooks([one])
    check_notebooks([one, write_notebook(tmp_path / "02_two.ipynb")])
    check_notebooks(sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))  # the course's


def test_the_command_says_what_is_wrong_in_one_line(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("mine")
    done = subprocess.run([sys.executable, "-m", "tools.build_site", "--out", str(target)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("error: --out ") and done.stderr.count("\n") == 1, done.stderr
    assert target.read_text() == "mine"


def test_code_spans_that_only_repeat_the_code_colour_are_dropped(tmp_path):
    css = ('html[data-theme="light"] .highlight { background: #fff; color: #080808 }\n'
           'html[data-theme="dark"] .highlight { background: #000; color: #F8F8F2 }\n'
           'html[data-theme="light"] .highlight .n { color: #080808 }\n'
           'html[data-theme="dark"] .highlight .n { color: #F8F8F2 }\n'
           'html[data-theme="light"] .highlight .k { color: #6730C5 }\n'
           'html[data-theme="dark"] .highlight .k { color: #DCC6E0 }\n'
           'html[data-theme="light"] .highlight .p { color: #080808 }\n'
           'html[data-theme="dark"] .highlight .p { color: #AAAAAA }\n'
           'html[data-theme="light"] .highlight .w { color: #080808 }\n'
           'html[data-theme="dark"] .highlight .w { color: #F8F8F2; font-weight: bold }\n')
    assert build_site.plain_tokens(css) == {"n"}     # .p differs in dark, .w is bold
    page = tmp_path / "a.html"
    page.write_text('<pre><span class="k">for</span> <span class="n">x</span>'
                    '<span class="p">:</span></pre>')
    build_site.plain_code(tmp_path, css)
    assert page.read_text() == '<pre><span class="k">for</span> x<span class="p">:</span></pre>'
    with pytest.raises(BuildError, match="code colours"):
        build_site.plain_tokens(".highlight .n { color: #000 }")
