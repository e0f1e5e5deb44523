"""Still pictures of the explorers (PNG), for pages where no widget can run: GitHub, nbviewer
without widget state, a PDF. Drawn with the notebooks' own plotting helpers, so they look
like the rest of the course, with a line saying how to get the controls."""

from __future__ import annotations

import io
import textwrap

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.ticker import MaxNLocator

from ..geometry import decision_line
from ..plotting import (
    new_figure,
    plot_decision_boundary,
    plot_points,
    plot_update,
    plot_weight_vector,
    style_axes,
)
from ..style import COLORS, SHADE, format_number, format_vector, size_spec

__all__ = ["training_png", "boundary_png", "neuron_png", "descent_png", "hidden_png",
           "curves_png"]

HOW_TO = "A still picture: run the notebook (JupyterLab, Binder or Colab) to use the controls."


def _png(fig):
    # on two lines when the picture is narrow, so that the words fit inside it
    narrow = fig.get_figwidth() * fig.dpi < 560
    text = HOW_TO.replace(" (JupyterLab", "\n(JupyterLab") if narrow else HOW_TO
    fig.text(0.5, 0.01, text, ha="center", va="bottom", fontsize=9, color="#555555")
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _three_panels(size, widths, **place):
    """A figure of the explorer's size with three panels in a row: (sizes, figure, axes)."""
    fig = new_figure(size)
    gs = fig.add_gridspec(1, 3, width_ratios=widths, wspace=0.42, **place)
    return size_spec(size), fig, [fig.add_subplot(gs[k]) for k in range(3)]


def _free_corner(W, X, xlim, ylim, box=(0.36, 0.16)):
    """The corner of the picture for an info box (``box``: its size, in fractions of the
    axes) that lies farthest from the decision line and the points: (x, y, ha, va) in axes
    fractions."""
    def frac(p):
        return np.array([(p[0] - xlim[0]) / (xlim[1] - xlim[0]),
                         (p[1] - ylim[0]) / (ylim[1] - ylim[0])])
    ends = decision_line(W, xlim, ylim)
    segment = None if ends is None else [frac((ends[0][k], ends[1][k])) for k in (0, 1)]
    points = [frac(x) for x in np.asarray(X, dtype=float)[:200]]

    def gap(c):
        """How far the box's centre at corner c is from the line and the points."""
        far = [np.hypot(*(c - q)) for q in points]          # hypot: no overflow
        if segment is not None:
            a, b = segment
            t = np.clip(np.dot(c - a, b - a) / max(np.dot(b - a, b - a), 1e-12), 0, 1)
            far.append(np.hypot(*(c - (a + t * (b - a)))))
        return min(far, default=1.0)

    corners = [(0.02, 0.98, "left", "top"), (0.98, 0.98, "right", "top"),
               (0.02, 0.02, "left", "bottom"), (0.98, 0.02, "right", "bottom")]
    w, h = box
    centre = {c: np.array([c[0] + (w / 2 if c[2] == "left" else -w / 2),
                           c[1] + (-h / 2 if c[3] == "top" else h / 2)]) for c in corners}
    return max(corners, key=lambda c: gap(centre[c]) - 1e-6 * corners.index(c))


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
        visit = history[position - 1] if position > 0 else None
        if visit is not None and visit.e != 0:      # a mistake: the update, as the view shows it
            plot_update(ax, visit.W_before, W, visit.e, xlim, ylim)
        else:
            plot_weight_vector(ax, W, xlim, ylim)
        if visit is not None:
            x = visit.x
            ax.plot([x[0]], [x[1]], marker="o", markersize=np.sqrt(spec["marker"]) * 2.1,
                    markerfacecolor="none", markeredgecolor="black", markeredgewidth=2.5)
        epoch = history.epoch_of_position(position)
        counts = list(history.mistakes_per_epoch[:max(epoch - 1, 0)])
        if epoch:
            counts.append(history.mistakes_in_epoch_until(position))
        fx, fy, ha, va = _free_corner(W, X, xlim, ylim)
        ax.text(fx, fy, f"step {position}/{len(history)}\nW = {format_vector(W)}",
                transform=ax.transAxes, ha=ha, va=va, fontsize=spec["font"] - 1,
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
    if not counts:          # before the first visit: an empty panel that says so
        words = "no epochs yet:\npress step" if history is not None else "no training yet"
        ax_m.text(0.5, 0.5, words, transform=ax_m.transAxes, ha="center", va="center",
                  fontsize=spec["font"] - 2, color="#555555")
    # whole epochs only (with a single epoch, MaxNLocator would fall back to 0.25 steps)
    ax_m.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
    ax_m.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=1))
    ax_m.set_title("mistakes per epoch", fontsize=spec["font"])
    ax_m.set_xlabel("epoch", fontsize=spec["font"])
    ax_m.tick_params(labelsize=spec["font"] - 2)
    return _png(fig)


