"""The exercises of notebook 04 · The learning rule."""

import copy

import numpy as np

from ..data import gate
from ..perceptron import Perceptron
from .core import (
    Exercise,
    function_of,
    number,
    vector,
)


def _update_ref(W, x, d, lr):
    xe = np.concatenate([[1.0], x])
    y = 1 if W @ xe >= 0 else 0
    return W + lr * (d - y) * xe


def _diagnose_update(f):
    got = f(np.zeros(3), np.array([1.0, 1.0]), 0, 1.0)
    if got is None:
        return None
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    if got.shape == (3,) and np.allclose(got, [0, -1, -1]):
        return "the bias must change too: extend x to [1, x1, x2] before updating."
    if got.shape == (3,) and np.allclose(got, [1, 1, 1]):
        return "wrong direction: e = d - y, and here d = 0, y = 1, so e = -1."
    if got.shape == (3,) and np.allclose(got, [0, 0, 0]):
        other = np.asarray(f(np.array([-1.0, 0, 0]), np.array([1.0, 1.0]), 1, 1.0), dtype=float)
        if other.shape == (3,) and np.allclose(other, [0, 1, 1]):      # right when z != 0
            return ("a tie: with W = [0, 0, 0], z = 0, and step(0) = 1, so z = 0 fires: y = 1, "
                    "e = 0 - 1 = -1, and W must change to [-1, -1, -1]. Your update left W "
                    "alone, as if z = 0 did not fire: predict y with z >= 0, not z > 0.")
    half = f(np.zeros(3), np.array([1.0, 1.0]), 0, 0.5)
    if half is not None and np.shape(half) == (3,) and np.allclose(half, [-1, -1, -1]):
        return "your update ignores lr: the step is lr · e · [1, x1, x2]."
    return None


def _fit_ref(X, d, lr=1, epochs=10):
    return Perceptron(X.shape[1], lr=lr, epochs=epochs).fit(X, d).W


def _fit_cases():
    rng = np.random.default_rng(4)
    X3 = rng.integers(-3, 4, size=(12, 3))
    d3 = (X3 @ np.array([2, -1, 1]) + 1 >= 0).astype(int)
    AND = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1]))
    # two runs still changing at their last epoch (one epoch more or fewer gives other
    # weights), the second on points no line separates, where the order of visits matters
    noisy = np.random.default_rng(7)
    Xn = noisy.integers(-3, 4, size=(8, 2))
    dn = noisy.integers(0, 2, 8)
    return [(*AND, 1, 10), (AND[0], np.array([0, 1, 1, 1]), 0.5, 10),
            (AND[0], np.array([0, 1, 1, 0]), 1, 5), (np.array([[0], [1]]), np.array([1, 0]), 1, 10),
            (X3, d3, 0.25, 20), (*AND, 1, 3), (Xn, dn, 1, 6)]


