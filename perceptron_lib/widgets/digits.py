"""The digits explorer: a perceptron learns to tell handwritten digits apart, epoch by epoch.

Every choice of the menus (the digit the neuron fires for, against one other digit or
against all the others) is trained when the explorer is made: 100 runs of
:func:`~perceptron_lib.pocket.pocket` on the course's 1,200 training images, each judged
on the 597 test images. They are sent to the browser once, so the menus, the steps and the
pocket switch all work with no kernel. The view (digits.js) draws the 64 weights as an 8x8
picture, the training images wrong after each epoch, and the test images it gets wrong.

Under it, a drawing pad: the learner draws a digit, the drawing is reduced as the UCI images
were (:func:`reduce_drawing`) and the ten one-vs-rest perceptrons of notebook 09 read it
(:func:`draw_verdict`), in the browser, from the pocket weights the "k-rest" runs carry.
"""

from __future__ import annotations

import functools

import numpy as np
import traitlets
from matplotlib.ticker import MaxNLocator

from ..data import load_digits
from ..plotting import new_figure, plot_weights_image
from ..pocket import pocket
from ..style import COLORS, format_number, size_spec
from ..validation import as_floats
from .base import Explorer, Setting, Stepping, view_module
from .pictures import _png

__all__ = ["DigitsExplorer", "build_run", "readout", "status", "LEVELS", "reduce_drawing",
           "draw_verdict", "reader_weights"]

EPOCHS = 30             # epochs of every run
SHOWN = 24              # test images shown wrong, at most, per epoch
LEVELS = "abcdefghijklmnopqrs"   # a weight's colour: 19 levels, "j" is 0
PAD = 32                # the drawing pad: 32 x 32 pixels, each on or off
BLOCK = 4               # counted in 4 x 4 blocks: an 8 x 8 picture of counts 0 to 16


def _key(digit, against):
    return f"{digit}-{against}"


_LETTERS = np.array(list(LEVELS))


def _levels(w):
    """64 weights as 64 letters: -9 .. 9 steps of the largest weight, 'j' for 0."""
    top = np.abs(w).max()
    k = np.zeros(64, dtype=int) if top == 0 else np.rint(w / top * 9).astype(int)
    return "".join(_LETTERS[k + 9])


def _pick(digits, rows, digit, against):
    """The rows of `rows` in the task, with d = 1 for `digit`."""
    t = digits.target[rows]
    keep = rows if against == "rest" else rows[(t == digit) | (t == against)]
    return keep, (digits.target[keep] == digit).astype(int)


def _test_numbers(digits):
    """{row of the data set: its number among the test images}."""
    return {int(i): k for k, i in enumerate(digits.test)}


def _sixteenths(W):
    """Weights as whole numbers of sixteenths. The inputs are ink counts / 16 and lr = 1, so
    every weight the rule reaches is a whole number of sixteenths: these are exact."""
    W16 = np.asarray(W) * 16
    if not np.array_equal(W16, np.rint(W16)):
        raise ValueError("the weights are not whole sixteenths; the drawing pad cannot use them")
    return [int(v) for v in W16]


def build_run(digits, digit, against, epochs=EPOCHS):
    """The run of one menu choice, as the view needs it (plain JSON)."""
    tr, d_tr = _pick(digits, digits.train, digit, against)
    te, d_te = _pick(digits, digits.test, digit, against)
    run = pocket(digits.data[tr], d_tr, epochs=epochs)
    Ws = run.W_per_epoch
    wrong_test, shown = [], []
    position = _test_numbers(digits)                   # row -> test image number
    for W in Ws:
        z = digits.data[te] @ W[1:] + W[0]
        missed = te[(z >= 0).astype(int) != d_te]
        wrong_test.append(int(len(missed)))
        shown.append([position[int(i)] for i in missed[:SHOWN]])
    wrong = run.wrong_per_epoch
    solved = np.flatnonzero(wrong == 0)
    return dict(
        digit=digit, against=against, n_train=int(len(tr)), n_test=int(len(te)),
        epochs=epochs, solved_epoch=int(solved[0]) if len(solved) else None,
        w=[_levels(W[1:]) for W in Ws], b=[format_number(W[0]) for W in Ws],
        w_max=[format_number(np.abs(W[1:]).max()) for W in Ws],
        wrong_train=[int(v) for v in wrong], wrong_test=wrong_test, missed=shown,
        pocket=[int(np.argmin(wrong[:e + 1])) for e in range(epochs + 1)],
        W16=_sixteenths(run.W) if against == "rest" else None)


