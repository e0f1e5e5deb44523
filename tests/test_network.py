"""The sigmoid, the delta rule and the 2-2-1 network: slopes checked against finite
differences, XOR learned from a fixed seed, a stuck start found and fixed by restarts, the
sigmoid neuron next to Rosenblatt's rule, and clear messages for odd input."""

from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import (
    Perceptron,
    SigmoidNeuron,
    TinyNetwork,
    gate,
    margin,
    max_margin_weights,
    sigmoid,
    sigmoid_slope,
)
from perceptron_lib.network import forward, gradients, loss_value, network_loss

X_XOR, D_XOR = gate("XOR")
XOR_SEED, XOR_EPOCHS = 0, 500        # seed 0 learns XOR within 500 epochs (lr 5, squared)


# --- the sigmoid ---------------------------------------------------------------------------------

def test_sigmoid_is_a_smooth_step():
    assert sigmoid(0) == 0.5 and isinstance(sigmoid(0), float)
    z = np.linspace(-30, 30, 601)
    s = sigmoid(z)
    assert np.all(np.diff(s) > 0) and np.all((s > 0) & (s < 1))
    assert np.allclose(s + sigmoid(-z), 1)                    # symmetric about (0, 0.5)
    assert np.allclose(s, 1 / (1 + np.exp(-z)), rtol=1e-15, atol=0)


def test_sigmoid_is_stable_for_large_z():
    with np.errstate(over="raise", invalid="raise"):          # no overflow anywhere
        assert sigmoid(1000) == 1.0 and sigmoid(-1000) == 0.0
        assert sigmoid(-700) > 0                              # tiny, not rounded to 0
        assert sigmoid(np.array([-1e308, 1e308])).tolist() == [0.0, 1.0]
        assert sigmoid_slope(-1000) == 0.0


def test_sigmoid_slope_matches_finite_differences():
    z = np.linspace(-8, 8, 33)
    h = 1e-6
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    assert np.allclose(sigmoid_slope(z), numeric, atol=1e-9)
    assert sigmoid_slope(0) == 0.25 and np.all(sigmoid_slope(z) <= 0.25)


# --- backpropagation ------------------------------------------------------------------------------

def numerical_gradients(W_hidden, W_out, X, d, loss, h=1e-6):
    """Slopes by nudging every weight a little each way (central differences)."""
    out = []
    for W in (W_hidden, W_out):
        grad = np.zeros_like(W)
        for index in np.ndindex(W.shape):
            keep = W[index]
            W[index] = keep + h
            up = network_loss(W_hidden, W_out, X, d, loss)
            W[index] = keep - h
            down = network_loss(W_hidden, W_out, X, d, loss)
            W[index] = keep
            grad[index] = (up - down) / (2 * h)
        out.append(grad)
    return out


@pytest.mark.parametrize("loss", ["squared", "log"])
@pytest.mark.parametrize("seed", range(5))
def test_hand_written_gradients_equal_numerical_ones(loss, seed):
    rng = np.random.default_rng(seed)
    W_hidden, W_out = rng.normal(0, 2, (2, 3)), rng.normal(0, 2, 3)
    X = np.vstack([X_XOR, rng.normal(0, 1, (3, 2))]).astype(float)
    d = np.array([0, 1, 1, 0, 1, 0, 1])
    grad_hidden, grad_out = gradients(W_hidden, W_out, X, d, loss)
    num_hidden, num_out = numerical_gradients(W_hidden.copy(), W_out.copy(), X, d, loss)
    assert np.allclose(grad_hidden, num_hidden, atol=1e-8, rtol=1e-5)
    assert np.allclose(grad_out, num_out, atol=1e-8, rtol=1e-5)


def test_gradients_along_training_equal_numerical_ones():
    net = TinyNetwork(seed=XOR_SEED, epochs=300).fit(X_XOR, D_XOR)
    h = net.history_
    for k in (0, 50, 150, 300):
        got = gradients(h.W_hidden[k], h.W_out[k], h.X, h.d, "squared")
        want = numerical_gradients(h.W_hidden[k].copy(), h.W_out[k].copy(), h.X, h.d, "squared")
        for g, w in zip(got, want):
            assert np.allclose(g, w, atol=1e-9, rtol=1e-5)


