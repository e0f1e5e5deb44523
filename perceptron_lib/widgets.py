"""The interactive explorers of the course.

- :class:`NeuronExplorer`: a toy neuron. Switch inputs on and off, set weights and a threshold,
  and see whether it fires.
- :class:`BoundaryExplorer`: set w1, w2 and b by hand and try to make a logic gate.
- :class:`TrainingExplorer`: step through Rosenblatt's learning rule and watch the decision
  line move, sample by sample.

The explorers are thin: training is computed once into a TrainingHistory and the explorer only
moves a position through it and redraws. Everything they do can be driven from Python too
(``explorer.step_button.click()``, ``explorer.slider.value = 5``), which is how the tests use
them.
"""

from __future__ import annotations

import base64
import html
import math
import numbers
import re

import ipywidgets as widgets
import numpy as np

from .data import gate as gate_data
from .exact import as_decimal, exact_sum, fires
from .geometry import is_linearly_separable, max_margin_weights, novikoff_bound
from .perceptron import Perceptron, check_labels, check_X
from .plotting import (
    SIZES,
    BoundaryPicture,
    NeuronPicture,
    TrainingPicture,
    _size,
    format_vector,
)
from .plotting import format_number as _fmt

try:  # mouse clicks and keys on the picture; the explorers work without it
    from ipyevents import Event
except ImportError:  # pragma: no cover - depends on the environment
    Event = None

__all__ = ["NeuronExplorer", "BoundaryExplorer", "TrainingExplorer"]

GATES = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")


def _css(size):
    font = SIZES[size]["font"] + 3
    return f"font-size:{font}px; line-height:1.4;"


def _image(fig):
    """An Image widget shown at the figure's own pixel size (never blurred by stretching),
    shrinking only on narrow screens."""
    return widgets.Image(format="png", layout=widgets.Layout(
        width=f"{int(fig.bbox.width)}px", max_width="100%", height="auto"))


def _button(description, tooltip, icon="", width="auto"):
    return widgets.Button(description=description, tooltip=tooltip, icon=icon,
                          layout=widgets.Layout(width=width))


class _StaticPicture:
    """Mixin: besides the live widget, offer a PNG of the current state, so the notebook shows
    a picture where no kernel runs (GitHub, nbviewer)."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self._png()).decode("ascii")
        bundle["text/plain"] = self._describe()
        return bundle


def _setting(value, name, low, high):
    """A number a person sets on a slider: checked, and within the slider's range."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"{name} must be a number; got {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}.")
    if not low <= value <= high:
        raise ValueError(f"{name} = {_fmt(value)} is outside its slider's range, {_fmt(low)} to "
                         f"{_fmt(high)}: choose a value in that range.")
    return value


def _shown(slider):
    """The exact decimal a slider shows (0.6, not 0.6000000000000001)."""
    return as_decimal(round(slider.value, 9))


def _exactly(z):
    """z for a sentence: '0 exactly' when a hand-set sum is exactly 0."""
    return "0 exactly" if z == 0 else _fmt(z)


