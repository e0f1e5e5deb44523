"""The training explorer's order of the visits (shuffle) and start weights (W0) as settings a
learner changes in the view or from Python, and predict mode's second question (which way the
update moves W): the settings are checked as the constructor checks them, a value that cannot
be used leaves the setting and the run as they were and says why, and the run, the controls
and the settings always agree."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import Perceptron, gate
from perceptron_lib.widgets import TrainingExplorer
from perceptron_lib.widgets.training import start_weights
from perceptron_lib.widgets.training_run import (
    UPDATE_CHOICES,
    frame_of,
    guess_outcome,
    update_outcome,
)
from tools import site_runs

from .test_explorer_robustness import LEAKS, assert_consistent
from .test_one_update import updates

HERE = Path(__file__).parent
ODD = [None, "abc", float("nan"), 1e300, [1, 2], ["a", "b", "c"]]


def constructor_message(**kwargs):
    """What the constructor says about a bad setting."""
    with pytest.raises((TypeError, ValueError)) as err:
        TrainingExplorer(**kwargs)
    return str(err.value)


def reference(ex):
    """The perceptron the explorer's settings describe, trained on its data."""
    X, d = ex.data
    return Perceptron(2, lr=ex.lr, epochs=ex.epochs, shuffle=ex.shuffle, seed=ex.seed,
                      W0=ex.W0).fit(X, d)


def assert_agree(ex):
    """The run on screen, the settings (the view's controls) and what the site's build
    trains again from are one and the same."""
    X, d = ex.data
    run, h = ex.run, ex.history
    if not ex.shuffle:
        assert_consistent(ex)
    else:                             # assert_consistent's checks, the visits shuffled
        assert run["X"] == X.tolist() and run["d"] == d.tolist()
        assert ex.dataset in ex.datasets and ex.lr in ex.lr_options
        assert 0 <= ex.position <= run["n"]
        if h is not None:
            assert np.array_equal(h.x, X[h.sample]) and ex.perceptron.history_ is h
            assert run["W"][frame_of(run, ex.position)] == h.W_at(ex.position).tolist()
        for leak in LEAKS:
            assert leak not in ex.message
    assert run["shuffle"] is ex.shuffle and type(ex.shuffle) is bool
    assert run["W0"] == ex.W0 and (ex.W0 is None or len(ex.W0) == 3)
    assert ex.made_with["shuffle"] is ex.shuffle and ex.made_with["W0"] == ex.W0
    if ex.history is not None:
        start = [0.0, 0.0, 0.0] if ex.W0 is None else ex.W0
        assert run["W"][0] == start
        ref = reference(ex).history_
        assert np.array_equal(ex.history.sample, ref.sample)
        assert np.array_equal(ex.history.W_after, ref.W_after)


# -- the settings, from Python and from the view ----------------------------------------------

def test_shuffle_visits_in_the_seeded_order_and_back():
    ex = TrainingExplorer(dataset="OR", seed=4)
    in_order = ex.run["sample"]
    ex.shuffle = True
    assert ex.run["sample"] != in_order and ex.run["shuffle"] is True
    assert ex.run["sample"][:8] == Perceptron(2, epochs=30, shuffle=True, seed=4).fit(
        *gate("OR")).history_.sample[:8].tolist()
    assert_agree(ex)
    ex.set_state({"shuffle": False})                           # as the view sends it
    assert ex.run["sample"] == in_order and not ex.error
    assert_agree(ex)


@pytest.mark.parametrize("typed, start", [
    ("0.5, -1, 1", [0.5, -1.0, 1.0]),
    ("[0.1, 0.2, -0.3]", [0.1, 0.2, -0.3]),
    ("−0.5 1e-3 2.5E2", [-0.5, 0.001, 250.0]),                 # a typographic minus too
    ("0.30000000000000004, 1, .5", [0.30000000000000004, 1.0, 0.5]),
    ("", None), ("0", None), ("  [0] ", None),
])
def test_typed_start_weights_are_the_numbers_typed(typed, start):
    ex = TrainingExplorer(dataset="AND")
    ex.set_state({"W0": typed})
    assert ex.W0 == start and not ex.error
    assert ex.run["W"][0] == (start or [0.0, 0.0, 0.0])        # exactly, bit for bit
    assert all(type(v) is float for v in ex.run["W"][0])
    assert_agree(ex)


