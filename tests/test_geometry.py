import numpy as np
import pytest

from perceptron_lib import (
    BOOLEAN_FUNCTION_NAMES,
    Perceptron,
    boolean_function,
    decision_line,
    gate,
    is_linearly_separable,
    make_separable,
    margin,
    max_margin_weights,
    novikoff_bound,
    positive_region,
)


def test_decision_line_of_and():
    xs, ys = decision_line([-3, 2, 1], xlim=(-0.5, 1.5))
    for x, y in zip(xs, ys):
        assert -3 + 2 * x + y == pytest.approx(0)
    assert sorted(xs.tolist()) == [0.75, 1.5]


def test_decision_line_vertical_and_missing():
    xs, ys = decision_line([-1, 2, 0], xlim=(-0.5, 1.5))
    assert xs.tolist() == [0.5, 0.5] and sorted(ys.tolist()) == [-0.5, 1.5]
    assert decision_line([1, 0, 0]) is None          # no line at all
    assert decision_line([-10, 1, 1], xlim=(0, 1)) is None   # misses the box


def test_positive_region_is_the_z_ge_0_side():
    poly = positive_region([-1, 1, 1], xlim=(0, 1))
    z = -1 + poly @ np.array([1, 1])
    assert np.all(z >= -1e-12)
    assert len(poly) == 3   # the triangle above x1 + x2 = 1 in the unit square


def test_fourteen_of_sixteen_are_separable():
    separable = [is_linearly_separable(*boolean_function(k)) for k in range(16)]
    assert sum(separable) == 14
    not_sep = {BOOLEAN_FUNCTION_NAMES[k] for k in range(16) if not separable[k]}
    assert not_sep == {"XOR", "XNOR"}


def test_separability_edge_cases():
    assert is_linearly_separable([[0, 0], [1, 1]], [0, 0])          # one class
    assert not is_linearly_separable([[0, 0], [0, 0]], [0, 1])      # same point, two classes
    assert not is_linearly_separable([[0, 0], [2, 0], [1, 0]], [0, 0, 1])  # collinear
    assert is_linearly_separable([[0, 0], [1, 0], [2, 0]], [0, 0, 1])
    assert is_linearly_separable([[0], [1]], [1, 0])                # 1-D
    assert not is_linearly_separable([[0], [1], [2]], [0, 1, 0])
    with pytest.raises(ValueError, match="1 or 2 inputs"):
        is_linearly_separable(np.zeros((3, 3)), [0, 1, 0])


def test_separability_agrees_with_a_generated_margin():
    for seed in range(5):
        X, d = make_separable(60, margin=0.05, seed=seed)
        assert is_linearly_separable(X, d)
        W = max_margin_weights(X, d)
        assert margin(W, X, d) >= 0.05


def test_max_margin_of_and():
    X, d = gate("AND")
    W = max_margin_weights(X, d)
    assert np.allclose(W, [-1.5 / np.sqrt(2), 1 / np.sqrt(2), 1 / np.sqrt(2)])
    assert margin(W, X, d) == pytest.approx(np.sqrt(2) / 4)
    with pytest.raises(ValueError, match="not linearly separable"):
        max_margin_weights(*gate("XOR"))


def test_margin_signs():
    X, d = gate("AND")
    assert margin([-3, 2, 1], X, d) == 0.0            # the learned line touches (1, 1)
    assert margin([-1.5, 1, 1], X, d) > 0
    assert margin([1.5, -1, -1], X, d) < 0
    with pytest.raises(ValueError, match="no line"):
        margin([1, 0, 0], X, d)


def test_novikoff_bound_on_and():
    X, d = gate("AND")
    bound = novikoff_bound(X, d, [-1.5, 1, 1])
    assert bound == pytest.approx(3 / (0.5 / np.sqrt(4.25)) ** 2)
    assert sum(Perceptron(2).fit(X, d).mistakes_per_epoch_) <= bound
    with pytest.raises(ValueError, match="does not separate"):
        novikoff_bound(X, d, [-3, 2, 1])