def test_one_epoch_is_one_step_downhill():
    net = TinyNetwork(lr=0.5, epochs=1, seed=3).fit(X_XOR, D_XOR)
    h = net.history_
    grad_hidden, grad_out = gradients(h.W_hidden[0], h.W_out[0], h.X, h.d)
    assert np.array_equal(h.W_hidden[1], h.W_hidden[0] - 0.5 * grad_hidden)
    assert np.array_equal(h.W_out[1], h.W_out[0] - 0.5 * grad_out)
    assert h.loss[1] < h.loss[0]


def test_history_agrees_with_the_forward_pass():
    h = TinyNetwork(seed=XOR_SEED, epochs=200).fit(X_XOR, D_XOR).history_
    assert h.W_hidden.shape == (201, 2, 3) and h.W_out.shape == (201, 3)
    assert h.hidden.shape == (201, 4, 2) and h.outputs.shape == (201, 4)
    for k in (0, 1, 77, 200):
        H, z, y = forward(h.W_hidden[k], h.W_out[k], h.X)
        assert np.allclose(h.hidden[k], H, rtol=1e-13) and np.allclose(h.outputs[k], y)
        assert np.isclose(h.loss[k], loss_value(z, h.d))


def test_loss_values():
    assert loss_value([0, 0], [0, 1]) == 0.125                # (0.5^2 / 2) on each sample
    assert np.isclose(loss_value([0, 0], [0, 1], "log"), np.log(2))
    assert np.isfinite(loss_value([1000.0], [0], "log"))      # sure and wrong: large, finite
    assert np.isclose(loss_value([1000.0], [0], "log"), 1000)


# --- XOR --------------------------------------------------------------------------------------

def test_a_fixed_seed_learns_xor():
    net = TinyNetwork(seed=XOR_SEED, epochs=XOR_EPOCHS).fit(X_XOR, D_XOR)
    h = net.history_
    assert h.solved_epoch is not None and h.solved_epoch <= XOR_EPOCHS
    assert net.predict(X_XOR).tolist() == [0, 1, 1, 0]
    out = net.output(X_XOR)
    assert np.all((out >= 0.5) == (D_XOR == 1))
    # before the solved epoch some output is on the wrong side; from it on, none
    k = h.solved_epoch
    assert not np.all((h.outputs[k - 1] >= 0.5) == (D_XOR == 1))
    assert np.all((h.outputs[k:] >= 0.5) == (D_XOR == 1))
    # in the hidden plane, a line separates the four points
    from perceptron_lib import is_linearly_separable
    assert is_linearly_separable(net.hidden(X_XOR), D_XOR)
    assert not is_linearly_separable(X_XOR, D_XOR)


def test_the_same_seed_gives_the_same_run():
    a = TinyNetwork(seed=5, epochs=50).fit(X_XOR, D_XOR).history_
    b = TinyNetwork(seed=5, epochs=50).fit(X_XOR, D_XOR).history_
    assert np.array_equal(a.W_hidden, b.W_hidden) and np.array_equal(a.loss, b.loss)
    c = TinyNetwork(seed=6, epochs=50).fit(X_XOR, D_XOR).history_
    assert not np.array_equal(a.W_hidden[0], c.W_hidden[0])


def first_stuck_seed(limit=100):
    """The first seed whose network does not learn XOR in its 1000 epochs."""
    for seed in range(limit):
        if TinyNetwork(seed=seed).fit(X_XOR, D_XOR).history_.solved_epoch is None:
            return seed
    raise AssertionError("no stuck seed found")


def test_a_stuck_seed_and_restarts():
    seed = first_stuck_seed()
    stuck = TinyNetwork(seed=seed).fit(X_XOR, D_XOR)
    h = stuck.history_
    # stuck: two inputs with different labels land on the same spot of the hidden plane,
    # the output sits at 0.5 for both, and the loss stays near 2 * (0.5^2 / 2) / 4
    H = h.hidden[-1]
    close = [(i, j) for i in range(4) for j in range(i + 1, 4)
             if np.abs(H[i] - H[j]).max() < 0.05 and D_XOR[i] != D_XOR[j]]
    assert close
    i, j = close[0]
    assert abs(h.outputs[-1, i] - 0.5) < 0.02 and abs(h.outputs[-1, j] - 0.5) < 0.02
    assert abs(h.loss[-1] - 0.0625) < 0.002
    # ... and ten times as many epochs do not get it out
    longer = TinyNetwork(seed=seed, epochs=10000).fit(X_XOR, D_XOR).history_
    assert longer.solved_epoch is None and abs(longer.loss[-1] - 0.0625) < 0.001
    # restarts: the first start is the stuck one, a later one learns XOR and is kept
    net = TinyNetwork(seed=seed, restarts=3).fit(X_XOR, D_XOR)
    assert net.final_losses_[0] == pytest.approx(h.loss[-1])
    assert net.best_start_ > 0 and min(net.final_losses_) < 0.01
    assert net.history_.solved_epoch is not None
    assert net.predict(X_XOR).tolist() == [0, 1, 1, 0]


