"""The exercises of notebook 10 · A hidden layer bends the line."""

import numpy as np

from .core import Exercise, function_of, number, vector

q1 = Exercise(
    "Exercise 10.1", "What is the smallest number of hidden lines that can fence the disc in "
    "on every side?",
    number(3, {
        1: "one line cuts the plane into two halves, and the ring lies on both sides of any "
           "line through the disc: one half-plane cannot hold the disc without some of the "
           "ring.",
        2: "two lines make a band (parallel) or a wedge (crossing): both stay open and run "
           "off to the edge of the plane, so some of the ring falls inside. Check it in the "
           "explorer below with 2 hidden neurons.",
        4: "four lines can make a square round the disc, but fewer will do: what is the "
           "closed shape with the fewest straight sides?",
        0: "with no hidden neuron the output neuron sees the inputs directly: one line.",
    }, right_msg="Three lines make a triangle, the closed shape with the fewest straight "
                 "sides.", texts={"three": "Answer with the number 3, not the word.",
                                  "triangle": "Yes, a triangle: now answer with the number "
                                              "of its sides."},
           ranges={"(4, 1e300]": "{shown} lines would fence the disc in, but fewer will do: "
                                 "what is the closed shape with the fewest straight sides?"}),
    "A closed shape is needed, a region that does not run off to the edge. Which closed shape "
    "has the fewest straight sides?",
    "A triangle: three lines, each keeping the disc on one side, fence it in. One line leaves "
    "an open half-plane, two leave an open band or wedge. In the explorer, the ring is "
    "solved with 3 hidden neurons and not with 2.",
    "answer_10_1 = 3",
    [("answer_10_1 = 2", "band"), ("answer_10_1 = 4", "fewer will do")],
    examples=[("three", "the number 3"), (3.0, "correct"), (5, "fewer will do")])


def _network(W_hidden, W_out, X, hidden="step", tie=True):
    """The network with the step (z >= 0 fires; with tie=False, z > 0) or the sigmoid in the
    hidden layer, and the step at the output: the right answer and typical mistakes."""
    W_hidden, W_out, X = (np.asarray(a, dtype=float) for a in (W_hidden, W_out, X))
    z = X @ W_hidden[:, 1:].T + W_hidden[:, 0]
    H = 1 / (1 + np.exp(-z)) if hidden == "sigmoid" else (z >= 0 if tie else z > 0)
    z_out = H @ W_out[1:] + W_out[0]
    return (z_out >= 0 if tie else z_out > 0).astype(int)


def _step_network(W_hidden, W_out, X):
    return _network(W_hidden, W_out, X)


_STEP_NETWORK = '''def step_network(W_hidden, W_out, X):
    H = (X @ W_hidden[:, 1:].T + W_hidden[:, 0] >= 0).astype(int)   # each hidden perceptron
    return (H @ W_out[1:] + W_out[0] >= 0).astype(int)              # the output perceptron'''

_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5], [2.0, -1.0]])
# three lines that fence in a triangle round (0.3, 0.3), and an output that fires inside all
_TRIANGLE = ([[1.0, -1.0, 0.0], [1.0, 0.0, -1.0], [0.0, 1.0, 1.0]], [-2.5, 1.0, 1.0, 1.0])


def _cases():
    rng = np.random.default_rng(10)
    cases = [(*_TRIANGLE, _SQUARE.tolist()),
             (*_TIES, _SQUARE.tolist()),     # whole numbers: z = 0, where step(0) = 1 fires
             ([[0.0, 1.0, -1.0]], [0.0, -1.0], _SQUARE.tolist())]
    for h in (1, 3, 8):
        cases.append((rng.uniform(-3, 3, (h, 3)).round(2).tolist(),
                      rng.uniform(-3, 3, h + 1).round(2).tolist(),
                      rng.uniform(-1.2, 1.2, (12, 2)).round(2).tolist()))
    return cases


