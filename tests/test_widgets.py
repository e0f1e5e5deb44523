"""The explorers, driven from Python as a learner's clicks would drive them."""

import numpy as np
import pytest

from perceptron_lib import decision_line, gate, make_noisy
from perceptron_lib.widgets import BoundaryExplorer, NeuronExplorer, TrainingExplorer


def line_through(W, state_line):
    """The drawn segment lies on w0 + w1 x1 + w2 x2 = 0."""
    xs, ys = state_line
    return np.allclose(W[0] + W[1] * np.asarray(xs) + W[2] * np.asarray(ys), 0, atol=1e-9)


@pytest.fixture
def explorer():
    return TrainingExplorer(dataset="AND")


def test_starts_before_training(explorer):
    assert explorer.position == 0 and explorer.slider.value == 0
    assert explorer.slider.max == 24
    assert explorer.picture.scene.state["line"] is None          # W = 0: no line yet
    assert "Before training: W = [0, 0, 0]" in explorer.readout.value
    assert "fires everywhere" in explorer.readout.value
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_step_draws_the_line_of_the_current_weights(explorer):
    explorer.step_button.click()
    state = explorer.picture.scene.state
    assert explorer.position == 1
    assert state["W"].tolist() == [-1, 0, 0]      # first visit (0, 0): fired wrongly
    assert state["sample"] == (0.0, 0.0)
    assert state["update_arrow"] is False         # w (w1, w2) was and stays 0
    assert "predicted 1, desired 0, error e = -1" in explorer.readout.value
    for _ in range(3):
        explorer.step_button.click()
    state = explorer.picture.scene.state
    assert state["W"].tolist() == [0, 1, 1]       # (1, 1) missed: excite
    assert state["sample"] == (1.0, 1.0)
    assert state["update_arrow"] is True
    assert line_through(state["W"], state["line"])
    assert np.allclose(np.sort(state["line"][0]), np.sort(decision_line([0, 1, 1])[0]))
    start, end = state["w_arrow"]
    direction = np.asarray(end) - np.asarray(start)
    assert abs(direction @ np.array([1.0, -1.0])) < 1e-9   # w is perpendicular to the line


def test_converges_on_and(explorer):
    explorer.end_button.click()
    assert explorer.position == 24
    assert explorer.picture.scene.state["W"].tolist() == [-3, 2, 1]
    assert "Converged in epoch 6" in explorer.status.value
    assert "at most 51 mistakes" in explorer.status.value
    assert line_through([-3, 2, 1], explorer.picture.scene.state["line"])


def test_xor_status_reports_the_cycle():
    ex = TrainingExplorer(dataset="XOR")
    ex.go_to(8)                                   # end of epoch 2: nothing proven yet
    assert "cycle" not in ex.status.value
    ex.go_to(12)                                  # end of epoch 3 repeats epoch 2
    assert "end of epoch 3 repeat those at the end of epoch 2" in ex.status.value
    assert "never converge" in ex.status.value
    assert "Novikoff" not in ex.status.value


def test_stepping_back_restores_the_same_picture(explorer):
    pictures, states = [], []
    for _ in range(10):
        explorer.step_button.click()
        pictures.append(explorer.image.value)
        states.append(explorer.picture.scene.state)
    for k in range(9, 0, -1):
        explorer.back_button.click()
        assert explorer.position == k
        assert explorer.image.value == pictures[k - 1]
        assert explorer.picture.scene.state["W"].tolist() == states[k - 1]["W"].tolist()
        assert explorer.picture.scene.state["sample"] == states[k - 1]["sample"]
    explorer.start_button.click()
    assert explorer.position == 0


def test_redrawn_picture_equals_the_cached_one(explorer):
    explorer.go_to(7)
    first = explorer.image.value
    explorer.picture._cache.clear()
    explorer.go_to(6)
    explorer.picture._cache.clear()
    explorer.go_to(7)
    assert explorer.image.value == first


def test_slider_and_per_epoch_mode(explorer):
    explorer.slider.value = 5
    assert explorer.position == 5 and "epoch 2, sample 1 of 4" in explorer.readout.value
    explorer.mode_buttons.value = "per epoch"
    assert explorer.slider.max == 6 and explorer.slider.value == 1
    explorer.step_button.click()
    assert explorer.position == 8
    assert "End of epoch 2: 3 mistakes" in explorer.readout.value
    explorer.mode_buttons.value = "per sample"
    assert explorer.slider.value == 8 and explorer.slider.max == 24


def test_play_advances_and_stops_at_the_end(explorer):
    explorer.play.playing = True
    for k in range(1, 30):
        explorer.play.value = k                   # what the frontend's timer does
    assert explorer.position == 24
    assert explorer.play.playing is False
    explorer.speed_slider.value = 10
    assert explorer.play.interval == 100


