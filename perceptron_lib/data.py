"""Data sets for the course: logic gates, generated point clouds, the Iris flowers and
handwritten digits.

Everything here is made on the spot or read from files shipped inside the package, so the
notebooks never download anything. Every function returns fresh arrays: change them freely.

Inputs ``X`` have one row per sample; labels ``d`` ("desired outputs") are 0 or 1.
"""

from __future__ import annotations

import csv
import gzip
from collections import namedtuple
from importlib import resources

import numpy as np

from . import validation as check

__all__ = [
    "GATE_NAMES",
    "BOOLEAN_FUNCTION_NAMES",
    "gate",
    "boolean_function",
    "make_separable",
    "make_noisy",
    "CURVED_NAMES",
    "make_curved",
    "load_iris",
    "iris_two_species",
    "load_digits",
]

# The four two-bit inputs, always in this order: (0, 0), (0, 1), (1, 0), (1, 1).
_INPUTS_2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

# Output column of each gate's truth table, row by row in the order above.
_GATES = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "XNOR": (1, 0, 0, 1),
}
GATE_NAMES = (*_GATES, "NOT")

# All 16 functions of two bits, numbered so that bit i of k is the output for input row i.
BOOLEAN_FUNCTION_NAMES = (
    "FALSE",          # 0: 0 0 0 0
    "NOR",            # 1: 1 0 0 0
    "x2 AND NOT x1",  # 2: 0 1 0 0
    "NOT x1",         # 3: 1 1 0 0
    "x1 AND NOT x2",  # 4: 0 0 1 0
    "NOT x2",         # 5: 1 0 1 0
    "XOR",            # 6: 0 1 1 0
    "NAND",           # 7: 1 1 1 0
    "AND",            # 8: 0 0 0 1
    "XNOR",           # 9: 1 0 0 1
    "x2",             # 10: 0 1 0 1
    "x1 IMPLIES x2",  # 11: 1 1 0 1
    "x1",             # 12: 0 0 1 1
    "x2 IMPLIES x1",  # 13: 1 0 1 1
    "OR",             # 14: 0 1 1 1
    "TRUE",           # 15: 1 1 1 1
)


def gate(name):
    """Truth table of a logic gate as ``(X, d)``.

    Parameters
    ----------
    name : str
        One of AND, OR, NAND, NOR, XOR, XNOR (two inputs) or NOT (one input); any case.

    Returns
    -------
    X : ndarray of int, shape (4, 2) or (2, 1)
        The inputs, rows in the order (0, 0), (0, 1), (1, 0), (1, 1).
    d : ndarray of int
        The gate's output for each row.

    Examples
    --------
    >>> X, d = gate("and")
    >>> d
    array([0, 0, 0, 1])
    """
    if not isinstance(name, str):
        raise TypeError(f"the gate name must be text such as 'AND'; got {name!r}.")
    key = name.strip().upper()
    if key == "NOT":
        return np.array([[0], [1]]), np.array([1, 0])
    if key not in _GATES:
        raise ValueError(
            f"unknown gate {name!r}. Choose one of: {', '.join(GATE_NAMES)}."
        )
    return _INPUTS_2.copy(), np.array(_GATES[key])