# --------------------------------------------------------------------------------------------
class NeuronExplorer(_StaticPicture, widgets.VBox):
    """A toy neuron: binary inputs, one weight per input, a threshold, all-or-nothing output.

    The weighted sum is computed exactly for the decimals on the sliders, so a sum that equals
    the threshold fires (0.1 + 0.2 reaches a threshold of 0.3).

    Parameters
    ----------
    n_inputs : int
        Number of inputs (1 to 6).
    weights : list of float, optional
        Starting weights, each from -3 to 3 (default: all 1).
    threshold : float
        The neuron fires when the weighted sum reaches the threshold (-3 to 6).
    size : "normal" or "large"
    """

    WEIGHT_RANGE = (-3, 3)
    THRESHOLD_RANGE = (-3, 6)

    def __init__(self, n_inputs=3, weights=None, threshold=2.0, size="normal"):
        if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)) \
                or not 1 <= n_inputs <= 6:
            raise ValueError(f"n_inputs must be a whole number from 1 to 6; got {n_inputs!r}.")
        _size(size)
        if weights is None:
            weights = [1.0] * n_inputs
        if isinstance(weights, str) or not hasattr(weights, "__len__"):
            raise TypeError(f"weights must be a list of {n_inputs} numbers; got {weights!r}.")
        weights = list(weights)
        if len(weights) != n_inputs:
            raise ValueError(f"give one weight per input: {n_inputs} weights; got {len(weights)}.")
        weights = [_setting(w, f"weight w{i + 1}", *self.WEIGHT_RANGE)
                   for i, w in enumerate(weights)]
        threshold = _setting(threshold, "threshold", *self.THRESHOLD_RANGE)
        self.size = size
        self.input_buttons = [
            widgets.ToggleButton(value=False, description=f"x{i + 1} = 0",
                                 tooltip=f"switch input x{i + 1} on or off",
                                 layout=widgets.Layout(width="90px"))
            for i in range(n_inputs)]
        self.weight_sliders = [
            widgets.FloatSlider(value=w, min=self.WEIGHT_RANGE[0], max=self.WEIGHT_RANGE[1],
                                step=0.5, description=f"weight w{i + 1}", continuous_update=True,
                                style={"description_width": "80px"})
            for i, w in enumerate(weights)]
        self.threshold_slider = widgets.FloatSlider(
            value=threshold, min=self.THRESHOLD_RANGE[0], max=self.THRESHOLD_RANGE[1], step=0.5,
            description="threshold", style={"description_width": "80px"})
        self._picture = NeuronPicture(n_inputs, size)
        self.image = _image(self._picture.fig)
        self.readout = widgets.HTML()
        for w in self.input_buttons + self.weight_sliders + [self.threshold_slider]:
            w.observe(self._update, names="value")
        rows = [widgets.HBox([b, s]) for b, s in zip(self.input_buttons, self.weight_sliders)]
        super().__init__([widgets.HBox([widgets.VBox(rows + [self.threshold_slider]),
                                        self.image]), self.readout])
        self.add_class("perceptron-neuron-explorer")
        self._update()

    @property
    def inputs(self):
        return np.array([int(b.value) for b in self.input_buttons])

    @property
    def weights(self):
        return np.array([float(_shown(s)) for s in self.weight_sliders])

    @property
    def threshold(self):
        return float(_shown(self.threshold_slider))

    @property
    def total(self):
        """The weighted sum of the inputs, exactly (a Fraction)."""
        return exact_sum([_shown(s) for s in self.weight_sliders], self.inputs.tolist())

    @property
    def fires(self):
        """True when the weighted sum reaches the threshold (equal counts)."""
        return self.total >= _shown(self.threshold_slider)

    def _update(self, change=None):
        for i, b in enumerate(self.input_buttons):
            b.description = f"x{i + 1} = {int(b.value)}"
            b.button_style = "info" if b.value else ""
        x, w, t = self.inputs, self.weights, self.threshold
        terms = " + ".join(f"{_fmt(wi)}·{xi}" for wi, xi in zip(w, x))
        total, fires = self.total, self.fires
        verdict = "<b>fires: output 1</b>" if fires else "<b>stays silent: output 0</b>"
        cmp = "=" if total == _shown(self.threshold_slider) else ("≥" if fires else "<")
        self.readout.value = (
            f'<div role="status" aria-live="polite" style="{_css(self.size)}">'
            f"weighted sum = {terms} = <b>{_fmt(total)}</b> {cmp} threshold {_fmt(t)}"
            f" → the neuron {verdict}.</div>")
        self.image.value = self._png()

    def _png(self):
        return self._picture.render(self.inputs, self.weights, self.threshold, self.fires)

    def _describe(self):
        return (f"NeuronExplorer: inputs {self.inputs.tolist()}, weights "
                f"{format_vector(self.weights)}, threshold {_fmt(self.threshold)}:"
                f" {'fires' if self.fires else 'silent'}")


