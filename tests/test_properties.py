"""Property tests: fit follows the plain textbook loop exactly, on any data."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from perceptron_lib import Perceptron, make_separable, novikoff_bound
from perceptron_lib.geometry import max_margin_weights

ENGINES = ["numpy", "numba"]


def reference_fit(X, d, lr, epochs, order_per_epoch):
    """The plain loop, written out: returns every W after every visit, and mistakes."""
    W = np.zeros(X.shape[1] + 1)
    trajectory, mistakes = [], []
    for epoch in range(epochs):
        m = 0
        for i in order_per_epoch[epoch]:
            x = np.insert(X[i], 0, 1)
            z = W.dot(x)
            y = 1 if z >= 0 else 0
            e = d[i] - y
            W = W + lr * e * x
            trajectory.append(W)
            m += e != 0
        mistakes.append(int(m))
        if m == 0:
            break
    return np.array(trajectory), mistakes


def data(draw, elements):
    n = draw(st.integers(1, 25))
    p = draw(st.integers(1, 4))
    X = draw(arrays(np.float64 if elements != "int" else np.int64, (n, p),
                    elements=(st.integers(-3, 3) if elements == "int"
                              else st.floats(-10, 10, allow_subnormal=False))))
    d = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    return X, d


@st.composite
def problems(draw):
    X, d = data(draw, draw(st.sampled_from(["int", "float"])))
    lr = draw(st.sampled_from([1, 0.1, 0.3, 2.5]) | st.floats(1e-3, 10))
    epochs = draw(st.integers(1, 8))
    shuffle = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    return X, d, lr, epochs, shuffle, seed


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_fit_equals_the_textbook_loop(engine, problem):
    if engine == "numba":
        pytest.importorskip("numba")
    X, d, lr, epochs, shuffle, seed = problem
    X_before, d_before = X.copy(), d.copy()
    p = Perceptron(X.shape[1], lr=lr, epochs=epochs, shuffle=shuffle, seed=seed)
    p._engine = engine
    p.fit(X, d)
    if shuffle:
        rng = np.random.default_rng(seed)
        orders = [rng.permutation(len(X)) for _ in range(epochs)]
    else:
        orders = [np.arange(len(X))] * epochs
    traj, mistakes = reference_fit(X, d, lr, epochs, orders)
    assert p.mistakes_per_epoch_ == mistakes
    assert np.array_equal(p.history_.W_after, traj)            # bit for bit, every visit
    assert np.array_equal(p.W, traj[-1])
    assert np.array_equal(X, X_before) and np.array_equal(d, d_before)   # caller's data intact


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.02, 0.3), st.booleans())
def test_novikoff_bound_holds(seed, gap, shuffle):
    X, d = make_separable(40, margin=gap, seed=seed)
    W_star = max_margin_weights(X, d)
    p = Perceptron(2, epochs=10_000, shuffle=shuffle, seed=seed).fit(X, d)
    assert p.converged_epoch_ is not None
    assert sum(p.mistakes_per_epoch_) <= novikoff_bound(X, d, W_star)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(-6, 6), st.booleans())
def test_lr_does_not_matter_from_zero_when_a_power_of_two(seed, k, separable):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 2))
    if separable:
        d = (X @ [1.0, -2.0] + 0.3 > 0).astype(int)
    else:
        d = rng.integers(0, 2, size=30)
    base = Perceptron(2, epochs=15).fit(X, d)
    scaled = Perceptron(2, lr=2.0**k, epochs=15).fit(X, d)
    assert np.array_equal(scaled.W, 2.0**k * base.W)
    assert scaled.mistakes_per_epoch_ == base.mistakes_per_epoch_
    assert np.array_equal(scaled.predict(X), base.predict(X))
