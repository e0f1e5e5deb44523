"""The exercises of notebook 06 · A hidden layer for XOR."""


from ..exact import exact_sum, fires
from .core import (
    INPUTS,
    Exercise,
    number,
    read_vector,
    vector,
)


def _xnor_checker(answer):
    W, problem = read_vector(answer, 3, "[b, v1, v2]")
    if problem:
        return False, problem
    hidden = {(0, 0): (0, 1), (0, 1): (1, 1), (1, 0): (1, 1), (1, 1): (1, 0)}   # (OR, NAND)
    out = [fires(exact_sum(W[1:], hidden[x], W[0])) for x in INPUTS]
    want = [1, 0, 0, 1]
    if out == want:
        return True, "the network computes XNOR on all four inputs."
    if out == [0, 1, 1, 0]:
        return False, ("your network computes XOR, the opposite: flip the signs of all "
                       "three numbers (that turns AND into NAND).")
    bad = [x for x, o, t in zip(INPUTS, out, want) if o != t]
    return False, f"the network is wrong for input(s) {bad}. Look at the hidden values first."


q1 = Exercise("Exercise 6.1", "For input (1, 1), what are the hidden values (h1, h2) = "
              "(OR, NAND)?",
              vector([1, 0], [([1, 1], "NAND(1, 1) = 0: NAND is 0 only when both inputs are 1."),
                              ([0, 1], "in that order: h1 is OR (1 for (1, 1)) and h2 is NAND "
                                       "(0 for (1, 1))."),
                              ([0, 0], "OR(1, 1) = 1.")], names="[h1, h2]"),
              "OR(1, 1) and NAND(1, 1), in that order.", "OR(1, 1) = 1, NAND(1, 1) = 0.",
              "answer_6_1 = [1, 0]",
              [("answer_6_1 = [1, 1]", "NAND(1, 1) = 0"), ("answer_6_1 = [0, 1]", "in that order"),
               ("answer_6_1 = [True, False]", "not True/False")])


q2 = Exercise("Exercise 6.2", "The four XOR inputs land on how many different points of the "
              "hidden space?",
              number(3, {4: "(0, 1) and (1, 0) both go to (1, 1): two inputs share a point.",
                         2: "(0, 0) goes to (0, 1), (1, 1) to (1, 0) and the other two to "
                            "(1, 1)."}),
              "Compute (h1, h2) for each of the four inputs and count the different pairs.",
              "(0, 0) → (0, 1), (0, 1) and (1, 0) → (1, 1), (1, 1) → (1, 0): 3 points.",
              "answer_6_2 = 3",
              [("answer_6_2 = 4", "share a point"), ("answer_6_2 = 2", "(0, 0) goes to (0, 1)")])


q3 = Exercise("Exercise 6.3", "Give the output neuron's W = [b, v1, v2] (on h1 = OR, h2 = NAND) so "
              "that the network computes XNOR.",
              _xnor_checker,
              "XNOR is NOT XOR. The XOR network uses AND at the output; what is NOT AND?",
              "A NAND at the output: it gives 0 only for (h1, h2) = (1, 1), which is where "
              "XOR's 1s went.",
              "answer_6_3 = [1.5, -1, -1]",
              [("answer_6_3 = [-1.5, 1, 1]", "computes XOR"),
               ("answer_6_3 = [1.5, -1]", "Expected 3 numbers")])
