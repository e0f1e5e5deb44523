"""What the training explorer says, in words, at each moment of a training run.

Pure functions of a :class:`TrainingHistory` and a position (visits done), so that tests can
read them without a browser and the explorer can send every sentence of a run to the browser
at once.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from .geometry import nearest_point_on_line
from .style import format_number as fmt
from .style import format_vector

__all__ = ["readout", "readouts", "epoch_readout", "status", "line_whereabouts", "whole_bound",
           "status_changes", "status_at"]


def _ratio(a, b):
    """a / b written the course's way, exactly, also beyond the largest float (about 1e+320)."""
    r = Fraction(float(a)) / Fraction(float(b))
    if abs(r) < Fraction(1.7e308):
        return fmt(float(r))
    digits = len(str(abs(r.numerator) // r.denominator)) - 1
    return f"{'-' if r < 0 else ''}about 1e+{digits}"


def line_whereabouts(W, xlim, ylim):
    """A sentence saying where the line of W is when it misses the picture; "" when the line
    crosses the picture."""
    W = np.asarray(W, dtype=float)
    if not W[1:].any():
        fires = "every point is classed 1" if W[0] >= 0 else "nothing is classed 1"
        return (f"With w1 = w2 = 0 there is no line at all: z = {fmt(W[0])} for every input, so "
                f"{fires}.")
    b, w1, w2 = W / np.abs(W).max()    # the same line, numbers near 1: no overflow or underflow
    corners = [(x, y) for x in xlim for y in ylim]
    signs = [np.sign(b / 2 + w1 * (x / 2) + w2 * (y / 2)) for x, y in corners]
    if len(set(signs) - {0}) > 1:
        return ""                                      # the line crosses the picture
    if 0 in signs:
        on = [f"({fmt(x)}, {fmt(y)})" for (x, y), s in zip(corners, signs) if s == 0]
        rest = ("shaded: every other point is classed 1" if 1 in signs
                else "unshaded: no other point is classed 1")
        where = (f"only touches the picture at its corner {on[0]}" if len(on) == 1
                 else f"runs along the picture's edge, from {on[0]} to {on[1]}")
        return f"The decision line {where}; the rest of the picture is {rest}."
    # the point of the line nearest the middle of the picture
    cx, cy = xlim[0] / 2 + xlim[1] / 2, ylim[0] / 2 + ylim[1] / 2
    px, py = nearest_point_on_line(W, (cx, cy))
    z_centre = b / 2 + w1 * (cx / 2) + w2 * (cy / 2)                # its sign is z's
    if w2 == 0:
        where = f"the line x1 = {_ratio(-W[0], W[1])}"
    elif w1 == 0:
        where = f"the line x2 = {_ratio(-W[0], W[2])}"
    else:
        where = f"it passes through ({fmt(px)}, {fmt(py)})"
    dx, dy = px / 2 - cx / 2, py / 2 - cy / 2
    side = (("to the right" if dx > 0 else "to the left") if abs(dx) >= abs(dy)
            else ("above" if dy > 0 else "below"))
    inside = "shaded: every point shown is classed 1" if z_centre >= 0 else \
        "unshaded: no point shown is classed 1"
    return (f"The decision line is outside the picture, {side}: {where}. The whole picture is "
            f"{inside}.")


def readout(history, position, lr, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5)):
    """What happened at ``position`` (visits done), sample by sample."""
    if position == 0:
        W0 = history.W_at(0)
        why = ""
        if not W0.any():
            why = (" With all weights 0, z = 0 for every input, so the neuron fires "
                   "everywhere: the whole picture is shaded.")
        return (f"Before training: W = {format_vector(W0)}.{why} Press step (or →) to show "
                f"the perceptron its first sample.")
    v = history[position - 1]
    n = history.epoch_end_position(v.epoch) - history.epoch_start(v.epoch)
    text = _visit(v.epoch, history.position_in_epoch(position), n, v.x, v.z, v.y, v.d, v.e,
                  lr, format_vector(v.W_after))
    where = line_whereabouts(v.W_after, xlim, ylim)
    return text + (" " + where if where else "")


def readouts(history, lr, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), epochs=None):
    """``readout`` for every position of a run at once (0 to ``len(history)``), quickly; with
    ``epochs``, only for the positions of the first ``epochs`` epochs."""
    h = history
    W = np.vstack([h.W_at(0), h.W_after]) if len(h) else h.W_at(0)[None]
    x, z, y, d, e = h.x, h.z, h.y, h.d, h.e
    texts = [readout(h, 0, lr, xlim, ylim)]
    where = {}
    for k in range(1, (h.n_epochs if epochs is None else epochs) + 1):
        start, end = h.epoch_start(k), h.epoch_end_position(k)
        for p in range(start + 1, end + 1):
            key = tuple(W[p])
            if key not in where:
                where[key] = line_whereabouts(W[p], xlim, ylim)
            text = _visit(k, p - start, end - start, x[p - 1], z[p - 1], int(y[p - 1]),
                          int(d[p - 1]), int(e[p - 1]), lr, format_vector(W[p]))
            texts.append(text + (" " + where[key] if where[key] else ""))
    return texts


