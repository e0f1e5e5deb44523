"""Geometry of a perceptron: its decision line, separability, margins and Novikoff's bound.

For two inputs, the points where ``z = w0 + w1*x1 + w2*x2 = 0`` form a straight line, the
*decision boundary*. Points with z >= 0 are classed 1, the others 0. The vector (w1, w2) is
perpendicular to the line and points into the class-1 side.
"""

from __future__ import annotations

import numpy as np

from .perceptron import check_labels, check_weights, check_X

__all__ = [
    "decision_line",
    "positive_region",
    "is_linearly_separable",
    "max_margin_weights",
    "margin",
    "novikoff_bound",
]


def _check_W(W, size=3):
    return check_weights(W, size - 1, "W")


def _box(xlim, ylim):
    x0, x1 = (float(v) for v in xlim)
    y0, y1 = (float(v) for v in (ylim if ylim is not None else xlim))
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"limits must be (low, high) with low < high; got {xlim} and {ylim}.")
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def _clip(W, corners):
    """Clip a convex polygon to the half-plane z >= 0; also return the points on the line."""
    z = W[0] + corners @ W[1:]
    inside, on_line = [], []
    for k in range(len(corners)):
        a, b = corners[k], corners[(k + 1) % len(corners)]
        za, zb = z[k], z[(k + 1) % len(corners)]
        if za >= 0:
            inside.append(a)
        if za == 0:
            on_line.append(a)
        if za * zb < 0:
            t = za / (za - zb)
            p = a + t * (b - a)
            inside.append(p)
            on_line.append(p)
    return np.array(inside).reshape(-1, 2), np.array(on_line).reshape(-1, 2)


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


# --- separability, exactly, in one or two dimensions ---------------------------------------------

def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points):
    """Convex hull (Andrew's monotone chain), counter-clockwise, without repeated points."""
    pts = sorted({(float(p[0]), float(p[1])) for p in points})
    if len(pts) <= 2:
        return pts
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _on_segment(p, a, b):
    return (_cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def _segments_meet(a, b, c, d):
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (_on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b)
            or _on_segment(d, a, b))


def _inside(p, hull):
    if len(hull) == 1:
        return p == hull[0]
    if len(hull) == 2:
        return _on_segment(p, hull[0], hull[1])
    return all(_cross(hull[k], hull[(k + 1) % len(hull)], p) >= 0 for k in range(len(hull)))


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

    Exact for one or two inputs: the two classes can be separated exactly when their convex
    hulls do not meet. Data with a single class count as separable.
    """
    Xc, dc = _two_classes(X, d)
    if dc.min() == dc.max():
        return True
    if Xc.shape[1] == 1:
        a, b = Xc[dc == 0, 0], Xc[dc == 1, 0]
        return bool(a.max() < b.min() or b.max() < a.min())
    return not _hulls_meet(_hull(Xc[dc == 0]), _hull(Xc[dc == 1]))


def _closest_on_segment(p, a, b):
    p, a, b = np.asarray(p), np.asarray(a), np.asarray(b)
    ab = b - a
    den = ab @ ab
    t = 0.0 if den == 0 else float(np.clip((p - a) @ ab / den, 0, 1))
    return a + t * ab


def max_margin_weights(X, d):
    """The separating line that stays farthest from both classes, as W = [w0, w1, w2].

    It is the perpendicular bisector of the shortest segment between the two classes' convex
    hulls. Scaled so that ``(w1, w2)`` has length 1: then ``W . [1, x]`` is the signed distance
    of x from the line. Raises ValueError when the data are not linearly separable.
    """
    Xc, dc = _two_classes(X, d)
    if dc.min() == dc.max() or not is_linearly_separable(Xc, dc):
        raise ValueError("the data are not linearly separable (or have one class): no line "
                         "separates the two classes, so there is no margin to maximise.")
    if Xc.shape[1] == 1:
        a, b = Xc[dc == 0, 0], Xc[dc == 1, 0]
        if a.max() < b.min():
            return np.array([-(a.max() + b.min()) / 2, 1.0])
        return np.array([(a.min() + b.max()) / 2, -1.0])
    H0, H1 = _hull(Xc[dc == 0]), _hull(Xc[dc == 1])
    best = None
    for P, Q, flip in ((H0, H1, False), (H1, H0, True)):
        for p in P:
            for a, b in _edges(Q):
                q = _closest_on_segment(p, a, b)
                dist = np.linalg.norm(q - np.asarray(p))
                if best is None or dist < best[0]:
                    best = (dist, (q, np.asarray(p)) if flip else (np.asarray(p), q))
    p0, p1 = best[1]
    w = (p1 - p0) / np.linalg.norm(p1 - p0)
    mid = (p0 + p1) / 2
    return np.array([-w @ mid, w[0], w[1]])


def margin(W, X, d):
    """Signed distance from the line W to the sample closest to it (or most wrong).

    Positive: every sample is on its own side, at least this far from the line. Zero: some
    sample lies on the line. Negative: some sample is on the wrong side.
    """
    Xc = check_X(X)
    dc = check_labels(d, len(Xc))
    W = _check_W(W, Xc.shape[1] + 1)
    norm = np.linalg.norm(W[1:])
    if norm == 0:
        raise ValueError("w1 = w2 = 0: there is no line, so no distance to it.")
    signed = (2 * dc - 1) * (W[0] + Xc @ W[1:]) / norm
    return float(signed.min())


def novikoff_bound(X, d, W_star):
    """Novikoff's bound (R / gamma)^2 on the number of mistakes (updates) of the perceptron.

    With extended inputs x~ = [1, x]: R is the largest length of an x~, and gamma the margin
    with which the unit vector u = W_star / ||W_star|| separates the data,
    ``gamma = min over samples of (2d - 1) * u . x~``. Whatever the order of visits, training
    from W = 0 makes at most (R / gamma)^2 updates. Any strictly separating W_star gives a valid
    bound; a better one gives a smaller bound.
    """
    Xc = check_X(X)
    dc = check_labels(d, len(Xc))
    W = _check_W(W_star, Xc.shape[1] + 1)
    if not W.any():
        raise ValueError("W_star is all zeros: it separates nothing.")
    Xe = np.hstack([np.ones((len(Xc), 1)), Xc])
    gamma = float(((2 * dc - 1) * (Xe @ W)).min() / np.linalg.norm(W))
    if gamma <= 0:
        raise ValueError(
            f"W_star does not separate the data strictly (its margin is {gamma:.3g}); the "
            f"bound needs a line with every sample strictly on its own side. Try "
            f"max_margin_weights(X, d)."
        )
    R = float(np.linalg.norm(Xe, axis=1).max())
    return (R / gamma) ** 2
