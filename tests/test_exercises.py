"""Every exercise: blank says 'not answered yet', its own right answer passes, typical wrong
answers get their specific feedback, odd input gets a message, and nothing ever raises.

(tests/test_exercise_answers.py runs the same answers inside the notebooks.)
"""

from fractions import Fraction

import numpy as np
import pytest

import perceptron_lib
from perceptron_lib.exercises import ALL, NOT_ANSWERED, nb01, nb02, nb03, nb04, questions

EXERCISES = [(f"{nb}.{q}", ex) for nb, mod in ALL.items() for q, ex in questions(mod)]
IDS = [n for n, _ in EXERCISES]


def run(code, before=""):
    """What a learner's answer cell defines: the code run with the notebooks' imports, after
    ``before``, the earlier answers it calls (Exercise.before)."""
    namespace = {"np": np, **{k: getattr(perceptron_lib, k) for k in perceptron_lib.__all__}}
    exec(before, namespace)
    exec(code, namespace)
    return namespace


def test_every_notebook_has_at_least_three_exercises():
    for nb, mod in ALL.items():
        assert len(questions(mod)) >= 3, nb


@pytest.mark.parametrize("name, ex", EXERCISES, ids=IDS)
def test_blank_answers_are_not_answered(name, ex, capsys):
    for blank in (..., None, "", "  "):
        ex.check(blank)
        assert NOT_ANSWERED in capsys.readouterr().out
        assert ex.status == "unanswered"


@pytest.mark.parametrize("name, ex", EXERCISES, ids=IDS)
def test_the_answer_code_is_right(name, ex, capsys):
    answer = run(ex.answer_code, ex.before)[ex.answer_name]
    ex.check(answer)
    out = capsys.readouterr().out
    assert ex.status == "correct" and "correct!" in out, out
    ex.solution()
    out = capsys.readouterr().out
    assert "Solution" in out and ex.answer_code in out and ex.explanation in out


@pytest.mark.parametrize("name, ex", EXERCISES, ids=IDS)
def test_typical_wrong_answers_get_their_message(name, ex, capsys):
    assert ex.wrong_code, "every exercise lists typical wrong answers"
    for code, must_say in ex.wrong_code:
        ex.check(run(code, ex.before)[ex.answer_name])
        out = capsys.readouterr().out
        assert ex.status == "incorrect", (code, out)
        assert must_say in out, (code, out)


@pytest.mark.parametrize("name, ex", EXERCISES, ids=IDS)
def test_examples_and_odd_input(name, ex, capsys):
    for answer, expected in ex.examples:
        ex.check(answer)
        out = capsys.readouterr().out
        if expected == "correct":
            assert ex.status == "correct", (answer, out)
        else:
            assert ex.status == "incorrect" and expected in out, (answer, out)
    odd = ["abc", 1e300, -7e300, float("nan"), [[1, 2], [3]], {"a": 1}, np.zeros((2, 2)),
           [True, False, True], object(), lambda *a: None, lambda *a: 1 / 0]
    for answer in odd:
        ex.check(answer)           # never raises
        out = capsys.readouterr().out
        assert ex.status in ("incorrect", "unanswered"), (answer, out)
        for leak in ("ufunc", "could not convert", "setting an array element", "Traceback"):
            assert leak not in out, (answer, out)
    ex.hint()
    assert "Hint" in capsys.readouterr().out


def test_a_crashing_function_gets_a_message_not_a_traceback(capsys):
    def update(W, x, d, lr):
        raise ZeroDivisionError("oops")

    nb04.q4.check(update)
    out = capsys.readouterr().out
    assert "raised ZeroDivisionError: oops" in out and nb04.q4.status == "incorrect"


def test_a_function_with_only_dots_counts_as_not_answered(capsys):
    def update(W, x, d, lr):
        ...

    def fit(X, d, lr, epochs):
        pass

    nb04.q4.check(update)
    nb04.q5.check(fit)
    assert capsys.readouterr().out.count(NOT_ANSWERED) == 2