def _diagnose_fit(f):
    X, d = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1])
    got = f(X.copy(), d.copy(), 1, 10)
    if got is None:
        return None
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    if got.shape == (2,):
        return ("Did you leave out the bias? W has one entry more than there are inputs, "
                "W[0] = b, for the extended input [1, x1, x2].")
    if got.shape != (3,):
        return (f"on AND, fit must return the 3 weights [b, w1, w2]; it returned shape "
                f"{got.shape}.")
    if np.array_equal(got, [0, 1, 1]):
        return "that is W after one epoch: repeat the pass over the samples epochs times."
    if np.array_equal(got, [-2, 2, 1]) or np.array_equal(got, [-1, 1, 1]):
        return ("close, but z = 0 must fire (step(0) = 1): use >= 0, not > 0, when you "
                "predict y.")
    cases = _fit_cases()
    results = [np.asarray(f(*copy.deepcopy(case)), dtype=float) for case in cases]
    if all(np.array_equal(r, _batch(*case)) for r, case in zip(results, cases)):
        return ("you update once per epoch, with the errors of all the samples added up (a "
                "batch update). Rosenblatt's rule updates after every sample: visit the samples "
                "in order and update after each one, so the next sample already sees the new W.")
    for _ in range(3):                          # the same data, again: the same W?
        again = [np.asarray(f(*copy.deepcopy(case)), dtype=float) for case in cases]
        if any(not np.array_equal(a, r) for a, r in zip(again, results)):
            break
    else:
        again = None
    if again is not None:
        return ("your fit gives different weights each time it runs on the same data: do you "
                "shuffle the samples? Visit the samples in order (X[0], X[1], ...) and update "
                "after each one.")
    def all_like(train):
        return all(r.shape == (c[0].shape[1] + 1,) and np.array_equal(r, train(*c))
                   for r, c in zip(results, cases))
    for extra in (-2, -1, 1, 2):                # a loop that runs too few or too many epochs
        if all_like(lambda X, d, lr, epochs, k=extra: _fit_ref(X, d, lr, max(epochs + k, 1))):
            many = f"{abs(extra)} epoch{'s' if abs(extra) > 1 else ''} too " + \
                ("many" if extra > 0 else "few")
            return (f"your fit runs {many}: on data it has not learned yet, every epoch "
                    f"changes W. Loop exactly epochs times: for _ in range(epochs).")
    if all_like(lambda X, d, lr, epochs: _fit_ref(X, d, 1, epochs)):
        return ("your W is what lr = 1 gives: multiply each update by lr "
                "(W + lr * e * [1, x]).")
    for start, name in ((np.ones, "ones"), (lambda n: np.full(n, 0.5), "0.5")):
        if all_like(lambda X, d, lr, epochs, start=start: Perceptron(
                X.shape[1], lr=lr, epochs=epochs, W0=start(X.shape[1] + 1)).fit(X, d).W):
            return (f"your training starts from W = {name}, not from zeros: start with "
                    f"np.zeros(number of inputs + 1).")
    for r, (X, d, lr, epochs) in zip(results, cases):
        if np.array_equal(r, _fit_ref(X, d, lr, epochs)):
            continue
        if r.shape == (X.shape[1] + 1,) and all(
                (r @ np.insert(x, 0, 1) >= 0) == t for x, t in zip(X, d)):
            return ("your W separates the data, but it is not the W that training in order "
                    "reaches: did you change the order of the samples? Visit the samples in "
                    "order (X[0], X[1], ...) and update after each one.")
    return None


def _batch(X, d, lr, epochs):
    """A typical mistake: one update per epoch, with every sample's error at the same W."""
    Xe = np.insert(X, 0, 1, axis=1).astype(float)
    W = np.zeros(Xe.shape[1])
    for _ in range(epochs):
        y = (Xe @ W >= 0).astype(int)
        W = W + lr * (d - y) @ Xe
    return W


q1 = Exercise("Exercise 4.1", "The desired output is d = 0 but the neuron says y = 1. What is e?",
              number(-1, {1: "e = d - y = 0 - 1: the order matters.",
                          0: "e is 0 only when the neuron is right."}),
              "e = d - y.", "e = 0 - 1 = -1: the neuron fired when it should not, so inhibit it.",
              "answer_4_1 = 0 - 1",
              [("answer_4_1 = 1", "order matters"), ("answer_4_1 = 0", "only when")])


q2 = Exercise("Exercise 4.2", "W = [0, 0, 0], x = (1, 1), d = 0, lr = 1. What is W after the "
              "update?",
              vector([-1, -1, -1], [([1, 1, 1], "z = 0 gives y = 1 (step(0) = 1), so e = 0 - 1 = "
                                                "-1: subtract, do not add."),
                                    ([0, -1, -1], "the bias is updated too: the extended input is "
                                                  "[1, 1, 1]."),
                                    ([0, 0, 0], "z = 0 means y = 1, which is wrong here: there is "
                                                "an update.")], names="[w0, w1, w2]"),
              "First y = step(W·[1, 1, 1]); then e = d - y; then W + lr·e·[1, 1, 1].",
              "z = 0, y = step(0) = 1, e = 0 - 1 = -1, W = [0, 0, 0] - [1, 1, 1] = [-1, -1, -1].",
              "answer_4_2 = [-1, -1, -1]",
              [("answer_4_2 = [1, 1, 1]", "subtract"), ("answer_4_2 = [0, -1, -1]", "bias"),
               ("answer_4_2 = [0, 0, 0]", "there is an update")])