def test_start_weights_from_the_notebook_run_as_in_notebook_05():
    ex = TrainingExplorer(dataset="AND")
    ex.W0 = [0.5, -1, 1]
    assert ex.run == TrainingExplorer(dataset="AND", W0=[0.5, -1, 1]).run
    assert ex.run["W_text"][-1] == "[-2.5, 2, 1]"
    ex.W0 = None                                               # back to zeros: AND's [-3, 2, 1]
    assert ex.run["W_text"][-1] == "[-3, 2, 1]"


@pytest.mark.parametrize("route", ["python", "view"])
@pytest.mark.parametrize("name", ["shuffle", "W0"])
@pytest.mark.parametrize("value", ODD + ["1, 2", "1, x, 2", "1e999, 0, 0", "1e-999, 0, 0",
                                        True, [0, math.inf, 1]],
                         ids=repr)
def test_a_value_that_cannot_be_used_changes_nothing_and_says_why(route, name, value):
    if name == "W0" and value is None:
        pytest.skip("W0 = None is a start from zeros (tested above)")
    ex = TrainingExplorer(dataset="XOR", shuffle=True, seed=2, W0=[0.5, -1, 1])
    ex.go_to(5)
    before, run = (ex.shuffle, ex.W0), ex.run
    if route == "python":
        setattr(ex, name, value)                               # no exception reaches the learner
    else:
        ex.set_state({name: value})
    if name == "shuffle" and value is True:                    # True is a good value
        assert ex.shuffle is True and ex.run is run
        return
    assert (ex.shuffle, ex.W0) == before and ex.run is run and ex.position == 5
    said = constructor_message(**{name: value})
    assert ex.message == ex.error == f"{said} The explorer still shows the last run that worked."
    for leak in LEAKS:
        assert leak not in ex.message
    assert_agree(ex)
    ex.set_state({"dataset": "OR"})                            # later retrains still work
    assert ex.run["dataset"] == "OR" and not ex.error
    assert_agree(ex)


def test_the_constructor_takes_the_same_values():
    assert TrainingExplorer(W0="0.5, -1, 1").W0 == [0.5, -1.0, 1.0]
    assert "start W" in constructor_message(W0="0.5, x, 1")
    assert "shuffle must be True or False" in constructor_message(shuffle="yes")
    assert "W0 must be 3 numbers" in constructor_message(W0=[1, 2])
    assert start_weights((1, 2, 3)) == [1.0, 2.0, 3.0] and start_weights(" ") is None


def test_start_weights_too_large_to_train_keep_the_last_run():
    ex = TrainingExplorer(dataset="AND", lr=1e307)
    run = ex.run
    ex.set_state({"W0": "-1.79e308, 1.79e308, 0"})            # b - lr overflows
    assert ex.W0 is None and ex.run is run
    assert ex.message.startswith("training overflowed in epoch 1")
    assert ex.message.endswith("still shows the last run that worked.")
    assert_agree(ex)


@pytest.mark.parametrize("what, action", [
    ("shuffle from the view", lambda ex: ex.set_state({"shuffle": True})),
    ("start W typed in the view", lambda ex: ex.set_state({"W0": "0.5, -1, 1"})),
    ("start W from Python", lambda ex: setattr(ex, "W0", [0.5, -1, 1])),
])
def test_each_retrain_is_one_update(what, action):
    ex = TrainingExplorer(dataset="AND")
    sent = updates(ex, lambda: action(ex))
    assert len(sent) == 1, (what, [sorted(m["state"]) for m in sent])
    assert {"run", "made_with"} <= set(sent[0]["state"])
    if "W0" in sent[0]["state"]:                               # typed text comes back as numbers
        assert sent[0]["state"]["W0"] == [0.5, -1.0, 1.0]