def test_function_answers_get_their_own_copies(capsys):
    """An in-place update that ignores lr was once accepted, because the reference then saw
    the learner's already-changed W."""
    def update(W, x, d, lr):
        xe = np.insert(x, 0, 1)
        W += (d - (1 if W @ xe >= 0 else 0)) * xe
        return W

    nb04.q4.check(update)
    assert nb04.q4.status == "incorrect" and "in place" in capsys.readouterr().out


def test_a_function_that_returns_none_is_told_so(capsys):
    def update(W, x, d, lr):
        W = W + lr * x.sum()

    nb04.q4.check(update)
    assert "returned None: did you forget `return`?" in capsys.readouterr().out


def test_fit_is_checked_bit_for_bit_against_the_library(capsys):
    def fit(X, d, lr, epochs):   # right on AND, but only ever one input column in the bias
        W = np.zeros(X.shape[1] + 1)
        for _ in range(epochs):
            for x, t in zip(X, d):
                xe = np.insert(x, 0, 1)
                W = W + lr * (t - (1 if W @ xe >= 0 else 0)) * xe
        return W + 1e-15 * (len(X) > 4)
    nb04.q5.check(fit)
    out = capsys.readouterr().out
    assert nb04.q5.status == "incorrect" and "expected" in out


@pytest.mark.parametrize("text", ["w1 + w2 + b >= 0", "w_1 + w_2 + b >= 0", "b + w1 + w2 >= 0",
                                  "0 <= w1 + w2 + b", "w1 + w2 >= -b", "2w1 + 2w2 + 2b >= 0",
                                  "-w1 - w2 - b <= 0", "W1+W2+B>=0", "w1 + w2 + b + 0 ≥ 0",
                                  "w1 * 1 + w2 * 1 + b >= 0", "w1·1 + w2·1 + b >= 0",
                                  "1*w1 + 1*w2 + b >= 0", "1·w1+1·w2+b>=0",
                                  "w1×1 + 1 × w2 + b ≥ 0", "w1 * 1 + w2 * 1 + b * 1 >= 0",
                                  "-1·w1 - w2·1 - b <= 0", "w1·0.5 + 0.5w2 + 0.5·b >= 0"])
def test_inequalities_are_compared_by_meaning(text):
    assert nb03.q4.verdict(text)[0] == "correct"


@pytest.mark.parametrize("text, says", [("w1 + w2 + b < 0", "XOR's condition"),
                                        ("0 > b + w2 + w1", "XOR's condition"),
                                        ("w1 + w2 + b > 0", "not > 0"),
                                        ("w1 + w2 + b <= 0", "must fire"),
                                        ("b + w2 < 0", "input (0, 1)"), ("b >= 0", "(0, 0)"),
                                        ("w1 + w2 >= 0", "That is not it"),
                                        ("w1 + w2 + b >= 0 >= 1", "Write one inequality"),
                                        ("yes", "Write one inequality"),
                                        ("w1·1 + w2·1 + b < 0", "XOR's condition"),
                                        ("w1*1 + b*1 < 0", "input (1, 0)"),
                                        ("w1 * 2 + w2 + b >= 0", "That is not it"),
                                        ("w1·x1 + w2·x2 + b >= 0", "x1 = 1 and x2 = 1"),
                                        ("b + w1 * w2 >= 0", "never by another letter"),
                                        ("w1 * * 1 + w2 + b >= 0", "Write one inequality"),
                                        ("w1 + w2 + b * >= 0", "Write one inequality"),
                                        ("* w1 + w2 + b >= 0", "Write one inequality"),
                                        (["w1 + w2 + b >= 0"], "text in quotes")])
def test_other_inequalities_are_told_apart(text, says):
    status, message = nb03.q4.verdict(text)
    assert status == "incorrect" and says in message


