"""No exception reaches a learner, whatever they do to an explorer, and the picture, the
controls and the history always describe the same run."""

import numpy as np
import pytest

from perceptron_lib.widgets import BoundaryExplorer, NeuronExplorer, TrainingExplorer

LEAKS = ("ufunc", "SeedSequence", "could not convert", "setting an array element",
         "Traceback", "not iterable", "object of type")


def assert_consistent(ex):
    """The picture, the slider, the readout and the history describe one run."""
    X, d = ex.data
    pic, h = ex.picture, ex.history
    assert pic is not None and pic.history is h
    assert np.array_equal(pic.X, X.reshape(-1, 2)) and np.array_equal(pic.d, d)
    assert ex.slider.max == ex._slider_max()
    assert ex.position == ex._position_of(ex.slider.value)
    assert pic.position == ex.position
    assert ex.image.value == pic.render(ex.position, ex.per_epoch)
    if h is None:
        assert ex.position == 0
        return
    assert ex.perceptron.lr == ex.lr and ex.perceptron.history_ is h
    assert np.array_equal(h.x[:len(X)], X)            # the run is on these points, in order
    assert np.array_equal(pic.scene.state["W"], h.W_at(ex.position))
    for leak in LEAKS:
        assert leak not in ex.status.value


@pytest.mark.parametrize("X, d", [
    ([[3e7, 2], [-3e7, 3], [2e7, 2]], [0, 0, 1]),
    ([[1e-300, 0], [0, 1e-300]], [0, 1]),
    ([[1e200, 0], [0, 1e200], [0, 0]], [0, 1, 0]),
    ([[1e300, 1e300], [-1e300, -1e300]], [0, 1]),
    ([[1.7e308, 0], [-1.7e308, 0]], [0, 1]),
    ([[0, 1], [3e20, 2e20], [-2, 0]], [1, 0, 0]),
    ([[1, 1], [1, 1]], [0, 1]),
    ([[0, 0], [1, 1], [2, 2]], [0, 1, 0]),
])
def test_odd_data_never_crash_an_explorer(X, d):
    ex = TrainingExplorer(X=X, d=d)
    assert_consistent(ex)
    ex.end_button.click()
    ex.mode_buttons.value = "per epoch"
    ex.back_button.click()
    assert_consistent(ex)
    # the same points typed into the box, or added one by one, on top of a working run
    ex = TrainingExplorer(dataset="custom")
    good = ex.history
    ex.points_text.value = "\n".join(f"{a!r}, {b!r}, {c}" for (a, b), c in zip(X, d))
    ex.apply_button.click()
    assert_consistent(ex)
    if ex.error.endswith("last run that worked."):
        assert ex.history is good
    for (a, b), c in zip(X, d):
        ex.add_point(a, b, c)
        assert_consistent(ex)


def test_a_failed_retraining_keeps_the_last_good_run():
    ex = TrainingExplorer(X=[[0, 0], [1, 1], [0, 1]], d=[0, 1, 0])
    ex.go_to(3)
    before = (ex.history, ex.picture, ex.image.value, ex.data[0].copy(), ex.position)
    ex.points_text.value = "1.7e308, 0, 0\n-1.7e308, 0, 1"      # too far out to draw
    ex.apply_button.click()
    assert "too far out" in ex.error and "last run that worked" in ex.error
    assert ex.history is before[0] and ex.picture is before[1]
    assert ex.image.value == before[2] and np.array_equal(ex.data[0], before[3])
    assert_consistent(ex)
    ex.step_button.click()                   # and every control still works
    assert ex.position == before[4] + 1
    assert_consistent(ex)


def test_a_failing_start_falls_back_to_an_empty_custom_explorer():
    ex = TrainingExplorer(X=[[1.7e308, 0], [-1.7e308, 1]], d=[0, 1])
    assert "Your data could not be used" in ex.error and ex.history is None
    assert_consistent(ex)


@pytest.mark.parametrize("kwargs, says", [
    (dict(lr="1"), "lr"), (dict(lr=None), "lr"), (dict(lr=-1), "lr"),
    (dict(epochs=None), "epochs"), (dict(epochs=2.5), "epochs"), (dict(epochs="5"), "epochs"),
    (dict(xlim=1), "xlim"), (dict(xlim=(2, 1)), "xlim"), (dict(xlim=(0, np.nan)), "xlim"),
    (dict(ylim=(0, 1)), "xlim"), (dict(size="huge"), "size"), (dict(title=3), "title"),
    (dict(x_label=5), "x_label"), (dict(class_names="ab"), "class_names"),
    (dict(dataset="ANDD"), "dataset"), (dict(shuffle=True, seed="abc"), "seed"),
])
def test_bad_settings_get_a_clear_message(kwargs, says):
    with pytest.raises((TypeError, ValueError)) as info:
        TrainingExplorer(**kwargs)
    message = str(info.value)
    assert says in message
    for leak in LEAKS:
        assert leak not in message