RUN_FIELDS = {          # what build_run sends; digits.js declares the same (@typedef Run)
    "digit": int, "against": (int, str), "n_train": int, "n_test": int, "epochs": int,
    "solved_epoch": (int, type(None)), "w": list, "b": list, "w_max": list,
    "wrong_train": list, "wrong_test": list, "missed": list, "pocket": list,
    "W16": (list, type(None)),
}


@functools.lru_cache(maxsize=2)
def all_runs(epochs=EPOCHS):
    """Every menu choice's run: each digit against each other digit and against the rest."""
    digits = load_digits()
    return {_key(a, b): build_run(digits, a, b, epochs)
            for a in range(10) for b in [*(v for v in range(10) if v != a), "rest"]}


# --- the drawing pad ------------------------------------------------------------------------

def reader_weights():
    """The ten one-vs-rest perceptrons of notebook 09's reader, as a (10, 65) array: row k is
    [b, w1, ..., w64] of "k or another digit?", its pocket weights after 30 epochs (the
    weights the drawing pad uses, from the runs the view gets)."""
    runs = all_runs()
    return np.array([runs[_key(k, "rest")]["W16"] for k in range(10)], dtype=float) / 16


def _grid(value, name, size, top, what):
    """``value`` as a new (size, size) int array of whole numbers 0..top, or a clear error."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be {what}; got {value!r:.40}.")
    arr = as_floats(value, name)
    if arr.shape != (size, size):
        got = "a single number" if arr.ndim == 0 else f"shape {arr.shape}"
        hint = ""
        if name == "bitmap32" and arr.shape == (8, 8):
            hint = " (An 8 x 8 picture is already reduced: give it to draw_verdict.)"
        elif name == "counts" and arr.shape == (64,):
            hint = " Use counts.reshape(8, 8) for 64 values in a row."
        raise ValueError(f"{name} must be {what}: {size} rows of {size}; got {got}.{hint}")
    bad = np.argwhere(~np.isin(arr, np.arange(top + 1)))
    if len(bad):
        r, c = bad[0]
        raise ValueError(f"{name} must be {what}; row {r}, column {c} holds "
                         f"{format_number(arr[r, c])}.")
    return arr.astype(int)


def reduce_drawing(bitmap32):
    """A drawing as the perceptrons see it: the 8 x 8 picture of the UCI digits.

    Alpaydin and Kaynak scanned each digit into a 32 x 32 bitmap of pixels on (ink) or off,
    and counted the pixels on in each of its 64 non-overlapping 4 x 4 blocks: 0 to 16.

    Parameters
    ----------
    bitmap32 : array_like, shape (32, 32)
        0 (off) or 1 (on) for every pixel, row by row from the top (True/False too).

    Returns
    -------
    ndarray of int, shape (8, 8)
        The counts, 0 to 16 (a new array; ``bitmap32`` is not changed).
    """
    pixels = _grid(bitmap32, "bitmap32", PAD, 1, "a 32 x 32 grid of pixels, 0 (off) or 1 (on)")
    n = PAD // BLOCK
    return pixels.reshape(n, BLOCK, n, BLOCK).sum(axis=(1, 3))


def draw_verdict(counts):
    """What the ten one-vs-rest perceptrons say to an 8 x 8 picture: z of each, and the digit
    with the largest z (the first on a tie), as notebook 09 reads all ten digits.

    Parameters
    ----------
    counts : array_like, shape (8, 8)
        Ink counts, whole numbers 0 to 16 (``reduce_drawing``'s result, or an image of
        ``load_digits().images``).

    Returns
    -------
    z : ndarray of float, shape (10,)
        z = b + w . x of the perceptron for 0, 1, ..., 9, with x = counts / 16 (exact: the
        weights are whole sixteenths, so no rounding happens).
    verdict : int or None
        The digit with the largest z; None for a picture with no ink (nothing drawn yet).
    """
    c = _grid(counts, "counts", PAD // BLOCK, BLOCK * BLOCK,
              "an 8 x 8 picture of ink counts, whole numbers from 0 to 16")
    W = reader_weights()
    z = W[:, 0] + (c.reshape(64) / 16) @ W[:, 1:].T
    return z, (int(np.argmax(z)) if c.any() else None)


def _a(n):
    """'a 3', 'an 8'."""
    return f"an {n}" if str(n) == "8" else f"a {n}"


def _others(run):
    return "every other digit" if run["against"] == "rest" else _a(run["against"])


def readout(run, epoch, use_pocket=False):
    """What the explorer says at ``epoch`` (the same words as the view)."""
    shown = run["pocket"][epoch] if use_pocket else epoch
    whose = (f"Pocket weights (from epoch {shown}) after epoch {epoch}" if use_pocket
             else "At the start, all weights 0" if epoch == 0 else f"After epoch {epoch}")
    return (f"{whose}: {run['wrong_train'][shown]} of {run['n_train']} training images "
            f"wrong, {run['wrong_test'][shown]} of {run['n_test']} test images wrong.")


def status(run, epoch):
    """The story of the run at ``epoch``: converged, or still making mistakes."""
    s = run["solved_epoch"]
    if s is not None and epoch >= s:
        group = "other digits" if run["against"] == "rest" else f"{run['against']}s"
        return (f"✔ From epoch {s} on, no training image is wrong: the {run['digit']}s and "
                f"the {group} of the training set lie on two sides of one hyperplane. "
                f"The test images are new to it; some may still be wrong.")
    if epoch < run["epochs"]:
        return (f"Learning: the neuron should fire for {_a(run['digit'])} and stay silent for "
                f"{_others(run)}.")
    p = run["pocket"][epoch]
    return (f"After {epoch} epochs, {run['wrong_train'][epoch]} training images are still "
            f"wrong and the rule keeps changing the weights. The pocket holds the best "
            f"seen: those of epoch {p}, {run['wrong_train'][p]} wrong.")


def _digit(value, name, rest=False):
    if isinstance(value, str) and rest and value.strip().lower() in ("rest", "all", "others"):
        return "rest"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
            or not 0 <= value <= 9:
        extra = ', or "rest" for every other digit' if rest else ""
        raise ValueError(f"{name} must be a digit from 0 to 9{extra}; got {value!r:.40}.")
    return int(value)


class DigitsExplorer(Stepping, Explorer):
    """Watch a perceptron learn to tell handwritten digits apart, epoch by epoch.

    Parameters
    ----------
    digit : int
        The digit the neuron should fire for (d = 1), 0 to 9.
    against : int or "rest"
        The other digit (d = 0), or "rest" for every other digit (one-vs-rest).
    pocket : bool
        Show the pocket weights (the best so far on the training images) instead of the
        weights after each epoch.
    size : "normal" or "large" (for projectors)

    All 100 choices of the two menus are trained when the explorer is made (about a
    second), so the menus work without a kernel. Its "draw a digit" button opens, in place
    of the run, a pad to draw a digit on
    (mouse, pen or finger): its 8 x 8 reduction (:func:`reduce_drawing`) and what the ten
    one-vs-rest perceptrons say to it (:func:`draw_verdict`) follow the drawing, also with
    no kernel. It opens at the last epoch; Home (or the
    start button) goes back to the zero weights. Keys (with the explorer focused): → / ←
    step, Home / End, space play or pause. From Python: ``go_to(epoch)``, ``step_forward()``,
    ``step_back()``, ``epoch``, ``W`` (the weights shown), ``digit``, ``against``, ``pocket``.
    """

    _esm = view_module("digits")

    runs = traitlets.Dict().tag(sync=True)
    images = traitlets.List().tag(sync=True)        # the test images, 64 letters each
    test_target = traitlets.List().tag(sync=True)
    digit = Setting(3)
    against = Setting(8)
    pocket = traitlets.Bool(False).tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    speed = traitlets.Int(4).tag(sync=True)

    def __init__(self, digit=3, against=8, pocket=False, size="normal"):
        digit, against = _digit(digit, "digit"), _digit(against, "against", rest=True)
        if digit == against:
            raise ValueError(f"digit and against must differ; both are {digit}. Choose "
                             f'another digit for against, or "rest".')
        if not isinstance(pocket, (bool, np.bool_)):
            raise TypeError(f"pocket must be True or False; got {pocket!r:.40}.")
        digits = load_digits()
        super().__init__(size=size, runs=all_runs(), digit=digit, against=against,
                         pocket=bool(pocket),
                         images=["".join(LEVELS[v] for v in im.ravel())
                                 for im in digits.images[digits.test]],
                         test_target=digits.target[digits.test].tolist())
        self._digits = digits
        self.position = EPOCHS          # the result first; Home (or start) replays the run

    @traitlets.validate("digit", "against")
    def _valid_digit(self, proposal):
        name, value = proposal["trait"].name, proposal["value"]
        try:
            value = _digit(value, name, rest=name == "against")
            other = self.against if name == "digit" else self.digit
            if value == other:     # the view's menus never offer this; Python may ask it
                raise ValueError(f"digit and against must differ; both would be {value}.")
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from None
        return value

    @property
    def run(self):
        return self.runs[_key(self.digit, self.against)]

    @traitlets.validate("position")
    def _valid_position(self, proposal):
        return int(min(max(proposal["value"], 0), EPOCHS))

    def _slider_max(self):
        return EPOCHS

    @property
    def epoch(self):
        return self.position

    @property
    def W(self):
        """The weights shown, [b, w1, ..., w64], computed again from the run's settings."""
        tr, d = _pick(self._digits, self._digits.train, self.digit, self.against)
        run = pocket(self._digits.data[tr], d, epochs=EPOCHS)
        e = self.run["pocket"][self.epoch] if self.pocket else self.epoch
        return run.W_per_epoch[e].copy()

    def describe_position(self):
        return readout(self.run, self.epoch, self.pocket)

    def describe_status(self):
        return status(self.run, self.epoch)

    def _png(self):
        spec = size_spec(self.size)
        fig = new_figure(self.size)
        run, e = self.run, self.epoch
        shown = run["pocket"][e] if self.pocket else e
        gs = fig.add_gridspec(1, 2, width_ratios=[1, 1.4], left=0.04, right=0.96, bottom=0.2,
                              top=0.84, wspace=0.3)
        ax_w, ax_bar = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        other = "other" if run["against"] == "rest" else str(run["against"])
        plot_weights_image(ax_w, self.W, title="the 64 weights",
                           colorbar_labels=(f"says {other}", f"says {run['digit']}"))
        ax_bar.bar(range(1, EPOCHS + 1), run["wrong_train"][1:], color=COLORS["bar"])
        if e:
            ax_bar.bar([e], [run["wrong_train"][e]], color=COLORS["bar_now"])
        p = run["pocket"][e]
        if p:
            ax_bar.annotate("pocket", (p, run["wrong_train"][p]), xytext=(0, 14),
                            textcoords="offset points", ha="center", fontsize=spec["font"] - 2,
                            arrowprops=dict(arrowstyle="-|>", color=COLORS["line"]))
        ax_bar.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax_bar.set_xlabel("epoch")
        ax_bar.set_title("training images wrong after each epoch", fontsize=spec["font"])
        what = (f"pocket weights after epoch {e} (those of epoch {shown})" if self.pocket
                else f"weights after epoch {e}" if e else "the starting weights")
        name = "another digit" if run["against"] == "rest" else run["against"]
        fig.suptitle(f"{run['digit']} or {name}? The {what}", fontsize=spec["font"] + 1)
        return _png(fig)

    def _describe(self):
        return f"DigitsExplorer: {readout(self.run, self.epoch, self.pocket)}"

