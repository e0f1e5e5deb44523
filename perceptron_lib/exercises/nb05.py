"""The exercises of notebook 05 · Convergence."""


from .core import (
    Exercise,
    number,
    truth,
    vector,
)

q1 = Exercise("Exercise 5.1", "R = 2 and gamma = 0.5. What is Novikoff's bound (R / gamma)²?",
              number(16, {4: "you forgot to square: (2 / 0.5)² = 4² = 16.",
                          1: "it is R / gamma, not gamma / R, squared."}),
              "Divide R by gamma, then square.", "(2 / 0.5)² = 4² = 16 mistakes at most.",
              "answer_5_1 = (2 / 0.5) ** 2",
              [("answer_5_1 = 2 / 0.5", "square"), ("answer_5_1 = (0.5 / 2) * 4", "not gamma / R")])


q2 = Exercise("Exercise 5.2", "Trained on AND from zeros with lr = 2, what W does it reach?",
              vector([-6, 4, 2], [([-3, 2, 1], "with lr = 2 every update is twice as big, so W is "
                                                "2 · [-3, 2, 1]."),
                                  ([-1.5, 1, 0.5], "that is lr = 0.5; lr = 2 doubles.")],
                     names="[w0, w1, w2]"),
              "From W = 0 every weight vector is lr times the one for lr = 1.",
              "2 · [-3, 2, 1] = [-6, 4, 2]: the same line, the same predictions.",
              "answer_5_2 = [-6, 4, 2]",
              [("answer_5_2 = [-3, 2, 1]", "twice as big"),
               ("answer_5_2 = [-1.5, 1, 0.5]", "lr = 0.5")])


q3 = Exercise("Exercise 5.3", "On XOR, after how many epochs does W come back to the same value?",
              number(1, {2: "the end of epoch 3 repeats the end of epoch 2: that is one epoch "
                            "later, so the cycle is 1 epoch long."}),
              "Compare the end-of-epoch weights in the table: how far apart are two equal ones?",
              "From epoch 2 on, every epoch ends at [0, -1, 0] (cycle_.length == 1).",
              "answer_5_3 = 1",
              [("answer_5_3 = 2", "one epoch")])


q4 = Exercise("Exercise 5.4", "With the course's step function, is the point (1, 1) on the learned "
              "AND line classed 1? (True or False)",
              truth(True, "z = -3 + 2 + 1 = 0 there, and step(0) = 1 because the step uses >=."),
              "Compute z at (1, 1) for W = [-3, 2, 1], then apply step.",
              "z = 0 and step(0) = 1. With > instead of >=, the same W would get it wrong.",
              "answer_5_4 = True",
              [("answer_5_4 = False", "step(0) = 1"), ('answer_5_4 = "True"', "no quotes")])
