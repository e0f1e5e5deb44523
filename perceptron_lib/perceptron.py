"""The perceptron: Rosenblatt's artificial neuron and its learning rule.

Conventions (the ones the course uses everywhere):

- ``W`` has one entry more than there are inputs; ``W[0]`` is the bias. An input x is
  *extended* to ``[1, x1, ..., xn]`` so that ``z = W . [1, x]`` includes the bias.
- Labels ("desired outputs") d are 0 or 1; ``step(z)`` is 1 when z >= 0, else 0.
- Training starts from ``W = 0`` and visits the samples in order (or in a seeded shuffled
  order), applying ``W <- W + lr * e * [1, x]`` with ``e = d - y`` after every visit.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import _fast
from .history import CycleDetector, TrainingHistory, converged_epoch

__all__ = ["step", "Perceptron", "check_X", "check_labels"]

# Fits with more input values than this (samples x inputs) use numba when it is installed.
_NUMBA_FROM = 20_000


def step(z):
    """The step activation: 1 where z >= 0, else 0.

    A number gives an int; an array gives an int array of the same shape.
    """
    if isinstance(z, (numbers.Real, np.number)) and not isinstance(z, bool):
        if np.isnan(z):
            raise ValueError("step(z) got NaN: z is not a number, so it cannot fire or not.")
        return 1 if z >= 0 else 0
    z = np.asarray(z)
    if z.dtype.kind not in "iuf":
        raise TypeError(f"step(z) needs numbers; got {z.dtype} values.")
    if z.dtype.kind == "f" and np.isnan(z).any():
        raise ValueError("step(z) got NaN: z is not a number, so it cannot fire or not.")
    return (z >= 0).astype(int)


# --- checking input at the door ----------------------------------------------------------------

def check_X(X, name="X", n_inputs=None):
    """Return X as a new 2-D float array, or raise an error a beginner can act on."""
    try:
        arr = np.array(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers arranged as a table (one row per sample); could not read "
            f"{type(X).__name__} {X!r:.60} as numbers."
        ) from None
    if arr.ndim == 1 and arr.size > 0:
        raise ValueError(
            f"{name} must be 2-D, one row per sample; got a 1-D array of {arr.size} values. "
            f"For one sample with these inputs use [{name}] or {name}.reshape(1, -1); for "
            f"one input per sample use {name}.reshape(-1, 1)."
        )
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D, one row per sample; got shape {arr.shape}.")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty: give at least one sample to learn from.")
    if n_inputs is not None and arr.shape[1] != n_inputs:
        raise ValueError(
            f"this perceptron has {n_inputs} input(s) but {name} has {arr.shape[1]} column(s). "
            f"Make Perceptron(input_size={arr.shape[1]}) or pass only {n_inputs} column(s)."
        )
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{name} contains NaN or infinity (first at row {bad[0]}, column {bad[1]}); "
            f"remove or fill those samples first."
        )
    return arr


def check_labels(d, n_samples=None):
    """Return labels as a new 1-D int array of 0/1, or raise an error a beginner can act on."""
    try:
        arr = np.array(d, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"labels d must be numbers 0 or 1; could not read {d!r:.60}.") from None
    if arr.ndim != 1:
        raise ValueError(f"labels d must be a 1-D list of 0s and 1s; got shape {arr.shape}.")
    if n_samples is not None and len(arr) != n_samples:
        raise ValueError(
            f"X has {n_samples} samples but d has {len(arr)} labels: give one label per row of X."
        )
    if np.isnan(arr).any():
        raise ValueError("labels d contain NaN; every sample needs a label 0 or 1.")
    bad = arr[(arr != 0) & (arr != 1)]
    if bad.size:
        hint = ""
        if set(np.unique(arr)) <= {-1.0, 1.0}:
            hint = " Your labels look like -1/+1: convert them with (d + 1) // 2."
        raise ValueError(f"labels must be 0 or 1; got {bad[0]:g}.{hint}")
    return arr.astype(int)


def _check_positive(value, name, kind=numbers.Real):
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "a whole number" if kind is numbers.Integral else "a number"
        raise TypeError(f"{name} must be {what}; got {value!r}.")


class Perceptron:
    """A single perceptron trained with Rosenblatt's rule.

    Parameters
    ----------
    input_size : int
        Number of inputs n; the weight vector has n + 1 entries (``W[0]`` is the bias).
    lr : float, default 1
        Learning rate (eta), > 0.
    epochs : int, default 100
        Most passes over the data. Training stops earlier after an epoch without mistakes,
        since later epochs would change nothing.
    shuffle : bool, default False
        Visit the samples in a new random order every epoch.
    seed : int or None
        Seed of the shuffling (``numpy.random.default_rng(seed)``).
    record_history : bool, default True
        Keep every visit in ``history_``. Turn off for large data.

    Attributes
    ----------
    W : ndarray, shape (input_size + 1,)
        The weights; zeros before training.
    mistakes_per_epoch_ : list of int
    converged_epoch_ : int or None
        First epoch (1-based) with no mistakes.
    cycle_ : Cycle or None
        Set when the end-of-epoch weights repeat while mistakes continue: proof that the data
        are not linearly separable.
    history_ : TrainingHistory or None

    Examples
    --------
    >>> from perceptron_lib import gate
    >>> X, d = gate("AND")
    >>> Perceptron(2, lr=1, epochs=10).fit(X, d).W
    array([-3.,  2.,  1.])
    """

    def __init__(self, input_size, lr=1, epochs=100, shuffle=False, seed=None,
                 record_history=True):
        _check_positive(input_size, "input_size", numbers.Integral)
        if input_size < 1:
            raise ValueError(f"input_size is the number of inputs, at least 1; got {input_size}.")
        _check_positive(lr, "lr (the learning rate)")
        if not lr > 0 or not np.isfinite(lr):
            raise ValueError(f"lr (the learning rate) must be greater than 0; got {lr}.")
        _check_positive(epochs, "epochs", numbers.Integral)
        if epochs < 1:
            raise ValueError(f"epochs must be at least 1; got {epochs}.")
        self.input_size = int(input_size)
        self.lr = lr
        self.epochs = int(epochs)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self.record_history = bool(record_history)
        self._engine = "auto"  # "numpy", "numba" or "auto"; tests use this to compare engines
        self._reset()

    def _reset(self):
        self.W = np.zeros(self.input_size + 1)
        self.mistakes_per_epoch_ = []
        self.converged_epoch_ = None
        self.cycle_ = None
        self.history_ = None
        self._rng = np.random.default_rng(self.seed)
        self._cycles = CycleDetector(self.W)

    def __repr__(self):
        return (f"Perceptron(input_size={self.input_size}, lr={self.lr}, epochs={self.epochs}, "
                f"shuffle={self.shuffle}, seed={self.seed})")

    # --- the neuron ----------------------------------------------------------------------------
    @property
    def weights(self):
        """The input weights ``W[1:]`` (a view of W)."""
        return self.W[1:]

    @property
    def bias(self):
        """The bias ``W[0]``."""
        return float(self.W[0])

    def activation_fn(self, z):
        """The step function: 1 if z >= 0 else 0."""
        return step(z)

    def _extend(self, X):
        return np.hstack([np.ones((len(X), 1)), X])

    def net_input(self, X):
        """Pre-activation z = W . [1, x] for one sample (a float) or a batch (an array)."""
        arr = np.asarray(X)
        one = arr.ndim == 1
        Xc = check_X(arr.reshape(1, -1) if one else X, n_inputs=self.input_size)
        z = _fast.exact_z(self.W, self._extend(Xc))
        return float(z[0]) if one else z

    def predict(self, x):
        """Output 0 or 1 for one sample (an int) or for each row of a 2-D batch (an int array)."""
        z = self.net_input(x)
        return self.activation_fn(z)

    def score(self, X, d):
        """Fraction of the samples whose prediction equals the label."""
        Xc = check_X(X, n_inputs=self.input_size)
        dc = check_labels(d, len(Xc))
        return float(np.mean(self.predict(Xc) == dc))

    # --- learning ------------------------------------------------------------------------------
    def fit(self, X, d):
        """Train from W = 0 with Rosenblatt's rule; returns self.

        Stops after ``epochs`` epochs or after the first epoch without a mistake.
        """
        Xc, dc = self._check_data(X, d)
        self._reset()
        Xe = self._extend(Xc)
        for _ in range(self.epochs):
            if self._one_epoch(Xc, Xe, dc) == 0:
                break
        return self

    def partial_fit(self, X, d):
        """One more epoch from the current weights; returns self."""
        Xc, dc = self._check_data(X, d)
        self._one_epoch(Xc, self._extend(Xc), dc)
        return self

    def _check_data(self, X, d):
        Xc = check_X(X, n_inputs=self.input_size)
        dc = check_labels(d, len(Xc))
        return Xc, dc

    def _runner(self, size):
        engine = self._engine
        if engine == "auto":
            engine = "numba" if size >= _NUMBA_FROM and _fast.numba_available() else "numpy"
        return _fast.epoch_numba if engine == "numba" else _fast.epoch_numpy

    def _one_epoch(self, Xc, Xe, dc):
        epoch = len(self.mistakes_per_epoch_) + 1
        order = self._rng.permutation(len(Xc)) if self.shuffle else np.arange(len(Xc))
        Xo = Xe[order] if self.shuffle else Xe
        do = dc[order]
        W0 = self.W
        W, positions, errors = self._runner(Xe.size)(W0, Xo, do, self.lr)
        self.W = W
        mistakes = len(positions)
        self.mistakes_per_epoch_.append(mistakes)
        self.converged_epoch_ = converged_epoch(self.mistakes_per_epoch_)
        self.cycle_ = self._cycles.add(epoch, W, mistakes)
        if self.record_history:
            if self.history_ is None:
                self.history_ = TrainingHistory(Xc, W0)
            self._record(epoch, W0, Xo, do, order, positions, errors)
        return mistakes

    def _record(self, epoch, W, Xo, do, order, positions, errors):
        """Rebuild the epoch visit by visit (same arithmetic as training) into history_."""
        n = len(Xo)
        z = np.empty(n)
        e = np.zeros(n, dtype=int)
        after = []
        start = 0
        for pos, err in zip(list(positions) + [n], list(errors) + [0]):
            z[start:pos + 1] = _fast.exact_z(W, Xo[start:pos + 1])
            if pos < n:
                e[pos] = err
                W = W + (self.lr * err) * Xo[pos]
                after.append(W)
            start = pos + 1
        y = step(z)
        self.history_.add_epoch(epoch, order, z, y, do, e, after)
