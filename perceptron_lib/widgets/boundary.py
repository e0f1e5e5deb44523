"""The boundary explorer: set w1, w2 and the bias by hand and try to make a logic gate.

The view (boundary.js) draws the line and fills the truth table in the browser as the sliders
move, judging z exactly for the decimals shown: with w1 = 0.6, w2 = 0.3 and b = -0.9 the
point (1, 1) is on the line, z = 0, and it fires. Python computes the same, exactly.
"""

from __future__ import annotations

import numpy as np
import traitlets

from ..data import gate as gate_data
from ..exact import exact_sum, fires
from ..style import format_number as fmt
from ..style import format_vector
from ..validation import slider_value
from .base import GATES, Explorer, Setting, exactly, shown, view_module
from .pictures import boundary_png

__all__ = ["BoundaryExplorer"]

def _gate(value):
    """A gate's name, checked (any case)."""
    name = str(value).strip().upper()
    if name not in GATES:
        raise ValueError(f"unknown gate {value!r}. Choose one of: {', '.join(GATES)}.")
    return name


class BoundaryExplorer(Explorer):
    """Set w1, w2 and the bias b by hand and see the decision line and the truth table.

    Parameters
    ----------
    gate : str
        The gate to aim for: AND, OR, NAND, NOR, XOR or XNOR.
    w1, w2, b : float
        Starting values of the sliders, each from -3 to 3.
    size : "normal" or "large"
    """

    _esm = view_module("boundary")
    RANGE = (-3, 3)

    gate = Setting("AND")    # checked by _valid_gate
    gates = traitlets.List(list(GATES)).tag(sync=True)
    truth_tables = traitlets.Dict().tag(sync=True)
    w1 = Setting(1.0)    # checked by _valid_setting
    w2 = Setting(1.0)
    b = Setting(-0.5)
    limits = traitlets.List([-3, 3]).tag(sync=True)

    def __init__(self, gate="AND", w1=1.0, w2=1.0, b=-0.5, size="normal"):
        gate = _gate(gate)
        values = [slider_value(v, name, *self.RANGE) for v, name in ((w1, "w1"), (w2, "w2"),
                                                                 (b, "b"))]
        tables = {g: [int(v) for v in gate_data(g)[1]] for g in GATES}
        super().__init__(size=size, gate=gate, w1=values[0], w2=values[1], b=values[2],
                         truth_tables=tables, limits=list(self.RANGE))

    @traitlets.validate("gate")
    def _valid_gate(self, proposal):
        try:
            return _gate(proposal["value"])
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from None

    @traitlets.validate("w1", "w2", "b")
    def _valid_setting(self, proposal):
        try:
            return slider_value(proposal["value"], proposal["trait"].name, *self.RANGE)
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    @property
    def W(self):
        """[b, w1, w2] as the sliders show them."""
        return np.array([float(shown(v)) for v in (self.b, self.w1, self.w2)])

    @property
    def z(self):
        """z for each of the four inputs, exactly (Fractions)."""
        b, w1, w2 = (shown(v) for v in (self.b, self.w1, self.w2))
        X, _ = gate_data(self.gate)
        return [exact_sum((w1, w2), x.tolist(), b) for x in X]

    @property
    def outputs(self):
        return np.array([fires(z) for z in self.z])

    @property
    def rows_right(self):
        _, d = gate_data(self.gate)
        return int(np.sum(self.outputs == d))

    @property
    def implements_gate(self):
        return self.rows_right == 4

    def table_rows(self):
        """The truth table the view shows: x1, x2, z, output, the gate's value, right?"""
        X, d = gate_data(self.gate)
        return [[int(x[0]), int(x[1]), exactly(z), int(y), int(t), "✔" if y == t else "✘"]
                for x, z, y, t in zip(X, self.z, self.outputs, d)]

    def message(self):
        """The sentence under the truth table, as the view writes it."""
        X, _ = gate_data(self.gate)
        if self.implements_gate:
            text = (f"✔ All four rows right: w1 = {fmt(self.w1)}, w2 = {fmt(self.w2)}, b = "
                    f"{fmt(self.b)} make the neuron compute {self.gate}.")
        else:
            text = f"{self.rows_right} of 4 rows right. Move the sliders until every row is ✔."
        on_line = [f"({x[0]}, {x[1]})" for x, z in zip(X, self.z) if z == 0]
        if on_line:
            text += (f" On the line: {', '.join(on_line)}: z = 0 exactly there, so the neuron "
                     f"fires (step(0) = 1).")
        return text

    def _png(self):
        X, d = gate_data(self.gate)
        return boundary_png(X, d, self.W, self.size, title=f"{self.gate}: set the line",
                            rows=self.table_rows(), message=self.message(), gate=self.gate)

    def _describe(self):
        return (f"BoundaryExplorer: {self.gate} with W = {format_vector(self.W)}"
                f" ({self.rows_right} of 4 rows right)")
