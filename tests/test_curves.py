"""Notebook 10: data no line separates (make_curved), a network with H hidden neurons
(TinyNetwork(hidden=H)), the curves explorer (every menu choice made in advance), and the
numbers the notebook's prose states."""

from __future__ import annotations

import random

import numpy as np
import pytest
import traitlets

from perceptron_lib import TinyNetwork, is_linearly_separable
from perceptron_lib.data import CURVED_NAMES, make_curved
from perceptron_lib.network import forward, gradients, network_loss
from perceptron_lib.widgets import CurvesExplorer
from perceptron_lib.widgets.curves import (
    EPOCHS,
    EVERY,
    HIDDEN_SIZES,
    RUN_FIELDS,
    all_runs,
    readout,
    right_count,
    status,
    train,
)

LEAKS = ("ufunc", "SeedSequence", "could not convert", "numpy", "Traceback")


# -- the data ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", CURVED_NAMES)
def test_curved_data_are_seeded_balanced_in_the_square_and_not_separable(name):
    X, d = make_curved(name)
    assert X.shape == (200, 2) and d.shape == (200,) and d.sum() == 100
    assert np.abs(X).max() < 1.2                       # inside the explorer's picture
    assert not is_linearly_separable(X, d)
    X2, d2 = make_curved(name)
    assert np.array_equal(X, X2) and np.array_equal(d, d2)
    X3, _ = make_curved(name, seed=1)
    assert not np.array_equal(X, X3)
    X2[0, 0] = 99                                      # fresh arrays every call
    assert make_curved(name)[0][0, 0] != 99
    Xo, do = make_curved(name, n=7, noise=0)
    assert Xo.shape == (7, 2) and do.tolist() == [0, 0, 0, 0, 1, 1, 1]


def test_curved_data_shapes_are_what_the_names_say():
    X, d = make_curved("circles", noise=0)
    r = np.hypot(*X.T)
    assert np.allclose(r[d == 0], 0.85) and np.allclose(r[d == 1], 0.35)   # ring, disc
    X, d = make_curved("moons", noise=0)
    assert X[d == 0, 1].mean() > X[d == 1, 1].mean()    # the upper moon is class 0
    X, d = make_curved("spiral", noise=0)
    r = np.hypot(*X.T)
    assert 0.14 < r.min() and r.max() < 0.91


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(name="square"), ValueError, "name must be one of 'moons', 'circles', 'spiral'"),
    (dict(name=None), ValueError, "name must be one of"),
    (dict(name=3), ValueError, "name must be one of"),
    (dict(n=1), ValueError, "n must be at least 2"),
    (dict(n="many"), TypeError, "n must be a whole number"),
    (dict(n=2.5), TypeError, "n must be a whole number"),
    (dict(noise=-0.1), ValueError, "noise (the spread of the points) must be between 0 and 0.5"),
    (dict(noise=float("nan")), ValueError, "noise"),
    (dict(noise="a lot"), TypeError, "noise (the spread of the points) must be a number"),
    (dict(noise=1e300), ValueError, "between 0 and 0.5"),
    (dict(seed=-1), ValueError, "seed must be 0 or more"),
    (dict(seed=0.5), TypeError, "seed must be a whole number"),
])
def test_curved_data_explain_odd_input(kwargs, error, words):
    with pytest.raises(error) as err:
        make_curved(**kwargs)
    assert words in str(err.value)
    assert not any(leak in str(err.value) for leak in LEAKS)


def test_names_are_read_in_any_case():
    assert np.array_equal(make_curved(" Moons ")[0], make_curved("moons")[0])


# -- a network with H hidden neurons --------------------------------------------------------------

@pytest.mark.parametrize("H", [1, 3, 8])
def test_the_gradients_of_any_hidden_layer_match_measured_slopes(H):
    rng = np.random.default_rng(H)
    X, d = make_curved("moons", n=30)
    Wh, Wo = rng.normal(0, 2, (H, 3)), rng.normal(0, 2, H + 1)
    for loss in ("squared", "log"):
        gh, go = gradients(Wh, Wo, X, d, loss)
        assert gh.shape == Wh.shape and go.shape == Wo.shape
        eps = 1e-6
        for W, g, other in ((Wh, gh, "h"), (Wo, go, "o")):
            for idx in np.ndindex(W.shape):
                up, down = W.copy(), W.copy()
                up[idx] += eps
                down[idx] -= eps
                pair = (lambda A: (A, Wo)) if other == "h" else (lambda A: (Wh, A))
                slope = (network_loss(*pair(up), X, d, loss)
                         - network_loss(*pair(down), X, d, loss)) / (2 * eps)
                assert abs(slope - g[idx]) < 1e-6, (H, loss, other, idx)


