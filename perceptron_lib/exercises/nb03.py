"""The exercises of notebook 03 · Linear separability."""


from .core import (
    INPUTS,
    Exercise,
    choice,
    condition,
    number,
)

q1 = Exercise("Exercise 3.1", "Which of AND, OR, NAND, XNOR is NOT linearly separable? (XNOR "
              "outputs 1 when its two inputs are equal: 1 for (0, 0) and (1, 1), 0 for (0, 1) "
              "and (1, 0).)",
              choice("XNOR", ["AND", "OR", "NAND", "XNOR"],
                     {"and": "AND has one 1 in a corner: a line cuts that corner off.",
                      "or": "OR has one 0 in a corner: a line cuts that corner off.",
                      "nand": "NAND is AND flipped: the same line works.",
                      "xor": "XOR is indeed not separable, but it is not one of the four "
                             "choices: which of them has its 1s on a diagonal, as XOR has?"}),
              "Look for a gate whose 1s sit on a diagonal.",
              "XNOR: its 1s are (0, 0) and (1, 1), its 0s (0, 1) and (1, 0), crossing like XOR's.",
              'answer_3_1 = "XNOR"',
              [('answer_3_1 = "and"', "cuts that corner"),
               ('answer_3_1 = "XOR"', "not one of the four")])


q2 = Exercise("Exercise 3.2", "W = [-1, 1, 1]: at which x2 does the line cross the x2 axis "
              "(x1 = 0)?",
              number(1, {-1: "solve -1 + 0 + x2 = 0 for x2: mind the sign.",
                         0: "x1 is 0 on the x2 axis; x2 is what you solve for."}),
              "On the line z = 0. Put x1 = 0 into -1 + x1 + x2 = 0.",
              "-1 + 0 + x2 = 0 gives x2 = 1: the line passes through (0, 1).",
              "answer_3_2 = 1",
              [("answer_3_2 = -1", "mind the sign"), ("answer_3_2 = [1, 2]", "single number")])


q3 = Exercise("Exercise 3.3", "Of the 14 functions a single perceptron can compute, how many "
              "depend on both inputs (not a constant, and not a copy or negation of one input)?",
              number(8, {14: "that counts all the separable functions; leave out the six that "
                             "ignore an input: FALSE, TRUE, x1, NOT x1, x2 and NOT x2.",
                         10: "10 functions depend on both inputs, but XOR and XNOR are two of "
                             "them, and no perceptron computes those.",
                         12: "you left out the constants FALSE and TRUE; x1, NOT x1, x2 and NOT "
                             "x2 ignore an input too.",
                         6: "6 is how many ignore an input (FALSE, TRUE, x1, NOT x1, x2, NOT "
                            "x2); the question asks for the others.",
                         4: "AND, OR, NAND and NOR, yes, but the table has more: look at the "
                            "rows named with IMPLIES or AND NOT.",
                         16: "not all 16: XOR and XNOR are not separable, and six functions "
                             "ignore an input."}),
              "Start from the 14 separable functions and cross out those whose output ignores "
              "x1, x2 or both: the constants, the copies and the negations.",
              "14 separable, minus FALSE and TRUE (constants), x1 and x2 (copies), NOT x1 and "
              "NOT x2 (negations): 14 - 6 = 8, namely AND, OR, NAND, NOR, the two IMPLIES and "
              "the two AND NOTs. Each needs both weights non-zero.",
              "answer_3_3 = 14 - 6",
              [("answer_3_3 = 14", "leave out the six"), ("answer_3_3 = 10", "XOR and XNOR"),
               ("answer_3_3 = 4", "IMPLIES")])


def _condition(x, relation):
    """The condition the input x puts on [b, w1, w2], as text: "w1 + w2 + b >= 0"."""
    terms = [f"w{i + 1}" for i in range(2) if x[i]] + ["b"]
    return f"{' + '.join(terms)} {relation} 0"


