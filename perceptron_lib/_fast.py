"""Fast epochs that give exactly the result of the textbook loop.

The textbook loop visits one sample at a time::

    for x, d in zip(X_ext, D):          # X_ext rows are [1, x1, ..., xn]
        y = 1 if W.dot(x) >= 0 else 0
        W = W + lr * (d - y) * x

Most visits change nothing, so we can look at many samples at once and jump to the first
mistake. Two ways of doing that live here:

- ``epoch_numpy``: one matrix product for a block of upcoming samples, then a jump to the
  first mistake in the block. Pure NumPy; always available.
- ``epoch_numba``: the same loop compiled by numba (the Perceptron decides when compiling
  pays off).

Rounding. A matrix product or a compiled loop adds the terms of W.x in another order than
``W.dot(x)``, so the last bits of z can differ. That only matters when z is so close to zero
that its sign could change: whenever |z| is within a safe bound of the rounding error we
recompute it exactly as the loop does (``W.dot(x)``), so every decision, every update and
therefore every weight vector is bit for bit the loop's. A z that is not a number (NaN) or
too large to trust (the sum overflowed) is recomputed the same way.

Overflow. When the loop's own z is NaN (W.x overflowed: huge weights times huge inputs), the
epoch stops with :class:`Overflow`; the Perceptron turns that into a message for the learner.
"""

from __future__ import annotations

import math

import numpy as np

# |z_fast - z_loop| <= 2 * gamma_p * sum|w_j x_j| with gamma_p ~ p * eps / 2; we use a wider
# bound, TOL_FACTOR * (p + 1) * eps, to be safe with fused multiply-adds and the rounding of
# the bound itself.
TOL_FACTOR = 4.0
EPS = np.finfo(float).eps
# Below the smallest normal float, products lose their relative accuracy (underflow); a z
# this small is always recomputed.
TINY = np.finfo(float).tiny


SMALL = 16     # up to this many samples an epoch is a plain loop: blocks would cost more


class Overflow(ArithmeticError):
    """A pre-activation z = W.x was not a number: the sum overflowed."""


def _norm(v):
    """Length of the vector v, also when its entries are so small that their squares
    underflow to zero (then it is measured in units of its largest entry). The same number
    as np.linalg.norm(v), sqrt(v.v), without its overhead (it runs after every update)."""
    with np.errstate(over="ignore"):
        length = math.sqrt(v.dot(v))
    if length > 1e-150:
        return length
    biggest = np.abs(v).max()
    return biggest * np.linalg.norm(v / biggest) if biggest > 0 else biggest


def _loop_z(W, x):
    """z exactly as the textbook loop computes it; Overflow when it is not a number."""
    z = W.dot(x)
    if np.isnan(z):
        raise Overflow("W.x is not a number")
    return z


