"""The exercises of notebook 09 · Handwritten digits."""

import re

import numpy as np

from ..data import load_digits
from ..perceptron import Perceptron
from ..pocket import pocket
from .core import Exercise, function_of, number, table, vector

DIGITS = load_digits()
_X, _t = DIGITS.data, DIGITS.target

# --- the notebook's 3-vs-8 perceptron (d = 1 for a 3, d = 0 for an 8) ---------------------------
TRAIN38 = DIGITS.train[np.isin(_t[DIGITS.train], (3, 8))]
TEST38 = DIGITS.test[np.isin(_t[DIGITS.test], (3, 8))]
W38 = Perceptron(64, epochs=30).fit(_X[TRAIN38], (_t[TRAIN38] == 3).astype(int)).W
_said = (W38[0] + _X[TEST38] @ W38[1:] >= 0).astype(int)
WRONG38 = int(np.count_nonzero(_said != (_t[TEST38] == 3)))
N_TEST38, N_TRAIN38 = len(TEST38), len(TRAIN38)
_right = (N_TEST38 - WRONG38) / N_TEST38

# --- 9.1: accuracy from a count ------------------------------------------------------------------
q1 = Exercise(
    "Exercise 9.1", f"The 3-vs-8 perceptron gets {WRONG38} of the {N_TEST38} test images wrong. "
    "What is its accuracy on the test images? (A fraction between 0 and 1; you may write a "
    "calculation.)",
    number(_right, {
        WRONG38 / N_TEST38: "That is the fraction it gets wrong, the error rate. Accuracy is "
                            "the fraction it gets right.",
        100 * _right: "That is a percentage; write the accuracy as a fraction between 0 and 1.",
        1 - WRONG38 / N_TRAIN38: f"That divides by the {N_TRAIN38} training images; the "
                                 f"mistakes were counted on the {N_TEST38} test images.",
        1 - WRONG38 / len(DIGITS.test): f"That divides by all {len(DIGITS.test)} test images; "
                                        f"only the {N_TEST38} test images of 3s and 8s were "
                                        f"judged.",
        N_TEST38 - WRONG38: "That is the number of images it gets right; divide by how many "
                            "test images there are.",
        1: f"1 would mean every test image right, but it gets {WRONG38} wrong: divide the "
           f"images it gets right by all {N_TEST38}."}, abs_tol=0.0005),
    "Accuracy = (images right) / (all images judged). The images right are all test images "
    "minus the wrong ones.",
    f"({N_TEST38} - {WRONG38}) / {N_TEST38} ≈ {_right:.3f}: about {_right:.0%} of test images "
    f"it never saw, with 64 numbers and one bias.",
    f"answer_9_1 = ({N_TEST38} - {WRONG38}) / {N_TEST38}",
    [(f"answer_9_1 = {WRONG38} / {N_TEST38}", "error rate"),
     (f"answer_9_1 = 100 * ({N_TEST38} - {WRONG38}) / {N_TEST38}", "percentage"),
     (f"answer_9_1 = 1 - {WRONG38} / {N_TRAIN38}", "training images")],
    [(round(_right, 3), "correct"), (N_TEST38 - WRONG38, "number of images")])


# --- 9.2: z for one test image, by hand ----------------------------------------------------------
FIRST = int(TEST38[0])
_x = _X[FIRST]
_z = float(W38[0] + _x @ W38[1:])
_SAYS = ("≥ 0, so the neuron fires: it says 3" if _z >= 0 else
         "< 0, so the neuron stays silent: it says 8")
_SIGN = ("> 0, so the neuron fires: it says 3" if _z > 0 else
         "= 0, and step(0) = 1: the neuron fires, it says 3" if _z == 0 else
         "< 0, so the neuron stays silent: it says 8")

_DIGIT_NOT_Z = ("{} is a digit; the question asks for z itself, the number "
                "W38[0] + X[test38[0]] @ W38[1:]. Its sign gives the digit: z ≥ 0 says 3, "
                "z < 0 says 8.")
