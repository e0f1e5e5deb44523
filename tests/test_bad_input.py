"""Bad input gets a message a beginner can act on, and the caller's data stay untouched."""

import datetime
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from perceptron_lib import (
    Perceptron,
    SigmoidNeuron,
    TinyNetwork,
    decision_line,
    gate,
    iris_two_species,
    margin,
    require,
    step,
)


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


# --- every message names the argument and what to do, never NumPy's or Python's internals ------

INTERNALS = ("ufunc", "SeedSequence", "could not convert", "setting an array element",
             "inhomogeneous", "dtype", "Traceback")


def _and_history():
    return Perceptron(2).fit(*gate("AND")).history_


def _trained():
    return Perceptron(2).fit(*gate("AND"))


@pytest.mark.parametrize("call, error, match", [
    (lambda: Perceptron(2, shuffle=True, seed="abc"), TypeError, "seed must be a whole number"),
    (lambda: Perceptron(2, shuffle=True, seed=1.5), TypeError, "seed must be a whole number"),
    (lambda: Perceptron(2, shuffle=True, seed=-1), ValueError, "seed must be 0 or more"),
    (lambda: Perceptron(2, seed=True), TypeError, "seed must be a whole number"),
    (lambda: Perceptron(2, epochs=2.5), TypeError, "epochs must be a whole number"),
    (lambda: Perceptron(2, epochs="5"), TypeError, "epochs must be a whole number"),
    (lambda: Perceptron(2, epochs=10.0), TypeError, "epochs must be a whole number"),
    (lambda: Perceptron(2, epochs=True), TypeError, "epochs must be a whole number"),
    (lambda: Perceptron(2.0), TypeError, "input_size .* must be a whole number"),
    (lambda: Perceptron(2, lr=float("nan")), ValueError, "lr .* greater than 0"),
    (lambda: Perceptron(2, lr=float("inf")), ValueError, "lr .* finite"),
    (lambda: Perceptron(2, lr=1j), TypeError, "lr .* must be a number"),
    (lambda: Perceptron(2, lr=True), TypeError, "lr .* must be a number"),
    (lambda: Perceptron(2, shuffle="no"), TypeError, "shuffle must be True or False"),
    (lambda: Perceptron(2, record_history=None), TypeError, "record_history must be True"),
    (lambda: Perceptron(2, W0=[0, 1]), ValueError, r"W0 must be 3 numbers \[b, w1, w2\]"),
    (lambda: Perceptron(2, W0=[0, np.nan, 1]), ValueError, "W0 contains NaN"),
    (lambda: Perceptron(2, W0=["a", 1, 1]), TypeError, "W0 must be numbers, not text"),
    (lambda: _trained().predict([[1, 1], [1]]), ValueError,
     "every row of X needs the same number of values.*row 0 has 2 but row 1 has 1"),
    (lambda: _trained().predict(np.zeros((0, 2))), ValueError,
     "X is empty: give at least one sample to predict"),
    (lambda: _trained().predict([]), ValueError, "X is empty: give at least one sample to predict"),
    (lambda: _trained().predict(0.5), ValueError, "has 2 inputs, so one sample is a list of 2"),
    (lambda: Perceptron(1).predict([0.5, 0.7]), ValueError, r"np.reshape\(x, \(-1, 1\)\)"),
    (lambda: Perceptron(2).fit(np.zeros((3, 0)), [0, 1, 0]), ValueError, "X has no columns"),
    (lambda: Perceptron(2).fit([[0, 1], [1, 1]], [0, 1.0000000001]), ValueError,
     r"labels must be 0 or 1; got 1\.0000000001"),
    (lambda: Perceptron(2).fit([[1 + 2j, 0], [1, 1]], [0, 1]), TypeError,
     "X holds complex numbers"),
    (lambda: Perceptron(2).fit(np.array([["2024-01-01", "2024-01-02"]], dtype="datetime64[D]"),
                               [1]), TypeError, "X holds dates or times"),
    (lambda: Perceptron(2).fit([[datetime.date(2024, 1, 1), 1]], [1]), TypeError,
     "X must hold real numbers only; found .*date.* at row 0, column 0"),
    (lambda: Perceptron(2).fit([[None, 1]], [1]), TypeError, "found None"),
    (lambda: Perceptron(2).fit([[10**400, 1]], [1]), ValueError, "too large for floating point"),
    (lambda: Perceptron(2).fit([["1", "2"]], [1]), TypeError, "must be numbers, not text"),
    (lambda: Perceptron(2).fit([[0, 1]], ["yes"]), TypeError, "labels d must be numbers, not text"),
    (lambda: Perceptron(2).fit([[0, 1]], [1j]), TypeError, "labels d holds complex"),
    (lambda: Perceptron(2).score(np.zeros((0, 2)), []), ValueError, "sample to score"),
    (lambda: decision_line(["a", 1, 1]), TypeError, "W must be numbers, not text"),
    (lambda: decision_line([1, 1]), ValueError, r"W must be 3 numbers"),
    (lambda: margin([0, 1, 1], [[0, 1], [1]], [0, 1]), ValueError, "every row of X"),
    (lambda: _and_history().W_at(2.5), TypeError, "position must be a whole number from 0 to 24"),
    (lambda: _and_history().W_at("3"), TypeError, "position must be a whole number"),
    (lambda: _and_history().W_at(-1), IndexError, "position must be from 0 to 24; got -1"),
    (lambda: _and_history().epoch_of_position(999), IndexError, "from 0 to 24; got 999"),
    (lambda: _and_history().epoch_of_position(-3), IndexError, "got -3"),
    (lambda: _and_history().mistakes_until(25), IndexError, "from 0 to 24"),
    (lambda: _and_history().mistakes_until(1.0), TypeError, "whole number"),
    (lambda: _and_history().epoch_start(0), IndexError, "epoch must be from 1 to 6"),
    (lambda: _and_history().epoch_end_position(7), IndexError, "epoch must be from 0 to 6"),
    (lambda: _and_history()["1"], TypeError, "indexed by a step number"),
    (lambda: step("a"), TypeError, "step\\(z\\) must be numbers, not text"),
    (lambda: step(1 + 2j), TypeError, "step\\(z\\) holds complex"),
    (lambda: step(True), TypeError, "not True/False"),
    (lambda: step([Fraction(1, 2), "a"]), TypeError, "real numbers only"),
    (lambda: step(Decimal("NaN")), ValueError, "NaN"),
    (lambda: Perceptron(2, lr=1e308).fit(*gate("AND")), ValueError,
     "overflowed.*largest floating-point number.*smaller learning rate.*scale X"),
])
def test_clear_messages(call, error, match):
    with pytest.raises(error, match=match) as info:
        call()
    message = str(info.value)
    assert not any(word in message for word in INTERNALS), message