def test_dataset_and_learning_rate_retrain():
    ex = TrainingExplorer(dataset="AND")
    ex.go_to(10)
    ex.dataset_dropdown.value = "OR"
    assert ex.position == 0
    ex.end_button.click()
    assert ex.picture.scene.state["W"].tolist() == [-1, 1, 1]
    ex.dataset_dropdown.value = "AND"
    ex.lr_dropdown.value = 0.1
    ex.end_button.click()
    assert np.allclose(ex.picture.scene.state["W"], [-0.2, 0.2, 0.1])
    assert "Converged in epoch 4" in ex.status.value


def test_keys_drive_the_explorer(explorer):
    explorer._on_dom_event({"type": "keydown", "key": "ArrowRight"})
    explorer._on_dom_event({"type": "keydown", "key": "PageDown"})
    assert explorer.position == 2
    explorer._on_dom_event({"type": "keydown", "key": "ArrowLeft"})
    assert explorer.position == 1
    explorer._on_dom_event({"type": "keydown", "key": "End"})
    assert explorer.position == 24
    explorer._on_dom_event({"type": "keydown", "key": "Home"})
    assert explorer.position == 0
    explorer._on_dom_event({"type": "keydown", "key": " "})
    assert explorer.play.playing is True


def test_custom_points_by_click_undo_and_clear():
    ex = TrainingExplorer(dataset="custom")
    ex.clear_points()
    assert "No points yet" in ex.status.value
    pic = ex.picture
    # a click in the middle of the main panel, in image pixels (origin top-left)
    x, y = pic.ax.transData.transform((1.0, 1.0))
    px, py = x, pic.fig.bbox.height - y
    ex.class_buttons.value = 1
    ex._on_dom_event({"type": "click", "dataX": px, "dataY": py})
    assert np.allclose(ex.data[0], [[1.0, 1.0]], atol=0.02)
    assert "All points are class 1" in ex.status.value
    ex.class_buttons.value = 0
    ex.add_point(0.0, 0.0, 0)
    ex.add_point(0.0, 1.0, 0)
    assert ex.error == "" and ex.history is not None
    ex.end_button.click()
    assert "Converged" in ex.status.value
    assert ex.points_text.value.count("\n") == 2          # the box lists the 3 points
    ex.undo()
    assert len(ex.data[0]) == 2
    ex.clear_points()
    assert len(ex.data[0]) == 0
    ex.undo()
    assert len(ex.data[0]) == 2


def test_click_outside_custom_mode_explains(explorer):
    explorer._on_dom_event({"type": "click", "dataX": 100, "dataY": 100})
    assert "choose <b>custom</b>" in explorer.status.value
    assert len(explorer.data[0]) == 4


def test_custom_arrays_and_typed_points():
    X, d = make_noisy(60, flip=0.1, seed=2)
    ex = TrainingExplorer(X, d)
    assert ex.dataset == "custom" and len(ex.data[0]) == 60
    assert "not linearly separable" not in ex.status.value     # no spoiler at the start
    ex.end_button.click()
    assert "not linearly separable" in ex.status.value
    ex.points_text.value = "0, 0, 0\n1, 1, 1\n\n# comment\n2 2 1"
    ex.apply_button.click()
    assert ex.data[1].tolist() == [0, 1, 1]
    ex.end_button.click()
    assert "Converged" in ex.status.value


@pytest.mark.parametrize("X, d, match", [
    (np.zeros((0, 2)), [], "empty"),
    ([[0, 0, 1], [1, 1, 1]], [0, 1], "needs 2 columns"),
    ([0, 1, 2], [0, 1, 1], "2-D"),
    ([[0, 0], [1, 1]], [0, 2], "labels must be 0 or 1"),
    ([[0, np.nan], [1, 1]], [0, 1], "NaN"),
])
def test_bad_custom_data_gives_a_message_not_a_traceback(X, d, match):
    ex = TrainingExplorer(X, d)
    assert match in ex.status.value or match in ex.error
    assert ex.error
    ex.add_point(0, 0, 0)               # still usable
    ex.add_point(1, 1, 1)
    assert ex.history is not None


def test_bad_typed_points_keep_the_old_data():
    ex = TrainingExplorer(dataset="custom")
    before = ex.data
    ex.points_text.value = "0, 0, 0\n1, 1, 5"
    ex.apply_button.click()
    assert "labels must be 0 or 1; got 5" in ex.status.value
    assert np.array_equal(ex.data[0], before[0])
    ex.points_text.value = "0, 0"
    ex.apply_button.click()
    assert "line 1" in ex.status.value


def test_table_and_csv(explorer, tmp_path):
    explorer.go_to(3)
    explorer.table_toggle.value = True
    assert explorer.table.value.count("<tr>") == 4      # header + 3 visits
    path = explorer.save_csv(tmp_path / "and.csv")
    assert path.read_text().count("\n") == 25
    assert "Saved 24 visits" in explorer.status.value


