"""The exercises on the course website: an answer typed in a page's box is judged in the
browser (perceptron_lib/exercises/checks.js) from the spec each checker exports
(Exercise.page_spec), with the verdict and the words of the notebook's check. One shared list
of answers (every value exercise's right answer, its typical wrong answers, its examples and
odd input) runs through core.py and through checks.js in node, and both must say the same."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib.exercises import ALL, nb00
from perceptron_lib.exercises.core import Exercise

ROOT = Path(__file__).resolve().parents[1]
MODULES = tuple(ALL.values())
EXERCISES = [v for m in MODULES for v in vars(m).values() if isinstance(v, Exercise)]
ON_THE_PAGE = [e for e in EXERCISES if e.page_spec()["check"] is not None]

# what a learner may type in any box
ODD = ["", "...", "None", "'abc'", "''", "'  '", "True", "False", "0", "1", "2", "-0.0", "0.5",
       "1e300", "1e-300", "-1e300", "1e400", "-1e400", "10**400", "2**0.5", "[1, 2]",
       "[[1, 2, 3]]", "[[1, 2], [3]]", "[1, [2, 3]]", "(1, 0, 1)", "[]", "[True, 0, 1]",
       "[1e400, 0, 0]", "[10**400, 0, 0]", "[1, 'a', 3]", "'14'", "'9/17'", "'1/0'", "9/17",
       "1/3", "7 // 2", "-7 // 2", "7 % 3", "(1)", "(1,)", "'soma'", "'SOMA '", "'Soma'",
       "'w1 + w2 + b >= 0'", "'0 <= b + w1 + w2'", "'2w1 + 2w2 + 2b >= 0'", "'b < 0'",
       "'setosa and versicolor'", "'cell body'", "' Cell  Body '",
       "'XNOR'", "'xnor'", "[-0.5, 1, 1]", "[1, 1, -0.5]",
       "[0.6, 0.3, -0.9]", "[-0.9, 0.6, 0.3]", "[0.3, -0.2, -0.1]", "[1.5, -1, -1]",
       "[0, 0, 0]", "[-3, 2, 1]", "[0.125, 0.125, 0.125]", "99.1", "0.991", "1.24", "1.245",
       "0.0833", "0.08333", "0.083", "0.53", "0.5", "0.52941", "8.33", "0.0625", "16", "16.0",
       "float", "np.dot([1, 2], [3, 4])", "abs(-3)", "1 +", "[1, 2", "'unclosed", "3 4",
       # pairs of digits, pairs of gates, digits for z, pixels, output neurons, conditions
       "'1/8'", "'8 and 1'", "(8, 1)", "[1, 1]", "[True, 8]", "'3 / 8 / 9'", "'12/3'",
       "'007/8'", "[1.0, 8]", "('NOR', 'AND')", "('x1 and not x2', 'x2  AND NOT x1')",
       "('XOR', 'OR')", "('OR', 'xnor')", "('ANDD', 'OR')", "(1, 'OR')", "['AND']",
       "('NAND', 'OR')", "('true', 'false')", "'three'", "' Eight '", "3", "8", "3.0", "50",
       "100", "100.5", "[0, 4]", "[7, 7.5]", "[-1, 0]", "[8, 0]", "[3, -2, -1]",
       "[2, -2, -1]", "[-2, 2, 1]", "[0.5, -0.25, -0.25]", "[0.1, -0.1, 0]",
       "'w1 + w2 + b < 0'", "'b > 0'", "'w2 + b <= 0'", "'x + y'", "'w1 + w2 + b = 0'",
       "'w1 + w2 + b >= 0.5'", "'2 >= 1'", "0.2", "0.3", "0.125", "0.12", "0.13", "2.5",
       "0.0835", "0.08335",
       # products in an inequality, a dot product's products, roundings, the bias put last
       "'w1 * 1 + w2 * 1 + b >= 0'", "'w1·1 + w2·1 + b ≥ 0'", "'1 × w1 + w2 × 1 + b >= 0'",
       "'w1·x1 + w2·x2 + b >= 0'", "'w1 * * 1 + b >= 0'", "[4, 10, 18]", "(4.0, 10, 18)",
       "1.2", "1.236", "1.2357", "1.2446", "[-1, -1, 1.5]", "[1, 1, -1.5]"]


def rhs(code):
    """The value part of an answer written as `answer_x_y = VALUE` (None for code)."""
    last = code.strip().splitlines()[-1].split("#")[0]
    if "=" not in last or last.lstrip().startswith(("def ", "return")):
        return None
    return last.split("=", 1)[1].strip()


def texts_for(exercise):
    texts = [rhs(exercise.answer_code)]
    texts += [rhs(code) for code, _ in exercise.wrong_code]
    for answer, _ in exercise.examples:
        if isinstance(answer, (int, float, str, bool, list, tuple)) or answer is None:
            texts.append(repr(answer))
    return [t for t in dict.fromkeys(texts + ODD) if t is not None]


def python_verdict(exercise, text):
    """What the notebook's check says to the value ``text`` would be, typed in the cell."""
    try:
        value = eval(text or "...", {"__builtins__": {}}, {})   # noqa: S307 (our own texts)
    except Exception:          # not a value (a name, unfinished code): the cell itself fails
        return ["unreadable", None]
    return list(exercise.verdict(value))


