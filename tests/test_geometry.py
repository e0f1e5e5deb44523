import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
from perceptron_lib.geometry import nearest_point_on_line


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


# --- exact at any scale --------------------------------------------------------------------------

@pytest.mark.parametrize("X, d", [
    ([[3e7, 2], [-3e7, 3], [2e7, 2]], [0, 0, 1]),
    ([[1e-300, 0], [0, 1e-300]], [0, 1]),
    ([[1e200, 0], [0, 1e200], [0, 0]], [0, 1, 0]),
    ([[1e300, -1e300], [-1e300, 1e300], [1e300, 1e300]], [0, 0, 1]),
    ([[1e-300], [3e-300]], [1, 0]),
    ([[-1.7e308], [1.7e308]], [0, 1]),
])
def test_max_margin_separates_badly_scaled_data(X, d):
    W = max_margin_weights(X, d)
    assert margin(W, X, d) > 0
    assert np.hypot.reduce(W[1:]) == pytest.approx(1)
    bound = novikoff_bound(X, d, W)
    assert bound > 0        # inf when (R / gamma)^2 is beyond the largest float


def test_the_bound_is_inf_when_too_large_for_a_float():
    X, d = [[1e200, 0], [0, 1e200], [0, 0]], [0, 1, 0]
    assert novikoff_bound(X, d, max_margin_weights(X, d)) == np.inf


def test_max_margin_is_exact_up_to_rounding():
    # The closest pair is (2e7, 2) and the point of the segment above it, 1/6 higher.
    X, d = [[3e7, 2], [-3e7, 3], [2e7, 2]], [0, 0, 1]
    W = max_margin_weights(X, d)
    n = np.array([1, 6e7]) / np.hypot(1, 6e7)          # unit normal of the segment
    assert W[1:] == pytest.approx(-n, rel=1e-12)
    assert margin(W, X, d) == pytest.approx(n[1] / 12, rel=1e-9)


def test_classes_too_close_for_floating_point_get_a_clear_error():
    # Two neighbouring floats: no float threshold lies strictly between them.
    a = 1.0
    b = np.nextafter(a, 2)
    assert is_linearly_separable([[a], [b]], [0, 1])
    with pytest.raises(ValueError, match="too close together.*Rescale"):
        max_margin_weights([[a], [b]], [0, 1])


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 30), st.floats(0.01, 0.3),
       st.integers(-300, 300), st.integers(-300, 300))
def test_max_margin_separates_at_every_scale(seed, n, gap, e1, e2):
    X, d = make_separable(n, margin=gap, seed=seed)
    X = X * [10.0**e1, 10.0**e2]
    assume(is_linearly_separable(X, d))     # tiny numbers may round onto each other
    W = max_margin_weights(X, d)
    assert margin(W, X, d) > 0
    assert novikoff_bound(X, d, W) > 0


def test_max_margin_with_column_scales_1e7_apart():
    # Random small sets with one coordinate about 1e7 times the other.
    rng = np.random.default_rng(17)
    tried = 0
    for _ in range(700):
        n = rng.integers(3, 7)
        X = rng.normal(size=(n, 2)) * [1e7, 1]
        d = rng.integers(0, 2, size=n)
        if d.min() == d.max() or not is_linearly_separable(X, d):
            continue
        tried += 1
        W = max_margin_weights(X, d)
        assert margin(W, X, d) > 0
        assert novikoff_bound(X, d, W) > 0
    assert tried > 200


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(0, 1)),
                min_size=2, max_size=9),
       st.sampled_from([-1060, -1000, -500, 0, 500, 1000]))
def test_separability_does_not_depend_on_the_scale(points, k):
    # Scaling by a power of two is exact, so the answer must not change, even where the
    # products in the hull test underflow (2**-1000) or overflow (2**1000).
    X = np.array([p[:2] for p in points], dtype=float)
    d = np.array([p[2] for p in points])
    assert is_linearly_separable(X * 2.0**k, d) == is_linearly_separable(X, d)
    if is_linearly_separable(X, d) and d.min() < d.max() and k > -1000:
        W, Wk = max_margin_weights(X, d), max_margin_weights(X * 2.0**k, d)
        assert np.array_equal(Wk, [W[0] * 2.0**k, W[1], W[2]])


def test_lines_of_huge_and_tiny_weights_are_drawn_without_overflow():
    with np.errstate(all="raise"):
        xs, ys = decision_line([-1e308, 1e308, 1e308], xlim=(-1e308, 1e308))
        assert sorted(xs.tolist()) == [-1e308, 1e308] and sorted(ys.tolist()) == [-1e308, 1e308]
        xs, ys = decision_line([0, 1e-300, -1e-300], xlim=(-1, 1))
        assert xs.tolist() == ys.tolist()                      # the line x1 = x2
        region = positive_region([1e300, -1e300, 0], xlim=(0, 2))
        assert region[:, 0].max() == 1.0                       # x1 <= 1 is the positive side


# --- any finite scale: the bound and the margin (findings) ---------------------------------------

