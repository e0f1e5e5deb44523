"""Grading in nbgrader: python -m tools.grading writes an nbgrader course from the notebooks
and the exercises' own checks; the real nbgrader (requirements-teacher.txt, in an environment
of its own) releases it, autogrades a student's submission and exports the grades."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import venv
from pathlib import Path

import nbformat
import pytest

from perceptron_lib.exercises import ALL, questions
from tools import grading

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"


def test_every_exercise_is_a_solution_cell_and_a_locked_test(tmp_path):
    made = grading.write_course(tmp_path / "course")
    assert (tmp_path / "course" / "nbgrader_config.py").exists()
    assert len(made) == len(ALL)
    for stem, points in made.items():
        nb = nbformat.read(tmp_path / "course" / "source" / stem / f"{stem}.ipynb", as_version=4)
        module = ALL[f"nb{stem[:2]}"]
        graded = [c.metadata["nbgrader"] for c in nb.cells if "nbgrader" in c.metadata]
        tests = [g for g in graded if g["grade"]]
        answers = [g for g in graded if g["solution"]]
        assert len(tests) == len(answers) == len(questions(module)), stem
        assert all(g["locked"] and g["points"] > 0 for g in tests)
        assert sum(g["points"] for g in tests) == points
        ids = [g["grade_id"] for g in graded]
        assert len(ids) == len(set(ids)), "grade ids are unique"
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                # the notebook's own blank stays for the students, the answer is the solution
                assert "### BEGIN SOLUTION" in cell.source and "..." in cell.source
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_a_folder_with_other_things_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not empty"):
        grading.write_course(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def teacher_env(base):
    """An environment with requirements-teacher.txt (made once per test session)."""
    env_dir = base / "teacher-env"
    py = env_dir / "bin" / "python"
    if not (env_dir / "installed").exists():
        venv.create(env_dir, with_pip=True, clear=True, system_site_packages=True)
        done = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-r",
                               str(ROOT / "requirements-teacher.txt")],
                              capture_output=True, text=True, timeout=900, cwd=ROOT)
        if done.returncode != 0:
            if IN_CI:
                pytest.fail(done.stderr[-3000:])
            pytest.skip(f"nbgrader could not be installed: {done.stderr[-300:]}")
        (env_dir / "installed").write_text("")
    return env_dir / "bin"


@pytest.mark.slow
def test_nbgrader_releases_autogrades_and_exports_a_class(tmp_path_factory):
    """Two assignments; one student answers some exercises right, some wrong and leaves some
    blank; the autograder gives the points the exercises' checks say, and the students'
    version is the notebook as they know it (blanks, no solutions)."""
    bin_dir = teacher_env(tmp_path_factory.getbasetemp())
    course = tmp_path_factory.mktemp("nbgrader") / "course"
    grading.write_course(course)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    def nbgrader(*args):
        done = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        return done

    from perceptron_lib.exercises import nb04, nb08
    answers = {   # what alice types in place of the blanks
        "04_learning_rule": {"answer_4_1": ("answer_4_1 = ...", "answer_4_1 = 0 - 1"),
                             "answer_4_2": ("answer_4_2 = ...", "answer_4_2 = [1, 1, 1]"),
                             "answer_4_4": ("def update(W, x, d, lr):\n    ...   # your code here",
                                            nb04.q4.answer_code)},
        "08_learning_the_hidden_layer": {
            "answer_8_1": ("answer_8_1 = ...", "answer_8_1 = 0.25"),
            "answer_8_4": ("def backprop(W_hidden, W_out, x, d):\n    ...   # your code here: "
                           "forward, then the four lines; return grad_hidden, grad_out",
                           nb08.q4.answer_code),
            "answer_8_5": ("def train_epoch(W_hidden, W_out, X, d, lr):\n    ...   # your code "
                           "here: add up backprop over the samples, average, step; return both",
                           nb08.q5.answer_code.replace(" / n, W_out", ", W_out")
                           .replace("grad_out / n", "grad_out"))}}     # 8.5: a sum, wrong
    expected = {"04_learning_rule": (1 + 2, 7), "08_learning_the_hidden_layer": (1 + 2, 9)}
    for name, typed in answers.items():
        nbgrader("generate_assignment", name, "--force")
        release = course / "release" / name / f"{name}.ipynb"
        nb = nbformat.read(release, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "BEGIN SOLUTION" not in text and nb04.q4.answer_code not in text
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in typed:
                blank, answer = typed[grade_id]
                assert blank in cell.source, (grade_id, cell.source)
                cell.source = cell.source.replace(blank, answer)
        handed_in = course / "submitted" / "alice" / name
        handed_in.mkdir(parents=True)
        nbformat.write(nb, handed_in / f"{name}.ipynb")
        nbgrader("autograde", name, "--create", "--force")
    nbgrader("generate_feedback", "08_learning_the_hidden_layer", "--force")
    feedback = next((course / "feedback" / "alice").rglob("*.html")).read_text()
    assert "steps by the sum of the four samples" in feedback      # 8.5's own message
    nbgrader("export")
    with open(course / "grades.csv") as f:
        grades = {row["assignment"]: (float(row["score"]), float(row["max_score"]))
                  for row in csv.DictReader(f)}
    assert grades == {k: (float(a), float(b)) for k, (a, b) in expected.items()}
    shutil.rmtree(course / "autograded")


def test_students_do_not_install_the_teachers_tools():
    for name in ("requirements.txt", "requirements-dev.txt", "binder/requirements.txt"):
        path = ROOT / name
        if path.exists():
            assert "nbgrader" not in path.read_text(), name
    assert "nbgrader==" in (ROOT / "requirements-teacher.txt").read_text()
