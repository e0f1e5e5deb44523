"""Self-checking exercises for the notebooks.

In a notebook::

    from perceptron_lib.exercises import nb02
    answer = ...          # replace ... with your answer
    nb02.q1.check(answer)
    nb02.q1.hint()        # a nudge
    nb02.q1.solution()    # the answer, explained

``check`` prints a friendly verdict and never raises: a blank answer (``...``, None or an
empty string) prints "not answered yet", a wrong answer says what is likely wrong.

(Yes, the solutions are in this file. Try first: you learn more that way.)
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .data import BOOLEAN_FUNCTION_NAMES
from .perceptron import step

__all__ = ["Exercise", "nb00", "nb01", "nb02", "nb03", "nb04", "nb05", "nb06", "nb07", "ALL"]

NOT_ANSWERED = "not answered yet"


class _NotAnswered(Exception):
    """Raised by a checker when a function still has only its ... body."""


def _blank(answer):
    return answer is ... or answer is None or (isinstance(answer, str) and not answer.strip())


class Exercise:
    """One "check your understanding" question.

    ``checker(answer)`` returns ``(ok, message)``; ``examples`` lists answers with what
    ``check`` must say about them (the tests use them).
    """

    def __init__(self, name, question, checker, hint, solution, examples=()):
        self.name = name
        self.question = question
        self._checker = checker
        self._hint = hint
        self._solution = solution
        self.examples = list(examples)
        self.status = "unanswered"
        self.last_message = ""

    def __repr__(self):
        return f"<exercise {self.name}: {self.question}>"

    def verdict(self, answer=...):
        """(status, message) for an answer, without printing."""
        if _blank(answer):
            return "unanswered", (f"⏳ {self.name}: {NOT_ANSWERED}. Replace the ... with your "
                                  f"answer and run the cell again.")
        try:
            ok, message = self._checker(answer)
        except _NotAnswered:
            return "unanswered", (f"⏳ {self.name}: {NOT_ANSWERED}. Write the function's body "
                                  f"in place of the ... and run the cell again.")
        except Exception as err:  # a learner's function may raise anything
            ok, message = False, (f"checking your answer raised {type(err).__name__}: {err}. "
                                  f"Read the message, fix the code, and try again.")
        if ok:
            return "correct", f"✔ {self.name}: correct! {message}".rstrip()
        return "incorrect", f"✘ {self.name}: not quite. {message}".rstrip()

    def check(self, answer=...):
        """Print whether ``answer`` is right."""
        self.status, self.last_message = self.verdict(answer)
        print(self.last_message)

    def hint(self):
        print(f"💡 Hint for {self.name}: {self._hint}")

    def solution(self):
        print(f"📖 Solution to {self.name}: {self._solution}")


# --- checkers ------------------------------------------------------------------------------------

def _as_float(answer):
    if isinstance(answer, (bool, np.bool_)):
        raise TypeError("a number is expected here, not True/False")
    arr = np.asarray(answer, dtype=float)
    if arr.size != 1:
        raise ValueError(f"one number is expected here; got {arr.size} values")
    return float(arr.reshape(-1)[0])


def number(expected, wrong=None, tol=1e-9, right_msg=""):
    """Checker for a number; ``wrong`` maps a common wrong value to a specific explanation."""
    wrong = wrong or {}

    def checker(answer):
        try:
            value = _as_float(answer)
        except (TypeError, ValueError) as err:
            return False, f"Please answer with a single number ({err})."
        if abs(value - expected) <= tol:
            return True, right_msg
        for w, msg in wrong.items():
            if abs(value - w) <= tol:
                return False, msg
        return False, f"{value:g} is not it. Try the hint: .hint()"
    return checker


def vector(expected, wrong=None, right_msg="", tol=1e-9):
    """Checker for a list of numbers (order matters)."""
    expected = np.asarray(expected, dtype=float)
    wrong = [(np.asarray(w, dtype=float), m) for w, m in (wrong or [])]

    def checker(answer):
        try:
            arr = np.asarray(answer, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            return False, "Please answer with a list of numbers, like [1, 2, 3]."
        if arr.shape != expected.shape:
            return False, (f"Expected {expected.size} numbers; your answer has {arr.size}.")
        if np.allclose(arr, expected, atol=tol, rtol=0):
            return True, right_msg
        for w, msg in wrong:
            if np.allclose(arr, w, atol=tol, rtol=0):
                return False, msg
        return False, "Some of the numbers are off. Try the hint: .hint()"
    return checker


def choice(expected, options, wrong=None, right_msg=""):
    """Checker for a multiple-choice answer given as text (case and spaces ignored)."""
    norm = lambda s: " ".join(str(s).lower().split())  # noqa: E731
    options = [norm(o) for o in options]
    wrong = {norm(k): v for k, v in (wrong or {}).items()}

    def checker(answer):
        a = norm(answer)
        if a not in options:
            return False, f"Answer with one of: {', '.join(repr(o) for o in options)}."
        if a == norm(expected):
            return True, right_msg
        return False, wrong.get(a, "That is not it. Try the hint: .hint()")
    return checker


def truth(expected, wrong_msg, right_msg=""):
    def checker(answer):
        if not isinstance(answer, (bool, np.bool_, int, np.integer)) or answer not in (0, 1):
            return False, "Please answer True or False."
        return (True, right_msg) if bool(answer) == expected else (False, wrong_msg)
    return checker


def _three_numbers(answer, names):
    """(W, None) for an answer of three numbers, else (None, a message naming them)."""
    try:
        W = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None, f"Please answer with three numbers {names}."
    if W.shape != (3,):
        return None, f"Please answer with three numbers {names} (bias first); got {W.size}."
    return W, None


def gate_weights(name, targets):
    """Checker for W = [b, w1, w2] that must compute a gate with step(z) (z = 0 counts as 1)."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

    def checker(answer):
        W, problem = _three_numbers(answer, "[b, w1, w2]")
        if problem:
            return False, problem
        y = step(W[0] + X @ W[1:])
        bad = [k for k in range(4) if y[k] != targets[k]]
        if not bad:
            return True, f"W = {W.tolist()} computes {name} on all four inputs."
        rolled = np.roll(W, 1)
        if (step(rolled[0] + X @ rolled[1:]) == targets).all():
            return False, ("it looks like you put the bias last. The course writes the bias "
                           "first: W = [b, w1, w2].")
        k = bad[0]
        computes = BOOLEAN_FUNCTION_NAMES[int(sum(int(v) << i for i, v in enumerate(y)))]
        return False, (f"for input ({X[k, 0]}, {X[k, 1]}) the neuron outputs {y[k]} but {name} "
                       f"gives {targets[k]} ({len(bad)} of 4 rows wrong): your W computes "
                       f"{computes}.")
    return checker


