"""The course's tools refuse odd arguments in one line and never leave half-done files:
tools.answer_key writes only what ran, and --check compares outputs too; tools.set_home takes
only GitHub's OWNER/REPO; tools.execute_notebooks names a missing notebook without a traceback.
(Fast: no test here starts more than the one small quiz notebook's kernel.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from tools import answer_key, execute_notebooks, set_home

ROOT = Path(__file__).resolve().parents[1]


# --- tools.answer_key -----------------------------------------------------------------------------

@pytest.fixture
def kit(tmp_path, monkeypatch):
    """The kit's two files in a folder of their own, holding some older content."""
    key, quiz = tmp_path / "answer_key.md", tmp_path / "checkin_quizzes.ipynb"
    key.write_text("an old key\n", encoding="utf-8")
    quiz.write_text("an old notebook\n", encoding="utf-8")
    monkeypatch.setattr(answer_key, "KEY", key)
    monkeypatch.setattr(answer_key, "QUIZ_NOTEBOOK", quiz)
    return key, quiz


def _fake_run(nb, folder, timeout=120):
    """Execute without a kernel: every code cell gets a count and one line of output."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    return 0.0


def test_a_failing_quiz_notebook_leaves_the_kit_as_it_was(kit, monkeypatch, capsys):
    def fail(*args, **kwargs):
        raise CellExecutionError("traceback", "NameError", "name 'quiz9' is not defined")

    monkeypatch.setattr(execute_notebooks, "run", fail, raising=False)
    monkeypatch.setattr(execute_notebooks, "execute", fail)
    assert answer_key.main([]) == 1
    assert "a cell of the quiz notebook raised NameError" in capsys.readouterr().err
    key, quiz = kit
    assert key.read_text() == "an old key\n" and quiz.read_text() == "an old notebook\n"
    assert sorted(os.listdir(key.parent)) == ["answer_key.md", "checkin_quizzes.ipynb"]


def test_check_compares_outputs_and_writing_makes_it_current(kit, monkeypatch, capsys):
    key, quiz = kit
    monkeypatch.setattr(execute_notebooks, "run", _fake_run)
    key.write_text(answer_key.answer_key(), encoding="utf-8")
    nbformat.write(answer_key.quiz_notebook(), quiz)       # the right cells, never executed
    assert answer_key.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().out and quiz.read_text().count('"ran') == 0
    assert answer_key.main([]) == 0
    assert "wrote" in capsys.readouterr().out
    written = nbformat.read(quiz, as_version=4)
    code = [c for c in written.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert all(c.outputs[0]["text"] == "ran\n" for c in code)
    assert answer_key.main(["--check"]) == 0
    assert sorted(os.listdir(key.parent)) == ["answer_key.md", "checkin_quizzes.ipynb"]


def test_timings_and_the_python_version_do_not_make_the_notebook_stale(kit, monkeypatch):
    _, quiz = kit
    monkeypatch.setattr(execute_notebooks, "run", _fake_run)
    nb = answer_key.executed_quiz_notebook()
    nb.metadata["language_info"] = {"name": "python", "version": "3.99.0"}
    for cell in nb.cells:
        cell.metadata["execution"] = {"iopub.execute_input": "2000-01-01T00:00:00Z"}
    nbformat.write(nb, quiz)
    assert answer_key.quiz_notebook_current()


# --- tools.set_home -------------------------------------------------------------------------------

@pytest.mark.parametrize("home, says", [
    ("me/course.git", "without .git, me/course;"),
    ("../..", "'..' is not a GitHub account name"),
    ("me/..", "'..' is not a GitHub repository name"),
    ("me/.", "is not a GitHub repository name"),
    ("-me/course", "not a GitHub account name"),
    ("me/course/extra", "expected OWNER/REPO"),
    ("https://github.com/me/course", "expected OWNER/REPO"),
    ("me", "expected OWNER/REPO"),
    ("me/my course", "not a GitHub repository name"),
])
def test_set_home_takes_only_a_github_owner_and_repository(home, says, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("https://mybinder.org/v2/gh/a/b/main\n")
    with pytest.raises(ValueError, match=says.replace(".", r"\.")):
        set_home.set_home(home, root=tmp_path)
    assert readme.read_text() == "https://mybinder.org/v2/gh/a/b/main\n"


@pytest.mark.parametrize("branch", ["..", "-b", ".hidden", "topic.lock", "a..b", "a b"])
def test_set_home_refuses_odd_branch_names(branch, tmp_path):
    with pytest.raises(ValueError, match="branch name"):
        set_home.set_home("me/course", branch, root=tmp_path)


def test_set_home_still_takes_good_names(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("https://mybinder.org/v2/gh/a/b/main\n")
    assert set_home.set_home("my-school/perceptron_course.v2", "dev-1", root=tmp_path) == [readme]
    assert readme.read_text() == "https://mybinder.org/v2/gh/my-school/perceptron_course.v2/dev-1\n"
    assert set_home.check_home(" Me/Course ") == ("Me", "Course")


def test_set_home_on_the_command_line_says_what_is_wrong(capsys):
    with pytest.raises(SystemExit) as info:
        set_home.main(["me/course.git"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "without .git" in err and "Traceback" not in err


# --- tools.execute_notebooks ----------------------------------------------------------------------

def _run_tool(*args):
    return subprocess.run([sys.executable, "-m", "tools.execute_notebooks", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_a_missing_notebook_gets_one_line_not_a_traceback():
    result = _run_tool("missing.ipynb")
    assert result.returncode != 0
    assert result.stderr.strip() == "error: no such notebook: missing.ipynb"
    assert "Traceback" not in result.stdout + result.stderr


def test_files_that_are_not_notebooks_get_one_line_each(tmp_path, capsys):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{")
    assert execute_notebooks.main([str(broken), "README.md"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: cannot read {broken} as a notebook")
    assert lines[1] == "error: not a notebook (a .ipynb file): README.md"
    assert broken.read_text() == "{"


def test_a_failing_cell_leaves_the_notebook_as_it_was(tmp_path, monkeypatch, capsys):
    path = tmp_path / "one.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(nb, path)
    before = path.read_text()

    def fail(nb, folder, timeout=120):
        raise CellExecutionError("traceback", "ZeroDivisionError", "division by zero")

    monkeypatch.setattr(execute_notebooks, "run", fail)
    assert execute_notebooks.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "one.ipynb: a cell raised ZeroDivisionError: division by zero" in err
    assert path.read_text() == before and os.listdir(tmp_path) == ["one.ipynb"]


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def test_a_dead_kernel_gets_one_line_and_the_next_notebook_still_runs(tmp_path, capsys):
    """A kernel that dies (as when the system stops it for memory) once ended the whole run
    with a DeadKernelError traceback and skipped every notebook after it."""
    dead = _notebook(tmp_path / "dies.ipynb", "import os\nos._exit(1)")
    good = _notebook(tmp_path / "good.ipynb", "print('one')\nprint('two')", "6 * 7")
    os.chmod(good, 0o664)
    before = dead.read_text()
    assert execute_notebooks.main([str(dead), str(good)]) == 1
    err = capsys.readouterr().err
    assert "dies.ipynb: the kernel died" in err and "Traceback" not in err
    assert dead.read_text() == before
    ran = nbformat.read(good, as_version=4)
    assert ran.cells[0].outputs[0]["text"] == "one\ntwo\n"        # one output, not two
    assert ran.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert oct(good.stat().st_mode & 0o777) == "0o664", "the file keeps its permissions"


def test_a_cell_over_time_gets_one_line(tmp_path, monkeypatch, capsys):
    slow = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(30)")
    real = execute_notebooks.execute
    monkeypatch.setattr(execute_notebooks, "execute", lambda path: real(path, timeout=2))
    before = slow.read_text()
    assert execute_notebooks.main([str(slow)]) == 1
    assert "slow.ipynb: a cell ran longer than the time allowed" in capsys.readouterr().err
    assert slow.read_text() == before


def test_executing_a_notebook_with_widgets_twice_gives_the_same_bytes(tmp_path):
    path = _notebook(tmp_path / "w.ipynb",
                     "import ipywidgets as w\nw.IntSlider(3)",
                     "for k in range(3):\n    print(k, flush=True)")
    execute_notebooks.execute(path)
    first = path.read_bytes()
    execute_notebooks.execute(path)
    assert path.read_bytes() == first
    ids = json.loads(first)["metadata"]["widgets"][
        "application/vnd.jupyter.widget-state+json"]["state"]
    assert len(ids) >= 3 and all(len(k) == 32 for k in ids)
