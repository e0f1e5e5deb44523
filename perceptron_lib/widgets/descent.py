"""The gradient-descent explorer: watch a 2-2-1 network learn XOR, epoch by epoch.

The network is trained once (:class:`~perceptron_lib.network.TinyNetwork`); the run is sent
to the browser once, every k-th epoch so that it stays under 250 steps, with every
sentence the explorer can say. The browser view (descent.js) steps, goes back, scrubs and
plays in one frame, with or without a kernel: the two hidden neurons' lines moving in the
input plane, the four points moving in the hidden plane until the output neuron's line
separates them, and the loss falling. Python is needed only to retrain (seed, learning rate,
epochs).

The sentences are pure functions of (history, epoch): :func:`readout` and :func:`status`.
"""

from __future__ import annotations

import math

import numpy as np
import traitlets

from .. import validation as check
from ..data import gate as gate_data
from ..narration import status_changes
from ..network import TinyNetwork
from ..style import COLORS
from ..style import format_number as fmt
from .base import Explorer, Setting, Stepping, explain, view_module
from .pictures import descent_png

__all__ = ["DescentExplorer", "frame_epochs", "readout", "status", "merged_points"]

MAX_FRAMES = 250            # steps sent to the browser, at most (a page stays small)
MAX_EPOCHS = 20000
MAX_SEED = 999_999
INPUT_NAMES = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")
HIDDEN_COLORS = (COLORS["excite"], COLORS["inhibit"])    # hidden neuron 1 and 2


# --- which epochs are sent, and what the explorer says -------------------------------------------

def frame_epochs(n_epochs, solved_epoch=None, max_frames=MAX_FRAMES):
    """The epochs shown: every k-th one so that there are at most ``max_frames`` steps, and
    always the start, the end and the epoch from which the network is right."""
    k = max(1, math.ceil(n_epochs / max_frames))
    epochs = set(range(0, n_epochs + 1, k)) | {n_epochs}
    if solved_epoch is not None:
        epochs.add(solved_epoch)
    return sorted(epochs)


def _right(history, epoch):
    """Which outputs are on the right side of 0.5 after ``epoch``."""
    return (history.outputs[epoch] >= 0.5) == (history.d == 1)


def merged_points(history, epoch, within=0.1):
    """Pairs of inputs with different labels that the hidden layer puts (almost) on the same
    spot, ``within`` apart in h1 and in h2: no output line can tell those apart."""
    H, d = history.hidden[epoch], history.d
    return [(i, j) for i in range(len(d)) for j in range(i + 1, len(d))
            if d[i] != d[j] and np.abs(H[i] - H[j]).max() < within]


def readout(history, epoch):
    """What the network does after ``epoch`` (0: the random start): the loss, the outputs
    and where the hidden layer puts the inputs, for (0, 0), (0, 1), (1, 0), (1, 1) in order."""
    y = history.outputs[epoch]
    right = int(_right(history, epoch).sum())
    when = "At the random start" if epoch == 0 else f"After epoch {epoch} of {history.n_epochs}"
    outs = ", ".join(f"{v:.2f}" for v in y)
    hidden = ", ".join(f"({a:.2f}, {b:.2f})" for a, b in history.hidden[epoch])
    order = " for (0, 0), (0, 1), (1, 0), (1, 1):" if epoch == 0 else ""   # said once
    return (f"{when}: loss {fmt(history.loss[epoch])}. Outputs{order} {outs} (XOR wants 0, 1, "
            f"1, 0): {right} of 4 on the right side of 0.5. Hidden plane"
            f"{' (h1, h2)' if epoch == 0 else ''}: {hidden}.")


FLAT = 0.01    # the loss is flat when it fell by less than 1 % over the last tenth of the run


