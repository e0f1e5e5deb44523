"""Geometry of a perceptron: its decision line, separability, margins and Novikoff's bound.

For two inputs, the points where ``z = w0 + w1*x1 + w2*x2 = 0`` form a straight line, the
*decision boundary*. Points with z >= 0 are classed 1, the others 0. The vector (w1, w2) is
perpendicular to the line and points into the class-1 side.
"""

from __future__ import annotations

import math
import numbers
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np

from .validation import check_labels, check_weights, check_X

__all__ = [
    "decision_line",
    "positive_region",
    "nearest_point_on_line",
    "is_linearly_separable",
    "max_margin_weights",
    "margin",
    "novikoff_bound",
]

EPS = sys.float_info.epsilon
TINY = sys.float_info.min   # below this, products lose their relative accuracy (underflow)


def _check_W(W, size=3):
    return check_weights(W, size - 1, "W")


def _two_numbers(values, name, example):
    """``values`` as two finite floats, or a clear TypeError/ValueError that names ``name``."""
    try:
        a, b = values
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair {example}; got {values!r:.40}.") from None
    for v in (a, b):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, Decimal)):
            raise TypeError(f"{name} must be two numbers {example}; got {values!r:.40}.")
    try:
        a, b = float(a), float(b)
    except OverflowError:       # an int such as 10**400
        a = b = math.inf
    if not (math.isfinite(a) and math.isfinite(b)):
        raise ValueError(f"{name} must be two finite numbers {example}; got {values!r:.40}.")
    return a, b


def _interval(limits, name):
    """``(low, high)`` as two floats with low < high, or a clear TypeError/ValueError."""
    low, high = _two_numbers(limits, name, "(low, high) such as (-0.5, 1.5)")
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with finite numbers and low < high; "
                         f"got {limits!r:.40}.")
    return low, high


def _box(xlim, ylim):
    x0, x1 = _interval(xlim, "xlim")
    y0, y1 = _interval(ylim, "ylim") if ylim is not None else (x0, x1)
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def _clip(W, corners):
    """Clip a convex polygon to the half-plane z >= 0; also return the points on the line.

    z at the corners and the points where the line crosses the edges are computed exactly
    (with fractions) and rounded once, so huge or tiny weights cannot overflow or put a
    corner on the wrong side.
    """
    w = [Fraction(v) for v in W]
    exact = [(Fraction(x), Fraction(y)) for x, y in corners]
    z = [w[0] + w[1] * x + w[2] * y for x, y in exact]
    inside, on_line = [], []
    for k in range(len(corners)):
        a, b = exact[k], exact[(k + 1) % len(corners)]
        za, zb = z[k], z[(k + 1) % len(corners)]
        if za >= 0:
            inside.append(corners[k])
        if za == 0:
            on_line.append(corners[k])
        if za < 0 < zb or zb < 0 < za:
            t = za / (za - zb)
            p = [float(a[j] + t * (b[j] - a[j])) for j in (0, 1)]
            inside.append(p)
            on_line.append(p)
    return (np.array(inside, dtype=float).reshape(-1, 2),
            np.array(on_line, dtype=float).reshape(-1, 2))


def decision_line(W, xlim=(-0.5, 1.5), ylim=None):
    """The piece of the line ``w0 + w1*x1 + w2*x2 = 0`` inside a rectangle.

    Parameters
    ----------
    W : array of 3 numbers ``[w0, w1, w2]`` (bias first)
    xlim, ylim : (low, high)
        The rectangle; ``ylim`` defaults to ``xlim``.

    Returns
    -------
    (xs, ys) or None
        The two end points, as x-coordinates and y-coordinates, ready for ``ax.plot(xs, ys)``.
        Vertical lines (w2 = 0) work too. None when the line misses the rectangle, and when
        w1 = w2 = 0: then there is no line at all and every point is in one class
        (class 1 if w0 >= 0).
    """
    W = _check_W(W)
    if not W[1:].any():
        return None
    _, pts = _clip(W, _box(xlim, ylim))
    if len(pts) < 2:
        return None
    return pts[:2, 0].copy(), pts[:2, 1].copy()


def positive_region(W, xlim=(-0.5, 1.5), ylim=None):
    """Corners of the part of the rectangle where z >= 0 (class 1), as an (k, 2) array."""
    W = _check_W(W)
    inside, _ = _clip(W, _box(xlim, ylim))
    return inside


