"""The training explorer's own points: added by clicking or typed as text, with undo.

``CustomPoints`` is plain Python, no widgets. ``PointsEditing`` is what a learner does to them
in the explorer (add, undo, clear, type): each change is kept only when training on it works.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..perceptron import check_labels, check_X

__all__ = ["CustomPoints", "PointsEditing", "parse_points", "rounded_click"]

_POINT_LINE = re.compile(r"^\s*([^,\s]+)\s*[,\s]\s*([^,\s]+)\s*[,\s]\s*([^,\s]+)\s*$")


def parse_points(text):
    """Read lines 'x1, x2, class' (blank lines and # comments skipped) into checked (X, d).

    Raises ValueError naming the line that could not be read.
    """
    X, d = [], []
    for k, line in enumerate(str(text).splitlines(), start=1):
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
    if not X:
        return np.zeros((0, 2)), np.zeros(0, dtype=int)
    Xc = check_X(X, name="the points")
    return Xc, check_labels(d, len(Xc))


class CustomPoints:
    """Points (X, d) with a history of changes for undo."""

    def __init__(self, X=None, d=None):
        self.X = np.zeros((0, 2)) if X is None else np.array(X, dtype=float).reshape(-1, 2)
        self.d = np.zeros(0, dtype=int) if d is None else np.array(d, dtype=int)
        self._undo = []

    def __len__(self):
        return len(self.X)

    def with_point(self, x1, x2, cls):
        """(X, d) with one more point; raises a clear error for a bad point."""
        Xn = check_X([[x1, x2]], name="the point")
        dn = check_labels([cls])
        return np.vstack([self.X, Xn]), np.concatenate([self.d, dn])

    def use(self, X, d):
        """Make (X, d) the points, remembering the old ones for undo."""
        self._undo.append((self.X, self.d))
        self.X, self.d = X, d

    def undo(self):
        """Go back one change. Returns the points it left, or None when there is nothing to
        undo."""
        if not self._undo:
            return None
        taken = (self.X, self.d)
        self.X, self.d = self._undo.pop()
        return taken

    def keep_for_undo(self, older, taken):
        """Take back an undo (training on the older points failed): the points are ``taken``
        again, and ``older`` waits on the undo list."""
        self._undo.append(older)
        self.X, self.d = taken

    def as_text(self):
        """The points as lines 'x1, x2, class', exact (reading them back gives the same)."""
        return "\n".join(f"{_exact(x[0])}, {_exact(x[1])}, {int(c)}"
                         for x, c in zip(self.X, self.d))


def _exact(v):
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def rounded_click(x, view_span):
    """A clicked coordinate rounded to a sensible number of digits for the picture's size
    (a click is not more precise than that): 0.73 in a picture 2 wide."""
    x = float(x)
    if not (np.isfinite(view_span) and view_span > 0):
        return x
    digits = 2 - int(np.floor(np.log10(view_span)))
    try:
        rounded = round(x, digits)
    except OverflowError:       # next to the largest floats: rounding would overflow
        return x
    return rounded if np.isfinite(rounded) else x


class PointsEditing:
    """The custom-points part of the training explorer (a mixin).

    It needs from the explorer: ``points`` (a CustomPoints), ``points_text``, ``retrain()``
    (True when the new run is shown), ``_show_error(text)``, ``_quiet()``, ``dataset``,
    ``_keep_view`` and ``_view_box``.
    """

    def add_point(self, x1, x2, cls):
        """Add one custom point and train again."""
        try:
            X, d = self.points.with_point(x1, x2, cls)
        except (TypeError, ValueError) as err:
            self._show_error(str(err))
            return
        self._use_points(X, d, keep_view=True)

    def click(self, x, y):
        """A click on the picture at (x, y): a point of the chosen class, rounded to what a
        click can mean at the picture's size."""
        if all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
            (x0, x1), (y0, y1) = self._view_box
            span = 2 * min(x1 / 2 - x0 / 2, y1 / 2 - y0 / 2)   # inf near 1e308: no rounding
            self.add_point(rounded_click(x, span), rounded_click(y, span), self.click_class)

    def undo(self):
        """Take back the last change to the custom points."""
        taken = self.points.undo()
        if taken is None:
            return
        older = (self.points.X, self.points.d)
        with self._quiet():
            self._keep_view = True
            self.dataset = "custom"
            if self.retrain():
                self.points_text = self.points.as_text()
            else:                              # the old points stay; undo can be tried again
                self.points.keep_for_undo(older, taken)

    def clear_points(self):
        """Remove every custom point."""
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
        with self._quiet():
            self.points.use(X, d)
            self._keep_view = keep_view
            self.dataset = "custom"
            if self.retrain():
                self.points_text = self.points.as_text()
            else:                              # the old points are back: forget this change
                self.points.undo()