def function_of(reference, cases, name):
    """Checker for a function the learner writes: compared with ``reference`` on ``cases``."""
    def checker(answer):
        if not callable(answer):
            return False, f"Please pass your function itself: check({name}) without ()."
        for args in cases:
            got = answer(*[np.array(a) if isinstance(a, list) else a for a in args])
            want = reference(*[np.array(a) if isinstance(a, list) else a for a in args])
            if np.shape(got) != np.shape(want) or not np.allclose(got, want):
                shown = ", ".join(repr(a) for a in args)
                return False, f"{name}({shown}) returned {got!r}; expected {want!r}."
        return True, f"it gives the right result on all {len(cases)} test cases."
    return checker


# --- the exercises, notebook by notebook ---------------------------------------------------------

def _neuron_ref(x, w, threshold):
    return 1 if float(np.dot(x, w)) >= threshold else 0


def _neuron_wrong_strict(x, w, threshold):
    return 1 if float(np.dot(x, w)) > threshold else 0


def _update_ref(W, x, d, lr):
    xe = np.concatenate([[1.0], x])
    y = 1 if W @ xe >= 0 else 0
    return W + lr * (d - y) * xe


def _update_no_bias(W, x, d, lr):
    xe = np.concatenate([[0.0], x])
    y = 1 if W[1:] @ x + W[0] >= 0 else 0
    return W + lr * (d - y) * xe


