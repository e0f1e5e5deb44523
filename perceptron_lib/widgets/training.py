"""The training explorer: step through Rosenblatt's learning rule and watch the line move.

Training is computed once into a TrainingHistory; the whole run (weights after every visit,
the visited samples, mistakes, and every sentence the explorer can say) is sent to the
browser once, and the browser view (training.js) steps, goes back, scrubs and plays in one
frame, with or without a kernel. Python is needed only to retrain: new data, learning rate or
points.
"""

from __future__ import annotations

import re

import numpy as np
import traitlets

from .. import validation as check
from ..data import gate as gate_data
from ..perceptron import Perceptron
from ..style import format_number as fmt
from ..validation import check_labels, check_weights, check_X
from .base import GATES, Explorer, Setting, explain, view_module
from .pictures import training_png
from .points import CustomPoints, PointsEditing
from .training_run import RunReader, build_run, fit_view, train

__all__ = ["TrainingExplorer", "start_weights"]

def _limits(xlim, ylim):
    """The fixed view (xlim, ylim), checked; (None, None) to fit the view to the data."""
    if xlim is None:
        if ylim is not None:
            raise ValueError("give xlim too when you give ylim (or neither).")
        return None, None
    checked = []
    for name, lim in (("xlim", xlim), ("ylim", xlim if ylim is None else ylim)):
        try:
            low, high = (float(v) for v in lim)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be two numbers (low, high), e.g. (-1, 2); got "
                            f"{lim!r}.") from None
        if not (np.isfinite([low, high]).all() and low < high):
            raise ValueError(f"{name} must be (low, high) with low < high, both finite; got "
                             f"{lim!r}.")
        checked.append((low, high))
    return tuple(checked)


def _names(x_label, y_label, class_names):
    """Axis and class names, checked."""
    names = {"x_label": "x1" if x_label is None else x_label,
             "y_label": "x2" if y_label is None else y_label}
    for key, value in names.items():
        if not isinstance(value, str):
            raise TypeError(f"{key} must be text, e.g. \"petal length (cm)\"; got {value!r}.")
    if class_names is None:
        class_names = ("class 0", "class 1")
    if isinstance(class_names, str) or len(class_names) != 2 or \
            not all(isinstance(c, str) for c in class_names):
        raise TypeError(f"class_names must be two names, for class 0 and class 1, e.g. "
                        f"(\"setosa\", \"versicolor\"); got {class_names!r}.")
    names["class_names"] = list(class_names)
    return names


GATE_VIEW = ((-0.5, 1.5), (-0.5, 1.5))


def _dataset(value):
    """A data set's name, checked: a gate (any case) or "custom"."""
    name = str(value)
    name = name.upper() if name.upper() in GATES else name
    if name not in TrainingExplorer.DATASETS:
        raise ValueError(f"unknown dataset {name!r}. Choose one of: "
                         f"{', '.join(TrainingExplorer.DATASETS)}.")
    return name


