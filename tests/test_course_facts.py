"""Sentences in the notebooks that state a number are checked against the number computed."""

import json
from pathlib import Path

from perceptron_lib import Perceptron, gate

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def prose(name):
    nb = json.loads((NOTEBOOKS / name).read_text())
    return " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_lr_01_converges_two_epochs_sooner_on_and():
    X, d = gate("AND")
    slow, fast = Perceptron(2, lr=1).fit(X, d), Perceptron(2, lr=0.1).fit(X, d)
    assert (slow.converged_epoch_, fast.converged_epoch_) == (6, 4)
    assert "two epochs sooner (epoch 4 instead of 6)" in prose("05_convergence.ipynb")


def test_the_brute_force_search_covers_the_sliders_of_the_boundary_explorer():
    from perceptron_lib.widgets import BoundaryExplorer
    lo, hi = BoundaryExplorer.RANGE
    values = round((hi - lo) / 0.1) + 1                   # the sliders move in steps of 0.1
    assert values == 61
    assert f"{values}^3 = {values ** 3:,}".replace(",", "{,}") in prose(
        "03_linear_separability.ipynb")


def test_the_total_study_time_is_the_sum_of_the_notebooks():
    import re
    root = NOTEBOOKS.parent
    readme = (root / "README.md").read_text()
    times = [int(m) for m in re.findall(r"\| `\d\d_\w+` \|[^|]*\| (\d+) min \|", readme)]
    total = sum(times)
    assert f"({total} minutes)" in readme
    assert f"{total} minutes, counted per notebook" in (NOTEBOOKS / "teacher_guide.md").read_text()
