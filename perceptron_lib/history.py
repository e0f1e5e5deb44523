"""A record of training: every visit to a sample, in order, and what it changed.

The perceptron's training is computed once and stored here; the explorers only move an index
through it. A *visit* is one look at one sample: the perceptron computes z, predicts y, compares
with the desired d, and updates W when the error e = d - y is not zero.

A *position* counts visits done: position 0 is before any training, position ``len(history)``
is after the last visit. ``W_at(position)`` is the weight vector at that moment.
"""

from __future__ import annotations

import csv
from collections import namedtuple

import numpy as np

__all__ = ["TrainingHistory", "Visit", "Cycle", "CycleDetector", "converged_epoch"]

Visit = namedtuple("Visit", "step epoch sample x z y d e W_before W_after")
Visit.__doc__ = """One visit: ``step`` (0-based), ``epoch`` (1-based), ``sample`` (row of X),
``x`` (the inputs), ``z`` (pre-activation), ``y`` (prediction), ``d`` (desired), ``e = d - y``,
and the weights before and after the visit."""

Cycle = namedtuple("Cycle", "epoch repeats_epoch length")
Cycle.__doc__ = """The weights at the end of ``epoch`` equal those at the end of ``repeats_epoch``
although mistakes were made in between: ``length = epoch - repeats_epoch`` epochs bring W back
where it was. This proves the data are not linearly separable."""


def converged_epoch(mistakes_per_epoch):
    """1-based number of the first epoch without mistakes, or None."""
    for k, m in enumerate(mistakes_per_epoch, start=1):
        if m == 0:
            return k
    return None


class CycleDetector:
    """Watches the end-of-epoch weights and reports the first repeat.

    If W comes back to an earlier value after at least one mistake, the updates in between
    add up to zero. On separable data every update moves W towards a separating vector, so
    that cannot happen: a repeat proves the data are not linearly separable.
    """

    def __init__(self, W0=None):
        self._seen = {}
        self.cycle = None
        if W0 is not None:
            self._seen[np.asarray(W0, dtype=float).tobytes()] = 0

    def add(self, epoch, W, mistakes):
        """Record the weights at the end of ``epoch``; return the Cycle once one appears."""
        key = np.asarray(W, dtype=float).tobytes()
        if self.cycle is None and mistakes > 0 and key in self._seen:
            first = self._seen[key]
            self.cycle = Cycle(epoch, first, epoch - first)
        self._seen.setdefault(key, epoch)
        return self.cycle


