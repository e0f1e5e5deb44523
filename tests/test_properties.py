"""Property tests: fit follows the plain textbook loop exactly, on any data."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from perceptron_lib import Perceptron, make_separable, novikoff_bound
from perceptron_lib.geometry import max_margin_weights

ENGINES = ["numpy", "numba"]


class Overflowed(Exception):
    pass


def reference_fit(X, d, lr, epochs, order_per_epoch, W0=None):
    """The plain loop, written out: returns every W after every visit, and mistakes.

    Raises Overflowed when a z or a weight is no longer a finite number.
    """
    W = np.zeros(X.shape[1] + 1) if W0 is None else np.array(W0, dtype=float)
    trajectory, mistakes = [], []
    for epoch in range(epochs):
        m = 0
        for i in order_per_epoch[epoch]:
            x = np.insert(X[i], 0, 1)
            z = W.dot(x)
            if np.isnan(z):
                raise Overflowed
            y = 1 if z >= 0 else 0
            e = d[i] - y
            W = W + lr * e * x
            if not np.isfinite(W).all():
                raise Overflowed
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
    W0 = draw(st.none() | arrays(np.float64, X.shape[1] + 1,
                                 elements=st.floats(-10, 10, allow_subnormal=False)))
    return X, d, lr, epochs, shuffle, seed, W0


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_fit_equals_the_textbook_loop(engine, problem):
    if engine == "numba":
        pytest.importorskip("numba")
    X, d, lr, epochs, shuffle, seed, W0 = problem
    X_before, d_before = X.copy(), d.copy()
    p = Perceptron(X.shape[1], lr=lr, epochs=epochs, shuffle=shuffle, seed=seed, W0=W0)
    p._engine = engine
    p.fit(X, d)
    if shuffle:
        rng = np.random.default_rng(seed)
        orders = [rng.permutation(len(X)) for _ in range(epochs)]
    else:
        orders = [np.arange(len(X))] * epochs
    traj, mistakes = reference_fit(X, d, lr, epochs, orders, W0)
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


@st.composite
def huge_problems(draw):
    n = draw(st.integers(1, 12))
    p = draw(st.integers(1, 3))
    exponent = draw(st.sampled_from([0, 100, 150, 300, 307]))
    X = draw(arrays(np.float64, (n, p), elements=st.integers(-9, 9))) * 10.0**exponent
    d = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    lr = draw(st.sampled_from([1.0, 1e10, 1e150, 1e300, 1e308]))
    return X, d, lr, draw(st.integers(1, 6)), draw(st.sampled_from(ENGINES))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(huge_problems())
def test_overflow_is_caught_and_everything_else_is_the_loop(problem):
    X, d, lr, epochs, engine = problem
    if engine == "numba":
        pytest.importorskip("numba")
    p = Perceptron(X.shape[1], lr=lr, epochs=epochs)
    p._engine = engine
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            traj, mistakes = reference_fit(X, d, lr, epochs, [np.arange(len(X))] * epochs)
    except Overflowed:
        with pytest.raises(ValueError, match="overflowed"):
            p.fit(X, d)
        assert p.history_ is None and p.mistakes_per_epoch_ == [] and not p.W.any()
        return
    p.fit(X, d)
    assert p.mistakes_per_epoch_ == mistakes
    assert np.array_equal(p.history_.W_after, traj)
