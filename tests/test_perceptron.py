"""The facts the course states about the perceptron, checked against the library."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import (
    Cycle,
    Perceptron,
    TrainingHistory,
    _fast,
    gate,
    is_linearly_separable,
    step,
)
from perceptron_lib.history import CycleDetector
from perceptron_lib.perceptron import _numba_pays_off


def test_step_scalar_and_array():
    assert step(0) == 1 and step(0.0) == 1 and step(-1e-300) == 0 and step(2) == 1
    assert isinstance(step(0.5), int)
    out = step(np.array([-1.0, 0.0, 3.0]))
    assert out.tolist() == [0, 1, 1] and out.dtype.kind == "i"
    assert step([[-1, 0]]).tolist() == [[0, 1]]


def test_start_state_follows_the_seed_conventions():
    p = Perceptron(2)
    assert p.W.tolist() == [0.0, 0.0, 0.0] and p.W.dtype == float
    assert p.bias == 0.0 and p.weights.tolist() == [0.0, 0.0]
    assert (p.lr, p.epochs, p.shuffle) == (1, 100, False)
    assert p.activation_fn(0) == 1 and p.activation_fn(-0.5) == 0


def test_and_reaches_minus3_2_1_in_epoch_5():
    X, d = gate("AND")
    p = Perceptron(2, lr=1, epochs=10)
    assert p.fit(X, d) is p
    assert p.W.tolist() == [-3.0, 2.0, 1.0]
    assert p.mistakes_per_epoch_ == [2, 3, 3, 2, 1, 0]
    assert p.converged_epoch_ == 6
    assert p.cycle_ is None
    assert p.predict(X).tolist() == [0, 0, 0, 1]
    assert p.score(X, d) == 1.0
    assert p.bias == -3.0 and p.weights.tolist() == [2.0, 1.0]


@pytest.mark.parametrize("name, W", [("OR", [-1, 1, 1]), ("NAND", [2, -2, -1]),
                                     ("NOR", [0, -1, -1])])
def test_other_gates_weights(name, W):
    X, d = gate(name)
    p = Perceptron(2).fit(X, d)
    assert p.W.tolist() == W
    assert p.score(X, d) == 1.0


def test_and_or_lines_pass_through_a_training_point():
    # z = 0 at a training point: only step's >= makes that point "correct".
    for name, point in (("AND", [1, 1]), ("OR", [0, 1])):
        X, d = gate(name)
        p = Perceptron(2).fit(X, d)
        assert p.net_input(np.array(point)) == 0.0
        assert p.predict(np.array(point)) == 1


def test_xor_cycles():
    X, d = gate("XOR")
    p = Perceptron(2, epochs=20).fit(X, d)
    assert p.converged_epoch_ is None
    assert all(m in (3, 4) for m in p.mistakes_per_epoch_)
    assert len(p.mistakes_per_epoch_) == 20
    assert p.cycle_ == Cycle(epoch=3, repeats_epoch=2, length=1)
    ends = p.history_.epoch_ends
    for k in range(1, 20):   # end of epoch 2 onwards
        assert p.history_.W_at(ends[k] + 1).tolist() == [0.0, -1.0, 0.0]


@pytest.mark.parametrize("lr", [0.5, 0.3, 2])
def test_lr_scales_the_and_weights(lr):
    X, d = gate("AND")
    p = Perceptron(2, lr=lr).fit(X, d)
    assert np.allclose(p.W, lr * np.array([-3, 2, 1]), rtol=0, atol=1e-12)
    assert p.converged_epoch_ == 6


def test_lr_01_tie_is_decided_by_rounding():
    X, d = gate("AND")
    p = Perceptron(2, lr=0.1).fit(X, d)
    assert np.allclose(p.W, [-0.2, 0.2, 0.1], rtol=0, atol=1e-15)
    assert p.converged_epoch_ == 4
    assert len(p.mistakes_per_epoch_) == 4


def test_partial_fit_is_one_epoch_at_a_time():
    X, d = gate("AND")
    p = Perceptron(2)
    for _ in range(6):
        p.partial_fit(X, d)
    assert p.W.tolist() == [-3.0, 2.0, 1.0]
    assert p.mistakes_per_epoch_ == [2, 3, 3, 2, 1, 0]
    assert p.converged_epoch_ == 6
    assert len(p.history_) == 24


def test_fit_stops_at_the_epoch_cap():
    X, d = gate("AND")
    p = Perceptron(2, epochs=3).fit(X, d)
    assert len(p.mistakes_per_epoch_) == 3 and p.converged_epoch_ is None


def test_fit_restarts_from_zero():
    X, d = gate("AND")
    p = Perceptron(2).fit(*gate("OR")).fit(X, d)
    assert p.W.tolist() == [-3.0, 2.0, 1.0]


def test_shuffle_is_seeded():
    X, d = gate("AND")
    a = Perceptron(2, shuffle=True, seed=1).fit(X, d)
    b = Perceptron(2, shuffle=True, seed=1).fit(X, d)
    assert np.array_equal(a.W, b.W) and a.mistakes_per_epoch_ == b.mistakes_per_epoch_
    assert np.array_equal(a.history_.sample, b.history_.sample)
    assert a.score(X, d) == 1.0
    first_epoch = a.history_.sample[:4]
    assert sorted(first_epoch.tolist()) == [0, 1, 2, 3]


def test_predict_single_and_batch():
    p = Perceptron(2).fit(*gate("AND"))
    assert p.predict([1, 1]) == 1 and isinstance(p.predict([1, 1]), int)
    assert p.predict(np.array([[0, 0], [1, 1]])).tolist() == [0, 1]
    assert p.net_input([[1, 0]]).tolist() == [-1.0]


def test_one_input_not_gate():
    X, d = gate("NOT")
    p = Perceptron(1).fit(X, d)
    assert p.predict(X).tolist() == [1, 0]


def test_no_history_when_turned_off():
    p = Perceptron(2, record_history=False).fit(*gate("AND"))
    assert p.history_ is None and p.W.tolist() == [-3.0, 2.0, 1.0]


def test_numba_and_numpy_engines_agree():
    pytest.importorskip("numba")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 8))
    d = (X @ rng.normal(size=8) + 0.1 * rng.normal(size=3000) > 0).astype(int)
    res = []
    for engine in ("numpy", "numba"):
        p = Perceptron(8, lr=0.7, epochs=5)
        p._engine = engine
        p.fit(X, d)
        res.append((p.W.copy(), p.mistakes_per_epoch_, p.history_.W_after.copy()))
    assert np.array_equal(res[0][0], res[1][0])
    assert res[0][1] == res[1][1]
    assert np.array_equal(res[0][2], res[1][2])


# --- starting weights W0 ------------------------------------------------------------------------

def test_W0_is_where_training_starts():
    X, d = gate("AND")
    start = np.array([0.5, -1, 1])
    p = Perceptron(2, W0=start)
    start[0] = 99                                   # the perceptron keeps its own copy
    assert p.W.tolist() == [0.5, -1.0, 1.0] and p.W0.tolist() == [0.5, -1.0, 1.0]
    p.fit(X, d)
    assert p.W.tolist() == [-2.5, 2.0, 1.0]
    assert p.history_.W_at(0).tolist() == [0.5, -1.0, 1.0]
    assert p.fit(*gate("OR")).fit(X, d).W.tolist() == [-2.5, 2.0, 1.0]   # every fit from W0
    assert p.W0.tolist() == [0.5, -1.0, 1.0]
    assert repr(p) == ("Perceptron(input_size=2, lr=1, epochs=100, shuffle=False, seed=None, "
                       "W0=[0.5, -1.0, 1.0])")
    assert "W0" not in repr(Perceptron(2))


def test_W0_matches_the_loop_started_there():
    X, d = gate("AND")
    W = np.array([0.5, -1.0, 1.0])
    for _ in range(10):
        for x, t in zip(X, d):
            xe = np.insert(x, 0, 1)
            W = W + (t - (1 if W.dot(xe) >= 0 else 0)) * xe
    assert W.tolist() == [-2.5, 2.0, 1.0]


def test_partial_fit_from_weights_set_by_hand():
    X, d = gate("AND")
    p = Perceptron(2)
    p.W = [0.5, -1, 1]
    for _ in range(10):
        p.partial_fit(X, d)
    q = Perceptron(2, W0=[0.5, -1, 1], epochs=10).fit(X, d)
    assert p.W.tolist() == q.W.tolist() == [-2.5, 2.0, 1.0]
    assert p.history_.W_at(0).tolist() == [0.5, -1.0, 1.0]
    n = len(q.mistakes_per_epoch_)
    assert p.mistakes_per_epoch_[:n] == q.mistakes_per_epoch_
    assert np.array_equal(p.history_.W_after[:len(q.history_)], q.history_.W_after)


# --- all or nothing ------------------------------------------------------------------------------

def _state(p):
    h = p.history_
    return (p.W.tolist(), list(p.mistakes_per_epoch_), p.converged_epoch_, p.cycle_,
            None if h is None else (len(h), h.W_after.tolist()),
            repr(p._rng.bit_generator.state))


@pytest.mark.parametrize("record_history", [True, False])
def test_overflow_is_one_clear_error_and_changes_nothing(record_history):
    # With lr = 1e308 the first epoch on AND is fine; a later one overflows.
    X, d = gate("AND")
    p = Perceptron(2, lr=1e308, shuffle=True, seed=4, record_history=record_history)
    message = "overflowed in epoch .*largest floating-point number.*smaller learning rate"
    before = _state(p)
    with pytest.raises(ValueError, match=message):
        p.fit(X, d)
    assert _state(p) == before
    for _ in range(10):
        before = _state(p)
        try:
            p.partial_fit(X, d)
        except ValueError as err:
            assert "overflowed" in str(err)
            break
    assert _state(p) == before and len(p.mistakes_per_epoch_) >= 1
    assert np.isfinite(p.W).all()
    with pytest.raises(ValueError, match=message):
        p.fit(X, d)
    assert _state(p) == before


def test_interrupted_fit_changes_nothing(monkeypatch):
    X, d = gate("XOR")
    p = Perceptron(2, epochs=10, shuffle=True, seed=1).fit(*gate("AND"))
    twin = Perceptron(2, epochs=10, shuffle=True, seed=1).fit(*gate("AND"))
    before = _state(p)
    calls = []
    real = _fast.epoch_numpy

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(_fast, "epoch_numpy", interrupted)
    with pytest.raises(KeyboardInterrupt):
        p.fit(X, d)
    assert _state(p) == before
    monkeypatch.setattr(_fast, "epoch_numpy", real)
    # it goes on exactly as the perceptron that was never interrupted
    assert _state(p.partial_fit(X, d)) == _state(twin.partial_fit(X, d))


# --- cycles in floating point ---------------------------------------------------------------------

def test_a_cycle_is_not_a_proof_in_floating_point():
    # The data are separable, yet the weights repeat: next to weights of -3e20 and -2e20 the
    # updates +[1, 0, 1] (sample 0) and -[1, -2, 0] (sample 2) change only the bias; the other
    # parts are rounded away, so every epoch ends at [-2, -3e20, -2e20].
    X, d = [[0, 1], [3e20, 2e20], [-2, 0]], [1, 0, 0]
    assert is_linearly_separable(X, d)
    p = Perceptron(2, epochs=20).fit(X, d)
    assert p.W.tolist() == [-2.0, -3e20, -2e20]
    assert p.cycle_ == Cycle(epoch=2, repeats_epoch=1, length=1)
    assert p.converged_epoch_ is None and p.history_.cycle == p.cycle_
    for doc in (Cycle.__doc__, Perceptron.__doc__, TrainingHistory.cycle.__doc__,
                CycleDetector.__doc__):
        assert "floating point" in doc and "is_linearly_separable" in doc


# --- which engine runs ---------------------------------------------------------------------

@pytest.mark.parametrize("size, mistakes, seconds_left, numpy_seconds, expected", [
    (10_000, [500, 500], 100.0, 100.0, False),   # small data: always NumPy
    (10**6, [500], 100.0, 100.0, False),         # one epoch says too little
    (10**6, [500, 200], 100.0, 100.0, False),    # mistakes falling fast: may stop soon
    (10**6, [500, 400], 0.1, 0.0, False),        # the epochs left take less than loading
    (10**6, [500, 400], 5.0, 0.0, True),         # 5 s left with NumPy: worth loading numba
    (10**6, [500, 480], 0.7, 0.2, False),        # 0.7 s left: about what loading takes
    (10**6, [500, 480], 0.7, 3.0, True),         # ... but NumPy has spent 3 s on such fits
    (10**6, [500, 480], 0.2, 3.0, False),        # too little left to repay the loading
])
def test_when_numba_pays_off(size, mistakes, seconds_left, numpy_seconds, expected):
    assert _numba_pays_off(size, mistakes, seconds_left, numpy_seconds) is expected


FIRST_FIT = """
import sys
import numpy as np
from perceptron_lib import Perceptron, make_separable
X, d = make_separable(100_000, margin=0.05, seed=0)
p = Perceptron(2, epochs=1000, record_history=False).fit(X, d)
print(p.converged_epoch_, "numba" in sys.modules)
"""


def test_a_quick_first_fit_does_not_load_numba():
    # Loading numba takes about half a second; a fit that converges in two epochs must not
    # pay for it (the first fit in a fresh process).
    out = subprocess.run([sys.executable, "-c", FIRST_FIT], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parents[1])
    assert out.stdout.split() == ["2", "False"]


def test_engines_agree_from_W0_and_after_switching():
    pytest.importorskip("numba")
    rng = np.random.default_rng(5)
    X = rng.normal(size=(2000, 12))
    d = (X @ rng.normal(size=12) + 0.3 * rng.normal(size=2000) > 0).astype(int)
    W0 = rng.normal(size=13)
    runs = []
    for engine in ("numpy", "numba"):
        p = Perceptron(12, lr=0.3, epochs=6, shuffle=True, seed=2, W0=W0)
        p._engine = engine
        runs.append(p.fit(X, d))
    assert np.array_equal(runs[0].W, runs[1].W)
    assert np.array_equal(runs[0].history_.W_after, runs[1].history_.W_after)


# --- cycles jumped over exactly ------------------------------------------------------------------

def _textbook(X, d, lr, epochs, W0):
    W = np.array(W0, dtype=float)
    mistakes = []
    for _ in range(epochs):
        m = 0
        for x, target in zip(X, d):
            xe = np.insert(np.asarray(x, dtype=float), 0, 1)
            e = target - (1 if W.dot(xe) >= 0 else 0)
            if e:
                W = W + lr * e * xe
                m += 1
        mistakes.append(m)
        if m == 0:
            break
    return W, mistakes


def test_a_cycle_is_jumped_over_exactly_as_the_loop_would_go():
    rng = np.random.default_rng(7)
    lengths = set()
    for trial in range(150):
        n = int(rng.integers(2, 7))
        X = rng.integers(-3, 4, size=(n, 2)).astype(float) * rng.choice([1, 0.1, 0.3])
        d = rng.integers(0, 2, size=n)
        lr = float(rng.choice([1, 0.1, 0.7, 3]))
        W0 = rng.integers(-2, 3, size=3) * rng.choice([1, 0.5])
        epochs = int(rng.integers(1, 60))
        p = Perceptron(2, lr=lr, epochs=epochs, W0=W0).fit(X, d)
        W, mistakes = _textbook(X, d, lr, epochs, W0)
        assert p.W.tolist() == W.tolist() and p.mistakes_per_epoch_ == mistakes, trial
        step_by_step = Perceptron(2, lr=lr, W0=W0)
        for _ in range(len(mistakes)):
            step_by_step.partial_fit(X, d)
        a, b = p.history_, step_by_step.history_
        assert len(a) == len(b) and a.mistakes_per_epoch == b.mistakes_per_epoch
        for name in ("epoch", "sample", "z", "y", "d", "e", "x", "W_before", "W_after"):
            assert np.array_equal(getattr(a, name), getattr(b, name)), (trial, name)
        assert a.to_rows(-5) == b.to_rows(-5) and a.cycle == b.cycle == p.cycle_
        assert a.W_at(len(a)).tolist() == W.tolist()
        if p.cycle_:
            lengths.add(p.cycle_.length)
    assert max(lengths) >= 2          # longer cycles were met, not just XOR's


def test_convergence_and_cycles_describe_the_data_trained_on_now():
    p = Perceptron(2).fit(*gate("AND"))
    assert p.converged_epoch_ == 6
    p.partial_fit(*gate("XOR"))
    p.partial_fit(*gate("XOR"))
    assert p.mistakes_per_epoch_ == [2, 3, 3, 2, 1, 0, 2, 3]
    assert p.converged_epoch_ is None and p.history_.converged_epoch is None
    for _ in range(10):
        p.partial_fit(*gate("XOR"))
    assert p.cycle_ is not None and p.cycle_ == p.history_.cycle
    p.partial_fit(*gate("OR"))
    assert p.cycle_ is None


def test_long_runs_take_time_in_proportion_to_epochs_not_their_square():
    # Counted, not timed: the record of 100k epochs is built without a visit-by-visit replay.
    X, d = gate("XOR")
    p = Perceptron(2, epochs=100_000).fit(X, d)
    assert len(p.history_) == 400_000 and p.W.tolist() == [0.0, -1.0, 0.0]
    assert p.history_.epoch_of_position(400_000) == 100_000
    assert p.history_[399_999].W_after.tolist() == [0.0, -1.0, 0.0]


def test_partial_fit_sees_data_changed_in_place_between_epochs():
    """partial_fit reuses its checked data when it is given the same arrays again (the
    pocket's loop); data changed in place in between is checked and used afresh."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    d = np.array([0, 0, 0, 1])
    mutated = Perceptron(2, record_history=False).partial_fit(X, d)
    X[0] = [5.0, -5.0]
    d[1] = 1
    mutated.partial_fit(X, d)
    fresh = Perceptron(2, record_history=False).partial_fit(
        np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 0, 0, 1]))
    fresh.partial_fit(X.copy(), d.copy())
    assert np.array_equal(mutated.W, fresh.W)
    X[2] = [np.nan, 0.0]
    with pytest.raises(ValueError, match="NaN"):
        mutated.partial_fit(X, d)
