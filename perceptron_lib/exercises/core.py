"""The machinery of the exercises: the Exercise class, reading answers, and checkers.

A checker takes the learner's answer and returns ``(ok, message)``. The checkers here are
general (a number, a list of numbers, a choice, a function compared with a reference); each
notebook's file builds its questions from them.
"""

from __future__ import annotations

import ast
import copy
import inspect
import numbers
import re
import traceback
from fractions import Fraction

import numpy as np

from ..data import BOOLEAN_FUNCTION_NAMES
from ..exact import exact_sum, fires
from ..style import format_number as _fmt

__all__ = ["Exercise", "number", "vector", "choice", "truth", "gate_weights", "function_of",
           "inequality", "condition", "table", "species_pair", "read_vector", "as_numbers",
           "as_typed", "raised", "bias_first", "bias_last", "INPUTS", "NOT_ANSWERED",
           "TOO_LARGE", "FLOAT_LIMIT"]

NOT_ANSWERED = "not answered yet"


def _blank(answer):
    return answer is ... or answer is None or (isinstance(answer, str) and not answer.strip())


def _stub():
    ...


def _is_stub(f):
    """True for a function whose body is only ``...`` (or ``pass``): not written yet."""
    code = getattr(f, "__code__", None)
    return code is not None and code.co_code == _stub.__code__.co_code


_FIRST_WORD = re.compile(r"([a-z]+)(?=[\s,:;]|$)")


def _sentence(message):
    """The message as a sentence after "not quite." or "correct!": its first word capitalised
    ("the order matters" -> "The order matters"), unless that word is maths or code (z, e,
    x0, np.argmax, update(...)), which keeps its case."""
    word = _FIRST_WORD.match(message)
    if word and (len(word.group(1)) > 1 or word.group(1) == "a"):
        return message[:1].upper() + message[1:]
    return message


class Exercise:
    """One "check your understanding" question.

    Parameters
    ----------
    name, question : str
    checker : callable
        ``checker(answer)`` returns ``(ok, message)``.
    hint, explanation : str
    answer_code : str
        A right answer exactly as a learner would type it in the notebook's answer cell.
    wrong_code : list of (str, str)
        Typical wrong answers as code, each with a piece of text its message must contain.
    examples : list of (answer, str)
        More answers (odd types, equivalent forms) with what ``check`` must say: "correct",
        or a piece of the message.
    before : str
        Code of earlier answer cells that this answer calls (8.5's train_epoch calls 8.4's
        backprop): run before the answer wherever an answer is run on its own.
    """

    def __init__(self, name, question, checker, hint, explanation, answer_code, wrong_code=(),
                 examples=(), before=""):
        self.name = name
        self.question = question
        self._checker = checker
        self._hint = hint
        self.explanation = explanation
        self.answer_code = answer_code
        self.wrong_code = list(wrong_code)
        self.examples = list(examples)
        self.before = before
        self.status = "unanswered"
        self.last_message = ""

    def __repr__(self):
        return f"<exercise {self.name}: {self.question}>"

    @property
    def answer_name(self):
        """The name the answer cell defines: ``answer_2_1``, or a function such as ``update``."""
        last = ast.parse(self.answer_code).body[-1]
        if isinstance(last, ast.FunctionDef):
            return last.name
        return last.targets[0].id

    def verdict(self, answer=...):
        """(status, message) for an answer, without printing."""
        if _blank(answer) or (callable(answer) and _is_stub(answer)):
            what = "Write the function's body in place of the ..." if callable(answer) else \
                "Replace the ... with your answer"
            return "unanswered", f"⏳ {self.name}: {NOT_ANSWERED}. {what} and run the cell again."
        try:
            ok, message = self._checker(answer)
        except Exception as err:  # a learner's function may raise anything
            ok, message = False, (f"checking your answer raised {type(err).__name__}: {err}. "
                                  f"Read the message, fix the code, and try again.")
        message = _sentence(message)
        if ok:
            return "correct", f"✔ {self.name}: correct! {message}".rstrip()
        return "incorrect", f"✘ {self.name}: not quite. {message}".rstrip()

    def page_spec(self):
        """What the course website needs to check this exercise in the browser, as data: its
        name, hint and solution, and its checker's spec (``None`` for a checker that needs
        Python, such as one that calls the learner's function). The website's checks
        (checks.js) give the same verdicts and messages as ``verdict``."""
        code = isinstance(ast.parse(self.answer_code).body[-1], ast.FunctionDef)
        return {"name": self.name, "answer_name": self.answer_name, "hint": self._hint,
                "answer": "code" if code else "value",
                "solution": f"{self.answer_code}\n\n{self.explanation}",
                "check": getattr(self._checker, "spec", None)}

    def check(self, answer=...):
        """Print whether ``answer`` is right."""
        self.status, self.last_message = self.verdict(answer)
        print(self.last_message)

    def hint(self):
        print(f"💡 Hint for {self.name}: {self._hint}")

    def solution(self):
        print(f"📖 Solution to {self.name}:\n\n{self.answer_code}\n\n{self.explanation}")


