"""A record of training: every visit to a sample, in order, and what it changed.

The perceptron's training is computed once and stored here; the explorers only move an index
through it. A *visit* is one look at one sample: the perceptron computes z, predicts y, compares
with the desired d, and updates W when the error e = d - y is not zero.

A *position* counts visits done: position 0 is before any training, position ``len(history)``
is after the last visit. ``W_at(position)`` is the weight vector at that moment. Epochs are
numbered from 1; the helpers below turn positions into epochs and back, so that pictures and
explorers never redo that arithmetic themselves.
"""

from __future__ import annotations

import csv
import numbers
from collections import namedtuple

import numpy as np

from . import validation as check

__all__ = ["TrainingHistory", "Visit", "Cycle", "CycleDetector", "converged_epoch"]

Visit = namedtuple("Visit", "step epoch sample x z y d e W_before W_after")
Visit.__doc__ = """One visit: ``step`` (0-based), ``epoch`` (1-based), ``sample`` (row of X),
``x`` (the inputs), ``z`` (pre-activation), ``y`` (prediction), ``d`` (desired), ``e = d - y``,
and the weights before and after the visit."""

Cycle = namedtuple("Cycle", "epoch repeats_epoch length")
Cycle.__doc__ = """The weights at the end of ``epoch`` equal those at the end of ``repeats_epoch``
(0: the starting weights) although mistakes were made in between: ``length = epoch -
repeats_epoch`` epochs bring W back where it was, so training repeats itself and will never
converge.

In exact arithmetic such a repeat proves that the data are not linearly separable. Training
uses floating point, where an update next to much larger weights can be rounded away, so on
rare data sets the weights repeat although a separating line exists. Claim non-separability
only when ``is_linearly_separable`` agrees."""


def converged_epoch(mistakes_per_epoch, first=1):
    """1-based number of the first epoch without mistakes, or None.

    ``first`` is the epoch to start looking from (the first epoch on the data trained on last,
    when the data changed on the way).
    """
    for k in range(first, len(mistakes_per_epoch) + 1):
        if mistakes_per_epoch[k - 1] == 0:
            return k
    return None


