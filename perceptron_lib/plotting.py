"""Drawing the perceptron with matplotlib, for the notebooks' figures.

Plain functions take the Axes first and return what they drew, so you can combine them in
your own figures::

    fig, ax = plt.subplots()
    plot_points(ax, X, d)
    plot_decision_boundary(ax, W)

Classes are told apart by marker shape *and* colour (a colour-blind-safe palette), so every
figure still reads in black and white. The look (colours, widths, the shade) comes from
``style``, which the explorers' browser views use too.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Polygon

from .geometry import decision_line, nearest_point_on_line, positive_region
from .style import (
    ARROW,
    CLASS_COLORS,
    CLASS_MARKERS,
    COLORS,
    LINE,
    SHADE,
    SIZES,
    format_number,
    format_vector,
    size_spec,
)

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "SIZES",
    "new_figure",
    "style_axes",
    "plot_points",
    "plot_decision_boundary",
    "plot_weight_vector",
    "plot_update",
    "plot_step_function",
    "draw_neuron_diagram",
    "plot_digit",
    "plot_weights_image",
    "format_number",
    "format_vector",
]


def new_figure(size="normal", **kw):
    """A matplotlib Figure with its own Agg canvas (no pyplot, no global state), sized like
    the explorers' pictures."""
    spec = size_spec(size)
    dpi = kw.pop("dpi", spec["dpi"])
    figsize = kw.pop("figsize", (spec["width"] / dpi, spec["height"] / dpi))
    fig = Figure(figsize=figsize, dpi=dpi, **kw)
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
    ax.grid(True, color=COLORS["grid"], linewidth=0.6)
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
    style = dict(color=COLORS["line"], linewidth=LINE["width"], label="decision line (z = 0)")
    style.update(kw)
    (line,) = ax.plot(xs, ys, **style)
    patch = None
    if shade:
        region = positive_region(W, xlim, ylim)
        patch = Polygon(region if len(region) else np.zeros((1, 2)), closed=True,
                        facecolor=COLORS["shade"], alpha=SHADE["alpha"], edgecolor="none",
                        label="z ≥ 0: predicts 1", zorder=0)
        ax.add_patch(patch)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return {"line": line, "shade": patch}


def _anchor(W, xlim, ylim):
    """The point of the line nearest the middle of the view: where arrows start."""
    return nearest_point_on_line(W, (xlim[0] / 2 + xlim[1] / 2, ylim[0] / 2 + ylim[1] / 2))


def _arrow_length(xlim, ylim):
    return 0.18 * min(xlim[1] - xlim[0], ylim[1] - ylim[0])


def plot_weight_vector(ax, W, xlim=None, ylim=None, at=None, label="w = (w1, w2)", **kw):
    """Draw w = (w1, w2) as an arrow starting on the decision line. It is perpendicular to the
    line and points to the side that predicts 1. Returns the arrow, or None when w = 0.

    The arrow starts at the line's point nearest ``at`` (x1, x2), by default the middle of
    the view; pass another point when the arrow would cover a sample there. ``label`` names
    it in the axes' legend (None: not in the legend)."""
    xlim = ax.get_xlim() if xlim is None else xlim
    ylim = ax.get_ylim() if ylim is None else ylim
    W = np.asarray(W, dtype=float)
    if not W[1:].any():
        return None
    W = W / np.abs(W).max()         # the same line, in numbers that cannot under/overflow
    start = _anchor(W, xlim, ylim) if at is None else nearest_point_on_line(W, at)
    end = start + _arrow_length(xlim, ylim) * W[1:] / np.linalg.norm(W[1:])
    style = dict(arrowstyle="-|>", mutation_scale=18, color=COLORS["line"],
                 linewidth=ARROW["width"], zorder=4)
    # (points are drawn above arrows, so an arrow never hides a sample)
    style.update(kw)
    arrow = FancyArrowPatch(start, end, **style)
    ax.add_patch(arrow)
    if label:       # an arrow-headed line stands for it in a legend
        ax.plot([], [], color=style["color"], linewidth=style["linewidth"], marker=">",
                markersize=7, label=label)
    return arrow