def test_equal_hidden_neurons_stay_equal():
    """Start both hidden neurons with the same weights and they get the same slopes, every
    epoch: they stay twins, and the network cannot learn XOR. Random starts break the tie."""
    start = (np.array([[0.1, 0.5, -0.3], [0.1, 0.5, -0.3]]), np.array([0.2, 0.4, 0.4]))
    h = TinyNetwork(epochs=1000, start=start).fit(X_XOR, D_XOR).history_
    assert np.array_equal(h.W_hidden[:, 0], h.W_hidden[:, 1])
    assert h.solved_epoch is None


# --- one sigmoid neuron next to Rosenblatt's rule ----------------------------------------------

def test_the_delta_rule_on_and_compared_with_rosenblatt():
    X, d = gate("AND")
    p = Perceptron(2).fit(X, d)
    assert p.W.tolist() == [-3, 2, 1] and p.converged_epoch_ == 6
    n = SigmoidNeuron(2, lr=1, epochs=1000).fit(X, d)
    h = n.history_
    assert n.predict(X).tolist() == [0, 0, 0, 1]
    assert h.solved_epoch == 10
    assert np.all(np.diff(h.loss) < 0)                         # downhill every epoch
    # after every answer is right the delta rule keeps going, and the line moves away from
    # the points, towards the widest gap; the perceptron stops on a point (margin 0)
    assert margin(p.W, X, d) == 0
    widest = margin(max_margin_weights(X, d), X, d)
    assert 0.33 < margin(n.W, X, d) < widest
    assert margin(h.W[h.solved_epoch], X, d) < margin(n.W, X, d)


def test_one_delta_rule_step_by_hand():
    # W = 0, x = (1, 1), d = 1: y = 0.5, slope 0.25, so W moves by 1 * 0.5 * 0.25 * [1, 1, 1]
    n = SigmoidNeuron(2, lr=1, epochs=1).fit([[1, 1]], [1])
    assert n.W.tolist() == [0.125, 0.125, 0.125]
    m = SigmoidNeuron(2, lr=1, epochs=1, loss="log").fit([[1, 1]], [1])
    assert m.W.tolist() == [0.5, 0.5, 0.5]                     # Rosenblatt's form, y = 0.5
    again = SigmoidNeuron(2, lr=1, epochs=1, W0=[0.125, 0.125, 0.125]).fit([[1, 1]], [1])
    y = sigmoid(0.375)
    assert np.allclose(again.W, 0.125 + (1 - y) * y * (1 - y))


def test_the_neuron_leaves_the_callers_arrays_alone():
    X, d = gate("AND")
    X0, d0 = X.copy(), d.copy()
    W0 = np.array([0.5, -1.0, 1.0])
    n = SigmoidNeuron(2, W0=W0).fit(X, d)
    assert np.array_equal(X, X0) and np.array_equal(d, d0) and W0.tolist() == [0.5, -1, 1]
    assert np.array_equal(n.history_.W[0], W0)


# --- odd input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lr=0), ValueError, "greater than 0"),
    (dict(lr="fast"), TypeError, "learning rate"),
    (dict(epochs=0), ValueError, "at least 1"),
    (dict(epochs=2.5), TypeError, "whole number"),
    (dict(loss="cross"), ValueError, 'loss must be "squared" or "log"'),
    (dict(seed=-1), ValueError, "seed must be 0 or more"),
    (dict(seed=1.5), TypeError, "seed must be a whole number"),
    (dict(restarts=0), ValueError, "restarts must be at least 1"),
    (dict(scale=0), ValueError, "greater than 0"),
    (dict(scale="big"), TypeError, "scale"),
    (dict(start=5), TypeError, "start must be a pair"),
    (dict(start=(np.zeros((3, 3)), np.zeros(3))), ValueError, "need 2 rows"),
    (dict(start=(np.zeros((2, 3)), np.zeros(2))), ValueError, "must be 3 numbers"),
    (dict(start=(np.zeros((2, 3)), np.zeros(3)), restarts=2), ValueError, "leave restarts at 1"),
])
def test_network_settings_are_checked(kwargs, error, match):
    with pytest.raises(error, match=match):
        TinyNetwork(**kwargs)


