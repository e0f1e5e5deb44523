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


def test_the_weight_arrow_in_03_covers_no_point():
    """03's AND figure: the arrow for w starts on the line near (1.2, 0.3) and keeps clear of
    all four points (drawn from the middle of the view, its head sat on (1, 1))."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from perceptron_lib.plotting import plot_weight_vector, style_axes
    source = " ".join("".join(c["source"]) for c in json.loads(
        (NOTEBOOKS / "03_linear_separability.ipynb").read_text())["cells"])
    assert "plot_weight_vector(ax, W, at=(1.2, 0.3))" in source
    W = np.array([-1.5, 1.0, 1.0])
    X, _ = gate("AND")

    def clearance(arrow):
        a, b = (np.asarray(p, dtype=float) for p in arrow._posA_posB)
        t = np.clip(((X - a) @ (b - a)) / ((b - a) @ (b - a)), 0, 1)
        return np.linalg.norm(X - (a + t[:, None] * (b - a)), axis=1).min()

    fig, ax = plt.subplots()
    style_axes(ax)
    assert clearance(plot_weight_vector(ax, W, at=(1.2, 0.3))) > 0.25
    assert clearance(plot_weight_vector(ax, W)) < 0.01        # the default, for the record
    plt.close(fig)


def test_05s_explorer_sentences_match_training():
    X, d = gate("AND")
    text = prose("05_convergence.ipynb")
    shuffled = Perceptron(2, shuffle=True, seed=4).fit(X, d)
    assert tuple(int(v) for v in shuffled.history_[0].x) == (1, 1)
    assert shuffled.W.tolist() == [-2, 1, 1] and shuffled.converged_epoch_ == 4
    assert "seed 4 starts with $(1, 1)$" in text and "$[-2, 1, 1]$" in text
    assert "first clean epoch is epoch 4 instead of 6" in text
    fast = Perceptron(2, lr=1, epochs=50, W0=[0.5, -1, 1]).fit(X, d)
    slow = Perceptron(2, lr=0.1, epochs=30, W0=[0.5, -1, 1]).fit(X, d)   # the explorer's 30
    assert fast.W.tolist() == [-2.5, 2, 1] and slow.converged_epoch_ == 19
    assert "Play it to $[-2.5, 2, 1]$" in text and "first clean epoch in epoch 19" in text


def test_05s_tie_rules_box_matches_the_variants():
    """The optional box: with z > 0 AND ends at [-2, 2, 1] through (1, 0); with 'z = 0 is
    always a mistake' at [-4, 3, 2] after 9 epochs (6 for the course's rule), margin > 0."""
    import numpy as np

    from perceptron_lib import margin
    X, d = gate("AND")

    def train(fires, is_mistake):
        W, epochs = np.zeros(3), 0
        while True:
            epochs, m = epochs + 1, 0
            for x, t in zip(X, d):
                xe = np.insert(x, 0, 1)
                if is_mistake(W @ xe, fires(W @ xe), t):
                    W, m = W + (1 if t == 1 else -1) * xe, m + 1
            if m == 0:
                return W, epochs

    W, epochs = train(lambda z: int(z > 0), lambda z, y, t: y != t)
    assert W.tolist() == [-2, 2, 1] and W @ [1, 1, 0] == 0
    W, epochs = train(lambda z: int(z > 0), lambda z, y, t: (2 * t - 1) * z <= 0)
    assert W.tolist() == [-4, 3, 2] and epochs == 9 and margin(W, X, d) > 0
    assert Perceptron(2).fit(X, d).converged_epoch_ == 6
    text = prose("05_convergence.ipynb")
    assert "$[-2, 2, 1]$, through the training point $(1, 0)$" in text
    assert "$[-4, 3, 2]$, with a positive margin, after 9 epochs instead of 6" in text


def test_04s_visits_named_in_the_prose():
    X, d = gate("AND")
    h = Perceptron(2).fit(X, d).history_
    assert tuple(int(v) for v in h[3].x) == (1, 1) and h[3].e == 1       # visit 4: first miss
    assert all(h[k].e == 0 for k in range(3) if tuple(h[k].x) == (1, 1))
    W6 = h.W_at(6)                                     # after visit 6: the line x1 = 2
    assert W6.tolist() == [-2, 1, 0]
    text = prose("04_learning_rule.ipynb")
    assert "The first miss of $(1, 1)$ (visit 4)" in text and "At visit 6 the line leaves" in text
