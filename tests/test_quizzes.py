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
    assert covered == [f"0{k}" for k in range(10)], "every notebook, once, in order"


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