# --------------------------------------------------------------------------------------------
class BoundaryExplorer(_StaticPicture, widgets.VBox):
    """Set w1, w2 and the bias b by hand and see the decision line and the truth table.

    z is computed exactly for the decimals on the sliders: with w1 = 0.6, w2 = 0.3 and
    b = -0.9 the point (1, 1) lies exactly on the line, z = 0, and it fires.

    Parameters
    ----------
    gate : str
        The gate to aim for: AND, OR, NAND, NOR, XOR or XNOR.
    w1, w2, b : float
        Starting values of the sliders, each from -3 to 3.
    size : "normal" or "large"
    """

    RANGE = (-3, 3)

    def __init__(self, gate="AND", w1=1.0, w2=1.0, b=-0.5, size="normal"):
        gate = str(gate).upper()
        if gate not in GATES:
            raise ValueError(f"unknown gate {gate!r}. Choose one of: {', '.join(GATES)}.")
        _size(size)
        w1, w2, b = (_setting(v, name, *self.RANGE) for v, name in ((w1, "w1"), (w2, "w2"),
                                                                      (b, "b")))
        self.size = size
        self.gate_dropdown = widgets.Dropdown(options=GATES, value=gate, description="gate")
        style = {"description_width": "60px"}
        sliders = [widgets.FloatSlider(value=v, min=self.RANGE[0], max=self.RANGE[1], step=0.1,
                                       description=label, style=style)
                   for v, label in ((w1, "w1"), (w2, "w2"), (b, "bias b"))]
        self.w1_slider, self.w2_slider, self.b_slider = sliders
        X, d = gate_data(gate)
        self._picture = BoundaryPicture(X, d, size, title=f"{gate}: set the line")
        self.image = _image(self._picture.fig)
        self.table = widgets.HTML()
        self.message = widgets.HTML()
        for w in (self.gate_dropdown, self.w1_slider, self.w2_slider, self.b_slider):
            w.observe(self._update, names="value")
        controls = widgets.VBox([self.gate_dropdown, self.w1_slider, self.w2_slider,
                                 self.b_slider, self.table])
        super().__init__([widgets.HBox([self.image, controls]), self.message])
        self.add_class("perceptron-boundary-explorer")
        self._update()

    @property
    def W(self):
        """[b, w1, w2] as the sliders show them."""
        return np.array([float(v) for v in self._exact_W()])

    def _exact_W(self):
        return [_shown(s) for s in (self.b_slider, self.w1_slider, self.w2_slider)]

    @property
    def z(self):
        """z for each of the four inputs, exactly (Fractions)."""
        b, w1, w2 = self._exact_W()
        X, _ = gate_data(self.gate_dropdown.value)
        return [exact_sum((w1, w2), x.tolist(), b) for x in X]

    @property
    def outputs(self):
        return np.array([fires(z) for z in self.z])

    @property
    def rows_right(self):
        _, d = gate_data(self.gate_dropdown.value)
        return int(np.sum(self.outputs == d))

    @property
    def implements_gate(self):
        return self.rows_right == 4

    def _update(self, change=None):
        name = self.gate_dropdown.value
        X, d = gate_data(name)
        if change is not None and change["owner"] is self.gate_dropdown:
            self._picture = BoundaryPicture(X, d, self.size, title=f"{name}: set the line")
        W = self.W
        self.image.value = self._picture.render(W)
        z, y = self.z, self.outputs
        css = _css(self.size)
        rows = "".join(
            f"<tr><td>{x[0]}</td><td>{x[1]}</td><td>{_exactly(zi)}</td><td>{yi}</td>"
            f"<td>{di}</td><td>{'✔' if yi == di else '✘'}</td></tr>"
            for x, zi, yi, di in zip(X, z, y, d))
        self.table.value = (
            f'<table style="{css} text-align:center; border-collapse:collapse;" '
            f'cellpadding="4"><tr><th>x1</th><th>x2</th><th>z</th><th>output</th>'
            f"<th>{name}</th><th>right?</th></tr>{rows}</table>")
        right = self.rows_right
        if right == 4:
            text = (f"✔ All four rows right: w1 = {_fmt(W[1])}, w2 = {_fmt(W[2])}, "
                    f"b = {_fmt(W[0])} make the neuron compute {name}.")
        else:
            text = f"{right} of 4 rows right. Move the sliders until every row is ✔."
        on_line = [f"({x[0]}, {x[1]})" for x, zi in zip(X, z) if zi == 0]
        if on_line:
            text += (f" On the line: {', '.join(on_line)}: z = 0 exactly there, so the neuron "
                     f"fires (step(0) = 1).")
        self.message.value = f'<div role="status" aria-live="polite" style="{css}">{text}</div>'

    def _png(self):
        return self.image.value

    def _describe(self):
        return (f"BoundaryExplorer: {self.gate_dropdown.value} with W = {format_vector(self.W)}"
                f" ({self.rows_right} of 4 rows right)")


# --------------------------------------------------------------------------------------------
_POINT_LINE = re.compile(r"^\s*([^,\s]+)\s*[,\s]\s*([^,\s]+)\s*[,\s]\s*([^,\s]+)\s*$")


def _parse_points(text):
    """Read 'x1, x2, class' lines. Returns (X, d) or raises ValueError with the line number."""
    X, d = [], []
    for k, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        m = _POINT_LINE.match(line)
        if not m:
            raise ValueError(f"line {k} ({line.strip()!r}) should be three numbers: x1, x2, "
                             f"class (class 0 or 1), e.g. '0.5, 1.2, 1'.")
        try:
            x1, x2, c = (float(v) for v in m.groups())
        except ValueError:
            raise ValueError(f"line {k} ({line.strip()!r}) has something that is not a "
                             f"number.") from None
        X.append([x1, x2])
        d.append(c)
    return np.array(X, dtype=float).reshape(-1, 2), np.array(d, dtype=float)


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