@pytest.mark.parametrize("X, d, error, match", [
    ([0, 1, 1, 0], [0, 1, 1, 0], ValueError, "2-D"),
    ([[0, 0], [1, 1]], [0, 2], ValueError, "labels must be 0 or 1"),
    ([[0, 0], [1, 1]], [-1, 1], ValueError, r"\(d \+ 1\) // 2"),
    ([[0, 0], [1, 1]], [0, 1, 1], ValueError, "one label per row"),
    ([[0, np.nan], [1, 1]], [0, 1], ValueError, "NaN"),
    ([["a", "b"]], [0], TypeError, "not text"),
    (np.zeros((0, 2)), [], ValueError, "empty"),
])
def test_odd_data_gets_clear_messages(X, d, error, match):
    with pytest.raises(error, match=match):
        TinyNetwork(epochs=2).fit(X, d)
    with pytest.raises(error, match=match):
        SigmoidNeuron(2, epochs=2).fit(X, d)


def test_odd_use_gets_clear_messages():
    with pytest.raises(ValueError, match="not been trained yet"):
        TinyNetwork().predict(X_XOR)
    net = TinyNetwork(epochs=5).fit(X_XOR, D_XOR)
    with pytest.raises(ValueError, match="2 input"):
        net.predict([[0, 1, 1]])
    with pytest.raises(ValueError, match="2 input"):
        SigmoidNeuron(2).output([[1, 2, 3]])
    start = (np.zeros((2, 3)), np.array([0.0, 1, 1]))
    with pytest.raises(ValueError, match="smaller learning rate"):
        TinyNetwork(lr=1e20, epochs=5, start=start).fit(X_XOR * 1e300, D_XOR)
    with pytest.raises(ValueError, match="smaller learning rate"):
        SigmoidNeuron(2, lr=1e308, epochs=3).fit([[1e10, 1e10], [0, 0]], [1, 0])
    with pytest.raises(ValueError, match="NaN"):
        sigmoid(float("nan"))
    with pytest.raises(TypeError, match="not text"):
        sigmoid_slope("1")
    with pytest.raises(ValueError, match="shape"):
        TinyNetwork(start=(np.zeros((2, 3)), np.zeros(3))).fit([[0], [1]], [0, 1])


def test_other_input_sizes_work():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    d = np.array([0, 1, 1, 0])
    net = TinyNetwork(epochs=3000, seed=1).fit(X, d)
    assert net.W_hidden.shape == (2, 2)
    g = gradients(net.W_hidden, net.W_out, X, d)
    num = numerical_gradients(net.W_hidden.copy(), net.W_out.copy(), X, d, "squared")
    assert all(np.allclose(a, b, atol=1e-9, rtol=1e-5) for a, b in zip(g, num))


# --- findings: a misspelt loss, saturation, odd scale, plain lists ------------------------------

LEAKS = ("ufunc", "zip()", "could not convert", "truth value of an array", "high - low range",
         "OverflowError", "list indices")


def test_a_misspelt_loss_is_refused_not_replaced_by_the_log_loss():
    W_hidden, W_out = np.zeros((2, 3)), np.zeros(3)
    for call in (lambda: gradients(W_hidden, W_out, X_XOR, D_XOR, loss="squard"),
                 lambda: network_loss(W_hidden, W_out, X_XOR, D_XOR, loss="squard"),
                 lambda: loss_value([0.0], [1], loss="squard")):
        with pytest.raises(ValueError, match=r'loss must be "squared" or "log"; got \'squard\''):
            call()


@pytest.mark.parametrize("loss", ["squared", "log"])
def test_a_saturated_neuron_has_a_number_for_its_loss(loss):
    with np.errstate(invalid="raise"):
        n = SigmoidNeuron(1, loss=loss).fit([[1e308]], [1])
    assert np.isfinite(n.history_.loss).all() and n.history_.loss[-1] == 0.0
    assert loss_value([np.inf, -np.inf], [1, 0], "log") == 0.0      # sure and right
    assert loss_value([1e308], [0], "log") == 1e308                 # sure and wrong: large