def nearest_point_on_line(W, point):
    """The point of the line ``w0 + w1*x1 + w2*x2 = 0`` nearest to ``point`` = (x1, x2).

    Returns an array of 2 floats, or None when w1 = w2 = 0 (there is no line). The step from
    ``point`` to it points along -w where the point is on the class-1 side (z > 0), along w
    where it is on the other side.

    Computed exactly (with fractions) and rounded once, so tiny or huge weights work:
    ``1e-300 * W`` and ``1e300 * W`` are the same line as W and give the same point. (The
    textbook formula ``point - z / (w1**2 + w2**2) * w`` would divide by 0 when w1**2 + w2**2
    underflows, or by infinity when it overflows.)
    """
    W = _check_W(W)
    if not W[1:].any():
        return None
    x, y = (Fraction(v) for v in _two_numbers(point, "point", "(x1, x2) such as (0.5, 0.5)"))
    b, w1, w2 = (Fraction(v) for v in W)
    t = (b + w1 * x + w2 * y) / (w1 * w1 + w2 * w2)
    return np.array([_rounded(x - t * w1), _rounded(y - t * w2)])


# --- separability, exactly, in one or two dimensions ---------------------------------------------

def _rounded(fraction):
    """The float nearest to an exact fraction (plus or minus infinity beyond the largest)."""
    try:
        return float(fraction)
    except OverflowError:
        return math.inf if fraction > 0 else -math.inf