def _whole(bound):
    """Novikoff's bound as a whole number of mistakes: the ceiling, unless the bound is a
    whole number that rounding has nudged (50.99999999999999 for AND's 51)."""
    if bound >= 1e9:
        return f"about {bound:.3g}"
    nearest = round(bound)
    return nearest if abs(bound - nearest) <= 1e-9 * max(bound, 1) else math.ceil(bound)


def _explain(err):
    """A message for the learner about a failed retraining, without Python internals."""
    if isinstance(err, (ValueError, TypeError)):
        return f"{err} The explorer still shows the last run that worked."
    return ("These points could not be trained on or drawn (they may be too large or too close "
            "together to draw): try numbers between about -1e6 and 1e6. The explorer still "
            "shows the last run that worked.")


def _names(x_label, y_label, class_names):
    """Axis and class names for the picture, checked: keyword arguments of TrainingPicture."""
    names = {"x_label": "$x_1$" if x_label is None else x_label,
             "y_label": "$x_2$" if y_label is None else y_label}
    for key, value in names.items():
        if not isinstance(value, str):
            raise TypeError(f"{key} must be text, e.g. \"petal length (cm)\"; got {value!r}.")
    if class_names is None:
        class_names = ("class 0", "class 1")
    if isinstance(class_names, str) or len(class_names) != 2 or \
            not all(isinstance(c, str) for c in class_names):
        raise TypeError(f"class_names must be two names, for class 0 and class 1, e.g. "
                        f"(\"setosa\", \"versicolor\"); got {class_names!r}.")
    names["class_names"] = tuple(class_names)
    return names