def _exact_bound(X, d, W):
    """(R / gamma)^2 = max ||[1, x]||^2 * ||W||^2 / min((2d - 1) W . [1, x])^2, exactly."""
    from fractions import Fraction
    W = [Fraction(w) for w in W]
    rows = [[Fraction(1)] + [Fraction(v) for v in x] for x in X]
    z = [(2 * di - 1) * sum(w * v for w, v in zip(W, row)) for row, di in zip(rows, d)]
    return max(sum(v * v for v in row) for row in rows) * sum(w * w for w in W) / min(z) ** 2


SHAPE = np.array([[0.5, 0.25], [-0.5, -0.25], [0.25, 0.5]])     # z = +-0.75 s, +0.75 s


@pytest.mark.parametrize("s", [1e-300, 1.0, 1e300, 1.7e308])
@pytest.mark.parametrize("w_scale", [1e-300, 1.0, 1e300])
def test_novikoff_bound_and_margin_at_any_scale(s, w_scale):
    X, d = SHAPE * s, [1, 0, 1]
    W = np.array([0.0, 1.0, 1.0]) * w_scale
    with np.errstate(all="raise"):
        bound, gap = novikoff_bound(X, d, W), margin(W, X, d)
    exact = _exact_bound(X, d, W)
    if exact < 1e308:
        assert bound == pytest.approx(float(exact), rel=1e-12)
    else:
        assert bound == np.inf                  # beyond the largest float
    assert bound >= 1                           # never 0: 0 would promise no mistakes at all
    assert gap == pytest.approx(0.75 * s / np.sqrt(2), rel=1e-12) and np.isfinite(gap)


def test_the_bound_does_not_change_when_the_data_and_weights_grow_together():
    X, d = [[1.0]], [1]
    assert novikoff_bound(X, d, [0, 1]) == pytest.approx(2.0)         # (1 + 1) / 1
    assert novikoff_bound([[1e300]], d, [0, 1e300]) == pytest.approx(1.0)
    assert novikoff_bound([[1.7e308]], d, [0, 1.7e308]) == pytest.approx(1.0)
    assert margin([0, 1e300], [[1e300]], d) == 1e300


def test_a_tiny_positive_margin_keeps_its_sign():
    # z = 1e-300 * 1e-300 = 1e-600 is below the smallest float, but the sample is on its side
    X, d = [[1e-300, 1e-300], [-1e-300, -1e-300]], [1, 0]
    assert margin([0, 1e-300, 1e-300], X, d) > 0
    assert novikoff_bound(X, d, [0, 1e-300, 1e-300]) == np.inf          # gamma ~ 1e-300


# --- the line of tiny and huge weights (findings) ------------------------------------------------

@pytest.mark.parametrize("W", [[-1, 2, 1], [-3, 2, 1], [0.3, -0.7, 0.2], [5, 1, 1], [5, 1e-3, 1],
                               [-1, 2, 0], [-1, 0, 2]])
@pytest.mark.parametrize("k", [-1000, 1000])
def test_tiny_and_huge_weights_give_the_same_line(W, k):
    W = np.array(W, dtype=float)
    Wk = W * 2.0**k                     # exact: the same line as W, w1^2 + w2^2 under/overflows
    same = decision_line(W), decision_line(Wk)
    assert (same[0] is None) == (same[1] is None)
    if same[0] is not None:
        assert np.array_equal(same[0][0], same[1][0]) and np.array_equal(same[0][1], same[1][1])
    for centre in [(0.5, 0.5), (-3, 7)]:
        p, pk = nearest_point_on_line(W, centre), nearest_point_on_line(Wk, centre)
        assert np.isfinite(pk).all() and np.array_equal(p, pk)
        assert W[0] + W[1:] @ p == pytest.approx(0, abs=1e-12)           # on the line
        # from the centre to the line: against w on the class-1 side, along w on the other
        z = W[0] + W[1:] @ np.array(centre, dtype=float)
        assert np.sign((p - centre) @ W[1:]) == -np.sign(z)
    for s in (1e-300, 1e300):                                            # not exact, but close
        assert nearest_point_on_line(W * s, (0.5, 0.5)) == pytest.approx(
            nearest_point_on_line(W, (0.5, 0.5)), rel=1e-12, abs=1e-12)


def test_nearest_point_of_the_line_by_hand():
    assert nearest_point_on_line([-1, 1, 1], (0, 0)).tolist() == [0.5, 0.5]
    assert nearest_point_on_line([-1, 2, 0], (3, 4)).tolist() == [0.5, 4.0]   # x1 = 0.5
    assert nearest_point_on_line([5, 1e-300, 1e-300], (0, 0)) == pytest.approx([-2.5e300] * 2)
    assert nearest_point_on_line([1, 0, 0], (0, 0)) is None
    with pytest.raises(TypeError, match="point must be a pair"):
        nearest_point_on_line([1, 1, 1], 3)
    with pytest.raises(ValueError, match="point must be two finite numbers"):
        nearest_point_on_line([1, 1, 1], (0, np.nan))
