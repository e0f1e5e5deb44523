"""The run the training explorer sends: its declared fields, and its size budget."""

import json
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import Perceptron, gate, make_noisy, narration
from perceptron_lib.widgets import TrainingExplorer
from perceptron_lib.widgets.training_run import RUN_BUDGET, RUN_FIELDS, build_run, frame_of

NAMES = {"x_label": "x1", "y_label": "x2", "class_names": ["class 0", "class 1"]}
VIEW = ((-0.5, 1.5), (-0.5, 1.5))


def _run(X, d, epochs, budget=RUN_BUDGET):
    p = Perceptron(2, epochs=epochs).fit(X, d)
    return p.history_, build_run(X, d, p.history_, lr=1, dataset="custom", names=NAMES,
                                 view=VIEW, title="t", budget=budget)


def _check_fields(run):
    assert set(run) == set(RUN_FIELDS)
    for key, kind in RUN_FIELDS.items():
        assert isinstance(run[key], kind), (key, type(run[key]))
    frames = run["stepped"] + 1 + sum(e > run["stepped"] for e in run["epoch_ends"])
    assert len(run["W"]) == len(run["W_text"]) == len(run["readout"]) == frames
    assert len(run["sample"]) == len(run["e"]) == len(run["rows"]) == run["stepped"]
    assert len(run["cum"]) == run["stepped"] + 1
    assert len(run["mistakes"]) == run["n_epochs"] == len(run["readout_epoch"]) - 1
    json.dumps(run, allow_nan=False)            # valid JSON: no NaN or infinity
    script = (Path(__file__).resolve().parents[1] / "perceptron_lib" / "widgets"
              / "training.js").read_text()
    for key in RUN_FIELDS:                      # the view declares every field
        assert "} " + key in script, key


def test_an_empty_run_keeps_the_contract():
    run = build_run(np.zeros((0, 2)), [], None, lr=1, dataset="custom", names=NAMES,
                    view=VIEW, title="t", problem="No points yet.")
    _check_fields(run)
    assert run["status"] == [[0, "No points yet."]] and run["thinned"] == ""


def test_a_short_run_is_sent_whole():
    X, d = gate("AND")
    h, run = _run(X, d, 30)
    _check_fields(run)
    assert run["stepped"] == run["n"] == len(h) and run["thinned"] == ""


@pytest.mark.parametrize("case", ["XOR, 3000 epochs", "XOR, 40000 epochs",
                                  "2000 noisy points"])
def test_long_runs_fit_the_budget_and_every_frame_is_exact(case):
    if case.startswith("XOR"):
        X, d = gate("XOR")
        h, run = _run(X.astype(float), d, int(case.split()[1]))
    else:
        X, d = make_noisy(2000, flip=0.1, seed=0)
        h, run = _run(X, d, 30)
    _check_fields(run)
    assert len(json.dumps(run)) <= RUN_BUDGET
    assert run["thinned"] and run["stepped"] < run["n"] or run["n_epochs"] < h.n_epochs
    frames = list(range(run["stepped"] + 1)) + [e for e in run["epoch_ends"]
                                                 if e > run["stepped"]]
    for p in frames[:: max(1, len(frames) // 200)] + [frames[-1]]:
        k = frame_of(run, p)
        assert run["W"][k] == h.W_at(p).tolist()
        assert run["readout"][k] == narration.readout(h, p, 1, *VIEW)
    assert run["epoch_ends"] == [h.epoch_end_position(k) for k in range(1, run["n_epochs"] + 1)]


def test_a_big_first_epoch_still_shows_every_epoch_that_fits():
    """8,000 noisy points, 20 epochs: the first epoch alone is too long to send visit by
    visit, but all 20 epoch ends fit the budget easily, so all 20 are shown (once only the
    first was)."""
    X, d = make_noisy(8000, flip=0.1, seed=0)
    h, run = _run(X, d, 20)
    _check_fields(run)
    assert h.n_epochs == 20 and run["n_epochs"] == 20 and run["stepped"] == 0
    assert len(json.dumps(run)) <= RUN_BUDGET
    assert "Only the first" not in run["thinned"] and "epoch by epoch" in run["thinned"]
    assert run["epoch_ends"] == [h.epoch_end_position(k) for k in range(1, 21)]
    assert run["W"][-1] == h.W_at(len(h)).tolist()


def test_the_explorer_steps_a_thinned_run_and_says_what_is_left_out():
    X, d = gate("XOR")
    ex = TrainingExplorer(dataset="XOR", epochs=3000)
    run = ex.run
    assert 0 < run["stepped"] < run["n"]
    assert "visit by visit" in ex.describe_status()
    ex.go_to(10**9)
    assert ex.position == run["stepped"]            # per sample: as far as visits were sent
    ex.per_epoch = True
    ex.go_to(10**9)
    assert ex.position == run["n"] and ex.describe_position().startswith("End of epoch 3000")
    ex.per_epoch = False
    assert ex.position == run["stepped"]
    ex.position = run["stepped"] + 5                # between epoch ends: the one before
    assert ex.position in run["epoch_ends"] or ex.position == run["stepped"]
    ex.step_back()
    assert ex.describe_position() == narration.readout(ex.history, ex.position, 1,
                                                       *ex._view_box)


def test_predict_mode_keeps_the_score_and_explains():
    ex = TrainingExplorer(dataset="AND", predict=True)
    assert ex.guess(True) is True and ex.score == [1, 1]
    assert ex.message.startswith("✔ Right: at x = (0, 0) the neuron fires (output 1)")
    assert "e = -1: an update" in ex.message
    # a mistake: which way the update moves W is asked before the visit is shown
    assert ex.position == 0 and ex.update_question == 0
    assert ex.guess_update(False) is True and ex.position == 1 and ex.score == [2, 2]
    assert ex.guess(True) is False and ex.score == [2, 3]        # (0, 1): it stays silent
    assert ex.message.startswith("✘ Not this time") and "z = -1, below 0" in ex.message
    with pytest.raises(ValueError, match="guess\\(fires\\)"):
        ex.guess("yes")
    ex.go_to(10**6)
    assert ex.guess(True) is None and "no next visit" in ex.message
    ex.dataset = "OR"                                             # a new run: a new score
    assert ex.score == [0, 0]


def test_the_explorer_starts_from_w0():
    ex = TrainingExplorer(dataset="AND", W0=[0.5, -1, 1])
    assert ex.run["W_text"][0] == "[0.5, -1, 1]" and ex.run["W_text"][-1] == "[-2.5, 2, 1]"
    with pytest.raises(ValueError, match="W0"):
        TrainingExplorer(W0=[1, 2])
