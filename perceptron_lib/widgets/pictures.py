"""Still pictures of the explorers (PNG), for pages where no widget can run: GitHub, nbviewer
without widget state, a PDF. Drawn with the notebooks' own plotting helpers, so they look
like the rest of the course, with a line saying how to get the controls."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.ticker import MaxNLocator

from ..plotting import (
    new_figure,
    plot_decision_boundary,
    plot_points,
    plot_weight_vector,
    style_axes,
)
from ..style import COLORS, format_number, format_vector, size_spec

__all__ = ["training_png", "boundary_png", "neuron_png", "descent_png"]

HOW_TO = "A still picture: run the notebook (JupyterLab, Binder or Colab) to use the controls."


def _png(fig):
    # on two lines when the picture is narrow, so that the words fit inside it
    narrow = fig.get_figwidth() * fig.dpi < 560
    text = HOW_TO.replace(" (JupyterLab", "\n(JupyterLab") if narrow else HOW_TO
    fig.text(0.5, 0.01, text, ha="center", va="bottom", fontsize=9, color="#555555")
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def training_png(X, d, history, position, xlim, ylim, size="normal", title="", x_label="$x_1$",
                 y_label="$x_2$", class_names=("class 0", "class 1")):
    """The training explorer at ``position``: points, line, w, the visited sample, mistakes."""
    spec = size_spec(size)
    fig = new_figure(size)
    gs = fig.add_gridspec(1, 2, width_ratios=[2.3, 1], left=0.08, right=0.97, bottom=0.16,
                          top=0.9, wspace=0.75)
    ax, ax_m = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    style_axes(ax, xlim, ylim, title=title, fontsize=spec["font"], x_label=x_label,
               y_label=y_label)
    if len(X):
        plot_points(ax, X, d, s=spec["marker"], labels=class_names)
    counts = []
    if history is not None:
        W = history.W_at(position)
        plot_decision_boundary(ax, W, xlim, ylim)
        plot_weight_vector(ax, W, xlim, ylim)
        if position > 0:
            x = history[position - 1].x
            ax.plot([x[0]], [x[1]], marker="o", markersize=np.sqrt(spec["marker"]) * 2.1,
                    markerfacecolor="none", markeredgecolor="black", markeredgewidth=2.5)
        epoch = history.epoch_of_position(position)
        counts = list(history.mistakes_per_epoch[:max(epoch - 1, 0)])
        if epoch:
            counts.append(history.mistakes_in_epoch_until(position))
        ax.text(0.02, 0.98, f"step {position}/{len(history)}\nW = {format_vector(W)}",
                transform=ax.transAxes, va="top", fontsize=spec["font"] - 1,
                bbox=dict(facecolor="white", alpha=0.85, edgecolor="#bbbbbb"))
    if len(X):      # beside the picture, where it hides no point
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=spec["font"] - 3,
                  framealpha=0.85, borderaxespad=0)
    ax_m.bar(range(1, len(counts) + 1), counts, color=COLORS["bar"], edgecolor="black")
    n_epochs = history.n_epochs if history is not None else 1
    ax_m.set_xlim(0.4, n_epochs + 0.6)
    # the same scale at every position: 0 to the most mistakes of any epoch
    most = max(history.mistakes_per_epoch) if history is not None and history.n_epochs else 1
    ax_m.set_ylim(0, max(most, 1) * 1.08)
    if not counts:
        ax_m.text(0.5, 0.5, "no epoch yet:\npress step", transform=ax_m.transAxes,
                  ha="center", va="center", fontsize=spec["font"] - 2, color="#555555")
    ax_m.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax_m.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax_m.set_title("mistakes per epoch", fontsize=spec["font"])
    ax_m.set_xlabel("epoch", fontsize=spec["font"])
    ax_m.tick_params(labelsize=spec["font"] - 2)
    return _png(fig)


def boundary_png(X, d, W, size="normal", title=""):
    """The boundary explorer: a gate's four points and the line of W = [b, w1, w2]."""
    spec = size_spec(size)
    fig = new_figure(size, figsize=(spec["width"] * 0.62 / spec["dpi"],
                                    spec["height"] / spec["dpi"]))
    ax = fig.add_axes([0.14, 0.16, 0.5, 0.76])
    style_axes(ax, (-0.5, 1.5), title=title, fontsize=spec["font"])
    plot_points(ax, X, d, s=spec["marker"], labels=("output 0", "output 1"))
    plot_decision_boundary(ax, W, (-0.5, 1.5), (-0.5, 1.5))
    plot_weight_vector(ax, W, (-0.5, 1.5), (-0.5, 1.5))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=spec["font"] - 2,
              frameon=False)
    return _png(fig)


