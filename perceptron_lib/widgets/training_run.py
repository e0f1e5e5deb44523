"""The run the training explorer sends to its browser view, built from a TrainingHistory.

``build_run`` is a pure function of a training and the view's settings, so it can be tested
(or computed for a web page) without a widget. ``RUN_FIELDS`` lists every field the view
reads; training.js declares the same fields in its ``@typedef Run``.

A run has a size budget (``RUN_BUDGET`` bytes of JSON): it is sent to the browser and saved
in the notebook. A long or large run is thinned: the first epochs go visit by visit (a
*frame* per visit), the later ones epoch by epoch (a frame per epoch end), and if even that
is too much, only the first epochs are shown. The run says so in ``thinned``.
"""

from __future__ import annotations

import json

import numpy as np
import traitlets

from .. import narration
from ..geometry import is_linearly_separable, max_margin_weights, novikoff_bound
from ..perceptron import Perceptron
from ..style import format_number as fmt
from ..style import format_vector
from .base import Stepping

__all__ = ["RUN_BUDGET", "RUN_FIELDS", "RunReader", "build_run", "epochs_done", "fit_view",
           "frame_of", "guess_outcome", "snap_position", "train", "update_outcome"]

NO_POINTS = ("No points yet. Click on the picture to add points (choose the class first), or "
             "type them in the box as lines 'x1, x2, class'.")


def train(X, d, *, lr, epochs, shuffle, seed, W0=None):
    """Train a perceptron on (X, d) for the explorer, from ``W0`` (zeros by default): a dict
    with ``problem`` (why there is nothing to train, or ""), ``perceptron``, ``history``,
    ``bound`` (Novikoff's, or None) and ``separable``."""
    out = dict(problem="", perceptron=None, history=None, bound=None, separable=None)
    if len(X) == 0:
        return dict(out, problem=NO_POINTS)
    if d.min() == d.max():
        return dict(out, problem=f"All points are class {int(d[0])}. Add at least one point "
                                 f"of class {1 - int(d[0])}, so there is something to separate.")
    perceptron = Perceptron(2, lr=lr, epochs=epochs, shuffle=shuffle, seed=seed,
                            W0=W0).fit(X, d)
    separable = is_linearly_separable(X, d)
    bound = None
    if separable:
        try:
            bound = novikoff_bound(X, d, max_margin_weights(X, d))
        except ValueError:         # no margin that floating point can show: no bound
            bound = None
        if bound is not None and not np.isfinite(bound):
            bound = None
    return dict(out, perceptron=perceptron, history=perceptron.history_, bound=bound,
                separable=separable)


def fit_view(X):
    """The picture's limits ((x0, x1), (y0, y1)) around the points, with room to spare."""
    # halves first, so that points near the largest floats do not overflow
    lo, hi = X.min(axis=0), X.max(axis=0)
    centre = lo / 2 + hi / 2
    # at least half a unit, and wide enough for its place: near 1e16 a unit is below the
    # floats' spacing, and an axis of +-0.6 would have no width at all
    half = max((hi / 2 - lo / 2).max(), 0.5, np.abs(centre).max() * 2.0**-40) * 1.25
    xlim, ylim = ((float(c - half), float(c + half)) for c in centre)
    if not np.isfinite([xlim, ylim]).all():
        raise ValueError("these points are too far out to draw (beyond about 1e307): scale "
                         "them down, for example divide X by 1e10.")
    return xlim, ylim

RUN_BUDGET = 2_000_000

RUN_FIELDS = {
    "title": str, "xlim": list, "ylim": list, "X": list, "d": list, "dataset": str,
    "lr": float, "x_label": str, "y_label": str, "class_names": list,
    "shuffle": bool,        # visited in a new random order every epoch
    "W0": (list, type(None)),   # the start weights [b, w1, w2] set (None: zeros)
    "has_history": bool,
    "n": int,               # the last position shown (visits done)
    "stepped": int,         # positions 0..stepped go visit by visit; later ones epoch by epoch
    "n_epochs": int,        # epochs shown
    "n_epochs_shown": int,  # epochs in the mistakes panel (at least 1)
    "W": list, "W_text": list, "readout": list,     # one per frame (see frame_of)
    "sample": list, "e": list, "rows": list,        # one per visit, the first `stepped`
    "z": list,              # z of each of those visits, every digit (for the CSV file);
                            # "inf" or "-inf" where W.x overflowed
    "cum": list,                                    # updates after each of positions 0..stepped
    "epoch_ends": list,     # the position after each epoch shown
    "mistakes": list, "max_mistakes": int, "readout_epoch": list,
    "status": list,         # [position, text] at each change
    "thinned": str,         # what was left out of a long run ("" when nothing was)
}