@pytest.mark.parametrize("scale, error, match", [
    (1e308, ValueError, "at most 1,000,000: larger starting weights"),
    (np.inf, ValueError, "at most"),
    (float("nan"), ValueError, "greater than 0"), (10**400, ValueError, "at most 1,000,000"),
    (-1, ValueError, "greater than 0"), ([1], TypeError, "scale"),
])
def test_the_scale_of_the_starting_weights_is_checked(scale, error, match):
    with pytest.raises(error, match=match) as info:
        TinyNetwork(scale=scale)
    assert not any(leak in str(info.value) for leak in LEAKS)
    TinyNetwork(scale=1e6, epochs=2).fit(X_XOR, D_XOR)               # the largest allowed


def test_forward_and_gradients_take_plain_lists():
    W_hidden, W_out = [[-0.5, 1, 1], [1.5, -1, -1]], [-1.5, 1, 1]
    X, d = X_XOR.tolist(), D_XOR.tolist()
    H, z, y = forward(W_hidden, W_out, X)
    H2, z2, y2 = forward(np.array(W_hidden, float), np.array(W_out, float), X_XOR)
    assert np.array_equal(H, H2) and np.array_equal(z, z2) and np.array_equal(y, y2)
    g = gradients(W_hidden, W_out, X, d)
    g2 = gradients(np.array(W_hidden, float), np.array(W_out, float), X_XOR, D_XOR)
    assert np.array_equal(g[0], g2[0]) and np.array_equal(g[1], g2[1])
    assert g[0].dtype == float                   # int weights did not make int slopes
    arrays = np.array(W_hidden, float), np.array(W_out, float)
    assert network_loss(W_hidden, W_out, X, d) == network_loss(*arrays, X_XOR, D_XOR)


@pytest.mark.parametrize("call, error, match", [
    (lambda: loss_value(["a"], [1]), TypeError, "z .*not text"),
    (lambda: loss_value([0.5], ["a"]), TypeError, "labels d .*not text"),
    (lambda: loss_value([0.5, 1], [1]), ValueError, "z has 2 .* but d has 1 labels"),
    (lambda: loss_value(0.5, 1), ValueError, "one pre-activation per sample"),
    (lambda: loss_value([np.nan], [1]), ValueError, "z contains NaN"),
    (lambda: forward([[0, 1]] * 2, [0, 1, 1], [[1, 2]]), ValueError,
     r"W_hidden must have shape \(n_hidden, 3\), such as \(2, 3\)"),
    (lambda: forward([[0, 1, 1]], [0, 1, 1], [[1, 2]]), ValueError, "W_out must be 2 numbers"),
    (lambda: forward([[0, 1, 1]] * 2, [0, 1], [[1, 2]]), ValueError, "W_out must be 3 numbers"),
    (lambda: forward([["a", 1, 1]] * 2, [0, 1, 1], [[1, 2]]), TypeError, "W_hidden .*not text"),
    (lambda: forward([[0, 1, 1]] * 2, [0, 1, 1], [1, 2]), ValueError, "X must be 2-D"),
    (lambda: gradients([[0, 1, 1]] * 2, [0, 1, 1], [[1, 2]], [2]), ValueError, "0 or 1"),
])
def test_the_network_functions_explain_odd_input(call, error, match):
    with pytest.raises(error, match=match) as info:
        call()
    assert not any(leak in str(info.value) for leak in LEAKS)


_TRAIN_SPIRAL = """
import hashlib
from perceptron_lib import TinyNetwork
from perceptron_lib.data import make_curved
net = TinyNetwork(hidden=3, lr=5, epochs=300, loss="log").fit(*make_curved("spiral"))
h = net.history_
print(hashlib.sha256(h.W_hidden.tobytes() + h.W_out.tobytes() + h.outputs.tobytes()).hexdigest())
"""


def test_training_gives_the_same_bits_whatever_matrix_library_kernel_runs():
    """A long run magnifies a difference in the last bit, so training must not depend on
    how a BLAS library adds up a matrix product (each processor gets its own kernel: here
    OpenBLAS is told to use the oldest x86-64 one, then a recent one)."""
    import os
    import subprocess
    import sys

    seen = set()
    for core in ("Prescott", "Haswell"):
        out = subprocess.run([sys.executable, "-c", _TRAIN_SPIRAL], capture_output=True,
                             text=True, check=True, cwd=Path(__file__).resolve().parents[1],
                             env=dict(os.environ, OPENBLAS_CORETYPE=core))
        seen.add(out.stdout.strip())
    assert len(seen) == 1
