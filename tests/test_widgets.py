"""The explorers' Python side, driven as the browser view drives it: what the run sent to the
browser says, and how retraining, custom points and hand-set numbers behave.

(What the views draw is checked in a real browser: tests/browser/.)
"""

import base64
import io
from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from perceptron_lib import Perceptron, gate, make_noisy
from perceptron_lib.style import SIZES
from perceptron_lib.widgets import BoundaryExplorer, NeuronExplorer, TrainingExplorer


@pytest.fixture
def explorer():
    return TrainingExplorer(dataset="AND")


def test_the_whole_run_is_sent_once(explorer):
    run = explorer.run
    h = Perceptron(2).fit(*gate("AND")).history_
    assert run["n"] == 24 and run["n_epochs"] == 6 and run["has_history"]
    assert run["W"][0] == [0, 0, 0] and run["W"][-1] == [-3, 2, 1]
    assert len(run["W"]) == len(run["readout"]) == len(run["W_text"]) == 25
    for p in range(25):
        assert run["W"][p] == h.W_at(p).tolist()
    assert run["epoch_ends"] == [4, 8, 12, 16, 20, 24]
    assert run["mistakes"] == [2, 3, 3, 2, 1, 0] and run["cum"][-1] == 11
    assert run["sample"][:5] == [0, 1, 2, 3, 0] and run["e"][:4] == [-1, 0, 0, 1]
    assert run["rows"][3] == ["1", "1", "1", "-1", "0", "1", "+1"]
    assert run["W_text"][4] == "[0, 1, 1]"
    assert len(run["readout_epoch"]) == 7
    # the status line is sent once per change, and reads as narration.status everywhere
    from perceptron_lib import narration
    from perceptron_lib.narration import status_at
    assert len(run["status"]) < 25
    for p in range(25):
        assert status_at(run, p) == narration.status(h, p, explorer.bound, explorer.separable)
    assert run["readout"] == [narration.readout(h, p, 1) for p in range(25)]


def test_readouts_tell_the_story(explorer):
    assert "Before training: W = [0, 0, 0]" in explorer.describe_position()
    assert "fires everywhere" in explorer.describe_position()
    explorer.step_forward()
    assert explorer.position == 1
    assert "predicted 1, desired 0, error e = -1" in explorer.describe_position()
    assert "no line at all" in explorer.describe_position()
    explorer.go_to(6)     # W = [-2, 1, 0]: the line x1 = 2 lies outside the picture
    assert "outside the picture, to the right: the line x1 = 2" in explorer.describe_position()
    explorer.go_to(24)
    assert "Converged in epoch 6" in explorer.describe_status()
    assert "at most 51 mistakes" in explorer.describe_status()


def test_stepping_and_per_epoch_mode(explorer):
    explorer.go_to(5)
    assert "epoch 2, sample 1 of 4" in explorer.describe_position()
    explorer.per_epoch = True
    assert explorer.position == 4 and explorer.slider_value == 1
    explorer.step_forward()
    assert explorer.position == 8
    assert "End of epoch 2: 3 mistakes" in explorer.describe_position()
    explorer.per_epoch = False
    explorer.step_back()
    assert explorer.position == 7
    explorer.go_to(999)
    assert explorer.position == 24
    explorer.position = -3          # what a confused view could send: clamped
    assert explorer.position == 0


def test_xor_status_reports_the_cycle():
    ex = TrainingExplorer(dataset="XOR")
    ex.go_to(8)                                   # end of epoch 2: nothing proven yet
    assert "cycle" not in ex.describe_status()
    ex.go_to(12)                                  # end of epoch 3 repeats epoch 2
    assert "end of epoch 3 repeat those at the end of epoch 2" in ex.describe_status()
    assert "never converge" in ex.describe_status() and "Novikoff" not in ex.describe_status()


def test_dataset_and_learning_rate_retrain():
    ex = TrainingExplorer(dataset="AND")
    ex.go_to(10)
    ex.dataset = "OR"                             # what the view's select does
    assert ex.position == 0 and ex.run["W"][-1] == [-1, 1, 1]
    ex.dataset = "AND"
    ex.lr = 0.1
    assert np.allclose(ex.run["W"][-1], [-0.2, 0.2, 0.1])
    assert "Converged in epoch 4" in ex.run["status"][-1][1]
    assert "learning rate 0.1" in ex.run["title"]


