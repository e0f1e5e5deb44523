"""Every exercise: blank says 'not answered yet', right answers pass, common wrong answers
get their specific feedback, and nothing ever raises."""

import pytest

from perceptron_lib.exercises import ALL, NOT_ANSWERED

EXERCISES = [(f"{nb}.{q}", ex) for nb, ns in ALL.items() for q, ex in vars(ns).items()]


def test_every_notebook_has_at_least_three_exercises():
    for nb, ns in ALL.items():
        assert len(vars(ns)) >= 3, nb


@pytest.mark.parametrize("name, ex", EXERCISES, ids=[n for n, _ in EXERCISES])
def test_exercise(name, ex, capsys):
    for blank in (..., None, "", "  "):
        ex.check(blank)
        assert NOT_ANSWERED in capsys.readouterr().out
        assert ex.status == "unanswered"
    assert any(expected == "correct" for _, expected in ex.examples), "needs a right answer"
    assert any(expected != "correct" for _, expected in ex.examples), "needs a wrong answer"
    for answer, expected in ex.examples:
        ex.check(answer)
        out = capsys.readouterr().out
        if expected == "correct":
            assert ex.status == "correct", (answer, out)
            assert "correct!" in out
        else:
            assert ex.status == "incorrect", (answer, out)
            assert expected in out, (answer, out)
    ex.hint()
    assert "Hint" in capsys.readouterr().out
    ex.solution()
    assert "Solution" in capsys.readouterr().out


def test_a_crashing_function_gets_a_message_not_a_traceback(capsys):
    from perceptron_lib.exercises import nb04

    def update(W, x, d, lr):
        raise ZeroDivisionError("oops")

    nb04.q4.check(update)
    out = capsys.readouterr().out
    assert "raised ZeroDivisionError: oops" in out and nb04.q4.status == "incorrect"


def test_a_function_with_only_dots_counts_as_not_answered(capsys):
    from perceptron_lib.exercises import nb01, nb04

    def neuron(x, w, threshold):
        ...

    def update(W, x, d, lr):
        ...

    nb01.q3.check(neuron)
    nb04.q4.check(update)
    out = capsys.readouterr().out
    assert out.count("not answered yet") == 2
