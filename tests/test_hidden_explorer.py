"""The hidden-layer explorer's Python side: every precomputed run equals the course's
Perceptron trained on the spot, the verdicts agree with separability, odd settings get clear
messages, and what is sent to the browser stays small.

(What the view draws, and that its words are these, is checked in a browser:
tests/browser/test_hidden.py.)
"""

import json

import numpy as np
import pytest
import traitlets

from perceptron_lib import (
    BOOLEAN_FUNCTION_NAMES,
    Perceptron,
    boolean_function,
    gate,
    is_linearly_separable,
)
from perceptron_lib.hidden_layer import (
    HIDDEN_MENU,
    MENU,
    all_runs,
    clash,
    function_number,
    hidden_points,
    network_outputs,
    readout,
    replay,
    verdict,
)
from perceptron_lib.widgets import HiddenLayerExplorer

LEAKS = ("Traceback", "KeyError", "object of type", "not iterable", "NoneType")
HIDDEN = [function_number(g, hidden=True) for g in HIDDEN_MENU]


@pytest.fixture(scope="module")
def explorer():
    return HiddenLayerExplorer()


def test_menus_hold_every_function_and_the_hidden_ones_exclude_xor_and_xnor():
    assert sorted(MENU) == sorted(BOOLEAN_FUNCTION_NAMES)
    assert set(MENU) - set(HIDDEN_MENU) == {"XOR", "XNOR"}
    assert len(HIDDEN_MENU) == 14
    assert all(is_linearly_separable(*boolean_function(k)) or
               len(set(boolean_function(k)[1])) == 1 for k in HIDDEN)