def test_exercise_3_4_asks_what_the_notebook_does_not_show():
    """3.4 asks for XNOR's (1, 1) condition; the proof's table shows only XOR's."""
    import json
    from pathlib import Path
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" /
                     "03_linear_separability.ipynb").read_text())
    text = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "$w_1 + w_2 + b < 0$" in text and "w_1 + w_2 + b \\ge 0" not in text
    # and XNOR's four conditions really contradict each other: no [b, w1, w2] on a fine grid
    grid = np.arange(-20, 21) / 4
    b, w1, w2 = np.meshgrid(grid, grid, grid, indexing="ij")
    assert not ((b >= 0) & (w2 + b < 0) & (w1 + b < 0) & (w1 + w2 + b >= 0)).any()


def test_exercise_5_1_is_xnors_cycle_not_xors():
    from perceptron_lib import Perceptron, gate
    from perceptron_lib.exercises import nb05
    p = Perceptron(2, epochs=6).fit(*gate("XNOR"))
    ends = [p.history_.W_at(e + 1).tolist() for e in p.history_.epoch_ends]
    assert ends[0] == [0, 1, 0] and all(w == [-1, 1, 0] for w in ends[1:])
    assert (p.cycle_.epoch, p.cycle_.repeats_epoch, p.cycle_.length) == (3, 2, 1)
    assert nb05.q1.verdict([-1, 1, 0])[0] == "correct"
    assert "XOR's cycle" in nb05.q1.verdict([0, -1, 0])[1]
    xor = Perceptron(2, epochs=6).fit(*gate("XOR"))
    assert xor.W.tolist() == [0, -1, 0] and nb05.q1.verdict(xor.W)[0] == "incorrect"


def test_exercise_8_4_is_the_three_point_plateau():
    from perceptron_lib.exercises import nb08
    y, d = np.array([0, 2 / 3, 2 / 3, 2 / 3]), np.array([0, 1, 1, 0])
    loss = np.mean((y - d) ** 2 / 2)
    assert abs(loss - 1 / 12) < 1e-15 and nb08.q6.verdict(loss)[0] == "correct"
    # 2/3 is the best single output for targets 1, 1, 0 (squared loss): nothing on a grid beats it
    outs = np.linspace(0, 1, 3001)
    assert abs(outs[np.argmin([((o - d[1:]) ** 2).sum() for o in outs])] - 2 / 3) < 1e-3
    assert "the stuck run above" in nb08.q6.verdict(0.0625)[1]


def test_exercises_7_follow_the_notebooks_data():
    """7.1 scales with the training flowers' statistics, 7.2 is the first epoch at the best
    accuracy, 7.3 reads the confusion table the notebook prints."""
    import json
    from pathlib import Path

    from perceptron_lib import Perceptron, iris_two_species, load_iris
    from perceptron_lib.exercises import nb07
    feats = ("sepal length", "petal length")
    X, d = iris_two_species("setosa", "versicolor", features=feats)
    train = np.random.default_rng(0).permutation(len(d))[:70]
    right = (4.5 - X[train, 1].mean()) / X[train, 1].std()
    assert nb07.q1.verdict(right)[0] == "correct" and nb07.q1.verdict(round(right, 4))[0] \
        == "correct"
    # pandas' std (ddof=1) gives 1.2357: the same 1.24 at 3 digits, so 4 are needed
    sample = (4.5 - X[train, 1].mean()) / X[train, 1].std(ddof=1)
    assert round(sample, 2) == round(right, 2) and round(sample, 3) != round(right, 3)
    assert "ddof=1" in nb07.q1.verdict(sample)[1] and "ddof=1" in nb07.q1.verdict(
        round(sample, 3))[1]
    assert "give at least 4 significant digits" in nb07.q1.verdict(round(right, 2))[1]
    assert "all 100 flowers" in nb07.q1.verdict((4.5 - X[:, 1].mean()) / X[:, 1].std())[1]

    X2, d2 = iris_two_species("versicolor", "virginica", features=feats)
    X2 = (X2 - X2.mean(axis=0)) / X2.std(axis=0)
    p, acc = Perceptron(2), []
    for _ in range(60):
        p.partial_fit(X2, d2)
        acc.append(p.score(X2, d2))
    assert nb07.q2.verdict(int(np.argmax(acc)) + 1)[0] == "correct"
    last_best = int(np.flatnonzero(np.array(acc) == max(acc))[-1]) + 1
    assert last_best > int(np.argmax(acc)) + 1       # there is a tie for the trap to catch
    assert "strictly better" in nb07.q2.verdict(last_best)[1]

    assert load_iris().target_names[1] == "versicolor"      # row 1 of the table
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" /
                     "07_real_data.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
                      for o in c["outputs"])
    table_lines = [line.split() for line in printed.splitlines() if line.startswith("true ")]
    table = np.array([[int(v) for v in parts[2:]] for parts in table_lines])
    assert table.shape == (3, 3)
    assert tuple(table[1]) == nb07.VERSICOLOR_ROW and table[:, 1].sum() == nb07.SAID_VERSICOLOR
    assert (table.sum(), np.trace(table)) == (nb07.TEST_FLOWERS, nb07.RIGHT)
    assert nb07.q3.verdict(table[1, 1] / table[1].sum())[0] == "correct"
    assert "reads the column" in nb07.q3.verdict(table[1, 1] / table[:, 1].sum())[1]
    # the virginica row's fraction is the overall accuracy (11/15 = 33/45): one message for both
    assert tuple(table[2]) == nb07.VIRGINICA_ROW
    assert table[2, 2] / table[2].sum() == np.trace(table) / table.sum()
    for read in (table[2, 2] / table[2].sum(), np.trace(table) / table.sum()):
        message = nb07.q3.verdict(read)[1]
        assert "virginica row's fraction (11/15)" in message and "(33/45)" in message


