"""The training explorer: step through Rosenblatt's learning rule and watch the line move.

Training is computed once into a TrainingHistory; the whole run (weights after every visit,
the visited samples, mistakes, and every sentence the explorer can say) is sent to the
browser once, and the browser view (training.js) steps, goes back, scrubs and plays in one
frame, with or without a kernel. Python is needed only to retrain: new data, learning rate or
points.
"""

from __future__ import annotations

import math

import numpy as np
import traitlets

from ..data import gate as gate_data
from ..geometry import is_linearly_separable, max_margin_weights, novikoff_bound
from ..perceptron import Perceptron, _check_lr, check_labels, check_X
from ..style import format_number as fmt
from .base import Explorer, view_module
from .pictures import training_png
from .points import CustomPoints, parse_points, rounded_click
from .training_run import build_run, frame_of, status_at

__all__ = ["TrainingExplorer"]

GATES = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")


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


def _explain(err):
    """A message for the learner about a failed retraining, without Python internals."""
    if isinstance(err, (ValueError, TypeError)):
        return f"{err} The explorer still shows the last run that worked."
    return ("These points could not be trained on or drawn (they may be too large or too close "
            "together to draw): try numbers between about -1e6 and 1e6. The explorer still "
            "shows the last run that worked.")


def _mathtext(label):
    """An axis name for matplotlib: x1 is written $x_1$ there."""
    return {"x1": "$x_1$", "x2": "$x_2$"}.get(label, label)