def test_static_picture_for_viewers_without_a_kernel(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "TrainingExplorer: AND, learning rate 1, position 0 of 24 visits"


def test_large_size_makes_a_bigger_picture():
    small = TrainingExplorer(size="normal").picture.fig.bbox.width
    big = TrainingExplorer(size="large").picture.fig.bbox.width
    assert big > small * 1.4
    with pytest.raises(ValueError, match="size must be one of"):
        TrainingExplorer(size="huge")


def test_neuron_explorer_fires_all_or_nothing():
    n = NeuronExplorer(n_inputs=3, weights=[1, 1, -1], threshold=2)
    assert not n.fires and "output 0" in n.readout.value
    n.input_buttons[0].value = True
    n.input_buttons[1].value = True
    assert n.total == 2 and n.fires and "output 1" in n.readout.value
    n.input_buttons[2].value = True             # an inhibiting input
    assert n.total == 1 and not n.fires
    n.threshold_slider.value = 1
    assert n.fires
    assert n.input_buttons[2].description == "x3 = 1"
    with pytest.raises(ValueError, match="one weight per input"):
        NeuronExplorer(n_inputs=2, weights=[1])


@pytest.mark.parametrize("name, W", [("AND", (1, 1, -1.5)), ("OR", (1, 1, -0.5)),
                                     ("NAND", (-1, -1, 1.5)), ("NOR", (-1, -1, 0.5))])
def test_boundary_explorer_accepts_gate_weights(name, W):
    b = BoundaryExplorer(gate=name, w1=0, w2=0, b=0)
    b.w1_slider.value, b.w2_slider.value, b.b_slider.value = W
    assert b.implements_gate
    assert "All four rows right" in b.message.value
    assert b.table.value.count("✔") == 4


def test_boundary_explorer_never_solves_xor():
    b = BoundaryExplorer(gate="XOR")
    best = 0
    for w1 in np.arange(-3, 3.01, 0.5):
        for w2 in np.arange(-3, 3.01, 0.5):
            for bias in np.arange(-3, 3.01, 0.5):
                W = np.array([bias, w1, w2])
                X, d = gate("XOR")
                best = max(best, int(((W[0] + X @ W[1:] >= 0).astype(int) == d).sum()))
    assert best == 3
    b.w1_slider.value, b.w2_slider.value, b.b_slider.value = 1, 1, -0.5
    assert b.rows_right == 3
    # finding out that XOR cannot be done is the learner's discovery: no spoiler on screen
    for word in ("never", "impossible", "best", "no straight line"):
        assert word not in b.message.value


def test_hand_set_weights_are_exact_decimals():
    """0.6 + 0.3 - 0.9 is -1.1e-16 in floating point, but the learner set exact decimals:
    (1, 1) lies on the line, z = 0, and step(0) = 1."""
    assert 0.6 + 0.3 - 0.9 < 0
    b = BoundaryExplorer("AND", w1=0.6, w2=0.3, b=-0.9)
    assert b.outputs.tolist() == [0, 0, 0, 1] and b.implements_gate
    assert "0 exactly" in b.table.value and "z = 0 exactly there, so the neuron fires" in \
        b.message.value
    b.w1_slider.value = 0.7000000000000001          # float noise from stepping the slider
    assert b.W.tolist() == [-0.9, 0.7, 0.3]


def test_boundary_explorer_agrees_with_exact_arithmetic_on_the_slider_grid():
    from fractions import Fraction

    rng = np.random.default_rng(1)
    b = BoundaryExplorer("AND")
    X, _ = gate("AND")
    grid = np.round(np.arange(-30, 31) / 10, 1)
    settings = [(0.6, 0.3, -0.9), (0.1, 0.2, -0.3), (-0.7, 0.4, 0.3)]
    settings += [tuple(rng.choice(grid, 3)) for _ in range(150)]
    for w1, w2, bias in settings:
        b.w1_slider.value, b.w2_slider.value, b.b_slider.value = w1, w2, bias
        exact = [int(Fraction(str(bias)) + Fraction(str(w1)) * int(x1) + Fraction(str(w2))
                     * int(x2) >= 0) for x1, x2 in X]
        assert b.outputs.tolist() == exact, (w1, w2, bias)


def test_neuron_explorer_fires_when_the_sum_equals_the_threshold_exactly():
    n = NeuronExplorer(n_inputs=3, weights=[0.5, 1, 1.5], threshold=2)
    n.input_buttons[0].value = n.input_buttons[2].value = True
    assert n.fires and "= threshold 2" in n.readout.value
    m = NeuronExplorer(n_inputs=2, weights=[0.6, 0.3], threshold=0.9)
    for button in m.input_buttons:
        button.value = True
    assert 0.6 + 0.3 < 0.9 and m.fires and "= threshold 0.9" in m.readout.value


def test_fast_png_encoder_is_lossless():
    import io

    from PIL import Image

    from perceptron_lib.plotting import encode_png

    rgb = np.random.default_rng(0).integers(0, 256, size=(7, 5, 3), dtype=np.uint8)
    back = np.asarray(Image.open(io.BytesIO(encode_png(rgb))).convert("RGB"))
    assert np.array_equal(back, rgb)