@pytest.mark.parametrize("call, expected", [
    (lambda: step(Fraction(-1, 2)), 0),
    (lambda: step(Fraction(0)), 1),
    (lambda: step(Decimal("-0.1")), 0),
    (lambda: step(Decimal("0")), 1),
    (lambda: step(np.float32(-0.0)), 1),
    (lambda: step([Fraction(1, 3), Fraction(-1, 3), Decimal("0")]).tolist(), [1, 0, 1]),
    (lambda: Perceptron(1).fit(*gate("NOT")).predict(0.5), 0),
    (lambda: Perceptron(1).fit(*gate("NOT")).predict(Fraction(-1, 2)), 1),
    (lambda: Perceptron(1).fit(*gate("NOT")).predict([0.0]), 1),
    (lambda: Perceptron(2, lr=Fraction(1, 2)).fit(*gate("AND")).W.tolist(), [-1.5, 1.0, 0.5]),
    (lambda: Perceptron(2, lr=Decimal("0.5")).lr, 0.5),
    (lambda: Perceptron(2, epochs=np.int64(3)).epochs, 3),
    (lambda: Perceptron(2, shuffle=True, seed=np.uint8(7)).seed, 7),
    (lambda: Perceptron(2).fit([[False, True], [True, True]], [0, 1]).score([[0, 1], [1, 1]],
                                                                          [0, 1]), 1.0),
    (lambda: Perceptron(2).fit([[Fraction(1, 2), Decimal("1")], [0, 0]], [1, 0]).W.tolist(),
     [-1.0, 0.5, 1.0]),
])
def test_natural_input_just_works(call, expected):
    result = call()
    assert result == expected and type(result) is type(expected)


def test_bad_input_leaves_the_perceptron_as_it_was():
    p = Perceptron(2).fit(*gate("AND"))
    W, history = p.W.copy(), p.history_
    for X, d in (([[0, 1], [1]], [0, 1]), ([[0, 1]], [2]), ([[1 + 1j, 0]], [1])):
        with pytest.raises((TypeError, ValueError)):
            p.fit(X, d)
        with pytest.raises((TypeError, ValueError)):
            p.partial_fit(X, d)
    assert np.array_equal(p.W, W) and p.history_ is history