def boolean_function(k):
    """The k-th of the 16 functions of two bits, as ``(X, d)``.

    Bit ``i`` of ``k`` is the output for input row ``i`` (rows in the order (0, 0), (0, 1),
    (1, 0), (1, 1)); so ``k = 8`` is AND, ``k = 14`` is OR and ``k = 6`` is XOR. Its name is
    ``BOOLEAN_FUNCTION_NAMES[k]``.
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be a whole number from 0 to 15; got {k!r}.")
    if not 0 <= k <= 15:
        raise ValueError(f"k must be from 0 to 15 (there are 16 functions of two bits); got {k}.")
    d = np.array([(int(k) >> i) & 1 for i in range(4)])
    return _INPUTS_2.copy(), d


def make_separable(n=100, margin=0.1, seed=None, return_weights=False):
    """Points in the square [-1, 1] x [-1, 1] that a straight line separates with a margin.

    A random line is drawn near the centre of the square; points closer to it than ``margin``
    are thrown away and drawn again, so every point is at least ``margin`` away from the line,
    and the closest point of each class is then moved to exactly ``margin`` away. Both classes
    always have at least one point.

    Parameters
    ----------
    n : int
        Number of points (at least 2).
    margin : float
        Smallest distance from any point to the separating line, from 0 up to 0.5.
    seed : int or None
        Seed for ``numpy.random.default_rng``: the same seed gives the same points.
    return_weights : bool
        Also return the separating line as ``W_true = [b, w1, w2]`` with ``||(w1, w2)|| = 1``,
        so that ``W_true @ [1, x1, x2]`` is the signed distance of a point from the line.

    Returns
    -------
    X : ndarray of float, shape (n, 2)
    d : ndarray of int, shape (n,)
    W_true : ndarray of float, shape (3,), only with ``return_weights=True``
    """
    check.point_count(n)
    margin = check.number_between(margin, "margin (the smallest distance to the line)", 0, 0.5, 0.1)
    rng = np.random.default_rng(check.seed(seed))
    angle = rng.uniform(0, 2 * np.pi)
    w = np.array([np.cos(angle), np.sin(angle)])
    b = rng.uniform(-0.2, 0.2)
    W_true = np.array([b, w[0], w[1]])
    while True:
        kept = np.empty((0, 2))
        while len(kept) < n:
            cand = rng.uniform(-1, 1, size=(2 * n, 2))
            dist = cand @ w + b
            kept = np.vstack([kept, cand[np.abs(dist) >= max(margin, 1e-12)]])
        X = kept[:n]
        d = (X @ w + b > 0).astype(int)
        if 0 < d.sum() < n:
            break
    if margin > 0:
        # Slide each class's closest point along the normal onto the margin, so that the
        # margin of the generating line is exactly `margin`, not just at least that.
        dist = X @ w + b
        for c, sign in ((0, -1.0), (1, 1.0)):
            k = np.flatnonzero(d == c)[np.argmin(np.abs(dist[d == c]))]
            X[k] -= (dist[k] - sign * margin) * w
    if return_weights:
        return X, d, W_true
    return X, d


def make_noisy(n=100, flip=0.1, seed=None):
    """Separable points (see :func:`make_separable`) with a fraction of the labels flipped.

    Exactly ``round(flip * n)`` labels, chosen at random, are turned from 0 to 1 or 1 to 0, so
    the data are (almost surely) no longer linearly separable.
    """
    check.point_count(n)
    flip = check.number_between(flip, "flip (the fraction of labels to flip)", 0, 1, 0.1)
    rng = np.random.default_rng(check.seed(seed))
    X, d = make_separable(n, margin=0.0, seed=rng.integers(2**32))
    flipped = rng.choice(n, size=round(flip * n), replace=False)
    d[flipped] = 1 - d[flipped]
    return X, d


# --- data no line separates: two moons, a ring round a disc, two spirals --------------------------

CURVED_NAMES = ("moons", "circles", "spiral")


def _moons(t, first):
    """Two interlocking half-moons: the upper one (d = 0) and the lower one (d = 1)."""
    angle = np.pi * t
    if first:
        return np.column_stack([np.cos(angle) - 0.5, np.sin(angle) - 0.25]) * 0.6
    return np.column_stack([0.5 - np.cos(angle), 0.25 - np.sin(angle)]) * 0.6


def _circles(t, first):
    """A ring (d = 0) round a disc in the middle (d = 1)."""
    angle = 2 * np.pi * t
    radius = 0.85 if first else 0.35
    return radius * np.column_stack([np.cos(angle), np.sin(angle)])


def _spiral(t, first):
    """Two arms winding out from the middle, one turn each, half a turn apart."""
    angle = 0.3 * np.pi + 2 * np.pi * t + (0 if first else np.pi)
    radius = 0.15 + 0.75 * t
    return radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


_CURVES = {"moons": _moons, "circles": _circles, "spiral": _spiral}


def make_curved(name="moons", n=200, noise=0.05, seed=0):
    """Points in two classes that no straight line separates: ``"moons"`` (two
    interlocking half-moons), ``"circles"`` (a ring round a disc) or ``"spiral"`` (two arms
    winding round each other).

    Each class has n / 2 points (the first class one more when n is odd) spread along its
    curve at random, then moved by random noise: a normal distribution with standard
    deviation ``noise`` in each direction. All points lie roughly in the square [-1, 1] x
    [-1, 1]. Made on the spot from ``numpy.random.default_rng(seed)``: the same seed gives
    the same points.

    Returns
    -------
    X : ndarray of float, shape (n, 2)
    d : ndarray of int, shape (n,): 0 for the first class (upper moon, ring, first arm), 1
        for the second (lower moon, disc, second arm)
    """
    if not isinstance(name, str) or name.strip().lower() not in _CURVES:
        raise ValueError(f"name must be one of {', '.join(map(repr, CURVED_NAMES))}; got "
                         f"{name!r:.40}.")
    curve = _CURVES[name.strip().lower()]
    n = check.point_count(n)
    noise = check.number_between(noise, "noise (the spread of the points)", 0, 0.5, 0.05)
    rng = np.random.default_rng(check.seed(seed))
    sizes = ((n + 1) // 2, n // 2)
    X = np.vstack([curve(rng.uniform(0, 1, size), k == 0) for k, size in enumerate(sizes)])
    X += rng.normal(0, noise, X.shape) if noise > 0 else 0
    d = np.repeat([0, 1], sizes)
    return X, d


IrisData = namedtuple("IrisData", "data target feature_names target_names")

IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")


def load_iris():
    """Fisher's Iris measurements (150 flowers, 4 measurements in cm, 3 species).

    Read from a CSV file shipped inside the package; nothing is downloaded.

    Returns
    -------
    IrisData
        ``data`` (150, 4) floats, ``target`` (150,) ints 0/1/2, ``feature_names`` and
        ``target_names``.
    """
    text = resources.files("perceptron_lib").joinpath("iris.csv").read_text()
    rows = list(csv.reader(text.splitlines()))[1:]
    data = np.array([[float(v) for v in row[:4]] for row in rows])
    target = np.array([IRIS_SPECIES.index(row[4]) for row in rows])
    return IrisData(data, target, IRIS_FEATURES, IRIS_SPECIES)


def iris_two_species(negative="setosa", positive="versicolor",
                     features=("sepal length", "petal length")):
    """Two Iris species and two (or more) measurements, ready for a perceptron.

    Returns ``(X, d)``: the chosen measurements of the flowers of both species, with
    ``d = 0`` for ``negative`` and ``d = 1`` for ``positive``.
    """
    iris = load_iris()
    for s in (negative, positive):
        if not isinstance(s, str) or s not in IRIS_SPECIES:
            raise ValueError(f"unknown species {s!r}. Choose from: {', '.join(IRIS_SPECIES)}.")
    if negative == positive:
        raise ValueError("choose two different species.")
    if isinstance(features, str):
        features = (features,)
    if not isinstance(features, (list, tuple)):
        raise TypeError(f"features must be a measurement name or a list of them, such as "
                        f"('sepal length', 'petal length'); got {features!r}.")
    cols = []
    for f in features:
        if f not in IRIS_FEATURES:
            raise ValueError(
                f"unknown measurement {f!r}. Choose from: {', '.join(IRIS_FEATURES)}."
            )
        cols.append(IRIS_FEATURES.index(f))
    neg, pos = IRIS_SPECIES.index(negative), IRIS_SPECIES.index(positive)
    keep = (iris.target == neg) | (iris.target == pos)
    X = iris.data[keep][:, cols]
    d = (iris.target[keep] == pos).astype(int)
    return X, d


DigitsData = namedtuple("DigitsData", "images data target train test")

DIGITS_SOURCE = (
    "Optical Recognition of Handwritten Digits, the 1,797 images of its test part: E. Alpaydin "
    "and C. Kaynak (1998), UCI Machine Learning Repository, https://doi.org/10.24432/C50P49, "
    "licensed CC BY 4.0."
)


def load_digits():
    """1,797 handwritten digits, each an 8x8 picture (UCI, shipped with the package).

    Each picture was made from a 32x32 black-and-white scan of a digit written on a form
    by one of 13 people: every pixel counts the inked dots in a 4x4 block, 0 (blank) to 16
    (all ink). Source: E. Alpaydin and C. Kaynak (1998), *Optical Recognition of Handwritten
    Digits*, UCI Machine Learning Repository, https://doi.org/10.24432/C50P49 (CC BY 4.0).
    Read from a file inside the package; nothing is downloaded.

    Returns
    -------
    DigitsData
        ``images`` (1797, 8, 8) ints 0 to 16; ``data`` (1797, 64) floats 0 to 1 (the pixels
        row by row, divided by 16): the inputs x1 ... x64 of a perceptron; ``target``
        (1797,) the digit written, 0 to 9; ``train`` and ``test``: the course's split, 1,200
        and 597 row numbers in a fixed random order (seed 0), the same in every notebook.
    """
    raw = resources.files("perceptron_lib").joinpath("digits.csv.gz").read_bytes()
    rows = gzip.decompress(raw).decode("ascii").split()
    table = np.array([[int(v) for v in row.split(",")] for row in rows])
    images = table[:, :64].reshape(-1, 8, 8)
    order = np.random.default_rng(0).permutation(len(table))
    return DigitsData(images, images.reshape(-1, 64) / 16, table[:, 64], np.sort(order[:1200]),
                      np.sort(order[1200:]))
