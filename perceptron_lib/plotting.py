"""Drawing the perceptron with matplotlib.

Plain functions take the Axes first and return what they drew, so you can combine them in
your own figures::

    fig, ax = plt.subplots()
    plot_points(ax, X, d)
    plot_decision_boundary(ax, W)

Classes are told apart by marker shape *and* colour (a colour-blind-safe palette), so every
figure still reads in black and white.

``TrainingPicture`` is the two-panel picture of the training explorer: it redraws only what
changes between two moments of training, which keeps stepping fast.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Polygon
from matplotlib.ticker import MaxNLocator

from .geometry import decision_line, positive_region

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "SIZES",
    "new_figure",
    "style_axes",
    "plot_points",
    "plot_decision_boundary",
    "plot_weight_vector",
    "plot_step_function",
    "draw_neuron_diagram",
    "format_number",
    "format_vector",
    "DecisionScene",
    "MistakePanel",
    "TrainingPicture",
    "BoundaryPicture",
    "NeuronPicture",
    "FastPNG",
]

# Okabe & Ito's palette: readable with every common kind of colour blindness.
CLASS_COLORS = ("#D55E00", "#0072B2")      # class 0: vermillion, class 1: blue
CLASS_MARKERS = ("o", "^")                 # class 0: circle, class 1: triangle
SHADE_COLOR = "#56B4E9"                    # sky blue: the side where z >= 0 (predicts 1)
LINE_COLOR = "#000000"
UPDATE_COLORS = {1: "#009E73", -1: "#CC79A7"}  # excite: bluish green; inhibit: reddish purple

# Figure sizes: "large" is for projectors and lecture halls.
SIZES = {
    "normal": dict(figsize=(8.8, 4.4), dpi=80, font=11, marker=90),
    "large": dict(figsize=(11.0, 5.5), dpi=100, font=15, marker=170),
}


def _size(size):
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}; got {size!r}.")
    return SIZES[size]


def new_figure(size="normal", **kw):
    """A matplotlib Figure with its own Agg canvas (no pyplot, no global state)."""
    spec = _size(size)
    fig = Figure(figsize=kw.pop("figsize", spec["figsize"]), dpi=kw.pop("dpi", spec["dpi"]), **kw)
    FigureCanvasAgg(fig)
    return fig


def style_axes(ax, xlim=(-0.5, 1.5), ylim=None, title=None, fontsize=11, x_label="$x_1$",
               y_label="$x_2$"):
    """Label the axes (x1 / x2 unless told otherwise), fix the limits, and keep one unit the
    same length on both axes (so a right angle looks like one)."""
    ylim = xlim if ylim is None else ylim
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(x_label, fontsize=fontsize)
    short = len(y_label) <= 8    # a short name reads across; a long one along the axis
    ax.set_ylabel(y_label, fontsize=fontsize, rotation=0 if short else 90,
                  labelpad=10 if short else 4)
    ax.tick_params(labelsize=fontsize - 2)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if title:
        ax.set_title(title, fontsize=fontsize + 1)
    return ax


def plot_points(ax, X, d, s=90, labels=("class 0 (d = 0)", "class 1 (d = 1)"), **kw):
    """Scatter two classes: circles for class 0, triangles for class 1. Returns the two
    PathCollections."""
    X = np.asarray(X, dtype=float)
    d = np.asarray(d)
    zorder = kw.pop("zorder", 6)   # above lines and arrows: a sample is never hidden
    artists = []
    for c in (0, 1):
        pts = X[d == c].reshape(-1, 2)
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], s=s, marker=CLASS_MARKERS[c],
                                  color=CLASS_COLORS[c], edgecolors="black", linewidths=0.8,
                                  label=labels[c], zorder=zorder, **kw))
    return artists


def plot_decision_boundary(ax, W, xlim=None, ylim=None, shade=True, **kw):
    """Draw the line w0 + w1*x1 + w2*x2 = 0 and shade its z >= 0 side.

    Returns a dict with the ``line`` (Line2D) and the ``shade`` (Polygon or None).
    """
    xlim = ax.get_xlim() if xlim is None else xlim
    ylim = ax.get_ylim() if ylim is None else ylim
    seg = decision_line(W, xlim, ylim)
    xs, ys = seg if seg is not None else ([], [])
    style = dict(color=LINE_COLOR, linewidth=2.2, label="decision line (z = 0)")
    style.update(kw)
    (line,) = ax.plot(xs, ys, **style)
    patch = None
    if shade:
        region = positive_region(W, xlim, ylim)
        patch = Polygon(region if len(region) else np.zeros((1, 2)), closed=True,
                        facecolor=SHADE_COLOR, alpha=0.22, edgecolor="none",
                        label="z ≥ 0: predicts 1", zorder=0)
        ax.add_patch(patch)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return {"line": line, "shade": patch}


def _anchor(W, xlim, ylim):
    """The point of the line nearest the middle of the view: where arrows start."""
    w = np.asarray(W[1:], dtype=float)
    c = np.array([np.mean(xlim), np.mean(ylim)])
    return c - (W[0] + w @ c) / (w @ w) * w


def _arrow_length(xlim, ylim):
    return 0.18 * min(xlim[1] - xlim[0], ylim[1] - ylim[0])


def plot_weight_vector(ax, W, xlim=None, ylim=None, **kw):
    """Draw w = (w1, w2) as an arrow starting on the decision line. It is perpendicular to the
    line and points to the side that predicts 1. Returns the arrow, or None when w = 0."""
    xlim = ax.get_xlim() if xlim is None else xlim
    ylim = ax.get_ylim() if ylim is None else ylim
    W = np.asarray(W, dtype=float)
    if not W[1:].any():
        return None
    start = _anchor(W, xlim, ylim)
    end = start + _arrow_length(xlim, ylim) * W[1:] / np.linalg.norm(W[1:])
    style = dict(arrowstyle="-|>", mutation_scale=18, color=LINE_COLOR, linewidth=2, zorder=4)
    # (points are drawn above arrows, so an arrow never hides a sample)
    style.update(kw)
    arrow = FancyArrowPatch(start, end, **style)
    ax.add_patch(arrow)
    return arrow


def plot_step_function(ax, zlim=(-3, 3), fontsize=11):
    """The step activation: 0 for z < 0, 1 for z >= 0 (the filled dot shows step(0) = 1)."""
    left = ax.plot([zlim[0], 0], [0, 0], color=CLASS_COLORS[1], linewidth=2.5)[0]
    right = ax.plot([0, zlim[1]], [1, 1], color=CLASS_COLORS[1], linewidth=2.5)[0]
    ax.plot([0, 0], [0, 1], color=CLASS_COLORS[1], linewidth=1, linestyle=":")
    filled = ax.scatter([0], [1], s=60, color=CLASS_COLORS[1], zorder=3)
    hollow = ax.scatter([0], [0], s=60, facecolors="white", edgecolors=CLASS_COLORS[1], zorder=3)
    ax.set_xlim(*zlim)
    ax.set_ylim(-0.25, 1.25)
    ax.set_yticks([0, 1])
    ax.set_xlabel("pre-activation $z$", fontsize=fontsize)
    ax.set_ylabel("output $a$", fontsize=fontsize)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    return [left, right, filled, hollow]


def draw_neuron_diagram(ax, fontsize=10):
    """A labelled sketch of a nerve cell: dendrites, synapses, soma, nucleus, axon, terminals.

    Drawn from simple shapes so that the course ships no images. Returns the text labels.
    """
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    body = "#F0E442"
    edge = "#5a4a00"
    # Dendrites: branches into the soma, each ending at a synapse (a small gap).
    labels = []
    for y_end, y_tip in ((3.4, 5.3), (3.0, 3.0), (2.6, 0.8)):
        ax.plot([1.0, 2.6], [y_tip, y_end], color=edge, linewidth=3, solid_capstyle="round")
        ax.plot([0.2, 0.75], [y_tip, y_tip], color="#777777", linewidth=3)   # incoming axon
        ax.add_patch(Circle((0.9, y_tip), 0.12, facecolor="white", edgecolor=edge, zorder=3))
    ax.add_patch(Ellipse((3.4, 3.0), 2.0, 1.7, facecolor=body, edgecolor=edge, linewidth=2,
                         zorder=2))
    ax.add_patch(Circle((3.4, 3.0), 0.35, facecolor="#E69F00", edgecolor=edge, zorder=3))
    # Axon with myelin segments, then branching terminals.
    ax.plot([4.4, 9.6], [3.0, 3.0], color=edge, linewidth=3, zorder=1)
    for x in (5.0, 6.3, 7.6):
        ax.add_patch(Ellipse((x + 0.45, 3.0), 1.0, 0.45, facecolor="#CCCCCC", edgecolor=edge,
                             zorder=2))
    for y_t in (4.1, 3.0, 1.9):
        ax.plot([9.6, 10.9], [3.0, y_t], color=edge, linewidth=2.5)
        ax.add_patch(Circle((11.0, y_t), 0.15, facecolor=edge, zorder=3))
    ax.annotate("", xy=(9.3, 2.45), xytext=(5.0, 2.45),
                arrowprops=dict(arrowstyle="-|>", color="#0072B2", linewidth=1.5))
    spec = [
        ("dendrites: receive inputs", (2.6, 5.75), (1.55, 4.65)),
        ("synapses:\nweight each input", (2.2, 0.3), (1.0, 0.7)),
        ("soma (cell body):\nadds the inputs up", (3.9, 1.25), (3.6, 2.2)),
        ("nucleus", (4.7, 4.4), (3.55, 3.25)),
        ("axon: carries the output\nwhen the cell fires", (7.0, 4.6), (7.0, 3.25)),
        ("signal travels this way", (7.15, 2.0), None),
        ("myelin sheath (grey):\ninsulation that\nspeeds the signal", (9.0, 0.9), (8.5, 2.8)),
        ("axon terminals:\nconnect to other cells", (10.4, 5.35), (11.0, 4.3)),
    ]
    for text, xy_text, xy in spec:
        if xy is None:
            labels.append(ax.text(*xy_text, text, ha="center", fontsize=fontsize - 1,
                                  color="#0072B2"))
        else:
            labels.append(ax.annotate(text, xy=xy, xytext=xy_text, ha="center", va="center",
                                      fontsize=fontsize,
                                      arrowprops=dict(arrowstyle="-", color="#555555")))
    return labels


def format_number(v):
    """A number the way the course prints it: 2, -0.2, 5.551e-17."""
    v = float(v)
    return "0" if v == 0 else f"{v:.4g}"


def format_vector(W):
    """'[-3, 2, 1]': weights written the way the course prints them."""
    return "[" + ", ".join(format_number(v) for v in W) + "]"


class FastPNG:
    """Renders a figure to PNG again and again, redrawing only the artists that change.

    The rest (axes, ticks, labels, the data) is drawn once and kept as a background.
    """

    def __init__(self, fig, dynamic):
        self.fig = fig
        self.dynamic = list(dynamic)
        for a in self.dynamic:
            a.set_animated(True)
        fig.canvas.draw()
        self._background = fig.canvas.copy_from_bbox(fig.bbox)

    def png(self):
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        for a in self.dynamic:
            if a.get_visible():
                (a.axes or self.fig).draw_artist(a)
        return encode_png(np.asarray(canvas.buffer_rgba())[..., :3])


def _chunk(kind, payload):
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def encode_png(rgb):
    """PNG bytes of an (h, w, 3) uint8 image, made for speed: no row filters and the fastest
    zlib level. On plots (large flat areas) that is about twice as fast as Pillow's default
    and no bigger."""
    h, w, _ = rgb.shape
    rows = np.empty((h, 1 + 3 * w), dtype=np.uint8)
    rows[:, 0] = 0                                   # filter type 0 ("none") on every row
    rows[:, 1:] = rgb.reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)   # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


def _same_scale(W, W_old=None):
    """W (and W_old) divided by one positive number, so that the largest entry is 1.

    The lines and the directions stay the same, and arrows keep their relative lengths, but
    the numbers can no longer overflow or underflow when multiplied by coordinates (weights
    near 1e300 on points near 1e300, or near 1e-300)."""
    both = [W] if W_old is None else [W, np.asarray(W_old, dtype=float)]
    biggest = max(float(np.abs(v).max()) for v in both)
    if biggest == 0:
        return W, W_old
    scaled = [v / biggest for v in both]
    return scaled[0], (None if W_old is None else scaled[1])


class DecisionScene:
    """The data, the decision line, its shaded z >= 0 side and the weight vector, drawn once and
    then updated in place by :meth:`show`.

    The artists that change are kept in ``dynamic`` (for fast redrawing).
    """

    def __init__(self, ax, X, d, xlim=(-0.5, 1.5), ylim=None, marker_size=90, fontsize=11,
                 title=None, legend_ax=None, x_label="$x_1$", y_label="$x_2$",
                 class_names=("class 0", "class 1")):
        self.ax = ax
        self.xlim = tuple(float(v) for v in xlim)
        self.ylim = self.xlim if ylim is None else tuple(float(v) for v in ylim)
        style_axes(ax, self.xlim, self.ylim, title=title, fontsize=fontsize, x_label=x_label,
                   y_label=y_label)
        self.points = plot_points(ax, X, d, s=marker_size) if len(X) else []
        self.shade = Polygon(np.zeros((1, 2)), closed=True, facecolor=SHADE_COLOR, alpha=0.22,
                             edgecolor="none", zorder=0)
        ax.add_patch(self.shade)
        (self.old_line,) = ax.plot([], [], color="#777777", linewidth=1.5, linestyle="--",
                                   zorder=2)
        (self.line,) = ax.plot([], [], color=LINE_COLOR, linewidth=2.4, zorder=2)
        arrow = dict(arrowstyle="-|>", mutation_scale=18, linewidth=2)
        self.w_old = FancyArrowPatch((0, 0), (0, 0), color="#999999", zorder=4, **arrow)
        self.w_new = FancyArrowPatch((0, 0), (0, 0), color=LINE_COLOR, zorder=5, **arrow)
        self.update_arrow = FancyArrowPatch((0, 0), (0, 0), color=UPDATE_COLORS[1], zorder=6,
                                            linestyle="-", **arrow)
        for a in (self.w_old, self.w_new, self.update_arrow):
            ax.add_patch(a)
        (self.ring,) = ax.plot([], [], marker="o", markersize=np.sqrt(marker_size) * 2.1,
                               markerfacecolor="none", markeredgecolor="black",
                               markeredgewidth=2.5, linestyle="none", zorder=7)
        self.note = ax.text(0.02, 0.98, "", transform=ax.transAxes, va="top", ha="left",
                            fontsize=fontsize - 1, zorder=8,
                            bbox=dict(facecolor="white", alpha=0.85, edgecolor="#bbbbbb"))
        self.dynamic = [self.shade, self.old_line, self.line, self.w_old, self.w_new,
                        self.update_arrow, self.ring, self.note]
        legend = [
            Line2D([], [], marker=CLASS_MARKERS[0], color=CLASS_COLORS[0], linestyle="none",
                   markeredgecolor="black", label=class_names[0]),
            Line2D([], [], marker=CLASS_MARKERS[1], color=CLASS_COLORS[1], linestyle="none",
                   markeredgecolor="black", label=class_names[1]),
            Line2D([], [], color=LINE_COLOR, linewidth=2.4, label="decision line"),
            Polygon(np.zeros((1, 2)), facecolor=SHADE_COLOR, alpha=0.4,
                    label="predicts 1 (z ≥ 0)"),
            Line2D([], [], marker=r"$\rightarrow$", markersize=14, color=LINE_COLOR,
                   linestyle="none", label="w = (w1, w2)"),
        ]
        if legend_ax is None:
            ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                      fontsize=fontsize - 2, frameon=False)
        else:
            legend_ax.axis("off")
            legend_ax.legend(handles=legend, loc="center left", fontsize=fontsize - 1,
                             frameon=False)
        self.state = {}

    def show(self, W, W_old=None, sample=None, e=0, note=""):
        """Show weights W. Optionally: the previous weights (dashed line, grey arrow), the
        visited sample (ringed) and, when e != 0, the update arrow from old w to new w."""
        W_given = np.asarray(W, dtype=float)
        W, W_old = _same_scale(W_given, W_old)
        seg = decision_line(W, self.xlim, self.ylim)
        self.line.set_data(*(seg if seg is not None else ([], [])))
        region = positive_region(W, self.xlim, self.ylim)
        self.shade.set_xy(region if len(region) else np.zeros((1, 2)))
        self.shade.set_visible(len(region) > 0)
        old_seg = None
        if W_old is not None and not np.array_equal(W_old, W):
            old_seg = decision_line(W_old, self.xlim, self.ylim)
        self.old_line.set_data(*(old_seg if old_seg is not None else ([], [])))

        # Arrows share one start point and one scale, so new w = old w + update, visibly.
        has_w = bool(W[1:].any()) and seg is not None and np.isfinite(W).all()
        for a in (self.w_old, self.w_new, self.update_arrow):
            a.set_visible(False)
        start = end = None
        if has_w:
            start = _anchor(W, self.xlim, self.ylim)
            longest = np.linalg.norm(W[1:])
            if W_old is not None:
                longest = max(longest, np.linalg.norm(np.asarray(W_old, dtype=float)[1:]))
            scale = _arrow_length(self.xlim, self.ylim) / longest
            end = start + scale * W[1:]
            if not np.isfinite([start, end]).all():      # nothing sensible to draw
                start = end = None
        if end is not None:
            self.w_new.set_positions(start, end)
            self.w_new.set_visible(True)
            if W_old is not None and e != 0:
                old_end = start + scale * np.asarray(W_old, dtype=float)[1:]
                if np.asarray(W_old, dtype=float)[1:].any():
                    self.w_old.set_positions(start, old_end)
                    self.w_old.set_visible(True)
                if not np.allclose(old_end, end):
                    self.update_arrow.set_positions(old_end, end)
                    self.update_arrow.set_color(UPDATE_COLORS[1 if e > 0 else -1])
                    self.update_arrow.set_visible(True)
        if sample is not None:
            self.ring.set_data([sample[0]], [sample[1]])
        else:
            self.ring.set_data([], [])
        self.note.set_text(note)
        self.note.set_visible(bool(note))
        self.state = {"W": W_given.copy(), "line": seg, "sample": None if sample is None
                      else tuple(float(v) for v in sample), "w_arrow": (start, end),
                      "update_arrow": self.update_arrow.get_visible(),
                      "old_line": old_seg}
        return self.state


class MistakePanel:
    """Bar chart of mistakes per epoch; bars fill in as training goes on.

    The bars are one PolyCollection, so redrawing them is a single quick draw call.
    """

    def __init__(self, ax, n_epochs, ymax, fontsize=11):
        self.ax = ax
        self.n_epochs = max(int(n_epochs), 1)
        self.bars = PolyCollection([], facecolors="#999999", edgecolors="black",
                                   linewidths=0.6)
        ax.add_collection(self.bars)
        ax.set_xlim(0.3, self.n_epochs + 0.7)
        ax.set_ylim(0, max(ymax, 1) * 1.15)
        ax.set_xlabel("epoch", fontsize=fontsize)
        ax.set_ylabel("mistakes", fontsize=fontsize)
        ax.set_title("mistakes per epoch", fontsize=fontsize)
        ax.tick_params(labelsize=fontsize - 2)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        self.dynamic = [self.bars]

    def show(self, counts, current=None):
        counts = list(counts)[:self.n_epochs]
        half = 0.35
        self.bars.set_verts([[(k + 1 - half, 0), (k + 1 - half, c), (k + 1 + half, c),
                              (k + 1 + half, 0)] for k, c in enumerate(counts)])
        self.bars.set_facecolors(["#0072B2" if current is not None and k + 1 == current
                                  else "#999999" for k in range(len(counts))])
        return counts


def _visit_note(history, position):
    if position == 0:
        return "start: W = " + format_vector(history.W_at(0))
    v = history[position - 1]
    return f"epoch {v.epoch}, step {position}/{len(history)}\nW = {format_vector(v.W_after)}"


class TrainingPicture:
    """The training explorer's picture: the data with the decision line (left) and the
    mistakes per epoch (right), for any position in a :class:`TrainingHistory`.

    Only the parts that change are redrawn between positions, and recent pictures are kept,
    so moving back and forth is quick.
    """

    def __init__(self, X, d, history=None, xlim=(-0.5, 1.5), ylim=None, size="normal",
                 title=None, cache=64, x_label="$x_1$", y_label="$x_2$",
                 class_names=("class 0", "class 1")):
        spec = _size(size)
        self.size = size
        self.fig = new_figure(size)
        gs = self.fig.add_gridspec(2, 2, width_ratios=[2.3, 1], height_ratios=[1, 1.25],
                                   left=0.07, right=0.97, bottom=0.12, top=0.92, wspace=0.3,
                                   hspace=0.25)
        self.ax = self.fig.add_subplot(gs[:, 0])
        self.ax_legend = self.fig.add_subplot(gs[0, 1])
        self.ax_m = self.fig.add_subplot(gs[1, 1])
        self.X = np.asarray(X, dtype=float).reshape(-1, 2)
        self.d = np.asarray(d)
        self.history = history
        self.scene = DecisionScene(self.ax, self.X, self.d, xlim, ylim,
                                   marker_size=spec["marker"], fontsize=spec["font"],
                                   title=title, legend_ax=self.ax_legend, x_label=x_label,
                                   y_label=y_label, class_names=class_names)
        n_epochs = history.n_epochs if history is not None else 1
        ymax = max(history.mistakes_per_epoch) if history is not None and len(history) else 1
        self.panel = MistakePanel(self.ax_m, n_epochs, ymax, fontsize=spec["font"])
        self._renderer = FastPNG(self.fig, self.scene.dynamic + self.panel.dynamic)
        self._cache = OrderedDict()
        self._cache_size = cache
        self.position = None
        self.per_epoch = False

    def show(self, position, per_epoch=False):
        """Set the artists for ``position`` (visits done); returns the scene's state."""
        h = self.history
        if h is None or len(h) == 0:
            state = self.scene.show(np.zeros(3) if h is None else h.W_at(0), note="")
            self.panel.show([])
            self.position = 0
            return state
        position = int(position)
        epoch = h.epoch_of_position(position)
        counts = h.mistakes_per_epoch[:epoch]
        if position > 0 and not per_epoch:
            ends = set(h.epoch_ends.tolist())
            if position - 1 not in ends:     # the epoch is still going: count what is done
                counts = counts[:-1] + [h.mistakes_until(position)
                                        - h.mistakes_until(position - _into_epoch(h, position))]
        self.panel.show(counts, current=epoch or None)
        if position == 0:
            state = self.scene.show(h.W_at(0), note=_visit_note(h, 0))
        elif per_epoch:
            start = position - _into_epoch(h, position)
            state = self.scene.show(h.W_at(position), W_old=h.W_at(start),
                                    note=f"end of epoch {epoch}\nW = "
                                    + format_vector(h.W_at(position)))
        else:
            v = h[position - 1]
            state = self.scene.show(v.W_after, W_old=v.W_before, sample=v.x, e=v.e,
                                    note=_visit_note(h, position))
        self.position = position
        self.per_epoch = per_epoch
        return state

    def render(self, position, per_epoch=False):
        """PNG bytes of the picture at ``position``."""
        key = (int(position), bool(per_epoch))
        if key in self._cache:
            self._cache.move_to_end(key)
            if (self.position, self.per_epoch) != key:
                self.show(*key)
            return self._cache[key]
        self.show(*key)
        png = self._renderer.png()
        self._cache[key] = png
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return png

    def prefetch(self, position, per_epoch=False):
        """Render ``position`` into the cache ahead of time, then show the current one again."""
        key = (int(position), bool(per_epoch))
        if self.history is None or not 0 <= key[0] <= len(self.history) or key in self._cache:
            return
        current = (self.position, self.per_epoch)
        self.render(*key)
        if current[0] is not None:
            self.show(*current)

    def pixel_to_data(self, px, py):
        """Map a click at image pixel (px, py) (origin top-left) to data coordinates of the
        main panel; None when the click is outside it."""
        height = self.fig.bbox.height
        x, y = self.ax.transData.inverted().transform((px, height - py))
        if self.scene.xlim[0] <= x <= self.scene.xlim[1] and \
                self.scene.ylim[0] <= y <= self.scene.ylim[1]:
            return float(x), float(y)
        return None


