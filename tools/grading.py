"""The course as an nbgrader course, for classes that hand in and are graded on a hub.

    python -m tools.grading --out DIR

writes DIR/nbgrader_config.py and DIR/source/NN_name/NN_name.ipynb for every notebook with
exercises, made from the committed notebooks and perceptron_lib/exercises (nothing written
twice): each answer cell becomes an nbgrader solution cell (the notebook's own stub stays, the
right answer sits between BEGIN and END SOLUTION, so the students' version is the notebook as
they know it), and after it comes a locked, autograded test cell that asks the exercise's own
check: full points when it says "correct", none otherwise, with its message as the reason.
A value answer is worth 1 point, a function 2.

With nbgrader installed (requirements-teacher.txt, in an environment of its own), from DIR:
    nbgrader generate_assignment 04_learning_rule      # release/ : the students' version
    nbgrader autograde 04_learning_rule                # submitted/<student>/ -> autograded/
    nbgrader generate_feedback 04_learning_rule
The teacher's guide says how this goes on a hub.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from perceptron_lib.exercises import ALL

ROOT = Path(__file__).resolve().parents[1]
CHECK = re.compile(r"^(nb\d\d)\.(q\d+)\.check\((\w+)\)\s*$", re.M)
SCHEMA = 3

CONFIG = '''"""nbgrader's settings for the perceptron course (made by python -m tools.grading)."""
c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "perceptron"
c.CourseDirectory.root = "."
# the students' version keeps each notebook's own blanks (answer = ..., a def with ...):
# where the solution was, a line says what to do
c.ClearSolutions.code_stub = {"python": "# your answer: replace the ... above"}
c.ClearSolutions.text_stub = "Your answer here."
# the notebooks draw explorers and run a few seconds; give a cell time on a busy hub
c.ExecutePreprocessor.timeout = 120
'''


def _points(exercise):
    return 2 if exercise.answer_code.lstrip().startswith("def ") else 1


def graded(nb, stem):
    """The notebook ``nb`` as an nbgrader source notebook: (notebook, total points)."""
    nb = nbformat.from_dict(nbformat.v4.upgrade(nb) if nb.nbformat < 4 else nb)
    cells, total = [], 0
    for cell in nb.cells:
        cell = nbformat.from_dict(cell)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        found = CHECK.search(cell.source) if cell.cell_type == "code" else None
        if not found:
            cells.append(cell)
            continue
        module, q, name = found.groups()
        exercise = getattr(ALL[module], q)
        number = exercise.name.split()[-1].replace(".", "_")
        stub = cell.source[:found.start()].rstrip()
        cell.source = (f"{stub}\n### BEGIN SOLUTION\n{exercise.answer_code}\n"
                       f"### END SOLUTION\n{found.group(0).strip()}")
        cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                     "task": False, "grade_id": f"answer_{number}",
                                     "schema_version": SCHEMA}
        points = _points(exercise)
        total += points
        test = new_code_cell(
            f"# {exercise.name}, {points} point{'s' if points > 1 else ''}: its own check, "
            f"run by the autograder\n"
            f"status, message = {module}.{q}.verdict({name})\n"
            f"assert status == \"correct\", message")
        test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                     "task": False, "points": points,
                                     "grade_id": f"check_{number}", "schema_version": SCHEMA}
        cells += [cell, test]
    nb.cells = cells
    nb.metadata.pop("widgets", None)       # saved explorers: the students' kernels draw them
    return nb, total


def write_course(out):
    """Write the nbgrader course into ``out`` (made if missing); returns {assignment:
    points}."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "nbgrader_config.py").exists():
        raise SystemExit(f"error: {out} is not empty and holds no nbgrader course; choose an "
                         f"empty folder")
    (out / "source").mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(CONFIG)
    made = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb, points = graded(nbformat.read(path, as_version=4), path.stem)
        if not points:
            continue
        folder = out / "source" / path.stem
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        nbformat.write(nb, folder / path.name)
        made[path.stem] = points
    return made


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "--out":
        print("usage: python -m tools.grading --out DIR", file=sys.stderr)
        return 2
    made = write_course(argv[1])
    for name, points in made.items():
        print(f"{name}: {points} points")
    print(f"{len(made)} assignments in {argv[1]}/source; from there: nbgrader "
          f"generate_assignment <name>")
    return 0


if __name__ == "__main__":
    sys.exit(main())