def test_hand_set_gate_weights_are_judged_exactly():
    # 0.3 - 0.2 - 0.1 is -2.8e-17 in floating point, but exactly 0: (1, 1) fires.
    assert 0.3 + (-0.2) + (-0.1) < 0
    status, message = nb02.q4.verdict([0.3, -0.2, -0.1])
    assert status == "incorrect" and "= 0 exactly, and step(0) = 1" in message
    # and 0.6 + 0.3 - 0.9 = 0 exactly: AND's (1, 1) is on the line and fires
    assert nb02.q3.verdict([-0.3, 0.3, 0.3])[0] == "correct"
    assert nb02.q3.verdict(np.array([-0.3, 0.3, 0.3]))[0] == "correct"


@pytest.mark.parametrize("answer, says", [(np.array([[1, 0, 1]]), "not a table"),
                                          (np.array([True, False, True]), "not True/False"),
                                          ([1, 0, "1"], "not numbers"),
                                          ([1, 0, float("nan")], "NaN")])
def test_shapes_and_types_of_list_answers(answer, says):
    from perceptron_lib.exercises import nb00
    status, message = nb00.q2.verdict(answer)
    assert status == "incorrect" and says in message


# --- the checker never trips over an odd answer (findings) ---------------------------------------

LEAKS = ("checking your answer raised", "truth value", "ambiguous", "OverflowError", "ufunc",
         "could not convert", "zip()", "Traceback", "int too large")


def _returning(value):
    return lambda *args: value


ODD_ANSWERS = [10**400, -10**400, Fraction(10**400), [10**400, 1, 2], [1, 10**400, 0.5],
               np.array([1.0, 2.0, 3.0]), np.float64(-3e300)]
ODD_RESULTS = [np.array([1, 0, 1]), np.array([[1.0, 0.0]]), 10**400, -10**400,
               Fraction(10**400), [10**400, 1, 2], "1", np.array(["a", "b", "c"]), [[1], [2, 3]],
               {"a": 1}, 1j, np.float64(np.nan), [None, None, None], object(), (1, 2, 3)]


@pytest.mark.parametrize("name, ex", EXERCISES, ids=IDS)
def test_odd_answers_and_odd_results_get_a_message_not_an_error(name, ex):
    answers = ODD_ANSWERS + [_returning(v) for v in ODD_RESULTS]
    for answer in answers:
        status, message = ex.verdict(answer)
        assert status == "incorrect", (answer, message)
        # lower case: "not quite." is followed by a capital ("Checking your answer raised")
        assert not any(leak.lower() in message.lower() for leak in LEAKS), (answer, message)


