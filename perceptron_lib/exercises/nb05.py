"""The exercises of notebook 05 · Convergence."""


from ..data import gate
from ..perceptron import Perceptron
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


q3 = Exercise("Exercise 5.3", "Train on XNOR from zeros, in order, lr = 1: at which W = [b, w1, "
              "w2] does every epoch end once the weights cycle?",
              vector([-1, 1, 0],
                     [([0, -1, 0], "that is XOR's cycle, shown above. Run the same cell with "
                                   "gate(\"XNOR\") and read the end of epoch 2 onwards."),
                      ([0, 1, 0], "that is where XNOR's epoch 1 ends (and XOR's cycle with "
                                  "its signs flipped). Epoch 2 changes W again, and from its end "
                                  "on the weights repeat: read the end of epoch 2. (Swapping the "
                                  "classes does not simply flip W: step(0) = 1 treats a tie the "
                                  "same way for both.)"),
                      ([1, 0, -1], "that is the right W with the bias last. The course writes "
                                   "the bias first: W = [b, w1, w2].")],
                     names="[b, w1, w2]"),
              "Copy the XOR cell above, change gate(\"XOR\") to gate(\"XNOR\") and read the end "
              "of each epoch; cycle_ says from which epoch they repeat.",
              "Every epoch from the second on ends at [-1, 1, 0] (cycle_ is Cycle(epoch=3, "
              "repeats_epoch=2, length=1)): like XOR, a one-epoch cycle, but at other "
              "weights. Perceptron(2, epochs=6).fit(*gate(\"XNOR\")).W gives it too.",
              "answer_5_3 = [-1, 1, 0]",
              [("answer_5_3 = [0, -1, 0]", "XOR's cycle"),
               ("answer_5_3 = [0, 1, 0]", "epoch 1 ends"),
               ("answer_5_3 = [1, 0, -1]", "bias last")],
              [(Perceptron(2, epochs=6).fit(*gate("XNOR")).W, "correct"), (1, "list of 3")])


q4 = Exercise("Exercise 5.4", "With the course's step function, is the point (1, 1) on the learned "
              "AND line classed 1? (True or False)",
              truth(True, "z = -3 + 2 + 1 = 0 there, and step(0) = 1 because the step uses >=."),
              "Compute z at (1, 1) for W = [-3, 2, 1], then apply step.",
              "z = 0 and step(0) = 1. With > instead of >=, the same W would get it wrong.",
              "answer_5_4 = True",
              [("answer_5_4 = False", "step(0) = 1"), ('answer_5_4 = "True"', "no quotes")])