def test_the_history_holds_what_the_weights_do_every_epoch():
    X, d = make_curved("circles", n=40)
    net = TinyNetwork(hidden=4, lr=5, epochs=60, loss="log", seed=3).fit(X, d)
    h = net.history_
    assert h.W_hidden.shape == (61, 4, 3) and h.W_out.shape == (61, 5)
    assert h.hidden.shape == (61, 40, 4) and h.outputs.shape == (61, 40)
    for e in (0, 1, 30, 60):
        H, z, y = forward(h.W_hidden[e], h.W_out[e], X)
        assert np.array_equal(H, h.hidden[e]) and np.array_equal(y, h.outputs[e])
        assert h.loss[e] == network_loss(h.W_hidden[e], h.W_out[e], X, d, "log")
    assert np.array_equal(net.W_hidden, h.W_hidden[-1])
    assert repr(net).endswith("hidden=4)")
    assert "hidden" not in repr(TinyNetwork())          # the 2-2-1 network as before


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(hidden=0), ValueError, "hidden (the number of hidden neurons) must be from 1 to 64"),
    (dict(hidden=65), ValueError, "from 1 to 64; got 65"),
    (dict(hidden="three"), TypeError, "hidden (the number of hidden neurons) must be a whole"),
    (dict(hidden=2.5), TypeError, "whole number"),
    (dict(hidden=None), TypeError, "whole number"),
    (dict(hidden=3, start=([[0, 1, 1]] * 2, [0, 1, 1, 1])), ValueError, "need 3 rows"),
    (dict(hidden=3, start=([[0, 1, 1]] * 3, [0, 1, 1])), ValueError,
     "the starting output weights must be 4 numbers"),
])
def test_the_hidden_layer_size_is_checked(kwargs, error, words):
    with pytest.raises(error) as err:
        TinyNetwork(**kwargs)
    assert words in str(err.value)
    assert not any(leak in str(err.value) for leak in LEAKS)


def test_a_start_for_three_hidden_neurons_is_used_and_not_changed():
    start = ([[0.0, 1, 1], [0, -1, 1], [0, 1, -1]], [0.0, 1, 1, 1])
    kept = [list(map(list, start[0])), list(start[1])]
    net = TinyNetwork(hidden=3, epochs=3, start=start).fit(*make_curved("moons", n=10))
    assert np.array_equal(net.history_.W_hidden[0], start[0])
    assert [list(map(list, start[0])), list(start[1])] == kept


# -- the explorer ---------------------------------------------------------------------------------

def test_every_menu_choice_is_made_in_advance_and_sent_once():
    runs, points = all_runs()
    assert sorted(runs) == sorted(f"{d}/{h}" for d in CURVED_NAMES for h in HIDDEN_SIZES)
    assert sorted(points) == sorted(CURVED_NAMES)
    for key, run in runs.items():
        assert set(run) == set(RUN_FIELDS), key
        for field, kind in RUN_FIELDS.items():
            assert isinstance(run[field], kind), (key, field)
        frames = len(run["epochs"])
        assert run["epochs"] == list(range(0, EPOCHS + 1, EVERY)) and frames == 81
        assert len(run["W_hidden"]) == len(run["W_out"]) == len(run["loss"]) == frames
        assert all(len(W) == run["hidden"] for W in run["W_hidden"])
        assert run["status"][0][0] == 0
    ex = CurvesExplorer()
    assert ex.runs == runs and ex.points == points


def test_one_hidden_neuron_stays_straight_and_enough_neurons_solve_moons_and_ring():
    runs, _ = all_runs()
    for data in CURVED_NAMES:
        assert runs[f"{data}/1"]["solved_epoch"] is None
        assert "the boundary is straight" in runs[f"{data}/1"]["status"][-1][1]
    for data in ("moons", "circles"):
        assert runs[f"{data}/2"]["solved_epoch"] is None
        for h in (3, 4, 8):
            assert runs[f"{data}/{h}"]["solved_epoch"] is not None, (data, h)
    assert runs["spiral/8"]["right"][-1] == 199


