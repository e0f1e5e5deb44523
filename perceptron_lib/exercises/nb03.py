"""The exercises of notebook 03 · Linear separability."""


from .core import (
    Exercise,
    choice,
    inequality,
    number,
)

q1 = Exercise("Exercise 3.1", "Which of AND, OR, NAND, XNOR is NOT linearly separable?",
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


q3 = Exercise("Exercise 3.3", "How many of the 16 functions of two bits are linearly separable?",
              number(14, {16: "two of them, XOR and XNOR, cannot be separated by a line.",
                          15: "XNOR is no better than XOR: both are out.",
                          2: "that is how many are NOT separable."}),
              "Count the ones that are not separable and subtract.",
              "All but XOR and XNOR (see the table computed above): 16 - 2 = 14.",
              "answer_3_3 = 14",
              [("answer_3_3 = 16", "two of them"), ("answer_3_3 = 2", "NOT separable")])


q4 = Exercise("Exercise 3.4", "In the XOR proof, which inequality comes from the input (1, 1)?",
              choice("w1 + w2 + b < 0", ["b < 0", "w1 + b >= 0", "w2 + b >= 0", "w1 + w2 + b < 0"],
                     {"b < 0": "that one comes from (0, 0).",
                      "w1 + b >= 0": "that one comes from (1, 0).",
                      "w2 + b >= 0": "that one comes from (0, 1).",
                      "w1 + w2 + b <= 0": "XOR(1, 1) = 0 needs z strictly below 0: z = 0 would "
                                          "fire, since step(0) = 1.",
                      "w1 + w2 + b > 0": "XOR(1, 1) = 0, so the neuron must not fire: z < 0.",
                      "w1 + w2 + b >= 0": "XOR(1, 1) = 0, so the neuron must not fire: z < 0."},
                     key=inequality),
              "XOR(1, 1) = 0, so z must be negative there; z = w1·1 + w2·1 + b.",
              "XOR(1, 1) = 0, so z = w1 + w2 + b must be below 0. Any way of writing it counts, "
              "e.g. b + w1 + w2 < 0.",
              'answer_3_4 = "w1 + w2 + b < 0"',
              [('answer_3_4 = "b < 0"', "from (0, 0)"),
               ('answer_3_4 = "w1 + w2 + b <= 0"', "strictly below 0")],
              [("w_1 + w_2 + b < 0", "correct"), ("b + w1 + w2 < 0", "correct"),
               ("0 > w1 + w2 + b", "correct"), ("w1 + w2 < -b", "correct"),
               ("w1+w2+b<0", "correct"), ("b + w1 >= 0", "from (1, 0)"),
               ("w1 + w2 + b < 1", "one of"), ("banana", "one of")])