def loss_fall(history):
    """(window, fall): how much the loss fell, as a fraction of its last value, over the last
    ``window`` epochs (a tenth of the run, at least 25 epochs or the whole run)."""
    E = history.n_epochs
    window = min(E, max(E // 10, 25))
    last = history.loss[E]
    return window, float((history.loss[E - window] - last) / last) if last > 0 else 0.0


def status(history, epoch):
    """The story so far at ``epoch``: learned, still learning, or stuck (only at the end)."""
    solved = history.solved_epoch
    if solved is not None and epoch >= solved:
        return (f"✔ From epoch {solved} on, all four outputs are on the right side of 0.5: "
                f"the hidden layer has moved the points so that the output neuron's line "
                f"separates them.")
    wrong = 4 - int(_right(history, epoch).sum())
    merged = merged_points(history, epoch)
    same = ""
    if merged:
        i, j = merged[0]
        same = (f" The inputs {INPUT_NAMES[i]} and {INPUT_NAMES[j]} (different answers) sit "
                f"on almost the same spot of the hidden plane, so no output line can tell "
                f"them apart.")
    if epoch == history.n_epochs and epoch > 0:
        window, fall = loss_fall(history)
        then, now = fmt(history.loss[epoch - window]), fmt(history.loss[epoch])
        if fall >= FLAT:
            return (f"Still learning after {epoch} epochs: {wrong} of 4 outputs on the wrong "
                    f"side of 0.5, but the loss is still falling ({then} to {now} over the "
                    f"last {window} epochs).{same} Try more epochs.")
        return (f"Stuck after {epoch} epochs: {wrong} of 4 outputs still on the wrong side of "
                f"0.5, and the loss has almost stopped falling ({then} to {now} over the last "
                f"{window} epochs).{same} Try another seed: a new random start is the surer "
                f"way out of a plateau this flat than more epochs.")
    if epoch == 0:
        return (f"Random start: {wrong} of 4 outputs on the wrong side of 0.5. Press step or "
                f"play to run gradient descent.")
    return f"Learning: {wrong} of 4 outputs still on the wrong side of 0.5.{same}"


# --- checked settings ----------------------------------------------------------------------------

def _rate(value):
    return check.number_between(value, "the learning rate", 0, 100, 5, above_low=True)


def _r(a, digits=3):
    """Numbers for the browser, rounded (the picture needs no more) to keep the page small."""
    return np.round(np.asarray(a, dtype=float), digits).tolist()


# --- the explorer --------------------------------------------------------------------------------

RUN_FIELDS = {          # what build_run sends; descent.js declares the same (@typedef Run)
    "title": str, "seed": int, "lr": float, "X": list, "d": list, "input_names": list,
    "n_epochs": int, "epochs": list,           # the epochs shown, one frame each
    "solved_epoch": (int, type(None)),
    "W_hidden": list, "W_out": list, "hidden": list, "outputs": list, "loss": list,
    "loss_max": float, "loss_name": str,
    "merged": list,                            # merged_points, one list per frame
    "readout": list,                           # one sentence per frame
    "status": list,                            # [frame, text] at each change
}


def build_run(h, *, seed, lr, loss):
    """The run of a trained network, as the browser view needs it (plain JSON, at most
    MAX_FRAMES frames, numbers rounded to what the picture needs)."""
    frames = frame_epochs(h.n_epochs, h.solved_epoch)
    return dict(
        title=f"XOR: seed {seed}, learning rate {fmt(lr)}", seed=seed, lr=float(lr),
        X=h.X.tolist(), d=[int(v) for v in h.d], input_names=list(INPUT_NAMES),
        n_epochs=h.n_epochs, epochs=frames, solved_epoch=h.solved_epoch,
        W_hidden=_r(h.W_hidden[frames]), W_out=_r(h.W_out[frames]),
        hidden=_r(h.hidden[frames]), outputs=_r(h.outputs[frames]),
        loss=[float(f"{v:.4g}") for v in h.loss[frames]], loss_max=float(h.loss.max()),
        loss_name="squared loss" if loss == "squared" else "log loss",
        merged=[[list(pair) for pair in merged_points(h, e)] for e in frames],
        readout=[readout(h, e) for e in frames],
        status=status_changes(status(h, e) for e in frames))


class DescentExplorer(Stepping, Explorer):
    """Step through gradient descent on a 2-2-1 network learning XOR.

    Parameters
    ----------
    seed : int
        Seed of the random starting weights (0 to 999999).
    lr : float
        Learning rate (greater than 0, at most 100).
    epochs : int
        Epochs of gradient descent (1 to 20000).
    loss : "squared" or "log"
    size : "normal" or "large" (for projectors)

    Keys (with the explorer focused): → / PageDown step, ← / PageUp back, Home / End,
    space play or pause. From Python: ``go_to(k)`` (a picture), ``go_to_epoch(e)``,
    ``step_forward()``, ``step_back()``, ``position``, ``epoch``, ``seed``, ``lr``, ``epochs``.
    """

    _esm = view_module("descent")

    LEARNING_RATES = (0.5, 1, 2, 5, 10)
    RETRAIN_ON = ("seed", "lr", "epochs")
    EPOCHS = (250, 500, 1000, 2000, 5000)

    run = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    # settings are checked by _valid_setting (Any: our own messages, also for the wrong type)
    seed = Setting(0)
    lr = Setting(5.0)
    lr_options = traitlets.List().tag(sync=True)
    epochs = Setting(1000)
    epoch_options = traitlets.List().tag(sync=True)
    speed = traitlets.Int(20).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)

    def __init__(self, seed=0, lr=5, epochs=1000, loss="squared", size="normal"):
        seed = check.whole_number(seed, "seed", 0, MAX_SEED)
        lr = _rate(lr)
        epochs = check.whole_number(epochs, "epochs", 1, MAX_EPOCHS)
        TinyNetwork(loss=loss)                   # loss checked, with a clear message
        self.loss = loss
        super().__init__(size=size, seed=seed, lr=lr, epochs=epochs,
                         lr_options=sorted(set(self.LEARNING_RATES) | {lr}),
                         epoch_options=sorted(set(self.EPOCHS) | {epochs}))
        self.network = self.history = None
        self.frames = []
        self._last_good = None
        self.error = ""
        self.observe(self._on_setting, names=list(self.RETRAIN_ON))
        self.on_msg(self._on_view_message)
        if not self.retrain():
            raise ValueError(self.error)

    # -- training -----------------------------------------------------------------------------
    def retrain(self):
        """Train again with the current seed, learning rate and epochs; back to the start.

        If the settings are odd or training fails, the explorer says why and keeps the last
        run that worked (and its settings). Returns True when the new run is shown.
        """
        seed, lr, epochs = self.seed, self.lr, self.epochs      # checked where they were set
        try:
            X, d = gate_data("XOR")
            network = TinyNetwork(lr=lr, epochs=epochs, loss=self.loss, seed=seed).fit(X, d)
            run = build_run(network.history_, seed=seed, lr=lr, loss=self.loss)
        except Exception as err:  # whatever happened, the learner keeps a working explorer
            with self._quiet():
                if self._last_good is not None:
                    self.seed, self.lr, self.epochs = self._last_good
                self.error = self.message = explain(err)
            return False
        self.network, self.history = network, network.history_
        self.frames = run["epochs"]
        self._last_good = (seed, lr, epochs)
        with self._quiet():                          # one message to the view
            self.error = self.message = ""
            self.position = 0
            self.run = run
            self.lr_options = sorted(set(self.lr_options) | {lr})
            self.epoch_options = sorted(set(self.epoch_options) | {epochs})
        return True

    def _on_setting(self, change):
        if not self._busy:
            with self._quiet():
                self.retrain()

    @traitlets.validate("seed", "lr", "epochs")
    def _valid_setting(self, proposal):
        value, name = proposal["value"], proposal["trait"].name
        valid = {"seed": lambda v: check.whole_number(v, "seed", 0, MAX_SEED), "lr": _rate,
                 "epochs": lambda v: check.whole_number(v, "epochs", 1, MAX_EPOCHS)}[name]
        try:
            return valid(value)
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    def _on_view_message(self, widget, content, buffers):
        """The view asks only whether a kernel is listening (after changing a setting)."""
        self.send({"kind": "ack"})

    # -- moving through the run (the browser does this by itself; these are for Python) ---------
    @traitlets.validate("position")
    def _valid_position(self, proposal):
        n = len(self.run.get("epochs", [0])) - 1 if self.run else 0
        return int(min(max(proposal["value"], 0), n))

    @property
    def epoch(self):
        """The epoch shown (0: the random start)."""
        return self.frames[self.position] if self.frames else 0

    def _slider_max(self):
        return len(self.frames) - 1

    def go_to_epoch(self, epoch):
        """Show the last picture at or before ``epoch``."""
        self.position = max(int(np.searchsorted(self.frames, epoch, side="right")) - 1, 0)

    def describe_position(self):
        return self.run["readout"][self.position]

    # -- still picture and text ------------------------------------------------------------------
    def _png(self):
        # at its start, the still picture shows the last epoch (as the training explorer)
        at = self.frames[-1] if self.position == 0 else self.epoch
        return descent_png(self.history, at, self.size, self.run["title"], HIDDEN_COLORS,
                           self.run["loss_name"], merged_points(self.history, at))

    def _describe(self):
        last = self.frames[-1]
        still = f"; the still picture: epoch {last}" if self.position == 0 else ""
        return (f"DescentExplorer: XOR, seed {self.seed}, learning rate {fmt(self.lr)}, epoch "
                f"{self.epoch} of {self.history.n_epochs} (loss "
                f"{fmt(self.history.loss[self.epoch])}{still})")
