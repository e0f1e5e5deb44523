"""The exercises of notebook 02 · The artificial neuron."""

import numpy as np

from .core import (
    Exercise,
    gate_weights,
    number,
    vector,
)

q1 = Exercise("Exercise 2.1", "W = [-3, 2, 1] (bias first), x = (1, 0). What is z?",
              number(-1, {2: "that is w1·x1 + w2·x2 without the bias; add b = W[0] = -3.",
                          -3: "you kept the bias but forgot w1·x1 = 2·1.",
                          0: "check the arithmetic: -3 + 2·1 + 1·0."}),
              "z = W[0]·1 + W[1]·x1 + W[2]·x2.", "z = -3·1 + 2·1 + 1·0 = -1 (so the output is 0).",
              "answer_2_1 = -3 + 2 * 1 + 1 * 0",
              [("answer_2_1 = 2 * 1 + 1 * 0", "without the bias"),
               ("answer_2_1 = -3", "forgot w1")],
              [("a", "single number")])


q2 = Exercise("Exercise 2.2", "Write the extended input [x0, x1, x2] for x = (0, 1).",
              vector([1, 0, 1], [([0, 1, 1], "the constant 1 goes first (x0 = +1 pairs with "
                                              "W0 = b)."),
                                 ([0, 0, 1], "x0 is always +1, not 0.")], names="[x0, x1, x2]"),
              "The bias trick puts a constant +1 in front of the inputs.",
              "x0 = +1 always, then x1 = 0, x2 = 1; in code np.insert(x, 0, 1) does it.",
              "answer_2_2 = [1, 0, 1]",
              [("answer_2_2 = [0, 1, 1]", "goes first"), ("answer_2_2 = [0, 0, 1]", "always +1"),
               ("answer_2_2 = [[1, 0, 1]]", "not a table")])


q3 = Exercise("Exercise 2.3", "Give W = [b, w1, w2] for an OR neuron.",
              gate_weights("OR", [0, 1, 1, 1]),
              "OR fires unless both inputs are 0: the bias alone must be negative, and one input "
              "must be enough to reach 0.",
              "Any W with b < 0, w1 + b ≥ 0 and w2 + b ≥ 0 works, e.g. [-0.5, 1, 1], or the "
              "learned [-1, 1, 1] (z = 0 counts as 1).",
              "answer_2_3 = [-0.5, 1, 1]",
              [("answer_2_3 = [1, 1, -0.5]", "bias last"),
               ("answer_2_3 = [-1.5, 1, 1]", "your W computes AND")],
              [([-1, 1, 1], "correct"), ([-0.3, 0.3, 0.3], "correct"), (np.zeros((1, 3)), "table"),
               ([1, 1, 1], "your W fires for every input (the function TRUE)"),
               ([-0.5, 1, 0], "(the function x1)")])


q4 = Exercise("Exercise 2.4", "Give W = [b, w1, w2] for a NAND neuron.",
              gate_weights("NAND", [1, 1, 1, 0]),
              "NAND is AND with the output flipped: flip the signs of an AND neuron's weights, one "
              "with no input exactly on its line (where z = 0, a flip leaves z = 0, and "
              "step(0) = 1 still fires).",
              "Only (1, 1) may make z negative: b ≥ 0, b + w1 ≥ 0, b + w2 ≥ 0 but b + w1 + w2 < 0.",
              "answer_2_4 = [1.5, -1, -1]",
              [("answer_2_4 = [-1.5, 1, 1]", "For input (0, 0)"),
               ("answer_2_4 = [0.3, -0.2, -0.1]", "exactly, and step(0) = 1")],
              [([1, 1, 1], "your W fires for every input (the function TRUE)"),
               ([-1, 0, 0], "your W never fires (the function FALSE)")])
