"""Fast epochs that give exactly the result of the textbook loop.

The textbook loop visits one sample at a time::

    for x, d in zip(X_ext, D):          # X_ext rows are [1, x1, ..., xn]
        y = 1 if W.dot(x) >= 0 else 0
        W = W + lr * (d - y) * x

Most visits change nothing, so we can look at many samples at once and jump to the first
mistake. Two ways of doing that live here:

- ``epoch_numpy``: one matrix product for a block of upcoming samples, then a jump to the
  first mistake in the block. Pure NumPy; always available.
- ``epoch_numba``: the same loop compiled by numba (used when numba is installed and the
  data are large enough for compiling to pay off).

Rounding. A matrix product or a compiled loop adds the terms of W.x in another order than
``W.dot(x)``, so the last bits of z can differ. That only matters when z is so close to zero
that its sign could change: whenever |z| is within a safe bound of the rounding error we
recompute it exactly as the loop does (``W.dot(x)``), so every decision, every update and
therefore every weight vector is bit for bit the loop's.
"""

from __future__ import annotations

import numpy as np

# |z_fast - z_loop| <= 2 * gamma_p * sum|w_j x_j| with gamma_p ~ p * eps / 2; we use a wider
# bound, TOL_FACTOR * (p + 1) * eps, to be safe with fused multiply-adds and the rounding of
# the bound itself.
TOL_FACTOR = 4.0
EPS = np.finfo(float).eps


def exact_z(W, Xe):
    """Pre-activations ``Xe @ W`` whose signs match ``W.dot(x)`` row by row, bit for bit.

    ``Xe`` holds extended inputs (first column 1). Rows whose z is too close to 0 for the
    block product to be trusted are recomputed with ``W.dot``.
    """
    Z = Xe @ W
    bound = TOL_FACTOR * len(W) * EPS * np.linalg.norm(W) * np.linalg.norm(Xe, axis=1)
    for i in np.flatnonzero(np.abs(Z) <= bound):
        Z[i] = W.dot(Xe[i])
    return Z


def epoch_numpy(W, Xe, d, lr):
    """One epoch over the rows of ``Xe`` in order. Returns (W, positions, errors) of updates."""
    n = len(Xe)
    norms = np.linalg.norm(Xe, axis=1)
    scale = TOL_FACTOR * len(W) * EPS
    positions, errors = [], []
    k, block = 0, 64
    while k < n:
        rows = Xe[k:k + block]
        Z = rows @ W
        unsure = np.abs(Z) <= scale * np.linalg.norm(W) * norms[k:k + block]
        wrong = (Z >= 0) != (d[k:k + block] == 1)
        for j in np.flatnonzero(wrong | unsure):
            z = W.dot(rows[j]) if unsure[j] else Z[j]
            e = int(d[k + j]) - (1 if z >= 0 else 0)
            if e != 0:
                W = W + (lr * e) * rows[j]
                positions.append(k + j)
                errors.append(e)
                k += j + 1
                block = max(16, 2 * (j + 1))
                break
        else:
            k += len(rows)
            block = min(2 * block, 8192)
    return W, np.array(positions, dtype=np.int64), np.array(errors, dtype=np.int64)


_numba_scan = None


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
        def scan(W, Xe, d, start, lr, positions, errors, m, tol_factor):
            # Visit rows start, start+1, ... updating W in place. Stops at a row whose z is
            # too close to 0 to trust (returns its index) or at the end (returns -1).
            p = W.shape[0]
            for k in range(start, Xe.shape[0]):
                z = 0.0
                a = 0.0
                for j in range(p):
                    t = W[j] * Xe[k, j]
                    z += t
                    a += abs(t)
                if a > 0.0 and abs(z) <= tol_factor * a:
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
    return _compile_numba() is not None


def epoch_numba(W, Xe, d, lr):
    """Same contract as :func:`epoch_numpy`, compiled with numba."""
    scan = _compile_numba()
    W = np.array(W, dtype=float)
    n = len(Xe)
    positions = np.empty(n, dtype=np.int64)
    errors = np.empty(n, dtype=np.int64)
    d = np.ascontiguousarray(d, dtype=np.int64)
    tol = TOL_FACTOR * len(W) * EPS
    k, m = 0, 0
    while True:
        k, m = scan(W, Xe, d, k, float(lr), positions, errors, m, tol)
        if k < 0:
            break
        # z is too close to zero for the compiled sum: decide exactly as the loop does.
        e = int(d[k]) - (1 if W.dot(Xe[k]) >= 0 else 0)
        if e != 0:
            W = W + (lr * e) * Xe[k]
            positions[m] = k
            errors[m] = e
            m += 1
        k += 1
    return W, positions[:m].copy(), errors[:m].copy()
