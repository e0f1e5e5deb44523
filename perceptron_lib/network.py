"""Learning with a smooth step: the sigmoid, the delta rule, and a small network for XOR.

Rosenblatt's rule needs a desired output for every neuron, and the step function gives no
hint of how a small change of a weight would change the error: its slope is 0 everywhere
except at z = 0, where it jumps. Replace the step by the smooth sigmoid and every weight gets
a slope, a number saying how much the error changes when that weight changes a little. Moving
each weight a little *downhill*, against its slope, again and again, is gradient descent.

This module does that in NumPy only, small enough to read in one sitting:

- :func:`sigmoid` and :func:`sigmoid_slope`, the smooth step and its slope;
- :class:`SigmoidNeuron`: one neuron trained by the delta rule (gradient descent, sample by
  sample, in order, like the perceptron);
- :class:`TinyNetwork`: two inputs, a hidden layer of sigmoid neurons (two by default: a
  2-2-1 network) and one sigmoid output, trained by gradient descent on all samples at once,
  with backpropagation written out by hand in :func:`gradients`.

Conventions as in the rest of the course: each neuron's weights are ``[b, w1, w2]`` with the
bias first, inputs are extended to ``[1, x1, x2]``, labels are 0 or 1, and a neuron answers 1
when its output is at least 0.5 (that is, when z >= 0, as with the step). Every epoch is
recorded, so that an explorer can step through training afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import validation as check
from .validation import as_floats, check_labels, check_weights, check_X, is_real_number

__all__ = ["sigmoid", "sigmoid_slope", "LOSSES", "loss_value", "forward", "gradients",
           "network_loss", "SigmoidNeuron", "TinyNetwork", "NeuronHistory", "NetworkHistory"]

LOSSES = ("squared", "log")


# --- the smooth step ---------------------------------------------------------------------------

def sigmoid(z):
    """The sigmoid 1 / (1 + e^(-z)): a smooth step from 0 to 1, exactly 0.5 at z = 0.

    Computed so that no large |z| overflows: for z < 0 it uses the equal form
    e^z / (1 + e^z). A number gives a float; an array gives an array of the same shape.
    """
    arr = as_floats(z, "sigmoid(z)")
    if np.isnan(arr).any():
        raise ValueError("sigmoid(z) got NaN: z is not a number.")
    out = _sigmoid(arr)
    return float(out) if is_real_number(z) else out


def _sigmoid(z):
    """The sigmoid of a float array, unchecked: e^-|z| never exceeds 1, so nothing overflows,
    and the tiny values far below 0 keep all their digits."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _sigmoid_trained(z):
    """The sigmoid as training computes it (thousands of times): 1/2 + tanh(z/2)/2, the same
    function, to the last bit or two. NumPy computes tanh the same way on every processor
    with fused multiply-add (nearly all since 2013), where its exp takes another path on
    some; a long training run magnifies a difference in the last bit into another network,
    so this keeps the networks the course shows the same on every computer."""
    return 0.5 + 0.5 * np.tanh(0.5 * z)


def sigmoid_slope(z):
    """The slope of the sigmoid at z: sigmoid(z) * (1 - sigmoid(z)).

    At most 0.25 (at z = 0), and close to 0 far from it: a neuron that is very sure of its
    answer learns slowly.
    """
    s = sigmoid(z)
    return s * (1 - s)


# --- losses --------------------------------------------------------------------------------------

def _check_loss(loss):
    if loss not in LOSSES:
        raise ValueError(f'loss must be "squared" or "log"; got {loss!r}.')
    return loss