def test_a_number_too_large_for_a_float_is_called_far_too_large(exercises=None):
    asked = 0
    for name, ex in exercises or EXERCISES:
        right = run(ex.answer_code, ex.before)[ex.answer_name]
        if isinstance(right, (int, float)) and not isinstance(right, bool):
            huge = 10**400                                  # a number question
        elif isinstance(right, list):
            huge = [10**400] + right[1:]                    # a list of numbers
        else:
            continue                                        # answered otherwise
        status, message = ex.verdict(huge)
        assert status == "incorrect" and "far too large" in message, name
        assert "1.8e308" in message, name
        asked += 1
    assert asked >= (10 if exercises is None else 1)


def test_a_neuron_returning_an_array_is_told_to_return_one_number():
    def neuron(x, w, threshold):
        return np.array(x) * np.array(w) >= threshold      # one answer per input: an array

    status, message = nb01.q3.verdict(neuron)
    assert status == "incorrect"
    assert "returned an array of 3 values; it should return one number" in message


@pytest.mark.parametrize("ex, args_shown, says", [
    ("nb01.q3", "neuron([1, 0, 1], [0.5, 2, 1], 1.5)", "returned a number far too large"),
    ("nb04.q4", "update(np.array([0.0, 0.0, 0.0]), [1.0, 1.0], 0, 1.0)",
     "returned a number far too large"),
    ("nb04.q5", "fit(np.array(", "returned a number far too large"),
    ("nb08.q3", "hidden_delta(0.1,", "returned a number far too large"),
])
def test_a_function_returning_a_huge_int_is_told_so(ex, args_shown, says):
    nb, q = ex.split(".")
    exercise = getattr(ALL[nb], q)
    status, message = exercise.verdict(_returning(10**400))
    assert status == "incorrect" and args_shown in message and says in message


def test_a_function_returning_the_wrong_kind_is_told_what_to_return():
    status, message = nb04.q4.verdict(_returning(7))
    assert "it returned 7; it should return 3 numbers" in message
    status, message = nb01.q3.verdict(_returning("1"))
    assert "it returned the text '1', which is not numbers; it should return one number" \
        in message
    status, message = nb01.q3.verdict(_returning([[1], [2, 3]]))
    assert "of different lengths" in message


# --- fair number checks -----------------------------------------------------------------------

def test_a_measured_slope_and_a_rounding_error_count_as_right():
    from perceptron_lib.exercises import nb00, nb08
    assert nb08.q1.verdict(0.2499999792)[0] == "correct"     # the finite difference 08 teaches
    assert nb00.q3.verdict(32.0000001)[0] == "correct"


def test_a_near_miss_is_told_it_is_close_at_full_precision():
    from perceptron_lib.exercises import nb08
    status, message = nb08.q1.verdict(0.2512345678)
    assert status == "incorrect" and "0.2512345678 is close" in message
    assert "0.3 is not it" in nb08.q1.verdict(0.3)[1]


def _all_number_checks():
    from perceptron_lib.exercises.quizzes import QUIZZES
    for mod in [*ALL.values(), *QUIZZES.values()]:
        for _, ex in questions(mod):
            spec = getattr(ex._checker, "spec", None)
            if spec and spec["kind"] == "number":
                yield ex, spec


def test_a_rounded_answer_is_judged_by_the_digits_it_was_written_with():
    """A rounding that the right value and a typical mistake share is neither right nor that
    mistake: it is told to give more digits. With enough digits, each is told apart."""
    def rounded(x, k):
        return float(f"{x:.{k}g}")

    def near(a, b):
        return abs(a - b) <= 1e-6 * abs(b)

    seen = 0
    for ex, spec in _all_number_checks():
        right, needed = spec["expected"], spec["needed"]
        mistakes = [w for w, _ in spec["wrong"]]
        for w, message in spec["wrong"]:
            for k in range(1, 10):
                value = rounded(w, k)
                if near(value, right) or any(near(value, m) for m in mistakes if m != w):
                    continue            # the right value itself, or another mistake's
                status, said = ex.verdict(value)
                assert status == "incorrect", (ex.name, value, said)
                if near(value, w):      # the mistake's own value (20 for 21: not a rounding)
                    assert said.endswith(message[1:]), (ex.name, value, said)
                elif rounded(right, k) == value:
                    seen += 1           # at k digits it could be either: not right, not w's
                    assert "significant digits" in said, (ex.name, value, said)
                elif k >= 2:
                    assert said.endswith(message[1:]), (ex.name, value, said)
            assert ex.verdict(rounded(right, needed))[0] == "correct", ex.name
    assert seen