def test_setting_W_is_checked_and_copied():
    p = Perceptron(2)
    mine = np.array([1.0, 2.0, 3.0])
    p.W = mine
    mine[0] = 99
    assert p.W.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match="W must be 3 numbers"):
        p.W = [1, 2]
    with pytest.raises(ValueError, match="W contains NaN"):
        p.W = [1, np.inf, 2]


@pytest.mark.parametrize("call, error, match", [
    (lambda: decision_line([1, 1, 1], xlim=1.5), TypeError, r"xlim must be a pair \(low, high\)"),
    (lambda: decision_line([1, 1, 1], xlim="ab"), TypeError, "xlim must be two numbers"),
    (lambda: decision_line([1, 1, 1], ylim=(1, 0)), ValueError, "ylim must be .* low < high"),
    (lambda: decision_line([1, 1, 1], xlim=(0, np.inf)), ValueError, "finite"),
    (lambda: iris_two_species(np.zeros(2)), ValueError, "unknown species"),
    (lambda: require([0, 1]), ValueError, "require\\(\\) needs a version"),
    (lambda: Perceptron(2).fit([[0, 1]], None), TypeError, "labels d must be numbers; got None"),
])
def test_more_clear_messages(call, error, match):
    with pytest.raises(error, match=match) as info:
        call()
    assert not any(word in str(info.value) for word in INTERNALS)


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR_D = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("epochs", [10**9, 10**20, 1_000_001])
def test_a_huge_epochs_is_refused_before_anything_is_allocated(epochs):
    """epochs=10**9 on XOR once filled 22 GB and the system stopped the kernel; now every
    model refuses it at once, with the way out."""
    for make in (lambda: Perceptron(2, epochs=epochs), lambda: SigmoidNeuron(2, epochs=epochs),
                 lambda: TinyNetwork(epochs=epochs)):
        with pytest.raises(ValueError, match="epochs must be at most 1,000,000") as err:
            make()
        assert "a few hundred epochs are usually plenty" in str(err.value)
    p = Perceptron(2)
    p.epochs = epochs                       # set after the model was made
    with pytest.raises(ValueError, match="epochs must be at most"):
        p.fit(XOR_X, XOR_D)


def test_a_record_too_big_for_memory_is_refused_with_the_way_out():
    X = np.tile(XOR_X, (500, 1))            # 2,000 samples
    d = np.tile(XOR_D, 500)
    p = Perceptron(2, epochs=5_000)         # up to 10,000,000 visits to record
    with pytest.raises(ValueError) as err:
        p.fit(X, d)
    message = str(err.value)
    assert "at most 2,500 here" in message and "record_history=False" in message
    assert p.history_ is None and p.mistakes_per_epoch_ == []
    quiet = Perceptron(2, epochs=5_000, record_history=False).fit(X[:4], d[:4])
    assert len(quiet.mistakes_per_epoch_) == 5_000          # XOR never converges
    # the largest record allowed: XOR's cycle copied to a million epochs (4,000,000 visits)
    big = Perceptron(2, epochs=1_000_000).fit(XOR_X, XOR_D)
    assert big.history_.n_epochs == 1_000_000


@pytest.mark.parametrize("call, error, words", [
    (lambda: Perceptron(2).fit([[Decimal("sNaN"), 1]], [1]), ValueError,
     "holds Decimal('sNaN') at row 0, column 0, which is not a number"),
    (lambda: Perceptron(2, lr=10**400), ValueError,
     "must be a finite number; got a whole number with 401 digits"),
    (lambda: Perceptron(2).predict(np.array(1.0)), ValueError,
     "One sample is a list of 2 numbers: [[x1, x2]]"),
    (lambda: Perceptron(64).predict(np.array(1.0)), ValueError, "[[x1, ..., x64]]"),
    (lambda: TinyNetwork(start=np.zeros((2, 3))), TypeError,
     "start must be a pair (W_hidden, W_out)"),
    (lambda: TinyNetwork(start=[[0, 0, 0], [0, 0, 0]]), TypeError,
     "one array rather than a pair"),
])
def test_third_review_messages_name_the_argument_and_the_way_out(call, error, words):
    with pytest.raises(error) as err:
        call()
    message = str(err.value)
    assert words in message, message
    assert len(message) < 400 and "signaling" not in message and "0000000000" not in message


def test_a_made_up_data_set_of_a_billion_points_is_refused_at_once():
    from perceptron_lib import make_noisy, make_separable
    for make in (make_noisy, make_separable):
        with pytest.raises(ValueError, match=r"n must be at most 1,000,000 points; got "
                                             r"1,000,000,000"):
            make(10**9)
    assert len(make_noisy(1000, seed=0)[0]) == 1000
