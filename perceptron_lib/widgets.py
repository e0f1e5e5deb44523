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
import re

import ipywidgets as widgets
import numpy as np

from .data import gate as gate_data
from .geometry import is_linearly_separable, max_margin_weights, novikoff_bound
from .perceptron import Perceptron, check_labels, check_X, step
from .plotting import (
    SIZES,
    BoundaryPicture,
    NeuronPicture,
    TrainingPicture,
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


# --------------------------------------------------------------------------------------------
class NeuronExplorer(_StaticPicture, widgets.VBox):
    """A toy neuron: binary inputs, one weight per input, a threshold, all-or-nothing output.

    Parameters
    ----------
    n_inputs : int
        Number of inputs (1 to 6).
    weights : list of float, optional
        Starting weights (default: all 1).
    threshold : float
        The neuron fires when the weighted sum reaches the threshold.
    size : "normal" or "large"
    """

    def __init__(self, n_inputs=3, weights=None, threshold=2.0, size="normal"):
        if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)) \
                or not 1 <= n_inputs <= 6:
            raise ValueError(f"n_inputs must be a whole number from 1 to 6; got {n_inputs!r}.")
        weights = [1.0] * n_inputs if weights is None else list(weights)
        if len(weights) != n_inputs:
            raise ValueError(f"give one weight per input: {n_inputs} weights; got {len(weights)}.")
        self.size = size
        self.input_buttons = [
            widgets.ToggleButton(value=False, description=f"x{i + 1} = 0",
                                 tooltip=f"switch input x{i + 1} on or off",
                                 layout=widgets.Layout(width="90px"))
            for i in range(n_inputs)]
        self.weight_sliders = [
            widgets.FloatSlider(value=float(w), min=-3, max=3, step=0.5,
                                description=f"weight w{i + 1}", continuous_update=True,
                                style={"description_width": "80px"})
            for i, w in enumerate(weights)]
        self.threshold_slider = widgets.FloatSlider(
            value=float(threshold), min=-3, max=6, step=0.5, description="threshold",
            style={"description_width": "80px"})
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
        return np.array([s.value for s in self.weight_sliders])

    @property
    def total(self):
        """The weighted sum of the inputs."""
        return float(self.inputs @ self.weights)

    @property
    def fires(self):
        """True when the weighted sum reaches the threshold."""
        return self.total >= self.threshold_slider.value

    def _update(self, change=None):
        for i, b in enumerate(self.input_buttons):
            b.description = f"x{i + 1} = {int(b.value)}"
            b.button_style = "info" if b.value else ""
        x, w, t = self.inputs, self.weights, self.threshold_slider.value
        terms = " + ".join(f"{_fmt(wi)}·{xi}" for wi, xi in zip(w, x))
        verdict = ("<b>fires: output 1</b>" if self.fires else "<b>stays silent: output 0</b>")
        cmp = "≥" if self.fires else "<"
        self.readout.value = (
            f'<div role="status" aria-live="polite" style="{_css(self.size)}">'
            f"weighted sum = {terms} = <b>{_fmt(self.total)}</b> {cmp} threshold {_fmt(t)}"
            f" → the neuron {verdict}.</div>")
        self.image.value = self._png()

    def _png(self):
        return self._picture.render(self.inputs, self.weights, self.threshold_slider.value)

    def _describe(self):
        return (f"NeuronExplorer: inputs {self.inputs.tolist()}, weights "
                f"{format_vector(self.weights)}, threshold {_fmt(self.threshold_slider.value)}:"
                f" {'fires' if self.fires else 'silent'}")