def boundary_png(X, d, W, size="normal", title="", rows=(), message="", gate="gate"):
    """The boundary explorer: a gate's four points (marked by the gate's value, as the
    table's column named after the gate), the line of W = [b, w1, w2] and, as in the live
    view, the truth table (``rows``: x1, x2, z, output, the gate's value, right?) with the
    sentence under it."""
    spec = size_spec(size)
    fs = spec["font"]
    fig = new_figure(size)
    ax = fig.add_axes([0.09, 0.16, 0.34, 0.76])
    style_axes(ax, (-0.5, 1.5), title=title, fontsize=fs)
    plot_points(ax, X, d, s=spec["marker"], labels=(f"{gate} = 0", f"{gate} = 1"))
    plot_decision_boundary(ax, W, (-0.5, 1.5), (-0.5, 1.5))
    plot_weight_vector(ax, W, (-0.5, 1.5), (-0.5, 1.5))
    ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1), fontsize=fs - 2, frameon=False)
    if rows:
        gate_name = title.split(":")[0]
        table = fig.add_axes([0.64, 0.38, 0.34, 0.54])
        table.axis("off")
        _truth_table(table, rows, ["x1", "x2", "z", "output", gate_name, "right?"], fs - 1,
                     1.35)
    if message:
        fig.text(0.64, 0.6, textwrap.fill(message, 46), fontsize=fs - 2, va="top")
    return _png(fig)


def _truth_table(ax, rows, labels, fontsize, stretch):
    """A truth table drawn on ``ax``; its last column holds ✔ (green) or ✘."""
    cells = ax.table(cellText=[[str(c) for c in r] for r in rows], colLabels=labels,
                     loc="upper center", cellLoc="center")
    cells.auto_set_font_size(False)
    cells.set_fontsize(fontsize)
    cells.auto_set_column_width(list(range(len(labels))))
    cells.scale(1, stretch)
    for (r, c), cell in cells.get_celld().items():
        cell.set_edgecolor("#bbbbbb")
        if r == 0:
            cell.set_text_props(fontweight="bold")
        elif c == len(labels) - 1:
            cell.set_text_props(color=COLORS["excite"] if cell.get_text().get_text() == "✔"
                                else COLORS["class0"], fontweight="bold")
    return cells


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
                hidden_colors=(COLORS["excite"], COLORS["inhibit"]), loss_name="loss",
                merged=()):
    """The gradient-descent explorer after ``epoch``: the hidden neurons' lines in the input
    plane, the points in the hidden plane with the output neuron's line, and the loss.
    ``merged``: pairs of inputs (i, j) on one spot of the hidden plane; the circle of each
    pair lies under its triangle, so a ring round it, drawn on top, shows it is there."""
    spec, fig, (ax_in, ax_h, ax_loss) = _three_panels(size, [1, 1, 1.1], left=0.1, right=0.98,
                                                      bottom=0.2, top=0.84)
    fs = spec["font"]
    X, d = history.X, history.d
    labels = ("XOR = 0", "XOR = 1")
    box = (-0.5, 1.5)
    style_axes(ax_in, box, title="input plane", fontsize=fs)
    _shade_answer(ax_in, box, lambda x1, x2: _network_answer(history, epoch, x1, x2),
                  label="network answers 1")
    for j, (color, dash) in enumerate(zip(hidden_colors, ("-", "--"))):
        plot_decision_boundary(ax_in, history.W_hidden[epoch, j], box, box, shade=False,
                               color=color, linestyle=dash, label=f"h{j + 1} = 0.5")
    plot_points(ax_in, X, d, s=spec["marker"] * 0.6, labels=labels)
    ax_in.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=fs - 3, ncol=2,
                 columnspacing=1, frameon=False)
    hbox = (-0.1, 1.1)
    style_axes(ax_h, hbox, title="hidden plane", fontsize=fs, x_label="$h_1$",
               y_label="$h_2$")
    plot_decision_boundary(ax_h, history.W_out[epoch], hbox, hbox, label="output = 0.5")
    plot_points(ax_h, history.hidden[epoch], d, s=spec["marker"] * 0.6, labels=labels)
    for k in {k for pair in merged for k in pair if d[k] == 0}:
        ax_h.scatter(*history.hidden[epoch][k], s=spec["marker"] * 0.6 * 4.5, zorder=7,
                     facecolors="none", edgecolors=COLORS["class0"], linewidths=2.5)
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


