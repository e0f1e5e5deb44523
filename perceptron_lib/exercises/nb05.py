"""The exercises of notebook 05 · Convergence (numbered in the order the notebook asks them)."""


from ..data import gate
from ..perceptron import Perceptron
from .core import (
    Exercise,
    number,
    truth,
    vector,
)

q1 = Exercise("Exercise 5.1", "Train on XNOR from zeros, in order, lr = 1: at which W = [b, w1, "
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
              "answer_5_1 = [-1, 1, 0]",
              [("answer_5_1 = [0, -1, 0]", "XOR's cycle"),
               ("answer_5_1 = [0, 1, 0]", "epoch 1 ends"),
               ("answer_5_1 = [1, 0, -1]", "bias last")],
              [(Perceptron(2, epochs=6).fit(*gate("XNOR")).W, "correct"), (1, "list of 3")])


q2 = Exercise("Exercise 5.2", "R = 2 and gamma = 0.5. What is Novikoff's bound (R / gamma)²?",
              number(16, {4: "you forgot to square: (2 / 0.5)² = 4² = 16.",
                          1: "it is R / gamma, not gamma / R, squared.",
                          0.0625: "that is (gamma / R)², upside down: divide R by gamma, "
                                  "2 / 0.5 = 4, then square.",
                          0.25: "that is gamma / R, upside down and not squared: (R / gamma)² "
                                "= (2 / 0.5)²."}),
              "Divide R by gamma, then square.", "(2 / 0.5)² = 4² = 16 mistakes at most.",
              "answer_5_2 = (2 / 0.5) ** 2",
              [("answer_5_2 = 2 / 0.5", "square"), ("answer_5_2 = (0.5 / 2) * 4", "not gamma / R"),
               ("answer_5_2 = (0.5 / 2) ** 2", "upside down")])


q3 = Exercise("Exercise 5.3", "Trained on AND from zeros, in order, with lr = 3, what W does it "
              "reach?",
              vector([-9, 6, 3], [([-3, 2, 1], "that is lr = 1. With lr = 3 every update is three "
                                                "times as big, so W is 3 · [-3, 2, 1]."),
                                  ([-6, 4, 2], "That is lr = 2, printed above; lr = 3 triples "
                                               "[-3, 2, 1]."),
                                  ([0, 5, 4], "the learning rate multiplies the weights: it is "
                                              "not added to them."),
                                  ([-1, 2 / 3, 1 / 3], "the learning rate multiplies the "
                                                       "weights: it does not divide them.")],
                     names="[w0, w1, w2]"),
              "From W = 0 every weight vector is lr times the one for lr = 1.",
              "3 · [-3, 2, 1] = [-9, 6, 3]: the same line, the same predictions, the same "
              "mistakes per epoch. (With lr = 3 every number stays a whole number, so there is "
              "no rounding: Perceptron(2, lr=3).fit(*gate(\"AND\")).W gives it too.)",
              "answer_5_3 = [-9, 6, 3]",
              [("answer_5_3 = [-3, 2, 1]", "three times as big"),
               ("answer_5_3 = [-6, 4, 2]", "That is lr = 2"),
               ("answer_5_3 = [0, 5, 4]", "not added")],
              [(Perceptron(2, lr=3).fit(*gate("AND")).W, "correct")])


q4 = Exercise("Exercise 5.4", "A neuron with W = [-1, 2, 1] is trained with Nielsen's rule, "
              "which fires only when z > 0. Would it count the input (0, 1), with d = 1, as "
              "right? (True or False)",
              truth(False, "z = -1 + 2·0 + 1·1 = 0 exactly: the point lies on the line. Our "
                           "step fires there (step(0) = 1), but a rule that fires only when "
                           "z > 0 says 0, so it counts (0, 1) as a mistake and keeps training."),
              "Compute z = b + w1·x1 + w2·x2 at (0, 1). Does z > 0 hold?",
              "z = -1 + 0 + 1 = 0, and 0 > 0 is false: Nielsen's neuron outputs 0 where d = 1, a "
              "mistake. This course's step (z >= 0) would output 1 and count it right: on the "
              "line, the tie rule decides.",
              "answer_5_4 = False",
              [("answer_5_4 = True", "z = -1 + 2·0 + 1·1 = 0 exactly"),
               ('answer_5_4 = "False"', "no quotes")])
