"""The exercises of notebook 04 · The learning rule."""

import numpy as np

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
    return [(*AND, 1, 10), (AND[0], np.array([0, 1, 1, 1]), 0.5, 10),
            (AND[0], np.array([0, 1, 1, 0]), 1, 5), (np.array([[0], [1]]), np.array([1, 0]), 1, 10),
            (X3, d3, 0.25, 20)]


def _diagnose_fit(f):
    X, d = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1])
    got = f(X.copy(), d.copy(), 1, 10)
    if got is None:
        return None
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    if got.shape != (3,):
        return (f"on AND, fit must return the 3 weights [b, w1, w2]; it returned shape "
                f"{got.shape}.")
    if np.array_equal(got, [0, 1, 1]):
        return "that is W after one epoch: repeat the pass over the samples epochs times."
    if np.array_equal(got, [-2, 2, 1]) or np.array_equal(got, [-1, 1, 1]):
        return ("close, but z = 0 must fire (step(0) = 1): use >= 0, not > 0, when you "
                "predict y.")
    return None


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


q3 = Exercise("Exercise 4.3", "How many mistakes does the perceptron make in epoch 1 on AND?",
              number(2, {3: "look at the first four rows of the table, the ones with epoch 1.",
                         11: "that is the total over all epochs; count epoch 1 only."}),
              "Count the rows of epoch 1 with e ≠ 0 in the table of visits.",
              "Visit 1 (input (0, 0), fired wrongly) and visit 4 (input (1, 1), did not fire).",
              "answer_4_3 = 2",
              [("answer_4_3 = 11", "total"), ("answer_4_3 = 3", "first four rows")])


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
     (_changed(_UPDATE, "return W + lr", "W + lr"), "did you forget `return`")],
    [(np.zeros(3), "function itself")])


q5 = Exercise(
    "Exercise 4.5", "Write fit(X, d, lr, epochs): train from W = 0, visiting the samples in "
    "order, and return the final W.",
    function_of(_fit_ref, _fit_cases(), "fit", _diagnose_fit),
    "W = np.zeros(number of inputs + 1); then a loop over epochs, and inside it a loop over "
    "the samples that does exactly what your update does.",
    "Start from zeros, one entry more than there are inputs; in each epoch visit every sample "
    "in order and apply the update. The check compares your W with perceptron_lib's "
    "Perceptron, bit for bit, on AND, OR, XOR, NOT and 12 points with 3 inputs.",
    _FIT,
    [(_FIT_ONE_EPOCH, "one epoch"),
     (_changed(_FIT, "W @ xe >= 0", "W @ xe > 0"), "use >= 0"),
     (_changed(_FIT, "np.zeros(X.shape[1] + 1)", "np.zeros(3)"), "fit(np.array([[0], [1]])")])