class TrainingHistory:
    """Every sample visit of a training run, stored as arrays.

    Attributes (one entry per visit)
    --------------------------------
    epoch, sample, z, y, d, e : ndarray
    x : ndarray, shape (n_visits, n_inputs)
    W_before, W_after : ndarray, shape (n_visits, n_inputs + 1)

    ``history[k]`` gives visit k as a :class:`Visit`.
    """

    def __init__(self, X, W0):
        self._X = np.array(X, dtype=float)
        self._weights_list = [np.array(W0, dtype=float)]
        self._chunks = []
        self._cache = None
        self.mistakes_per_epoch = []

    # -- building (used by Perceptron) -------------------------------------------------------
    def add_epoch(self, epoch, samples, z, y, d, e, weights_after_updates):
        """Append one epoch: per-visit arrays and the new weights after each update."""
        first_w = len(self._weights_list) - 1
        w_index = first_w + np.concatenate([[0], np.cumsum(e != 0)[:-1]]).astype(int)
        self._weights_list.extend(np.array(w, dtype=float) for w in weights_after_updates)
        self._chunks.append(
            (np.full(len(samples), epoch), np.asarray(samples), np.asarray(z, dtype=float),
             np.asarray(y), np.asarray(d), np.asarray(e), w_index)
        )
        self.mistakes_per_epoch.append(int(np.count_nonzero(e)))
        self._cache = None

    def _arrays(self):
        if self._cache is None:
            if self._chunks:
                cols = [np.concatenate(c) for c in zip(*self._chunks)]
            else:
                cols = [np.zeros(0, dtype=int)] * 2 + [np.zeros(0)] + [np.zeros(0, dtype=int)] * 4
            weights = np.array(self._weights_list)
            self._cache = dict(zip("epoch sample z y d e w_index".split(), cols))
            self._cache["weights"] = weights
            self._cache["epoch_ends"] = np.cumsum([len(c[0]) for c in self._chunks]) - 1
        return self._cache

    # -- reading -----------------------------------------------------------------------------
    def __len__(self):
        return sum(len(c[0]) for c in self._chunks)

    def __getitem__(self, k):
        n = len(self)
        if not isinstance(k, (int, np.integer)):
            raise TypeError(f"a history is indexed by a step number; got {k!r}.")
        if not -n <= k < n:
            raise IndexError(f"step {k} is outside this history of {n} visits.")
        k = int(k) % n
        a = self._arrays()
        i = a["sample"][k]
        wi = a["w_index"][k]
        e = int(a["e"][k])
        return Visit(k, int(a["epoch"][k]), int(i), self._X[i].copy(), float(a["z"][k]),
                     int(a["y"][k]), int(a["d"][k]), e, a["weights"][wi].copy(),
                     a["weights"][wi + (e != 0)].copy())

    def __iter__(self):
        for k in range(len(self)):
            yield self[k]

    def __repr__(self):
        return (f"TrainingHistory({len(self)} visits, {self.n_epochs} epochs, "
                f"{sum(self.mistakes_per_epoch)} updates)")

    epoch = property(lambda self: self._arrays()["epoch"].copy(), doc="epoch of each visit")
    sample = property(lambda self: self._arrays()["sample"].copy(), doc="sample of each visit")
    z = property(lambda self: self._arrays()["z"].copy(), doc="pre-activation at each visit")
    y = property(lambda self: self._arrays()["y"].copy(), doc="prediction at each visit")
    d = property(lambda self: self._arrays()["d"].copy(), doc="desired output at each visit")
    e = property(lambda self: self._arrays()["e"].copy(), doc="error d - y at each visit")

    @property
    def x(self):
        """Inputs of each visit."""
        return self._X[self._arrays()["sample"]]

    @property
    def W_before(self):
        """Weights before each visit, shape (n_visits, n_inputs + 1)."""
        a = self._arrays()
        return a["weights"][a["w_index"]]

    @property
    def W_after(self):
        """Weights after each visit, shape (n_visits, n_inputs + 1)."""
        a = self._arrays()
        return a["weights"][a["w_index"] + (a["e"] != 0)]

    @property
    def n_epochs(self):
        return len(self._chunks)

    @property
    def epoch_ends(self):
        """Step index of the last visit of each epoch."""
        return self._arrays()["epoch_ends"].copy()

    @property
    def converged_epoch(self):
        return converged_epoch(self.mistakes_per_epoch)

    @property
    def cycle(self):
        """The first repeat of end-of-epoch weights after mistakes (a :class:`Cycle`), or None."""
        a = self._arrays()
        if "cycle" not in a:
            watch = CycleDetector(self._weights_list[0])
            for k, (end, m) in enumerate(zip(a["epoch_ends"], self.mistakes_per_epoch), 1):
                watch.add(k, self.W_at(end + 1), m)
            a["cycle"] = watch.cycle
        return a["cycle"]

    def W_at(self, position):
        """Weights after ``position`` visits (0: the starting weights)."""
        n = len(self)
        if not 0 <= position <= n:
            raise IndexError(f"position must be from 0 to {n}; got {position}.")
        a = self._arrays()
        if position == 0:
            return a["weights"][0].copy()
        k = position - 1
        return a["weights"][a["w_index"][k] + (a["e"][k] != 0)].copy()

    def mistakes_until(self, position):
        """Number of updates made in the first ``position`` visits."""
        return int(np.count_nonzero(self._arrays()["e"][:position]))

    def epoch_of_position(self, position):
        """The epoch the visit at ``position`` belongs to (1-based); 0 before training."""
        if position == 0:
            return 0
        return int(self._arrays()["epoch"][position - 1])

    def to_rows(self, start=0, stop=None):
        """One dict per visit (visits ``start`` to ``stop``, all by default): a table for
        printing or for pandas.DataFrame."""
        a = self._arrays()
        p = self._X.shape[1]
        W_before, W_after = self.W_before, self.W_after
        rows = []
        for k in range(*slice(start, stop).indices(len(self))):
            i = a["sample"][k]
            row = {"step": k + 1, "epoch": int(a["epoch"][k]), "sample": int(i)}
            row.update({f"x{j + 1}": float(self._X[i, j]) for j in range(p)})
            row.update(z=float(a["z"][k]), y=int(a["y"][k]), d=int(a["d"][k]),
                       e=int(a["e"][k]))
            row.update({f"w{j}_before": float(W_before[k, j]) for j in range(p + 1)})
            row.update({f"w{j}_after": float(W_after[k, j]) for j in range(p + 1)})
            rows.append(row)
        return rows

    def to_csv(self, path):
        """Write the table of visits to a CSV file; returns the path."""
        rows = self.to_rows()
        p = self._X.shape[1]
        fields = (["step", "epoch", "sample"] + [f"x{j + 1}" for j in range(p)]
                  + ["z", "y", "d", "e"] + [f"w{j}_before" for j in range(p + 1)]
                  + [f"w{j}_after" for j in range(p + 1)])
        with open(path, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        return path