def _shade_answer(ax, box, answer, label):
    """Shade the part of the picture where ``answer(x1, x2)`` (arrays) is true, cell by cell
    on a fine grid, as the live views do."""
    xs = np.linspace(box[0], box[1], 241)
    x1, x2 = np.meshgrid(xs, xs)
    on = answer(x1, x2).astype(float)
    if on.any():
        ax.contourf(x1, x2, on, levels=[0.5, 1.5], colors=[COLORS["shade"]],
                    alpha=SHADE["alpha"], zorder=0)
    # a legend entry for the shade (contourf makes none)
    ax.fill_between([], [], color=COLORS["shade"], alpha=SHADE["alpha"], label=label)


def _answer(Wh, Wo, x1, x2):
    """Where a network's output is at least 0.5 (its pre-activation >= 0)."""
    def sigma(z):
        return 0.5 * (1 + np.tanh(z / 2))       # the sigmoid, without overflow
    z = Wo[0] + sum(v * sigma(b + w1 * x1 + w2 * x2) for (b, w1, w2), v in zip(Wh, Wo[1:]))
    return z >= 0


def _network_answer(history, epoch, x1, x2):
    return _answer(history.W_hidden[epoch], history.W_out[epoch], x1, x2)


def curves_png(run, points, position, size="normal", box=(-1.2, 1.2)):
    """The curves explorer at ``position`` (a frame of ``run``, as the view gets it): the
    network's answer shaded over the input plane, each hidden neuron's line, the points;
    beside it the loss and the points classed right, frame by frame."""
    spec = size_spec(size)
    fig = new_figure(size)
    gs = fig.add_gridspec(1, 2, width_ratios=[1, 1.6], left=0.08, right=0.92, bottom=0.33,
                          top=0.88, wspace=0.25)
    ax, ax_loss = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    fs = spec["font"]
    Wh, Wo = np.array(run["W_hidden"][position]), np.array(run["W_out"][position])
    style_axes(ax, box, fontsize=fs)
    _shade_answer(ax, box, lambda x1, x2: _answer(Wh, Wo, x1, x2), label="network answers 1")
    for j, W in enumerate(Wh):
        plot_decision_boundary(ax, W, box, box, shade=False, color=COLORS["excite"],
                               linewidth=1.3, label="a hidden neuron's line" if j == 0 else None)
    X, d = np.array(points["X"]), np.array(points["d"])
    plot_points(ax, X, d, s=spec["marker"] * 0.25, labels=("d = 0", "d = 1"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=fs - 3, ncol=2,
              columnspacing=0.8, handletextpad=0.4, frameon=False)
    epochs = run["epochs"][:position + 1]
    ax_loss.plot(epochs, run["loss"][:position + 1], color=COLORS["line"], label="log loss")
    ax_loss.set_xlim(0, run["n_epochs"])
    ax_loss.set_ylim(0, max(run["loss"]) * 1.05)
    ax_loss.set_xlabel("epoch", fontsize=fs)
    ax_loss.set_ylabel("loss", fontsize=fs)
    ax_loss.tick_params(labelsize=fs - 3)
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.grid(True, color=COLORS["grid"], linewidth=0.6)
    ax_right = ax_loss.twinx()
    ax_right.plot(epochs, [100 * r / len(d) for r in run["right"][:position + 1]],
                  color=COLORS["class1"], linestyle="--",
                  label=f"points classed right (of {len(d)}), %")
    ax_right.set_ylim(0, 105)
    ax_right.set_ylabel("% right", fontsize=fs)
    ax_right.tick_params(labelsize=fs - 3)
    ax_loss.legend(handles=ax_loss.get_lines() + ax_right.get_lines(), loc="upper center",
                   bbox_to_anchor=(0.5, -0.2), fontsize=fs - 3, ncol=2, frameon=False)
    fig.suptitle(f"{run['title']}, epoch {run['epochs'][position]} of {run['n_epochs']}",
                 fontsize=fs + 1)
    return _png(fig)


def _steps(W, x1, x2):
    return (W[0] + W[1] * x1 + W[2] * x2 >= 0).astype(int)


def hidden_png(inputs, d, H, W1, W2, W, hidden, target, position, n, verdict,
               size="normal"):
    """The hidden-layer explorer: the input plane with the two hidden lines and the network's
    answer, the hidden plane with the inputs where they land and the output neuron's line W,
    and the network's truth table."""
    spec, fig, (ax_in, ax_h, ax_t) = _three_panels(size, [1, 1, 1.15], left=0.08, right=0.99,
                                                   bottom=0.27, top=0.83)
    fs = spec["font"]
    X = np.asarray(inputs, dtype=float)
    H = np.asarray(H, dtype=int)
    d = np.asarray(d)
    box = (-0.5, 1.5)
    labels = (f"{target} = 0", f"{target} = 1")
    style_axes(ax_in, box, title="input plane", fontsize=fs)
    _shade_answer(ax_in, box, lambda a, b: _steps(W, _steps(W1, a, b), _steps(W2, a, b)) == 1,
                  label="network answers 1")
    for j, (Wj, color, dash) in enumerate(((W1, COLORS["excite"], "-"),
                                           (W2, COLORS["inhibit"], "--"))):
        if np.any(np.asarray(Wj[1:]) != 0):
            plot_decision_boundary(ax_in, Wj, box, box, shade=False, color=color,
                                   linestyle=dash, label=f"h{j + 1} = {hidden[j]}")
    plot_points(ax_in, X, d, s=spec["marker"] * 0.6, labels=labels)
    ax_in.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=fs - 3, ncol=2,
                 frameon=False, columnspacing=1)

    style_axes(ax_h, box, title="hidden plane", fontsize=fs, x_label="$h_1$",
               y_label="$h_2$")
    plot_decision_boundary(ax_h, W, box, box, label="output neuron (z = 0)")
    names = [f"({a}, {b})" for a, b in np.asarray(inputs, dtype=int).tolist()]
    for spot in sorted({tuple(h) for h in H.tolist()}):
        here = [i for i in range(len(H)) if tuple(H[i]) == spot]
        classes = sorted({int(d[i]) for i in here})
        for k, c in enumerate(classes):
            dx = 0 if len(classes) == 1 else (-0.09 if k == 0 else 0.09)
            plot_points(ax_h, [[spot[0] + dx, spot[1]]], [c], s=spec["marker"] * 0.6,
                        labels=labels)
        clash = len(classes) > 1
        up = spot[1] == 1
        gap = 0.27 if len(classes) > 1 else 0.15
        ax_h.text(spot[0], spot[1] + (gap if up else -gap), ", ".join(names[i] for i in here),
                  ha="center", va="bottom" if up else "top", fontsize=fs - 4,
                  color=COLORS["warning"] if clash else COLORS["text"], zorder=7,
                  fontweight="bold" if clash else "normal")
        if clash:
            ax_h.add_patch(Circle(spot, 0.22, fill=False, edgecolor=COLORS["warning"],
                                  linestyle="--", linewidth=1.5, zorder=5))
    ax_h.legend(handles=ax_h.get_lines()[:1], loc="upper center", bbox_to_anchor=(0.5, -0.2),
                fontsize=fs - 3, frameon=False)

    ax_t.axis("off")
    outputs = [int(_steps(W, h[0], h[1])) for h in H.tolist()]
    rows = [[str(a), str(b), str(h[0]), str(h[1]), str(y), str(int(t)), "✔" if y == t else "✘"]
            for (a, b), h, y, t in zip(np.asarray(inputs, dtype=int).tolist(), H.tolist(),
                                       outputs, d)]
    _truth_table(ax_t, rows, ["x1", "x2", "h1", "h2", "y", "target", "right?"], fs - 2, 1.3)
    ax_t.set_title(f"the network's output y\n(output neuron W = {format_vector(W)})",
                   fontsize=fs - 1)
    right = sum(y == t for y, t in zip(outputs, d))
    ax_t.text(0.5, 0.5, f"{right} of 4 rows right at this step", transform=ax_t.transAxes,
              ha="center", va="top", fontsize=fs - 2)
    fig.suptitle(f"{target} from h1 = {hidden[0]} and h2 = {hidden[1]}, visit {position} of "
                 f"{n}", fontsize=fs + 1)
    fig.text(0.5, 0.075, textwrap.fill(verdict.split(": ")[0] + ".", 110), ha="center",
             va="bottom", fontsize=fs - 2,
             color=COLORS["text"] if verdict.startswith("✔") else COLORS["warning"])
    return _png(fig)
