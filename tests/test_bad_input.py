"""Bad input gets a message a beginner can act on, and the caller's data stay untouched."""

import numpy as np
import pytest

from perceptron_lib import Perceptron, gate, step


@pytest.mark.parametrize("X, d, match", [
    ([0, 1, 1], [0, 1, 1], "must be 2-D, one row per sample.*reshape"),
    ([[0, 1], [1, 1]], [0, 1, 1], "X has 2 samples but d has 3 labels"),
    ([[0, 1, 1]], [1], "this perceptron has 2 input.*has 3 column"),
    ([[0, 1], [1, 1]], [-1, 1], r"labels must be 0 or 1; got -1.*\(d \+ 1\) // 2"),
    ([[0, 1], [1, 1]], [0, 2], "labels must be 0 or 1; got 2"),
    ([[0, np.nan], [1, 1]], [0, 1], "NaN or infinity.*row 0, column 1"),
    ([[0, np.inf], [1, 1]], [0, 1], "NaN or infinity"),
    ([[0, 1], [1, 1]], [0, np.nan], "labels d contain NaN"),
    (np.zeros((0, 2)), [], "empty"),
    ([["a", "b"]], [0], "must be numbers"),
    ([[0, 1]], [[1]], "1-D list of 0s and 1s"),
])
def test_fit_rejects_bad_data(X, d, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Perceptron(2).fit(X, d)


@pytest.mark.parametrize("kwargs, match", [
    (dict(input_size=2, lr=0), "greater than 0"),
    (dict(input_size=2, lr=-1), "greater than 0"),
    (dict(input_size=2, lr="fast"), "lr .* must be a number"),
    (dict(input_size=2, epochs=0), "epochs must be at least 1"),
    (dict(input_size=2, epochs=2.5), "epochs must be a whole number"),
    (dict(input_size=0), "at least 1"),
])
def test_bad_settings(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Perceptron(**kwargs)


def test_predict_checks_width():
    p = Perceptron(2).fit(*gate("AND"))
    with pytest.raises(ValueError, match="has 2 input"):
        p.predict([1, 1, 1])
    with pytest.raises(ValueError, match="NaN"):
        p.predict([np.nan, 1])


def test_step_rejects_nan_and_text():
    with pytest.raises(ValueError, match="NaN"):
        step(float("nan"))
    with pytest.raises(TypeError):
        step(np.array(["a"]))


def test_callers_arrays_are_not_modified():
    X, d = gate("AND")
    X = X.astype(float)
    Xc, dc = X.copy(), d.copy()
    p = Perceptron(2).fit(X, d)
    p.predict(X)
    p.score(X, d)
    p.partial_fit(X, d)
    assert np.array_equal(X, Xc) and np.array_equal(d, dc)
    # and the model does not keep a view of them
    X[0, 0] = 99
    assert p.history_[0].x.tolist() == [0.0, 0.0]