class TrainingExplorer(Explorer):
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
        Visit the samples in a new random order every epoch (seeded).
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
    ``position`` (visits done), ``per_epoch``, ``dataset``, ``lr``, ``add_point(x1, x2, cls)``.
    """

    _esm = view_module("training")

    DATASETS = GATES + ("custom",)
    LEARNING_RATES = (0.01, 0.1, 0.25, 0.5, 1, 2, 5)

    run = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    per_epoch = traitlets.Bool(False).tag(sync=True)
    datasets = traitlets.List().tag(sync=True)
    dataset = traitlets.Unicode("AND").tag(sync=True)
    lr = traitlets.Float(1.0).tag(sync=True)
    lr_options = traitlets.List().tag(sync=True)
    speed = traitlets.Int(3).tag(sync=True)
    show_table = traitlets.Bool(False).tag(sync=True)
    click_class = traitlets.Int(1).tag(sync=True)
    points_text = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)

    def __init__(self, X=None, d=None, dataset="AND", lr=1, epochs=30, shuffle=False, seed=0,
                 size="normal", xlim=None, ylim=None, title=None, x_label=None, y_label=None,
                 class_names=None):
        names = _names(x_label, y_label, class_names)
        # lr, epochs, shuffle and seed are checked (with clear messages) by Perceptron itself
        Perceptron(2, lr=lr, epochs=epochs, shuffle=shuffle, seed=seed)
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be text; got {title!r}.")
        limits = _limits(xlim, ylim)
        start_message = ""
        points = CustomPoints()
        if X is not None or d is not None:
            dataset = "custom"
            try:
                Xc = check_X(X, name="X")
                if Xc.shape[1] != 2:
                    raise ValueError(f"the explorer draws two inputs (x1, x2): X needs 2 "
                                     f"columns; got {Xc.shape[1]}.")
                points = CustomPoints(Xc, check_labels(d, len(Xc)))
            except (TypeError, ValueError) as err:
                start_message = f"Your data could not be used: {err}"
        dataset = str(dataset)
        if dataset.upper() in GATES:
            dataset = dataset.upper()
        if dataset not in self.DATASETS:
            raise ValueError(f"unknown dataset {dataset!r}. Choose one of: "
                             f"{', '.join(self.DATASETS)}.")
        rates = sorted(set(self.LEARNING_RATES) | {float(lr)})
        self._busy = True
        super().__init__(size=size, datasets=list(self.DATASETS), dataset=dataset,
                         lr=float(lr), lr_options=rates)
        self._busy = False
        self.epochs, self.shuffle, self.seed = int(epochs), bool(shuffle), seed
        self._names, self._limits, self._title = names, limits, title
        self.points = points
        self.points_text = points.as_text()
        self._keep_view = False     # keep the axes while the learner adds points by clicking
        self.perceptron = self.history = self.bound = self.separable = None
        self._view_box = ((-0.5, 1.5), (-0.5, 1.5))
        self._last_good = None
        self.error = ""
        self.observe(self._on_retrain_setting, names=["dataset", "lr"])
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

    def _view(self, X):
        xlim, ylim = self._limits
        if xlim is not None:
            return xlim, ylim
        if self.dataset != "custom" or len(X) == 0:
            return (-0.5, 1.5), (-0.5, 1.5)
        if self._keep_view and self._last_good is not None:
            return self._view_box
        # halves first, so that points near the largest floats do not overflow
        lo, hi = X.min(axis=0), X.max(axis=0)
        centre = lo / 2 + hi / 2
        half = max((hi / 2 - lo / 2).max(), 0.5) * 1.25
        xlim, ylim = ((float(c - half), float(c + half)) for c in centre)
        if not np.isfinite([xlim, ylim]).all():
            raise ValueError("these points are too far out to draw (beyond about 1e307): "
                             "scale them down, for example divide X by 1e10.")
        return xlim, ylim

    def retrain(self):
        """Train again on the current data and learning rate; back to the start.

        If that fails (points too far out to draw, weights that overflow, ...), the explorer
        says why and keeps the last run that worked: its data, settings and history.
        Returns True when the new run is shown.
        """
        try:
            with np.errstate(all="ignore"):    # overflow shows up below, as a clear error
                result = self._train(*self.data)
        except Exception as err:  # whatever happened, the learner keeps a working explorer
            self._restore_last_good()
            self._show_error(_explain(err))
            return False
        self.perceptron, self.history = result["perceptron"], result["history"]
        self.bound, self.separable = result["bound"], result["separable"]
        self._view_box = result["view"]
        self._last_good = (self.dataset, self.lr, self.points.X, self.points.d)
        self.error = ""
        self._busy = True
        self.message = result["problem"]
        self.error = result["problem"]
        self.position = 0
        self.run = result["run"]
        self._busy = False
        return True

    def _train(self, X, d):
        """Everything a new run needs, computed without touching the explorer's state."""
        problem, perceptron, history, bound, separable = "", None, None, None, None
        if len(X) == 0:
            problem = ("No points yet. Click on the picture to add points (choose the class "
                       "first), or type them in the box as lines 'x1, x2, class'.")
        elif d.min() == d.max():
            other = 1 - int(d[0])
            problem = (f"All points are class {int(d[0])}. Add at least one point of class "
                       f"{other}, so there is something to separate.")
        xlim, ylim = self._view(X)
        if not problem:
            perceptron = Perceptron(2, lr=self.lr, epochs=self.epochs, shuffle=self.shuffle,
                                    seed=self.seed).fit(X, d)
            history = perceptron.history_
            separable = is_linearly_separable(X, d)
            if separable:
                try:
                    bound = novikoff_bound(X, d, max_margin_weights(X, d))
                except ValueError:     # no margin that floating point can show: no bound
                    bound = None
                if bound is not None and not np.isfinite(bound):
                    bound = None
        title = (self._title or "your points") if self.dataset == "custom" else self.dataset
        run = build_run(X, d, history, lr=self.lr, dataset=self.dataset, names=self._names,
                        view=(xlim, ylim), title=f"{title}, learning rate {fmt(self.lr)}",
                        problem=problem, bound=bound, separable=separable)
        return dict(problem=problem, perceptron=perceptron, history=history, bound=bound,
                    separable=separable, view=(xlim, ylim), run=run)

    def _restore_last_good(self):
        """Put data and settings back as they were for the run on screen."""
        if self._last_good is None:
            return
        dataset, lr, X, d = self._last_good
        self._busy = True
        try:
            self.dataset, self.lr = dataset, lr
        finally:
            self._busy = False
        self.points.X, self.points.d = X, d
        self.points_text = self.points.as_text()

    def _show_error(self, text):
        self.error = text
        self.message = text

    def _on_retrain_setting(self, change):
        if self._busy:
            return
        if change["name"] == "dataset" and change["new"] == "custom" and not len(self.points):
            old = change["old"] if change["old"] in GATES else "AND"
            X, d = gate_data(old)
            self.points = CustomPoints(X.astype(float), d)
            self.points_text = self.points.as_text()
        if change["name"] == "dataset":
            self._keep_view = False
        self.retrain()

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        try:
            return _check_lr(proposal["value"])
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    @traitlets.validate("dataset")
    def _valid_dataset(self, proposal):
        value = str(proposal["value"])
        value = value.upper() if value.upper() in GATES else value
        if value not in self.DATASETS:
            raise traitlets.TraitError(f"unknown dataset {value!r}. Choose one of: "
                                       f"{', '.join(self.DATASETS)}.")
        return value

    # -- moving through the run (the browser does this by itself; these are for Python) -----
    @traitlets.validate("position")
    def _valid_position(self, proposal):
        """Within the run; past the visits sent one by one, at an epoch's end."""
        if not self.run:
            return 0
        p = int(min(max(proposal["value"], 0), self.run["n"]))
        if p > self.run["stepped"]:
            p = max([self.run["stepped"]] + [e for e in self.run["epoch_ends"] if e <= p])
        return p

    def _slider_max(self):
        if self.history is None:
            return 0
        return self.run["n_epochs"] if self.per_epoch else self.run["stepped"]

    def _position_of(self, k):
        """Slider value -> position in the history."""
        if not self.per_epoch or self.history is None:
            return k
        return self.history.epoch_end_position(k)

    @property
    def slider_value(self):
        """Where the slider is: a visit, or an epoch in per-epoch mode."""
        if self.history is None:
            return 0
        return self.history.epochs_done(self.position) if self.per_epoch else self.position

    def go_to(self, k):
        """Move to ``k`` (a visit, or an epoch in per-epoch mode)."""
        self.position = self._position_of(int(min(max(k, 0), self._slider_max())))

    def step_forward(self):
        self.go_to(self.slider_value + 1)

    def step_back(self):
        self.go_to(self.slider_value - 1)

    @traitlets.observe("per_epoch")
    def _on_mode(self, change):
        if self.history is not None and change["new"]:
            self.position = self.history.epoch_end_position(self.history.epochs_done(
                self.position))
        elif self.history is not None:
            self.position = min(self.position, self.run["stepped"])

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
        return " ".join(t for t in (status_at(self.run, self.position), self.run["thinned"]) if t)

    # -- custom points ----------------------------------------------------------------------------
    def add_point(self, x1, x2, cls):
        """Add one custom point and train again."""
        try:
            X, d = self.points.with_point(x1, x2, cls)
        except (TypeError, ValueError) as err:
            self._show_error(str(err))
            return
        self._use_points(X, d, keep_view=True)

    def undo(self):
        """Take back the last change to the custom points."""
        taken = self.points.undo()
        if taken is None:
            return
        older = (self.points.X, self.points.d)
        self._keep_view = True
        self._switch_to_custom()
        if self.retrain():
            self.points_text = self.points.as_text()
        else:                                  # the old points stay; undo can be tried again
            self.points.keep_for_undo(older, taken)

    def clear_points(self):
        self._use_points(np.zeros((0, 2)), np.zeros(0, dtype=int), keep_view=True)

    def apply_points(self, text=None):
        """Train on the points typed in the box (or on ``text``)."""
        if text is not None:
            self.points_text = text
        try:
            X, d = parse_points(self.points_text)
        except (TypeError, ValueError) as err:
            self._show_error(f"The points could not be read: {err}")
            return
        self._use_points(X, d, keep_view=False)

    def _use_points(self, X, d, keep_view):
        """Train on new custom points. If that fails, the old points and run stay."""
        self.points.use(X, d)
        self._keep_view = keep_view
        self._switch_to_custom()
        if self.retrain():
            self.points_text = self.points.as_text()
        else:                                  # the old points are back: forget this change
            self.points.undo()

    def _switch_to_custom(self):
        self._busy = True
        self.dataset = "custom"
        self._busy = False

    def _on_view_message(self, widget, content, buffers):
        """Requests from the browser view: clicks, undo, clear, typed points, CSV."""
        try:
            kind = content.get("kind") if isinstance(content, dict) else None
            if kind == "click":
                x, y = content.get("x"), content.get("y")
                if all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
                    (x0, x1), (y0, y1) = self._view_box
                    span = 2 * min(x1 / 2 - x0 / 2, y1 / 2 - y0 / 2)   # inf near 1e308
                    self.add_point(rounded_click(x, span), rounded_click(y, span),
                                   self.click_class)
            elif kind == "undo":
                self.undo()
            elif kind == "clear":
                self.clear_points()
            elif kind == "apply":
                self.apply_points()
            elif kind == "save_csv":
                self.save_csv()
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
        return training_png(X, d, self.history, self.position, xlim, ylim, self.size,
                            self.run["title"], _mathtext(self._names["x_label"]),
                            _mathtext(self._names["y_label"]), self._names["class_names"])

    def _describe(self):
        n = len(self.history) if self.history is not None else 0
        return (f"TrainingExplorer: {self.dataset}, learning rate {fmt(self.lr)}, "
                f"position {self.position} of {n} visits")