def guess_outcome(run, position, fires):
    """A learner's guess at the next visit (from ``position``): (right, sentence).

    The sentence says what happens, and why, in the course's words; the browser view writes
    the same sentence from the same run."""
    epoch, x1, x2, z, y, d, e = run["rows"][position]
    did = "fires (output 1)" if y == "1" else "stays silent (output 0)"
    right = (y == "1") == bool(fires)
    why = f"z = {z}, " + ("and step(z) = 1 when z ≥ 0" if y == "1" else "below 0")
    then = "no change" if e == "+0" else \
        f"it should have {'fired' if d == '1' else 'stayed silent'}, so e = {e}: an update"
    mark = "✔ Right" if right else "✘ Not this time"
    return right, f"{mark}: at x = ({x1}, {x2}) the neuron {did}, since {why}; {then}."


# Predict mode's second question, on a visit that is a mistake: which way does the update
# move W? The two answers (``towards`` True or False), as the view's buttons say them.
UPDATE_CHOICES = {True: "w towards x, b up", False: "w away from x, b down"}


def update_outcome(run, position, towards):
    """A learner's guess at the update of the visit at ``position`` (a mistake): whether it
    moves w towards x and b up (``towards`` True) or w away from x and b down (False), as
    (right, sentence). The sentence says what Rosenblatt's rule does there, in notebook 04's
    words; the browser view writes the same sentence from the same run."""
    epoch, x1, x2, z, y, d, e = run["rows"][position]
    excite = e == "+1"
    right = excite == bool(towards)
    w = ("w stays, as x = (0, 0)" if {x1, x2} <= {"0", "-0"} else
         "w moves towards x" if excite else "w moves away from x")
    how = f"b goes up and {w}: excite" if excite else f"b goes down and {w}: inhibit"
    mark = "✔ Right" if right else "✘ Not this time"
    return right, (f"{mark}: e = d − y = {d} − {y} = {e}, so W ← W + {fmt(run['lr'])}·({e})·"
                   f"[1, {x1}, {x2}]; {how}, and z at this x goes {'up' if excite else 'down'}, "
                   f"towards the right answer; now W = {run['W_text'][position + 1]}.")


def epochs_done(run, position):
    """How many epochs are complete at ``position``."""
    return sum(1 for end in run["epoch_ends"] if end <= position)


def snap_position(run, position):
    """``position`` kept within the run: past the visits sent one by one, at the end of an
    epoch (the one before)."""
    p = int(min(max(position, 0), run["n"]))
    if p > run["stepped"]:
        p = max([run["stepped"]] + [e for e in run["epoch_ends"] if e <= p])
    return p


def frame_of(run, position):
    """The index in ``W``, ``W_text`` and ``readout`` of ``position``: the position itself up
    to ``stepped``, then one frame per epoch end."""
    stepped = run["stepped"]
    if position <= stepped:
        return position
    return stepped + sum(1 for end in run["epoch_ends"] if stepped < end <= position)


def _empty(base, problem):
    W0 = [0.0, 0.0, 0.0]
    return dict(base, has_history=False, n=0, stepped=0, n_epochs=0, n_epochs_shown=1,
                W=[W0], W_text=[format_vector(W0)], readout=["Nothing to train on yet."],
                sample=[], e=[], rows=[], z=[], cum=[0], epoch_ends=[], mistakes=[],
                max_mistakes=1,
                readout_epoch=["Nothing to train on yet."], status=[[0, problem]], thinned="")


def _frames(h, lr, view, bound, separable, stepped_epochs, shown_epochs):
    """The fields that depend on how much is sent."""
    xlim, ylim = view
    m = h.epoch_end_position(stepped_epochs)
    ends = [h.epoch_end_position(k) for k in range(1, shown_epochs + 1)]
    later = [p for p in ends if p > m]
    frames = list(range(m + 1)) + later
    W_all = [h.W_at(0)] + list(h.W_after[:m]) if m else [h.W_at(0)]
    W = W_all + [h.W_at(p) for p in later]
    x, z, y, dd, e, epoch = h.x[:m], h.z[:m], h.y[:m], h.d[:m], h.e[:m], h.epoch[:m]
    rows = [[str(int(epoch[k])), fmt(x[k, 0]), fmt(x[k, 1]), fmt(z[k]), str(int(y[k])),
             str(int(dd[k])), f"{int(e[k]):+d}"] for k in range(m)]
    readout = narration.readouts(h, lr, xlim, ylim, epochs=stepped_epochs)
    readout += [narration.readout(h, p, lr, xlim, ylim) for p in later]
    # The status line changes only after an update, when convergence or a cycle shows, and
    # at the end: send each change once.
    n = frames[-1]
    moments = {0, n} | {p for p in range(1, m + 1) if e[p - 1] != 0} | set(later)
    if h.converged_epoch is not None and h.converged_epoch <= shown_epochs:
        moments.add(h.epoch_end_position(h.converged_epoch))
    if h.cycle is not None and h.cycle.epoch <= shown_epochs:
        moments.add(h.epoch_end_position(h.cycle.epoch))
    status, last = [], None
    for p in sorted(moments):
        text = narration.status(h, p, bound, separable)
        if text != last:
            status.append([p, text])
            last = text
    mistakes = list(h.mistakes_per_epoch[:shown_epochs])
    return dict(
        n=n, stepped=m, n_epochs=shown_epochs, n_epochs_shown=max(shown_epochs, 1),
        W=[[float(v) for v in w] for w in W], W_text=[format_vector(w) for w in W],
        readout=readout, sample=[int(s) for s in h.sample[:m]], e=[int(v) for v in e],
        rows=rows, z=[_json_float(v) for v in z],
        cum=[0] + np.cumsum(e != 0).astype(int).tolist(), epoch_ends=ends,
        mistakes=mistakes, max_mistakes=max(max(mistakes), 1),
        readout_epoch=[narration.epoch_readout(h, k, xlim, ylim)
                       for k in range(shown_epochs + 1)],
        status=status)