_DECIMAL = re.compile(r"[+-]?(?P<digits>\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.IGNORECASE)
_TYPE_W = ("Type three numbers b, w1, w2 (the bias first), e.g. 0.5, -1, 1; empty or 0 starts "
           "from zeros.")


def start_weights(value):
    """The weights training starts from, checked as Perceptron checks W0: None (zeros),
    [b, w1, w2], or text as a person types it in the view's "start W" box ("0.5, -1, 1";
    "" or "0" for zeros). Returns None or a list of 3 floats.

    Typed numbers are read as the decimals they show: each is the float nearest to it
    (float("0.1")), and one that floating point cannot hold (it would round to 0 or
    overflow) is refused rather than changed.
    """
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")       # − as a minus sign too
        if text[:1] + text[-1:] in ("[]", "()"):
            text = text[1:-1]
        parts = [t for t in re.split(r"[\s,;]+", text) if t]
        if parts in ([], ["0"]):
            return None
        numbers = []
        for t in parts:
            m = _DECIMAL.fullmatch(t)
            if m is None:
                raise ValueError(f"start W: {t!r} is not a number. {_TYPE_W}")
            number = float(t)
            if not np.isfinite(number):
                raise ValueError(f"start W: {t} is too large for floating point (beyond "
                                 f"about 1.8e308). {_TYPE_W}")
            if number == 0 and re.search(r"[1-9]", m.group("digits")):
                raise ValueError(f"start W: {t} is too small for floating point (it rounds to "
                                 f"0); use 0 or a larger number.")
            numbers.append(number)
        if len(numbers) != 3:
            raise ValueError(f"start W must be three numbers; got {len(numbers)} in "
                             f"{value.strip()!r}. {_TYPE_W}")
        value = numbers
    if value is None:
        return None
    return [float(v) for v in check_weights(value, 2, "W0")]


def _start_points(X, d):
    """The learner's own (X, d) as CustomPoints (none without them), and what is wrong with
    them ("" when nothing)."""
    if X is None and d is None:
        return CustomPoints(), ""
    try:
        Xc = check_X(X, name="X")
        if Xc.shape[1] != 2:
            raise ValueError(f"the explorer draws two inputs (x1, x2): X needs 2 columns; got "
                             f"{Xc.shape[1]}.")
        return CustomPoints(Xc, check_labels(d, len(Xc))), ""
    except (TypeError, ValueError) as err:
        return CustomPoints(), f"Your data could not be used: {err}"


def _as_trait_error(check, value):
    """A setting checked as the constructor checks it, the message as a TraitError."""
    try:
        return check(value)
    except (TypeError, ValueError) as err:
        raise traitlets.TraitError(str(err)) from None


def _mathtext(label):
    """An axis name for matplotlib: x1 is written $x_1$ there."""
    return {"x1": "$x_1$", "x2": "$x_2$"}.get(label, label)


class TrainingExplorer(PointsEditing, RunReader, Explorer):
    """Step through the perceptron's training and watch the decision line move.

    Parameters
    ----------
    X, d : arrays, optional
        Your own two-input data (shape (n, 2)) and labels 0/1. Without them the explorer starts
        on the ``dataset`` gate.
    dataset : str
        AND, OR, NAND, NOR, XOR, XNOR, or "custom" (click on the picture to add points).
    lr : float
        Learning rate.
    epochs : int
        At most this many epochs are trained.
    shuffle, seed
        Visit the samples in a new random order every epoch (seeded by ``seed``). The view's
        "shuffle" button turns it on and off.
    W0 : [b, w1, w2], optional
        The weights training starts from (zeros by default); also typed in the view's
        "start W" box, or given as text ("0.5, -1, 1").
    predict : bool
        Predict mode: before each visit is shown, guess whether the neuron will fire (the
        view's "fires" / "stays silent" buttons, or ``guess(True)`` from Python); at a
        visit that is a mistake, guess then which way the update moves W (w towards x and
        b up, or w away from x and b down: ``guess_update(True)``). The explorer says
        whether you were right, and why, and keeps the score of both kinds of guesses.
    size : "normal" or "large" (for projectors)
    title : str, optional
        Title of the picture for your own data (default "your points").
    xlim, ylim : (low, high), optional
        Fix the view instead of fitting it to the data.
    x_label, y_label : str, optional
        Names of the two inputs, shown on the axes (default x1 and x2).
    class_names : (str, str), optional
        Names of class 0 and class 1, shown in the legend (default "class 0", "class 1").

    Keys (with the explorer focused): → / PageDown step, ← / PageUp back, Home / End,
    space play or pause. From Python: ``go_to(k)``, ``step_forward()``, ``step_back()``,
    ``position`` (visits done), ``per_epoch``, ``dataset``, ``lr``, ``shuffle``, ``W0``,
    ``add_point(x1, x2, cls)``. ``shuffle`` or ``W0`` given a value it cannot use
    (``ex.W0 = [1, 2]``) keeps its old one, and ``message`` says why; ``lr`` and ``dataset``
    refuse such a value with a TraitError in the same words.
    """

    _esm = view_module("training")

    DATASETS = GATES + ("custom",)
    RETRAIN_ON = ("dataset", "lr", "shuffle", "W0")
    STARTS = ("shuffle", "W0")   # settings that keep their value, and say why, when refused
    LEARNING_RATES = (0.01, 0.1, 0.25, 0.5, 1, 2, 5)

    run = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    per_epoch = traitlets.Bool(False).tag(sync=True)
    datasets = traitlets.List().tag(sync=True)
    dataset = Setting("AND")     # checked by _valid_dataset
    lr = Setting(1.0)            # checked by _valid_lr
    lr_options = traitlets.List().tag(sync=True)
    shuffle = Setting(False)     # checked by _valid_start
    W0 = Setting(None)           # [b, w1, w2], None for zeros; checked by _valid_start
    speed = traitlets.Int(3).tag(sync=True)
    show_table = traitlets.Bool(False).tag(sync=True)
    click_class = traitlets.Int(1).tag(sync=True)
    points_text = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    predict = traitlets.Bool(False).tag(sync=True)   # guess each visit before it is shown
    score = traitlets.List([0, 0]).tag(sync=True)     # [right guesses, guesses]
    # the visit whose update the learner is asked about in predict mode (-1: none)
    update_question = traitlets.Int(-1).tag(sync=True)
    # What the explorer was made with besides the settings above: a web page's build
    # (tools/site_runs.py) trains it again from these for every menu choice.
    made_with = traitlets.Dict().tag(sync=True)

    def __init__(self, X=None, d=None, dataset="AND", lr=1, epochs=30, shuffle=False, seed=0,
                 W0=None, predict=False, size="normal", xlim=None, ylim=None, title=None,
                 x_label=None, y_label=None, class_names=None):
        names = _names(x_label, y_label, class_names)
        W0 = start_weights(W0)
        # epochs, shuffle and seed are checked (with clear messages) by Perceptron itself
        Perceptron(2, epochs=epochs, shuffle=shuffle, seed=seed)
        lr, dataset = check.learning_rate(lr), _dataset(dataset)     # as the traits check them
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be text; got {title!r}.")
        self._limits = _limits(xlim, ylim)
        points, start_message = _start_points(X, d)
        dataset = "custom" if X is not None or d is not None else dataset
        super().__init__(size=size, datasets=list(self.DATASETS), dataset=dataset, lr=lr,
                         lr_options=sorted(set(self.LEARNING_RATES) | {lr}),
                         shuffle=check.flag(shuffle, "shuffle"), W0=W0,
                         predict=check.flag(predict, "predict"))
        self.epochs, self.seed = int(epochs), seed
        self.made_with = dict(
            epochs=self.epochs, shuffle=self.shuffle,
            seed=int(seed) if isinstance(seed, (int, np.integer)) else None, W0=self.W0,
            xlim=None if self._limits[0] is None else list(self._limits[0]),
            ylim=None if self._limits[0] is None else list(self._limits[1]),
            title=title, **names)
        self._names, self._title, self._named = names, title, dataset
        self.points = points
        self._keep_view = False     # keep the axes while the learner adds points by clicking
        self.perceptron = self.history = self.bound = self.separable = None
        self._view_box = GATE_VIEW
        self._last_good = None
        self.error = ""
        self.observe(self._on_retrain_setting, names=list(self.RETRAIN_ON))
        self.on_msg(self._on_view_message)
        if not self.retrain():                 # the learner's data cannot be used: start empty
            start_message = f"Your data could not be used: {self.error}"
            self.points = CustomPoints()
            self.retrain()
        if start_message:
            self._show_error(start_message)

    # -- data and training ------------------------------------------------------------------------
    @property
    def data(self):
        """The current (X, d) as copies."""
        if self.dataset == "custom":
            return self.points.X.copy(), self.points.d.copy()
        X, d = gate_data(self.dataset)
        return X.astype(float), d

    @property
    def names(self):
        """The axes' and classes' names: the ones given, for the data they were given with
        (the learner's own points, or the data set chosen when the explorer was made); the
        plain x1, x2, class 0, class 1 for any other data set chosen later."""
        return self._names if self.dataset == self._named else _names(None, None, None)

    def _view(self, X):
        if self._limits[0] is not None:
            return self._limits
        if self.dataset != "custom" or len(X) == 0:
            return GATE_VIEW
        if self._keep_view and self._last_good is not None:
            return self._view_box
        return fit_view(X)

    def retrain(self):
        """Train again on the current data and learning rate; back to the start.

        If that fails (points too far out to draw, weights that overflow, ...), the explorer
        says why and keeps the last run that worked: its data, settings and history.
        Returns True when the new run is shown. Everything it changes reaches the view in one
        message.
        """
        X, d = self.data
        try:
            with np.errstate(all="ignore"):    # overflow shows up below, as a clear error
                view = self._view(X)
                result = train(X, d, lr=self.lr, epochs=self.epochs, shuffle=self.shuffle,
                               seed=self.seed, W0=self.W0)
                name = (self._title or "your points") if self.dataset == "custom" \
                    else self.dataset
                run = build_run(X, d, result["history"], lr=self.lr, dataset=self.dataset,
                                names=self.names, view=view,
                                title=f"{name}, learning rate {fmt(self.lr)}",
                                problem=result["problem"], bound=result["bound"],
                                separable=result["separable"], shuffle=self.shuffle,
                                W0=self.W0)
        except Exception as err:  # whatever happened, the learner keeps a working explorer
            with self._quiet():   # data and settings as they were for the run on screen
                if self._last_good is not None:
                    (self.dataset, self.lr, self.shuffle, self.W0, self.points.X,
                     self.points.d) = self._last_good
                    self.points_text = self.points.as_text()
                self._show_error(explain(err, "These points could not be trained on or drawn "
                                         "(they may be too large or too close together to "
                                         "draw): try numbers between about -1e6 and 1e6."))
            return False
        self.perceptron, self.history = result["perceptron"], result["history"]
        self.bound, self.separable = result["bound"], result["separable"]
        self._view_box = view
        self._last_good = (self.dataset, self.lr, self.shuffle, self.W0, self.points.X,
                           self.points.d)
        with self._quiet():
            self.message = self.error = result["problem"]
            self.position = 0
            self.score = [0, 0]
            self.update_question = -1
            # what the website's build trains again from (tools/site_runs.py)
            self.made_with = dict(self.made_with, shuffle=self.shuffle, W0=self.W0)
            self.run = run
            self.points_text = self.points.as_text()
            self.lr_options = sorted(set(self.lr_options) | {self.lr})   # lr set from Python
        return True

    def _show_error(self, text):
        self.error = text
        self.message = text

    def _on_retrain_setting(self, change):
        if self._busy or change["old"] == change["new"]:    # (a refused value: no change)
            return
        with self._quiet():
            if change["name"] == "dataset":
                self._keep_view = False
                if change["new"] == "custom" and not len(self.points):   # start from the gate
                    X, d = gate_data(change["old"] if change["old"] in GATES else "AND")
                    self.points = CustomPoints(X.astype(float), d)
            self.retrain()

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return _as_trait_error(check.learning_rate, proposal["value"])

    @traitlets.validate("dataset")
    def _valid_dataset(self, proposal):
        return _as_trait_error(_dataset, proposal["value"])

    @traitlets.validate(*STARTS)
    def _valid_start(self, proposal):
        """shuffle and W0, checked as the constructor checks them. A value that cannot be
        used (from Python or from the view) is not an error to stop on: the setting keeps
        its value, the run stays, and the message says why."""
        name, value = proposal["trait"].name, proposal["value"]
        try:
            return check.flag(value, "shuffle") if name == "shuffle" else start_weights(value)
        except (TypeError, ValueError) as err:
            self._show_error(explain(err))
            # the value the run on screen was trained with (while the view's settings are
            # taken in, the setting itself may already hold the refused value)
            good = getattr(self, "_last_good", None)
            if good is None:
                return proposal["trait"].default_value
            return good[2] if name == "shuffle" else good[3]

    def _on_view_message(self, widget, content, buffers):
        """Requests from the browser view: clicks, undo, clear, typed points, CSV."""
        content = content if isinstance(content, dict) else {}
        requests = {"click": lambda: self.click(content.get("x"), content.get("y")),
                    "undo": self.undo, "clear": self.clear_points, "apply": self.apply_points,
                    "save_csv": self.save_csv}
        try:
            requests.get(content.get("kind"), lambda: None)()
        except Exception:  # a request from the page never breaks the explorer
            self._show_error("That request could not be carried out. The explorer still shows "
                             "the last run that worked.")
        finally:
            self.send({"kind": "ack"})

    def save_csv(self, path=None):
        """Save every visit of this training run to a CSV file; returns the path."""
        if self.history is None:
            self._show_error("There is no training to save yet.")
            return None
        path = path or f"training_{self.dataset}_lr{fmt(self.lr)}.csv"
        try:
            self.history.to_csv(path)
        except (OSError, ValueError) as err:
            self._show_error(f"The CSV file could not be saved to {path}: "
                             f"{getattr(err, 'strerror', None) or err}. Choose a folder that "
                             f"exists and that you may write to.")
            return None
        # "✔" marks good news: the view shows it as a note, not as a warning
        self.message = f"✔ Saved {len(self.history)} visits to {path} (next to the notebook)."
        return path

    # -- still picture and text ------------------------------------------------------------------
    def _png(self):
        X, d = self.data
        xlim, ylim = self._view_box
        # where nothing can be stepped (GitHub, a PDF), a picture of the start says little:
        # an explorer at its start is shown at the end of its run (not in predict mode,
        # where the end would give the answers away)
        n = len(self.history) if self.history is not None else 0
        at, title = (n, f"{self.run['title']}: the end of the run") if self.position == 0 \
            and n and not self.predict else (self.position, self.run["title"])
        return training_png(X, d, self.history, at, xlim, ylim, self.size,
                            title, _mathtext(self.names["x_label"]),
                            _mathtext(self.names["y_label"]), self.names["class_names"])

    def _describe(self):
        n = len(self.history) if self.history is not None else 0
        # at its start the still picture shows the end of the run (see _png): say so
        still = " (the still picture: the end of the run)" if self.position == 0 and n \
            and not self.predict else ""
        return (f"TrainingExplorer: {self.dataset}, learning rate {fmt(self.lr)}, "
                f"position {self.position} of {n} visits{still}")