def test_a_refused_value_from_the_view_is_sent_back():
    ex = TrainingExplorer(dataset="AND", W0=[0.5, -1, 1])
    sent = updates(ex, lambda: ex.set_state({"W0": "1, two, 3"}))
    states = {k: v for m in sent for k, v in m["state"].items()}
    assert states["W0"] == [0.5, -1.0, 1.0] and "'two' is not a number" in states["message"]
    assert "run" not in states


# -- a learner doing anything, in any order -----------------------------------------------------

STARTS = ["0.5, -1, 1", "", "0", "1, 1, -1.5", "abc", "1, 2", "1e300, 1e300, 1e300", None,
          [0.25, 0.5, -0.75], [1, 2], ["a", "b", "c"], float("nan"), 1e300, "−2, 0.1, 0.2"]
FLAGS = [True, False, 1, 0, None, "abc", float("nan"), 1e300, [1, 2]]


@pytest.mark.parametrize("seed", [0, 1])
def test_300_random_actions_keep_run_controls_and_settings_in_agreement(seed):
    rng = np.random.default_rng(seed)
    ex = TrainingExplorer(dataset=["AND", "custom"][seed], seed=7, predict=True)
    ex.send = lambda content, buffers=None: None            # no browser here
    pick = lambda seq: seq[int(rng.integers(len(seq)))]   # noqa: E731
    view = lambda name, value: ex.set_state({name: value})   # noqa: E731
    actions = [
        lambda: setattr(ex, "shuffle", pick(FLAGS)), lambda: view("shuffle", pick(FLAGS)),
        lambda: setattr(ex, "W0", pick(STARTS)), lambda: view("W0", pick(STARTS)),
        lambda: setattr(ex, "dataset", pick(TrainingExplorer.DATASETS)),
        lambda: view("dataset", pick(TrainingExplorer.DATASETS)),
        lambda: setattr(ex, "lr", pick(ex.lr_options)),
        lambda: view("lr", float(pick(ex.lr_options))),
        lambda: ex.step_forward(), lambda: ex.step_back(), lambda: ex.go_to(10**6),
        lambda: ex.go_to(int(rng.integers(0, 30))),
        lambda: setattr(ex, "per_epoch", bool(rng.integers(2))),
        lambda: ex.guess(bool(rng.integers(2))), lambda: ex.guess_update(bool(rng.integers(2))),
        lambda: ex.add_point(*rng.normal(0, 1, 2), int(rng.integers(2))),
    ]
    for _ in range(300):
        pick(actions)()
        assert_agree(ex)
        right, asked = ex.score
        assert 0 <= right <= asked
        if ex.update_question >= 0:                       # asked only at a mistake, right here
            assert ex.update_question == ex.position and not ex.per_epoch
            assert ex.run["rows"][ex.position][6] != "+0"


# -- the website's build makes the same runs ----------------------------------------------------

def test_the_site_build_trains_again_with_the_settings_changed_in_the_view():
    ex = TrainingExplorer(dataset="AND", seed=3)
    ex.set_state({"shuffle": True})
    ex.set_state({"W0": "0.25, -1, 0.5"})
    ex.set_state({"dataset": "NAND"})
    saved = json.loads(json.dumps(ex.get_state()))
    assert saved["made_with"]["shuffle"] is True and saved["made_with"]["W0"] == [0.25, -1, 0.5]
    files, start = site_runs.training_files(saved)
    assert json.dumps(start.run, sort_keys=True) == json.dumps(ex.run, sort_keys=True)
    kernel = TrainingExplorer(dataset="OR", seed=3, shuffle=True, W0=[0.25, -1, 0.5], lr=0.5)
    key = f"OR/{saved['lr_options'].index(0.5)}"
    assert json.dumps(files[key]["run"], sort_keys=True) == json.dumps(kernel.run,
                                                                       sort_keys=True)


# -- predict mode: which way does the update move W? ------------------------------------------