def _update_wrong_sign(W, x, d, lr):
    xe = np.concatenate([[1.0], x])
    y = 1 if W @ xe >= 0 else 0
    return W + lr * (y - d) * xe


def _predict_ref(W, x):
    return 1 if W[0] + np.dot(W[1:], x) >= 0 else 0


def _xnor_net(W_out):
    def net(x1, x2):
        h1 = step(-1 + x1 + x2)              # OR
        h2 = step(2 - 2 * x1 - x2)           # NAND
        return step(W_out[0] + W_out[1] * h1 + W_out[2] * h2)
    return net


def _xnor_checker(answer):
    W, problem = _three_numbers(answer, "[b, v1, v2]")
    if problem:
        return False, problem
    net = _xnor_net(W)
    rows = [(a, b) for a in (0, 1) for b in (0, 1)]
    out = [int(net(a, b)) for a, b in rows]
    want = [1, 0, 0, 1]
    if out == want:
        return True, "the network computes XNOR on all four inputs."
    if out == [0, 1, 1, 0]:
        return False, ("your network computes XOR, the opposite: flip the signs of all "
                       "three numbers (that turns AND into NAND).")
    bad = [r for r, o, t in zip(rows, out, want) if o != t]
    return False, f"the network is wrong for input(s) {bad}. Look at the hidden values first."


def _q(name, question, checker, hint, solution, examples):
    return Exercise(name, question, checker, hint, solution, examples)


nb00 = SimpleNamespace(
    q1=_q("Exercise 0.1", "What does 2 + 3 * 4 give in Python?",
          number(14, {20: "Python multiplies before it adds, as in maths: 3 * 4 first."}),
          "Which goes first, + or *?", "14: 3 * 4 = 12 is computed first, then 2 + 12.",
          [(14, "correct"), (20, "multiplies before it adds")]),
    q2=_q("Exercise 0.2", "Make the NumPy array [1, 0, 1].",
          vector([1, 0, 1], [([1, 1, 0], "the order matters: first 1, then 0, then 1.")]),
          "np.array([...]) turns a list into an array.", "np.array([1, 0, 1])",
          [(np.array([1, 0, 1]), "correct"), ([1, 1, 0], "order matters"),
           ([1, 0], "Expected 3 numbers")]),
    q3=_q("Exercise 0.3", "What is the dot product of [1, 2, 3] and [4, 5, 6]?",
          number(32, {21: "that is the sum of all six numbers; the dot product multiplies "
                          "pairs first, then adds the products.",
                      6: "that is 1 + 2 + 3; multiply each by its partner 4, 5, 6 first."}),
          "Multiply the numbers pair by pair, then add the three products.",
          "1·4 + 2·5 + 3·6 = 4 + 10 + 18 = 32; in NumPy: np.dot([1, 2, 3], [4, 5, 6]).",
          [(32, "correct"), (21, "sum of all six"), ([4, 10, 18], "single number")]),
)

