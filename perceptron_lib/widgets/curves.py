"""The curves explorer: a hidden layer bends the line around data no line separates.

Two interlocking moons, a ring round a disc, two spiral arms (:func:`~perceptron_lib.data.
make_curved`, 200 points each): a network with two inputs, H hidden sigmoid neurons and one
output (:class:`~perceptron_lib.network.TinyNetwork` with ``hidden=H``) learns each by
gradient descent. Every choice of the two menus (3 data sets x H = 1, 2, 3, 4, 8) is trained
in advance (:func:`compute_runs`, saved with the package by :func:`save_runs`; the tests
check that the saved runs are what training gives), and all of them go to the browser once,
so the menus, the steps and the slider work with no kernel. The view (curves.js) draws the
input plane with the network's answer shaded, **each hidden neuron's own line** (where it
outputs 0.5), and the points; beside it the loss and the share of points classed right, epoch
by epoch.

The sentences are pure functions of (history, epoch): :func:`readout` and :func:`status`.
"""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from pathlib import Path

import numpy as np
import traitlets

from ..data import CURVED_NAMES, make_curved
from ..narration import status_changes
from ..network import TinyNetwork
from ..style import format_number as fmt
from .base import Explorer, Setting, Stepping, view_module
from .descent import FLAT, loss_fall
from .pictures import curves_png

__all__ = ["CurvesExplorer", "HIDDEN_SIZES", "TRAINING", "train", "build_run", "all_runs",
           "compute_runs", "save_runs",
           "readout", "status", "right_count"]

HIDDEN_SIZES = (1, 2, 3, 4, 8)
EPOCHS = 2000
EVERY = 25                  # one frame every 25 epochs: 81 frames, the same epochs in every run
TRAINING = dict(lr=5, epochs=EPOCHS, loss="log", seed=0)   # the same for every menu choice
DATA_WORDS = {"moons": "two moons", "circles": "a ring round a disc", "spiral": "two spirals"}
BOX = (-1.2, 1.2)           # the input plane shown


@functools.lru_cache(maxsize=2)
def train(data, hidden):
    """The trained network for one menu choice. Only the last two are kept: a history holds
    every epoch's hidden outputs (up to 25 MB), and the view needs none of them."""
    X, d = make_curved(data)
    return TinyNetwork(hidden=hidden, **TRAINING).fit(X, d)


def right_count(history, epoch):
    """How many points are classed right after ``epoch`` (output >= 0.5 for d = 1, below
    for d = 0)."""
    return int(((history.outputs[epoch] >= 0.5) == (history.d == 1)).sum())


def _lines(h):
    return "1 hidden neuron" if h == 1 else f"{h} hidden neurons"


def readout(history, epoch):
    """What the network does after ``epoch`` (0: the random start): the loss and how many
    points it classes right. (The view writes the same words from the run's
    numbers.)"""
    n = len(history.d)
    right = right_count(history, epoch)
    when = "At the random start" if epoch == 0 else f"After epoch {epoch} of {history.n_epochs}"
    return (f"{when}: loss {fmt(history.loss[epoch])}, {right} of {n} points classed right "
            f"({fmt(100 * right / n)} %).")


def status(history, epoch):
    """The story so far at ``epoch``: every point right, still learning, or as far as these
    hidden neurons' lines can go."""
    H, n = history.W_hidden.shape[1], len(history.d)
    solved = history.solved_epoch
    if solved is not None and epoch >= solved:
        return (f"✔ From epoch {solved} on, all {n} points are classed right: the output "
                f"neuron's region is built from the {_lines(H)}' lines, rounded off where "
                f"they meet.")
    if epoch == 0:
        return ("Random start: each hidden neuron's line lies anywhere. Press step or play to "
                "run gradient descent.")
    if epoch < history.n_epochs:
        return f"Learning: the {_lines(H)}' lines move, and the shaded region with them."
    wrong = n - right_count(history, epoch)
    still = f"{wrong} point is" if wrong == 1 else f"{wrong} points are"
    if H == 1:
        return (f"After {epoch} epochs, {still} still wrong. With one hidden neuron the "
                f"network's answer can only change across that neuron's line: the boundary is "
                f"straight, and no straight line separates these points.")
    window, fall = loss_fall(history)
    then, now = fmt(history.loss[epoch - window]), fmt(history.loss[epoch])
    if fall >= FLAT:
        return (f"After {epoch} epochs, {still} still wrong, but the loss is still falling "
                f"({then} to {now} over the last {window} epochs): the lines are still "
                f"moving.")
    return (f"After {epoch} epochs, {still} still wrong, and the loss has almost stopped "
            f"falling ({then} to {now} over the last {window} epochs): {H} lines are not "
            f"enough to fence these points in, or gradient descent has not found how. Try "
            f"more hidden neurons.")


def _r(a, digits=2):
    return np.round(np.asarray(a, dtype=float), digits).tolist()


RUN_FIELDS = {          # what build_run sends; curves.js declares the same (@typedef Run)
    "title": str, "data": str, "hidden": int, "n_epochs": int, "epochs": list,
    "solved_epoch": (int, type(None)), "W_hidden": list, "W_out": list, "loss": list,
    "right": list, "status": list,
}