_TIES = ([[-1.0, 1.0, 1.0], [1.0, -1.0, -1.0]], [-2.0, 1.0, 1.0])   # many z exactly 0


def _diagnose(f):
    """A message for a typical mistake, tried on the three-line triangle and on ties."""
    X = _SQUARE
    got = np.asarray(f(np.array(_TRIANGLE[0]), np.array(_TRIANGLE[1]), X.copy()), dtype=float)
    if got.shape != (len(X),):
        return None
    if np.any((got < 0) | (got > 1)):
        return ("it returned numbers below 0 or above 1: that looks like the output neuron's "
                "z. Apply the step: 1 where z >= 0, else 0.")
    if np.any((got > 0) & (got < 1)):
        return ("it returned numbers between 0 and 1: that is the sigmoid network. Use the "
                "step: 1 where z >= 0, else 0.")
    tie = np.asarray(f(*(np.array(a) for a in _TIES), X.copy()), dtype=float)
    both = [(_TRIANGLE, got), (_TIES, tie)]
    if all(np.array_equal(out, _network(*W, X, hidden="sigmoid")) for W, out in both) \
            and not all(np.array_equal(out, _step_network(*W, X)) for W, out in both):
        return ("the hidden layer still uses the sigmoid: use the step there too, so that "
                "each hidden neuron is a perceptron (1 where z >= 0, else 0).")
    if all(np.array_equal(out, _network(*W, X, tie=False)) for W, out in both) \
            and not all(np.array_equal(out, _step_network(*W, X)) for W, out in both):
        return ("at a point exactly on a line (z = 0) the perceptron fires: step(0) = 1. "
                "Use >= 0, not > 0.")
    no_bias = _step_network(np.c_[np.zeros(3), np.array(_TRIANGLE[0])[:, 1:]],
                            [0.0, *_TRIANGLE[1][1:]], X)
    if np.array_equal(got, no_bias) and not np.array_equal(got, _step_network(*_TRIANGLE, X)):
        return ("the biases are missing: each z starts with b, the first number of each row "
                "of W_hidden and of W_out.")
    return None


q2 = Exercise(
    "Exercise 10.2", "Write step_network(W_hidden, W_out, X): the network with every sigmoid "
    "replaced by the step, one output 0 or 1 per row of X.",
    function_of(_step_network, _cases(), "step_network", diagnose=_diagnose),
    "First the hidden layer: z = b + w1 x1 + w2 x2 for each hidden neuron and each point (X @ "
    "W_hidden[:, 1:].T + W_hidden[:, 0] gives all of them as a table, one row per point), then "
    "the step (z >= 0). Then the output neuron does the same with the hidden outputs.",
    "Each hidden perceptron says on which side of its line a point lies; the output "
    "perceptron weighs those 0s and 1s. It is notebook 06's network of perceptrons with any "
    "number of hidden neurons, and >= 0 keeps step(0) = 1.",
    _STEP_NETWORK,
    [(_STEP_NETWORK.replace(">= 0", "> 0"), "step(0) = 1"),
     (_STEP_NETWORK.replace(" + W_hidden[:, 0]", "").replace(" + W_out[0]", ""),
      "biases are missing"),
     (_STEP_NETWORK.replace("    return (H @ W_out[1:] + W_out[0] >= 0).astype(int)",
                            "    return H"), "shape (6, 3); it should return 6 numbers"),
     (_STEP_NETWORK.replace("(X @ W_hidden[:, 1:].T + W_hidden[:, 0] >= 0).astype(int)",
                            "1 / (1 + np.exp(-(X @ W_hidden[:, 1:].T + W_hidden[:, 0])))")
      .replace("(H @ W_out[1:] + W_out[0] >= 0).astype(int)",
               "1 / (1 + np.exp(-(H @ W_out[1:] + W_out[0])))"), "between 0 and 1"),
     (_STEP_NETWORK.replace("(H @ W_out[1:] + W_out[0] >= 0).astype(int)",
                            "H @ W_out[1:] + W_out[0]"), "output neuron's z"),
     (_STEP_NETWORK.replace("(X @ W_hidden[:, 1:].T + W_hidden[:, 0] >= 0).astype(int)",
                            "1 / (1 + np.exp(-(X @ W_hidden[:, 1:].T + W_hidden[:, 0])))"),
      "still uses the sigmoid")])