nb01 = SimpleNamespace(
    q1=_q("Exercise 1.1", "Which part of the neuron adds up the incoming signals?",
          choice("soma", ["dendrites", "synapse", "soma", "axon"],
                 {"dendrites": "dendrites receive the signals; they do not combine them.",
                  "synapse": "synapses weight each signal on its way in.",
                  "axon": "the axon carries the output away."}),
          "It is the cell body.", "The soma (cell body) combines the weighted inputs.",
          [("soma", "correct"), ("Soma ", "correct"), ("axon", "carries the output"),
           ("brain", "Answer with one of")]),
    q2=_q("Exercise 1.2", "Inputs [1, 0, 1], weights [0.5, 2, 1], threshold 1.5: does it fire?",
          truth(True, "only active inputs count: 0.5·1 + 2·0 + 1·1 = 1.5, which reaches the "
                "threshold (1.5 ≥ 1.5), so it fires."),
          "Add up weight × input for each input, then compare with the threshold.",
          "True: 0.5·1 + 2·0 + 1·1 = 1.5 ≥ 1.5, so the neuron fires.",
          [(True, "correct"), (False, "reaches the threshold"), ("yes", "True or False")]),
    q3=_q("Exercise 1.3", "Write neuron(x, w, threshold) returning 1 when it fires, else 0.",
          lambda f: (_check_neuron(f)),
          "np.dot(x, w) is the weighted sum; return 1 if it is >= threshold.",
          "def neuron(x, w, threshold):\n    return 1 if np.dot(x, w) >= threshold else 0",
          [(_neuron_ref, "correct"), (_neuron_wrong_strict, "exactly reaches"),
           (lambda x, w, t: np.dot(x, w), "must return 0 or 1"), (5, "function itself")]),
)


def _check_neuron(f):
    if not callable(f):
        return False, "Please pass your function itself: check(neuron) without ()."
    if f([1, 1], [1, 1], 2) is None:
        raise _NotAnswered
    if f([1, 1], [1, 1], 2) not in (0, 1) or f([0, 0], [1, 1], 2) not in (0, 1):
        return False, "the neuron must return 0 or 1 (all or nothing), not the sum itself."
    if f([1, 1], [1, 1], 2) != 1:
        return False, ("when the sum exactly reaches the threshold (2 ≥ 2) the neuron fires: "
                       "use >= rather than >.")
    return function_of(_neuron_ref, [([1, 0, 1], [0.5, 2, 1], 1.5), ([1, 1, 0], [1, 1, 1], 3),
                                     ([0, 0], [5, 5], 0.5), ([1], [-1], -2),
                                     ([1, 1], [0.4, 0.4], 1)], "neuron")(f)


nb02 = SimpleNamespace(
    q1=_q("Exercise 2.1", "W = [-3, 2, 1] (bias first), x = (1, 0). What is z?",
          number(-1, {2: "that is w1·x1 + w2·x2 without the bias; add b = W[0] = -3.",
                      -3: "you kept the bias but forgot w1·x1 = 2·1.",
                      0: "check the arithmetic: -3 + 2·1 + 1·0."}),
          "z = W[0]·1 + W[1]·x1 + W[2]·x2.", "z = -3·1 + 2·1 + 1·0 = -1 (so the output is 0).",
          [(-1, "correct"), (2, "without the bias"), (-3, "forgot w1"), ("a", "single number")]),
    q2=_q("Exercise 2.2", "Write the extended input [x0, x1, x2] for x = (0, 1).",
          vector([1, 0, 1], [([0, 1, 1], "the constant 1 goes first (x0 = +1 pairs with "
                                          "W0 = b)."),
                             ([0, 0, 1], "x0 is always +1, not 0.")]),
          "The bias trick puts a constant +1 in front of the inputs.",
          "[1, 0, 1]: np.insert(x, 0, 1) or np.concatenate([[1], x]).",
          [([1, 0, 1], "correct"), ([0, 1, 1], "goes first"), ([0, 0, 1], "always +1")]),
    q3=_q("Exercise 2.3", "Give W = [b, w1, w2] for an OR neuron.",
          gate_weights("OR", [0, 1, 1, 1]),
          "OR fires unless both inputs are 0: the bias alone must be negative, and one input "
          "must be enough to reach 0.",
          "For example W = [-0.5, 1, 1] (or the learned [-1, 1, 1]: z = 0 counts as 1).",
          [([-0.5, 1, 1], "correct"), ([-1, 1, 1], "correct"),
           ([1, 1, -0.5], "bias last"), ([-1.5, 1, 1], "your W computes AND")]),
    q4=_q("Exercise 2.4", "Give W = [b, w1, w2] for a NAND neuron.",
          gate_weights("NAND", [1, 1, 1, 0]),
          "NAND is AND with the output flipped: flip the signs of an AND neuron's weights.",
          "For example W = [1.5, -1, -1]: only (1, 1) makes z negative.",
          [([1.5, -1, -1], "correct"), ([-1.5, 1, 1], "for input (0, 0)")]),
)