def _visit(epoch, k, n, x, z, y, d, e, lr, W_after):
    xs = ", ".join(fmt(c) for c in x)
    text = (f"epoch {epoch}, sample {k} of {n}: x = ({xs}), z = {fmt(z)}, predicted {y}, "
            f"desired {d}, ")
    if e == 0:
        text += "no change"
    else:
        what = "fired but should not have: inhibit" if e < 0 else \
            "did not fire but should have: excite"
        text += f"error e = {e:+d} ({what}), W ← W + {fmt(lr)}·({e:+d})·[1, {xs}]"
    return text + f"; W = {W_after}."


def epoch_readout(history, epoch, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5)):
    """What an epoch did, for stepping one epoch at a time (epoch 0: before training)."""
    if epoch == 0:
        return readout(history, 0, 1)
    m = history.mistakes_per_epoch[epoch - 1]
    W = history.W_at(history.epoch_end_position(epoch))
    text = (f"End of epoch {epoch}: {m} mistake{'s' if m != 1 else ''} in this epoch; "
            f"W = {format_vector(W)}.")
    where = line_whereabouts(W, xlim, ylim)
    return text + (" " + where if where else "")


def status_changes(texts):
    """A run's status lines as the views get them: [position, text] where the text changes
    (``texts`` holds one per position)."""
    changes = []
    for k, text in enumerate(texts):
        if not changes or changes[-1][1] != text:
            changes.append([k, text])
    return changes


def status_at(run, position):
    """The status line of a run sent to a view at ``position``: the last change at or before
    it (``run["status"]`` lists [position, text] at each change, as the views read it)."""
    return [text for p, text in run["status"] if p <= position][-1]


def whole_bound(bound):
    """Novikoff's bound as a whole number of mistakes: the ceiling, unless the bound is a
    whole number that rounding has nudged (50.99999999999999 for AND's 51)."""
    if bound >= 1e9:
        return f"about {bound:.3g}"
    nearest = round(bound)
    return nearest if abs(bound - nearest) <= 1e-9 * max(bound, 1) else math.ceil(bound)


def status(history, position, bound=None, separable=None):
    """The story so far at ``position``: converged, cycling, or how many mistakes, against
    Novikoff's bound when the points are separable."""
    h = history
    so_far = h.mistakes_until(position)
    conv = h.converged_epoch
    cycle = h.cycle
    cycling = False
    if conv is not None and position >= h.epoch_end_position(conv):
        text = (f"✔ Converged in epoch {conv}: no mistakes in a whole epoch. Final W = "
                f"{format_vector(h.W_at(len(h)))}, after {so_far} updates.")
    elif cycle is not None and position >= h.epoch_end_position(cycle.epoch):
        cycling = True
        text = (f"↻ The weights at the end of epoch {cycle.epoch} repeat those at the end of "
                f"epoch {cycle.repeats_epoch}: training is going round in a cycle and will "
                f"never converge.")
        if separable:
            text += (" Yet a line does separate these points: next to such large weights, "
                     "floating point lost some updates (they rounded away).")
        else:
            text += " No straight line separates these points."
    elif position == len(h):
        text = f"Stopped after {h.n_epochs} epochs without converging ({so_far} updates)."
    else:
        text = f"Mistakes (updates) so far: {so_far}."
    from_zero = not h.W_at(0).any()          # the bound counts mistakes from W = 0
    if bound is not None and np.isfinite(bound) and not cycling and from_zero:
        text += (f" Novikoff's theorem (notebook 05): from W = 0, on these points the "
                 f"perceptron makes at most {whole_bound(bound)} mistakes in all.")
    elif position == len(h) and not cycling and separable is False:
        text += " These points are not linearly separable: no line can get them all right."
    return text
