"""A hidden layer of two perceptrons and an output perceptron trained on what they give:
the runs behind notebook 06 (its explorer and its exercises), computed in whole numbers.

Two hidden neurons each compute one of the two-input functions that a single perceptron can
compute (14 of the 16: not XOR, not XNOR). The four inputs land on corners of the hidden plane;
the output neuron is trained there with Rosenblatt's rule (the course's Perceptron: W from
zeros, lr = 1, the inputs in order) until an epoch without mistakes, or until its weights
repeat (then it would go round in circles forever). Every combination (14 x 14 hidden pairs
x 16 targets) is trained once, as its errors e = d - y, one sign per visit. The words are
written here (``readout``, ``verdict``) and, the same, by the explorer's view (hidden.js).
"""

from __future__ import annotations

import functools

import numpy as np

from .data import BOOLEAN_FUNCTION_NAMES, boolean_function
from .geometry import max_margin_weights
from .perceptron import Perceptron
from .style import format_number as fmt
from .style import format_vector

__all__ = ["INPUTS", "MENU", "HIDDEN_MENU", "NOT_ONE_NEURON", "function_number", "hidden_weights",
           "hidden_points", "truth_table", "train_output", "output_errors", "all_runs",
           "replay", "readout", "verdict", "network_outputs", "clash", "MAX_EPOCHS"]

INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))
# The 16 functions of two bits, in the order of the menus: the named gates first.
MENU = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR", "x1", "x2", "NOT x1", "NOT x2",
        "x1 AND NOT x2", "x2 AND NOT x1", "x1 IMPLIES x2", "x2 IMPLIES x1", "TRUE", "FALSE")
NOT_ONE_NEURON = ("XOR", "XNOR")      # no single perceptron computes these (notebook 03)
HIDDEN_MENU = tuple(g for g in MENU if g not in NOT_ONE_NEURON)
GATE_WORDS = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")
MAX_EPOCHS = 100
SIGNS = {1: "+", 0: "0", -1: "-"}


def _key(name):
    return " ".join(name.split()).upper()


_BY_KEY = {_key(n): k for k, n in enumerate(BOOLEAN_FUNCTION_NAMES)}


def function_number(value, name="target", hidden=False):
    """The number k (0 to 15, as in ``boolean_function``) of a two-input function given by
    name, in any case ("or", "x1 AND NOT x2"); a clear error naming ``name`` otherwise."""
    choices = HIDDEN_MENU if hidden else MENU
    if not isinstance(value, str):
        raise TypeError(f"{name} must be the name of a two-input function, such as \"OR\" or "
                        f"\"x1 AND NOT x2\"; got {value!r}. Choose one of: "
                        f"{', '.join(choices)}.")
    k = _BY_KEY.get(_key(value))
    if k is None:
        raise ValueError(f"{name}: unknown function {value!r}. Choose one of: "
                         f"{', '.join(choices)}.")
    if hidden and BOOLEAN_FUNCTION_NAMES[k] in NOT_ONE_NEURON:
        raise ValueError(f"{name} = {BOOLEAN_FUNCTION_NAMES[k]!r} cannot be one hidden "
                         f"neuron: no single perceptron computes {BOOLEAN_FUNCTION_NAMES[k]} "
                         f"(no line separates its 1s from its 0s, notebook 03). That is why "
                         f"the network needs a hidden layer. Choose one of: "
                         f"{', '.join(HIDDEN_MENU)}.")
    return k


def truth_table(k):
    """Function k's outputs for the four inputs, as a list of 0s and 1s."""
    return [int(v) for v in boolean_function(k)[1]]


def hidden_weights(k):
    """The hidden neuron W = [b, w1, w2] drawn for function k: the widest-margin line (w of
    length 1); for TRUE and FALSE, no line (w = 0) and a bias that gives the constant."""
    d = truth_table(k)
    if min(d) == max(d):
        return [1.0 if d[0] else -1.0, 0.0, 0.0]
    return [float(v) for v in max_margin_weights(*boolean_function(k))]


def hidden_points(k1, k2):
    """Where the four inputs land in the hidden plane: rows (h1, h2), inputs in order."""
    return np.array([truth_table(k1), truth_table(k2)]).T


def train_output(k1, k2, t):
    """The output neuron trained on the hidden points of (k1, k2) with the target t's labels:
    the Perceptron (fitted) and the number of visits shown, up to the first epoch without
    mistakes or up to the epoch where the weights repeat (after it training repeats itself)."""
    p = Perceptron(2, epochs=MAX_EPOCHS).fit(hidden_points(k1, k2), truth_table(t))
    h = p.history_
    last = h.converged_epoch if h.converged_epoch is not None else h.cycle.epoch
    return p, h.epoch_end_position(last)


def output_errors(k1, k2, t):
    """The errors e = d - y of the output neuron's visits that ``train_output`` shows, by the
    textbook loop itself in whole numbers: with inputs 0 and 1, lr = 1 and W from zeros every
    number is a small whole number, so this is the Perceptron's floating-point run exactly
    (the tests compare all 3,136 runs), about fifty times faster."""
    table1, table2, labels = truth_table(k1), truth_table(k2), truth_table(t)
    b = w1 = w2 = 0
    seen = {(0, 0, 0)}                  # the weights at the end of each epoch (0: the start)
    errors = []
    for _ in range(MAX_EPOCHS):
        mistakes = 0
        for h1, h2, d in zip(table1, table2, labels):
            e = d - (1 if b + w1 * h1 + w2 * h2 >= 0 else 0)
            errors.append(e)
            if e:
                mistakes += 1
                b, w1, w2 = b + e, w1 + e * h1, w2 + e * h2
        if mistakes == 0 or (b, w1, w2) in seen:    # learned, or going round in circles
            return errors
        seen.add((b, w1, w2))
    raise RuntimeError("the output neuron neither learned nor repeated itself")  # pragma: no cover


