"""The hidden-layer explorer: choose the two hidden neurons' gates, and watch an output
perceptron learn a target on what they make of the inputs.

The runs (every combination of 14 x 14 hidden pairs x 16 targets) and their words come from
``perceptron_lib.hidden_layer``; each run is sent to the browser as its errors e = d - y,
one sign per visit (about 60 kB for all of them). The view (hidden.js) adds up the updates,
W <- W + e [1, h1, h2], exactly (small whole numbers), so its menus and steps work with no
kernel, on a static page too, and writes the same words.
"""

from __future__ import annotations

import numpy as np
import traitlets

from ..data import BOOLEAN_FUNCTION_NAMES
from ..hidden_layer import (
    HIDDEN_MENU,
    INPUTS,
    MENU,
    NOT_ONE_NEURON,
    all_runs,
    function_number,
    hidden_points,
    hidden_weights,
    network_outputs,
    readout,
    replay,
    train_output,
    truth_table,
    verdict,
)
from .base import Explorer, Setting, Stepping, view_module
from .pictures import hidden_png

__all__ = ["HiddenLayerExplorer"]


class HiddenLayerExplorer(Stepping, Explorer):
    """Choose the two hidden neurons' gates and a target; the output neuron learns the target
    from the hidden values with Rosenblatt's rule. Does the network compute it?

    Parameters
    ----------
    target : str
        What the whole network should compute: one of the 16 two-input functions by name,
        e.g. "XOR", "XNOR", "AND", "x1 AND NOT x2" (any case).
    hidden : (str, str)
        The gates of hidden neurons 1 and 2 (h1 and h2): any function one perceptron can
        compute, that is every one of the 16 but XOR and XNOR.
    size : "normal" or "large" (for projectors)

    The view: the input plane with the four inputs and the two hidden lines, the hidden plane
    where the inputs land (with the output neuron's line), the truth table of the network, and
    menus for h1, h2 and the target. Every combination is computed in advance: the menus and
    the steps work without a kernel. Keys (with the explorer focused): → / PageDown step,
    ← / PageUp back, Home / End, space play or pause. From Python: ``hidden1``, ``hidden2``,
    ``target``, ``go_to(k)``, ``step_forward()``, ``step_back()``, ``position``,
    ``computes_target``, ``outputs``, ``W``, ``describe_position()``, ``describe_status()``.
    """

    _esm = view_module("hidden")

    hidden1 = Setting("OR")      # checked by _valid_function
    hidden2 = Setting("NAND")
    target = Setting("XOR")
    position = traitlets.Int(0).tag(sync=True)
    speed = traitlets.Int(3).tag(sync=True)
    functions = traitlets.List().tag(sync=True)    # [name, k, truth table, W or None]
    hidden_menu = traitlets.List().tag(sync=True)
    runs = traitlets.Dict().tag(sync=True)         # "k1,k2,t" -> errors, one sign per visit

    def __init__(self, target="XOR", hidden=("OR", "NAND"), size="normal"):
        t = function_number(target, "target")
        if isinstance(hidden, str) or not isinstance(hidden, (list, tuple)) or len(hidden) != 2:
            raise TypeError(f"hidden must be two gate names, for hidden neurons 1 and 2, e.g. "
                            f"(\"OR\", \"NAND\"); got {hidden!r}.")
        k1 = function_number(hidden[0], "hidden gate 1", hidden=True)
        k2 = function_number(hidden[1], "hidden gate 2", hidden=True)
        functions = [[g, k, truth_table(k), None if g in NOT_ONE_NEURON else
                      [round(v, 4) for v in hidden_weights(k)]]
                     for g, k in ((g, function_number(g)) for g in MENU)]
        runs = {f"{a},{b},{c}": e for (a, b, c), e in all_runs().items()}
        super().__init__(size=size, functions=functions, hidden_menu=list(HIDDEN_MENU),
                         runs=runs, hidden1=BOOLEAN_FUNCTION_NAMES[k1],
                         hidden2=BOOLEAN_FUNCTION_NAMES[k2], target=BOOLEAN_FUNCTION_NAMES[t])
        self.position = self._n()           # a new combination shows its result: the end
        self.observe(self._on_choice, names=["hidden1", "hidden2", "target"])

    # -- the combination shown -----------------------------------------------------------------
    @property
    def numbers(self):
        """(k1, k2, t): the functions' numbers, as in ``boolean_function``."""
        return (function_number(self.hidden1), function_number(self.hidden2),
                function_number(self.target))

    @property
    def hidden(self):
        return self.hidden1, self.hidden2

    @property
    def errors(self):
        """The run's errors e = d - y, one sign per visit (+, 0, -)."""
        return all_runs()[self.numbers]

    def _n(self):
        return len(self.errors)

    @property
    def history(self):
        """The output neuron's training (a TrainingHistory; the view shows its first
        ``len(errors)`` visits)."""
        return train_output(*self.numbers)[0].history_

    @property
    def hidden_points(self):
        return hidden_points(*self.numbers[:2])

    @property
    def W(self):
        """The output neuron's W = [b, v1, v2] at the current position."""
        return np.array(replay(*self.numbers[:2], self.errors[:self.position])[-1], dtype=float)

    @property
    def outputs(self):
        """The network's outputs for (0, 0), (0, 1), (1, 0), (1, 1) at the current position."""
        return np.array(network_outputs(*self.numbers[:2], self.W.tolist()))

    @property
    def rows_right(self):
        return int(np.sum(self.outputs == truth_table(self.numbers[2])))

    @property
    def computes_target(self):
        """True when the trained network computes the target (on all four inputs)."""
        k1, k2, t = self.numbers
        W = replay(k1, k2, self.errors)[-1]
        return network_outputs(k1, k2, W) == truth_table(t)

    def _on_choice(self, change):
        self.position = self._n()

    @traitlets.validate("hidden1", "hidden2", "target")
    def _valid_function(self, proposal):
        name = proposal["trait"].name
        words = {"hidden1": "hidden gate 1", "hidden2": "hidden gate 2"}.get(name, name)
        try:
            k = function_number(proposal["value"], words, hidden=name != "target")
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from None
        return BOOLEAN_FUNCTION_NAMES[k]

    @traitlets.validate("position")
    def _valid_position(self, proposal):
        if not self.runs:
            return 0
        return int(min(max(proposal["value"], 0), self._n()))

    # -- moving and words (the view does this by itself; these are for Python) ---------------
    def _slider_max(self):
        return self._n()

    def describe_position(self):
        return readout(*self.numbers, self.errors, self.position)

    def describe_status(self):
        return verdict(*self.numbers, self.errors)

    # -- still picture and text ---------------------------------------------------------------
    def _png(self):
        k1, k2, t = self.numbers
        return hidden_png(INPUTS, truth_table(t), hidden_points(k1, k2), hidden_weights(k1),
                          hidden_weights(k2), self.W, self.hidden, self.target, self.position,
                          self._n(), self.describe_status(), self.size)

    def _describe(self):
        done = "computes it" if self.computes_target else "cannot compute it"
        return (f"HiddenLayerExplorer: h1 = {self.hidden1}, h2 = {self.hidden2}, target "
                f"{self.target}: the network {done} (visit {self.position} of {self._n()})")