def plot_update(ax, W_old, W, e, xlim=None, ylim=None):
    """Draw one update of the learning rule as the training explorer shows it: the line
    before it (dashed), w before it (grey), w after it (black) and the update between their
    tips (green for e = +1, excite; purple for e = -1, inhibit). The three arrows share one
    start, on the new line nearest the middle of the view (the middle when the line is
    outside it), and one scale, so that the old w plus the update is the new w. The new line
    itself is ``plot_decision_boundary``'s. Returns the arrows drawn."""
    xlim = ax.get_xlim() if xlim is None else xlim
    ylim = ax.get_ylim() if ylim is None else ylim
    W_old, W = np.asarray(W_old, dtype=float), np.asarray(W, dtype=float)
    if decision_line(W_old, xlim, ylim) is not None:
        plot_decision_boundary(ax, W_old, xlim, ylim, shade=False, color=COLORS["old"],
                               linewidth=LINE["old_width"], linestyle=(0, LINE["old_dash"]),
                               label="line before the update")
    m = np.abs(np.concatenate([W, W_old])).max()
    if not (np.isfinite(m) and m > 0) or not W[1:].any():
        return []
    new, old = W / m, W_old / m           # one scale for both (and no overflow)
    middle = np.array([np.mean(xlim), np.mean(ylim)])
    start = nearest_point_on_line(new, middle) if decision_line(new, xlim, ylim) is not None \
        else middle
    margin = 0.16 * np.array([xlim[1] - xlim[0], ylim[1] - ylim[0]]) / 2
    start = np.clip(start, [xlim[0], ylim[0]] + margin, [xlim[1], ylim[1]] - margin)
    longest = max(np.hypot(*new[1:]), np.hypot(*old[1:]))     # hypot: no under/overflow
    with np.errstate(all="ignore"):
        scale = _arrow_length(xlim, ylim) / longest
        tip, old_tip = start + scale * new[1:], start + scale * old[1:]
    if not (longest > 0 and np.isfinite([*start, *tip, *old_tip]).all()):
        return []                       # a view too small or too large to draw arrows in
    style = dict(arrowstyle="-|>", mutation_scale=18, linewidth=ARROW["width"], zorder=4)
    arrows = []
    if old[1:].any():
        arrows.append(ax.add_patch(FancyArrowPatch(start, old_tip, color=COLORS["w_old"],
                                                   **style)))
        ax.plot([], [], color=COLORS["w_old"], linewidth=ARROW["width"], marker=">",
                markersize=7, label="w before the update")
    arrows.append(ax.add_patch(FancyArrowPatch(start, tip, color=COLORS["line"], **style)))
    ax.plot([], [], color=COLORS["line"], linewidth=ARROW["width"], marker=">", markersize=7,
            label="w = (w1, w2)")
    if e and (tip != old_tip).any():
        kind, words = ("excite", "update: excite (e = +1)") if e > 0 else \
            ("inhibit", "update: inhibit (e = \u22121)")
        arrows.append(ax.add_patch(FancyArrowPatch(old_tip, tip, color=COLORS[kind],
                                                   **style)))
        ax.plot([], [], color=COLORS[kind], linewidth=ARROW["width"], marker=">",
                markersize=7, label=words)
    return arrows


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
    ax.set_ylabel("output $y = \\mathrm{step}(z)$", fontsize=fontsize)
    ax.grid(True, color=COLORS["grid"], linewidth=0.6)
    return [left, right, filled, hollow]


def draw_neuron_diagram(ax, fontsize=10):
    """A labelled sketch of a nerve cell: dendrites, synapses, soma, nucleus, axon, terminals.

    Drawn from simple shapes so that the course ships no images. Returns the text labels.
    """
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    body = COLORS["active"]
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


def plot_digit(ax, image, title=None, fontsize=9):
    """One 8x8 handwritten digit (pixels 0 to 16 in an (8, 8) or (64,) array): ink dark on
    white, like the scanned form. Returns the image drawn."""
    im = ax.imshow(np.reshape(image, (8, 8)), cmap="gray_r", vmin=0, vmax=16)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=fontsize)
    return im


def weights_colormap():
    """Negative weights in class 0's colour, positive in class 1's, white at 0."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(
        "weights", [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]])


def plot_weights_image(ax, W, title=None, fontsize=10, colorbar_labels=None):
    """The 64 input weights of W = [b, w1, ..., w64] as an 8x8 picture, pixel by pixel:
    blue where ink pushes z up (towards output 1), vermillion where it pushes z down. The
    colours are scaled to the largest weight, so 0 is always white. ``colorbar_labels``
    (what output 0 and output 1 mean, e.g. ("says 3", "says 8")) adds a labelled colour
    bar. Returns the image drawn."""
    w = np.asarray(W, dtype=float)[1:].reshape(8, 8)
    top = float(np.abs(w).max()) or 1.0
    im = ax.imshow(w, cmap=weights_colormap(), vmin=-top, vmax=top)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=fontsize)
    if colorbar_labels:
        bar = ax.figure.colorbar(im, ax=ax, ticks=[-top, 0, top], shrink=0.8)
        bar.ax.set_yticklabels([f"{colorbar_labels[0]}", "0", f"{colorbar_labels[1]}"],
                               fontsize=fontsize - 1)
    return im