def test_every_run_equals_the_perceptron_trained_on_the_spot():
    runs = all_runs()
    assert len(runs) == 14 * 14 * 16
    for (k1, k2, t), errors in runs.items():
        H = hidden_points(k1, k2)
        d = boolean_function(t)[1]
        p = Perceptron(2, lr=1, epochs=100).fit(H, d)        # the course's conventions
        h = p.history_
        n = len(errors)
        assert n % 4 == 0 and 0 < n <= len(h)
        assert errors == "".join({1: "+", 0: "0", -1: "-"}[int(e)] for e in h.e[:n])
        Ws = replay(k1, k2, errors)
        assert np.array_equal(np.array(Ws[1:]), h.W_after[:n])
        separable = is_linearly_separable(H, d) or len(set(d)) == 1
        if separable:
            # converged: the last epoch shown is the first without mistakes, W is the final W
            assert h.converged_epoch == n // 4 and np.array_equal(Ws[-1], p.W)
            assert network_outputs(k1, k2, Ws[-1]) == d.tolist()
        else:
            # a cycle: shown up to the epoch whose end repeats an earlier one
            assert h.converged_epoch is None and h.cycle.epoch == n // 4
            ends = [Ws[4 * j] for j in range(n // 4 + 1)]
            assert ends[-1] in ends[:-1]
            assert network_outputs(k1, k2, Ws[-1]) != d.tolist()
        # the hidden layer must merge two inputs with different targets, or keep XOR's pattern
        if not separable:
            diagonal = len({tuple(r) for r in H.tolist()}) == 4
            assert (clash(k1, k2, t) is not None) != diagonal


def test_the_course_network_xor_from_or_and_nand(explorer):
    ex = explorer
    assert ex.hidden == ("OR", "NAND") and ex.target == "XOR"
    assert ex.computes_target and ex.position == 28        # 7 epochs, as notebook 06's run
    assert ex.W.tolist() == [-3, 1, 2]
    assert ex.describe_status() == (
        "✔ With h1 = OR and h2 = NAND the network computes XOR: the output neuron converged in "
        "epoch 7 at W = [-3, 1, 2], which computes AND(h1, h2).")
    ex.go_to(0)
    assert ex.describe_position().startswith("Before training") and ex.W.tolist() == [0, 0, 0]
    ex.step_forward()
    assert ex.describe_position() == (
        "epoch 1, input 1 of 4: x = (0, 0) goes to h = (0, 1); z = 0 + 0·0 + 0·1 = 0, so y = 1; "
        "XOR wants 0: e = -1, so W -= [1, 0, 1]. W = [-1, 0, -1].")
    ex.go_to(10**6)
    assert ex.position == 28
    assert ex._describe() == ("HiddenLayerExplorer: h1 = OR, h2 = NAND, target XOR: the network "
                              "computes it (visit 28 of 28)")


def test_a_new_choice_shows_its_result_and_says_why():
    ex = HiddenLayerExplorer(target="xor", hidden=("or", "nand"))     # any case
    ex.go_to(3)
    ex.hidden2 = "or"
    assert ex.hidden2 == "OR" and ex.position == len(ex.errors)
    assert not ex.computes_target
    assert "the inputs (0, 1) and (1, 1) both go to h = (1, 1)" in ex.describe_status()
    assert "round in circles" in ex.describe_status()
    ex.hidden1, ex.hidden2 = "x1", "x2"
    assert "1s on one diagonal" in ex.describe_status()
    ex.hidden1, ex.hidden2 = "NOR", "AND"                  # the pair notebook 08 finds
    assert ex.computes_target and "computes NOR(h1, h2)" in ex.describe_status()
    ex.target = "XNOR"
    assert ex.computes_target
    ex.hidden1, ex.hidden2, ex.target = "OR", "NAND", "XNOR"
    assert ex.computes_target and "NAND(h1, h2)" in ex.describe_status()
    assert (ex.rows_right, ex.outputs.tolist()) == (4, gate("XNOR")[1].tolist())


def test_which_pairs_make_xor():
    """The hidden pairs (in order) with which the output neuron learns XOR: 16 of 196."""
    works = [(a, b) for a in HIDDEN_MENU for b in HIDDEN_MENU
             if HiddenLayerExplorer(hidden=(a, b)).computes_target]
    assert len(works) == 16
    assert ("OR", "NAND") in works and ("NAND", "OR") in works and ("NOR", "AND") in works
    assert ("x1 AND NOT x2", "x2 AND NOT x1") in works
    assert all(a != b for a, b in works)


@pytest.mark.parametrize("kwargs, error, says", [
    (dict(target=3), TypeError, "target must be the name of a two-input function"),
    (dict(target="XORR"), ValueError, "target: unknown function 'XORR'"),
    (dict(target=None), TypeError, "target"),
    (dict(hidden="OR"), TypeError, "hidden must be two gate names"),
    (dict(hidden=("OR",)), TypeError, "hidden must be two gate names"),
    (dict(hidden=("OR", "NAND", "AND")), TypeError, "hidden must be two gate names"),
    (dict(hidden=None), TypeError, "hidden must be two gate names"),
    (dict(hidden=("XOR", "OR")), ValueError, "hidden gate 1 = 'XOR' cannot be one hidden neuron"),
    (dict(hidden=("OR", "xnor")), ValueError, "hidden gate 2 = 'XNOR' cannot be one hidden"),
    (dict(hidden=("OR", 7)), TypeError, "hidden gate 2 must be the name"),
    (dict(hidden=("ORR", "AND")), ValueError, "hidden gate 1: unknown function 'ORR'"),
    (dict(size="huge"), ValueError, "size"),
])
def test_bad_settings_get_a_clear_message(kwargs, error, says):
    with pytest.raises(error) as info:
        HiddenLayerExplorer(**kwargs)
    assert says in str(info.value)
    for leak in LEAKS:
        assert leak not in str(info.value)


def test_bad_choices_from_python_are_refused_and_change_nothing(explorer):
    ex = explorer
    before = (ex.hidden, ex.target, ex.position)
    for name, value, says in (("hidden1", "XOR", "cannot be one hidden neuron"),
                              ("hidden2", None, "hidden gate 2 must be the name"),
                              ("target", "maybe", "unknown function"), ("target", 5, "target")):
        with pytest.raises(traitlets.TraitError, match=says):
            setattr(ex, name, value)
    assert (ex.hidden, ex.target, ex.position) == before
    ex.position = -5
    assert ex.position == 0
    ex.position = 10**9
    assert ex.position == len(ex.errors)


def test_what_is_sent_is_small_and_plain_json(explorer):
    state = explorer.get_state()
    runs = json.dumps(state["runs"])
    assert len(runs) < 100_000                      # every combination, about 77 kB
    assert len(json.dumps({k: v for k, v in state.items() if k != "_esm"})) < 200_000
    assert set(state["runs"]) == {f"{a},{b},{c}" for a, b, c in all_runs()}
    json.dumps(state["functions"], allow_nan=False)
    assert [f[0] for f in state["functions"]] == list(MENU)
    for name, k, table, W in state["functions"]:
        assert BOOLEAN_FUNCTION_NAMES[k] == name and table == boolean_function(k)[1].tolist()
        if W is None:
            assert name in ("XOR", "XNOR")
            continue
        # the line drawn for a hidden neuron computes its function on the four inputs
        assert [int(W[0] + W[1] * a + W[2] * b >= 0) for a, b in gate("AND")[0]] == table


def test_words_for_every_combination_are_plain_sentences():
    for (k1, k2, t), errors in list(all_runs().items())[::7]:
        v = verdict(k1, k2, t, errors)
        assert v[0] in "✔✘" and v.endswith(".")
        for p in (0, 1, len(errors)):
            assert readout(k1, k2, t, errors, p).endswith(".")


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_still_picture(size):
    for hidden, target in ((("OR", "NAND"), "XOR"), (("OR", "OR"), "XOR"),
                           (("TRUE", "FALSE"), "x1"), (("x1", "x2"), "XNOR")):
        ex = HiddenLayerExplorer(target=target, hidden=hidden, size=size)
        for k in (0, 1, len(ex.errors)):
            ex.go_to(k)
            assert ex._png()[:8] == b"\x89PNG\r\n\x1a\n"
    bundle, _ = ex._repr_mimebundle_()
    assert "image/png" in bundle and bundle["text/plain"].startswith("HiddenLayerExplorer:")


def test_the_boundary_still_picture_carries_the_live_views_table_and_sentence():
    from perceptron_lib.widgets import BoundaryExplorer

    b = BoundaryExplorer(gate="AND", w1=0.6, w2=0.3, b=-0.9)
    assert b.table_rows() == [[0, 0, "-0.9", 0, 0, "✔"], [0, 1, "-0.6", 0, 0, "✔"],
                              [1, 0, "-0.3", 0, 0, "✔"], [1, 1, "0 exactly", 1, 1, "✔"]]
    assert b.message() == ("✔ All four rows right: w1 = 0.6, w2 = 0.3, b = -0.9 make the neuron "
                           "compute AND. On the line: (1, 1): z = 0 exactly there, so the neuron "
                           "fires (step(0) = 1).")
    assert BoundaryExplorer(gate="AND").message() == ("2 of 4 rows right. Move the sliders until "
                                                      "every row is ✔.")
    assert b._png()[:4] == b"\x89PNG"