_DIGIT_WORDS = {"3": "3", "8": "8", "three": "3", "eight": "8"}


q2 = Exercise(
    "Exercise 9.2", "Compute z = b + w1·x1 + ... + w64·x64 for the first 3-vs-8 test image, "
    "X[test38[0]], with the weights W38. What is z?",
    number(_z, {
        float(_x @ W38[1:]): "That leaves out the bias b = W38[0]; add it.",
        float(W38[0] + DIGITS.images[FIRST].ravel() @ W38[1:]):
            "That uses the pixels 0 to 16 (images); the perceptron learned from x = pixel / 16 "
            "(X, the rows of digits.data).",
        float(W38[0] + _x @ W38[:64]): "That pairs x1 with W38[0], the bias. The bias comes "
                                       "first: the input weights are W38[1:].",
        float(_z >= 0): "That is the output step(z); the question asks for z itself."},
        right_msg=f"z ≈ {_z:.3f} {_SIGN} (the image is a {_t[FIRST]}).",
        # an answer of 3 or 8 is the digit, not z
        texts={word: _DIGIT_NOT_Z.format(digit) for word, digit in _DIGIT_WORDS.items()},
        ranges={f"[{d}, {d}]": _DIGIT_NOT_Z.format(d) for d in (3, 8)}),
    "The bias is W38[0] and the 64 input weights are W38[1:]; x @ w multiplies pairwise and "
    "adds.",
    f"In code: W38[0] + X[test38[0]] @ W38[1:] ≈ {_z:.3f}. It is "
    f"{_SAYS} (the image is a {_t[FIRST]}). The same z as for two inputs, with 64 terms.",
    f"answer_9_2 = {_z!r}   # W38[0] + X[test38[0]] @ W38[1:]",
    [(f"answer_9_2 = {float(_x @ W38[1:])!r}", "leaves out the bias"),
     (f"answer_9_2 = {float(W38[0] + DIGITS.images[FIRST].ravel() @ W38[1:])!r}",
      "pixels 0 to 16"),
     (f"answer_9_2 = {float(W38[0] + _x @ W38[:64])!r}", "bias comes first")],
    [(round(_z, 9), "correct"), (3, "3 is a digit; the question asks for z itself"),
     (8, "Its sign gives the digit: z ≥ 0 says 3, z < 0 says 8."),
     ("8", "the question asks for z itself"), ("three", "3 is a digit")])


# --- 9.3: the pixel that votes most for a 3 ------------------------------------------------------
_k = int(np.argmax(W38[1:]))
ROW, COL = divmod(_k, 8)
_low = divmod(int(np.argmin(W38[1:])), 8)
_shifted = divmod(int(np.argmax(W38)), 8)     # np.argmax(W38) counts the bias as number 0
_wrong3 = [([COL, ROW], "That is (column, row); give the row first, then the column."),
           ([ROW + 1, COL + 1], "That counts from 1; count rows and columns from 0, as "
                                "NumPy does."),
           (list(_low), "That pixel has the most negative weight: ink there says 8. The "
                        "question asks for the pixel whose ink says 3 most strongly."),
           (list(_shifted), "That position counts the bias as number 0: use the 64 input "
                            "weights W38[1:] only.")]
_wrong3 = [(w, m) for k, (w, m) in enumerate(_wrong3)     # each wrong answer once, never the
           if list(w) != [ROW, COL] and all(list(w) != list(v) for v, _ in _wrong3[:k])]

_OUTSIDE = ("A picture is 8 × 8 pixels: rows and columns run from 0 to 7 (row 0 at the top, "
            "column 0 on the left).")