# --- reading answers -----------------------------------------------------------------------------

def _is_number(v):
    return isinstance(v, (numbers.Real, np.number)) and not isinstance(v, (bool, np.bool_))


def _read_number(answer):
    """(value, None) for one number, else (None, a message saying what to change)."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:    # np.array(3.5): one number
        answer = answer[()]
    if isinstance(answer, (bool, np.bool_)):
        return None, "Please answer with a single number, not True/False."
    if isinstance(answer, str):
        try:
            Fraction(answer.strip())          # 14, 0.25, 1e-3 and 9/17 all read as numbers
        except (ValueError, ZeroDivisionError):
            return None, "Please answer with a single number written in digits, not text."
        return None, (f"Please answer with a single number, not text: write {answer.strip()} "
                      f"without the quotes.")
    if isinstance(answer, (list, tuple, np.ndarray)):
        return None, ("Please answer with a single number, not a list or array: for "
                      "example 3, not [3].")
    if not _is_number(answer):
        return None, f"Please answer with a single number; got {type(answer).__name__}."
    value = _float(answer)
    if value is None:
        return None, TOO_LARGE
    if not np.isfinite(value):
        return None, "Please answer with a single number; got NaN or infinity."
    return answer, None


FLOAT_LIMIT = "beyond about 1.8e308, the largest number a float can hold"
TOO_LARGE = (f"That number is far too large ({FLOAT_LIMIT}); the answer is an ordinary-sized "
             f"number. Check your calculation.")


def as_typed(value):
    """A number the way the learner wrote it: 12 for 12, np.int64(12) or Fraction(12), 1/3 for
    Fraction(1, 3), 0.5 for 0.5 (never 12.0 for 12)."""
    if isinstance(value, numbers.Rational):        # int, numpy's ints and Fraction
        return str(value)
    return repr(float(value))


def _float(value):
    """float(value), or None when it is too large for a float (an int such as 10**400)."""
    try:
        return float(value)
    except OverflowError:
        return None


def read_vector(answer, size, names):
    """(list of numbers, None) for a flat list of ``size`` numbers, else (None, a message)."""
    # the answer's own shape, never sample numbers (which could be another exercise's answer)
    shape = names or "[" + ", ".join(["..."] * size) + "]"
    names = f" {names}" if names else ""
    if isinstance(answer, str):
        return None, f"Please answer with a list of {size} numbers{names}, not text."
    if _is_number(answer) or isinstance(answer, (bool, np.bool_)):
        return None, f"Please answer with a list of {size} numbers in square brackets: {shape}."
    try:
        arr = np.asarray(answer, dtype=object)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.ndim == 0:
        return None, f"Please answer with a list of {size} numbers in square brackets: {shape}."
    if arr.ndim != 1:
        return None, (f"Please answer with a flat list of {size} numbers{names}, not a table: "
                      f"your answer has shape {arr.shape}. Write {shape}, not [{shape}].")
    values = arr.tolist()
    if any(isinstance(v, (bool, np.bool_)) for v in values) or \
            (isinstance(answer, np.ndarray) and answer.dtype == bool):
        return None, (f"Please answer with numbers{names}, not True/False: write 1 for True "
                      f"and 0 for False.")
    if not all(_is_number(v) for v in values):
        return None, f"Please answer with {size} numbers{names}; some entries are not numbers."
    if len(values) != size:
        return None, f"Expected {size} numbers{names}; your answer has {len(values)}."
    if any(_float(v) is None for v in values):
        return None, (f"Some of your numbers are far too large ({FLOAT_LIMIT}); the answer "
                      f"has ordinary-sized numbers. Check your calculation.")
    if not all(np.isfinite(float(v)) for v in values):
        return None, f"Please answer with {size} finite numbers{names}; got NaN or infinity."
    return values, None


# --- checkers ------------------------------------------------------------------------------------

def _near(value, target, rel, abs_tol=1e-12):
    return abs(value - target) <= max(rel * abs(target), abs_tol)


def _significant(value):
    """How many significant digits a number was written with: 0.0833 -> 3, 12 -> 2."""
    digits = repr(float(value)).lower().split("e")[0].replace("-", "").replace(".", "")
    return max(len(digits.lstrip("0").rstrip("0")), 1) if float(value) else 1


def _interval(text):
    """(low, high, low_open, high_open) for an interval written as "(1, 100]" or "[3, 3]"."""
    low, high = text[1:-1].split(",")
    return float(low), float(high), text[0] == "(", text[-1] == ")"


def _inside(value, text):
    low, high, low_open, high_open = _interval(text)
    return (low < value if low_open else low <= value) and \
        (value < high if high_open else value <= high)


def _rounded(value, digits):
    """value rounded to ``digits`` significant digits: _rounded(1.2446, 3) = 1.24."""
    return float(f"{value:.{digits}g}")


def _digits_needed(expected, wrong, rel, abs_tol):
    """The fewest significant digits at which a rounded answer counts as right: enough to be
    the answer (3 at most, fewer for 14 or 0.25), and enough to tell it from every typical
    mistake, at that many digits and at any more (1.2446 and a mistake's 1.2357 are both
    1.24 at 3 digits, so that exercise needs 4)."""
    needed = next(k for k in range(1, 4)
                  if k == 3 or _near(_rounded(expected, k), expected, rel, abs_tol))
    for w in wrong:
        if not _near(w, expected, rel, abs_tol):
            needed = max([needed] + [k + 1 for k in range(1, 18)
                                     if _rounded(w, k) == _rounded(expected, k)])
    return needed


def _flat_numbers(answer):
    """The numbers of a flat list, tuple or 1-D array of numbers as floats, else None."""
    if isinstance(answer, np.ndarray):
        if answer.ndim != 1 or answer.dtype.kind not in "iuf":
            return None
        answer = answer.tolist()
    if not isinstance(answer, (list, tuple)) or not all(_is_number(v) for v in answer):
        return None
    values = [_float(v) for v in answer]
    return None if any(v is None for v in values) else values


def number(expected, wrong=None, rel=1e-6, abs_tol=1e-12, right_msg="", texts=None,
           ranges=None, lists=None):
    """Checker for a number; ``wrong`` maps a common wrong value to a specific explanation.

    A number is right within ``rel`` of the answer (relative: one part in a million by
    default, so a slope measured with a small step, 0.2499999792, is 0.25), or within
    ``abs_tol`` (for answers near 0), or when it is the answer rounded to the digits it was
    written with, given enough digits (1/12 as 0.0833 or 0.08333; see _digits_needed). The
    right value rounded to too few digits is told to give more. A typical mistake's message
    is given for the mistake's value, or that value rounded (99.1 %), but never for an answer
    that is the right value rounded just as well: at the digits given, that answer could be
    either. A number within 1 % is told it is close; the message shows it as it was given.

    ``texts`` maps a text answer (as typed, any case) to its message ({"three": ...});
    ``ranges`` maps an interval such as "(1, 100]" to the message for a number in it that is
    otherwise just "not it" ("{shown}" in the message is the number as it was given);
    ``lists`` is a list of (list of numbers, message) for a list answer that is a typical
    mistake (the products of a dot product, not yet added up)."""
    wrong = wrong or {}
    texts = {_plain(k): v for k, v in (texts or {}).items()}
    ranges = dict(ranges or {})
    lists = [([float(v) for v in want], msg) for want, msg in (lists or [])]
    needed = _digits_needed(expected, wrong, rel, abs_tol)

    def checker(answer):
        if isinstance(answer, str) and _plain(answer) in texts:
            return False, texts[_plain(answer)]
        listed = _flat_numbers(answer) if lists else None
        for want, msg in lists if listed is not None else ():
            if len(listed) == len(want) and all(_near(v, x, rel, abs_tol)
                                                for v, x in zip(listed, want)):
                return False, msg
        value, problem = _read_number(answer)
        if problem:
            return False, problem
        shown = as_typed(answer)
        value = float(value)
        sig = _significant(value)
        rounded = _rounded(expected, sig) == value     # the answer at the digits given
        if _near(value, expected, rel, abs_tol) or (rounded and sig >= needed):
            return True, right_msg
        for w, msg in wrong.items():          # a typical mistake, maybe rounded (99.1 %)
            if (_near(value, w, rel, abs_tol) and abs(value - w) < abs(value - expected)) or \
                    (sig >= 2 and not rounded and _rounded(w, sig) == value):
                return False, msg
        if rounded:
            return False, (f"{shown} is close: give at least {needed} significant digits (do "
                           f"not round until the end).")
        if _near(value, expected, 1e-2):
            return False, (f"{shown} is close, but not close enough. Keep more digits (do "
                           f"not round until the end), or check the last step of your "
                           f"calculation.")
        for where, msg in ranges.items():
            if _inside(value, where):
                return False, msg.replace("{shown}", shown)
        return False, f"{shown} is not it. Try the hint: .hint()"
    checker.spec = {"kind": "number", "expected": float(expected), "rel": rel,
                    "abs_tol": abs_tol, "right": right_msg, "needed": needed,
                    "wrong": [[float(w), m] for w, m in wrong.items()],
                    "texts": texts, "ranges": [[where, m] for where, m in ranges.items()],
                    "lists": [[want, m] for want, m in lists]}
    return checker


def vector(expected, wrong=None, right_msg="", tol=1e-9, names="", grid=None):
    """Checker for a list of numbers (order matters), each right within ``tol``.

    ``grid = (low, high, message)``: the answer's numbers are whole numbers from low to high
    (a row and a column, say); a wrong answer with a number that is not is told ``message``."""
    expected = np.asarray(expected, dtype=float)
    wrong = [(np.asarray(w, dtype=float), m) for w, m in (wrong or [])]

    def checker(answer):
        values, problem = read_vector(answer, expected.size, names)
        if problem:
            return False, problem
        arr = np.array(values, dtype=float)
        if np.allclose(arr, expected, atol=tol, rtol=0):
            return True, right_msg
        for w, msg in wrong:
            if np.allclose(arr, w, atol=tol, rtol=0):
                return False, msg
        if grid and any(not grid[0] <= v <= grid[1] or v != int(v) for v in arr):
            return False, grid[2]
        return False, "Some of the numbers are off. Try the hint: .hint()"
    checker.spec = {"kind": "vector", "expected": expected.tolist(), "tol": tol, "names": names,
                    "right": right_msg, "wrong": [[w.tolist(), m] for w, m in wrong],
                    "grid": list(grid) if grid else None}
    return checker


def _plain(text):
    return " ".join(str(text).lower().split())


def choice(expected, options, wrong=None, right_msg="", key=_plain, synonyms=None):
    """Checker for a multiple-choice answer given as text. ``key`` decides which texts mean
    the same (by default: case and spaces are ignored); ``synonyms`` maps other words for an
    option to it ({"cell body": "soma"}), compared as ``_plain`` text."""
    shown = ", ".join(repr(o) for o in options)
    synonyms = {_plain(k): v for k, v in (synonyms or {}).items()}
    spec = {"kind": "choice", "expected": expected, "options": list(options), "right": right_msg,
            "wrong": [[k, v] for k, v in (wrong or {}).items()], "synonyms": synonyms,
            "key": {_plain: "plain", inequality: "inequality",
                    species_pair: "species"}.get(key)}
    if synonyms:
        base = key

        def key(text):
            return base(synonyms.get(_plain(text), text))
    options = {key(o) for o in options}
    wrong = {key(k): v for k, v in (wrong or {}).items()}

    def checker(answer):
        if not isinstance(answer, str):
            return False, f"Please answer with text in quotes, one of: {shown}."
        a = key(answer)
        if a == key(expected):
            return True, right_msg
        if a in wrong:
            return False, wrong[a]
        if a not in options:
            return False, f"Answer with one of: {shown}."
        return False, "That is not it. Try the hint: .hint()"
    if spec["key"] is not None:              # a key the website knows
        checker.spec = spec
    return checker


_RELATION = re.compile(r"(<=|>=|=<|=>|≤|≥|<|>)")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?")
_NAME = re.compile(r"[a-z][a-z0-9]*")         # w1, b (the "_" of w_1 is dropped first)


class _Product(ValueError):
    """A term that multiplies two letters, such as w1·x1 or w1*w2: not a linear sum."""


def _linear(text):
    """{variable: coefficient} with the constant under "", for a sum like '2w1 - b + 3'.

    A term is a number, a name, or a product of numbers and at most one name, the factors
    joined by *, · or × in either order ('w1·1', '1 * w1', '2w1'); a term that multiplies
    two names raises _Product, anything else unreadable ValueError."""
    s = text.replace("_", "").replace("·", "*").replace("×", "*").replace("−", "-")
    s = s.replace(" ", "").lower()
    out = {}
    pos = 0
    while pos < len(s):
        sign = 1
        if s[pos] in "+-":
            sign = -1 if s[pos] == "-" else 1
            pos += 1
        elif pos > 0:
            raise ValueError(text)
        coef, names = Fraction(sign), []
        while True:                              # a factor, then maybe * and another one
            m = _NUMBER.match(s, pos)
            if m:
                coef *= Fraction(m.group())
                pos = m.end()
                name = _NAME.match(s, pos)       # 2w1: a number just before a name
            else:
                name = _NAME.match(s, pos)
                if not name:
                    raise ValueError(text)
            if name:
                names.append(name.group())
                pos = name.end()
            if not s.startswith("*", pos):
                break
            pos += 1
        if len(names) > 1:
            raise _Product(text)
        var = names[0] if names else ""
        out[var] = out.get(var, 0) + coef
    if not out:
        raise ValueError(text)
    return out


def inequality(text):
    """A key that is the same for every way of writing one linear inequality.

    'w1 + w2 + b < 0', 'w_1 + w_2 + b < 0', 'b + w1 + w2 < 0', '0 > w1 + w2 + b' and
    'w1 + w2 < -b' all give the same key; text that is no inequality gives itself.
    """
    parts = _RELATION.split(str(text))
    if len(parts) != 3:
        return _plain(text)
    try:
        left, right = _linear(parts[0]), _linear(parts[2])
    except ValueError:
        return _plain(text)
    op = {"=<": "<=", "≤": "<=", "=>": ">=", "≥": ">="}.get(parts[1], parts[1])
    terms = dict(left)
    for var, coef in right.items():
        terms[var] = terms.get(var, 0) - coef
    if op in (">", ">="):            # a > 0  is  -a < 0
        terms = {v: -c for v, c in terms.items()}
        op = op.replace(">", "<")
    const = terms.pop("", 0)
    terms = {v: c for v, c in terms.items() if c != 0}
    if not terms:
        return _plain(text)
    scale = abs(terms[min(terms)])    # 2w1 + 2b < 0 says the same as w1 + b < 0
    return op, tuple(sorted((v, c / scale) for v, c in terms.items())), const / scale


def _multiplies_names(text):
    """Is text an inequality with a term that multiplies two names (w1·x1 + w2·x2 + b >= 0)?"""
    parts = _RELATION.split(str(text))
    if len(parts) != 3:
        return False
    for side in (parts[0], parts[2]):
        try:
            _linear(side)
        except _Product:
            return True
        except ValueError:
            pass
    return False


def condition(expected, wrong, right_msg, not_text, not_inequality, other, product=None):
    """Checker for a linear inequality written as text ("w1 + w2 + b >= 0"): any way of
    writing the expected one is right; ``wrong`` lists (inequality, message) for typical
    mistakes; text that is no inequality gets ``not_inequality``, another inequality
    ``other``; ``product`` is the message for a term that multiplies two names, such as
    w1·x1 (by default ``not_inequality``)."""
    def checker(answer):
        if not isinstance(answer, str):
            return False, not_text
        key = inequality(answer)
        if not isinstance(key, tuple):
            return False, product if product and _multiplies_names(answer) else not_inequality
        if key == inequality(expected):
            return True, right_msg
        for w, msg in wrong:
            if key == inequality(w):
                return False, msg
        return False, other
    checker.spec = {"kind": "condition", "expected": expected, "right": right_msg,
                    "wrong": [list(w) for w in wrong], "not_text": not_text,
                    "not_inequality": not_inequality, "other": other, "product": product}
    return checker


def table(parse, messages, spec):
    """Checker for an answer with few meanings (a pair of digits, a pair of gates): ``parse``
    turns an answer into (key, None) or (None, a message); ``messages`` maps each key to
    (ok, message). ``spec`` says how the website reads an answer; the table goes with it."""
    def checker(answer):
        key, problem = parse(answer)
        if problem:
            return False, problem
        return messages[key]
    checker.spec = dict(spec, kind="table", table={k: list(v) for k, v in messages.items()})
    return checker


_SPECIES = ("setosa", "versicolor", "virginica")


def species_pair(text):
    """The same key for 'setosa/versicolor', 'Versicolor / setosa' and 'setosa and versicolor'."""
    found = frozenset(re.findall("|".join(_SPECIES), str(text).lower()))
    return found if len(found) == 2 else _plain(text)


def truth(expected, wrong_msg, right_msg=""):
    def checker(answer):
        if not isinstance(answer, (bool, np.bool_, int, np.integer)) or answer not in (0, 1):
            return False, "Please answer True or False (no quotes)."
        return (True, right_msg) if bool(answer) == expected else (False, wrong_msg)
    checker.spec = {"kind": "truth", "expected": bool(expected), "wrong_msg": wrong_msg,
                    "right": right_msg}
    return checker


INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))


def _outputs(W):
    """Exact z and step(z) of the neuron W = [b, w1, w2] on the four inputs."""
    z = [exact_sum(W[1:], x, W[0]) for x in INPUTS]
    return z, [fires(v) for v in z]


_GATES = ("AND", "OR", "NAND", "NOR")     # the gates notebook 02 names


def bias_first(W):
    """Weights written bias last, [w1, w2, b], put the way the course writes them, bias first:
    [b, w1, w2]. A check tries this on a wrong answer to see whether only the order is off."""
    return list(W[-1:]) + list(W[:-1])


def bias_last(names):
    """What to say to weights that are right with the bias put last; ``names`` is how the
    exercise writes them, "[b, w1, w2]"."""
    return f"It looks like you put the bias last. The course writes the bias first: W = {names}."


def gate_weights(name, targets):
    """Checker for W = [b, w1, w2] that must compute a gate with step(z) (z = 0 counts as 1).

    The numbers are judged as the decimals typed: [0.3, -0.2, -0.1] puts (1, 1) exactly on
    the line (z = 0 fires), whatever floating point makes of it."""
    def checker(answer):
        W, problem = read_vector(answer, 3, "[b, w1, w2]")
        if problem:
            return False, problem
        z, y = _outputs(W)
        bad = [k for k in range(4) if y[k] != targets[k]]
        shown = "[" + ", ".join(_fmt(v) for v in W) + "]"
        if not bad:
            return True, f"W = {shown} computes {name} on all four inputs."
        if _outputs(bias_first(W))[1] == list(targets):     # written as [w1, w2, b]
            return False, bias_last("[b, w1, w2]")
        k = bad[0]
        computes = BOOLEAN_FUNCTION_NAMES[sum(v << i for i, v in enumerate(y))]
        w1, w2 = (f"({_fmt(w)})" if w < 0 else _fmt(w) for w in W[1:])
        why = f"z = {_fmt(W[0])} + {w1}·{INPUTS[k][0]} + {w2}·{INPUTS[k][1]} = {_fmt(z[k])}"
        why += " exactly, and step(0) = 1" if z[k] == 0 else ""
        floating = W[0] + W[1] * INPUTS[k][0] + W[2] * INPUTS[k][1]
        if fires(floating) != y[k]:              # floating point says otherwise: say both
            why += (f" (a floating-point computation such as neuron_output gets "
                    f"{floating!r} there, and outputs {fires(floating)}; the course judges "
                    f"the decimals you typed exactly)")
        return False, (f"For input {INPUTS[k]}, {why}, so the neuron outputs {y[k]}, but {name} "
                       f"gives {targets[k]} ({len(bad)} of 4 rows wrong): your W "
                       f"{_what_it_computes(computes, y)}.")
    checker.spec = {"kind": "gate_weights", "name": name, "targets": list(targets),
                    "function_names": list(BOOLEAN_FUNCTION_NAMES), "named_gates": list(_GATES)}
    return checker




def _what_it_computes(name, y):
    """'computes AND', 'fires for every input (the function TRUE)': a neuron's truth table in
    words a learner of notebook 02 knows (TRUE, FALSE and the rest are named only in 03)."""
    if name in _GATES:
        return f"computes {name}"
    if name == "TRUE":
        return "fires for every input (the function TRUE)"
    if name == "FALSE":
        return "never fires (the function FALSE)"
    return (f"outputs {', '.join(map(str, y))} for the inputs (0, 0), (0, 1), (1, 0), (1, 1) "
            f"(the function {name})")


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def _brief(value, limit=60):
    text = repr(value.item() if isinstance(value, np.generic) else value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _described(value):
    """A few words on what a function returned: "an array of 3 values", "the text 'yes'"."""
    if isinstance(value, str):
        return f"the text {_brief(value)}"
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return (f"an array of {value.size} values" if value.ndim == 1
                else f"an array of shape {value.shape}")
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return _brief(value)


def as_numbers(got):
    """(float array, None) for a function's result made of numbers, else (None, what it is)."""
    not_numbers = None, f"{_described(got)}, which is not numbers"
    try:
        raw = np.asarray(got)
    except (TypeError, ValueError):
        return None, f"{_described(got)} of different lengths"
    if raw.dtype.kind not in "biufO" or (raw.dtype.kind == "O" and not all(
            _is_number(v) or isinstance(v, (bool, np.bool_)) for v in raw.flat)):
        return not_numbers
    try:
        return raw.astype(float), None
    except OverflowError:                       # an int such as 10**400
        return None, f"a number far too large ({FLOAT_LIMIT})"