_EXAMPLE = 'such as "w2 + b >= 0"'
_FIRES = _condition((1, 1), ">=")
# XNOR's condition for the input (1, 1): it must fire there, z = w1 + w2 + b >= 0
_xnor_condition_checker = condition(
    _FIRES,
    [(_condition((1, 1), "<"), "that is XOR's condition for (1, 1), copied from the table. "
                               "XNOR(1, 1) = 1, not 0: the neuron must fire there."),
     (_condition((1, 1), ">"), "To fire means z >= 0, because step(0) = 1: z = 0 already fires, "
                               "so write >= 0, not > 0."),
     (_condition((1, 1), "<="), "XNOR(1, 1) = 1, so the neuron must fire there: z >= 0."),
     ("z >= 0", "Right idea: the neuron must fire. Now write z out in w1, w2 and b: at (1, 1), "
                "z = w1·1 + w2·1 + b."),
     ("z > 0", "Write z out in w1, w2 and b (at (1, 1), z = w1·1 + w2·1 + b), and mind that "
               "z = 0 already fires: step(0) = 1, so >= 0.")]
    + [(_condition(x, r), f"that condition is about the input {x} (z = "
                          f"{_condition(x, '')[:-3]} there). At (1, 1) both inputs are on: "
                          f"z = w1 + w2 + b.")
       for x in INPUTS[:3] for r in ("<", "<=", ">", ">=")],
    "XNOR(1, 1) = 1, so the neuron must fire: z = w1 + w2 + b >= 0. (XOR's condition, < 0, "
    "turned round: XNOR is XOR flipped.)",
    f"Please answer with the inequality as text in quotes, {_EXAMPLE}.",
    f"Write one inequality in w1, w2 and b, in quotes, {_EXAMPLE} (with <, <=, > or >=).",
    "That is not it. At (1, 1), z = w1·1 + w2·1 + b: does XNOR want the neuron to fire there "
    "(z >= 0) or stay silent (z < 0)?",
    "Put in the input's values: at (1, 1), x1 = 1 and x2 = 1, so z = w1·1 + w2·1 + b. Each "
    "weight is multiplied by a number, never by another letter: write the condition in w1, w2 "
    "and b only.")


q4 = Exercise("Exercise 3.4", "XNOR is XOR flipped. Which condition does XNOR's row for the "
              "input (1, 1) put on w1, w2 and b?",
              _xnor_condition_checker,
              "XNOR(1, 1) = 1. At (1, 1), z = w1 + w2 + b. Does the neuron have to fire "
              "(z >= 0) or stay silent (z < 0)?",
              "XNOR(1, 1) = 1, so z = w1 + w2 + b must be >= 0 (step(0) = 1, so = 0 counts). "
              "Any way of writing it counts, e.g. b + w1 + w2 >= 0. XNOR's four conditions, "
              "b >= 0, w2 + b < 0, w1 + b < 0 and w1 + w2 + b >= 0, contradict each other "
              "just as XOR's do.",
              'answer_3_4 = "w1 + w2 + b >= 0"',
              [('answer_3_4 = "w1 + w2 + b < 0"', "XOR's condition"),
               ('answer_3_4 = "w1 + w2 + b > 0"', "not > 0"),
               ('answer_3_4 = "b >= 0"', "about the input (0, 0)"),
               ('answer_3_4 = "w1·x1 + w2·x2 + b >= 0"', "x1 = 1 and x2 = 1"),
               ('answer_3_4 = "w1 * 1 + w2 * 1 + b < 0"', "XOR's condition")],
              [("w_1 + w_2 + b >= 0", "correct"), ("b + w1 + w2 >= 0", "correct"),
               ("0 <= w1 + w2 + b", "correct"), ("w1 + w2 >= -b", "correct"),
               ("w1+w2+b≥0", "correct"), ("-w1 - w2 - b <= 0", "correct"),
               ("w1 + w2 + b <= 0", "must fire"), ("w1 + b < 0", "input (1, 0)"),
               ("w1 + w2 + b >= 1", "That is not it"), ("banana", "Write one inequality"),
               (3, "text in quotes"),
               # products as the course writes them (w1·1), with *, · or ×, either way round
               ("w1 * 1 + w2 * 1 + b >= 0", "correct"), ("w1·1 + w2·1 + b >= 0", "correct"),
               ("1*w1 + 1*w2 + b >= 0", "correct"), ("w1*1+w2*1+b>=0", "correct"),
               ("1 · w1 + 1 · w2 + b ≥ 0", "correct"), ("w1 × 1 + w2 × 1 + b >= 0", "correct"),
               ("w1·1 + w2·1 + b·1 >= 0", "correct"), ("2·w1 + w2·2 + 2b >= 0", "correct"),
               ("w1·1 + w2·1 + b > 0", "not > 0"), ("w1·0 + w2·1 + b >= 0", "input (0, 1)"),
               ("w1*2 + w2 + b >= 0", "That is not it"),
               ("w1*x1 + w2*x2 + b >= 0", "x1 = 1 and x2 = 1"),
               ("w1·w2 + b >= 0", "never by another letter"),
               ("w1 * + w2 + b >= 0", "Write one inequality"),
               ("w1 * 1 + w2 * 1 + b *", "Write one inequality"),
               ("w1 ** 1 + w2 + b >= 0", "Write one inequality"),
               ("w1·x1 + w2·x2 + b", "Write one inequality")])
