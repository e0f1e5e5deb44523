from fractions import Fraction

import numpy as np
import pytest

from perceptron_lib import (
    BOOLEAN_FUNCTION_NAMES,
    boolean_function,
    gate,
    iris_two_species,
    load_iris,
    make_noisy,
    make_separable,
    margin,
)


@pytest.mark.parametrize(
    "name, outputs",
    [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0]),
     ("NOR", [1, 0, 0, 0]), ("XOR", [0, 1, 1, 0]), ("XNOR", [1, 0, 0, 1])],
)
def test_gates_truth_tables(name, outputs):
    X, d = gate(name)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert d.tolist() == outputs
    assert gate(name.lower())[1].tolist() == outputs


def test_not_gate_has_one_input():
    X, d = gate("NOT")
    assert X.tolist() == [[0], [1]] and d.tolist() == [1, 0]


def test_gate_returns_fresh_arrays():
    X, d = gate("AND")
    X[0, 0] = 7
    d[0] = 1
    assert gate("AND")[0][0, 0] == 0 and gate("AND")[1][0] == 0


def test_unknown_gate_lists_valid_names():
    with pytest.raises(ValueError, match="unknown gate 'XAND'.*AND, OR, NAND, NOR, XOR, XNOR, NOT"):
        gate("XAND")
    with pytest.raises(TypeError, match="gate name must be text"):
        gate(3)


def test_sixteen_boolean_functions():
    tables = {tuple(boolean_function(k)[1]) for k in range(16)}
    assert len(tables) == 16
    for k, name in enumerate(BOOLEAN_FUNCTION_NAMES):
        if name in ("AND", "OR", "NAND", "NOR", "XOR", "XNOR"):
            assert boolean_function(k)[1].tolist() == gate(name)[1].tolist()
    with pytest.raises(ValueError, match="from 0 to 15"):
        boolean_function(16)
    with pytest.raises(TypeError):
        boolean_function(1.5)


def test_make_separable_has_its_margin_and_is_reproducible():
    X, d, W = make_separable(300, margin=0.2, seed=3, return_weights=True)
    assert X.shape == (300, 2) and set(d) == {0, 1}
    assert np.all(np.abs(X) <= 1)
    assert margin(W, X, d) >= 0.2 - 1e-12
    assert margin(W, X, d) == pytest.approx(0.2)       # the margin is exactly the one asked
    X2, d2 = make_separable(300, margin=0.2, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(d, d2)
    assert not np.array_equal(X, make_separable(300, margin=0.2, seed=4)[0])


def test_make_noisy_flips_the_asked_fraction():
    X, d = make_noisy(200, flip=0.1, seed=5)
    X0, d0 = make_separable(200, margin=0.0, seed=np.random.default_rng(5).integers(2**32))
    assert np.array_equal(X, X0)
    assert np.count_nonzero(d != d0) == 20


@pytest.mark.parametrize("kwargs, match", [
    (dict(n=1), "at least 2"), (dict(n=10, margin=0.9), "between 0 and 0.5"),
    (dict(n="10"), "whole number")])
def test_make_separable_bad_input(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make_separable(**kwargs)


def test_make_noisy_bad_flip():
    with pytest.raises(ValueError, match="fraction"):
        make_noisy(10, flip=1.5)


def test_iris_is_shipped_and_complete():
    iris = load_iris()
    assert iris.data.shape == (150, 4)
    assert np.bincount(iris.target).tolist() == [50, 50, 50]
    assert iris.target_names == ("setosa", "versicolor", "virginica")
    assert iris.data[0].tolist() == [5.1, 3.5, 1.4, 0.2]


def test_iris_two_species():
    X, d = iris_two_species("setosa", "versicolor", features=("sepal length", "petal length"))
    assert X.shape == (100, 2) and d.sum() == 50
    with pytest.raises(ValueError, match="unknown species 'rose'"):
        iris_two_species("rose")
    with pytest.raises(ValueError, match="unknown measurement"):
        iris_two_species(features=("stem",))


@pytest.mark.parametrize("call, error, match", [
    (lambda: make_separable(10, seed="abc"), TypeError, "seed must be a whole number"),
    (lambda: make_separable(10, seed=1.5), TypeError, "seed must be a whole number"),
    (lambda: make_separable(10, seed=-1), ValueError, "seed must be 0 or more"),
    (lambda: make_noisy(10, seed="abc"), TypeError, "seed must be a whole number"),
    (lambda: make_separable(10, margin="0.1"), TypeError, "margin .* must be a number"),
    (lambda: make_separable(10, margin=float("nan")), ValueError, "between 0 and 0.5"),
    (lambda: make_noisy(10, flip=True), TypeError, "flip .* must be a number"),
    (lambda: iris_two_species(features=3), TypeError, "features must be a measurement name"),
])
def test_data_messages_name_the_argument(call, error, match):
    with pytest.raises(error, match=match) as info:
        call()
    assert "SeedSequence" not in str(info.value) and "not iterable" not in str(info.value)


def test_fractions_are_fine_as_margin_and_flip():
    X, d = make_separable(50, margin=Fraction(1, 10), seed=2)
    assert np.array_equal(X, make_separable(50, margin=0.1, seed=2)[0])
    assert np.array_equal(make_noisy(50, flip=Fraction(1, 10), seed=2)[1],
                          make_noisy(50, flip=0.1, seed=2)[1])
    assert np.array_equal(make_separable(20, seed=np.int64(3))[0], make_separable(20, seed=3)[0])