def _should_return(want):
    want = np.asarray(want)
    if want.ndim == 0:
        return f"one number, such as {_brief(want.item())}"
    return f"{want.size} numbers" if want.ndim == 1 else f"an array of shape {want.shape}"


def _wrong_kind(got, want):
    """None when ``got`` is numbers of the same shape as ``want``, else a short reason."""
    g, what = as_numbers(got)
    if g is None:
        return f"it returned {what}; it should return {_should_return(want)}"
    if g.shape != np.shape(want):
        return f"it returned {_described(got)}; it should return {_should_return(want)}"
    return None


def _result(got, want, rtol=0.0, atol=0.0):
    """None when ``got`` equals ``want`` (same shape, the same numbers, or within rtol and
    atol when they are given), else a short reason."""
    problem = _wrong_kind(got, want)
    if problem:
        return problem
    got, want_ = as_numbers(got)[0], np.asarray(want, dtype=float)
    same = np.allclose(got, want_, rtol=rtol, atol=atol) if rtol or atol else \
        np.array_equal(got, want_)
    if not same:
        return f"it returned {_brief(got.tolist() if got.ndim else got.item())}; expected " \
               f"{_brief(want_.tolist() if want_.ndim else want_.item())}"
    return None


_MATMUL = re.compile(r"matmul: .*\(size (\d+) is different from (\d+)\)")
_BROADCAST = re.compile(r"operands could not be broadcast together with shapes \((\d+),?\) "
                        r"\((\d+),?\)")


