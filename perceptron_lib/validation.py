"""Checks on the numbers a learner passes in, one place for the library and the explorers.

Each check returns the value as the library uses it, or raises a TypeError or ValueError whose
message names the argument and says what to give instead, in words a beginner can act on
(never NumPy's or Python's own). The caller's value is never changed.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal

import numpy as np

from .style import format_number as fmt

__all__ = ["MAX_EPOCHS", "MAX_POINTS", "is_real_number", "whole_number", "epochs",
           "number_between", "flag", "learning_rate", "seed", "point_count", "slider_value",
           "brief", "as_floats", "check_X", "check_labels", "check_weights"]

# A typo such as epochs=10**9 must not fill the memory of a shared machine (and have the
# system stop the kernel): a model trains for at most MAX_EPOCHS epochs.
MAX_EPOCHS = 1_000_000
# More points than this would fill a shared machine's memory (16 bytes each, and the
# explorers draw and record them): a made-up data set has at most a million points.
MAX_POINTS = 1_000_000


def is_real_number(value):
    """True for one real number: int, float, Fraction, Decimal or a NumPy number (not bool)."""
    return (isinstance(value, (numbers.Real, Decimal))
            and not isinstance(value, (bool, np.bool_)))


def _whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def whole_number(value, name, low, high=None, example=None, too_far=ValueError):
    """``value`` as an int, at least ``low`` (and at most ``high``); ``too_far`` is the error
    for a whole number out of range (IndexError for a position)."""
    if not _whole(value):
        if high is None:
            raise TypeError(f"{name} must be a whole number (an int such as {example}); "
                            f"got {value!r}.")
        raise TypeError(f"{name} must be a whole number from {low} to {high}; got {value!r}.")
    if high is None and value < low:
        raise too_far(f"{name} must be at least {low}; got {value}.")
    if high is not None and not low <= value <= high:
        raise too_far(f"{name} must be from {low} to {high}; got {value}.")
    return int(value)


def epochs(value, example):
    """The number of epochs: a whole number from 1 to MAX_EPOCHS."""
    n = whole_number(value, "epochs", 1, example=example)
    if n > MAX_EPOCHS:
        raise ValueError(f"epochs must be at most {MAX_EPOCHS:,}; got {n:,}. Training "
                         f"stops by itself at the first epoch without a mistake, so a few "
                         f"hundred epochs are usually plenty (e.g. epochs={example}).")
    return n


def number_between(value, name, low, high, example, above_low=False):
    """A number from ``low`` (or, with ``above_low``, above it) to ``high``, as a float."""
    if not is_real_number(value):
        raise TypeError(f"{name} must be a number such as {example}; got {value!r}.")
    number = float(value)
    if above_low:
        if not (math.isfinite(number) and low < number <= high):
            raise ValueError(f"{name} must be greater than {low} and at most {high}; got "
                             f"{fmt(number) if math.isfinite(number) else number}.")
    elif not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}; got {value}.")
    return number


def flag(value, name):
    """True or False (1 and 0 too)."""
    if not isinstance(value, (bool, np.bool_, numbers.Integral)) or value not in (0, 1):
        raise TypeError(f"{name} must be True or False; got {value!r}.")
    return bool(value)


def brief(number):
    """A number for a message: a whole number of hundreds of digits is named by its size."""
    if isinstance(number, numbers.Integral) and abs(int(number)) >= 10**20:
        return f"a whole number with {len(str(abs(int(number))))} digits"
    return repr(number) if isinstance(number, float) else str(number)


def learning_rate(lr):
    """The learning rate as an int or float > 0 (Fractions and Decimals become floats)."""
    if not is_real_number(lr):
        raise TypeError(f"lr (the learning rate) must be a number such as 1 or 0.1; "
                        f"got {lr!r}.")
    if lr != lr or not lr > 0:
        raise ValueError(f"lr (the learning rate) must be greater than 0; got {lr}.")
    try:
        value = float(lr)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"lr (the learning rate) must be a finite number; got {brief(lr)}.")
    if value == 0:
        raise ValueError(f"lr (the learning rate) {lr} is too small for floating point "
                         f"(it rounds to 0); use a larger one.")
    return lr if type(lr) in (int, float) else value


def seed(value):
    """A seed for ``numpy.random.default_rng``: None or a whole number >= 0."""
    if value is None:
        return None
    if not _whole(value):
        raise TypeError(f"seed must be a whole number such as 0 or 42 (or None for a "
                        f"different result every time); got {value!r}.")
    if value < 0:
        raise ValueError(f"seed must be 0 or more; got {value}.")
    return int(value)


def point_count(n, name="n", minimum=2):
    """How many points to make: a whole number from ``minimum`` to MAX_POINTS."""
    if not _whole(n):
        raise TypeError(f"{name} must be a whole number of points; got {n!r}.")
    if n < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {n}.")
    if n > MAX_POINTS:
        raise ValueError(f"{name} must be at most {MAX_POINTS:,} points; got {n:,}. A few "
                         f"hundred points show everything these data sets have to show.")
    return int(n)


def slider_value(value, name, low, high):
    """A number a person sets on a slider: a finite number within the slider's range."""
    if not isinstance(value, (numbers.Real, np.number)) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number; got {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}.")
    if not low <= value <= high:
        raise ValueError(f"{name} = {fmt(value)} is outside its slider's range, {fmt(low)} to "
                         f"{fmt(high)}: choose a value in that range.")
    return value


