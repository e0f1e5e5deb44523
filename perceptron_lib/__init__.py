"""perceptron_lib: the small library behind the perceptron course.

Modules, from the bottom up (each uses only the ones above it):

- ``data``        logic gates, generated point clouds, the Iris flowers, handwritten digits
- ``history``     TrainingHistory: every visit of a training run, positions and epochs
- ``perceptron``  the step function and the Perceptron with Rosenblatt's rule
- ``pocket``      the pocket algorithm: keep the best weights seen so far
- ``geometry``    decision line, separability, margin, Novikoff's bound
- ``network``     the sigmoid, the delta rule, and a 2-2-1 network trained by backpropagation
- ``plotting``    drawing functions for matplotlib
- ``widgets``     the interactive explorers
- ``exercises``   self-checking exercises for the notebooks
"""

from .data import (
    BOOLEAN_FUNCTION_NAMES,
    GATE_NAMES,
    boolean_function,
    gate,
    iris_two_species,
    load_digits,
    load_iris,
    make_noisy,
    make_separable,
)
from .geometry import (
    decision_line,
    is_linearly_separable,
    margin,
    max_margin_weights,
    novikoff_bound,
    positive_region,
)
from .history import Cycle, TrainingHistory, Visit
from .network import SigmoidNeuron, TinyNetwork, sigmoid, sigmoid_slope
from .perceptron import Perceptron, step
from .pocket import PocketRun, pocket

__version__ = "0.2.0"


def require(minimum):
    """Stop with a clear message when this perceptron_lib is older than ``minimum``."""
    have = tuple(int(p) for p in __version__.split(".")[:3])
    try:
        need = tuple(int(p) for p in str(minimum).split(".")[:3])
    except ValueError:
        raise ValueError(
            f'require() needs a version such as "0.1.0"; got {minimum!r:.40}.'
        ) from None
    if have < need:
        raise ImportError(
            f"this notebook needs perceptron_lib {minimum} or newer, but {__version__} is "
            f"installed. In a terminal in the course folder run: pip install -r "
            f"requirements.txt, then restart the kernel (Kernel > Restart Kernel)."
        )

__all__ = [
    "BOOLEAN_FUNCTION_NAMES",
    "GATE_NAMES",
    "Cycle",
    "Perceptron",
    "PocketRun",
    "SigmoidNeuron",
    "TinyNetwork",
    "TrainingHistory",
    "Visit",
    "boolean_function",
    "decision_line",
    "gate",
    "iris_two_species",
    "is_linearly_separable",
    "load_digits",
    "load_iris",
    "make_noisy",
    "make_separable",
    "margin",
    "max_margin_weights",
    "novikoff_bound",
    "pocket",
    "positive_region",
    "require",
    "sigmoid",
    "sigmoid_slope",
    "step",
]
