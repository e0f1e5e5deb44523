"""The exercises of notebook 08 · Learning the hidden layer."""


import numpy as np

from .core import Exercise, function_of, number, vector

q1 = Exercise(
    "Exercise 8.1", "What is the slope of the sigmoid at z = 0?",
    number(0.25, {0.5: "0.5 is the sigmoid's value at z = 0, its output. The slope is "
                       "sigmoid(z) · (1 - sigmoid(z)).",
                  1: "the step jumps from 0 to 1 at z = 0, but the sigmoid climbs gently: its "
                     "slope is sigmoid(z) · (1 - sigmoid(z)).",
                  0: "0 is the step function's slope (away from its jump). The sigmoid has a "
                     "slope everywhere, and it is largest at z = 0."}),
    "The slope is sigmoid(z) · (1 - sigmoid(z)), and sigmoid(0) = 0.5.",
    "0.5 · (1 - 0.5) = 0.25, the steepest the sigmoid ever gets (sigmoid_slope(0) says the "
    "same).",
    "answer_8_1 = 0.5 * (1 - 0.5)",
    [("answer_8_1 = 0.5", "its output"), ("answer_8_1 = 0", "step function's slope")])


q2 = Exercise(
    "Exercise 8.2", "A sigmoid neuron with W = [0, 0, 0] sees x = (1, 1) with d = 1 (lr = 1, "
    "squared loss). What is W after one step of the delta rule?",
    vector([0.125, 0.125, 0.125],
           [([0.5, 0.5, 0.5], "that leaves out the sigmoid's slope, 0.25 at z = 0: the delta "
                              "rule multiplies by it."),
            ([0, 0, 0], "Rosenblatt's rule would not move here (step(0) = 1 = d), but the "
                        "sigmoid's output is 0.5, not 1, so d - y = 0.5."),
            ([-0.125, -0.125, -0.125], "wrong direction: d - y = 1 - 0.5 is positive, so the "
                                       "weights grow."),
            ([0, 0.125, 0.125], "The bias moves too: the extended input is [1, 1, 1]."),
            ([0.25, 0.25, 0.25], "the slope at z = 0 is 0.5 · (1 - 0.5) = 0.25, and d - y = "
                                 "0.5: multiply both.")],
           names="[b, w1, w2]"),
    "z = 0, so y = sigmoid(0) = 0.5 and the slope is 0.25. Then W + lr · (d - y) · slope · [1, "
    "1, 1].",
    "y = 0.5, d - y = 0.5, slope 0.25: W moves by 1 · 0.5 · 0.25 · [1, 1, 1] = [0.125, 0.125, "
    "0.125].",
    "answer_8_2 = [0.125, 0.125, 0.125]",
    [("answer_8_2 = [0.5, 0.5, 0.5]", "leaves out the sigmoid's slope"),
     ("answer_8_2 = [0, 0, 0]", "Rosenblatt's rule would not move"),
     ("answer_8_2 = [0, 0.125, 0.125]", "The bias moves too")])


# --- a function the learner writes: the blame passed back to the hidden layer --------------

def _hidden_delta(delta_out, v, h):
    return delta_out * v * h * (1 - h)


# arrays, as in the notebook: a message shows a case as np.array([...]), so a learner who
# copies the call gets what the checker got
_CASES = [(d, np.array(v), np.array(h)) for d, v, h in (
    (0.1, [0.5, -2.0], [0.3, 0.9]), (-0.2, [1.5, 0.25], [0.5, 0.5]),
    (0.05, [-3.0, 2.0], [0.99, 0.01]), (0.0, [1.0, 1.0], [0.2, 0.7]),
    (0.3, [0.0, -1.0], [0.6, 0.4]))]


def _typical_mistake(f):
    """What a typical wrong hidden_delta computes, found on the first test case."""
    d, v, h = _CASES[0]
    got = np.asarray(f(d, v.copy(), h.copy()), dtype=float)
    s = 1 / (1 + np.exp(-h))
    for typical, message in (
            (d * v, "that passes the blame back through v but leaves out the hidden "
                    "neuron's own slope, h · (1 - h)."),
            (d * h * (1 - h), "each hidden neuron's share of the blame goes through its "
                              "weight to the output: multiply by v too."),
            (d * v * s * (1 - s), "h is already the sigmoid's output, so the slope is "
                                  "simply h · (1 - h): do not apply the sigmoid again.")):
        if got.shape == typical.shape and np.allclose(got, typical):
            return message
    return None