# --- checking input at the door ----------------------------------------------------------------

def _where(index, name):
    if len(index) == 2:
        return f"row {index[0]}, column {index[1]}"
    if len(index) == 1:
        return f"position {index[0]} of {name}"
    return name


def _rows_of_different_lengths(values, name):
    """The message for a list of rows that are not all equally long."""
    if isinstance(values, (list, tuple)) and len(values) > 0:
        lengths = [len(row) if isinstance(row, (list, tuple, np.ndarray)) else 1
                   for row in values]
        for k, length in enumerate(lengths):
            if length != lengths[0]:
                return (f"every row of {name} needs the same number of values (one per input); "
                        f"row 0 has {lengths[0]} but row {k} has {length}.")
    return (f"{name} must be numbers arranged as a table (one row per sample, the same number "
            f"of values in every row); got {values!r:.60}.")


def as_floats(values, name, exact=False):
    """``values`` as a new float array, or a TypeError/ValueError that names ``name``.

    Text, complex numbers, dates and other objects are refused, never guessed at; True and
    False count as 1 and 0. With ``exact=True`` (for step) Fractions and Decimals are kept as
    they are (an object array) and True/False are refused.
    """
    try:
        raw = np.asarray(values)
    except (ValueError, TypeError):
        raise ValueError(_rows_of_different_lengths(values, name)) from None
    kind = raw.dtype.kind
    if kind == "b" and exact or isinstance(values, (bool, np.bool_)):
        raise TypeError(f"{name} needs numbers, not True/False.")
    if kind in "biuf":
        return raw.astype(float)          # always a new array: the caller's data stay theirs
    if kind == "c":
        raise TypeError(f"{name} holds complex numbers such as {raw.flat[0]!r}; the perceptron "
                        f"works with real numbers only.")
    if kind in "mM":
        raise TypeError(f"{name} holds dates or times; turn them into numbers first (for "
                        f"example, days since the first date).")
    if kind in "US":
        raise TypeError(f"{name} must be numbers, not text; got {values!r:.60}. Convert the "
                        f"text to numbers first, e.g. with float(...).")
    if kind != "O":
        raise TypeError(f"{name} must hold numbers; got values of type {raw.dtype}.")
    if raw.ndim == 0 and not is_real_number(values):
        raise TypeError(f"{name} must be numbers; got {values!r:.40}.")
    out = np.empty(raw.shape, dtype=object if exact else float)
    for index, value in np.ndenumerate(raw):
        if not is_real_number(value):
            raise TypeError(f"{name} must hold real numbers only; found {value!r:.40} at "
                            f"{_where(index, name)}.")
        try:
            out[index] = value if exact else float(value)
        except OverflowError:
            raise ValueError(f"{name} holds a number too large for floating point at "
                             f"{_where(index, name)}.") from None
        except ValueError:          # Decimal('sNaN'): a "signalling" not-a-number
            raise ValueError(f"{name} holds {value!r:.40} at {_where(index, name)}, which is "
                             f"not a number: give real numbers.") from None
    return out