def build_run(history, data):
    """One menu choice's run, as the browser view needs it (plain JSON: the weights of every
    25th epoch, rounded to what the picture needs, the loss to 4 digits, the points right
    and the status line at each change; the view writes the readout from these)."""
    frames = list(range(0, history.n_epochs + 1, EVERY))
    H = history.W_hidden.shape[1]
    return dict(
        title=f"{DATA_WORDS[data]}, {_lines(H)}", data=data, hidden=H,
        n_epochs=history.n_epochs, epochs=frames, solved_epoch=history.solved_epoch,
        W_hidden=_r(history.W_hidden[frames]), W_out=_r(history.W_out[frames]),
        loss=[float(f"{v:.4g}") for v in history.loss[frames]],
        right=[right_count(history, e) for e in frames],
        status=status_changes(status(history, e) for e in frames))


SAVED = "curves_runs.json.gz"     # in the package: compute_runs(), saved by save_runs()


def compute_runs():
    """Every menu choice's run, trained now: 15 networks, about 3 seconds."""
    return {f"{data}/{h}": build_run(train(data, h).history_, data)
            for data in CURVED_NAMES for h in HIDDEN_SIZES}


def save_runs():
    """Write compute_runs() into the package, where the explorer reads it (the tests check
    that it is what training gives today; run this after changing the training or the
    words)."""
    text = json.dumps(compute_runs(), separators=(",", ":"), ensure_ascii=False)
    path = Path(__file__).resolve().parents[1] / SAVED
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return path


@functools.cache
def _all_runs():
    # the runs are saved with the package, so that an explorer is on screen at once; they
    # are exactly what compute_runs() gives (tested)
    try:
        saved = resources.files("perceptron_lib").joinpath(SAVED).read_bytes()
        runs = json.loads(gzip.decompress(saved).decode("utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        runs = compute_runs()
    points = {data: dict(X=_r(X, 3), d=d.tolist())
              for data, (X, d) in ((name, make_curved(name)) for name in CURVED_NAMES)}
    return runs, points


def all_runs():
    """Every menu choice's run, keyed "moons/3", and each data set's points (new dicts)."""
    runs, points = _all_runs()
    return dict(runs), dict(points)


def _choice(value, name, choices, example):
    if isinstance(value, str):
        value = value.strip().lower()
    if isinstance(value, (bool, np.bool_)) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(str, choices))} (such as "
                         f"{example}); got {value!r:.40}.")
    return int(value) if name.startswith("hidden") else value


def _data(value):
    return _choice(value, "data", CURVED_NAMES, '"moons"')


def _hidden(value):
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return _choice(value, "hidden (the number of hidden neurons)", HIDDEN_SIZES, 3)


class CurvesExplorer(Stepping, Explorer):
    """Watch a hidden layer bend the decision line around data no line separates.

    Parameters
    ----------
    data : "moons", "circles" or "spiral"
    hidden : 1, 2, 3, 4 or 8
        The number of hidden neurons.
    size : "normal" or "large" (for projectors)

    Every choice of the two menus is trained in advance (gradient descent, 2000 epochs,
    learning rate 5, log loss, seed 0: ``TinyNetwork(hidden=H, **TRAINING)``), so the menus
    work with no kernel; ``network`` trains the one shown again when asked. Keys (with the
    explorer focused): → / ← step, Home / End, space play or pause. From Python: ``go_to(k)``
    (a picture), ``go_to_epoch(e)``, ``step_forward()``, ``step_back()``, ``epoch``,
    ``data``, ``hidden``, ``network``.
    """

    _esm = view_module("curves")

    runs = traitlets.Dict().tag(sync=True)
    points = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    data = Setting("moons")
    hidden = Setting(3)
    hidden_options = traitlets.List(list(HIDDEN_SIZES)).tag(sync=True)
    speed = traitlets.Int(15).tag(sync=True)

    def __init__(self, data="moons", hidden=3, size="normal"):
        data, hidden = _data(data), _hidden(hidden)
        runs, points = all_runs()
        super().__init__(size=size, runs=runs, points=points, data=data, hidden=hidden)

    @traitlets.validate("data", "hidden")
    def _valid_setting(self, proposal):
        check = _data if proposal["trait"].name == "data" else _hidden
        try:
            return check(proposal["value"])
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    # -- what is shown ---------------------------------------------------------------------------
    @property
    def run(self):
        """The run of the menus' choice (the view shows the same)."""
        return self.runs[f"{self.data}/{self.hidden}"]

    @property
    def network(self):
        """The trained TinyNetwork of the menus' choice."""
        return train(self.data, self.hidden)

    @traitlets.validate("position")
    def _valid_position(self, proposal):
        return int(min(max(proposal["value"], 0), self._slider_max()))

    def _slider_max(self):
        return EPOCHS // EVERY

    @property
    def epoch(self):
        """The epoch shown (0: the random start)."""
        return self.position * EVERY

    def go_to_epoch(self, epoch):
        """Show the last picture at or before ``epoch``."""
        self.go_to(int(epoch) // EVERY if epoch >= 0 else 0)

    def describe_position(self):
        return readout(self.network.history_, self.epoch)

    # -- still picture and text ------------------------------------------------------------------
    def _png(self):
        # at its start, the still picture shows the last epoch (as the other explorers)
        at = self._slider_max() if self.position == 0 else self.position
        return curves_png(self.run, self.points[self.data], at, self.size, BOX)

    def _describe(self):
        n = len(self.points[self.data]["d"])
        still = (f" (the still picture: epoch {EPOCHS}, {self.run['right'][-1]} classed right)"
                 if self.position == 0 else "")
        return (f"CurvesExplorer: {self.run['title']}, epoch {self.epoch} of {EPOCHS}, "
                f"{self.run['right'][self.position]} of {n} points classed right{still}")