nb03 = SimpleNamespace(
    q1=_q("Exercise 3.1", "Which of AND, OR, NAND, XNOR is NOT linearly separable?",
          choice("XNOR", ["AND", "OR", "NAND", "XNOR"],
                 {"and": "AND has one 1 in a corner: a line cuts that corner off.",
                  "or": "OR has one 0 in a corner: a line cuts that corner off.",
                  "nand": "NAND is AND flipped: the same line works."}),
          "Look for a gate whose 1s sit on a diagonal.",
          "XNOR: its 1s are (0, 0) and (1, 1), its 0s (0, 1) and (1, 0), crossing like XOR's.",
          [("XNOR", "correct"), ("and", "cuts that corner"), ("XOR", "Answer with one of")]),
    q2=_q("Exercise 3.2", "W = [-1, 1, 1]: at which x2 does the line cross the x2 axis (x1 = 0)?",
          number(1, {-1: "solve -1 + 0 + x2 = 0 for x2: mind the sign.",
                     0: "x1 is 0 on the x2 axis; x2 is what you solve for."}),
          "On the line z = 0. Put x1 = 0 into -1 + x1 + x2 = 0.",
          "-1 + 0 + x2 = 0 gives x2 = 1: the line passes through (0, 1).",
          [(1, "correct"), (-1, "mind the sign"), ([1, 2], "single number")]),
    q3=_q("Exercise 3.3", "How many of the 16 functions of two bits are linearly separable?",
          number(14, {16: "two of them, XOR and XNOR, cannot be separated by a line.",
                      15: "XNOR is no better than XOR: both are out.",
                      2: "that is how many are NOT separable."}),
          "Count the ones that are not separable and subtract.",
          "14: all but XOR and XNOR (see the table computed above).",
          [(14, "correct"), (16, "two of them"), (2, "NOT separable")]),
    q4=_q("Exercise 3.4", "In the XOR proof, which inequality comes from the input (1, 1)?",
          choice("w1 + w2 + b < 0", ["b < 0", "w1 + b >= 0", "w2 + b >= 0", "w1 + w2 + b < 0"],
                 {"b < 0": "that one comes from (0, 0).",
                  "w1 + b >= 0": "that one comes from (1, 0).",
                  "w2 + b >= 0": "that one comes from (0, 1)."}),
          "XOR(1, 1) = 0, so z must be negative there; z = w1·1 + w2·1 + b.",
          "'w1 + w2 + b < 0': XOR(1, 1) = 0, so z = w1 + w2 + b must be below 0.",
          [("w1 + w2 + b < 0", "correct"), ("b < 0", "from (0, 0)")]),
)

