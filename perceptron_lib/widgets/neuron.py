"""The neuron explorer: a toy neuron with binary inputs, weights and a threshold.

The view (neuron.js) draws the neuron and writes the sum in the browser as the learner
switches inputs and moves sliders. The weighted sum is exact for the decimals shown, so a sum
that equals the threshold fires (0.6 + 0.3 reaches a threshold of 0.9); Python computes the
same, exactly.
"""

from __future__ import annotations

import numpy as np
import traitlets

from ..exact import exact_sum
from ..style import format_number as fmt
from ..style import format_vector
from ..validation import slider_value
from .base import Explorer, Setting, shown, view_module
from .pictures import neuron_png

__all__ = ["NeuronExplorer"]


def _a_list(value, name, example):
    if isinstance(value, str) or not isinstance(value, (list, tuple, np.ndarray)):
        raise traitlets.TraitError(f"{name} must be a list of {example}; got {value!r}.")
    return list(value)


class NeuronExplorer(Explorer):
    """A toy neuron: binary inputs, one weight per input, a threshold, all-or-nothing output.

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

    _esm = view_module("neuron")
    WEIGHT_RANGE = (-3, 3)
    THRESHOLD_RANGE = (-3, 6)

    # checked by the validators below (Any: our own messages, also for the wrong type)
    inputs_on = Setting([])
    weight_values = Setting([])
    threshold = Setting(2.0)
    ranges = traitlets.Dict().tag(sync=True)

    def __init__(self, n_inputs=3, weights=None, threshold=2.0, size="normal"):
        if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)) \
                or not 1 <= n_inputs <= 6:
            raise ValueError(f"n_inputs must be a whole number from 1 to 6; got {n_inputs!r}.")
        if weights is None:
            weights = [1.0] * n_inputs
        if isinstance(weights, str) or not hasattr(weights, "__len__"):
            raise TypeError(f"weights must be a list of {n_inputs} numbers; got {weights!r}.")
        weights = list(weights)
        if len(weights) != n_inputs:
            raise ValueError(f"give one weight per input: {n_inputs} weights; got {len(weights)}.")
        weights = [slider_value(w, f"weight w{i + 1}", *self.WEIGHT_RANGE)
                   for i, w in enumerate(weights)]
        threshold = slider_value(threshold, "threshold", *self.THRESHOLD_RANGE)
        super().__init__(size=size, inputs_on=[0] * n_inputs, weight_values=weights,
                         threshold=threshold, ranges={"weight": list(self.WEIGHT_RANGE),
                                                      "threshold": list(self.THRESHOLD_RANGE)})

    @traitlets.validate("threshold")
    def _valid_threshold(self, proposal):
        try:
            return slider_value(proposal["value"], "threshold", *self.THRESHOLD_RANGE)
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    @traitlets.validate("weight_values")
    def _valid_weights(self, proposal):
        value = _a_list(proposal["value"], "weight_values", "weights such as [1, -1, 0.5]")
        n = len(self.inputs_on) if self.inputs_on else len(value)
        if len(value) != n:
            raise traitlets.TraitError(f"give one weight per input: {n} weights; got "
                                       f"{len(value)}.")
        try:
            return [slider_value(w, f"weight w{i + 1}", *self.WEIGHT_RANGE)
                    for i, w in enumerate(value)]
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None

    @traitlets.validate("inputs_on")
    def _valid_inputs(self, proposal):
        value = _a_list(proposal["value"], "inputs_on", "inputs such as [1, 0, 1]")
        if not 1 <= len(value) <= 6:
            raise traitlets.TraitError(f"a neuron here has 1 to 6 inputs; got {len(value)}.")
        if self.weight_values and len(value) != len(self.weight_values):
            raise traitlets.TraitError(f"give one input per weight: {len(self.weight_values)} "
                                       f"inputs, each 0 or 1; got {len(value)}.")
        if any(v not in (0, 1) or isinstance(v, str) for v in value):
            raise traitlets.TraitError(f"each input is 0 (off) or 1 (on); got {value!r}.")
        return [int(v) for v in value]

    @property
    def inputs(self):
        return np.array(self.inputs_on, dtype=int)

    @property
    def weights(self):
        return np.array([float(shown(w)) for w in self.weight_values])

    def set_input(self, i, on=True):
        """Switch input i (0-based) on or off, as a click on its button does."""
        n = len(self.inputs_on)
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)) \
                or not 0 <= i < n:
            raise ValueError(f"set_input(i, on): i is the input's number from 0 to {n - 1} "
                             f"(0 for x1); got {i!r}.")
        if isinstance(on, str) or on not in (0, 1):
            raise ValueError(f"set_input(i, on): on is 1 (or True) to switch the input on, 0 "
                             f"(or False) to switch it off; got {on!r}.")
        values = list(self.inputs_on)
        values[i] = int(on)
        self.inputs_on = values

    @property
    def total(self):
        """The weighted sum of the inputs, exactly (a Fraction)."""
        return exact_sum([shown(w) for w in self.weight_values], self.inputs_on)

    @property
    def fires(self):
        """True when the weighted sum reaches the threshold (equal counts)."""
        return self.total >= shown(self.threshold)

    def _png(self):
        return neuron_png(self.inputs, self.weights, float(shown(self.threshold)), self.fires,
                          self.size)

    def _describe(self):
        return (f"NeuronExplorer: inputs {self.inputs.tolist()}, weights "
                f"{format_vector(self.weights)}, threshold {fmt(self.threshold)}:"
                f" {'fires' if self.fires else 'silent'}")
