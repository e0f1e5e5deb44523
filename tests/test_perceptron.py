"""The facts the course states about the perceptron, checked against the library."""

import numpy as np
import pytest

from perceptron_lib import Cycle, Perceptron, gate, step


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
