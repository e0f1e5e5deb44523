"""The digits explorer: every menu choice's run, its words, its settings and odd input."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import traitlets

from perceptron_lib import Perceptron, load_digits, pocket
from perceptron_lib.widgets import DigitsExplorer
from perceptron_lib.widgets.digits import EPOCHS, LEVELS, RUN_FIELDS, all_runs, readout, status

ROOT = Path(__file__).resolve().parents[1]
DIGITS = load_digits()


def _task(rows, digit, against):
    t = DIGITS.target[rows]
    keep = rows if against == "rest" else rows[(t == digit) | (t == against)]
    return DIGITS.data[keep], (DIGITS.target[keep] == digit).astype(int)


def test_there_is_a_run_for_every_choice_of_the_menus():
    runs = all_runs()
    assert len(runs) == 100
    for a in range(10):
        for b in [*(v for v in range(10) if v != a), "rest"]:
            assert runs[f"{a}-{b}"]["digit"] == a and runs[f"{a}-{b}"]["against"] == b


def test_every_run_keeps_its_declared_contract():
    script = (ROOT / "perceptron_lib" / "widgets" / "digits.js").read_text()
    for key in RUN_FIELDS:                      # the view declares every field
        assert "} " + key in script, key
    for run in all_runs().values():
        assert set(run) == set(RUN_FIELDS)
        for key, kind in RUN_FIELDS.items():
            assert isinstance(run[key], kind), key
        for key in ("w", "b", "w_max", "wrong_train", "wrong_test", "missed", "pocket"):
            assert len(run[key]) == EPOCHS + 1, key
        assert all(len(w) == 64 and set(w) <= set(LEVELS) for w in run["w"])


@pytest.mark.parametrize("key", ["3-8", "8-3", "1-8", "0-1", "1-rest", "5-rest", "9-rest"])
def test_each_run_is_the_pocket_algorithm_judged_on_the_test_images(key):
    a, b = key.split("-")
    digit, against = int(a), (b if b == "rest" else int(b))
    run = all_runs()[key]
    X, d = _task(DIGITS.train, digit, against)
    Xt, dt = _task(DIGITS.test, digit, against)
    assert (run["n_train"], run["n_test"]) == (len(d), len(dt))
    direct = pocket(X, d, epochs=EPOCHS)
    assert run["wrong_train"] == direct.wrong_per_epoch.tolist()
    for e in (0, 1, 7, EPOCHS):
        p = Perceptron(64, W0=direct.W_per_epoch[e])
        assert run["wrong_test"][e] == int(np.sum(p.predict(Xt) != dt))
        assert run["pocket"][e] == int(np.argmin(direct.wrong_per_epoch[:e + 1]))
        # the picture's levels follow the weights' signs
        w = direct.W_per_epoch[e][1:]
        levels = np.array([LEVELS.index(c) - 9 for c in run["w"][e]])
        assert np.all(np.sign(levels[np.abs(w) > np.abs(w).max() / 18]) ==
                      np.sign(w[np.abs(w) > np.abs(w).max() / 18]))
        # the images shown wrong are wrong
        for k in run["missed"][e]:
            row = DIGITS.test[k]
            said = p.predict(DIGITS.data[row])
            assert said != int(DIGITS.target[row] == digit)


def test_the_facts_the_notebook_tells():
    runs = all_runs()
    assert runs["3-8"]["solved_epoch"] == 15 and runs["3-8"]["wrong_test"][-1] == 1
    assert runs["1-8"]["solved_epoch"] == 20
    assert all(runs[f"{a}-{b}"]["solved_epoch"] is not None
               for a in range(10) for b in range(10) if a != b)
    one = runs["1-rest"]
    assert one["solved_epoch"] is None
    assert (one["wrong_train"][-1], one["wrong_test"][-1]) == (50, 33)
    p = one["pocket"][-1]
    assert (p, one["wrong_train"][p], one["wrong_test"][p]) == (24, 10, 21)


def test_the_words():
    runs = all_runs()
    eights = int(np.sum(DIGITS.target[DIGITS.train] == 8))     # z = 0 fires: 8s are wrong
    eights_test = int(np.sum(DIGITS.target[DIGITS.test] == 8))
    assert readout(runs["3-8"], 0) == (f"At the start, all weights 0: {eights} of 250 training "
                                       f"images wrong, {eights_test} of 107 test images wrong.")
    assert readout(runs["1-rest"], 30, use_pocket=True).startswith(
        "Pocket weights (from epoch 24) after epoch 30: 10 of 1200 training images wrong")
    assert "stay silent for an 8." in status(runs["3-8"], 3)
    assert "the 3s and the 8s" in status(runs["3-8"], 15)
    assert "The pocket holds the best seen: those of epoch 24, 10 wrong." in \
        status(runs["1-rest"], 30)


def test_everything_sent_to_the_browser_fits_the_budget():
    ex = DigitsExplorer()
    size = len(json.dumps({"runs": ex.runs, "images": ex.images, "t": ex.test_target}))
    assert size < 2_000_000
    assert len(ex.images) == 597 and all(len(im) == 64 for im in ex.images)


@pytest.mark.parametrize("kwargs, says", [
    ({"digit": 10}, "digit must be a digit from 0 to 9"),
    ({"digit": "3"}, "digit must be a digit from 0 to 9"),
    ({"digit": None}, "digit must be a digit"),
    ({"digit": 2.0}, "digit must be a digit"),
    ({"digit": True}, "digit must be a digit"),
    ({"against": "everything"}, 'or "rest" for every other digit'),
    ({"against": np.nan}, "against must be a digit"),
    ({"digit": 4, "against": 4}, "digit and against must differ"),
    ({"pocket": "yes"}, "pocket must be True or False"),
    ({"size": "huge"}, "size"),
])
def test_odd_settings_get_a_clear_message(kwargs, says):
    with pytest.raises((ValueError, TypeError)) as err:
        DigitsExplorer(**kwargs)
    assert says in str(err.value)
    for leak in ("ufunc", "could not convert", "Traceback"):
        assert leak not in str(err.value)


def test_settings_from_python_are_checked_like_the_constructors():
    ex = DigitsExplorer(3, 8)
    with pytest.raises(traitlets.TraitError, match="must differ"):
        ex.digit = 8
    with pytest.raises(traitlets.TraitError, match="from 0 to 9"):
        ex.against = 12
    ex.against = "Rest"
    assert ex.against == "rest" and ex.run["n_train"] == 1200
    ex.against = np.int64(5)
    assert ex.against == 5 and type(ex.against) is int


def test_random_actions_never_raise_and_the_words_match_the_weights():
    rng = random.Random(7)
    ex = DigitsExplorer()
    for _ in range(200):
        action = rng.randrange(5)
        if action == 0:
            d = rng.randrange(10)
            if d != ex.against:
                ex.digit = d
        elif action == 1:
            a = rng.choice([*range(10), "rest"])
            if a != ex.digit:
                ex.against = a
        elif action == 2:
            ex.pocket = not ex.pocket
        elif action == 3:
            ex.go_to(rng.randrange(-5, 40))
        else:
            rng.choice([ex.step_forward, ex.step_back])()
        assert 0 <= ex.epoch <= EPOCHS
        text = ex.describe_position()
        assert text == readout(ex.run, ex.epoch, ex.pocket)
    # what the words say is what the weights do
    for digit, against in ((3, 8), (1, "rest")):
        ex.against, ex.digit = "rest", 0
        ex.digit, ex.against = digit, against
        ex.go_to(11)
        X, d = _task(DIGITS.train, digit, against)
        wrong = int(np.sum(Perceptron(64, W0=ex.W).predict(X) != d))
        assert f": {wrong} of {len(d)} training images wrong" in ex.describe_position()


def test_the_still_picture_and_the_text():
    ex = DigitsExplorer(1, "rest", pocket=True)
    ex.go_to(30)
    png = ex._png()
    assert png[:4] == b"\x89PNG" and len(png) > 5000
    assert ex._describe().startswith("DigitsExplorer: Pocket weights (from epoch 24)")