@pytest.mark.parametrize("make, says", [
    (lambda: NeuronExplorer(2, weights=["a", "b"]), "weight w1 must be a number"),
    (lambda: NeuronExplorer(2, weights=[np.nan, 1]), "finite"),
    (lambda: NeuronExplorer(2, weights=[1, 9]), "outside its slider's range"),
    (lambda: NeuronExplorer(2, threshold=None), "threshold must be a number"),
    (lambda: BoundaryExplorer(w1=None), "w1 must be a number"),
    (lambda: BoundaryExplorer(b=np.inf), "finite"),
    (lambda: BoundaryExplorer(w2=3.5), "outside its slider's range"),
    (lambda: BoundaryExplorer(size=None), "size"),
])
def test_hand_set_explorers_refuse_odd_values(make, says):
    with pytest.raises((TypeError, ValueError), match=says):
        make()


ODD_NUMBERS = [0, 1, -1, 0.5, 1e-300, -1e-300, 1e300, -1e300, 3e7, 2e-7, 1.7e308, np.nan,
               np.inf, "a", None, "2"]
TEXT_LINES = ["1, 2, 1", "0, 0, 0", "a, b, c", "1e300, 1e300, 0", "", "# a comment",
              "1 2 1", "1, 2", "0.5, 0.5, 2", "nan, 1, 1", "-1e-300, 1e-300, 1", "1,1,1,1"]
KEYS = ["ArrowRight", "ArrowLeft", "PageDown", "PageUp", "Home", "End", " ", "a", None]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_actions_never_raise_and_always_agree(seed, tmp_path):
    rng = np.random.default_rng(seed)
    ex = TrainingExplorer(dataset=["AND", "XOR", "custom"][seed])
    pick = lambda seq: seq[int(rng.integers(len(seq)))]   # noqa: E731
    actions = [
        lambda: ex.step_button.click(), lambda: ex.back_button.click(),
        lambda: ex.start_button.click(), lambda: ex.end_button.click(),
        lambda: setattr(ex.slider, "value", int(rng.integers(0, ex.slider.max + 1))),
        lambda: setattr(ex.mode_buttons, "value", pick(["per sample", "per epoch"])),
        lambda: setattr(ex.dataset_dropdown, "value", pick(TrainingExplorer.DATASETS)),
        lambda: setattr(ex.lr_dropdown, "value", pick(ex.lr_dropdown.options)),
        lambda: ex.add_point(pick(ODD_NUMBERS), pick(ODD_NUMBERS), pick([0, 1, 1, 2, "1"])),
        lambda: ex.add_point(*rng.normal(0, 1, 2), int(rng.integers(2))),
        lambda: ex.undo_button.click(), lambda: ex.clear_button.click(),
        lambda: (setattr(ex.points_text, "value",
                         "\n".join(pick(TEXT_LINES) for _ in range(int(rng.integers(0, 5))))),
                 ex.apply_button.click()),
        lambda: ex._on_dom_event({"type": "keydown", "key": pick(KEYS)}),
        lambda: ex._on_dom_event({"type": "click", "dataX": pick([10, 200, -5, 1e9, None,
                                                                  "x", np.nan, 330]),
                                  "dataY": pick([10, 150, -5, 1e9, None, 200])}),
        lambda: setattr(ex.table_toggle, "value", not ex.table_toggle.value),
        lambda: (setattr(ex.play, "playing", True), setattr(ex.play, "value",
                                                            ex.play.value + 1)),
        lambda: ex.save_csv(str(tmp_path / "visits.csv")),
    ]
    for _ in range(150):
        pick(actions)()
        assert_consistent(ex)


def test_a_cycle_on_separable_data_is_not_called_proof_of_non_separability():
    # next to weights near 1e20, the updates from the small points round away
    ex = TrainingExplorer(X=[[0, 1], [3e20, 2e20], [-2, 0]], d=[1, 0, 0])
    ex.end_button.click()
    assert "never converge" in ex.status.value
    assert "Yet a line does separate these points" in ex.status.value
    assert "No straight line" not in ex.status.value and "Novikoff" not in ex.status.value


def test_novikoffs_bound_is_shown_as_a_whole_number():
    ex = TrainingExplorer(dataset="AND")     # (R / gamma)^2 = 51, computed 50.99999999999999
    ex.end_button.click()
    assert "at most 51 mistakes" in ex.status.value
    ex = TrainingExplorer(X=[[0, 0], [1, 0.3]], d=[0, 1])
    ex.end_button.click()
    shown = ex.status.value.split("at most ")[1].split(" mistakes")[0]
    assert shown.isdigit() and int(shown) >= ex.bound > int(shown) - 1