def test_the_words_follow_the_run():
    h = train("circles", 3).history_
    assert readout(h, 0) == ("At the random start: loss 0.906, 100 of 200 points classed right "
                             "(50 %).")
    assert readout(h, 2000).startswith("After epoch 2000 of 2000: loss 0.003499, 200 of 200")
    assert status(h, 0).startswith("Random start")
    assert status(h, 50).startswith("Learning: the 3 hidden neurons' lines move")
    assert status(h, 132).startswith("✔ From epoch 132 on, all 200 points are classed right")
    one = train("moons", 1).history_
    assert status(one, 2000).startswith("After 2000 epochs, 26 points are still wrong. With one")
    spiral = train("spiral", 8).history_
    assert status(spiral, 2000).startswith("After 2000 epochs, 1 point is still wrong, but the "
                                           "loss is still falling")
    assert "not enough to fence" in status(train("moons", 2).history_, 2000)


def test_the_explorer_moves_and_describes_what_it_shows():
    ex = CurvesExplorer(data="Spiral ", hidden=8.0)
    assert (ex.data, ex.hidden) == ("spiral", 8) and isinstance(ex.hidden, int)
    ex.go_to_epoch(1000)
    assert (ex.position, ex.epoch) == (40, 1000)
    ex.go_to_epoch(1010)
    assert ex.epoch == 1000
    ex.step_forward()
    assert ex.epoch == 1025
    ex.go_to(10**6)
    assert ex.epoch == 2000
    ex.go_to(-5)
    assert ex.epoch == 0
    assert ex.describe_position() == readout(ex.network.history_, 0)
    ex.data = "moons"
    assert ex.run["title"] == "two moons, 8 hidden neurons"
    assert ex._describe() == ("CurvesExplorer: two moons, 8 hidden neurons, epoch 0 of 2000, "
                              "100 of 200 points classed right (the still picture: epoch "
                              "2000, 200 classed right)")
    png = ex._png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    bundle, _ = ex._repr_mimebundle_()
    assert "image/png" in bundle and bundle["text/plain"].startswith("CurvesExplorer")


@pytest.mark.parametrize("kwargs, words", [
    (dict(data="square"), "data must be one of moons, circles, spiral"),
    (dict(data=None), "data must be one of"),
    (dict(hidden=5), "hidden (the number of hidden neurons) must be one of 1, 2, 3, 4, 8"),
    (dict(hidden=True), "must be one of 1, 2, 3, 4, 8"),
    (dict(hidden="3"), "must be one of 1, 2, 3, 4, 8"),
    (dict(hidden=float("nan")), "must be one of"),
    (dict(size="huge"), "size must be one of"),
])
def test_odd_settings_get_a_clear_message(kwargs, words):
    with pytest.raises(ValueError) as err:
        CurvesExplorer(**kwargs)
    assert words in str(err.value)
    assert not any(leak in str(err.value) for leak in LEAKS)


def test_a_long_random_sequence_of_actions_keeps_the_picture_the_menus_and_the_words_together():
    ex = CurvesExplorer()
    rng = random.Random(10)
    odd = [None, "", "moon", 0, 5, 2.5, -1, float("nan"), 1e300, "8", [3], True]
    for k in range(400):
        action = rng.choice(["data", "hidden", "odd", "step", "back", "go", "epoch"])
        before = (ex.data, ex.hidden)
        if action == "data":
            ex.data = rng.choice(CURVED_NAMES)
        elif action == "hidden":
            ex.hidden = rng.choice(HIDDEN_SIZES)
        elif action == "odd":
            with pytest.raises(traitlets.TraitError):
                setattr(ex, rng.choice(["data", "hidden"]), rng.choice(odd))
            assert (ex.data, ex.hidden) == before
        elif action == "step":
            ex.step_forward()
        elif action == "back":
            ex.step_back()
        elif action == "go":
            ex.go_to(rng.randint(-10, 100))
        else:
            ex.go_to_epoch(rng.randint(-100, 2500))
        assert 0 <= ex.position <= 80
        run = ex.run
        assert run["data"] == ex.data and run["hidden"] == ex.hidden
        if k % 20 == 0:                  # (a network is trained again when not kept)
            h = ex.network.history_
            assert h.W_hidden.shape[1] == ex.hidden
            assert run["right"][ex.position] == right_count(h, ex.epoch)


