"""README and the teacher's guide offer what the course promises."""

import re
from pathlib import Path

import pytest

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


def test_every_place_made_from_the_course_manifest_is_current():
    """README's table and total, each notebook's title and time line and 00's map are made
    from course.toml (python -m tools.course); the guide's headings give the same times."""
    from tools import course

    assert course.update(write=False) == [], "run python -m tools.course"
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    books = course.load()["notebooks"]
    assert [b["file"] for b in books] == \
        [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    for book in books:
        assert re.search(rf"## {course.number(book)} · [^\n]*\({book['minutes']} min\)",
                         guide), book["file"]


def _course_copy(tmp_path):
    """The places the manifest makes, copied into tmp_path."""
    import shutil
    for name in ("README.md", "course.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "notebooks").mkdir()
    for path in [*(ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"),
                 ROOT / "notebooks" / "teacher_guide.md"]:
        shutil.copy(path, tmp_path / "notebooks" / path.name)
    return tmp_path


def test_one_change_in_the_manifest_reaches_every_place(tmp_path):
    """Change 04's minutes and 05's title in course.toml: README's row and total, the guide's
    total, 04's time line, 00's map, and the links of 04 and 06 to 05 all follow; nothing
    else changes."""
    import nbformat

    from tools import course

    root = _course_copy(tmp_path)
    toml = root / "course.toml"
    text = toml.read_text()
    text = text.replace('title = "The learning rule"\nleave_with = "Rosenblatt\'s rule, writing '
                        'the training loop yourself, watching it learn"\nminutes = 75',
                        'title = "The learning rule"\nleave_with = "Rosenblatt\'s rule, writing '
                        'the training loop yourself, watching it learn"\nminutes = 95', 1)
    text = text.replace('title = "Convergence"', 'title = "When learning ends"', 1)
    toml.write_text(text)
    stale = course.update(root, write=True, course=course.load(toml))
    names = sorted(p.name for p in stale)
    assert names == ["00_start_here.ipynb", "04_learning_rule.ipynb", "05_convergence.ipynb",
                     "06_hidden_layer_xor.ipynb", "README.md", "teacher_guide.md"], names
    readme = (root / "README.md").read_text()
    assert "| `04_learning_rule` | Rosenblatt's rule, writing the training loop yourself, " \
           "watching it learn | 95 min |" in readme
    assert "In all about eleven hours (640 minutes) of study" in readme
    assert "The course takes about eleven hours of student time: 640 minutes, counted per " \
        "notebook" in (root / "notebooks" / "teacher_guide.md").read_text()

    def top(name):
        return nbformat.read(root / "notebooks" / name, as_version=4).cells[0].source

    assert "*Time: about 95 minutes*" in top("04_learning_rule.ipynb")
    assert "Next: [05 · When learning ends →](05_convergence.ipynb)" in \
        top("04_learning_rule.ipynb")
    assert top("05_convergence.ipynb").startswith("# 05 · When learning ends\n")
    assert "[← 05 · When learning ends](05_convergence.ipynb)" in top("06_hidden_layer_xor.ipynb")
    map_cell = next(c.source for c in nbformat.read(root / "notebooks" / "00_start_here.ipynb",
                                                    as_version=4).cells
                    if c.source.startswith("## The map"))
    assert "| [04 · The learning rule](04_learning_rule.ipynb) | Rosenblatt's rule, writing the " \
           "training loop yourself, watching it learn | 95 min |" in map_cell
    assert "| [05 · When learning ends](05_convergence.ipynb) |" in map_cell
    assert course.update(root, write=False, course=course.load(toml)) == []   # now current


@pytest.mark.parametrize("change, words", [
    (('file = "04_learning_rule"', 'file = "4_learning_rule"'), "must start with 04_"),
    (("minutes = 75", "minutes = 0"), "minutes must be a whole number > 0"),
    (('["07", "09"]', '["07", "19"]'), "five 90-minute sessions names notebooks that do not "
                                        "exist: 19"),
    (("minutes = 15\n", ""), "has no minutes"),
])
def test_a_broken_manifest_gets_one_line(tmp_path, capsys, change, words):
    from tools import course

    toml = tmp_path / "course.toml"
    toml.write_text((ROOT / "course.toml").read_text().replace(*change, 1))
    with pytest.raises(course.ManifestError, match=re.escape(words)):
        course.load(toml)


def test_the_decks_follow_a_plan_of_the_manifest_and_the_guide_shows_every_plan():
    """The decks' sessions are the sessions of the plan [decks] names; the guide's table of
    plans is made from the manifest, one row per plan, a four-session plan among them."""
    from tools import course

    made = course.load()
    plan = next(p for p in made["plans"] if p["name"] == made["decks"]["plan"])
    assert course.sessions() == tuple(tuple(s) for s in plan["sessions"])
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    assert course.plans_table(made) in guide
    assert {p["name"] for p in made["plans"]} >= {"three 90-minute sessions",
                                                  "four 90-minute sessions",
                                                  "five 90-minute sessions",
                                                  "seven 60-minute sessions"}


def test_a_plan_must_hold_every_notebook_once(tmp_path):
    from tools import course

    text = (ROOT / "course.toml").read_text()
    for old, new, says in (
            ('homework = [["07", 5], ["09", 5], ["10", 5]]', 'homework = [["07", 5], ["10", 5]]',
             "missing: 09"),
            ('homework = [["07", 5], ["09", 5], ["10", 5]]',
             'homework = [["07", 5], ["09", 5], ["10", 5], ["08", 5]]', "twice: 08"),
            ('homework = [["07", 5], ["09", 5], ["10", 5]]',
             'homework = [["07", 9], ["09", 5], ["10", 5]]', "before session 1 to 5"),
            ('plan = "five 90-minute sessions"', 'plan = "ten sessions"', "names no plan")):
        toml = tmp_path / "course.toml"
        toml.write_text(text.replace(old, new, 1))
        with pytest.raises(course.ManifestError, match=re.escape(says)):
            course.load(toml)


def test_session_plans_add_up():
    """Every 'NN–MM (X min)' or 'NN (X min)' in the guide's plans is the sum of the notebooks'
    times, and the 90-minute lecture's rows fill 90 minutes."""
    readme = {int(m[0]): int(m[1]) for m in re.findall(r"\| `(\d\d)_\w+` \|[^|]*\| (\d+) min \|",
                                                         README)}
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text()
    plans = guide[guide.index("## A series of sessions"):guide.index("## Links for your class")]
    # "03–04 (115 min", "07, 09 (110 min": the notebooks named before the minutes
    spans = re.findall(r"((?:\d\d(?:–\d\d)?(?:, )?)+) \((\d+) min[,)]", plans)
    assert len(spans) >= 9
    for names, minutes in spans:
        numbers = [n for first, last in re.findall(r"(\d\d)(?:–(\d\d))?", names)
                   for n in range(int(first), int(last or first) + 1)]
        assert sum(readme[n] for n in numbers) == int(minutes), (names, minutes)
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