nb04 = SimpleNamespace(
    q1=_q("Exercise 4.1", "The desired output is d = 0 but the neuron says y = 1. What is e?",
          number(-1, {1: "e = d - y = 0 - 1: the order matters.",
                      0: "e is 0 only when the neuron is right."}),
          "e = d - y.", "e = 0 - 1 = -1: the neuron fired when it should not, so inhibit it.",
          [(-1, "correct"), (1, "order matters"), (0, "only when")]),
    q2=_q("Exercise 4.2", "W = [0, 0, 0], x = (1, 1), d = 0, lr = 1. What is W after the update?",
          vector([-1, -1, -1], [([1, 1, 1], "z = 0 gives y = 1 (step(0) = 1), so e = 0 - 1 = "
                                            "-1: subtract, do not add."),
                                ([0, -1, -1], "the bias is updated too: the extended input is "
                                              "[1, 1, 1]."),
                                ([0, 0, 0], "z = 0 means y = 1, which is wrong here: there is "
                                            "an update.")]),
          "First y = step(W·[1, 1, 1]); then e = d - y; then W + lr·e·[1, 1, 1].",
          "z = 0, y = step(0) = 1, e = 0 - 1 = -1, W = [0, 0, 0] - [1, 1, 1] = [-1, -1, -1].",
          [([-1, -1, -1], "correct"), ([1, 1, 1], "subtract"), ([0, -1, -1], "bias")]),
    q3=_q("Exercise 4.3", "How many mistakes does the perceptron make in epoch 1 on AND?",
          number(2, {3: "look at the first four rows of the table, the ones with epoch 1.",
                     11: "that is the total over all epochs; count epoch 1 only."}),
          "Count the rows of epoch 1 with e ≠ 0 in the table of visits.",
          "2: visit 1 (input (0, 0), fired wrongly) and visit 4 (input (1, 1), did not fire).",
          [(2, "correct"), (11, "total")]),
    q4=_q("Exercise 4.4", "Write update(W, x, d, lr) returning the new weights after one visit.",
          lambda f: _check_update(f),
          "Extend x with a leading 1, predict y with step, e = d - y, return W + lr * e * x_ext.",
          "def update(W, x, d, lr):\n    xe = np.insert(x, 0, 1)\n    y = 1 if W @ xe >= 0 "
          "else 0\n    return W + lr * (d - y) * xe",
          [(_update_ref, "correct"), (_update_no_bias, "bias"),
           (_update_wrong_sign, "e = d - y")]),
)


def _check_update(f):
    if not callable(f):
        return False, "Please pass your function itself: check(update) without ()."
    W = np.zeros(3)
    got = f(W.copy(), np.array([1.0, 1.0]), 0, 1.0)
    if got is None:
        raise _NotAnswered
    got = np.asarray(got, dtype=float)
    if np.allclose(got, [0, -1, -1]):
        return False, "the bias must change too: extend x to [1, x1, x2] before updating."
    if np.allclose(got, [1, 1, 1]):
        return False, "wrong direction: e = d - y, and here d = 0, y = 1, so e = -1."
    return function_of(_update_ref, [(np.zeros(3), [1.0, 1.0], 0, 1.0),
                                     (np.array([-1.0, 0, 0]), [1.0, 1.0], 1, 1.0),
                                     (np.array([-1.0, 1, 1]), [0.0, 1.0], 0, 0.5),
                                     (np.array([0.5, -1, 2]), [3.0, 1.0], 1, 2.0)],
                       "update")(f)


nb05 = SimpleNamespace(
    q1=_q("Exercise 5.1", "R = 2 and gamma = 0.5. What is Novikoff's bound (R / gamma)²?",
          number(16, {4: "you forgot to square: (2 / 0.5)² = 4² = 16.",
                      1: "it is R / gamma, not gamma / R, squared."}),
          "Divide R by gamma, then square.", "(2 / 0.5)² = 4² = 16 mistakes at most.",
          [(16, "correct"), (4, "square"), (1, "not gamma / R")]),
    q2=_q("Exercise 5.2", "Trained on AND from zeros with lr = 2, what W does it reach?",
          vector([-6, 4, 2], [([-3, 2, 1], "with lr = 2 every update is twice as big, so W is "
                                            "2 · [-3, 2, 1]."),
                              ([-1.5, 1, 0.5], "that is lr = 0.5; lr = 2 doubles.")]),
          "From W = 0 every weight vector is lr times the one for lr = 1.",
          "[-6, 4, 2] = 2 · [-3, 2, 1]: the same line, the same predictions.",
          [([-6, 4, 2], "correct"), ([-3, 2, 1], "twice as big")]),
    q3=_q("Exercise 5.3", "On XOR, after how many epochs does W come back to the same value?",
          number(1, {2: "the end of epoch 3 repeats the end of epoch 2: that is one epoch "
                        "later, so the cycle is 1 epoch long."}),
          "Compare the end-of-epoch weights in the table: how far apart are two equal ones?",
          "1: from epoch 2 on, every epoch ends at [0, -1, 0] (cycle_.length == 1).",
          [(1, "correct"), (2, "one epoch")]),
    q4=_q("Exercise 5.4", "With the course's step function, is the point (1, 1) on the learned "
          "AND line classed 1? (True or False)",
          truth(True, "z = -3 + 2 + 1 = 0 there, and step(0) = 1 because the step uses >=."),
          "Compute z at (1, 1) for W = [-3, 2, 1], then apply step.",
          "True: z = 0 and step(0) = 1. With > instead of >=, the same W would get it wrong.",
          [(True, "correct"), (False, "step(0) = 1")]),
)