_hidden_delta_checker = function_of(_hidden_delta, _CASES, "hidden_delta",
                                    diagnose=_typical_mistake, rtol=1e-9, atol=1e-15)


_HIDDEN_DELTA = """\
def hidden_delta(delta_out, v, h):
    return delta_out * v * h * (1 - h)"""


q3 = Exercise(
    "Exercise 8.3", "Write hidden_delta(delta_out, v, h): the blame passed back to the two "
    "hidden neurons, for one sample.",
    _hidden_delta_checker,
    "Hidden neuron j gets delta_out times its weight v_j to the output, times its own slope "
    "h_j · (1 - h_j). NumPy multiplies arrays entry by entry.",
    "delta_out · v_j says how much the loss changes with h_j; h_j · (1 - h_j) says how much h_j "
    "changes with the hidden neuron's z. The chain rule multiplies them. This is line 3 of "
    "the four lines in the library's gradients().",
    _HIDDEN_DELTA,
    [(_HIDDEN_DELTA.replace(" * h * (1 - h)", ""), "leaves out the hidden neuron's own slope"),
     (_HIDDEN_DELTA.replace("delta_out * v * h", "delta_out * h"), "multiply by v too"),
     (_HIDDEN_DELTA.replace("    return", "    h = 1 / (1 + np.exp(-h))\n    return"),
      "do not apply the sigmoid again"),
     (_HIDDEN_DELTA.replace("    return ", "    "), "did you forget `return`")],
    [(np.zeros(3), "function itself")])


q4 = Exercise(
    "Exercise 8.4", "Another stuck network puts three inputs, (0, 1), (1, 0) and (1, 1), on one "
    "spot of the hidden plane, so they get one output; the best it can give them is their "
    "average target, 2/3. It gets (0, 0) exactly right. What is its loss (the mean of "
    "(y - d)² / 2)?",
    number(1 / 12, {
        1 / 3: "that is the sum over the four samples; the loss is their mean: divide by 4.",
        1 / 6: "each sample's loss is (y - d)² / 2: that looks like the mean without the / 2.",
        0.0625: "that is the stuck run above, two samples at 0.5. Here three samples share the "
                "output 2/3: two of them want 1, one wants 0.",
        3 * 0.125 / 4: "the three samples get 2/3, not 0.5: (0, 1) and (1, 0) are off by 1/3, "
                       "(1, 1) by 2/3.",
        2 / 9: "that is (1, 1)'s loss alone, (2/3)² / 2. Add the two samples with d = 1, "
               "each (1/3)² / 2, then take the mean over all four."}),
    "(0, 1) and (1, 0) want 1 and get 2/3: each is off by 1/3. (1, 1) wants 0 and gets 2/3. "
    "(0, 0) adds 0. Square each error, halve it, add up, divide by 4.",
    "(1/3)² / 2 = 1/18 twice, plus (2/3)² / 2 = 2/9, plus 0: together 1/3, and the mean over "
    "four samples is 1/12 ≈ 0.0833, above the 0.0625 of the stuck run in the notebook.",
    "answer_8_4 = (2 * (1 - 2/3)**2 / 2 + (0 - 2/3)**2 / 2 + 0) / 4",
    [("answer_8_4 = 2 * (1 - 2/3)**2 / 2 + (0 - 2/3)**2 / 2", "divide by 4"),
     ("answer_8_4 = 0.0625", "the stuck run above"),
     ("answer_8_4 = (3 * 0.5**2 / 2) / 4", "not 0.5"),
     ("answer_8_4 = (2 * (1/3)**2 + (2/3)**2) / 4", "without the / 2")],
    [(0.0833, "correct"), (0.083, "3 significant digits"), (0.08333333, "correct")])
