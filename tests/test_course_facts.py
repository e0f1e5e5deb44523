"""Sentences in the notebooks that state a number are checked against the number computed."""

import json
from pathlib import Path

import numpy as np

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
    guide = " ".join((NOTEBOOKS / "teacher_guide.md").read_text().split())
    assert f"{values}³ = {values ** 3:,} settings" in guide


def test_the_guides_slowest_digit_pair_is_the_slowest():
    from perceptron_lib.exercises.nb09 import SOLVED
    (digit, against), epochs = max(SOLVED.items(), key=lambda item: item[1])
    guide = " ".join((NOTEBOOKS / "teacher_guide.md").read_text().split())
    assert (f"set *digit* to {digit} and *against* to {against} to show the slowest pair "
            f"({epochs} epochs)") in guide


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


def test_05s_lr_01_line_is_right_only_by_rounding():
    """AND with lr = 0.1 ends at [-0.2, 0.2, 0.1] as decimals, which put the class-0 point
    (1, 0) exactly on the line (z = 0 fires: a mistake); the stored floats give z < 0."""
    from fractions import Fraction
    X, d = gate("AND")
    p = Perceptron(2, lr=0.1).fit(X, d)
    assert [float(v) for v in p.W] == [-0.20000000000000004, 0.2, 0.1]
    assert p.W @ [1, 1, 0] == -2.7755575615628914e-17 < 0 and p.predict([1, 0]) == 0
    assert Fraction("-0.2") + Fraction("0.2") * 1 + Fraction("0.1") * 0 == 0    # decimals: z = 0
    text = prose("05_convergence.ipynb")
    assert "its bias is stored as $-0.20000000000000004$" in text
    assert "$z \\approx -2.8 \\times 10^{-17}$ (silent)" in text


def test_05s_gamma_is_never_larger_than_the_margin_in_the_plane():
    import numpy as np

    from perceptron_lib import margin, max_margin_weights
    X, d = gate("AND")
    W = max_margin_weights(X, d)
    u = W / np.linalg.norm(W)
    gamma = ((2 * d - 1) * (np.insert(X, 0, 1, axis=1) @ u)).min()
    assert round(gamma, 3) == 0.243 and round(margin(W, X, d), 3) == 0.354
    assert "$\\gamma$ is never larger than the gap in the plane" in prose("05_convergence.ipynb")


def test_06s_diagonal_failures_are_explained():
    from perceptron_lib.data import BOOLEAN_FUNCTION_NAMES as NAMES
    from perceptron_lib.hidden_layer import all_runs, clash, function_number, verdict
    runs, xor = all_runs(), function_number("XOR")
    gates = [k for k in range(16) if NAMES[k] not in ("XOR", "XNOR")]
    pairs = [(a, b) for a in gates for b in gates]
    works = [p for p in pairs if verdict(*p, xor, runs[p[0], p[1], xor]).startswith("✔")]
    diagonal = [p for p in pairs if p not in works and clash(*p, xor) is None]
    assert (len(pairs), len(works), len(diagonal)) == (196, 16, 8)
    assert (function_number("x1"), function_number("x2")) in diagonal
    text = prose("06_hidden_layer_xor.ipynb")
    assert "That happens for 8 of the 196 pairs, for example $h_1 = x_1$, $h_2 = x_2$" in text
    assert "16 of the 196 ordered pairs" in text


def test_07s_standard_deviation_example_and_epoch_1():
    import numpy as np

    from perceptron_lib import iris_two_species
    assert np.std([1, 3]) == 1
    X, d = iris_two_species("versicolor", "virginica", features=("sepal length",
                                                                   "petal length"))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    p = Perceptron(2)
    p.partial_fit(X, d)
    assert round(p.score(X, d), 2) == 0.76
    text = prose("07_real_data.ipynb")
    assert "(for the values 1 and 3, both 1 away from their mean 2, it is 1)" in text
    assert "Ignore epoch 1's lower score, 76 %" in text


def test_08s_first_figure_has_one_jump_and_the_two_slopes():
    import numpy as np

    from perceptron_lib import step
    X, d = gate("XOR")
    W_out = np.array([-1.5, 1.0, 1.0])

    def loss(w1):
        Wh = np.array([[-0.5, w1, 1.0], [1.5, -1.0, -1.0]])
        H = step(X @ Wh[:, 1:].T + Wh[:, 0])
        return np.mean((step(H @ W_out[1:] + W_out[0]) - d) ** 2) / 2

    curve = np.array([loss(w) for w in np.linspace(-3, 3, 301)])
    jumps = np.flatnonzero(np.diff(curve))
    assert len(jumps) == 1 and loss(0.49) == 0.125 and loss(0.5) == 0
    y, target, h = 0.7, 1, 0.01
    assert abs((0.5 * (y + h - target) ** 2 - 0.5 * (y - h - target) ** 2) / (2 * h) + 0.3) \
        < 1e-12
    assert round(0.5 * (0.71 - 1) ** 2, 5) == 0.04205 and round(0.5 * (0.69 - 1) ** 2, 5) == 0.04805
    text = prose("08_learning_the_hidden_layer.ipynb")
    assert "staircase" not in text and "**flat with one jump**: 0.125 for every $w_1$ below 0.5" \
        in text
    assert "(0.04205 - 0.04805) / 0.02 = -0.3 = y - d" in text
    assert "Here $e$ is **Euler's number**, about 2.718" in text and np.isclose(np.e, 2.718,
                                                                               atol=5e-4)