def _json_float(v):
    """A float for JSON, which has no infinity: W.x of huge inputs can overflow to +-inf
    (step(inf) = 1 all the same); it is sent as "inf" or "-inf", as Python's CSV writes it."""
    v = float(v)
    return v if np.isfinite(v) else ("inf" if v > 0 else "-inf")


def _thinned_note(h, stepped_epochs, shown_epochs):
    if stepped_epochs == shown_epochs == h.n_epochs:
        return ""
    m = h.epoch_end_position(stepped_epochs)
    if stepped_epochs == 0:
        text = (f"This run has {len(h):,} visits, too many to send one by one: step through "
                f"it epoch by epoch (per epoch).")
    elif stepped_epochs < shown_epochs:
        text = (f"This run has {len(h):,} visits, too many to send one by one: the first "
                f"{stepped_epochs} epoch{'s' if stepped_epochs > 1 else ''} ({m:,} visits) "
                f"go visit by visit; after that, step per epoch.")
    else:
        text = ""
    if shown_epochs < h.n_epochs:
        text += (f" Only the first {shown_epochs:,} of {h.n_epochs:,} epochs are shown; the "
                 f"last one ends at W = {format_vector(h.W_at(len(h)))}.")
    return text.strip()


def build_run(X, d, history, *, lr, dataset, names, view, title, problem="", bound=None,
              separable=None, budget=RUN_BUDGET, shuffle=False, W0=None):
    """The whole run, as the browser view needs it (plain JSON, at most ``budget`` bytes).

    Parameters
    ----------
    X, d : arrays
        The points trained on and their labels.
    history : TrainingHistory or None
        None (or empty) when there is nothing to train on; ``problem`` then says why.
    lr, dataset, shuffle, W0 : the settings trained with (W0: [b, w1, w2], None for zeros).
    names : dict with x_label, y_label, class_names.
    view : ((x0, x1), (y0, y1)), the picture's limits.
    title : str
    bound, separable : Novikoff's bound (or None) and whether a line separates the points.
    """
    xlim, ylim = view
    base = dict(title=title, xlim=[float(v) for v in xlim], ylim=[float(v) for v in ylim],
                X=np.asarray(X, dtype=float).tolist(), d=[int(v) for v in d],
                dataset=dataset, lr=float(lr), shuffle=bool(shuffle),
                W0=None if W0 is None else [float(v) for v in W0], **names)
    h = history
    if h is None or len(h) == 0:
        return _empty(base, problem)
    def build(stepped, shown):
        run = dict(base, has_history=True, thinned=_thinned_note(h, stepped, shown),
                   **_frames(h, lr, view, bound, separable, stepped, shown))
        return run, len(json.dumps(run))

    E = h.n_epochs
    stepped, shown = _guess(h, build, budget)
    while True:
        run, size = build(stepped, shown)
        if size <= budget or (stepped == 0 and shown == 1):
            return run
        # still too big: fewer epochs visit by visit, then fewer epochs shown
        if stepped > 0:
            stepped = min(int(stepped * budget / size * 0.9), stepped - 1)
        else:
            shown = max(1, min(int(shown * budget / size * 0.9), shown - 1))
        if E == 0:  # pragma: no cover - a history always has an epoch
            return run