@functools.lru_cache(maxsize=1)
def all_runs():
    """Every run, trained once: {(k1, k2, t): the errors of its visits as a string of +, 0
    and - signs}."""
    hidden = [function_number(g, hidden=True) for g in HIDDEN_MENU]
    return {(k1, k2, t): "".join(SIGNS[e] for e in output_errors(k1, k2, t))
            for k1 in hidden for k2 in hidden for t in range(16)}


def replay(k1, k2, errors):
    """The weights after each visit (a list of n + 1 lists [b, w1, w2], from [0, 0, 0]), from
    a run's errors: W <- W + e [1, h1, h2], as the view does it."""
    H = hidden_points(k1, k2)
    W = [0, 0, 0]
    out = [list(W)]
    for k, s in enumerate(errors):
        e = {"+": 1, "0": 0, "-": -1}[s]
        h1, h2 = (int(v) for v in H[k % 4])
        W = [W[0] + e, W[1] + e * h1, W[2] + e * h2]
        out.append(list(W))
    return out


def _fires(W, h):
    return 1 if W[0] + W[1] * h[0] + W[2] * h[1] >= 0 else 0


def network_outputs(k1, k2, W):
    """The network's output for the four inputs with the output neuron W."""
    return [_fires(W, h) for h in hidden_points(k1, k2).tolist()]


def clash(k1, k2, t):
    """The first two inputs (i, j) that land on the same hidden spot but want different
    outputs, or None."""
    H, d = hidden_points(k1, k2).tolist(), truth_table(t)
    for i in range(4):
        for j in range(i + 1, 4):
            if H[i] == H[j] and d[i] != d[j]:
                return i, j
    return None


def _pt(p):
    return f"({p[0]}, {p[1]})"


def _times(w, v):
    return f"({fmt(w)})·{v}" if w < 0 else f"{fmt(w)}·{v}"


def readout(k1, k2, t, errors, position):
    """What happened at ``position`` (visits done), in words."""
    if position == 0:
        return ("Before training: the output neuron starts at W = [0, 0, 0]. Press step to show "
                "it the four inputs one at a time, through the hidden layer.")
    Ws = replay(k1, k2, errors[:position])
    k = position - 1
    i = k % 4
    h = hidden_points(k1, k2)[i].tolist()
    b, w1, w2 = Ws[k]
    z = b + w1 * h[0] + w2 * h[1]
    y = 1 if z >= 0 else 0
    d = truth_table(t)[i]
    e = d - y
    what = "no change" if e == 0 else \
        f"e = {e:+d}, so W {'+' if e > 0 else '-'}= [1, {h[0]}, {h[1]}]"
    return (f"epoch {k // 4 + 1}, input {i + 1} of 4: x = {_pt(INPUTS[i])} goes to h = "
            f"{_pt(h)}; z = {fmt(b)} + {_times(w1, h[0])} + {_times(w2, h[1])} = {fmt(z)}, "
            f"so y = {y}; {BOOLEAN_FUNCTION_NAMES[t]} wants {d}: {what}. "
            f"W = {format_vector(Ws[-1])}.")


def _computes(W):
    """What the output neuron W computes on the hidden plane, in words."""
    k = sum(_fires(W, h) << i for i, h in enumerate(INPUTS))
    name = BOOLEAN_FUNCTION_NAMES[k]
    if name in ("FALSE", "TRUE"):
        return f"{int(name == 'TRUE')} everywhere"
    if name in GATE_WORDS:
        return f"{name}(h1, h2)"
    return name.replace("x", "h")


def _epochs(errors):
    return len(errors) // 4


def _repeats(k1, k2, errors):
    """The epoch whose end the last epoch's end repeats (0: the start)."""
    Ws = replay(k1, k2, errors)
    ends = [Ws[4 * j] for j in range(_epochs(errors) + 1)]
    return ends.index(ends[-1])


def verdict(k1, k2, t, errors):
    """Whether the network computes the target, and why, in words (the same at every step)."""
    g1, g2, name = (BOOLEAN_FUNCTION_NAMES[k] for k in (k1, k2, t))
    pair = f"With h1 = {g1} and h2 = {g2}"
    E = _epochs(errors)
    W = replay(k1, k2, errors)[-1]
    if "+" not in errors[-4:] and "-" not in errors[-4:]:
        return (f"✔ {pair} the network computes {name}: the output neuron converged in epoch "
                f"{E} at W = {format_vector(W)}, which computes {_computes(W)}.")
    r = _repeats(k1, k2, errors)
    since = "the start" if r == 0 else f"the end of epoch {r}"
    circles = (f"Training goes round in circles: W at the end of epoch {E} is the same as at "
               f"{since}.")
    c = clash(k1, k2, t)
    if c is not None:
        i, j = c
        d = truth_table(t)
        spot = _pt(hidden_points(k1, k2)[i].tolist())
        return (f"✘ {pair} no output neuron can compute {name}: the inputs {_pt(INPUTS[i])} "
                f"and {_pt(INPUTS[j])} both go to h = {spot}, but {name} wants {d[i]} for one "
                f"and {d[j]} for the other. A neuron gives one answer per point, so no line "
                f"can separate them. {circles}")
    return (f"✘ {pair} no output neuron can compute {name}: the four inputs land on four "
            f"different corners, with the 1s on one diagonal and the 0s on the other, like "
            f"XOR's: no line separates them. {circles}")
