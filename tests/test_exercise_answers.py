"""Every exercise's right answer runs in its own notebook, and typical wrong answers are
rejected there with their specific message.

For each notebook, a copy is made in which every answer cell holds first each of the
exercise's ``wrong_code`` answers, then its ``answer_code``, each followed by the cell's own
``.check(...)`` line. The copy runs in a fresh kernel: it must run cleanly, every wrong answer
must get its message, and every right answer must be judged correct. (A right answer that
needs a name the notebook never imports fails here, as it would for a learner.)
"""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from perceptron_lib.exercises import ALL
from perceptron_lib.exercises.quizzes import QUIZZES

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
CHECK = re.compile(r"^(nb\d\d|quiz\d)\.(q\d+)\.check\(.*\)\s*$", re.M)
EXERCISES = {**ALL, **QUIZZES}     # the notebooks' exercises and the check-in quizzes


def answer_cells(nb):
    """(cell, exercise, its check line) for every answer cell of a notebook."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        m = CHECK.search(cell.source)
        if m:
            yield cell, getattr(EXERCISES[m.group(1)], m.group(2)), m.group(0).strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_answers_run_in_their_notebook(path):
    answers_run_in(path)


def answers_run_in(path):
    """Run a copy of the notebook at ``path`` with every answer cell filled in (wrong answers
    first, then the right one) and check each verdict; returns the number of answer cells."""
    nb = nbformat.read(path, as_version=4)
    expected = []       # per answer cell: [(status mark, text it must contain), ...]
    for cell, ex, check in answer_cells(nb):
        parts, wants = [], []
        for code, must_say in ex.wrong_code:
            parts.append(f"{code}\n\n\n{check}")
            wants.append(("✘", must_say))
        parts.append(f"{ex.answer_code}\n\n\n{check}")
        wants.append(("✔", "correct!"))
        cell.source = "\n\n\n".join(parts)
        expected.append((ex.name, cell, wants))
    assert expected, "the notebook has exercises"
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    for name, cell, wants in expected:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        verdicts = [line for line in text.splitlines() if line[:1] in "✔✘⏳"]
        assert len(verdicts) == len(wants), (name, text)
        for line, (mark, must_say) in zip(verdicts, wants):
            assert line.startswith(mark) and must_say in line, (name, line, must_say)
    return len(expected)