def test_at_a_mistake_the_learner_is_asked_which_way_w_moves():
    ex = TrainingExplorer(dataset="OR", predict=True)     # (0, 0) fires but should not
    assert ex.guess(False) is False and ex.position == 0 and ex.update_question == 0
    assert ex.guess(True) is None and "guess_update" in ex.message    # answer first
    assert ex.guess_update(True) is False and ex.position == 1 and ex.score == [0, 2]
    assert ex.message == ("✘ Not this time: e = d − y = 0 − 1 = -1, so W ← W + 1·(-1)·"
                          "[1, 0, 0]; b goes down and w stays, as x = (0, 0): inhibit, and z "
                          "at this x goes down, towards the right answer; now W = [-1, 0, 0].")
    assert ex.guess(False) is True and ex.update_question == 1     # (0, 1): silent, wrongly
    assert ex.guess_update(True) is True and ex.score == [2, 4]
    assert "w moves towards x: excite" in ex.message and ex.message.startswith("✔ Right")
    assert ex.guess_update(True) is None and "no update to guess" in ex.message
    ex.go_to(5)
    while ex.run["rows"][ex.position][6] == "+0":             # to the next mistake
        ex.guess(True)
    ex.guess(True)
    assert ex.update_question == ex.position
    ex.step_forward()                                          # moving on drops the question
    assert ex.update_question == -1
    with pytest.raises(ValueError, match=r"guess_update\(towards\)"):
        ex.update_question = ex.position
        ex.guess_update("towards")
    ex.dataset = "AND"                                         # a new run: a new score
    assert ex.score == [0, 0] and ex.update_question == -1


def test_update_words_follow_the_rule():
    for name in ("AND", "XOR"):
        ex = TrainingExplorer(dataset=name, lr=0.5, W0=[0.5, -1, 1])
        for p in range(ex.run["stepped"]):
            row = ex.run["rows"][p]
            if row[6] == "+0":
                continue
            towards = row[6] == "+1"
            right, text = update_outcome(ex.run, p, towards)
            assert right and not update_outcome(ex.run, p, not towards)[0]
            assert f"W ← W + 0.5·({row[6]})·[1, {row[1]}, {row[2]}]" in text
            assert ("excite" if towards else "inhibit") in text
            assert text.endswith(f"now W = {ex.run['W_text'][p + 1]}.")
    assert set(UPDATE_CHOICES.values()) == {"w towards x, b up", "w away from x, b down"}


def _node(cases):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs): the view's words are "
                    "not checked")
    out = subprocess.run([node, str(HERE / "js" / "predict.js")], input=json.dumps(cases),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_view_says_the_same_words_as_python():
    explorers = [TrainingExplorer(dataset="OR"), TrainingExplorer(dataset="XOR", lr=0.25),
                 TrainingExplorer(dataset="AND", W0=[0.5, -1, 1], shuffle=True, seed=1),
                 TrainingExplorer(X=[[0.5, -1.25], [2, 3e-5], [-1e6, 0]], d=[1, 0, 1])]
    cases = []
    for ex in explorers:
        run = ex.run
        visits = list(range(run["stepped"]))
        mistakes = [p for p in visits if run["rows"][p][6] != "+0"]
        cases.append({"run": run, "fires": visits, "updates": mistakes,
                      "starts": [None, [0.5, -1.0, 1.0], [0.1, 1e-7, 2.5e21], [-0.0, 3.0, 1]]})
    got = _node(cases)
    for ex, case, answer in zip(explorers, cases, got):
        for p, pair in zip(case["fires"], answer["fires"]):
            assert pair == [list(guess_outcome(ex.run, p, True)),
                            list(guess_outcome(ex.run, p, False))]
        for p, pair in zip(case["updates"], answer["updates"]):
            assert pair == [list(update_outcome(ex.run, p, True)),
                            list(update_outcome(ex.run, p, False))]
        # what the start W box shows reads back as the same numbers
        for W0, text in zip(case["starts"], answer["starts"]):
            assert start_weights(text) == (None if W0 is None or not any(W0) else W0)