def raised(call, err, f=None):
    """What to say when the learner's code raised ``err`` during ``call`` ("fit(...)"): the
    error in plain words (not NumPy's), and the learner's own function it came from when
    that is another one (fit calling a broken update from an earlier cell)."""
    text = str(err)
    m = _MATMUL.search(text)
    if m:
        text = (f"@ multiplied two arrays of different lengths ({m.group(2)} and "
                f"{m.group(1)} numbers); both sides need as many numbers")
    m = _BROADCAST.search(text)
    if m:
        text = (f"two arrays of different lengths ({m.group(1)} and {m.group(2)} numbers) "
                f"were combined number by number; they need as many numbers")
    inside = ""
    frames = [f for f in traceback.extract_tb(err.__traceback__)
              if "site-packages" not in f.filename and "perceptron_lib" not in f.filename
              and "/lib/python" not in f.filename]
    own = (call.split("(", 1)[0], getattr(f, "__name__", None))
    if frames and frames[-1].name not in (*own, "<module>", "<lambda>", "<listcomp>"):
        inside = f" inside your function {frames[-1].name}"
    return (f"{call} raised {type(err).__name__}{inside}: {text}. Read the message, fix the "
            f"code, and try again.")


def _diagnosis(diagnose, f):
    """``diagnose(f)``'s message, or None when it has none or cannot tell (it runs the
    learner's function on more inputs, and may meet results it did not foresee)."""
    try:
        return diagnose(f)
    except Exception:  # the learner's code, or an odd result; the test cases will say
        return None