def node_verdicts(cases):
    done = subprocess.run(["node", str(ROOT / "tests" / "js" / "exercises.js")],
                          input=json.dumps(cases), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_most_value_exercises_can_be_answered_on_the_page():
    kinds = {e.page_spec()["check"]["kind"] for e in ON_THE_PAGE}
    assert kinds == {"number", "vector", "choice", "truth", "gate_weights", "condition",
                     "table", "xnor_output"}
    values = [e for e in EXERCISES if e.page_spec()["answer"] == "value"]
    assert ON_THE_PAGE == values            # every exercise whose answer is a value
    assert len(ON_THE_PAGE) >= 34
    for e in ON_THE_PAGE:
        json.dumps(e.page_spec())                  # data, for the page


def test_the_right_answer_of_every_page_exercise_is_correct_in_python():
    for e in ON_THE_PAGE:
        text = rhs(e.answer_code)
        if text is not None and "np." not in text:
            assert python_verdict(e, text)[0] == "correct", (e.name, text)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_and_the_notebook_say_the_same():
    cases, expected = [], []
    for e in ON_THE_PAGE:
        spec = e.page_spec()
        for text in texts_for(e):
            cases.append({"exercise": spec, "text": text})
            expected.append(python_verdict(e, text))
    got = node_verdicts(cases)
    assert len(cases) > 1500
    differ = []
    for case, want, have in zip(cases, expected, got, strict=True):
        name, text = case["exercise"]["name"], case["text"]
        if want[0] in ("unreadable", "unanswered"):
            if have[0] != want[0]:
                differ.append((name, text, want, have))
        elif have != want:
            differ.append((name, text, want, have))
    assert not differ, differ[:10]
    statuses = {s for s, _ in got}
    assert statuses == {"correct", "incorrect", "unanswered", "unreadable"}


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_what_the_page_says_to_code_and_blanks():
    spec = nb00.q1.page_spec()
    texts = ["np.dot([1, 2], [3, 4])", "", "[1, 2", "abc"]
    said = node_verdicts([{"exercise": spec, "text": t} for t in texts])
    assert said[0][0] == "unreadable" and "runs in the notebook" in said[0][1]
    assert said[1][0] == "unanswered" and "Type your answer in the box" in said[1][1]
    assert said[2][0] == "unreadable" and "bracket" in said[2][1]
    for _status, message in said:
        for leak in ("ufunc", "Traceback", "undefined", "NaN", "BigInt", "TypeError"):
            assert leak not in message, message


def test_numpy_numbers_are_read_as_numbers():
    """A NumPy integer (what np.dot gives) is read as the number it is."""
    assert nb00.q3.verdict(np.int64(32))[0] == "correct"
