"""The perceptron: Rosenblatt's artificial neuron and its learning rule.

Conventions (the ones the course uses everywhere):

- ``W`` has one entry more than there are inputs; ``W[0]`` is the bias. An input x is
  *extended* to ``[1, x1, ..., xn]`` so that ``z = W . [1, x]`` includes the bias.
- Labels ("desired outputs") d are 0 or 1; ``step(z)`` is 1 when z >= 0, else 0.
- Training starts from ``W0`` (zeros unless you give other starting weights) and visits the
  samples in order (or in a seeded shuffled order), applying ``W <- W + lr * e * [1, x]`` with
  ``e = d - y`` after every visit.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import numpy as np

from . import _fast
from . import validation as check
from .history import CycleDetector, TrainingHistory
from .validation import as_floats, check_labels, check_weights, check_X, is_real_number

__all__ = ["step", "Perceptron", "check_X", "check_labels", "check_weights"]


# --- the step function -------------------------------------------------------------------------

def _step_one(z):
    if z != z:      # NaN is the only value that differs from itself
        raise ValueError("step(z) got NaN: z is not a number, so it cannot fire or not.")
    return 1 if z >= 0 else 0


def step(z):
    """The step activation: 1 where z >= 0, else 0.

    Parameters
    ----------
    z : real number or array_like of real numbers
        Any real number works, including ``fractions.Fraction`` and ``decimal.Decimal``:
        the comparison ``z >= 0`` is made on the number itself, exactly.

    Returns
    -------
    int or ndarray of int
        A number gives an int; an array gives an int array of the same shape.
    """
    if is_real_number(z):
        return _step_one(z)
    arr = as_floats(z, "step(z)", exact=True)
    if arr.dtype == object:     # Fractions or Decimals: compare each one exactly
        return np.array([_step_one(v) for v in arr.flat], dtype=int).reshape(arr.shape)
    if np.isnan(arr).any():
        raise ValueError("step(z) got NaN: z is not a number, so it cannot fire or not.")
    return (arr >= 0).astype(int)


# A perceptron records at most MAX_VISITS visits in its history (60-100 bytes each: 500 MB
# at most): a typo in epochs must not fill the memory of a shared machine.
MAX_VISITS = 5_000_000


def _extend(X):
    """Inputs with a column of ones in front: the bias trick, x -> [1, x1, ..., xn]."""
    return np.hstack([np.ones((len(X), 1)), X])


# --- which engine runs an epoch ----------------------------------------------------------------
# Both engines give the same weights, bit for bit; only their speed differs. numba's compiled
# loop is much faster on large data with many mistakes, but importing numba and loading the
# loop costs about half a second in a fresh process. So a fit uses numba from the start only
# when it is already loaded, and loads it in the middle of a fit only when the epochs left
# would take longer than loading it.

_NUMBA_FROM = 20_000        # fits with fewer input values (samples x inputs) always use NumPy
_NUMBA_LOAD_SECONDS = 0.5   # about what importing numba and loading the loop takes
_numpy_seconds = 0.0        # time the NumPy engine has spent on large fits in this process


def _numba_pays_off(size, mistakes_per_epoch, seconds_left, numpy_seconds):
    """Would loading numba now save time?

    Parameters
    ----------
    size : int
        Input values of the fit (samples x inputs).
    mistakes_per_epoch : list of int
        The mistakes of the epochs so far.
    seconds_left : float
        What the epochs left would take with NumPy (each as long as the last one).
    numpy_seconds : float
        What the NumPy engine has spent on large fits in this process so far.
    """
    if size < _NUMBA_FROM or len(mistakes_per_epoch) < 2:
        return False
    if mistakes_per_epoch[-1] < mistakes_per_epoch[-2] / 2:
        return False            # mistakes falling fast: training may stop soon
    if seconds_left > 2 * _NUMBA_LOAD_SECONDS:
        return True             # this fit alone repays the loading, with room to spare
    # Large fits keep coming: once NumPy has spent twice the loading time in this process,
    # load numba in any fit whose epochs left would take longer than loading it.
    return numpy_seconds > 2 * _NUMBA_LOAD_SECONDS and seconds_left > _NUMBA_LOAD_SECONDS


def _engine_after_epoch(size, mistakes_per_epoch, seconds, epochs_left):
    """The engine for the next epoch of a fit that has run on NumPy so far."""
    global _numpy_seconds
    if size >= _NUMBA_FROM:
        _numpy_seconds += seconds
    if (_numba_pays_off(size, mistakes_per_epoch, seconds * epochs_left, _numpy_seconds)
            and _fast.numba_available()):
        return "numba"
    return "numpy"


class Perceptron:
    """A single perceptron trained with Rosenblatt's rule.

    Parameters
    ----------
    input_size : int
        Number of inputs n; the weight vector has n + 1 entries (``W[0]`` is the bias).
    lr : float, default 1
        Learning rate (eta), > 0. A Fraction or Decimal is turned into a float.
    epochs : int, default 100
        Most passes over the data. Training stops earlier after an epoch without mistakes,
        since later epochs would change nothing.
    shuffle : bool, default False
        Visit the samples in a new random order every epoch.
    seed : int or None
        Seed of the shuffling (``numpy.random.default_rng(seed)``), a whole number >= 0.
    record_history : bool, default True
        Keep every visit in ``history_``. Turn off for large data.
    W0 : array_like of input_size + 1 numbers, optional
        The weights training starts from, ``[b, w1, ..., wn]``; zeros by default. Copied.

    Attributes
    ----------
    W : ndarray, shape (input_size + 1,)
        The weights; ``W0`` before training. You may set it (``p.W = [b, w1, w2]``), for
        instance to continue with ``partial_fit`` from weights of your choice.
    mistakes_per_epoch_ : list of int
    converged_epoch_ : int or None
        First epoch (1-based) with no mistakes.
    cycle_ : Cycle or None
        Set when the end-of-epoch weights repeat while mistakes continue: training goes round
        in circles and will never converge. In exact arithmetic this proves the data are not
        linearly separable; in floating point an update can be lost next to huge weights, so
        call the data non-separable only when ``is_linearly_separable`` agrees.
    history_ : TrainingHistory or None

    Notes
    -----
    ``fit`` and ``partial_fit`` are all or nothing: if training stops with an error (weights
    too large for floating point) or is interrupted, the perceptron is left exactly as it was.

    Examples
    --------
    >>> from perceptron_lib import gate
    >>> X, d = gate("AND")
    >>> Perceptron(2, lr=1, epochs=10).fit(X, d).W
    array([-3.,  2.,  1.])
    >>> Perceptron(2, W0=[0.5, -1, 1]).fit(X, d).W
    array([-2.5,  2. ,  1. ])
    """

    def __init__(self, input_size, lr=1, epochs=100, shuffle=False, seed=None,
                 record_history=True, W0=None):
        self.input_size = check.whole_number(input_size, "input_size (the number of inputs)", 1,
                                             example=2)
        self.lr = check.learning_rate(lr)
        self.epochs = check.epochs(epochs, 100)
        self.shuffle = check.flag(shuffle, "shuffle")
        self.seed = check.seed(seed)
        self.record_history = check.flag(record_history, "record_history")
        self.W0 = None if W0 is None else check_weights(W0, self.input_size, "W0")
        self._engine = "auto"  # "numpy", "numba" or "auto"; tests use this to compare engines
        self._reset()

    def _reset(self):
        """Back to the start: W = W0, nothing learned or recorded, a fresh random order."""
        self._W = np.zeros(self.input_size + 1) if self.W0 is None else self.W0.copy()
        self._rng = np.random.default_rng(self.seed)
        self._new_run()

    def _new_run(self):
        """Forget the record of training (not the weights, nor the random order)."""
        self.mistakes_per_epoch_ = []
        self.converged_epoch_ = None
        self.cycle_ = None
        self.history_ = None
        self._cycles = None
        self._last_data = None          # the (X, d) of the last epoch
        self._prepared = None           # partial_fit's last (X, d) as given, checked, extended
        self._last_W = self._W.copy()   # W after the last epoch, to notice W set by hand

    def __repr__(self):
        start = "" if self.W0 is None else f", W0={self.W0.tolist()}"
        return (f"Perceptron(input_size={self.input_size}, lr={self.lr}, epochs={self.epochs}, "
                f"shuffle={self.shuffle}, seed={self.seed}{start})")

    # --- the neuron ----------------------------------------------------------------------------
    @property
    def W(self):
        """The weights ``[b, w1, ..., wn]`` (``W[0]`` is the bias)."""
        return self._W

    @W.setter
    def W(self, value):
        self._W = check_weights(value, self.input_size, "W")

    @property
    def weights(self):
        """The input weights ``W[1:]`` (a view of W)."""
        return self._W[1:]

    @property
    def bias(self):
        """The bias ``W[0]``."""
        return float(self._W[0])

    def activation_fn(self, z):
        """The step function: 1 if z >= 0 else 0."""
        return step(z)

    def _samples(self, X, task):
        """X as a 2-D float array, and whether it was a single sample."""
        if is_real_number(X):
            if self.input_size == 1:
                return check_X([[X]], n_inputs=1, task=task), True
            raise ValueError(f"this perceptron has {self.input_size} inputs, so one sample is "
                             f"a list of {self.input_size} numbers; got the single number {X}.")
        try:
            one = np.ndim(X) == 1 and np.size(X) > 0
        except ValueError:          # rows of different lengths: check_X explains
            one = False
        if one and self.input_size == 1 and np.size(X) > 1:
            raise ValueError(
                f"this perceptron has 1 input, so a flat list of {np.size(X)} values is "
                f"ambiguous. For {np.size(X)} samples use np.reshape(x, (-1, 1)) (one row per "
                f"sample); for one sample give one number.")
        return check_X([X] if one else X, n_inputs=self.input_size, task=task), one

    def net_input(self, X):
        """Pre-activation z = W . [1, x] for one sample (a float) or a batch (an array)."""
        Xc, one = self._samples(X, "compute z for")
        z = _fast.exact_z(self._W, _extend(Xc))
        return float(z[0]) if one else z

    def predict(self, x):
        """Output 0 or 1 for one sample (an int) or for each row of a 2-D batch (an int array).

        One sample is a list of ``input_size`` numbers, or a single number when there is one
        input.
        """
        Xc, one = self._samples(x, "predict")
        y = self.activation_fn(_fast.exact_z(self._W, _extend(Xc)))
        return int(y[0]) if one else y

    def score(self, X, d):
        """Fraction of the samples whose prediction equals the label."""
        Xc = check_X(X, n_inputs=self.input_size, task="score")
        dc = check_labels(d, len(Xc))
        return float(np.mean(self.predict(Xc) == dc))

    # --- learning ------------------------------------------------------------------------------
    def fit(self, X, d):
        """Train from ``W0`` (zeros by default) with Rosenblatt's rule; returns self.

        Stops after ``epochs`` epochs or after the first epoch without a mistake. Starts
        afresh every time: weights, record and random order go back to the start first.
        """
        Xc, dc = self._check_data(X, d)
        self.epochs = check.epochs(self.epochs, 100)     # it may have been set since
        if self.record_history and self.epochs * len(Xc) > MAX_VISITS:
            raise ValueError(
                f"epochs={self.epochs:,} on {len(Xc):,} samples could record up to "
                f"{self.epochs * len(Xc):,} visits in history_, more than the {MAX_VISITS:,} "
                f"that fit in memory. Use fewer epochs (at most "
                f"{MAX_VISITS // len(Xc):,} here; training stops by itself at the first "
                f"epoch without a mistake), or record_history=False to keep only "
                f"mistakes_per_epoch_.")
        with self._all_or_nothing():
            self._reset()
            Xe = _extend(Xc)
            engine = self._first_engine(Xe.size)
            ends = [self._W]            # the weights at the end of each epoch (0: the start)
            for k in range(self.epochs):
                mistakes, seconds = self._one_epoch(Xc, Xe, dc, engine)
                if mistakes == 0:
                    break
                ends.append(self._W)
                if self.cycle_ is not None and not self.shuffle:
                    self._repeat_cycle(ends)
                    break
                if engine == "numpy" and self._engine == "auto":
                    engine = _engine_after_epoch(Xe.size, self.mistakes_per_epoch_, seconds,
                                                 self.epochs - k - 1)
        return self

    def _repeat_cycle(self, ends):
        """Jump over the epochs left once the weights repeat (same data, same order).

        The weights at the end of epoch ``c.epoch`` equal those at the end of
        ``c.repeats_epoch``, so the epochs after it repeat the ``c.length`` epochs after
        that, visit for visit: their record and the final weights are copied, exactly as the
        loop would compute them.
        """
        c = self.cycle_
        left = self.epochs - c.epoch
        self.mistakes_per_epoch_ += (self.mistakes_per_epoch_[c.repeats_epoch:c.epoch]
                                     * (left // c.length + 1))[:left]
        self._W = ends[c.repeats_epoch + left % c.length].copy()
        self._last_W = self._W.copy()
        if self.history_ is not None:
            self.history_.repeat_epochs(c.repeats_epoch + 1, c.epoch, left)

    def partial_fit(self, X, d):
        """One more epoch, from the current weights ``W``; returns self.

        The record (``mistakes_per_epoch_``, ``history_``, ...) goes on from the last epoch.
        Other data than last time are fine: the history records the visits to the new
        samples. If you set ``W`` by hand since the last epoch, the record starts afresh from
        your weights (the earlier record does not lead to them).
        """
        Xc, dc, Xe = self._prepare(X, d)
        with self._all_or_nothing():
            if not np.array_equal(self._W, self._last_W):
                self._new_run()
            self._one_epoch(Xc, Xe, dc, self._first_engine(Xe.size))
        return self

    def _prepare(self, X, d):
        """(X checked, d checked, X extended); epoch after epoch on the same arrays (the
        pocket's loop) the last ones are used again, once their values are seen unchanged."""
        last = self._prepared
        if last is not None and X is last[0] and d is last[1] and isinstance(X, np.ndarray) \
                and isinstance(d, np.ndarray) and np.array_equal(X, last[2]) \
                and np.array_equal(d, last[3]):
            return last[2], last[3], last[4]
        Xc, dc = self._check_data(X, d)
        Xe = _extend(Xc)
        self._prepared = (X, d, Xc, dc, Xe)
        return Xc, dc, Xe

    def _check_data(self, X, d):
        Xc = check_X(X, n_inputs=self.input_size)
        dc = check_labels(d, len(Xc))
        return Xc, dc

    def _first_engine(self, size):
        if self._engine != "auto":
            return self._engine
        return "numba" if size >= _NUMBA_FROM and _fast.numba_ready() else "numpy"

    @contextmanager
    def _all_or_nothing(self):
        """Put every attribute back as it was if the block fails or is interrupted."""
        saved = dict(self.__dict__)
        n_epochs = len(self.mistakes_per_epoch_)    # the list grows in place
        rng_state = self._rng.bit_generator.state
        try:
            yield
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(saved)
            del self.mistakes_per_epoch_[n_epochs:]
            self._rng.bit_generator.state = rng_state
            raise

    def _overflow_error(self, epoch):
        return ValueError(
            f"training overflowed in epoch {epoch}: the weights (or W . x) grew past the "
            f"largest floating-point number, about 1.8e308. Use a smaller learning rate "
            f"(lr={self.lr} now) or scale X down, e.g. X / abs(X).max()."
        )

    def _one_epoch(self, Xc, Xe, dc, engine):
        """Train one epoch and record it; returns the number of mistakes and the seconds the
        engine took.

        Everything is computed first and stored at the end, so an error leaves the record
        as it was (``_all_or_nothing`` puts the random order back).
        """
        epoch = len(self.mistakes_per_epoch_) + 1
        order = self._rng.permutation(len(Xc)) if self.shuffle else np.arange(len(Xc))
        Xo, do = (Xe[order], dc[order]) if self.shuffle else (Xe, dc)
        W_start = self._W
        run = _fast.epoch_numba if engine == "numba" else _fast.epoch_numpy
        started = time.perf_counter()
        try:
            W, positions, errors = run(W_start, Xo, do, self.lr)
        except _fast.Overflow:
            raise self._overflow_error(epoch) from None
        seconds = time.perf_counter() - started
        if not np.isfinite(W).all():
            raise self._overflow_error(epoch)
        visits = self._visits(W_start, Xo, do, positions, errors) if self.record_history \
            else None

        # Nothing went wrong: store the epoch.
        new_data = self._last_data is None or not all(
            a is b or np.array_equal(a, b) for a, b in zip((Xc, dc), self._last_data))
        if new_data:     # convergence and cycles are about the data trained on now
            self._cycles = CycleDetector(W_start, epoch - 1)
            self.converged_epoch_ = self.cycle_ = None
        self._W = W
        self._last_W = W.copy()
        self._last_data = (Xc, dc)
        mistakes = len(positions)
        self.mistakes_per_epoch_.append(mistakes)
        if mistakes == 0 and self.converged_epoch_ is None:
            self.converged_epoch_ = epoch
        self.cycle_ = self._cycles.add(epoch, W, mistakes)
        if visits is not None:
            if self.history_ is None:
                self.history_ = TrainingHistory(Xc, W_start)
                new_data = False
            self.history_.add_epoch(epoch, order, *visits, X=Xc if new_data else None)
        return mistakes, seconds

    def _visits(self, W, Xo, do, positions, errors):
        """Replay the epoch visit by visit (same arithmetic as training) for the history.

        Returns z, y, d, e of every visit and the weights after each update.
        """
        n = len(Xo)
        z = np.empty(n)
        e = np.zeros(n, dtype=int)
        after = []
        start = 0
        for pos, err in zip(list(positions) + [n], list(errors) + [0]):
            z[start:pos + 1] = _fast.exact_z(W, Xo[start:pos + 1])
            if pos < n:
                e[pos] = err
                with np.errstate(over="ignore"):   # huge weights: the caller checks
                    W = W + (self.lr * err) * Xo[pos]
                after.append(W)
            start = pos + 1
        y = (z >= 0).astype(int)
        return z, y, do, e, after