def function_of(reference, cases, name, diagnose=None, rtol=0.0, atol=0.0):
    """Checker for a function the learner writes, compared with ``reference`` on ``cases``.

    The learner's function and the reference each get their own copies of the inputs; a
    function that changes its inputs in place is told so. ``diagnose(f)`` may return a
    specific message for a typical mistake before the cases are tried. Results must be the
    same numbers, or (with ``rtol`` or ``atol``) as close as numpy.allclose says.
    """
    params = list(inspect.signature(reference).parameters)

    def as_args(args):
        return [np.array(a) if isinstance(a, list) else a for a in args]

    def checker(f):
        if not callable(f):
            return False, f"Please pass your function itself: check({name}) without ()."
        for k, args in enumerate(cases):
            given = as_args(copy.deepcopy(args))
            kept = copy.deepcopy(given)
            shown = ", ".join(_show(a) for a in args)
            try:
                got = f(*given)
            except Exception as err:  # the learner's code may raise anything
                return False, raised(f"{name}({shown})", err, f)
            if got is None:
                return False, (f"your function returned None: did you forget `return`? "
                               f"({name} must return its result, not only compute it.)")
            changed = [p for p, a, b in zip(params, given, kept) if not _same(a, b)]
            if changed:
                return False, (f"your function changed its input {changed[0]} in place "
                               f"(e.g. with +=), so the caller's {changed[0]} changes too. "
                               f"Build a new array instead: {changed[0]} + ... rather than "
                               f"{changed[0]} += ....")
            want = reference(*as_args(copy.deepcopy(args)))
            problem = _wrong_kind(got, want)        # say so before any typical mistake
            if problem:
                # a list of the wrong length may be a typical mistake the exercise names
                # (a weight left out): its words come after ours
                why = _diagnosis(diagnose, f) if k == 0 and diagnose is not None and \
                    _flat(want) and _flat(got) else None
                return False, f"{name}({shown}): {problem}." + (f" {why}" if why else "")
            if k == 0 and diagnose is not None:
                message = _diagnosis(diagnose, f)
                if message:
                    return False, message
            problem = _result(got, want, rtol, atol)
            if problem:
                return False, f"{name}({shown}): {problem}."
        return True, f"it gives the right result on all {len(cases)} test cases."
    return checker


def _flat(value):
    """Is value a flat list or 1-D array (not ragged, not nested)?"""
    try:
        return np.ndim(value) == 1
    except (ValueError, TypeError):
        return False


def _show(a):
    if isinstance(a, np.ndarray):
        return f"np.array({a.tolist()})"
    return repr(a)
