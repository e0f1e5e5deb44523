"""The interactive explorers of the course, one file each, drawn in the browser.

- :class:`NeuronExplorer`: a toy neuron. Switch inputs on and off, set weights and a threshold,
  and see whether it fires.
- :class:`BoundaryExplorer`: set w1, w2 and b by hand and try to make a logic gate.
- :class:`TrainingExplorer`: step through Rosenblatt's learning rule and watch the decision
  line move, sample by sample.
- :class:`DescentExplorer`: step through gradient descent on a 2-2-1 network learning XOR:
  the hidden lines move, the points move in the hidden plane, the loss falls.
- :class:`HiddenLayerExplorer`: choose the two hidden neurons' gates and a target, and watch
  an output perceptron learn the target from the hidden values (or fail to, and why).
- :class:`CurvesExplorer`: a hidden layer of 1 to 8 neurons learns data no line separates
  (moons, a ring, spirals): the curved answer and each hidden neuron's own line.
- :class:`DigitsExplorer`: watch a perceptron learn to tell handwritten digits apart, its
  64 weights drawn as an 8x8 picture, with the test images it gets wrong.

Each explorer is a Python class (its data, settings and retraining) with a small view module
beside it (``training.js`` and so on) that draws the picture as SVG in the browser from data
sent once. Stepping and sliding need no kernel, and the explorers still work on a static page
that keeps the notebook's widget state. ``base.py`` holds what they share; ``pictures.py``
the still PNG shown where widgets cannot run; ``points.py`` the training explorer's own points.
"""

from .boundary import BoundaryExplorer
from .curves import CurvesExplorer
from .descent import DescentExplorer
from .digits import DigitsExplorer
from .hidden import HiddenLayerExplorer
from .neuron import NeuronExplorer
from .training import TrainingExplorer

__all__ = ["NeuronExplorer", "BoundaryExplorer", "TrainingExplorer", "DescentExplorer",
           "DigitsExplorer", "HiddenLayerExplorer", "CurvesExplorer"]