def _orientation(o, a, b):
    """Which way the path o -> a -> b turns: 1 left, -1 right, 0 straight on (collinear).

    That is the sign of the cross product (a - o) x (b - o). Floating point gives it quickly
    when the product is clearly away from zero; otherwise (rounding could flip the sign, or the
    numbers overflowed) it is computed exactly with fractions. So the answer is always exact.
    """
    left = (a[0] - o[0]) * (b[1] - o[1])
    right = (a[1] - o[1]) * (b[0] - o[0])
    det = left - right
    if abs(det) > 4 * EPS * (abs(left) + abs(right)) + TINY:
        return 1 if det > 0 else -1
    o, a, b = ([Fraction(c) for c in p] for p in (o, a, b))
    exact = (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    return (exact > 0) - (exact < 0)


def _hull(points):
    """Convex hull (Andrew's monotone chain), counter-clockwise, without repeated points."""
    pts = sorted({(float(p[0]), float(p[1])) for p in points})
    if len(pts) <= 2:
        return pts
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and _orientation(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and _orientation(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _on_segment(p, a, b):
    return (_orientation(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def _segments_meet(a, b, c, d):
    d1, d2 = _orientation(c, d, a), _orientation(c, d, b)
    d3, d4 = _orientation(a, b, c), _orientation(a, b, d)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (_on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b)
            or _on_segment(d, a, b))


def _inside(p, hull):
    if len(hull) == 1:
        return p == hull[0]
    if len(hull) == 2:
        return _on_segment(p, hull[0], hull[1])
    return all(_orientation(hull[k], hull[(k + 1) % len(hull)], p) >= 0
               for k in range(len(hull)))


def _edges(hull):
    if len(hull) == 1:
        return [(hull[0], hull[0])]
    if len(hull) == 2:
        return [(hull[0], hull[1])]
    return [(hull[k], hull[(k + 1) % len(hull)]) for k in range(len(hull))]


def _hulls_meet(A, B):
    if any(_inside(p, B) for p in A) or any(_inside(p, A) for p in B):
        return True
    return any(_segments_meet(a, b, c, e) for a, b in _edges(A) for c, e in _edges(B))


def _two_classes(X, d):
    Xc = check_X(X)
    dc = check_labels(d, len(Xc))
    if Xc.shape[1] > 2:
        raise ValueError(
            f"this exact test works for 1 or 2 inputs; X has {Xc.shape[1]}. For more inputs, "
            f"train a Perceptron: converging proves separability, a cycle (cycle_) proves the "
            f"opposite."
        )
    return Xc, dc


def is_linearly_separable(X, d):
    """True when a straight line (a threshold, for one input) puts each class on its own side.

    Exact for one or two inputs, whatever the size of the numbers: the two classes can be
    separated exactly when their convex hulls do not meet, and every turn of the hulls is
    decided exactly (see ``_orientation``). Data with a single class count as separable.
    """
    Xc, dc = _two_classes(X, d)
    if dc.min() == dc.max():
        return True
    if Xc.shape[1] == 1:
        a, b = Xc[dc == 0, 0], Xc[dc == 1, 0]
        return bool(a.max() < b.min() or b.max() < a.min())
    return not _hulls_meet(_hull(Xc[dc == 0]), _hull(Xc[dc == 1]))


def _closest_on_segment(p, a, b):
    """The point of the segment a-b closest to p, exactly (all Fractions)."""
    ab = (b[0] - a[0], b[1] - a[1])
    length2 = ab[0] ** 2 + ab[1] ** 2
    t = 0 if length2 == 0 else ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / length2
    t = min(max(t, 0), 1)
    return (a[0] + t * ab[0], a[1] + t * ab[1])


def _closest_points(hull0, hull1):
    """The closest pair of points (p0 of hull0, p1 of hull1), exactly, as Fractions.

    For two disjoint convex polygons it joins a corner of one to a point on an edge of the
    other, so trying every corner against every edge finds it.
    """
    exact0 = [tuple(Fraction(c) for c in p) for p in hull0]
    exact1 = [tuple(Fraction(c) for c in p) for p in hull1]
    best = None
    for P, Q, flip in ((exact0, exact1, False), (exact1, exact0, True)):
        for p in P:
            for a, b in _edges(Q):
                q = _closest_on_segment(p, a, b)
                dist2 = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2
                if best is None or dist2 < best[0]:
                    best = (dist2, (q, p) if flip else (p, q))
    return best[1]


def _unit(v):
    """The exact vector v (Fractions, not all zero) rounded to a float vector of length 1."""
    biggest = max(abs(c) for c in v)
    u = [float(c / biggest) for c in v]     # from -1 to 1: no overflow, no underflow
    length = math.hypot(*u)
    return [c / length for c in u]


def _balanced(v):
    """The exact vector v rounded to floats after dividing by a power of two that brings its
    largest and smallest entries equally close to 1. For directions a unit vector cannot hold
    (one entry more than about 1e308 times the other, so the small one rounds to 0)."""
    sizes = [c.numerator.bit_length() - c.denominator.bit_length() for c in v if c != 0]
    k = (max(sizes) + min(sizes)) // 2
    return [float(c / Fraction(2) ** k) for c in v]


def _bias_between(w, class0, class1):
    """W = [w0, *w] with the bias halfway between the classes along w, or None when no float
    bias puts every point strictly on its own side (checked exactly).

    ``class0`` and ``class1`` hold points (it is enough to give each class's hull corners,
    where a straight-line function takes its extremes).
    """
    def along(p):
        return sum(Fraction(wj) * Fraction(xj) for wj, xj in zip(w, p))

    top0 = max(along(p) for p in class0)     # the class-0 point farthest along w
    low1 = min(along(p) for p in class1)     # the class-1 point least far along w
    b = _rounded(-(top0 + low1) / 2)
    if top0 < low1 and math.isfinite(b) and top0 + Fraction(b) < 0 < low1 + Fraction(b):
        return np.array([b, *w])
    return None


def max_margin_weights(X, d):
    """The separating line (a threshold, for one input) that stays farthest from both classes.

    Parameters
    ----------
    X : array_like, shape (n_samples, 1 or 2)
    d : array_like of 0/1 labels

    Returns
    -------
    W : ndarray, ``[w0, w1, w2]`` (or ``[w0, w1]`` for one input)
        Scaled so that ``(w1, w2)`` has length 1 (up to rounding): then ``W . [1, x]`` is the
        signed distance of x from the line. (Only when the line's direction needs one entry
        more than about 1e308 times the other, which a unit vector cannot hold in floating
        point, is W scaled otherwise.)

    Raises
    ------
    ValueError
        When the data are not linearly separable or have one class; also in the rare case
        that the classes are so close together, for the size of their numbers, that no
        floating-point weights separate them strictly.

    Notes
    -----
    The widest-margin line is the perpendicular bisector of the shortest segment between the
    two classes' convex hulls. That segment is found exactly (with fractions, from the
    numbers as given), so data with very different column scales, or with tiny or huge
    numbers, get the right line. Its direction is then rounded to floating point and the bias
    is put exactly halfway between the classes along it, and the function checks, exactly,
    that every sample is strictly on its own side before returning.
    """
    Xc, dc = _two_classes(X, d)
    if dc.min() == dc.max() or not is_linearly_separable(Xc, dc):
        raise ValueError("the data are not linearly separable (or have one class): no line "
                         "separates the two classes, so there is no margin to maximise.")
    if Xc.shape[1] == 1:
        a, b = Xc[dc == 0, 0], Xc[dc == 1, 0]
        W = _bias_between([1.0] if a.max() < b.min() else [-1.0],
                          [(a.min(),), (a.max(),)], [(b.min(),), (b.max(),)])
    else:
        hull0, hull1 = _hull(Xc[dc == 0]), _hull(Xc[dc == 1])
        p0, p1 = _closest_points(hull0, hull1)
        v = (p1[0] - p0[0], p1[1] - p0[1])
        W = _bias_between(_unit(v), hull0, hull1)
        if W is None:
            W = _bias_between(_balanced(v), hull0, hull1)
    if W is None:
        raise ValueError(
            "the two classes are too close together for the size of their numbers: no line "
            "with floating-point weights puts every sample strictly on its own side. Rescale "
            "the data (for example X / abs(X).max(axis=0)) and try again."
        )
    return W


def _length(v):
    """The length of the vector v as (m, e), meaning m * 2**e: v is first divided by the power
    of two nearest its largest entry, so no square overflows or underflows."""
    e = math.frexp(max(abs(c) for c in v))[1]
    return math.hypot(*(math.ldexp(c, -e) for c in v)), e


def _longest_input(X):
    """R, the largest length of an extended input [1, x], as (m, e) like ``_length``."""
    e = math.frexp(max(1.0, float(np.abs(X).max())))[1]
    with np.errstate(under="ignore"):
        squares = np.ldexp(X, -e) ** 2          # entries at most 1: no overflow
        return math.sqrt(math.ldexp(1.0, -2 * e) + squares.sum(axis=1).max()), e


def _signed_ratios(W, X, d, length):
    """``(2d - 1) * (W . [1, x]) / length`` for every sample, positive on the sample's own
    side; ``length`` is (m, e), meaning m * 2**e (see ``_length``).

    Computed in floating point; where that could be wrong (the sign in doubt, an overflow or
    an underflow), computed again exactly with fractions and rounded once. A nonzero value
    too small for a float becomes the smallest float of its sign, so the sign is always exact.
    """
    m, e = length
    with np.errstate(all="ignore"):
        terms = X * W[1:]
        z = W[0] + terms.sum(axis=1)
        size = abs(W[0]) + np.abs(terms).sum(axis=1)
        ratio = np.ldexp(z, -e) / m
        sure = ((np.abs(z) > 4 * len(W) * EPS * size + TINY)
                & (np.abs(ratio) > 2 * TINY) & np.isfinite(ratio))
    for i in np.flatnonzero(~sure):
        exact = Fraction(W[0]) + sum(Fraction(w) * Fraction(x) for w, x in zip(W[1:], X[i]))
        value = _rounded(exact / Fraction(m) / Fraction(2) ** e)
        smallest = math.ulp(0.0) if exact > 0 else -math.ulp(0.0)
        ratio[i] = value if value or not exact else smallest
    return (2 * d - 1) * ratio


def margin(W, X, d):
    """Signed distance from the line W to the sample closest to it (or most wrong).

    Positive: every sample is on its own side, at least this far from the line. Zero: some
    sample lies on the line. Negative: some sample is on the wrong side. The sign is exact,
    and weights or inputs of any size work (``inf`` only when the distance itself is larger
    than the largest float).
    """
    Xc = check_X(X)
    dc = check_labels(d, len(Xc))
    W = _check_W(W, Xc.shape[1] + 1)
    if not W[1:].any():
        raise ValueError("w1 = w2 = 0: there is no line, so no distance to it.")
    return float(_signed_ratios(W, Xc, dc, _length(W[1:])).min())


def novikoff_bound(X, d, W_star):
    """Novikoff's bound (R / gamma)^2 on the number of mistakes (updates) of the perceptron.

    With extended inputs x~ = [1, x]: R is the largest length of an x~, and gamma the margin
    with which the unit vector u = W_star / ||W_star|| separates the data,
    ``gamma = min over samples of (2d - 1) * u . x~``. Whatever the order of visits, training
    from W = 0 makes at most (R / gamma)^2 updates. Any strictly separating W_star gives a valid
    bound; a better one gives a smaller bound.

    Returns
    -------
    float
        The bound; ``inf`` when it is larger than the largest float (about 1.8e308). Data and
        weights of any size work: gamma / R is computed without overflow or underflow.
    """
    Xc = check_X(X)
    dc = check_labels(d, len(Xc))
    W = _check_W(W_star, Xc.shape[1] + 1)
    if not W.any():
        raise ValueError("W_star is all zeros: it separates nothing.")
    (m_W, e_W), (m_R, e_R) = _length(W), _longest_input(Xc)
    # gamma / R for the closest sample: at most 1, as u . x~ <= ||x~|| <= R
    closest = float(_signed_ratios(W, Xc, dc, (m_W * m_R, e_W + e_R)).min())
    if not closest > 0:
        gamma = float(_signed_ratios(W, Xc, dc, (m_W, e_W)).min())
        raise ValueError(
            f"W_star does not separate the data strictly (its margin is {gamma:.3g}); the "
            f"bound needs a line with every sample strictly on its own side. Try "
            f"max_margin_weights(X, d)."
        )
    ratio = 1 / closest                         # R / gamma; inf beyond the largest float
    return ratio * ratio