def _guess(h, build, budget):
    """How many epochs fit visit by visit, and how many epoch ends, from three small builds
    (the first epoch's end alone, the first 21 ends, and the first epoch visit by visit)."""
    E = h.n_epochs
    _, size0 = build(0, 1)
    more = min(E, 21)
    per_epoch = (build(0, more)[1] - size0) / (more - 1) if more > 1 else 0.0
    _, size1 = build(1, 1)
    per_visit = (size1 - size0) / max(h.epoch_end_position(1), 1)
    shown = E if E * per_epoch <= budget / 2 else max(1, int(budget / 2 / per_epoch))
    room = budget * 0.9 - size0 - shown * per_epoch
    stepped = 0
    while stepped < shown and h.epoch_end_position(stepped + 1) * per_visit <= room:
        stepped += 1
    return stepped, shown


class RunReader(Stepping, traitlets.HasTraits):
    """Moving through a training run from Python and reading it, as the view does (a part of
    the training explorer, which has ``run``, ``position``, ``per_epoch``, ``score``,
    ``update_question`` and ``message``). The browser view steps by itself; these are for
    Python."""

    # The slider counts visits (up to those sent one by one), or epochs in per-epoch mode.
    @traitlets.validate("position")
    def _valid_position(self, proposal):
        return snap_position(self.run, proposal["value"]) if self.run else 0

    def _slider_max(self):
        return self.run["n_epochs"] if self.per_epoch else self.run["stepped"]

    def _position_of(self, k):
        return ([0] + self.run["epoch_ends"])[k] if self.per_epoch else k

    @property
    def slider_value(self):
        """Where the slider is: a visit, or an epoch in per-epoch mode."""
        return epochs_done(self.run, self.position) if self.per_epoch else self.position

    @traitlets.observe("per_epoch")
    def _on_mode(self, change):
        self.go_to(self.slider_value)     # the end of this epoch, or as far as visits go

    def _guessable(self):
        return self.run.get("has_history") and self.position < self.run["stepped"]

    def _asking_update(self):
        """Is the learner being asked which way the update at this position moves W?"""
        return (self.update_question == self.position and not self.per_epoch
                and self._guessable())

    @traitlets.observe("position", "per_epoch")
    def _on_move(self, change):
        # moving on (or back) without answering drops predict mode's update question
        if self.update_question >= 0 and not self._asking_update():
            self.update_question = -1

    def guess(self, fires):
        """Predict mode: guess whether the neuron fires at the next visit (True/1 or
        False/0); ``message`` says what happened and why. A visit without a mistake is then
        shown; at a mistake you are asked next which way the update moves W
        (``guess_update``), and the visit is shown after that. Returns whether you were
        right (None when there is nothing to guess)."""
        if not self._guessable():
            self.message = "There is no next visit to guess: go back, or train again."
            return None
        if isinstance(fires, str) or fires not in (0, 1):
            raise ValueError(f"guess(fires): fires is True (it fires) or False (it stays "
                             f"silent); got {fires!r}.")
        if self._asking_update():
            self.message = self._update_question_text()
            return None
        right, sentence = guess_outcome(self.run, self.position, fires)
        mistake = self.run["rows"][self.position][6] != "+0"
        with self.hold_sync():
            self.per_epoch = False
            self.score = [self.score[0] + right, self.score[1] + 1]
            self.message = sentence
            if mistake:
                self.update_question = self.position
            else:
                self.position += 1
        return right

    def _update_question_text(self):
        return (f"First say which way the update moves W: guess_update(True) for "
                f"“{UPDATE_CHOICES[True]}”, guess_update(False) for "
                f"“{UPDATE_CHOICES[False]}”.")

    def guess_update(self, towards):
        """Predict mode, after a ``guess`` at a visit that is a mistake: guess which way the
        update moves W, ``True`` for w towards x and b up, ``False`` for w away from x and b
        down. ``message`` says what the rule does and why; the visit is then shown. Returns
        whether you were right (None when no update is waiting for a guess)."""
        if not self._asking_update():
            self.message = ("There is no update to guess now: guess(fires) first, at a visit "
                            "that turns out to be a mistake.")
            return None
        if isinstance(towards, str) or towards not in (0, 1):
            raise ValueError(f"guess_update(towards): towards is True (w towards x, b up) or "
                             f"False (w away from x, b down); got {towards!r}.")
        right, sentence = update_outcome(self.run, self.position, towards)
        with self.hold_sync():
            self.score = [self.score[0] + right, self.score[1] + 1]
            self.message = sentence
            self.update_question = -1
            self.position += 1
        return right

    # -- words ---------------------------------------------------------------------------------
    def describe_position(self):
        """The readout: what happened at the current position, in words."""
        run = self.run
        if self.per_epoch and run["has_history"]:
            return run["readout_epoch"][self.slider_value]
        return run["readout"][frame_of(run, self.position)]

    def describe_status(self):
        """The story so far: converging, cycling, or how many mistakes against the bound (and
        what a long run leaves out)."""
        return " ".join(t for t in (super().describe_status(), self.run["thinned"]) if t)