class TrainingExplorer(_StaticPicture, widgets.VBox):
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

    Keys (mouse over the picture): → / PageDown step, ← / PageUp back, Home / End,
    space play or pause.
    """

    DATASETS = GATES + ("custom",)
    LEARNING_RATES = (0.01, 0.1, 0.25, 0.5, 1, 2, 5)

    def __init__(self, X=None, d=None, dataset="AND", lr=1, epochs=30, shuffle=False, seed=0,
                 size="normal", xlim=None, ylim=None, title=None, x_label=None, y_label=None,
                 class_names=None):
        _size(size)
        self._names = _names(x_label, y_label, class_names)
        # lr, epochs, shuffle and seed are checked (with clear messages) by Perceptron itself
        Perceptron(2, lr=lr, epochs=epochs, shuffle=shuffle, seed=seed)
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be text; got {title!r}.")
        self.size = size
        self.epochs = int(epochs)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self._limits = _limits(xlim, ylim)
        self._title = title
        self._custom_X = np.zeros((0, 2))
        self._custom_d = np.zeros(0, dtype=int)
        self._undo = []
        self._keep_view = False     # keep the axes while the learner adds points by clicking
        self.error = ""
        self._busy = False
        self.position = 0
        self.history = None
        self.picture = None
        self.perceptron = None
        self.bound = None
        self.separable = None
        start_message = ""
        if X is not None or d is not None:
            dataset = "custom"
            try:
                Xc = check_X(X, name="X")
                if Xc.shape[1] != 2:
                    raise ValueError(f"the explorer draws two inputs (x1, x2): X needs 2 "
                                     f"columns; got {Xc.shape[1]}.")
                dc = check_labels(d, len(Xc))
                self._custom_X, self._custom_d = Xc, dc
            except (TypeError, ValueError) as err:
                start_message = f"Your data could not be used: {err}"
        dataset = str(dataset)
        if dataset.upper() in GATES:
            dataset = dataset.upper()
        if dataset not in self.DATASETS:
            raise ValueError(f"unknown dataset {dataset!r}. Choose one of: "
                             f"{', '.join(self.DATASETS)}.")
        rates = self.LEARNING_RATES if lr in self.LEARNING_RATES else \
            tuple(sorted(self.LEARNING_RATES + (lr,)))

        # -- controls ---------------------------------------------------------------------------
        self.dataset_dropdown = widgets.Dropdown(options=self.DATASETS, value=dataset,
                                                 description="data",
                                                 layout=widgets.Layout(width="180px"))
        self.lr_dropdown = widgets.Dropdown(options=rates, value=lr, description="learning rate",
                                            style={"description_width": "90px"},
                                            layout=widgets.Layout(width="190px"))
        self.mode_buttons = widgets.ToggleButtons(options=["per sample", "per epoch"],
                                                  tooltips=["one visit at a time",
                                                            "one whole epoch at a time"],
                                                  style={"button_width": "105px"})
        self.start_button = _button("start", "back to the start (Home)", "fast-backward")
        self.back_button = _button("back", "one step back (←)", "step-backward")
        self.step_button = _button("step", "one step forward (→)", "step-forward")
        self.end_button = _button("end", "jump to the end (End)", "fast-forward")
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=400,
                                 show_repeat=False, description="play",
                                 tooltip="play / pause (space)")
        self.speed_slider = widgets.IntSlider(value=3, min=1, max=20, description="steps/s",
                                              style={"description_width": "60px"},
                                              layout=widgets.Layout(width="230px"))
        self.slider = widgets.IntSlider(value=0, min=0, max=1, description="visit",
                                        continuous_update=True,
                                        style={"description_width": "60px"},
                                        layout=widgets.Layout(width="95%"))
        spec = SIZES[size]
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{int(spec['figsize'][0] * spec['dpi'])}px", max_width="100%",
            height="auto"))
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="3.2em"))
        self.status = widgets.HTML(layout=widgets.Layout(min_height="2.6em"))
        self.table_toggle = widgets.ToggleButton(description="table of visits",
                                                 tooltip="show the visits so far as a table")
        self.csv_button = _button("save CSV", "save every visit to a CSV file")
        self.table = widgets.HTML()
        # custom data
        self.class_buttons = widgets.ToggleButtons(
            options=[("class 0 ●", 0), ("class 1 ▲", 1)], value=1,
            tooltips=["clicks add class 0 points", "clicks add class 1 points"],
            description="clicks add", style={"button_width": "100px"})
        self.undo_button = _button("undo", "remove the last point added")
        self.clear_button = _button("clear", "remove every point")
        self.points_text = widgets.Textarea(
            placeholder="one point per line: x1, x2, class   e.g.  0.5, 1.2, 1",
            layout=widgets.Layout(width="320px", height="110px"))
        self.apply_button = _button("use these points", "train on the points in the box")
        self.custom_box = widgets.VBox([
            widgets.HTML("Click on the picture to add points of the chosen class, or type "
                         "them below and press <i>use these points</i>."),
            widgets.HBox([self.class_buttons, self.undo_button, self.clear_button]),
            widgets.HBox([self.points_text, self.apply_button])])

        # -- wiring -----------------------------------------------------------------------------
        self.start_button.on_click(lambda _: self.go_to(0))
        self.end_button.on_click(lambda _: self.go_to(self._slider_max()))
        self.step_button.on_click(lambda _: self.step_forward())
        self.back_button.on_click(lambda _: self.step_back())
        self.slider.observe(self._on_slider, names="value")
        self.play.observe(self._on_play_tick, names="value")
        self.speed_slider.observe(self._on_speed, names="value")
        self.mode_buttons.observe(self._on_mode, names="value")
        self.dataset_dropdown.observe(self._on_dataset, names="value")
        self.lr_dropdown.observe(self._on_lr, names="value")
        self.table_toggle.observe(lambda _: self._update_table(), names="value")
        self.csv_button.on_click(lambda _: self.save_csv())
        self.undo_button.on_click(lambda _: self.undo())
        self.clear_button.on_click(lambda _: self.clear_points())
        self.apply_button.on_click(lambda _: self._apply_text())
        self._on_speed()
        if Event is not None:
            self._events = Event(source=self.image, watched_events=["click", "keydown"],
                                 prevent_default_action=True)
            self._events.on_dom_event(self._on_dom_event)

        nav = widgets.HBox([self.start_button, self.back_button, self.step_button,
                            self.end_button, self.play, self.speed_slider])
        top = widgets.HBox([self.dataset_dropdown, self.lr_dropdown, self.mode_buttons])
        css = _css(size)
        # The custom-data editor goes below the picture, so the picture never moves.
        super().__init__([top, self.image, nav, self.slider, self.readout, self.status,
                          self.custom_box,
                          widgets.HBox([self.table_toggle, self.csv_button]), self.table])
        self.add_class("perceptron-training-explorer")
        self._css = css
        self._last_good = None
        if not self.retrain():                 # the learner's data cannot be used: start empty
            start_message = f"Your data could not be used: {self.error}"
            self._custom_X, self._custom_d = np.zeros((0, 2)), np.zeros(0, dtype=int)
            self.retrain()
        if start_message:
            self._show_error(start_message)

    # -- data and training ------------------------------------------------------------------------
    @property
    def dataset(self):
        return self.dataset_dropdown.value

    @property
    def lr(self):
        return self.lr_dropdown.value

    @property
    def data(self):
        """The current (X, d) as copies."""
        if self.dataset == "custom":
            return self._custom_X.copy(), self._custom_d.copy()
        X, d = gate_data(self.dataset)
        return X.astype(float), d

    def _view(self, X):
        xlim, ylim = self._limits
        if xlim is not None:
            return xlim, ylim
        if self.dataset != "custom" or len(X) == 0:
            return (-0.5, 1.5), (-0.5, 1.5)
        if self.picture is not None and self._keep_view:
            return self.picture.scene.xlim, self.picture.scene.ylim
        # halves first, so that points near the largest floats do not overflow
        lo, hi = X.min(axis=0), X.max(axis=0)
        centre = lo / 2 + hi / 2
        half = max((hi / 2 - lo / 2).max(), 0.5) * 1.25
        xlim, ylim = ((c - half, c + half) for c in centre)
        if not np.isfinite([xlim, ylim]).all():
            raise ValueError("these points are too far out to draw (beyond about 1e307): "
                             "scale them down, for example divide X by 1e10.")
        return xlim, ylim

    def retrain(self):
        """Train again on the current data and learning rate; back to the start.

        If that fails (points too far out to draw, weights that overflow, ...), the explorer
        says why and keeps the last run that worked: its data, settings, picture and history.
        Returns True when the new run is shown.
        """
        self.play.playing = False
        try:
            with np.errstate(all="ignore"):    # overflow is caught below, as an error to show
                run = self._train(*self.data)
        except Exception as err:  # whatever happened, the learner keeps a working explorer
            self._restore_last_good()
            self._show_error(_explain(err))
            return False
        self._last_good = (self.dataset, self.lr, self._custom_X, self._custom_d)
        self.perceptron, self.history, self.picture = run["perceptron"], run["history"], \
            run["picture"]
        self.bound, self.separable = run["bound"], run["separable"]
        self.error = ""
        self.custom_box.layout.display = "" if self.dataset == "custom" else "none"
        self.position = 0
        self._busy = True
        self.slider.value = 0
        self.slider.max = self._slider_max()
        self.slider.disabled = self.history is None
        self._busy = False
        self._show(0)
        if run["problem"]:
            self._show_error(run["problem"])
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
        picture = TrainingPicture(X, d, history, xlim, ylim, size=self.size,
                                  title=f"{title}, learning rate {_fmt(self.lr)}", **self._names)
        picture.render(0)                     # fails here, not later, if it cannot be drawn
        return dict(problem=problem, perceptron=perceptron, history=history, bound=bound,
                    separable=separable, picture=picture)

    def _restore_last_good(self):
        """Put data and settings back as they were for the run on screen."""
        if getattr(self, "_last_good", None) is None:
            return
        dataset, lr, X, d = self._last_good
        self._busy = True
        try:
            self.dataset_dropdown.value = dataset
            self.lr_dropdown.value = lr
        finally:
            self._busy = False
        self._custom_X, self._custom_d = X, d
        self._sync_text()

    def _show_error(self, text):
        self.error = text
        self.status.value = (f'<div role="alert" style="{self._css} color:#8a3b00;">'
                             f"⚠ {html.escape(text)}</div>")

    # -- moving through the history ----------------------------------------------------------------
    @property
    def per_epoch(self):
        return self.mode_buttons.value == "per epoch"

    def _slider_max(self):
        if self.history is None:
            return 0
        return self.history.n_epochs if self.per_epoch else len(self.history)

    def _position_of(self, k):
        """Slider value -> position in the history."""
        if not self.per_epoch or k == 0 or self.history is None:
            return k
        return int(self.history.epoch_ends[k - 1]) + 1

    def go_to(self, k):
        """Move the slider to ``k`` (a visit, or an epoch in per-epoch mode)."""
        k = int(min(max(k, 0), self._slider_max()))
        if self.slider.value == k:
            self._show(self._position_of(k))
        else:
            self.slider.value = k

    def step_forward(self):
        self.go_to(self.slider.value + 1)

    def step_back(self):
        self.go_to(self.slider.value - 1)

    def _on_slider(self, change):
        if not self._busy:
            self._show(self._position_of(change["new"]))

    def _on_play_tick(self, change):
        if not self.play.playing:
            return
        if self.slider.value >= self._slider_max():
            self.play.playing = False
            return
        self.step_forward()

    def _on_speed(self, change=None):
        self.play.interval = int(1000 / self.speed_slider.value)

    def _on_mode(self, change):
        h = self.history
        if h is None:
            return
        self._busy = True
        if self.per_epoch:
            k = int(np.searchsorted(h.epoch_ends, self.position - 1, side="right"))
            self.slider.max = h.n_epochs
            self.slider.description = "epoch"
        else:
            k = self.position
            self.slider.max = len(h)
            self.slider.description = "visit"
        self.slider.value = k
        self._busy = False
        self._show(self._position_of(k))

    def _on_lr(self, change):
        if not self._busy:
            self.retrain()

    def _on_dataset(self, change):
        if self._busy:
            return
        if change["new"] == "custom" and len(self._custom_X) == 0:
            X, d = gate_data(change["old"]) if change["old"] in GATES else gate_data("AND")
            self._custom_X, self._custom_d = X.astype(float), d
            self._sync_text()
        self._keep_view = False
        self.retrain()

    def _on_dom_event(self, event):
        kind = event.get("type")
        if kind == "keydown":
            key = event.get("key")
            if key in ("ArrowRight", "PageDown"):
                self.step_forward()
            elif key in ("ArrowLeft", "PageUp"):
                self.step_back()
            elif key == "Home":
                self.go_to(0)
            elif key == "End":
                self.go_to(self._slider_max())
            elif key == " ":
                self.play.playing = not self.play.playing
        elif kind == "click":
            px, py = event.get("dataX"), event.get("dataY")
            if not all(isinstance(v, (int, float)) and np.isfinite(v) for v in (px, py)):
                return
            if self.dataset != "custom":
                self.status.value = (f'<div style="{self._css}">To add points by clicking, '
                                     f"choose <b>custom</b> data first.</div>")
                return
            xy = self.picture.pixel_to_data(px, py)
            if xy is not None:
                self.add_point(xy[0], xy[1], self.class_buttons.value)

    def _show(self, position):
        self.position = position
        per_epoch = self.per_epoch
        self.image.value = self.picture.render(position, per_epoch)
        self.readout.value = (f'<div role="status" aria-live="polite" style="{self._css}">'
                              f"{html.escape(self.describe_position())}</div>")
        if self.history is not None:
            self.status.value = f'<div style="{self._css}">{self.describe_status()}</div>'
        if self.table_toggle.value:
            self._update_table()
        # The picture is on its way to the browser; now draw the next one, so that the next
        # press of "step" finds it ready.
        if self.history is not None and self.slider.value < self._slider_max():
            self.picture.prefetch(self._position_of(self.slider.value + 1), per_epoch)

    # -- words ---------------------------------------------------------------------------------
    def describe_position(self):
        """The readout: what happened at the current position, in words."""
        h, pos = self.history, self.position
        if h is None:
            return "Nothing to train on yet."
        n = len(self.data[0])
        if pos == 0:
            W0 = h.W_at(0)
            why = ""
            if not W0.any():
                why = (" With all weights 0, z = 0 for every input, so the neuron fires "
                       "everywhere: the whole picture is shaded.")
            return (f"Before training: W = {format_vector(W0)}.{why} Press step (or →) to "
                    f"show the perceptron its first sample.")
        if self.per_epoch:
            epoch = h.epoch_of_position(pos)
            m = h.mistakes_per_epoch[epoch - 1]
            return (f"End of epoch {epoch}: {m} mistake{'s' if m != 1 else ''} in this epoch; "
                    f"W = {format_vector(h.W_at(pos))}.")
        v = h[pos - 1]
        k = pos - int(h.epoch_ends[v.epoch - 2]) - 1 if v.epoch > 1 else pos
        x = ", ".join(_fmt(c) for c in v.x)
        text = (f"epoch {v.epoch}, sample {k} of {n}: x = ({x}), z = {_fmt(v.z)}, "
                f"predicted {v.y}, desired {v.d}, ")
        if v.e == 0:
            text += "no change"
        else:
            what = "fired but should not have: inhibit" if v.e < 0 else \
                "did not fire but should have: excite"
            text += (f"error e = {v.e:+d} ({what}), W ← W + {_fmt(self.lr)}·({v.e:+d})·"
                     f"[1, {x}]")
        return text + f"; W = {format_vector(v.W_after)}"

    def describe_status(self):
        """The story so far: converging, cycling, or how many mistakes against the bound."""
        h, pos = self.history, self.position
        ends = h.epoch_ends
        so_far = h.mistakes_until(pos)
        conv = h.converged_epoch
        if conv is not None and pos >= ends[conv - 1] + 1:
            text = (f"✔ Converged in epoch {conv}: no mistakes in a whole epoch. "
                    f"Final W = {format_vector(h.W_at(len(h)))}, after {so_far} updates.")
        else:
            cycle = h.cycle
            if cycle is not None and pos >= ends[cycle.epoch - 1] + 1:
                text = (f"↻ The weights at the end of epoch {cycle.epoch} repeat those at the "
                        f"end of epoch {cycle.repeats_epoch}: training is going round in a "
                        f"cycle and will never converge.")
                if self.separable:
                    text += (" Yet a line does separate these points: next to such large "
                             "weights, floating point lost some updates (they rounded away).")
                else:
                    text += " No straight line separates these points."
            elif pos == len(h):
                text = (f"Stopped after {h.n_epochs} epochs without converging "
                        f"({so_far} updates).")
            else:
                text = f"Mistakes (updates) so far: {so_far}."
        if self.bound is not None and not text.startswith("↻"):
            text += (f" Novikoff's theorem: on these points the perceptron makes at most "
                     f"{_whole(self.bound)} mistakes in all.")
        elif pos == len(h) and not text.startswith("↻") and not self.separable:
            text += " These points are not linearly separable: no line can get them all right."
        return text

    def _update_table(self):
        if not self.table_toggle.value or self.history is None:
            self.table.value = ""
            return
        rows = self.history.to_rows(max(self.position - 12, 0), self.position)
        head = "".join(f"<th>{c}</th>" for c in ("step", "epoch", "x1", "x2", "z", "y", "d",
                                                 "e", "W after"))
        body = "".join(
            f"<tr><td>{r['step']}</td><td>{r['epoch']}</td><td>{_fmt(r['x1'])}</td>"
            f"<td>{_fmt(r['x2'])}</td><td>{_fmt(r['z'])}</td><td>{r['y']}</td><td>{r['d']}"
            f"</td><td>{r['e']:+d}</td>"
            f"<td>{format_vector([r['w0_after'], r['w1_after'], r['w2_after']])}</td></tr>"
            for r in rows)
        note = ("" if self.position <= 12
                else f"<caption>last 12 of {self.position} visits</caption>")
        self.table.value = (f'<table style="{self._css} text-align:right;" cellpadding="3">'
                            f"{note}<tr>{head}</tr>{body}</table>")

    def save_csv(self, path=None):
        """Save every visit of this training run to a CSV file; returns the path."""
        if self.history is None:
            self._show_error("There is no training to save yet.")
            return None
        name = "custom" if self.dataset == "custom" else self.dataset
        path = path or f"training_{name}_lr{_fmt(self.lr)}.csv"
        self.history.to_csv(path)
        self.status.value = (f'<div style="{self._css}">Saved {len(self.history)} visits to '
                             f"<code>{html.escape(str(path))}</code> (next to the notebook)."
                             f"</div>")
        return path

    # -- custom points ----------------------------------------------------------------------------
    def add_point(self, x1, x2, cls):
        """Add one custom point and train again."""
        try:
            Xn = check_X([[x1, x2]], name="the point")
            dn = check_labels([cls])
        except (TypeError, ValueError) as err:
            self._show_error(str(err))
            return
        self._use_points(np.vstack([self._custom_X, Xn]), np.concatenate([self._custom_d, dn]),
                         keep_view=True)

    def undo(self):
        """Take back the last change to the custom points."""
        if self._undo:
            X, d = self._undo.pop()
            self._use_points(X, d, keep_view=True, remember=False)

    def clear_points(self):
        self._use_points(np.zeros((0, 2)), np.zeros(0, dtype=int), keep_view=True)

    def _use_points(self, X, d, keep_view, remember=True):
        """Train on new custom points. If that fails, the old points, run and picture stay."""
        before = (self._custom_X, self._custom_d)
        self._custom_X, self._custom_d = X, d
        self._keep_view = keep_view
        self._busy = True
        self.dataset_dropdown.value = "custom"
        self._busy = False
        if self.retrain():
            self._sync_text()
            if remember:
                self._undo.append(before)

    def _sync_text(self):
        self.points_text.value = "\n".join(f"{_fmt(x[0])}, {_fmt(x[1])}, {int(c)}"
                                           for x, c in zip(self._custom_X, self._custom_d))

    def _apply_text(self):
        try:
            X, d = _parse_points(self.points_text.value)
            if len(X):
                X = check_X(X, name="the points")
                d = check_labels(d, len(X))
            else:
                d = d.astype(int)
        except (TypeError, ValueError) as err:
            self._show_error(f"The points could not be read: {err}")
            return
        self._use_points(X, d, keep_view=False)

    # -- static picture ------------------------------------------------------------------------
    def _png(self):
        return self.image.value

    def _describe(self):
        n = len(self.history) if self.history is not None else 0
        return (f"TrainingExplorer: {self.dataset}, learning rate {_fmt(self.lr)}, "
                f"position {self.position} of {n} visits")