def _show(value):
    """A number as a learner would type it: 2 rather than 2.0, all digits of 1.0000000001."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def check_X(X, name="X", n_inputs=None, task="learn from"):
    """Return X as a new 2-D float array, or raise an error a beginner can act on.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_inputs)
        Real numbers, one row per sample.
    name : str, default "X"
        How the messages call X.
    n_inputs : int, optional
        The number of columns X must have.
    task : str, default "learn from"
        What the samples are for, used in the message for empty X ("predict", ...).

    Returns
    -------
    ndarray of float, shape (n_samples, n_inputs)
        A new array; X itself is never changed.
    """
    arr = as_floats(X, name)
    if (arr.ndim < 2 and arr.size == 0) or (arr.ndim == 2 and arr.shape[0] == 0):
        raise ValueError(f"{name} is empty: give at least one sample to {task}.")
    if arr.ndim == 0:
        if n_inputs is None or n_inputs == 1:
            advice = f"For one sample use [[{_show(arr)}]]."
        else:
            inputs = "x1, x2" if n_inputs == 2 else f"x1, ..., x{n_inputs}"
            advice = f"One sample is a list of {n_inputs} numbers: [[{inputs}]]."
        raise ValueError(f"{name} must be 2-D, one row per sample; got the single number "
                         f"{_show(arr)}. {advice}")
    if arr.ndim == 1:
        raise ValueError(
            f"{name} must be 2-D, one row per sample; got a 1-D array of {arr.size} values. "
            f"For one sample with these inputs use [{name}] or {name}.reshape(1, -1); for "
            f"one input per sample use {name}.reshape(-1, 1)."
        )
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D, one row per sample; got shape {arr.shape}.")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} has no columns: every sample needs at least one input value.")
    if n_inputs is not None and arr.shape[1] != n_inputs:
        raise ValueError(
            f"this perceptron has {n_inputs} input(s) but {name} has {arr.shape[1]} column(s). "
            f"Make Perceptron(input_size={arr.shape[1]}) or pass only {n_inputs} column(s)."
        )
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{name} contains NaN or infinity (first at row {bad[0]}, column {bad[1]}); "
            f"remove or fill those samples first."
        )
    return arr


def check_labels(d, n_samples=None):
    """Return labels as a new 1-D int array of 0/1, or raise an error a beginner can act on.

    Parameters
    ----------
    d : array_like, shape (n_samples,)
        The desired outputs, 0 or 1.
    n_samples : int, optional
        The number of labels needed (one per row of X).
    """
    arr = as_floats(d, "labels d")
    if arr.ndim != 1:
        raise ValueError(f"labels d must be a 1-D list of 0s and 1s; got shape {arr.shape}.")
    if n_samples is not None and len(arr) != n_samples:
        raise ValueError(
            f"X has {n_samples} samples but d has {len(arr)} labels: give one label per row of X."
        )
    if np.isnan(arr).any():
        raise ValueError("labels d contain NaN; every sample needs a label 0 or 1.")
    bad = np.flatnonzero((arr != 0) & (arr != 1))
    if bad.size:
        hint = ""
        if set(np.unique(arr)) <= {-1.0, 1.0}:
            hint = " Your labels look like -1/+1: convert them with (d + 1) // 2."
        raise ValueError(f"labels must be 0 or 1; got {_show(arr[bad[0]])} (label of sample "
                         f"{bad[0]}).{hint}")
    return arr.astype(int)


def check_weights(W, input_size, name="W"):
    """Return weights ``[b, w1, ..., wn]`` (n = input_size) as a new float array, or raise an
    error a beginner can act on."""
    arr = as_floats(W, name)
    if arr.shape != (input_size + 1,):
        got = f"{arr.size} number(s)" if arr.ndim == 1 else f"shape {arr.shape}"
        names = ", ".join(["b"] + [f"w{i}" for i in range(1, input_size + 1)]) \
            if input_size <= 3 else f"b, w1, ..., w{input_size}"
        raise ValueError(f"{name} must be {input_size + 1} numbers [{names}] (the bias first, "
                         f"then one weight per input); got {got}.")
    if not np.isfinite(arr).all():
        k = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"{name} contains NaN or infinity (at position {k}); give finite "
                         f"numbers.")
    return arr
