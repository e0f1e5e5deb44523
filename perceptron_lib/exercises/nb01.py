"""The exercises of notebook 01 · The biological neuron."""

import numpy as np

from .core import (
    Exercise,
    choice,
    function_of,
    truth,
)


def _neuron_ref(x, w, threshold):
    return 1 if float(np.dot(x, w)) >= threshold else 0


def _diagnose_neuron(f):
    first = f([1, 1], [1, 1], 2)
    if first is None:
        return None     # function_of explains the missing return
    below, above = f([0, 0], [1, 1], 2), f([1, 1], [2, 2], 2)
    if first not in (0, 1) or below not in (0, 1):
        return "the neuron must return 0 or 1 (all or nothing), not the sum itself."
    if (below, above) == (0, 1) and first != 1:
        return ("when the sum exactly reaches the threshold (2 ≥ 2) the neuron fires: use >= "
                "rather than >.")
    if (below, above) == (1, 0):
        return ("your neuron fires when the sum is below the threshold and stays silent above "
                "it: the other way round.")
    if below == above:
        return (f"your neuron gives {below} whether the sum is below or above the threshold: "
                f"it should fire (1) when the sum reaches the threshold, else stay silent (0).")
    return None


q1 = Exercise("Exercise 1.1", "Which part of the neuron adds up the incoming signals?",
              choice("soma", ["dendrites", "synapse", "soma", "axon"],
                     {"dendrites": "dendrites receive the signals; they do not combine them.",
                      "synapse": "synapses weight each signal on its way in.",
                      "axon": "the axon carries the output away."},
                     synonyms={"cell body": "soma"}),
              "Follow a signal in: it arrives at the dendrites, crosses a synapse, and meets the "
              "others where? (The axon is the way out.)",
              "The soma (cell body) combines the weighted inputs.",
              'answer_1_1 = "soma"',
              [('answer_1_1 = "axon"', "carries the output"),
               ('answer_1_1 = "dendrites"', "receive the signals")],
              [("Soma ", "correct"), ("brain", "Answer with one of"), (3, "text in quotes")])


q2 = Exercise("Exercise 1.2", "Inputs [1, 0, 1], weights [0.5, 2, 1], threshold 1.5: does it fire?",
              truth(True, "only active inputs count: 0.5·1 + 2·0 + 1·1 = 1.5, which reaches the "
                    "threshold (1.5 ≥ 1.5), so it fires."),
              "Add up weight × input for each input, then compare with the threshold.",
              "0.5·1 + 2·0 + 1·1 = 1.5 ≥ 1.5, so the neuron fires.",
              "answer_1_2 = True",
              [("answer_1_2 = False", "reaches the threshold"),
               ('answer_1_2 = "yes"', "True or False")])


q3 = Exercise("Exercise 1.3", "Write neuron(x, w, threshold) returning 1 when it fires, else 0.",
              function_of(_neuron_ref, [([1, 0, 1], [0.5, 2, 1], 1.5), ([1, 1, 0], [1, 1, 1], 3),
                                        ([0, 0], [5, 5], 0.5), ([1], [-1], -2),
                                        ([1, 1], [0.4, 0.4], 1), ([1, 1], [1, 1], 2)], "neuron",
                          _diagnose_neuron),
              "np.dot(x, w) is the weighted sum; return 1 if it is >= threshold.",
              "The weighted sum is np.dot(x, w); the neuron fires (1) when it reaches the "
              "threshold, so the comparison is >=.",
              "def neuron(x, w, threshold):\n    return 1 if np.dot(x, w) >= threshold else 0",
              [("def neuron(x, w, threshold):\n    return 1 if np.dot(x, w) > threshold else 0",
                "exactly reaches"),
               ("def neuron(x, w, threshold):\n    return np.dot(x, w)", "must return 0 or 1"),
               ("def neuron(x, w, threshold):\n    1 if np.dot(x, w) >= threshold else 0",
                "did you forget `return`")],
              [(5, "function itself")])
