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


def _pair_checker(answer):
    from ..widgets.hidden import all_runs, function_number, verdict

    if isinstance(answer, str) or not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return False, ("Please answer with two gate names in quotes, for h1 and h2, such as "
                       "(\"x1\", \"x2\") (that pair does not work).")
    try:
        k1 = function_number(answer[0], "hidden gate 1", hidden=True)
        k2 = function_number(answer[1], "hidden gate 2", hidden=True)
    except (TypeError, ValueError) as err:
        return False, str(err)
    if {k1, k2} == {function_number("OR"), function_number("NAND")}:
        return False, ("that is the pair from the text (OR and NAND, in either order): find "
                       "another one.")
    words = verdict(k1, k2, function_number("XOR"), all_runs()[k1, k2, function_number("XOR")])
    if words.startswith("✔"):
        return True, words[2:]
    return False, words[2:]


q4 = Exercise("Exercise 6.4", "Give another pair of hidden gates (h1, h2), not OR and NAND, with "
              "which the output neuron learns XOR.",
              _pair_checker,
              "Notebook 08's network finds NOR and AND by itself. Or try pairs in the explorer: "
              "a pair fails when two inputs that XOR answers differently land on the same "
              "hidden point.",
              "For example NOR and AND: (0, 0) goes to (1, 0), (1, 1) to (0, 1), and (0, 1) and "
              "(1, 0) both to (0, 0), the one corner where XOR is 1; the output neuron learns "
              "NOR(h1, h2). 16 of the 196 ordered pairs work, the same 16 for XNOR.",
              'answer_6_4 = ("NOR", "AND")',
              [('answer_6_4 = ("NAND", "OR")', "the pair from the text"),
               ('answer_6_4 = ("OR", "OR")', "both go to h = (1, 1)"),
               ('answer_6_4 = ("x1", "x2")', "one diagonal"),
               ('answer_6_4 = ("XOR", "AND")', "cannot be one hidden neuron"),
               ('answer_6_4 = "NOR, AND"', "two gate names")],
              [(("x1 and not x2", "x2 AND NOT x1"), "correct"), (["AND", "NOR"], "correct"),
               (("NOR",), "two gate names"), (("NOR", "ANDD"), "unknown function")])