def test_08s_twins_need_equal_outgoing_weights():
    import numpy as np

    from perceptron_lib import TinyNetwork
    X, d = gate("XOR")
    same = np.array([[0.1, 0.5, -0.3], [0.1, 0.5, -0.3]])
    for W_hidden, W_out, stay_twins in ((same, [0.2, 0.4, 0.4], True),
                                        (same, [0.2, 0.4, 0.1], False),
                                        (np.zeros((2, 3)), [0, 0, 0], True)):    # a zero start
        h = TinyNetwork(start=(W_hidden, np.array(W_out, dtype=float))).fit(X, d).history_
        assert np.array_equal(h.W_hidden[-1, 0], h.W_hidden[-1, 1]) == stay_twins
        assert (h.solved_epoch is None) == stay_twins
    assert "and with the same weight to the output ($v_1 = v_2$), get the same blame" in prose(
        "08_learning_the_hidden_layer.ipynb")


def test_09s_weight_picture_is_described_as_drawn():
    import numpy as np

    from perceptron_lib.exercises import nb09
    w = nb09.W38[1:].reshape(8, 8)
    assert (w[2:6, 2:4] < 0).all()                      # vermillion: left of rows 2 to 5
    assert (w[2:4, 5] < 0).all()                        # the paler patch, right of rows 2, 3
    assert (w[4:7, 5:7] > 0).all()                      # blue: right of rows 4 to 6
    assert (w[0, 2:7] > 0).all() and (w[7, 1:7] > 0).all()   # blue: top and bottom rows
    assert np.abs(w[2:4, 5]).max() < np.abs(w[2:6, 2:4]).max()
    images, t, rows = nb09.DIGITS.images, nb09._t, nb09.TRAIN38
    diff = images[rows][t[rows] == 3].mean(axis=0) - images[rows][t[rows] == 8].mean(axis=0)
    assert (diff[4:7, 5:7] > 0).all() and (diff[7, 1:6] > 0).all()
    text = prose("09_handwritten_digits.ipynb")
    assert "the top rows, the right of rows 4 to 6" in text
    assert "blue along the top and bottom rows" not in text


def test_00s_notation_and_maths_line():
    text = prose("00_start_here.ipynb")
    assert "$e$ in $1/(1 + e^{-z})$ is Euler's number, about 2.718" in text
    assert "notebook 05 unit vectors, the Cauchy–Schwarz inequality (in an optional proof) and " \
           "log-log axes" in text
    for name, says in (("05_convergence.ipynb", "Cauchy–Schwarz"),
                       ("05_convergence.ipynb", "log-log axes"),
                       ("05_convergence.ipynb", "unit vector"),
                       ("07_real_data.ipynb", "standard deviation")):
        assert says in prose(name), (name, says)


def test_00s_notation_table_says_where_each_symbol_is_taught():
    """00's table teaches nothing ahead of time: each line names the notebook that explains
    it, and that notebook does use it (no W^T, which no notebook uses)."""
    import re
    text = prose("00_start_here.ipynb")
    rows = re.findall(r"^\| (.+?) \| .+? \| (\d\d) \|$", text, re.M)
    assert len(rows) >= 8 and "W^T" not in text
    books = {p.name[:2]: p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    for written, where in rows:
        symbol = {"$\\eta$ (`lr` in code)": "\\eta", "$[b, v_1, v_2]$": "v_1"}.get(
            written, re.findall(r"\$([^$]+)\$", written)[0].split(" ")[0] if "$" in written
            else written)
        assert symbol in prose(books[where]), (written, where)
    assert dict((w, n) for w, n in rows)["$\\sigma(z)$ (`sigmoid` in code)"] == "08"


def test_05_gamma_is_the_gap_in_the_plane_times_w_over_W():
    """05: the widest line for AND is [-1.061, 0.707, 0.707], |w| = 1, |W| = 1.458, and
    gamma = 0.354 x 1 / 1.458 = 0.243."""
    from perceptron_lib import gate, margin, max_margin_weights

    X, d = gate("AND")
    W = max_margin_weights(X, d)
    assert np.round(W, 3).tolist() == [-1.061, 0.707, 0.707]
    assert round(np.linalg.norm(W[1:]), 3) == 1 and round(np.linalg.norm(W), 3) == 1.458
    gap = margin(W, X, d)
    u = W / np.linalg.norm(W)
    gamma = ((2 * d - 1) * (np.insert(X, 0, 1, axis=1) @ u)).min()
    assert round(gap, 3) == 0.354 and round(gamma, 3) == 0.243
    assert np.isclose(gamma, gap * np.linalg.norm(W[1:]) / np.linalg.norm(W))