# -- what notebook 10 says ------------------------------------------------------------------------

def test_the_numbers_notebook_10_states():
    from perceptron_lib.exercises.nb10 import _step_network

    assert (train("moons", 1).predict(make_curved("moons")[0]) == make_curved("moons")[1]).sum() \
        == 174
    ring = train("circles", 3)
    X, d = make_curved("circles")
    assert ring.history_.solved_epoch <= 150          # "within the first 150 epochs"
    assert np.round(ring.W_out, 2).tolist() == [-5.95, -17.2, -17.49, 16.59]   # 10.3's weights
    steps = _step_network(ring.W_hidden, ring.W_out, X)
    assert (steps == d).sum() == 199                   # "199 of the 200 points right"
    # only (0, 0, 1) fires, with the exact weights as with the rounded ones
    for W in (ring.W_out, np.array([-5.95, -17.2, -17.49, 16.59])):
        fire = [h for h in np.ndindex(2, 2, 2) if W[0] + W[1:] @ np.array(h) >= 0]
        assert fire == [(0, 0, 1)]
    assert np.allclose(np.hypot(*ring.W_hidden[:, 1:].T), 11, atol=0.5)   # "about 11 long"
    starts = [train(name, h).history_.loss[0] for name in CURVED_NAMES for h in HIDDEN_SIZES]
    assert 0.7 <= min(starts) and max(starts) <= 0.91          # "begin at 0.7 to 0.9"
    moons = make_curved("moons")
    assert (train("moons", 2).predict(moons[0]) == moons[1]).sum() == 177
    for h, swaps in ((1, {174, 178}), (2, {177, 179})):          # "never settles"
        hist = train("moons", h).history_
        assert (np.diff(hist.loss)[-200:] > 0).sum() == 100         # "rises every other epoch"
        assert {right_count(hist, e) for e in range(1900, 2001)} == swaps
    spiral = train("spiral", 8).history_
    right = ((spiral.outputs >= 0.5) == (spiral.d == 1)).mean(axis=1) * 100
    assert right[100:301].max() < 61 and 79 <= right[400] <= 82 and right[800] == 98
    # the table of new points: enough neurons get nearly every new point right
    new = {name: [int((train(name, h).predict(make_curved(name, seed=1)[0])
                       == make_curved(name, seed=1)[1]).sum()) for h in HIDDEN_SIZES]
           for name in CURVED_NAMES}
    assert new == {"moons": [183, 185, 200, 200, 200], "circles": [134, 166, 200, 200, 200],
                   "spiral": [122, 107, 166, 165, 197]}


def test_the_runs_saved_with_the_package_are_what_training_gives_today():
    """The explorer reads its 15 runs from the package (so that it is on screen at once);
    they must be exactly what compute_runs() trains now. After a change to the training or
    the words: python -c "from perceptron_lib.widgets.curves import save_runs; save_runs()"."""
    import gzip
    import json
    from importlib import resources

    from perceptron_lib.widgets.curves import SAVED, compute_runs

    saved = json.loads(gzip.decompress(
        resources.files("perceptron_lib").joinpath(SAVED).read_bytes()))
    assert saved == compute_runs()
    assert all_runs()[0] == saved


def test_10s_digit_reader_with_a_hidden_layer():
    """10's last section: ten 64-16-1 networks read 576 of the 597 test digits (09's ten
    perceptrons: 570); moved by one pixel, 229 to 284 (the perceptrons: 227 to 263)."""
    from perceptron_lib import load_digits

    digits = load_digits()
    X, t = digits.data[digits.train], digits.target[digits.train]
    readers = [TinyNetwork(hidden=16, lr=4, epochs=150, loss="log", scale=0.5)
               .fit(X, (t == k).astype(int)) for k in range(10)]
    padded = np.pad(digits.images[digits.test], ((0, 0), (1, 1), (1, 1)))
    right = []
    for r, c in ((1, 1), (2, 1), (0, 1), (1, 2), (1, 0)):
        Xm = padded[:, r:r + 8, c:c + 8].reshape(-1, 64) / 16
        z = np.column_stack([forward(n.W_hidden, n.W_out, Xm)[1] for n in readers])
        right.append(int((z.argmax(axis=1) == digits.target[digits.test]).sum()))
    assert right == [576, 284, 284, 229, 249]
