"""The check-in quizzes (perceptron_lib.exercises.quizzes) behave like every exercise: blank
says 'not answered yet', the answer passes, typical wrong answers get their message, odd input
never raises. The checks are tests/test_exercises.py's own, run on the quiz questions.

(tests/test_classroom_kit.py runs the same answers inside teacher/checkin_quizzes.ipynb.)
"""

import pytest

from perceptron_lib.exercises import questions
from perceptron_lib.exercises.quizzes import QUIZZES
from tests import test_exercises as same

QUESTIONS = [(f"{quiz}.{q}", ex) for quiz, ns in QUIZZES.items() for q, ex in questions(ns)]
IDS = [n for n, _ in QUESTIONS]


def test_five_questions_per_session():
    assert list(QUIZZES) == ["quiz1", "quiz2", "quiz3", "quiz4", "quiz5"]
    for quiz, ns in QUIZZES.items():
        assert [q for q, _ in questions(ns)] == ["q1", "q2", "q3", "q4", "q5"], quiz
        n = quiz[-1]
        assert [ex.name for _, ex in questions(ns)] == [f"Check-in {n}.{k}" for k in range(1, 6)]
        assert all(ex.answer_name == f"quiz_{n}_{k}"
                   for k, (_, ex) in enumerate(questions(ns), start=1))
    covered = [nb for ns in QUIZZES.values() for nb in ns.notebooks]
    assert covered == [f"{k:02}" for k in range(11)], "every notebook, once, in order"


@pytest.mark.parametrize("name, ex", QUESTIONS, ids=IDS)
def test_blank_answers_are_not_answered(name, ex, capsys):
    same.test_blank_answers_are_not_answered(name, ex, capsys)


@pytest.mark.parametrize("name, ex", QUESTIONS, ids=IDS)
def test_the_answer_code_is_right(name, ex, capsys):
    same.test_the_answer_code_is_right(name, ex, capsys)


@pytest.mark.parametrize("name, ex", QUESTIONS, ids=IDS)
def test_typical_wrong_answers_get_their_message(name, ex, capsys):
    same.test_typical_wrong_answers_get_their_message(name, ex, capsys)


@pytest.mark.parametrize("name, ex", QUESTIONS, ids=IDS)
def test_examples_and_odd_input(name, ex, capsys):
    same.test_examples_and_odd_input(name, ex, capsys)


@pytest.mark.parametrize("name, ex", QUESTIONS, ids=IDS)
def test_odd_answers_and_odd_results_get_a_message_not_an_error(name, ex):
    same.test_odd_answers_and_odd_results_get_a_message_not_an_error(name, ex)


def test_a_number_too_large_for_a_float_is_called_far_too_large():
    same.test_a_number_too_large_for_a_float_is_called_far_too_large(QUESTIONS)


# --- the questions that ask for reasoning: their answers, worked out here from the course's
# own step function and gates, are the ones the checks take as right ---------------------------

INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def _outputs(W):
    from fractions import Fraction

    from perceptron_lib import step
    b, w1, w2 = (Fraction(str(v)) for v in W)
    return [step(b + w1 * x1 + w2 * x2) for x1, x2 in INPUTS]


def _verdict(ex, answer):
    return ex.verdict(answer)[0]


def test_check_in_1_3_outputs_are_the_neurons_own():
    from perceptron_lib.exercises.quizzes import quiz1
    y = _outputs([-2, 1, 1])
    assert y == [0, 0, 0, 1]                     # AND, and only because step(0) = 1
    assert _verdict(quiz1.q3, y) == "correct"
    assert _verdict(quiz1.q3, [0, 0, 0, 0]) == "incorrect"


def test_check_in_2_4_asks_for_the_smallest_bias_that_makes_or():
    from fractions import Fraction

    from perceptron_lib import gate
    from perceptron_lib.exercises.quizzes import quiz2
    _, d_or = gate("OR")
    _, d_and = gate("AND")
    assert _outputs([-3, 2, 1]) == list(d_and)   # the neuron the question starts from
    biases = [Fraction(k, 100) for k in range(-500, 201)]
    works = [b for b in biases if _outputs([b, 2, 1]) == list(d_or)]
    assert min(works) == -1 and max(works) < 0
    assert _verdict(quiz2.q4, float(min(works))) == "correct"
    for b in (-3, -2, -1.5, -0.5, 0, 1):         # AND's bias, too low, enough but not least
        assert _verdict(quiz2.q4, b) == "incorrect", b


def test_check_in_3_5_follows_the_inputs_through_the_hidden_layer():
    from perceptron_lib import gate
    from perceptron_lib.exercises.quizzes import quiz3
    table = {name: dict(zip(INPUTS, gate(name)[1])) for name in ("OR", "NAND", "AND", "XOR")}
    hidden = [(table["OR"][x], table["NAND"][x]) for x in INPUTS]
    with_and = [table["AND"][h] for h in hidden]
    with_or = [table["OR"][h] for h in hidden]
    assert with_and == [table["XOR"][x] for x in INPUTS]     # notebook 06's network: XOR
    assert with_or == [1, 1, 1, 1]                          # with OR at the output: always 1
    assert _verdict(quiz3.q5, "always 1") == "correct"
    for wrong in ("XOR", "OR", "AND"):
        assert _verdict(quiz3.q5, wrong) == "incorrect"


def test_check_in_4_1_the_pocket_keeps_the_best_epoch():
    import re

    from perceptron_lib.exercises.quizzes import quiz4
    said = re.search(r"get ([\d, and]+) flowers", quiz4.q1.question).group(1)
    right = [int(v) for v in said.replace("and", ",").split(",") if v.strip()]
    assert len(right) == 4
    best = max(range(len(right)), key=lambda k: (right[k], -k)) + 1
    assert best == 2
    assert _verdict(quiz4.q1, best) == "correct"
    assert _verdict(quiz4.q1, len(right)) == "incorrect"     # the last weights are not it