def neuron_png(inputs, weights, threshold, fires, size="normal"):
    """The toy neuron: inputs, weighted connections, the soma with the sum, the output."""
    spec = size_spec(size)
    fs = spec["font"]
    fig = new_figure(size, figsize=(spec["width"] * 0.5 / spec["dpi"],
                                    spec["height"] * 0.7 / spec["dpi"]))
    ax = fig.add_axes([0, 0.06, 1, 0.94])
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    ax.axis("off")
    n = len(inputs)
    ys = np.linspace(5.2, 0.8, n) if n > 1 else np.array([3.0])
    for y, x, w in zip(ys, inputs, weights):
        ax.plot([1.2, 4.4], [y, 3.0], color=COLORS["class1"] if w >= 0 else COLORS["class0"],
                linewidth=0.8 + 2 * abs(w), linestyle="-" if x else ":")
        ax.text(2.6, (y + 3.0) / 2 + 0.25, f"w={format_number(w)}", fontsize=fs - 2,
                ha="center")
        ax.scatter([0.9], [y], s=380, marker="s", edgecolors="black",
                   color=COLORS["active"] if x else "white", zorder=3)
        ax.text(0.9, y, str(int(x)), ha="center", va="center", fontsize=fs, zorder=4)
    ax.add_patch(Circle((5.2, 3.0), 0.9, edgecolor="black", zorder=3,
                        facecolor=COLORS["active"] if fires else COLORS["silent"]))
    total = float(np.dot(inputs, weights))
    ax.text(5.2, 3.0, f"Σ={format_number(total)}\n≥{format_number(threshold)}?", ha="center",
            va="center", fontsize=fs - 2, zorder=4)
    ax.add_patch(FancyArrowPatch((6.1, 3.0), (8.6, 3.0), arrowstyle="-|>", mutation_scale=20,
                                 linewidth=3 if fires else 1,
                                 color="black" if fires else COLORS["w_old"]))
    ax.text(7.3, 3.4, "axon", fontsize=fs - 2, ha="center")
    ax.text(9.2, 3.0, "1" if fires else "0", fontsize=fs + 8, ha="center", va="center",
            fontweight="bold")
    return _png(fig)


def descent_png(history, epoch, size="normal", title="",
                hidden_colors=(COLORS["excite"], COLORS["inhibit"]), loss_name="loss"):
    """The gradient-descent explorer after ``epoch``: the hidden neurons' lines in the input
    plane, the points in the hidden plane with the output neuron's line, and the loss."""
    spec = size_spec(size)
    fs = spec["font"]
    fig = new_figure(size)
    gs = fig.add_gridspec(1, 3, width_ratios=[1, 1, 1.1], left=0.1, right=0.98, bottom=0.2,
                          top=0.84, wspace=0.42)
    ax_in, ax_h, ax_loss = (fig.add_subplot(gs[k]) for k in range(3))
    X, d = history.X, history.d
    labels = ("XOR = 0", "XOR = 1")
    box = (-0.5, 1.5)
    style_axes(ax_in, box, title="input plane", fontsize=fs)
    for j, (color, dash) in enumerate(zip(hidden_colors, ("-", "--"))):
        plot_decision_boundary(ax_in, history.W_hidden[epoch, j], box, box, shade=False,
                               color=color, linestyle=dash, label=f"h{j + 1} = 0.5")
    plot_points(ax_in, X, d, s=spec["marker"] * 0.6, labels=labels)
    ax_in.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=fs - 3, ncol=2,
                 frameon=False)
    hbox = (-0.1, 1.1)
    style_axes(ax_h, hbox, title="hidden plane", fontsize=fs, x_label="$h_1$",
               y_label="$h_2$")
    plot_decision_boundary(ax_h, history.W_out[epoch], hbox, hbox, label="output = 0.5")
    plot_points(ax_h, history.hidden[epoch], d, s=spec["marker"] * 0.6, labels=labels)
    ax_h.legend(handles=ax_h.get_lines()[:1], loc="upper center", bbox_to_anchor=(0.5, -0.2),
                fontsize=fs - 3, frameon=False)
    ax_loss.plot(np.arange(epoch + 1), history.loss[:epoch + 1], color=COLORS["line"])
    ax_loss.plot([epoch], [history.loss[epoch]], "o", color=COLORS["class1"])
    ax_loss.set_xlim(0, history.n_epochs)
    ax_loss.set_ylim(0, history.loss.max() * 1.05)
    ax_loss.set_title(loss_name, fontsize=fs)
    ax_loss.set_xlabel("epoch", fontsize=fs)
    ax_loss.tick_params(labelsize=fs - 3)
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.grid(True, color=COLORS["grid"], linewidth=0.6)
    fig.suptitle(f"{title}, epoch {epoch} of {history.n_epochs}", fontsize=fs + 1)
    return _png(fig)