def test_custom_points_by_click_undo_and_clear():
    ex = TrainingExplorer(dataset="custom")
    ex.clear_points()
    assert "No points yet" in ex.message and not ex.run["has_history"]
    ex.click_class = 1
    ex._on_view_message(ex, {"kind": "click", "x": 1.0123, "y": 0.987}, [])
    assert ex.data[0].tolist() == [[1.01, 0.99]]          # a click is rounded sensibly
    assert "All points are class 1" in ex.message
    ex.add_point(0.0, 0.0, 0)
    ex.add_point(0.0, 1.0, 0)
    assert ex.error == "" and ex.history is not None and ex.run["n"] > 0
    assert "Converged" in ex.run["status"][-1][1]
    assert ex.points_text.count("\n") == 2                  # the box lists the 3 points
    ex.undo()
    assert len(ex.data[0]) == 2
    ex.clear_points()
    assert len(ex.data[0]) == 0
    ex.undo()
    assert len(ex.data[0]) == 2


def test_view_messages_never_raise_and_are_acknowledged(explorer):
    sent = []
    explorer.send = lambda content, buffers=None: sent.append(content)
    for content in [{"kind": "click", "x": "a", "y": None}, {"kind": "nonsense"}, "text", None,
                    {"kind": "click", "x": float("nan"), "y": 1}, {"kind": "undo"},
                    {"kind": "apply"}, {"kind": "clear"}]:
        explorer._on_view_message(explorer, content, [])
    assert sent == [{"kind": "ack"}] * 8


def test_custom_arrays_and_typed_points():
    X, d = make_noisy(60, flip=0.1, seed=2)
    ex = TrainingExplorer(X, d)
    assert ex.dataset == "custom" and len(ex.data[0]) == 60
    assert "not linearly separable" not in ex.run["status"][0][1]  # no spoiler at the start
    assert "not linearly separable" in ex.run["status"][-1][1]
    ex.apply_points("0, 0, 0\n1, 1, 1\n\n# comment\n2 2 1")
    assert ex.data[1].tolist() == [0, 1, 1]
    assert "Converged" in ex.run["status"][-1][1]


def test_typed_points_read_back_exactly():
    ex = TrainingExplorer(X=[[0.1234567891, 3e-7], [1, 1]], d=[0, 1])
    ex.apply_points(ex.points_text)
    assert ex.data[0].tolist() == [[0.1234567891, 3e-7], [1, 1]]


@pytest.mark.parametrize("X, d, match", [
    (np.zeros((0, 2)), [], "empty"),
    ([[0, 0, 1], [1, 1, 1]], [0, 1], "needs 2 columns"),
    ([0, 1, 2], [0, 1, 1], "2-D"),
    ([[0, 0], [1, 1]], [0, 2], "labels must be 0 or 1"),
    ([[0, np.nan], [1, 1]], [0, 1], "NaN"),
])
def test_bad_custom_data_gives_a_message_not_a_traceback(X, d, match):
    ex = TrainingExplorer(X, d)
    assert match in ex.message and ex.error
    ex.add_point(0, 0, 0)               # still usable
    ex.add_point(1, 1, 1)
    assert ex.history is not None


def test_bad_typed_points_keep_the_old_data():
    ex = TrainingExplorer(dataset="custom")
    before = ex.data
    ex.apply_points("0, 0, 0\n1, 1, 5")
    assert "labels must be 0 or 1; got 5" in ex.message
    assert np.array_equal(ex.data[0], before[0])
    ex.apply_points("0, 0")
    assert "line 1" in ex.message


def test_csv(explorer, tmp_path):
    path = explorer.save_csv(tmp_path / "and.csv")
    assert path.read_text().count("\n") == 25
    assert "Saved 24 visits" in explorer.message


def test_still_picture_for_viewers_without_widgets(explorer):
    data, _ = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == ("TrainingExplorer: AND, learning rate 1, position 0 of 24 visits "
                                  "(the still picture: the end of the run)")
    png = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert png.size == (SIZES["normal"]["width"], SIZES["normal"]["height"])


def test_large_size():
    assert TrainingExplorer(size="large").look["size"]["width"] == SIZES["large"]["width"]
    with pytest.raises(ValueError, match="size must be one of"):
        TrainingExplorer(size="huge")


def test_axis_and_class_names_reach_the_view():
    ex = TrainingExplorer(dataset="XOR", x_label="h1 = OR", y_label="h2 = NAND",
                          class_names=("XOR = 0", "XOR = 1"))
    assert ex.run["x_label"] == "h1 = OR" and ex.run["class_names"] == ["XOR = 0", "XOR = 1"]


def test_neuron_explorer_fires_all_or_nothing():
    n = NeuronExplorer(n_inputs=3, weights=[1, 1, -1], threshold=2)
    assert not n.fires
    n.set_input(0)
    n.set_input(1)
    assert n.total == 2 and n.fires
    n.set_input(2)             # an inhibiting input
    assert n.total == 1 and not n.fires
    n.threshold = 1
    assert n.fires and n._describe().endswith("fires")
    with pytest.raises(ValueError, match="one weight per input"):
        NeuronExplorer(n_inputs=2, weights=[1])