class CycleDetector:
    """Watches the end-of-epoch weights and reports the first repeat.

    If W comes back to an earlier value after at least one mistake, the updates in between
    add up to zero and the same epochs will follow again and again: training never converges.
    In exact arithmetic that cannot happen on separable data (every update moves W towards a
    separating vector), so a repeat proves the data are not linearly separable. But in
    floating point an update can be lost to rounding next to huge weights, so a repeat on its
    own is not a proof: check with ``is_linearly_separable``.

    Parameters
    ----------
    W0 : array_like, optional
        The weights before the first epoch watched.
    epoch : int, default 0
        The number of the epoch that ended with ``W0`` (0: before training).
    """

    def __init__(self, W0=None, epoch=0):
        self._seen = {}
        self.cycle = None
        if W0 is not None:
            self._seen[np.asarray(W0, dtype=float).tobytes()] = epoch

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

    Parameters
    ----------
    X : array_like, shape (n_samples, n_inputs)
        The inputs trained on (copied).
    W0 : array_like, shape (n_inputs + 1,)
        The weights before the first visit.

    Attributes
    ----------
    epoch, sample, z, y, d, e : ndarray, one entry per visit
        ``sample`` is the row of the inputs that epoch trained on.
    x : ndarray, shape (n_visits, n_inputs)
    W_before, W_after : ndarray, shape (n_visits, n_inputs + 1)
    mistakes_per_epoch : list of int

    Notes
    -----
    ``history[k]`` gives visit k as a :class:`Visit`. A *position* counts visits done, from 0
    (before training) to ``len(history)``; positions may be ints or NumPy ints.
    """

    def __init__(self, X, W0):
        self._data = [np.array(X, dtype=float)]    # the inputs; more when partial_fit switches
        self._weights_list = [np.array(W0, dtype=float)]
        self._blocks = []           # tuples of per-visit arrays: one epoch, or repeated epochs
        self._block_data = []       # which entry of _data each block trained on
        self._epoch_data = []       # ... and each epoch
        self._epoch_lengths = []    # visits per epoch
        self._n_visits = 0
        self._cache = None
        self.mistakes_per_epoch = []

    # -- building (used by Perceptron) -------------------------------------------------------
    def add_epoch(self, epoch, samples, z, y, d, e, weights_after_updates, X=None):
        """Append one epoch: per-visit arrays and the new weights after each update.

        Pass ``X`` when this epoch trained on other inputs than the epoch before (the rows
        in ``samples`` then refer to ``X``); the search for a cycle starts again there.
        """
        if X is not None:
            self._data.append(np.array(X, dtype=float))
        first_w = len(self._weights_list) - 1
        w_index = first_w + np.concatenate([[0], np.cumsum(e != 0)[:-1]]).astype(int)
        self._weights_list.extend(np.array(w, dtype=float) for w in weights_after_updates)
        self._add_block((np.full(len(samples), epoch), np.asarray(samples),
                         np.asarray(z, dtype=float), np.asarray(y), np.asarray(d),
                         np.asarray(e), w_index), [len(samples)], [int(np.count_nonzero(e))])

    def _add_block(self, block, lengths, mistakes):
        self._blocks.append(block)
        self._block_data.append(len(self._data) - 1)
        self._epoch_data.extend([len(self._data) - 1] * len(lengths))
        self._epoch_lengths.extend(lengths)
        self._n_visits += len(block[0])
        self.mistakes_per_epoch.extend(mistakes)
        self._cache = None

    def repeat_epochs(self, first, last, count):
        """Append ``count`` epochs that repeat epochs ``first`` to ``last`` in turn.

        For a cycle: the weights at the end of ``last`` (the last epoch recorded) equal those
        at the end of ``first - 1``, so on the same data in the same order the epochs that
        follow are the same visits with the same numbers. They are copied, not computed.
        """
        if last != self.n_epochs:
            raise ValueError("only the last epochs recorded can be repeated.")
        if count <= 0:
            return
        a = self._arrays()
        start, stop = self.epoch_start(first), self.epoch_end_position(last)
        lengths = self._epoch_lengths[first - 1:last]
        rounds = -(-count // len(lengths))
        n = sum((lengths * rounds)[:count])        # visits copied
        # Round r points at the weights its updates add, r times the cycle's updates further on.
        updates = int(np.count_nonzero(a["e"][start:stop]))
        first_update = int(a["w_index"][start]) + 1
        shift = np.repeat(np.arange(1, rounds + 1) * updates, stop - start)
        new_epochs = np.arange(self.n_epochs + 1, self.n_epochs + len(lengths) * rounds + 1)
        block = [np.repeat(new_epochs, np.tile(lengths, rounds))]
        block += [np.tile(a[name][start:stop], rounds) for name in "sample z y d e".split()]
        block.append(np.tile(a["w_index"][start:stop], rounds) + shift)
        block = tuple(column[:n] for column in block)
        cycle_weights = self._weights_list[first_update:first_update + updates]
        self._weights_list.extend(cycle_weights * rounds)
        del self._weights_list[int(block[-1][-1] + (block[5][-1] != 0)) + 1:]  # unused ones
        self._add_block(block, (lengths * rounds)[:count],
                        (self.mistakes_per_epoch[first - 1:last] * rounds)[:count])

    def _arrays(self):
        if self._cache is None:
            if self._blocks:
                cols = [np.concatenate(c) for c in zip(*self._blocks)]
            else:
                cols = [np.zeros(0, dtype=int)] * 2 + [np.zeros(0)] + [np.zeros(0, dtype=int)] * 4
            self._cache = dict(zip("epoch sample z y d e w_index".split(), cols))
            self._cache["weights"] = np.array(self._weights_list)
            # position after the last visit of each epoch: 0-based epoch k ends at ends[k]
            self._cache["ends"] = np.cumsum(self._epoch_lengths, dtype=int)
        return self._cache

    def _inputs_of(self, k):
        """The inputs of visit k (a fresh array)."""
        a = self._arrays()
        epoch = int(np.searchsorted(a["ends"], k, side="right"))
        return self._data[self._epoch_data[epoch]][a["sample"][k]].copy()

    # -- reading -----------------------------------------------------------------------------
    def __len__(self):
        return self._n_visits

    def __getitem__(self, k):
        n = len(self)
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
            raise TypeError(f"a history is indexed by a step number (a whole number); got {k!r}.")
        if not -n <= k < n:
            raise IndexError(f"step {k} is outside this history of {n} visits.")
        k = int(k) % n
        a = self._arrays()
        wi = a["w_index"][k]
        e = int(a["e"][k])
        return Visit(k, int(a["epoch"][k]), int(a["sample"][k]), self._inputs_of(k),
                     float(a["z"][k]), int(a["y"][k]), int(a["d"][k]), e,
                     a["weights"][wi].copy(), a["weights"][wi + (e != 0)].copy())

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
        """Inputs of each visit, shape (n_visits, n_inputs)."""
        parts = [self._data[k][block[1]] for block, k in zip(self._blocks, self._block_data)]
        return np.concatenate(parts) if parts else np.zeros((0, self._data[0].shape[1]))

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
        """Number of epochs recorded."""
        return len(self._epoch_lengths)

    @property
    def epoch_ends(self):
        """Step index (0-based) of the last visit of each epoch."""
        return self._arrays()["ends"] - 1

    def _first_epoch_on_last_data(self):
        """The first epoch trained on the data of the last epoch (1 if the data never changed)."""
        for k in range(len(self._epoch_data) - 1, 0, -1):
            if self._epoch_data[k] != self._epoch_data[k - 1]:
                return k + 1
        return 1

    @property
    def converged_epoch(self):
        """1-based number of the first epoch without mistakes on the data trained on last, or
        None (an epoch without mistakes on other data, earlier, does not count)."""
        a = self._arrays()
        if "converged" not in a:
            a["converged"] = converged_epoch(self.mistakes_per_epoch,
                                             self._first_epoch_on_last_data())
        return a["converged"]

    @property
    def cycle(self):
        """The first repeat of end-of-epoch weights after mistakes on the data trained on last
        (a :class:`Cycle`), or None.

        A repeat means training goes round in circles and will never converge. In exact
        arithmetic it proves the data are not linearly separable; in floating point an update
        can be rounded away next to huge weights, so call the data non-separable only when
        ``is_linearly_separable`` agrees (see :class:`Cycle`).
        """
        a = self._arrays()
        if "cycle" not in a:
            first = self._first_epoch_on_last_data()
            watch = CycleDetector(self.W_at(self.epoch_end_position(first - 1)), first - 1)
            a["cycle"] = None
            for k in range(first, self.n_epochs + 1):
                a["cycle"] = watch.add(k, self.W_at(self.epoch_end_position(k)),
                                       self.mistakes_per_epoch[k - 1])
                if a["cycle"] is not None:
                    break
        return a["cycle"]

    # -- positions and epochs ---------------------------------------------------------------
    def _position(self, position):
        return check.whole_number(position, "position", 0, len(self), too_far=IndexError)

    def _epoch(self, epoch, low=1):
        return check.whole_number(epoch, "epoch", low, self.n_epochs, too_far=IndexError)

    def W_at(self, position):
        """Weights after ``position`` visits (position 0: the starting weights)."""
        position = self._position(position)
        a = self._arrays()
        if position == 0:
            return a["weights"][0].copy()
        k = position - 1
        return a["weights"][a["w_index"][k] + (a["e"][k] != 0)].copy()

    def mistakes_until(self, position):
        """Number of updates made in the first ``position`` visits."""
        position = self._position(position)
        return int(np.count_nonzero(self._arrays()["e"][:position]))

    def epoch_of_position(self, position):
        """The epoch (1-based) of the last visit done at ``position``; 0 at position 0."""
        position = self._position(position)
        if position == 0:
            return 0
        return int(np.searchsorted(self._arrays()["ends"], position)) + 1

    def epochs_done(self, position):
        """How many epochs are complete after ``position`` visits (0 to ``n_epochs``)."""
        position = self._position(position)
        return int(np.searchsorted(self._arrays()["ends"], position, side="right"))

    def epoch_start(self, epoch):
        """The position just before the first visit of ``epoch`` (1 to ``n_epochs``)."""
        epoch = self._epoch(epoch)
        return 0 if epoch == 1 else int(self._arrays()["ends"][epoch - 2])

    def epoch_end_position(self, epoch):
        """The position just after the last visit of ``epoch`` (1 to ``n_epochs``; epoch 0
        gives position 0, before training)."""
        epoch = self._epoch(epoch, low=0)
        return 0 if epoch == 0 else int(self._arrays()["ends"][epoch - 1])

    def position_in_epoch(self, position):
        """How many visits of the current epoch are done at ``position``: from 1 to the
        epoch's length (the epoch being the one of the last visit done); 0 at position 0."""
        position = self._position(position)
        if position == 0:
            return 0
        return position - self.epoch_start(self.epoch_of_position(position))

    def mistakes_in_epoch_until(self, position):
        """Updates made so far in the current epoch (the one of the last visit done) after
        ``position`` visits; 0 at position 0."""
        position = self._position(position)
        if position == 0:
            return 0
        start = self.epoch_start(self.epoch_of_position(position))
        return int(np.count_nonzero(self._arrays()["e"][start:position]))

    # -- tables ------------------------------------------------------------------------------
    def to_rows(self, start=0, stop=None):
        """One dict per visit (visits ``start`` to ``stop``, all by default, counted like a
        list's indices: -5 means the last five): a table for printing or for pandas.DataFrame."""
        for name, value in (("start", start), ("stop", stop)):
            if value is not None and (isinstance(value, (bool, np.bool_))
                                      or not isinstance(value, numbers.Integral)):
                raise TypeError(f"{name} must be a whole number (a visit's index, such as 0, "
                                f"10 or -5) or None; got {value!r:.40}.")
        a = self._arrays()
        p = self._data[0].shape[1]
        W_before, W_after = self.W_before, self.W_after
        rows = []
        for k in range(*slice(start, stop).indices(len(self))):
            x = self._inputs_of(k)
            row = {"step": k + 1, "epoch": int(a["epoch"][k]), "sample": int(a["sample"][k])}
            row.update({f"x{j + 1}": float(x[j]) for j in range(p)})
            row.update(z=float(a["z"][k]), y=int(a["y"][k]), d=int(a["d"][k]),
                       e=int(a["e"][k]))
            row.update({f"w{j}_before": float(W_before[k, j]) for j in range(p + 1)})
            row.update({f"w{j}_after": float(W_after[k, j]) for j in range(p + 1)})
            rows.append(row)
        return rows

    def to_csv(self, path):
        """Write the table of visits to a CSV file; returns the path.

        The file appears only once it is complete: the table is written to a temporary file
        in the same folder, which then takes the file's name. If that fails, an OSError
        (FileNotFoundError, PermissionError, ...) says why, and nothing is left behind.
        """
        import os

        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a file name such as 'training.csv'; got "
                            f"{path!r:.40}.")
        rows = self.to_rows()
        p = self._data[0].shape[1]
        fields = (["step", "epoch", "sample"] + [f"x{j + 1}" for j in range(p)]
                  + ["z", "y", "d", "e"] + [f"w{j}_before" for j in range(p + 1)]
                  + [f"w{j}_after" for j in range(p + 1)])
        target = os.fspath(path)
        if os.path.isdir(target) or not os.path.basename(target):
            raise IsADirectoryError(f"could not save the table to {target!r}: that is a "
                                    f"folder; give a file name, such as 'training.csv'.")
        folder = os.path.dirname(target) or "."
        temporary = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.part")
        try:
            with open(temporary, "w", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
            os.replace(temporary, target)
        except OSError as error:
            why = {FileNotFoundError: f"the folder {folder!r} does not exist; create it first "
                                      f"(os.makedirs) or save somewhere else",
                   NotADirectoryError: f"{folder!r} is not a folder",
                   PermissionError: f"you may not write in the folder {folder!r}; save "
                                    f"somewhere you can write, such as next to the notebook",
                   }.get(type(error), error.strerror or str(error))
            raise type(error)(f"could not save the table to {target!r}: {why}.") from None
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
        return path