def test_exercise_7_1_rounded_answers():
    from perceptron_lib.exercises import nb07
    for value in (1.2446, 1.245, 1.24461):
        assert nb07.q1.verdict(value)[0] == "correct", value
    for value in (1.2, 1.24):
        status, said = nb07.q1.verdict(value)
        assert said.endswith(f"{value} is close: give at least 4 significant digits (do not "
                             f"round until the end)."), said
    for value in (1.236, 1.2357):
        assert "ddof=1" in nb07.q1.verdict(value)[1]
    assert "close, but not close enough" in nb07.q1.verdict(1.25)[1]


def test_a_list_of_the_products_is_told_to_add_them_up():
    from perceptron_lib.exercises import nb00
    for products in ([4, 10, 18], (4, 10, 18), np.array([4, 10, 18]), [4.0, 10.0, 18.0]):
        status, said = nb00.q3.verdict(products)
        assert status == "incorrect" and "three products 1·4, 2·5 and 3·6" in said
        assert "add them up" in said
    for other in ([18, 10, 4], [4, 10], [1, 2, 3, 4, 5, 6], [True, 10, 18], [[4, 10, 18]]):
        assert "single number, not a list" in nb00.q3.verdict(other)[1], other


def test_6_3_tells_the_bias_put_last():
    from perceptron_lib.exercises import nb06
    for W in ([-1, -1, 1.5], [-2, -1, 2], np.array([-1, -1, 1.5])):
        status, said = nb06.q3.verdict(W)
        assert status == "incorrect" and "you put the bias last" in said
        assert "W = [b, v1, v2]" in said
    assert "bias last" not in nb06.q3.verdict([-1, 1, 1.5])[1]
    assert "W = [b, w1, w2]" in nb02.q3.verdict([1, 1, -0.5])[1]


def test_text_answers_to_number_questions_are_told_what_to_write():
    assert "without the quotes" in nb03.q3.verdict("14")[1]
    message = nb03.q3.verdict("fourteen")[1]
    assert "written in digits, not text" in message and "without the quotes" not in message
    assert "14" not in message                  # 0.1's answer: no example from another one


def test_xor_is_told_it_is_not_one_of_the_choices():
    assert "not one of the four" in nb03.q1.verdict("XOR")[1]


def test_exact_and_floating_point_disagree_and_the_message_says_both():
    # 0.3 - 0.2 - 0.1 is 0 exactly (so NAND's (1, 1) fires: wrong), but -2.8e-17 in floats
    status, message = nb02.q4.verdict([0.3, -0.2, -0.1])
    assert status == "incorrect" and "0 exactly, and step(0) = 1" in message
    assert "floating-point" in message and "-2.7755575615628914e-17" in message


def test_messages_have_no_stray_space_before_a_comma():
    for name, ex in EXERCISES:
        for odd in ("text", [[1, 0, 1]], [1, 2]):
            assert " ," not in ex.verdict(odd)[1], name


def test_the_neuron_check_diagnoses_what_is_really_wrong():
    def always_zero(x, w, threshold):
        return 0

    def inverted(x, w, threshold):
        return 1 if np.dot(x, w) < threshold else 0

    def strict(x, w, threshold):
        return 1 if np.dot(x, w) > threshold else 0

    assert "below or above the threshold" in nb01.q3.verdict(always_zero)[1]
    assert "the other way round" in nb01.q3.verdict(inverted)[1]
    assert "use >= rather than >" in nb01.q3.verdict(strict)[1]
    assert nb01.q1.verdict("cell body")[0] == "correct"