# --------------------------------------------------------------------------------------------
class BoundaryExplorer(_StaticPicture, widgets.VBox):
    """Set w1, w2 and the bias b by hand and see the decision line and the truth table.

    Parameters
    ----------
    gate : str
        The gate to aim for: AND, OR, NAND, NOR, XOR or XNOR.
    w1, w2, b : float
        Starting values of the sliders.
    size : "normal" or "large"
    """

    def __init__(self, gate="AND", w1=1.0, w2=1.0, b=-0.5, size="normal"):
        gate = str(gate).upper()
        if gate not in GATES:
            raise ValueError(f"unknown gate {gate!r}. Choose one of: {', '.join(GATES)}.")
        self.size = size
        self.gate_dropdown = widgets.Dropdown(options=GATES, value=gate, description="gate")
        style = {"description_width": "60px"}
        self.w1_slider = widgets.FloatSlider(value=w1, min=-3, max=3, step=0.1,
                                             description="w1", style=style)
        self.w2_slider = widgets.FloatSlider(value=w2, min=-3, max=3, step=0.1,
                                             description="w2", style=style)
        self.b_slider = widgets.FloatSlider(value=b, min=-3, max=3, step=0.1,
                                            description="bias b", style=style)
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
        """[b, w1, w2], rounded to the sliders' step."""
        return np.array([round(s.value, 6) for s in (self.b_slider, self.w1_slider,
                                                     self.w2_slider)])

    @property
    def outputs(self):
        X, _ = gate_data(self.gate_dropdown.value)
        return step(self.W[0] + X @ self.W[1:])

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
        z = W[0] + X @ W[1:]
        y = step(z)
        css = _css(self.size)
        rows = "".join(
            f"<tr><td>{x[0]}</td><td>{x[1]}</td><td>{_fmt(zi)}</td><td>{yi}</td><td>{di}</td>"
            f"<td>{'✔' if yi == di else '✘'}</td></tr>"
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
            if name in ("XOR", "XNOR"):
                text += (f" (For {name} you will never get all four: no straight line puts "
                         f"its 1s on one side and its 0s on the other. Three is the best.)")
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
        if size not in SIZES:
            raise ValueError(f"size must be one of {', '.join(SIZES)}; got {size!r}.")
        self._names = _names(x_label, y_label, class_names)
        self.size = size
        self.epochs = int(epochs)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self._limits = (xlim, ylim)
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
        Perceptron(2, lr=lr)   # checks lr and gives a clear message if it is not usable

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
        self.lr_dropdown.observe(lambda _: self.retrain(), names="value")
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
            return tuple(xlim), tuple(ylim if ylim is not None else xlim)
        if self.dataset != "custom" or len(X) == 0:
            return (-0.5, 1.5), (-0.5, 1.5)
        if self.picture is not None and self._keep_view:
            return self.picture.scene.xlim, self.picture.scene.ylim
        lo, hi = X.min(axis=0), X.max(axis=0)
        centre, half = (lo + hi) / 2, max((hi - lo).max() / 2, 0.5) * 1.25
        return ((centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half))

    def retrain(self):
        """Train again on the current data and learning rate; back to the start."""
        self.play.playing = False
        X, d = self.data
        self.error = ""
        self.history = None
        self.perceptron = None
        self.bound = None
        problem = ""
        if len(X) == 0:
            problem = ("No points yet. Click on the picture to add points (choose the class "
                       "first), or type them in the box as lines 'x1, x2, class'.")
        elif d.min() == d.max():
            other = 1 - int(d[0])
            problem = (f"All points are class {int(d[0])}. Add at least one point of class "
                       f"{other}, so there is something to separate.")
        xlim, ylim = self._view(X)
        if not problem:
            self.perceptron = Perceptron(2, lr=self.lr, epochs=self.epochs, shuffle=self.shuffle,
                                         seed=self.seed).fit(X, d)
            self.history = self.perceptron.history_
            if is_linearly_separable(X, d):
                self.bound = novikoff_bound(X, d, max_margin_weights(X, d))
        title = (self._title or "your points") if self.dataset == "custom" else self.dataset
        self.picture = TrainingPicture(X, d, self.history, xlim, ylim, size=self.size,
                                       title=f"{title}, learning rate {_fmt(self.lr)}",
                                       **self._names)
        self.custom_box.layout.display = "" if self.dataset == "custom" else "none"
        self.position = 0
        self._busy = True
        self.slider.value = 0
        self.slider.max = max(self._slider_max(), 1)
        self._busy = False
        self._show(0)
        if problem:
            self._show_error(problem)

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
            self.slider.max = max(h.n_epochs, 1)
            self.slider.description = "epoch"
        else:
            k = self.position
            self.slider.max = max(len(h), 1)
            self.slider.description = "visit"
        self.slider.value = k
        self._busy = False
        self._show(self._position_of(k))

    def _on_dataset(self, change):
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
            if self.dataset != "custom":
                self.status.value = (f'<div style="{self._css}">To add points by clicking, '
                                     f"choose <b>custom</b> data first.</div>")
                return
            xy = self.picture.pixel_to_data(event.get("dataX", -1), event.get("dataY", -1))
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
                        f"cycle and will never converge. No straight line separates these "
                        f"points.")
            elif pos == len(h):
                text = (f"Stopped after {h.n_epochs} epochs without converging "
                        f"({so_far} updates).")
            else:
                text = f"Mistakes (updates) so far: {so_far}."
        if self.bound is not None:
            text += (f" Novikoff's theorem: on these points the perceptron makes at most "
                     f"{self.bound:.4g} mistakes in all.")
        elif pos == len(h) and not text.startswith("↻"):
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
        self._undo.append((self._custom_X, self._custom_d))
        self._custom_X = np.vstack([self._custom_X, Xn])
        self._custom_d = np.concatenate([self._custom_d, dn])
        self._after_edit()

    def undo(self):
        if self._undo:
            self._custom_X, self._custom_d = self._undo.pop()
            self._after_edit()

    def clear_points(self):
        if len(self._custom_X):
            self._undo.append((self._custom_X, self._custom_d))
        self._custom_X, self._custom_d = np.zeros((0, 2)), np.zeros(0, dtype=int)
        self._after_edit()

    def _after_edit(self):
        self._sync_text()
        self._keep_view = True
        if self.dataset != "custom":
            self.dataset_dropdown.value = "custom"   # retrains
        else:
            self.retrain()

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
        self._undo.append((self._custom_X, self._custom_d))
        self._custom_X, self._custom_d = X, d
        self._keep_view = False
        if self.dataset != "custom":
            self.dataset_dropdown.value = "custom"
        else:
            self.retrain()

    # -- static picture ------------------------------------------------------------------------
    def _png(self):
        return self.image.value

    def _describe(self):
        n = len(self.history) if self.history is not None else 0
        return (f"TrainingExplorer: {self.dataset}, learning rate {_fmt(self.lr)}, "
                f"position {self.position} of {n} visits")