q3 = Exercise("Exercise 4.3", "Trained on OR from zeros, in order, with lr = 1, how many "
              "mistakes does the perceptron make in all (every epoch added up)?",
              number(5, {11: "that is AND's total, 2 + 3 + 3 + 2 + 1, printed above. Train on "
                             "OR and count its mistakes.",
                         2: "that is epoch 1 only: add up the mistakes of every epoch, until "
                            "one has none.",
                         4: "OR's training takes 4 epochs, but the question asks for mistakes: "
                            "add up how many each epoch makes.",
                         3: "3 epochs have mistakes; add up how many each of them makes.",
                         16: "16 is every visit of 4 epochs; count only the visits with "
                             "e ≠ 0."}),
              "Choose OR in the first explorer's menu and step through it (its right panel "
              "counts the mistakes per epoch), or run Perceptron(2).fit(*gate(\"OR\")) and "
              "read mistakes_per_epoch_. Then add them up.",
              "OR makes 2, 2 and 1 mistakes in epochs 1 to 3 and none in epoch 4: 2 + 2 + 1 = 5 "
              "in all (AND needs 11), ending at W = [-1, 1, 1]. "
              "sum(Perceptron(2).fit(*gate(\"OR\")).mistakes_per_epoch_) gives it too.",
              "answer_4_3 = 2 + 2 + 1",
              [("answer_4_3 = 11", "AND's total"), ("answer_4_3 = 2", "epoch 1 only"),
               ("answer_4_3 = 4", "takes 4 epochs")],
              [(sum(Perceptron(2).fit(*gate("OR")).mistakes_per_epoch_), "correct")])


# The answers with functions, as a learner would type them (wrong ones are changed copies).
_UPDATE = """\
def update(W, x, d, lr):
    xe = np.insert(x, 0, 1)
    y = 1 if W @ xe >= 0 else 0
    return W + lr * (d - y) * xe"""

_FIT = """\
def fit(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for x, target in zip(X, d):
            xe = np.insert(x, 0, 1)
            y = 1 if W @ xe >= 0 else 0
            W = W + lr * (target - y) * xe
    return W"""

_FIT_ONE_EPOCH = """\
def fit(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for x, target in zip(X, d):
        xe = np.insert(x, 0, 1)
        y = 1 if W @ xe >= 0 else 0
        W = W + lr * (target - y) * xe
    return W"""


_FIT_BATCH = """\
def fit(X, d, lr, epochs):
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        change = np.zeros_like(W)
        for x, target in zip(X, d):
            xe = np.insert(x, 0, 1)
            y = 1 if W @ xe >= 0 else 0
            change = change + lr * (target - y) * xe
        W = W + change
    return W"""


def _changed(code, old, new):
    assert old in code
    return code.replace(old, new)