q3 = Exercise(
    "Exercise 9.3", "Which pixel's ink pushes the 3-vs-8 neuron hardest towards saying 3? "
    "Give [row, column], counting from 0 (row 0 is the top, column 0 the left).",
    vector([ROW, COL], _wrong3, names="[row, column]", grid=(0, 7, _OUTSIDE)),
    "The pixel with the largest (most positive) input weight: np.argmax(W38[1:]) gives its "
    "position among the 64, and divmod(position, 8) turns it into (row, column).",
    f"In code: np.argmax(W38[1:]) = {_k} and divmod({_k}, 8) = ({ROW}, {COL}): row {ROW}, column "
    f"{COL}, the deepest blue square in the weight picture.",
    f"answer_9_3 = [{ROW}, {COL}]   # list(divmod(int(np.argmax(W38[1:])), 8))",
    [(f"answer_9_3 = [{COL}, {ROW}]", "row first"),
     (f"answer_9_3 = [{ROW + 1}, {COL + 1}]", "counts from 1"),
     (f"answer_9_3 = [{_low[0]}, {_low[1]}]", "most negative")],
    [((ROW, COL), "correct"), (np.array([ROW, COL]), "correct"), (_k + 0.5, "list of 2 numbers"),
     ([9, 9], "rows and columns run from 0 to 7"), ([ROW, -1], "run from 0 to 7"),
     ([ROW, COL + 0.5], "run from 0 to 7"), ([8, 8], "run from 0 to 7")])


# --- 9.4: the hardest pair -----------------------------------------------------------------------

def _solved_epoch(a, b):
    """The epoch after which no training image of a (d = 1) and b (d = 0) is wrong."""
    rows = DIGITS.train[np.isin(_t[DIGITS.train], (a, b))]
    wrong = pocket(_X[rows], (_t[rows] == a).astype(int), epochs=30).wrong_per_epoch
    done = np.flatnonzero(wrong == 0)
    return int(done[0]) if len(done) else None


SOLVED = {(a, b): _solved_epoch(a, b) for a in range(10) for b in range(10) if a != b}
_slowest = max(SOLVED, key=lambda ab: SOLVED[ab])
HARDEST = frozenset(_slowest)


_BAD_PAIR = "Answer with two different digits as text, such as '3/8'."


def _two_digits(answer):
    """(a, b) for "1/8", "1 and 8", (1, 8) or [1, 8]; else (None, a message)."""
    bad = _BAD_PAIR
    if isinstance(answer, str):
        found = re.findall(r"\d+", answer)
    elif isinstance(answer, (list, tuple, np.ndarray)):
        found = list(np.ravel(answer)) if isinstance(answer, np.ndarray) else list(answer)
        if not all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))
                   for v in found):
            return None, bad
    else:
        return None, bad
    try:
        a, b = (int(v) for v in found)
    except (ValueError, TypeError, OverflowError):
        return None, bad
    if not (0 <= a <= 9 and 0 <= b <= 9) or a == b:
        return None, bad
    return (a, b), None


def _digit_pair(answer):
    """("a-b", None) for a pair of digits, else (None, a message)."""
    pair, problem = _two_digits(answer)
    return (None, problem) if problem else (f"{pair[0]}-{pair[1]}", None)


def _pair_verdict(a, b):
    if frozenset((a, b)) == HARDEST:
        return True, (f"{a} vs {b} needs {SOLVED[a, b]} epochs and {b} vs {a} "
                      f"{SOLVED[b, a]}, the slowest of all.")
    return False, (f"{a} vs {b} is separated after epoch {SOLVED[a, b]} and {b} vs {a} after "
                   f"epoch {SOLVED[b, a]}, but the slowest choice of the two menus needs "
                   f"{SOLVED[_slowest]} epochs: another pair takes longer.")


_pair_checker = table(_digit_pair, {f"{a}-{b}": _pair_verdict(a, b) for a, b in SOLVED},
                      {"read": "two_digits", "bad": _BAD_PAIR})