nb06 = SimpleNamespace(
    q1=_q("Exercise 6.1", "For input (1, 1), what are the hidden values (h1, h2) = "
          "(OR, NAND)?",
          vector([1, 0], [([1, 1], "NAND(1, 1) = 0: NAND is 0 only when both inputs are 1."),
                          ([0, 1], "in that order: h1 is OR (1 for (1, 1)) and h2 is NAND (0 for "
                                   "(1, 1))."),
                          ([0, 0], "OR(1, 1) = 1.")]),
          "OR(1, 1) and NAND(1, 1), in that order.", "(1, 0): OR(1, 1) = 1, NAND(1, 1) = 0.",
          [([1, 0], "correct"), ([1, 1], "NAND(1, 1) = 0"), ([0, 1], "in that order")]),
    q2=_q("Exercise 6.2", "The four XOR inputs land on how many different points of the "
          "hidden space?",
          number(3, {4: "(0, 1) and (1, 0) both go to (1, 1): two inputs share a point.",
                     2: "(0, 0) goes to (0, 1), (1, 1) to (1, 0) and the other two to (1, 1)."}),
          "Compute (h1, h2) for each of the four inputs and count the different pairs.",
          "3: (0, 0) → (0, 1), (0, 1) and (1, 0) → (1, 1), (1, 1) → (1, 0).",
          [(3, "correct"), (4, "share a point")]),
    q3=_q("Exercise 6.3", "Give the output neuron's W = [b, v1, v2] (on h1 = OR, h2 = NAND) so "
          "that the network computes XNOR.",
          _xnor_checker,
          "XNOR is NOT XOR. The XOR network uses AND at the output; what is NOT AND?",
          "For example [1.5, -1, -1] (a NAND): it outputs 0 only for (h1, h2) = (1, 1), "
          "which is where XOR's 1s went.",
          [([1.5, -1, -1], "correct"), ([-1.5, 1, 1], "computes XOR")]),
)

nb07 = SimpleNamespace(
    q1=_q("Exercise 7.1", "How many flowers of each species does the Iris data hold?",
          number(50, {150: "150 is all three species together.",
                      100: "100 is two species: setosa and versicolor."}),
          "np.bincount(iris.target) counts them.", "50 of each of the three species.",
          [(50, "correct"), (150, "all three")]),
    q2=_q("Exercise 7.2", "After standardising a feature ((x - mean) / std), what is its mean?",
          number(0, {1: "the standard deviation becomes 1; the mean becomes 0."}, tol=1e-6),
          "Subtracting the mean moves the centre to ...?",
          "0: subtracting the mean centres the feature; dividing by the std makes its spread 1.",
          [(0, "correct"), (1e-17, "correct"), (1, "standard deviation")]),
    q3=_q("Exercise 7.3", "With sepal length and petal length, which pair of species can a "
          "line separate: 'setosa/versicolor' or 'versicolor/virginica'?",
          choice("setosa/versicolor", ["setosa/versicolor", "versicolor/virginica"],
                 {"versicolor/virginica": "these two overlap: the perceptron never stops "
                  "making mistakes on them (see the mistakes per epoch)."}),
          "Which training converged?",
          "setosa/versicolor: training converges; versicolor/virginica overlap.",
          [("setosa/versicolor", "correct"), ("versicolor/virginica", "overlap")]),
)

ALL = {f"nb0{k}": ns for k, ns in enumerate((nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07))}