def test_neuron_explorer_fires_when_the_sum_equals_the_threshold_exactly():
    m = NeuronExplorer(n_inputs=2, weights=[0.6, 0.3], threshold=0.9)
    m.set_input(0)
    m.set_input(1)
    assert 0.6 + 0.3 < 0.9 and m.total == Fraction(9, 10) and m.fires


@pytest.mark.parametrize("name, W", [("AND", (1, 1, -1.5)), ("OR", (1, 1, -0.5)),
                                     ("NAND", (-1, -1, 1.5)), ("NOR", (-1, -1, 0.5))])
def test_boundary_explorer_accepts_gate_weights(name, W):
    b = BoundaryExplorer(gate=name, w1=0, w2=0, b=0)
    b.w1, b.w2, b.b = W
    assert b.implements_gate and "4 of 4 rows right" in b._describe()


def test_hand_set_weights_are_exact_decimals():
    """0.6 + 0.3 - 0.9 is -1.1e-16 in floating point, but the learner set exact decimals:
    (1, 1) lies on the line, z = 0, and step(0) = 1."""
    assert 0.6 + 0.3 - 0.9 < 0
    b = BoundaryExplorer("AND", w1=0.6, w2=0.3, b=-0.9)
    assert b.outputs.tolist() == [0, 0, 0, 1] and b.implements_gate and b.z[3] == 0
    # A number is the decimal it shows, as typed (the browser's sliders send "0.7", not noise):
    # 0.1 + 0.2 in Python is 0.30000000000000004, and that is what the learner set.
    b.w1, b.w2 = 0.1 + 0.2, 0.6
    assert b.z[3] == Fraction("0.30000000000000004") + Fraction("0.6") - Fraction("0.9") > 0


def test_boundary_explorer_agrees_with_exact_arithmetic_on_the_slider_grid():
    rng = np.random.default_rng(1)
    b = BoundaryExplorer("AND")
    X, _ = gate("AND")
    grid = np.round(np.arange(-30, 31) / 10, 1)
    settings = [(0.6, 0.3, -0.9), (0.1, 0.2, -0.3), (-0.7, 0.4, 0.3)]
    settings += [tuple(rng.choice(grid, 3)) for _ in range(300)]
    for w1, w2, bias in settings:
        b.w1, b.w2, b.b = w1, w2, bias
        exact = [int(Fraction(str(bias)) + Fraction(str(w1)) * int(x1) + Fraction(str(w2))
                     * int(x2) >= 0) for x1, x2 in X]
        assert b.outputs.tolist() == exact, (w1, w2, bias)


def test_boundary_explorer_never_solves_xor():
    b = BoundaryExplorer(gate="XOR")
    best = 0
    for w1 in np.arange(-3, 3.01, 0.5):
        for w2 in np.arange(-3, 3.01, 0.5):
            for bias in np.arange(-3, 3.01, 0.5):
                b.w1, b.w2, b.b = w1, w2, bias
                best = max(best, b.rows_right)
    assert best == 3


def test_hand_set_values_outside_the_sliders_are_refused():
    b = BoundaryExplorer()
    with pytest.raises(Exception, match="outside its slider's range"):
        b.w1 = 5
    n = NeuronExplorer(2)
    with pytest.raises(Exception, match="outside its slider's range"):
        n.threshold = 10
    with pytest.raises(Exception, match="must be a number"):
        n.weight_values = ["a", 1]


def test_a_still_picture_of_an_explorer_at_its_start_shows_the_end_of_its_run(monkeypatch):
    from perceptron_lib.widgets import descent, training
    seen = {}
    monkeypatch.setattr(training, "training_png", lambda *a, **k: seen.update(t=a) or b"")
    monkeypatch.setattr(descent, "descent_png", lambda *a, **k: seen.update(d=a) or b"")
    ex = training.TrainingExplorer(dataset="XOR", epochs=8)
    ex._png()
    assert seen["t"][3] == len(ex.history) and seen["t"][7].endswith("the end of the run")
    ex.go_to(5)
    ex._png()
    assert seen["t"][3] == ex.position and not seen["t"][7].endswith("the end of the run")
    training.TrainingExplorer(dataset="OR", predict=True)._png()     # the answers not shown
    assert seen["t"][3] == 0
    dx = descent.DescentExplorer(epochs=250)
    dx._png()
    assert seen["d"][1] == 250