q4 = Exercise(
    "Exercise 9.4", "Use the explorer: of the pairs 1/8, 8/9 and 3/5 (try both orders of the "
    "menus), which takes the most epochs until no training image is wrong? Answer as text "
    "such as '3/8'.",
    _pair_checker,
    "Set 'against' to a digit and watch the status line: it says from which epoch on no "
    "training image is wrong. 3 vs 8 takes 15 epochs; compare 1/8, 8/9 and 3/5, each in both "
    "orders. Thin digits hide inside fat ones.",
    f"'{min(HARDEST)}/{max(HARDEST)}': {min(HARDEST)} vs {max(HARDEST)} takes "
    f"{SOLVED[min(HARDEST), max(HARDEST)]} epochs and {max(HARDEST)} vs {min(HARDEST)} "
    f"{SOLVED[max(HARDEST), min(HARDEST)]}. A 1 is a stroke down the middle, and an 8 has ink "
    f"there too: few pixels tell them apart.",
    f'answer_9_4 = "{min(HARDEST)}/{max(HARDEST)}"',
    [('answer_9_4 = "3/8"', "another pair takes longer"),
     ('answer_9_4 = "8/9"', "9 vs 8 after epoch 21, but the slowest choice of the two menus "
                            "needs 22 epochs"),
     ('answer_9_4 = "3/5"', "another pair takes longer")],
    [((max(HARDEST), min(HARDEST)), "correct"), (f"{max(HARDEST)} and {min(HARDEST)}", "correct"),
     ("3", "two different digits"), ("3/3", "two different digits"), (38, "two different"),
     ([1.5, 8], "two different digits")])


# --- 9.5: one row of the confusion table ---------------------------------------------------------

def _confusion_row(true, said, digit):
    return np.bincount(said[true == digit], minlength=10)


def _column(true, said, digit):
    return np.bincount(true[said == digit], minlength=10)


# arrays, like true10 and said10: a message shows a case as np.array([...]), so a learner who
# copies the call gets what the checker got
_CASES = [(np.array(true), np.array(said), digit) for true, said, digit in (
    ([3, 3, 8, 3, 1, 3], [3, 8, 8, 5, 1, 3], 3),
    ([0, 1, 2, 9, 9, 9, 4], [0, 1, 2, 9, 4, 7, 9], 9),
    ([5, 5, 2], [5, 5, 2], 7),
    ([8, 1, 8, 8], [1, 1, 9, 8], 8))]


def _diagnose(f):
    true, said = np.array([2, 3, 3, 7, 3, 5]), np.array([3, 3, 8, 3, 5, 5])
    got = np.asarray(f(true.copy(), said.copy(), 3), dtype=float)
    if got.shape == (10,) and np.array_equal(got, _column(true, said, 3)) and \
            not np.array_equal(got, _confusion_row(true, said, 3)):
        return ("That counts the column: the images *said* to be the digit, by their true "
                "digit. A row counts the images that *are* the digit, by what was said: "
                "said[true == digit].")
    return None


_ROW_CODE = """\
def confusion_row(true, said, digit):
    return np.bincount(said[true == digit], minlength=10)"""

q5 = Exercise(
    "Exercise 9.5", "Write confusion_row(true, said, digit): for the images whose true digit "
    "is `digit`, how many were said to be 0, 1, ..., 9 (ten counts: one row of the confusion "
    "table).",
    function_of(_confusion_row, _CASES, "confusion_row", _diagnose),
    "Keep the answers said for the images of that digit, said[true == digit], and count each "
    "value 0 to 9: np.bincount(..., minlength=10), or a loop with counts[s] += 1.",
    "said[true == digit] keeps what was said for the images of that digit; np.bincount counts "
    "each digit, and minlength=10 gives ten counts even when 9 was never said. The diagonal "
    "entry, row[digit], counts the right answers.",
    _ROW_CODE,
    [(_ROW_CODE.replace("said[true == digit]", "true[said == digit]"), "counts the column"),
     (_ROW_CODE.replace(", minlength=10", ""), "should return 10 numbers"),
     (_ROW_CODE.replace("    return ", "    "), "did you forget `return`")],
    [(np.zeros(10), "function itself")])