q4 = Exercise(
    "Exercise 4.4", "Write update(W, x, d, lr) returning the new weights after one visit.",
    function_of(_update_ref, [(np.zeros(3), [1.0, 1.0], 0, 1.0),
                              (np.array([-1.0, 0, 0]), [1.0, 1.0], 1, 1.0),
                              (np.array([-1.0, 1, 1]), [0.0, 1.0], 0, 0.5),
                              (np.array([0.5, -1, 2]), [3.0, 1.0], 1, 2.0),
                              (np.array([-2.0, 1, 1]), [1.0, 1.0], 1, 0.25)], "update",
                _diagnose_update),
    "Extend x with a leading 1, predict y with step, e = d - y, return W + lr * e * x_ext.",
    "np.insert(x, 0, 1) makes the extended input; the neuron predicts with z >= 0; the update "
    "adds lr · e · [1, x] to a new array, leaving the caller's W as it was.",
    _UPDATE,
    [(_changed(_UPDATE, "return W + lr * (d - y) * xe", "W += (d - y) * xe\n    return W"),
      "in place"),
     (_changed(_UPDATE, "return W + lr", "W += lr") + "\n    return W", "in place"),
     (_changed(_UPDATE, "lr * (d - y)", "3 * lr * (d - y)"), "expected"),
     (_changed(_UPDATE, "np.insert(x, 0, 1)", "np.insert(x, 0, 0)"), "bias must change"),
     (_changed(_UPDATE, "(d - y)", "(y - d)"), "e = d - y"),
     (_changed(_UPDATE, "lr * (d - y)", "(d - y)"), "ignores lr"),
     (_changed(_UPDATE, "return W + lr", "W + lr"), "did you forget `return`"),
     (_changed(_UPDATE, "W @ xe >= 0", "W @ xe > 0"), "step(0) = 1, so z = 0 fires")],
    [(np.zeros(3), "function itself")])


_fit_checker = function_of(_fit_ref, _fit_cases(), "fit", _diagnose_fit)


def _fit_with_own_update(f):
    """4.5's check; a fit that calls the learner's update from 4.4 is told first when that
    update does not pass 4.4 (its mistakes would show up here, blamed on fit)."""
    update = getattr(f, "__globals__", {}).get("update") if "update" in getattr(
        getattr(f, "__code__", None), "co_names", ()) else None
    if callable(update) and q4.verdict(update)[0] != "correct":
        return False, ("your fit calls your update from exercise 4.4, which does not pass its "
                       "check yet: fix update first (run its cell and nb04.q4.check(update)), "
                       "then run this cell again.")
    return _fit_checker(f)


q5 = Exercise(
    "Exercise 4.5", "Write fit(X, d, lr, epochs): train from W = 0, visiting the samples in "
    "order, and return the final W.",
    _fit_with_own_update,
    "W = np.zeros(number of inputs + 1); then a loop over epochs, and inside it a loop over "
    "the samples that does exactly what your update does: visit the samples in order (no "
    "shuffling) and update after each one (not once per epoch).",
    "Start from zeros, one entry more than there are inputs; in each epoch visit every sample "
    "in order and apply the update. The check compares your W with perceptron_lib's "
    "Perceptron, bit for bit, on AND, OR, XOR, NOT and 12 points with 3 inputs.",
    _FIT,
    [(_FIT_ONE_EPOCH, "one epoch"),
     (_changed(_FIT, "range(epochs)", "range(epochs - 1)"), "1 epoch too few"),
     (_changed(_FIT, "range(epochs)", "range(epochs + 2)"), "2 epochs too many"),
     (_changed(_FIT, "range(epochs)", "range(epochs + 1)"), "1 epoch too many"),
     (_changed(_FIT, "W @ xe >= 0", "W @ xe > 0"), "use >= 0"),
     (_changed(_FIT, "np.zeros(X.shape[1] + 1)", "np.zeros(3)"), "fit(np.array([[0], [1]])"),
     (_FIT_BATCH, "batch update"),
     (_changed(_FIT, "zip(X, d)", "zip(X[::-1], d[::-1])"), "change the order"),
     (_changed(_FIT, "np.zeros(X.shape[1] + 1)", "np.ones(X.shape[1] + 1)"), "W = ones"),
     (_changed(_changed(_FIT, "np.zeros(X.shape[1] + 1)", "np.zeros(X.shape[1])"),
               "xe = np.insert(x, 0, 1)", "xe = x"), "leave out the bias"),
     (_changed(_FIT, "W = W + lr * (target - y) * xe", "W = W + (target - y) * xe"),
      "lr = 1 gives"),
     (_changed(_changed(_FIT, "for x, target in zip(X, d):",
                        "order = rng.permutation(len(d))\n        "
                        "for x, target in zip(X[order], d[order]):"),
               "    for _ in", "    rng = np.random.default_rng(0)\n    for _ in"),
      "change the order")])