def test_a_message_after_not_quite_starts_with_a_capital():
    """"not quite. the order matters" read as a slip: the specific part starts a sentence,
    unless its first word is maths or code (z, e, x0, np.argmax, update(...))."""
    from perceptron_lib.exercises import nb00, nb07, nb09
    assert "not quite. The order matters" in nb00.q2.verdict([1, 1, 0])[1]
    assert "not quite. It looks like you put the bias last" in nb02.q3.verdict([1, 1, -0.5])[1]
    assert "correct! It gives the right result" in nb04.q4.verdict(
        run(nb04.q4.answer_code)["update"])[1]
    assert "not quite. z = 0 gives y = 1" in nb04.q2.verdict([1, 1, 1])[1]       # maths
    assert "not quite. np.argmax counts from 0" in nb07.q2.verdict(nb07.POCKET_EPOCH - 1)[1]
    assert "correct! z ≈" in nb09.q2.verdict(run(nb09.q2.answer_code)["answer_9_2"])[1]
    for name, ex in EXERCISES:
        for code, _ in ex.wrong_code:
            message = ex.verdict(run(code, ex.before)[ex.answer_name])[1].split("not quite. ", 1)[1]
            first = message.split()[0].rstrip(",:;")
            assert not (first.isalpha() and first.islower() and
                        (len(first) > 1 or first == "a")), (name, message)


def test_4_5_rejects_a_fit_one_epoch_short_or_two_too_long():
    """Two of 4.5's cases are still learning at their last epoch (AND after 3 epochs, eight
    noisy points after 6, where the order of visits matters too)."""
    for change, says in (("range(epochs - 1)", "1 epoch too few"),
                         ("range(epochs + 2)", "2 epochs too many")):
        fit = run(nb04.q5.answer_code.replace("range(epochs)", change))["fit"]
        status, message = nb04.q5.verdict(fit)
        assert status == "incorrect" and says in message, message
    reversed_fit = run(nb04.q5.answer_code.replace("zip(X, d)", "zip(X[::-1], d[::-1])"))["fit"]
    assert nb04.q5.verdict(reversed_fit)[0] == "incorrect"


def test_4_5_blames_a_broken_update_from_4_4_not_fit():
    code = nb04.q5.answer_code.replace("W = W + lr * (target - y) * xe",
                                       "W = update(W, x, target - y, lr)")
    broken = "def update(W, x, d, lr):\n    return W[1:] + lr * d * x\n"
    status, message = nb04.q5.verdict(run(code, broken)["fit"])
    assert status == "incorrect" and "fix update first" in message, message
    for leak in ("matmul", "core dimension", "Traceback"):
        assert leak not in message


def test_numpy_shape_errors_are_said_in_plain_words():
    def fit(X, d, lr, epochs):
        W = np.zeros(X.shape[1])               # the bias left out: W @ xe cannot work
        for x in X:
            W @ np.insert(x, 0, 1)
        return W

    def helper(W, x):
        return W * x                          # (2,) * (3,): cannot be broadcast

    def fit_with_helper(X, d, lr, epochs):
        return helper(np.zeros(2), np.insert(X[0], 0, 1))

    for f, says in ((fit, "@ multiplied two arrays of different lengths (2 and 3 numbers)"),
                    (fit_with_helper, "inside your function helper: two arrays of different "
                                      "lengths (2 and 3 numbers)")):
        status, message = nb04.q5.verdict(f)
        assert status == "incorrect" and says in message, message
        assert "matmul" not in message and "broadcast" not in message


def test_a_numpy_scalar_array_is_read_as_its_number():
    """np.array(16.0) (what np.sum(...) of a 0-d array or some computations leave) is one
    number, not a list; np.array(True) is still told to give a number."""
    import numpy as np

    from perceptron_lib.exercises import nb05
    assert nb05.q2.verdict(np.array(16.0))[0] == "correct"
    assert "not True/False" in nb05.q2.verdict(np.array(True))[1]
    assert "not a list" in nb05.q2.verdict(np.array([16.0]))[1]
