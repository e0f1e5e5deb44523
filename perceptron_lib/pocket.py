"""The pocket algorithm: train with Rosenblatt's rule, keep the best weights seen so far.

When no line (or hyperplane) separates the data, the rule never settles: the weights at the
end of training are simply wherever the last mistakes left them. Gallant's (1990) answer is
to keep the best weights so far "in your pocket". This is the simple version notebook 07
writes by hand: after each epoch, count the training samples the weights get wrong, and
swap them into the pocket when they do better than the pocketed ones.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np

from . import _fast
from .perceptron import Perceptron
from .validation import check_labels, check_X

__all__ = ["PocketRun", "pocket"]

PocketRun = namedtuple("PocketRun", "W W_last epoch W_per_epoch wrong_per_epoch")
PocketRun.__doc__ = """What :func:`pocket` returns.

W : the pocket weights [b, w1, ..., wn], the best seen (fewest training samples wrong).
W_last : the weights after the last epoch.
epoch : the epoch the pocket weights come from (0: the starting weights).
W_per_epoch : array (epochs + 1, n + 1): the weights at the start and after each epoch.
wrong_per_epoch : array (epochs + 1,): how many training samples those weights get wrong.
"""


def pocket(X, d, epochs=30, lr=1, shuffle=False, seed=None, W0=None):
    """Train a perceptron epoch by epoch and keep the weights that did best on (X, d).

    Training is exactly ``Perceptron(n, lr, shuffle=shuffle, seed=seed, W0=W0)`` trained one
    epoch at a time; after each epoch the weights are judged on the training data, and
    they go into the pocket when they get fewer samples wrong than the pocketed ones (on a
    tie the earlier weights stay). Once an epoch ends with nothing wrong, later epochs would
    change nothing, and they are not run (their rows repeat the last weights).

    Parameters
    ----------
    X : array_like (n_samples, n)
    d : array_like of 0/1 labels
    epochs : int, default 30
    lr, shuffle, seed, W0 : as for :class:`Perceptron`

    Returns
    -------
    PocketRun

    Examples
    --------
    >>> from perceptron_lib import gate
    >>> run = pocket(*gate("XOR"), epochs=10)
    >>> run.wrong_per_epoch.tolist()      # every epoch ends with 2 of the 4 wrong
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    >>> run.epoch
    0
    """
    Xc = check_X(X, task="learn from")
    dc = check_labels(d, len(Xc))
    p = Perceptron(Xc.shape[1], lr=lr, epochs=epochs, shuffle=shuffle, seed=seed,
                   record_history=False, W0=W0)
    W_all = np.empty((p.epochs + 1, Xc.shape[1] + 1))
    wrong = np.empty(p.epochs + 1, dtype=int)
    # judged as p.predict(Xc) judges, the extended inputs and their lengths made once
    Xe = np.hstack([np.ones((len(Xc), 1)), Xc])
    norms = np.linalg.norm(Xe, axis=1)

    def mistakes(W):
        return np.count_nonzero((_fast.exact_z(W, Xe, norms) >= 0).astype(int) != dc)

    W_all[0], wrong[0] = p.W, mistakes(p.W)
    for e in range(1, p.epochs + 1):
        if wrong[e - 1] == 0:
            W_all[e:], wrong[e:] = W_all[e - 1], 0
            break
        p.partial_fit(Xc, dc)
        W_all[e], wrong[e] = p.W, mistakes(p.W)
    best = int(np.argmin(wrong))          # the first of the fewest: ties keep the earlier
    return PocketRun(W_all[best].copy(), W_all[-1].copy(), best, W_all, wrong)
