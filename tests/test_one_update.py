"""One retrain, one update: everything a retrain changes reaches the view in one state message
(the view never draws the old run with new settings)."""

import pytest

from perceptron_lib.widgets import DescentExplorer, TrainingExplorer


def updates(widget, action):
    """The state messages the widget sends to its view during ``action``."""
    sent = []
    real = widget._send

    def spy(msg, buffers=None):
        sent.append(msg)
        return real(msg, buffers)

    widget._send = spy
    try:
        action()
    finally:
        widget._send = real
    return [m for m in sent if m.get("method") == "update"]


@pytest.mark.parametrize("what, action", [
    ("data set", lambda ex: ex.set_state({"dataset": "OR"})),           # as the view sends it
    ("learning rate", lambda ex: ex.set_state({"lr": 0.5})),
    ("data set from Python", lambda ex: setattr(ex, "dataset", "XOR")),
    ("typed points", lambda ex: (ex.set_state({"points_text": "0, 0, 0\n1, 1, 1"}),
                                 ex._on_view_message(ex, {"kind": "apply"}, []))),
    ("a click", lambda ex: ex._on_view_message(ex, {"kind": "click", "x": 0.3, "y": 0.4}, [])),
    ("undo", lambda ex: ex._on_view_message(ex, {"kind": "undo"}, [])),
])
def test_each_retrain_of_the_training_explorer_is_one_update(what, action):
    ex = TrainingExplorer(dataset="AND")
    ex.add_point(0.5, 0.5, 1)
    before = ex.run
    sent = updates(ex, lambda: action(ex))
    assert ex.run is not before, what
    assert len(sent) == 1, (what, [sorted(m["state"]) for m in sent])
    assert "run" in sent[0]["state"]


@pytest.mark.parametrize("what, action", [
    ("seed", lambda ex: ex.set_state({"seed": 3})),
    ("learning rate", lambda ex: ex.set_state({"lr": 2.0})),
    ("epochs", lambda ex: ex.set_state({"epochs": 500})),
    ("seed from Python", lambda ex: setattr(ex, "seed", 4)),
])
def test_each_retrain_of_the_descent_explorer_is_one_update(what, action):
    ex = DescentExplorer(seed=0, epochs=250)
    sent = updates(ex, lambda: action(ex))
    assert len(sent) == 1, (what, [sorted(m["state"]) for m in sent])
    assert "run" in sent[0]["state"]
