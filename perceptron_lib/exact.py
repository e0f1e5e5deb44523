"""Numbers a person sets, judged exactly.

A learner who sets w1 = 0.6, w2 = 0.3 and b = -0.9 has put the point (1, 1) exactly on the
line: 0.6 + 0.3 - 0.9 = 0, and step(0) = 1. Floating point disagrees (it gets -1.1e-16),
because 0.6, 0.3 and 0.9 have no exact binary form. So where a person types or slides the
numbers (the boundary and neuron explorers, the gate-weight exercises), the course reads each
number as the decimal it shows (0.6 means exactly 6/10) and computes z with fractions.

Training does not do this: it follows the textbook floating-point loop, bit for bit.
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from fractions import Fraction

import numpy as np

__all__ = ["as_decimal", "exact_sum", "fires"]


def as_decimal(value, name="the value"):
    """The exact number a person meant, as a Fraction.

    A float is read as the shortest decimal that prints as it (``0.1`` means 1/10, not the
    binary number closest to it); ints, Fractions and Decimals are taken as they are.
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number, not True/False.")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (numbers.Integral, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (Decimal, float, np.floating, numbers.Real)):
        number = float(value) if not isinstance(value, Decimal) else value
        if not np.isfinite(float(number)):
            raise ValueError(f"{name} must be a finite number; got {value!r}.")
        return Fraction(number) if isinstance(number, Decimal) else Fraction(repr(number))
    raise TypeError(f"{name} must be a number; got {value!r}.")


def exact_sum(weights, inputs, bias=0):
    """``bias + w1*x1 + ... + wn*xn`` computed exactly, as a Fraction."""
    total = as_decimal(bias, "the bias")
    for w, x in zip(weights, inputs, strict=True):
        total += as_decimal(w, "a weight") * as_decimal(x, "an input")
    return total


def fires(z):
    """step(z) for an exact z: 1 when z >= 0 (z = 0 fires), else 0."""
    return 1 if z >= 0 else 0
