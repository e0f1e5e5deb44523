"""README and the teacher's guide offer what the course promises."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_quick_start_has_the_two_commands():
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    open_course = "pip install -r requirements.txt && jupyter lab notebooks/00_start_here.ipynb"
    assert open_course in blocks[0]
    assert "pip install -r requirements-dev.txt && python -m pytest" in blocks[1]
    # exactly two commands: open the course, run the tests
    assert [b.strip() for b in blocks[:2]] == [
        open_course, "pip install -r requirements-dev.txt && python -m pytest"]


def requirement_names(path):
    names = set()
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[<>=!~\[; ]", line)[0].lower().replace("-", "_"))
    return names


def test_the_course_install_is_light_and_the_dev_file_adds_the_tools():
    course = requirement_names("requirements.txt")
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert {"numpy", "matplotlib", "ipywidgets", "anywidget", "jupyterlab_widgets",
            "jupyterlab", "ipykernel"} <= course
    tools = {"pytest", "nbval", "hypothesis", "ruff", "playwright", "notebook", "voila", "numba",
             "nbformat", "nbclient"}
    assert not course & tools, course & tools
    dev = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in dev
    assert tools <= requirement_names("requirements-dev.txt")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install -r requirements-dev.txt && python -m pytest" in ci


def test_numba_is_an_optional_extra():
    pyproject = (ROOT / "pyproject.toml").read_text()
    dependencies = re.search(r"^dependencies = \[(.*?)\]", pyproject, re.S | re.M).group(1)
    assert "numba" not in dependencies
    assert re.search(r"^\[project\.optional-dependencies\][^[]*^fast = \[\"numba", pyproject,
                     re.S | re.M)
    assert 'perceptron_lib[fast]' in README


def test_readme_binder_badge_opens_the_start_notebook():
    m = re.search(r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\((\S+)\)", README)
    assert m, "Binder badge"
    # the branch is the one every other link names (tests/test_classroom.py checks they agree)
    assert re.fullmatch(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/[\w.-]+\?urlpath=lab/tree/"
                        r"notebooks/00_start_here\.ipynb", m.group(1))


def test_readme_offers_jupyterlite_and_a_classroom_section():
    assert "JupyterLite" in README and "lite/requirements.txt" in README
    assert "## For teachers" in README and "git-pull?repo=" in README
    assert "Presentation Mode" in README and 'size="large"' in README


def test_teacher_guide_covers_every_notebook():
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        number = path.stem[:2]
        section = re.search(rf"## {number} · .*?(?=\n## |\Z)", guide, re.S)
        assert section, f"no section for {path.stem}"
        text = section.group(0)
        assert re.search(r"\(\d+ min\)", text)
        for part in ("**Live demo.**", "**Ask the room.**", "**Misconceptions.**"):
            assert part in text, (path.stem, part)


def test_study_times_agree_everywhere():
    """README's table, the map in notebook 00, each notebook's header and the teacher's guide
    give each notebook the same time."""
    import json

    readme = {m[0]: int(m[1]) for m in re.findall(r"\| `(\d\d)_\w+` \|[^|]*\| (\d+) min \|",
                                                    README)}
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(readme) == [p.stem[:2] for p in notebooks]
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    cells = json.loads(notebooks[0].read_text())["cells"]
    course_map = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for path in notebooks:
        number, minutes = path.stem[:2], readme[path.stem[:2]]
        header = "".join(json.loads(path.read_text())["cells"][0]["source"])
        assert f"*Time: about {minutes} minutes*" in header, path.stem
        assert re.search(rf"\| \[?{number} · [^|]*\|[^|]*\| {minutes} min \|", course_map), number
        assert re.search(rf"## {number} · [^\n]*\({minutes} min\)", guide), number


def test_session_plans_add_up():
    """Every 'NN–MM (X min)' or 'NN (X min)' in the guide's plans is the sum of the notebooks'
    times, and the 90-minute lecture's rows fill 90 minutes."""
    readme = {int(m[0]): int(m[1]) for m in re.findall(r"\| `(\d\d)_\w+` \|[^|]*\| (\d+) min \|",
                                                         README)}
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    plans = guide[guide.index("## A series of sessions"):guide.index("## Links for your class")]
    spans = re.findall(r"\b(\d\d)(?:–(\d\d))? \((\d+) min\)", plans)
    assert len(spans) >= 9
    for first, last, minutes in spans:
        numbers = range(int(first), int(last or first) + 1)
        assert sum(readme[n] for n in numbers) == int(minutes), (first, last, minutes)
    lecture = guide[guide.index("## A single 90-minute lecture"):guide.index("**Homework**")]
    rows = re.findall(r"^\| (\d+)–(\d+) \|", lecture, re.M)
    assert rows[0][0] == "0" and rows[-1][1] == "90"
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:])), "rows follow each other"


def test_the_fast_tier_is_readmes_and_the_workflows():
    fast = 'python -m pytest -m "not browser and not hub and not slow"'
    assert fast in README
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    assert fast in workflow
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f'"{version}"' in workflow
    assert "CI=true bash .ci/run" in workflow


def test_the_fast_tier_leaves_out_the_browser_hub_and_builds():
    import subprocess
    import sys

    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m",
                             "not browser and not hub and not slow"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300).stdout
    ids = [line for line in listed.splitlines() if "::" in line]
    assert len(ids) >= 500
    assert not [i for i in ids if i.startswith(("tests/browser/", "tests/test_jupyterhub.py",
                                                "tests/test_site_publish.py",
                                                "tests/test_lite_build.py"))]