def test_a_gate_chosen_after_own_data_has_plain_names():
    """07's Iris explorer switched to AND: the axes say x1, x2 and the classes class 0 and 1,
    not the flowers'; back on the flowers, their names again."""
    X = [[0.1, 0.2], [0.8, 0.9], [0.2, 0.1], [0.9, 0.7]]
    ex = TrainingExplorer(X, [0, 1, 0, 1], x_label="sepal length (scaled)",
                          y_label="petal length (scaled)", class_names=("setosa", "versicolor"))
    assert ex.run["class_names"] == ["setosa", "versicolor"]
    ex.dataset = "AND"
    assert (ex.run["x_label"], ex.run["y_label"]) == ("x1", "x2")
    assert ex.run["class_names"] == ["class 0", "class 1"]
    ex.dataset = "custom"
    assert ex.run["x_label"] == "sepal length (scaled)"
    assert ex.run["class_names"] == ["setosa", "versicolor"]


def test_names_given_with_a_gate_stay_with_that_gate():
    ex = TrainingExplorer(dataset="XOR", x_label="h1 = OR", y_label="h2 = NAND",
                          class_names=("XOR = 0", "XOR = 1"))
    ex.dataset = "AND"
    assert ex.run["x_label"] == "x1" and ex.run["class_names"] == ["class 0", "class 1"]
    ex.dataset = "XOR"
    assert ex.run["y_label"] == "h2 = NAND" and ex.run["class_names"] == ["XOR = 0", "XOR = 1"]


def test_a_still_pictures_info_box_avoids_the_line_and_the_points():
    """The training explorer's still picture puts "step k/n, W = ..." in the corner farthest
    from the line and the points (04's XOR picture had it on the line)."""
    from perceptron_lib.widgets.pictures import _free_corner
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    view = ((-0.5, 1.5), (-0.5, 1.5))
    # x2 = x1 + 1 crosses the top-left corner: the box goes elsewhere
    corner = _free_corner([-1, -1, 1], X, *view)
    assert corner[:2] != (0.02, 0.98)
    # x1 = 1.3 runs down the right side: the box stays on the left
    assert _free_corner([-1.3, 1, 0], X, *view)[2] == "left"


def _colour_pixels(png, colour):
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(img - want).sum(axis=2) < 30).sum())


def test_a_still_picture_at_a_mistake_shows_the_update_as_the_view_does():
    """04 says: on a mistake, the old line (dashed), the old w (grey) and the update as an
    arrow from the old w to the new (green to excite, purple to inhibit). The still picture
    at a mistake draws them too; at a visit with no mistake, none of them."""
    from perceptron_lib.style import COLORS
    ex = TrainingExplorer(dataset="AND")
    kinds = {}
    for k in range(1, len(ex.history) + 1):   # the first of each kind where w is not 0 and
        visit = ex.history[k - 1]                # (for a mistake) moves, not only b
        moved = (visit.W_before[1:] != visit.W_after[1:]).any()
        if visit.W_before[1:].any() and visit.W_after[1:].any() and (moved or visit.e == 0):
            kinds.setdefault(visit.e, k)
    assert set(kinds) == {-1, 0, 1}
    pictures = {}
    for e, k in kinds.items():
        ex.go_to(k)
        png = ex._png()
        pictures[e] = {name: _colour_pixels(png, COLORS[name])
                       for name in ("excite", "inhibit", "w_old")}
    assert pictures[1]["excite"] > 100 and pictures[1]["inhibit"] == 0
    assert pictures[-1]["inhibit"] > 100 and pictures[-1]["excite"] == 0
    assert pictures[0]["excite"] == pictures[0]["inhibit"] == 0
    assert pictures[-1]["w_old"] > pictures[0]["w_old"] + 50 < pictures[1]["w_old"]


def test_plot_update_adds_the_update_to_the_old_w():
    """The three arrows share one start and one scale: old w + update = new w, and each arrow
    points along its weights."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from perceptron_lib.plotting import plot_update
    fig, ax = plt.subplots()
    W_old, W = np.array([-1.0, 1.0, 2.0]), np.array([-2.0, 1.0, -1.0])   # e = -1, x = (0, 3)
    old, new, update = plot_update(ax, W_old, W, -1, (-0.5, 1.5), (-0.5, 1.5))
    (s_old, t_old), (s_new, t_new), (s_up, t_up) = (
        np.array(a._posA_posB) for a in (old, new, update))
    assert np.allclose(s_old, s_new) and np.allclose(s_up, t_old) and np.allclose(t_up, t_new)
    scale = (t_new - s_new) / W[1:]
    assert np.isclose(scale[0], scale[1]) and np.allclose((t_old - s_old) / W_old[1:], scale)
    assert update.get_edgecolor() == matplotlib.colors.to_rgba(
        __import__("perceptron_lib.style", fromlist=["COLORS"]).COLORS["inhibit"])
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["line before the update", "w before the update", "w = (w1, w2)",
                      "update: inhibit (e = \u22121)"]
    plt.close(fig)