def _into_epoch(history, position):
    """How many visits of the current epoch are done at ``position`` (1..n)."""
    ends = history.epoch_ends
    k = np.searchsorted(ends, position - 1)
    start = 0 if k == 0 else ends[k - 1] + 1
    return position - start


class BoundaryPicture:
    """The picture of the boundary explorer: a gate's four points and the line of W."""

    def __init__(self, X, d, size="normal", title=None):
        spec = _size(size)
        self.fig = new_figure(size, figsize=(spec["figsize"][0] * 0.62, spec["figsize"][1]))
        ax = self.fig.add_axes([0.14, 0.12, 0.5, 0.8])
        self.scene = DecisionScene(ax, X, d, marker_size=spec["marker"],
                                   fontsize=spec["font"], title=title)
        self._renderer = FastPNG(self.fig, self.scene.dynamic)

    def render(self, W):
        self.scene.show(W)
        return self._renderer.png()


class NeuronPicture:
    """The toy neuron: inputs (filled when on), connections (thicker for bigger weights,
    blue when positive, vermillion when negative, dotted when the input is off), the soma
    with the sum, and the output on the axon."""

    def __init__(self, n_inputs, size="normal"):
        spec = _size(size)
        fs = spec["font"]
        self.fig = new_figure(size, figsize=(spec["figsize"][0] * 0.5, spec["figsize"][1] * 0.7))
        ax = self.fig.add_axes([0, 0, 1, 1])
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 6)
        ax.axis("off")
        self.ys = np.linspace(5.2, 0.8, n_inputs) if n_inputs > 1 else np.array([3.0])
        self.lines = [ax.plot([1.2, 4.4], [y, 3.0])[0] for y in self.ys]
        self.boxes = ax.scatter(np.full(n_inputs, 0.9), self.ys, s=380, marker="s",
                                edgecolors="black", zorder=3)
        self.values = [ax.text(0.9, y, "", ha="center", va="center", fontsize=fs, zorder=4)
                       for y in self.ys]
        self.labels = [ax.text(2.6, (y + 3.0) / 2 + 0.25, "", fontsize=fs - 2, ha="center")
                       for y in self.ys]
        self.soma = Circle((5.2, 3.0), 0.9, edgecolor="black", zorder=3)
        ax.add_patch(self.soma)
        self.sum_text = ax.text(5.2, 3.0, "", ha="center", va="center", fontsize=fs - 2,
                                zorder=4)
        self.axon = FancyArrowPatch((6.1, 3.0), (8.6, 3.0), arrowstyle="-|>",
                                    mutation_scale=20)
        ax.add_patch(self.axon)
        self.output = ax.text(9.2, 3.0, "", fontsize=fs + 8, ha="center", va="center",
                              fontweight="bold")
        ax.text(7.3, 3.4, "axon", fontsize=fs - 2, ha="center")
        dynamic = (self.lines + [self.boxes] + self.values + self.labels
                   + [self.soma, self.sum_text, self.axon, self.output])
        self._renderer = FastPNG(self.fig, dynamic)

    def render(self, inputs, weights, threshold, fire):
        """PNG of the neuron; ``fire`` is decided by the caller (exactly, for set numbers)."""
        total = float(np.dot(inputs, weights))
        for line, label, value, x, w in zip(self.lines, self.labels, self.values, inputs,
                                            weights):
            line.set_color(CLASS_COLORS[1] if w >= 0 else CLASS_COLORS[0])
            line.set_linewidth(0.8 + 2 * abs(w))
            line.set_linestyle("-" if x else ":")
            label.set_text(f"w={format_number(w)}")
            value.set_text(str(int(x)))
        self.boxes.set_facecolors(["#F0E442" if x else "white" for x in inputs])
        self.soma.set_facecolor("#F0E442" if fire else "#dddddd")
        self.sum_text.set_text(f"Σ={format_number(total)}\n≥{format_number(threshold)}?")
        self.axon.set_linewidth(3 if fire else 1)
        self.axon.set_color("black" if fire else "#999999")
        self.output.set_text("1" if fire else "0")
        return self._renderer.png()