q3 = Exercise(
    "Exercise 10.3", "With b = -5.95 and v = (-17.2, -17.49, 16.59), which hidden outputs "
    "(h1, h2, h3), each 0 or 1, make the output fire?",
    vector([0, 0, 1], [
        ([1, 1, 1], "z = -5.95 - 17.2 - 17.49 + 16.59 = -24.05: negative. A large negative v "
                    "means that hidden neuron votes against."),
        ([1, 1, 0], "those are the two hidden neurons with negative weights: their 1s push z "
                    "down. Which neuron pushes it up?"),
        ([0, 0, 0], "z = b = -5.95 when no hidden neuron fires: negative, so the output is 0."),
        ([1, 0, 1], "z = -5.95 - 17.2 + 16.59 = -6.56: negative. h1 = 1 pulls z down."),
        ([0, 1, 1], "z = -5.95 - 17.49 + 16.59 = -6.85: negative. h2 = 1 pulls z down."),
    ], right_msg="z = -5.95 + 16.59 = 10.64 ≥ 0, and every other triple gives z < 0: the "
                 "output is 'not h1, and not h2, and h3'.", names="[h1, h2, h3]",
        grid=(0, 1, "each h is the output of a perceptron: 0 or 1.")),
    "Work out z = -5.95 - 17.2 h1 - 17.49 h2 + 16.59 h3 for the triples; which is the only one "
    "with z >= 0?",
    "Only h3 can raise z, and it must: with h3 = 0, z <= -5.95. With h3 = 1, z = 10.64 as "
    "long as h1 and h2 stay 0, and each of them would pull it below 0. So the output fires "
    "exactly where h1 = 0, h2 = 0 and h3 = 1: on one chosen side of each of the three lines, "
    "inside the triangle.",
    "answer_10_3 = [0, 0, 1]",
    [("answer_10_3 = [1, 1, 1]", "votes against"), ("answer_10_3 = [0, 0, 0]", "z = b")],
    examples=[((0, 0, 1), "correct"), ([0, 0, 2], "0 or 1")])

q4 = Exercise(
    "Exercise 10.4", "How many weights, biases included, does a network with two inputs, 8 "
    "hidden neurons and one output have?",
    number(33, {
        32: "almost: the output neuron has a bias too.",
        25: "the 8 hidden neurons each have a bias as well: [b, w1, w2] is 3 numbers.",
        24: "that is the hidden layer alone (8 rows [b, w1, w2]). The output neuron has "
            "weights too: [b, v1, ..., v8].",
        16: "16 is the hidden neurons' w1 and w2 alone: add their 8 biases, and the output "
            "neuron's 8 v's and its bias.",
        27: "the output neuron has one v per hidden neuron (8), plus its bias.",
        41: "each hidden neuron has 3 weights [b, w1, w2], not 4.",
    }, right_msg="8 × 3 = 24 in the hidden layer and 8 + 1 = 9 in the output neuron: 4H + 1 "
                 "with H = 8.", texts={"thirty-three": "Answer with the number 33."}),
    "Each hidden neuron has [b, w1, w2]; the output neuron has a bias and one v per hidden "
    "neuron.",
    "Hidden layer: 8 neurons × 3 = 24. Output neuron: 8 v's + 1 bias = 9. In all 33, and in "
    "general 3H + H + 1 = 4H + 1 for H hidden neurons (9 for the 2-2-1 network of notebook "
    "08).",
    "answer_10_4 = 8 * 3 + 8 + 1",
    [("answer_10_4 = 32", "bias too"), ("answer_10_4 = 24", "hidden layer alone")],
    examples=[(33.0, "correct"), ("thirty-three", "number 33")])