def exact_z(W, Xe, norms=None):
    """Pre-activations ``Xe @ W`` whose signs match ``W.dot(x)`` row by row, bit for bit.

    ``Xe`` holds extended inputs (first column 1); ``norms``, if given, the length of each of
    its rows (for a caller that asks about the same rows many times). Rows whose z is too
    close to 0 for the block product to be trusted are recomputed with ``W.dot``.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        Z = Xe @ W
        norms = np.linalg.norm(Xe, axis=1) if norms is None else norms
        bound = TOL_FACTOR * len(W) * EPS * _norm(W) * norms + TINY
        unsure = ~(np.abs(Z) > bound)
        for i in np.flatnonzero(unsure):
            Z[i] = W.dot(Xe[i])
    return Z


def epoch_numpy(W, Xe, d, lr):
    """One epoch over the rows of ``Xe`` in order.

    Returns
    -------
    W : ndarray
        The weights after the epoch (they may be infinite: the caller checks).
    positions, errors : ndarray of int
        The row of every update and its error e = d - y (+1 or -1), in order.
    """
    with np.errstate(over="ignore", invalid="ignore"):   # overflow is the caller's to report
        return _epoch_numpy(W, Xe, d, lr)


def _epoch_small(W, Xe, d, lr):
    """A handful of samples: the textbook loop itself, one W.dot(x) per visit."""
    positions, errors = [], []
    for k, (x, target) in enumerate(zip(Xe, d.tolist())):
        e = target - (1 if _loop_z(W, x) >= 0 else 0)
        if e != 0:
            W = W + (lr * e) * x
            positions.append(k)
            errors.append(e)
    return W, np.array(positions, dtype=np.int64), np.array(errors, dtype=np.int64)


def _epoch_numpy(W, Xe, d, lr):
    n = len(Xe)
    if n <= SMALL:
        return _epoch_small(W, Xe, d, lr)
    norms = np.linalg.norm(Xe, axis=1)
    scale = TOL_FACTOR * len(W) * EPS
    is_one = d == 1
    positions, errors = [], []
    k, block = 0, 64
    length = _norm(W)                   # |W|, measured again after each update
    while k < n:
        rows = Xe[k:k + block]
        Z = rows @ W
        unsure = ~(np.abs(Z) > scale * length * norms[k:k + block] + TINY)
        wrong = (Z >= 0) != is_one[k:k + block]
        for j in np.flatnonzero(wrong | unsure):
            z = _loop_z(W, rows[j]) if unsure[j] else Z[j]
            e = int(d[k + j]) - (1 if z >= 0 else 0)
            if e != 0:
                W = W + (lr * e) * rows[j]
                length = _norm(W)
                positions.append(k + j)
                errors.append(e)
                k += j + 1
                block = max(16, 2 * (j + 1))
                break
        else:
            k += len(rows)
            block = min(2 * block, 8192)
    return W, np.array(positions, dtype=np.int64), np.array(errors, dtype=np.int64)


# --- numba -------------------------------------------------------------------------------------
# numba is optional. Importing it and loading the compiled loop takes about half a second in a
# fresh process, so nothing here imports numba until the Perceptron asks for it.

_numba_scan = None      # None: not tried yet; False: numba is missing; else the compiled loop
_numba_ran = False      # True once the compiled loop has run in this process


def numba_ready():
    """True when the compiled loop has already run in this process: using it costs nothing."""
    return _numba_ran


def _compile_numba():
    """Compile the scanning loop with numba; returns None when numba is not installed."""
    global _numba_scan
    if _numba_scan is None:
        try:
            import numba
        except ImportError:
            _numba_scan = False
            return None

        @numba.njit(cache=True)
        def scan(W, Xe, d, start, lr, positions, errors, m, tol_factor, tiny):
            # Visit rows start, start+1, ... updating W in place. Stops at a row whose z is
            # too close to 0 (or too large, or not a number) to trust, returning its index,
            # or at the end, returning -1.
            p = W.shape[0]
            for k in range(start, Xe.shape[0]):
                z = 0.0
                a = 0.0
                for j in range(p):
                    t = W[j] * Xe[k, j]
                    z += t
                    a += abs(t)
                if not abs(z) > tol_factor * a + tiny:
                    return k, m
                e = d[k] - (1 if z >= 0.0 else 0)
                if e != 0:
                    c = lr * e
                    for j in range(p):
                        W[j] = W[j] + c * Xe[k, j]
                    positions[m] = k
                    errors[m] = e
                    m += 1
            return -1, m

        _numba_scan = scan
    return _numba_scan or None


def numba_available():
    """True when numba is installed; compiles the loop (slow the first time)."""
    return _compile_numba() is not None


def epoch_numba(W, Xe, d, lr):
    """Same contract as :func:`epoch_numpy`, compiled with numba."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _epoch_numba(W, Xe, d, lr)


def _epoch_numba(W, Xe, d, lr):
    global _numba_ran
    scan = _compile_numba()
    W = np.array(W, dtype=float)
    n = len(Xe)
    positions = np.empty(n, dtype=np.int64)
    errors = np.empty(n, dtype=np.int64)
    d = np.ascontiguousarray(d, dtype=np.int64)
    tol = TOL_FACTOR * len(W) * EPS
    k, m = 0, 0
    while True:
        k, m = scan(W, Xe, d, k, float(lr), positions, errors, m, tol, TINY)
        _numba_ran = True
        if k < 0:
            break
        # z is too close to zero (or too large) for the compiled sum: decide as the loop does.
        e = int(d[k]) - (1 if _loop_z(W, Xe[k]) >= 0 else 0)
        if e != 0:
            W = W + (lr * e) * Xe[k]
            positions[m] = k
            errors[m] = e
            m += 1
        k += 1
    return W, positions[:m].copy(), errors[:m].copy()