def loss_value(z, d, loss="squared"):
    """The mean loss over the samples, from the output neuron's pre-activations ``z``.

    squared: the mean of (y - d)^2 / 2, with y = sigmoid(z).
    log: the mean of -log(y) where d = 1 and -log(1 - y) where d = 0 (computed from z, so
    that a very sure, wrong answer gives a large number rather than infinity, and a very sure,
    right one gives 0).

    One row of z gives a float; a table of rows (one per epoch) gives one loss per row.
    """
    loss = _check_loss(loss)
    z = as_floats(z, "z (the output neuron's pre-activations)")
    if z.ndim == 0:
        raise ValueError("z must be a list with one pre-activation per sample, such as [0.5], "
                         "not a single number.")
    d = check_labels(d).astype(float)
    if len(d) != z.shape[-1]:
        raise ValueError(f"z has {z.shape[-1]} pre-activations per row but d has {len(d)} "
                         f"labels: give one label per sample.")
    if np.isnan(z).any():
        raise ValueError("z contains NaN: every sample needs a pre-activation that is a number.")
    if loss == "squared":
        out = np.mean((_sigmoid(z) - d) ** 2, axis=-1) / 2
    else:   # -log(sigmoid(z)) = log(1 + e^-z) and -log(1 - sigmoid(z)) = log(1 + e^z)
        out = np.mean(np.where(d == 1, np.logaddexp(0, -z), np.logaddexp(0, z)), axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def _output_delta(y, d, loss):
    """How the loss of each sample changes with the output neuron's z: dL/dz."""
    if loss == "squared":
        return (y - d) * y * (1 - y)     # (y - d) from the loss, y (1 - y) from the sigmoid
    return y - d                         # the log loss cancels the sigmoid's slope


MAX_SCALE = 1_000_000
MAX_HIDDEN = 64


def _check_scale(scale):
    name = "scale (the size of the random starting weights)"
    if not is_real_number(scale):
        raise TypeError(f"{name} must be a number such as 1; got {scale!r:.40}.")
    if not scale > 0:                       # NaN fails too
        raise ValueError(f"{name} must be greater than 0; got {scale!r:.40}.")
    if not scale <= MAX_SCALE:              # infinity too
        raise ValueError(f"{name} must be at most {MAX_SCALE:,}: larger starting weights "
                         f"leave every sigmoid flat at 0 or 1, where nothing learns.")
    return float(scale)


def _check_start(start, hidden=2):
    """Starting weights (W_hidden, W_out) for ``hidden`` hidden neurons as new float arrays,
    or a clear error."""
    try:
        W_hidden, W_out = start
    except (TypeError, ValueError):
        raise TypeError("start must be a pair (W_hidden, W_out): the hidden weights, one row "
                        "[b, w1, w2] per hidden neuron, and the output weights [b, v1, v2]."
                        ) from None
    PAIR = ("start must be a pair (W_hidden, W_out): the hidden weights, one row [b, w1, w2] "
            "per hidden neuron, and the output weights [b, v1, v2], as in "
            "start=([[0.5, 1, 1], [-1.5, 1, 1]], [-0.5, 1, -1])")
    try:
        one_array = np.ndim(W_hidden) < 2
    except ValueError:          # rows of different lengths: check_X explains below
        one_array = False
    if one_array:
        raise TypeError(f"{PAIR}; got {np.ndim(start)}-D numbers of shape {np.shape(start)}, "
                        f"one array rather than a pair.")
    W_out = check_weights(W_out, hidden, "the starting output weights")
    W_hidden = check_X(W_hidden, name="the starting hidden weights")
    if W_hidden.shape[0] != hidden:
        raise ValueError(f"the starting hidden weights need {hidden} rows, one [b, w1, w2] per "
                         f"hidden neuron; got {W_hidden.shape[0]}.")
    return W_hidden, W_out


def _extend(X):
    """Inputs with a 1 in front: x -> [1, x1, x2] (the bias trick)."""
    return np.hstack([np.ones((len(X), 1)), X])


# --- one sigmoid neuron: the delta rule ----------------------------------------------------------

class _EpochRecord:
    """What the two histories below share: one row per epoch (row 0: before training), the
    loss and the outputs of every sample in each."""

    @property
    def n_epochs(self):
        return len(self.loss) - 1

    @property
    def solved_epoch(self):
        """The first epoch after which every output is on the right side of 0.5, and stays
        there to the end; None if that never happens (0: right from the start)."""
        right = ((self.outputs >= 0.5) == (self.d == 1)).all(axis=1)
        if not right[-1]:
            return None
        wrong = np.flatnonzero(~right)
        return 0 if wrong.size == 0 else int(wrong[-1]) + 1


@dataclass(frozen=True)
class NeuronHistory(_EpochRecord):
    """A record of a sigmoid neuron's training, one row per epoch (row 0: before training).

    Attributes
    ----------
    W : ndarray, shape (epochs + 1, n_inputs + 1)
        The weights ``[b, w1, ...]`` at the end of each epoch.
    loss : ndarray, shape (epochs + 1,)
        The mean loss over all samples with those weights.
    outputs : ndarray, shape (epochs + 1, n_samples)
        The neuron's output (a number between 0 and 1) for every sample.
    d : ndarray
        The labels.
    """

    W: np.ndarray
    loss: np.ndarray
    outputs: np.ndarray
    d: np.ndarray


class SigmoidNeuron:
    """One neuron with the sigmoid activation, trained by the delta rule.

    Training visits the samples in order, like the perceptron, and after each visit moves the
    weights a little downhill on that sample's loss::

        y = sigmoid(W . [1, x])
        W <- W + lr * (d - y) * slope * [1, x]

    where ``slope = y (1 - y)`` for the squared loss and ``slope = 1`` for the log loss. Compare
    Rosenblatt's rule, ``W <- W + lr * (d - y) * [1, x]`` with y = 0 or 1: the same shape, but
    here y is a number between 0 and 1, so every sample nudges W a little, even a sample
    that is already on the right side.

    Parameters
    ----------
    input_size : int
        The number of inputs; W has one more entry (``W[0]`` is the bias).
    lr : float, default 1
        The learning rate, > 0.
    epochs : int, default 100
        Passes over the data. Gradient descent never stops by itself: every epoch runs.
    loss : "squared" or "log", default "squared"
    W0 : array_like, optional
        The starting weights; zeros by default.

    Attributes
    ----------
    W : ndarray
        The weights, ``W0`` before training.
    history_ : NeuronHistory or None
        Every epoch of the last ``fit``.
    """

    def __init__(self, input_size, lr=1, epochs=100, loss="squared", W0=None):
        self.input_size = check.whole_number(input_size, "input_size (the number of inputs)", 1,
                                             example=2)
        self.lr = float(check.learning_rate(lr))
        self.epochs = check.epochs(epochs, 100)
        self.loss = _check_loss(loss)
        self.W0 = (np.zeros(self.input_size + 1) if W0 is None
                   else check_weights(W0, self.input_size, "W0"))
        self.W = self.W0.copy()
        self.history_ = None

    def __repr__(self):
        return (f"SigmoidNeuron(input_size={self.input_size}, lr={self.lr}, "
                f"epochs={self.epochs}, loss={self.loss!r})")

    def output(self, X):
        """The neuron's output sigmoid(W . [1, x]) for each row of X: numbers from 0 to 1."""
        Xc = check_X(X, n_inputs=self.input_size, task="compute the output of")
        return sigmoid(_extend(Xc) @ self.W)

    def predict(self, X):
        """0 or 1 for each row of X: 1 where the output is at least 0.5 (that is, z >= 0)."""
        return (self.output(X) >= 0.5).astype(int)

    def fit(self, X, d):
        """Train from ``W0`` for ``epochs`` epochs with the delta rule; returns self."""
        Xe = _extend(check_X(X, n_inputs=self.input_size))
        dc = check_labels(d, len(Xe)).astype(float)
        W = self.W0.copy()
        Ws = [W]                                   # the weights at the end of every epoch
        with np.errstate(over="ignore", invalid="ignore"):      # too large: checked below
            for epoch in range(1, self.epochs + 1):
                for xe, target in zip(Xe, dc):
                    y = sigmoid(xe @ W)
                    slope = y * (1 - y) if self.loss == "squared" else 1.0
                    W = W + self.lr * (target - y) * slope * xe
                    if not np.isfinite(W).all():
                        raise ValueError(f"the weights grew too large for floating point in "
                                         f"epoch {epoch}: use a smaller learning rate.")
                Ws.append(W)
            Ws = np.array(Ws)
            z = Ws @ Xe.T                          # every epoch's z for every sample
        self.W = W
        self.history_ = NeuronHistory(Ws, loss_value(z, dc, self.loss), sigmoid(z),
                                      dc.astype(int))
        return self


# --- the network: forward and backward by hand ------------------------------------------------

def forward(W_hidden, W_out, X):
    """Run the network on the rows of X.

    Parameters (arrays or plain lists)
    ----------
    W_hidden : array_like, shape (n_hidden, n_inputs + 1)
        One row ``[b, w1, w2]`` per hidden neuron (two in the 2-2-1 network).
    W_out : array_like, shape (n_hidden + 1,)
        The output neuron's ``[b, v1, v2, ...]``: it sees the hidden outputs (h1, h2, ...).
    X : array_like, shape (n_samples, n_inputs)

    Returns
    -------
    H : ndarray, shape (n_samples, n_hidden)
        The hidden neurons' outputs, (h1, h2, ...) for each sample.
    z : ndarray, shape (n_samples,)
        The output neuron's pre-activation.
    y : ndarray, shape (n_samples,)
        The network's output, sigmoid(z).
    """
    return _forward(*_check_network(W_hidden, W_out, X))


# The sums of products below are written out (multiply, then add up along one axis) rather
# than as matrix products: NumPy adds them in one fixed order, where a matrix product goes to
# a BLAS library that picks its own order for each processor. So training gives the same
# network on every computer.

def _forward(W_hidden, W_out, X):
    H = _sigmoid_trained((X[:, None, :] * W_hidden[:, 1:]).sum(axis=2) + W_hidden[:, 0])
    z = (H * W_out[1:]).sum(axis=1) + W_out[0]
    return H, z, _sigmoid_trained(z)


def _check_network(W_hidden, W_out, X):
    """The weights and inputs as float arrays whose shapes fit together, or a clear error."""
    X = check_X(X, task="run the network on")
    W_hidden = as_floats(W_hidden, "W_hidden")
    if W_hidden.ndim != 2 or W_hidden.shape[0] < 1 or W_hidden.shape[1] != X.shape[1] + 1:
        raise ValueError(f"W_hidden must have shape (n_hidden, {X.shape[1] + 1}), such as "
                         f"(2, {X.shape[1] + 1}): one row [b, w1, ...] per hidden neuron, with a "
                         f"weight for each of X's {X.shape[1]} column(s); got shape "
                         f"{W_hidden.shape}.")
    if not np.isfinite(W_hidden).all():
        raise ValueError("W_hidden contains NaN or infinity; give finite numbers.")
    return W_hidden, check_weights(W_out, len(W_hidden), "W_out"), X


def gradients(W_hidden, W_out, X, d, loss="squared"):
    """The slope of the mean loss with respect to every weight: backpropagation, by hand.

    The chain rule, worked backwards from the output, in four lines:

    1. ``delta_out = dL/dz_out``: how each sample's loss changes with the output's z;
    2. ``grad_out = mean of delta_out * [1, h1, h2]``: the output weights' slopes;
    3. ``delta_hidden_j = delta_out * v_j * h_j (1 - h_j)``: the blame passed back to hidden
       neuron j through its weight v_j and its own sigmoid's slope;
    4. ``grad_hidden_j = mean of delta_hidden_j * [1, x1, x2]``: the hidden weights' slopes.

    (A bias's input is always 1, so its slope is simply the mean of the deltas.)

    Returns
    -------
    grad_hidden : ndarray, same shape as W_hidden
    grad_out : ndarray, same shape as W_out
    """
    _check_loss(loss)
    W_hidden, W_out, X = _check_network(W_hidden, W_out, X)
    return _gradients(W_hidden, W_out, X, check_labels(d, len(X)), loss)


def _gradients(W_hidden, W_out, X, d, loss):
    """:func:`gradients` on checked float arrays."""
    H, _, y = _forward(W_hidden, W_out, X)
    return _backward(H, y, W_out, X, d, loss)


def _backward(H, y, W_out, X, d, loss):
    """The slopes from a forward pass's hidden outputs H and outputs y (steps 1 to 4)."""
    n = len(X)
    delta_out = _output_delta(y, d, loss)                                    # 1
    grad_out = np.array([delta_out.sum(), *(delta_out[:, None] * H).sum(axis=0)]) / n  # 2
    delta_hidden = delta_out[:, None] * W_out[1:] * H * (1 - H)              # 3
    grad_hidden = np.empty((H.shape[1], X.shape[1] + 1))                     # 4
    grad_hidden[:, 0] = delta_hidden.sum(axis=0) / n
    grad_hidden[:, 1:] = (delta_hidden[:, :, None] * X[:, None, :]).sum(axis=0) / n
    return grad_hidden, grad_out


def network_loss(W_hidden, W_out, X, d, loss="squared"):
    """The network's mean loss on (X, d)."""
    return loss_value(forward(W_hidden, W_out, X)[1], d, loss)


@dataclass(frozen=True)
class NetworkHistory(_EpochRecord):
    """A record of a network's training, one row per epoch (row 0: the random start).

    Attributes
    ----------
    W_hidden : ndarray, shape (epochs + 1, n_hidden, n_inputs + 1)
        The hidden neurons' weights (one row ``[b, w1, w2]`` each) at the end of each epoch.
    W_out : ndarray, shape (epochs + 1, n_hidden + 1)
        The output neuron's weights ``[b, v1, v2, ...]``.
    loss : ndarray, shape (epochs + 1,)
    hidden : ndarray, shape (epochs + 1, n_samples, n_hidden)
        The hidden neurons' outputs for each sample: with two, where it lands in the hidden
        plane, (h1, h2).
    outputs : ndarray, shape (epochs + 1, n_samples)
    X, d : ndarray
        The training data.
    """

    W_hidden: np.ndarray
    W_out: np.ndarray
    loss: np.ndarray
    hidden: np.ndarray
    outputs: np.ndarray
    X: np.ndarray
    d: np.ndarray


class TinyNetwork:
    """A small network: a hidden layer of sigmoid neurons (two by default: a 2-2-1 network)
    and one sigmoid output neuron.

    Training starts from random weights (uniform between -``scale`` and ``scale``, drawn with
    ``numpy.random.default_rng(seed)``) and takes ``epochs`` steps of gradient descent on the
    mean loss over all samples at once: ``W <- W - lr * slope``, with the slopes from
    :func:`gradients`.

    Random starts matter: from some starts the network settles where one sample stays wrong
    and gradient descent finds no way out. ``restarts`` trains from that many starts, drawn
    one after another from the same seeded generator, and keeps the run with the lowest final
    loss.

    Parameters
    ----------
    lr : float, default 5
        The learning rate, > 0. Larger than the perceptron's 1 because the slopes here are
        small: the sigmoid's slope is at most 1/4.
    epochs : int, default 1000
    loss : "squared" or "log", default "squared"
    seed : int or None, default 0
        Seed of the random starting weights.
    restarts : int, default 1
        How many random starts to try.
    scale : float, default 1
        The random starting weights lie between -scale and scale (scale > 0, at most 1,000,000).
    start : (W_hidden, W_out), optional
        Your own starting weights instead of random ones: shapes (hidden, n_inputs + 1) and
        (hidden + 1,).
    hidden : int, default 2
        The number of hidden neurons (1 to 64).

    Attributes
    ----------
    W_hidden : ndarray, shape (hidden, n_inputs + 1)
    W_out : ndarray, shape (hidden + 1,)
    history_ : NetworkHistory or None
        Every epoch of the run kept.
    final_losses_ : list of float
        The final loss of every start tried, in order.
    best_start_ : int
        Which start (0-based) was kept.
    """

    def __init__(self, lr=5, epochs=1000, loss="squared", seed=0, restarts=1, scale=1,
                 start=None, hidden=2):
        self.lr = float(check.learning_rate(lr))
        self.epochs = check.epochs(epochs, 1000)
        self.loss = _check_loss(loss)
        self.seed = check.seed(seed)
        self.restarts = check.whole_number(restarts, "restarts", 1, example=5)
        self.scale = _check_scale(scale)
        self.n_hidden = check.whole_number(hidden, "hidden (the number of hidden neurons)", 1,
                                           MAX_HIDDEN, example=2)
        self.start = None if start is None else _check_start(start, self.n_hidden)
        if self.start is not None and self.restarts > 1:
            raise ValueError("with your own starting weights (start=...) every restart would "
                             "begin at the same place: leave restarts at 1.")
        self.W_hidden = self.W_out = None
        self.history_ = None
        self.final_losses_ = []
        self.best_start_ = None

    def __repr__(self):
        more = "" if self.n_hidden == 2 else f", hidden={self.n_hidden}"
        return (f"TinyNetwork(lr={self.lr}, epochs={self.epochs}, loss={self.loss!r}, "
                f"seed={self.seed}, restarts={self.restarts}, scale={self.scale}{more})")

    def _fitted(self):
        if self.W_hidden is None:
            raise ValueError("this network has not been trained yet: call fit(X, d) first.")

    def hidden(self, X):
        """The hidden neurons' outputs for each row of X: with two, where it lands in the
        hidden plane, (h1, h2)."""
        self._fitted()
        Xc = check_X(X, n_inputs=self.W_hidden.shape[1] - 1, task="run the network on")
        return forward(self.W_hidden, self.W_out, Xc)[0]

    def output(self, X):
        """The network's output for each row of X: numbers from 0 to 1."""
        self._fitted()
        Xc = check_X(X, n_inputs=self.W_hidden.shape[1] - 1, task="run the network on")
        return forward(self.W_hidden, self.W_out, Xc)[2]

    def predict(self, X):
        """0 or 1 for each row of X: 1 where the output is at least 0.5."""
        return (self.output(X) >= 0.5).astype(int)

    def fit(self, X, d):
        """Train from ``restarts`` starts and keep the run with the lowest final loss;
        returns self."""
        Xc = check_X(X)
        dc = check_labels(d, len(Xc)).astype(float)
        n_in = Xc.shape[1]
        H = self.n_hidden
        if self.start is not None and self.start[0].shape != (H, n_in + 1):
            raise ValueError(f"the starting hidden weights have shape {self.start[0].shape}, "
                             f"but X has {n_in} column(s): they need shape ({H}, {n_in + 1}).")
        rng = np.random.default_rng(self.seed)
        runs = []
        for _ in range(self.restarts):
            if self.start is not None:
                W_hidden, W_out = (w.copy() for w in self.start)
            else:
                W_hidden = rng.uniform(-self.scale, self.scale, size=(H, n_in + 1))
                W_out = rng.uniform(-self.scale, self.scale, size=H + 1)
            runs.append(self._descend(W_hidden, W_out, Xc, dc))
        self.final_losses_ = [float(r.loss[-1]) for r in runs]
        self.best_start_ = int(np.argmin(self.final_losses_))
        self.history_ = runs[self.best_start_]
        self.W_hidden = self.history_.W_hidden[-1].copy()
        self.W_out = self.history_.W_out[-1].copy()
        return self

    def _descend(self, W_hidden, W_out, X, d):
        """Gradient descent from one start, every epoch recorded: the weights, and what
        the network does with them (each epoch's forward pass, kept)."""
        E = self.epochs
        Wh = np.empty((E + 1, *W_hidden.shape))                 # row k: after epoch k
        Wo = np.empty((E + 1, len(W_out)))
        Hs = np.empty((E + 1, len(X), len(W_hidden)))           # the hidden outputs
        zs = np.empty((E + 1, len(X)))                           # the output neuron's z
        Wh[0], Wo[0] = W_hidden, W_out
        with np.errstate(over="ignore", invalid="ignore"):      # too large: checked below
            for epoch in range(1, E + 1):
                H, z, y = _forward(W_hidden, W_out, X)
                Hs[epoch - 1], zs[epoch - 1] = H, z
                grad_hidden, grad_out = _backward(H, y, W_out, X, d, self.loss)
                W_hidden = W_hidden - self.lr * grad_hidden        # a step downhill
                W_out = W_out - self.lr * grad_out
                if not (np.isfinite(W_hidden).all() and np.isfinite(W_out).all()):
                    raise ValueError(f"the weights grew too large for floating point in epoch "
                                     f"{epoch}: use a smaller learning rate (or smaller "
                                     f"inputs).")
                Wh[epoch], Wo[epoch] = W_hidden, W_out
            Hs[E], zs[E] = _forward(W_hidden, W_out, X)[:2]
        return NetworkHistory(Wh, Wo, loss_value(zs, d, self.loss), Hs, _sigmoid_trained(zs),
                              X.copy(), d.astype(int))
