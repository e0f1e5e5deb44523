"""Check-in quizzes: five quick questions on the previous session, for the start of a lecture.

One quiz after notebooks 02, 04, 06, 08 and 10, as the teacher's guide's plans use them
(teacher/checkin_quizzes.ipynb runs them)::

    from perceptron_lib.exercises.quizzes import quiz1
    quiz_1_1 = ...             # the room's answer
    quiz1.q1.check(quiz_1_1)

- ``quiz1``: notebooks 00-02 (the neuron, z = W^T x + b, the step function, gates by hand)
- ``quiz2``: notebooks 03-04 (decision lines, separability, the learning rule)
- ``quiz3``: notebooks 05-06 (convergence, the hidden layer)
- ``quiz4``: notebooks 07-08 (real data and the pocket, learning the hidden layer)
- ``quiz5``: notebooks 09-10 (handwritten digits: the weight picture, one-vs-rest; a hidden
  layer that bends the line)

They work like the notebooks' exercises: ``check`` never raises, a blank answer is "not
answered yet", typical wrong answers get a specific message, and ``hint()``/``solution()``
help.
"""

from types import SimpleNamespace

from .core import Exercise, choice, gate_weights, number, truth, vector

__all__ = ["QUIZZES", "quiz1", "quiz2", "quiz3", "quiz4", "quiz5"]


quiz1 = SimpleNamespace(
    title="Check-in 1 · after notebooks 00–02",
    notebooks=("00", "01", "02"),
    q1=Exercise(
        "Check-in 1.1",
        "A neuron has weights [1, 1, 1] and threshold 2. The inputs are [1, 0, 1]. Does it "
        "fire? (True or False)",
        truth(True, "the weighted sum is 1·1 + 1·0 + 1·1 = 2, and reaching the threshold is "
                    "enough: the neuron fires when the sum is ≥ the threshold."),
        "Add the weights of the active inputs and compare with the threshold (≥).",
        "1 + 0 + 1 = 2 ≥ 2, so it fires: all or nothing, and exactly at the threshold counts.",
        "quiz_1_1 = True",
        [("quiz_1_1 = False", "reaching the threshold is enough")],
        [(1, "correct"), ("True", "no quotes")]),
    q2=Exercise(
        "Check-in 1.2",
        "W = [-2, 1, 1] (bias first) and x = (1, 1). What is z?",
        number(0, {2: "that is w1·x1 + w2·x2 without the bias; add b = W[0] = -2.",
                   -2: "that is the bias alone; add w1·x1 + w2·x2 = 1 + 1.",
                   1: "z is the weighted sum, not the output of the step function."}),
        "z = W[0]·1 + W[1]·x1 + W[2]·x2.",
        "z = -2 + 1·1 + 1·1 = 0; the neuron fires, because step(0) = 1.",
        "quiz_1_2 = -2 + 1 * 1 + 1 * 1",
        [("quiz_1_2 = 1 * 1 + 1 * 1", "without the bias"),
         ("quiz_1_2 = -2", "the bias alone")],
        [(0.0, "correct"), ([0], "single number")]),
    q3=Exercise(
        "Check-in 1.3",
        "The same neuron, W = [-2, 1, 1]. What does it output for each of the inputs (0, 0), "
        "(0, 1), (1, 0) and (1, 1)? Give the four outputs as a list, in that order.",
        vector([0, 0, 0, 1],
               [([0, 0, 0, 0], "for (1, 1), z = -2 + 1·1 + 1·1 = 0, and step(0) = 1: a "
                               "neuron exactly on its threshold fires."),
                ([0, 1, 1, 1], "for (0, 1), z = -2 + 1·0 + 1·1 = -1 < 0, so it stays silent; "
                               "only (1, 1) reaches z = 0."),
                ([-2, -1, -1, 0], "those are the four values of z; the output is step(z): 1 "
                                  "if z ≥ 0, else 0."),
                ([1, 1, 1, 0], "that is the other way round: step(z) is 1 when z ≥ 0, and "
                               "here only (1, 1) gets there.")],
               names="[y for (0, 0), (0, 1), (1, 0), (1, 1)]"),
        "Work out z = -2 + x1 + x2 for each input, then step(z) = 1 if z ≥ 0, else 0.",
        "z is -2, -1, -1 and 0, so the outputs are [0, 0, 0, 1]: the neuron computes AND, and "
        "only because step(0) = 1 (with > instead of ≥ it would never fire).",
        "quiz_1_3 = [0, 0, 0, 1]",
        [("quiz_1_3 = [0, 0, 0, 0]", "step(0) = 1"),
         ("quiz_1_3 = [-2, -1, -1, 0]", "four values of z")],
        [((0, 0, 0, 1), "correct"), ([0, 0, 1], "4 numbers")]),
    q4=Exercise(
        "Check-in 1.4",
        "Give W = [b, w1, w2] for a NOR neuron (it fires only for the input (0, 0)).",
        gate_weights("NOR", [1, 0, 0, 0]),
        "With x = (0, 0) only the bias is left, so b ≥ 0; each input alone must pull z "
        "below 0.",
        "Any W with b ≥ 0, w1 + b < 0 and w2 + b < 0 works (then w1 + w2 + b < 0 too), e.g. "
        "[0.5, -1, -1], or the learned [0, -1, -1] (z = 0 counts as 1).",
        "quiz_1_4 = [0.5, -1, -1]",
        [("quiz_1_4 = [-0.5, 1, 1]", "your W computes OR"),
         ("quiz_1_4 = [-1, -1, 0.5]", "bias last")],
        [([0, -1, -1], "correct"), ([0, -0.5, -0.5], "correct")]),
    q5=Exercise(
        "Check-in 1.5",
        "The bias trick adds an input that is always +1. Which one: 'x0', 'x1' or 'x2'?",
        choice("x0", ["x0", "x1", "x2"],
               {"x1": "x1 and x2 are the real inputs; the constant goes in front, as x0, and "
                      "pairs with W0 = b.",
                "x2": "x1 and x2 are the real inputs; the constant goes in front, as x0, and "
                      "pairs with W0 = b."}),
        "The course writes the bias first: W = [b, w1, w2].",
        "x0 = +1 pairs with W0 = b, so W · [1, x1, x2] = b + w1·x1 + w2·x2.",
        'quiz_1_5 = "x0"',
        [('quiz_1_5 = "x2"', "pairs with W0 = b")],
        [("X0", "correct"), (0, "text in quotes")]),
)


quiz2 = SimpleNamespace(
    title="Check-in 2 · after notebooks 03–04",
    notebooks=("03", "04"),
    q1=Exercise(
        "Check-in 2.1",
        "Which of these can one perceptron NOT compute: 'AND', 'OR', 'NOR' or 'XOR'?",
        choice("XOR", ["AND", "OR", "NOR", "XOR"],
               {k: f"{k} is linearly separable: one line puts its 1s on one side. Which "
                   f"function fires on (0, 1) and (1, 0) but not on (0, 0) or (1, 1)?"
                for k in ("AND", "OR", "NOR")}),
        "Try to draw one line with the 1s on one side and the 0s on the other.",
        "XOR: its four inequalities b < 0, w1 + b ≥ 0, w2 + b ≥ 0 and w1 + w2 + b < 0 "
        "contradict each other, so no line separates it.",
        'quiz_2_1 = "XOR"',
        [('quiz_2_1 = "NOR"', "NOR is linearly separable")],
        [("xor", "correct"), ("XNOR", "one of")]),
    q2=Exercise(
        "Check-in 2.2",
        "W = [-3, 2, 1]. Where does the decision line cross the x1 axis (where x2 = 0)?",
        number(1.5, {3: "that is -b alone; on the line -3 + 2·x1 = 0, so divide by w1 = 2.",
                     -1.5: "Check the sign: -3 + 2·x1 = 0 gives x1 = +1.5.",
                     6: "on the line -3 + 2·x1 = 0: divide 3 by 2, do not multiply."}),
        "On the line z = 0. With x2 = 0 that is -3 + 2·x1 = 0.",
        "-3 + 2·x1 + 1·0 = 0 gives x1 = 3 / 2 = 1.5.",
        "quiz_2_2 = 3 / 2",
        [("quiz_2_2 = 3", "divide by w1 = 2"), ("quiz_2_2 = -3 / 2", "Check the sign")],
        [(1.5, "correct")]),
    q3=Exercise(
        "Check-in 2.3",
        "W = [-1, 0, 0], x = (1, 0), d = 1, learning rate 1. The neuron outputs y = 0. What is "
        "W after the update?",
        vector([0, 1, 0], [([-2, -1, 0], "the error is e = d - y = 1 - 0 = +1, not y - d: "
                                         "the weights move towards x."),
                           ([-1, 1, 0], "the bias changes too: its input is the constant "
                                        "x0 = 1."),
                           ([0, 1, 1], "x2 = 0, so w2 does not change.")],
               names="[b, w1, w2]"),
        "e = d - y; then W + lr · e · [1, x1, x2].",
        "e = 1 - 0 = 1, so W becomes [-1, 0, 0] + 1 · 1 · [1, 1, 0] = [0, 1, 0].",
        "quiz_2_3 = [-1 + 1, 0 + 1, 0 + 0]",
        [("quiz_2_3 = [-2, -1, 0]", "not y - d"), ("quiz_2_3 = [-1, 1, 0]", "x0 = 1"),
         ("quiz_2_3 = [0, 1, 1]", "w2 does not change")],
        [([0, 1, 0], "correct")]),
    q4=Exercise(
        "Check-in 2.4",
        "W = [-3, 2, 1] (bias first) computes AND. Keep w1 = 2 and w2 = 1 and change only the "
        "bias b: what is the smallest b for which the neuron computes OR?",
        number(-1, {-3: "b = -3 is the AND neuron you started from: for (0, 1), z = -3 + "
                        "1 = -2 < 0, so it stays silent, but OR fires there.",
                    -2: "with b = -2, (0, 1) gives z = -2 + 2·0 + 1·1 = -1 < 0: silent, but OR "
                        "fires there. The weakest input, w2 = 1, must still reach z ≥ 0.",
                    0: "with b = 0 the input (0, 0) gives z = 0, and step(0) = 1: it fires, "
                       "but OR(0, 0) = 0. b must stay below 0.",
                    1: "with b = 1 the neuron fires for every input, (0, 0) too, and "
                       "OR(0, 0) = 0. b must stay below 0."},
               ranges={"(-1, 0)": "b = {shown} computes OR, but it is not the smallest: how "
                                  "low can b go before (0, 1) stops firing?",
                       "(-3, -1)": "with b = {shown}, (0, 1) gives z = {shown} + 1 < 0: "
                                   "silent, but OR fires there."}),
        "OR needs (0, 0) silent (z = b < 0) and each input alone to fire: b + 2 ≥ 0 and "
        "b + 1 ≥ 0. Which of those binds?",
        "b = -1: then z = -1 for (0, 0) (silent), 0 for (0, 1) (fires: step(0) = 1), 1 for "
        "(1, 0) and 2 for (1, 1). Any b with -1 ≤ b < 0 computes OR; from AND's -3 to OR, only "
        "the bias moves: the line slides towards (0, 0) without turning.",
        "quiz_2_4 = -1",
        [("quiz_2_4 = -2", "The weakest input"), ("quiz_2_4 = 0", "step(0) = 1"),
         ("quiz_2_4 = -0.5", "not the smallest")],
        [(-1.0, "correct"), ("-1", "without the quotes"), ([-1, 2, 1], "single number")]),
    q5=Exercise(
        "Check-in 2.5",
        "True or False: an update that fixes one sample can make another sample, which was "
        "right before, wrong.",
        truth(True, "it can: the update moves the whole line, and a sample near it may end up "
                    "on the wrong side. That is why training runs for several epochs."),
        "Watch the training explorer on AND: do samples that were ✔ ever turn ✘?",
        "True. Each update moves the line for every sample at once; that is why the rule "
        "repeats epochs until one passes with no mistake.",
        "quiz_2_5 = True",
        [("quiz_2_5 = False", "several epochs")],
        [(1, "correct")]),
)


quiz3 = SimpleNamespace(
    title="Check-in 3 · after notebooks 05–06",
    notebooks=("05", "06"),
    q1=Exercise(
        "Check-in 3.1",
        "Every extended input [1, x1, x2] has length at most R = 3, and a line separates the "
        "data with margin "
        "gamma = 0.5. At most how many mistakes does the perceptron make (Novikoff's bound "
        "(R / gamma)²)?",
        number(36, {6: "that is R / gamma; the bound is its square.",
                    1.5: "that is R · gamma; the bound is (R / gamma)².",
                    12: "square the ratio R / gamma = 6, do not double it."}),
        "Divide, then square.",
        "(3 / 0.5)² = 6² = 36 mistakes at most, whatever the order of the samples.",
        "quiz_3_1 = (3 / 0.5) ** 2",
        [("quiz_3_1 = 3 / 0.5", "its square"), ("quiz_3_1 = 2 * 3 / 0.5", "do not double")],
        [(36.0, "correct")]),
    q2=Exercise(
        "Check-in 3.2",
        "Trained on AND from W = [0, 0, 0], does learning rate 10 give a different decision "
        "line from learning rate 1? (True or False; think in exact arithmetic)",
        truth(False, "from a zero start every weight vector is lr times the one for lr = 1: "
                     "the same signs, so the same predictions and the same line."),
        "Compare every W along the way for lr = 1 and lr = 10.",
        "False: from zeros, each W is 10 times the lr = 1 one, [-30, 20, 10] at the end, and "
        "10·z has the same sign as z. (Only floating-point rounding at z = 0 can differ.)",
        "quiz_3_2 = False",
        [("quiz_3_2 = True", "lr times the one")],
        [(0, "correct")]),
    q3=Exercise(
        "Check-in 3.3",
        "In notebook 06's network, h1 = OR(x1, x2) and h2 = NAND(x1, x2). For the input "
        "(0, 1), what are (h1, h2)?",
        vector([1, 1], [([1, 0], "NAND(0, 1) is 1: NAND is 0 only for (1, 1)."),
                        ([0, 1], "OR(0, 1) is 1: OR fires when either input is 1.")],
               names="[h1, h2]"),
        "Work out OR(0, 1) and NAND(0, 1) separately.",
        "OR(0, 1) = 1 and NAND(0, 1) = 1, so (0, 1) lands on (1, 1) in the hidden plane, "
        "like (1, 0): that is what makes XOR separable there.",
        "quiz_3_3 = [1, 1]",
        [("quiz_3_3 = [1, 0]", "NAND(0, 1) is 1"), ("quiz_3_3 = [0, 1]", "OR(0, 1) is 1")],
        [((1, 1), "correct")]),
    q4=Exercise(
        "Check-in 3.4",
        "A single perceptron trains on XOR for 100 epochs. Does it ever finish an epoch "
        "without a mistake? (True or False)",
        truth(False, "No line separates XOR, so every epoch makes at least one mistake; from "
                     "epoch 2 on the weights even repeat: a cycle."),
        "Can any line put XOR's two triangles on one side and its two circles on the other?",
        "False: no line separates XOR (notebook 03), so there is always a mistake; notebook 05 "
        "catches the weights repeating from epoch 2 on, a cycle that never ends.",
        "quiz_3_4 = False",
        [("quiz_3_4 = True", "No line separates XOR")],
        [(0, "correct")]),
    q5=Exercise(
        "Check-in 3.5",
        "Notebook 06's network has h1 = OR(x1, x2), h2 = NAND(x1, x2) and an output neuron "
        "computing AND(h1, h2). Replace the output neuron by one computing OR(h1, h2). What "
        "does the network compute now: 'XOR', 'OR', 'AND' or 'always 1'?",
        choice("always 1", ["XOR", "OR", "AND", "always 1"],
               {"XOR": "follow (0, 0): h = (OR, NAND) = (0, 1), and OR(0, 1) = 1, but "
                       "XOR(0, 0) = 0.",
                "OR": "follow (0, 0): h1 = OR(0, 0) = 0 but h2 = NAND(0, 0) = 1, so the output "
                      "OR(h1, h2) is 1 there, while OR(0, 0) = 0.",
                "AND": "follow (0, 1): h = (1, 1), and OR(1, 1) = 1, but AND(0, 1) = 0."},
               synonyms={"1": "always 1", "true": "always 1", "always one": "always 1"}),
        "Send each of the four inputs through the hidden layer first, then through OR.",
        "Always 1: the inputs land on h = (0, 1), (1, 1), (1, 1) and (1, 0), and at each of "
        "them at least one hidden neuron fires, so OR(h1, h2) = 1 for every input. The output "
        "neuron must be AND, which fires only on (1, 1), where (0, 1) and (1, 0) land.",
        'quiz_3_5 = "always 1"',
        [('quiz_3_5 = "XOR"', "XOR(0, 0) = 0"), ('quiz_3_5 = "OR"', "NAND(0, 0) = 1")],
        [("Always 1", "correct"), ("TRUE", "correct"), (2, "text in quotes")]),
)


quiz4 = SimpleNamespace(
    title="Check-in 4 · after notebooks 07–08",
    notebooks=("07", "08"),
    q1=Exercise(
        "Check-in 4.1",
        "The pocket algorithm trains on 60 flowers for 4 epochs, checking its weights after "
        "each epoch. They get 52, 57, 55 and 55 flowers right. After which epoch are the "
        "weights it hands back? (A number, 1 to 4)",
        number(2, {4: "those are the last weights; the pocket keeps the best seen so far, and "
                      "55 < 57.",
                   3: "epoch 3 ties with epoch 4 at 55, but epoch 2 did better: 57.",
                   57: "57 is how many flowers the best weights get right; the question asks "
                       "after which epoch they were seen.",
                   1: "epoch 1's weights (52 right) went into the pocket first, but epoch 2's "
                      "57 replaced them."}),
        "The pocket swaps its weights only for better ones: which count is the largest?",
        "After epoch 2: its weights get 57 right, and no later epoch beats that (55, 55), so "
        "they stay in the pocket. The plain perceptron would hand back epoch 4's weights.",
        "quiz_4_1 = 2",
        [("quiz_4_1 = 4", "keeps the best"), ("quiz_4_1 = 57", "after which epoch")],
        [(2.0, "correct"), ("two", "in digits")]),
    q2=Exercise(
        "Check-in 4.2",
        "Before training on the iris flowers you standardise each feature. Whose mean and "
        "standard deviation do you use: 'training', 'test' or 'all'?",
        choice("training", ["training", "test", "all"],
               {"all": "then the test flowers leak into training, and the test accuracy is no "
                       "longer a fair check on flowers never seen.",
                "test": "the test flowers must stay unseen until the end; scale with the "
                        "training flowers' numbers and apply the same to the test set."}),
        "The test set plays the flowers the model has never seen.",
        "The training flowers' mean and standard deviation, applied to both sets; anything "
        "else lets the test set leak into training.",
        'quiz_4_2 = "training"',
        [('quiz_4_2 = "all"', "leak into training")],
        [("Training", "correct")]),
    q3=Exercise(
        "Check-in 4.3",
        "What is the slope of the sigmoid at z = 0? (A number; you may write a calculation.)",
        number(0.25, {0.5: "0.5 is the sigmoid's value at 0; its slope is "
                           "sigmoid(0) · (1 - sigmoid(0)).",
                      1: "that is the step's height, not the sigmoid's slope."}),
        "The slope is sigmoid(z) · (1 - sigmoid(z)).",
        "sigmoid(0) = 0.5, so the slope is 0.5 · (1 - 0.5) = 0.25, the steepest it gets.",
        "quiz_4_3 = 0.5 * (1 - 0.5)",
        [("quiz_4_3 = 0.5", "value at 0")],
        [(0.2499999792, "correct")]),
    q4=Exercise(
        "Check-in 4.4",
        "y = sigmoid(z) with z = 3·w. At w = 0, how fast does y change with w (dy/dw)? "
        "(Use the chain rule.)",
        number(0.75, {0.25: "that is dy/dz alone; multiply by dz/dw = 3.",
                      3: "that is dz/dw alone; multiply by the sigmoid's slope at 0, 0.25."}),
        "The chain rule: dy/dw = dy/dz · dz/dw.",
        "dz/dw = 3 and dy/dz = sigmoid'(0) = 0.25, so dy/dw = 3 · 0.25 = 0.75.",
        "quiz_4_4 = 3 * 0.25",
        [("quiz_4_4 = 0.25", "multiply by dz/dw")],
        [(0.75, "correct")]),
    q5=Exercise(
        "Check-in 4.5",
        "Why does a 2-2-1 network start from random weights and not from zeros: 'twins', "
        "'speed' or 'overflow'?",
        choice("twins", ["twins", "speed", "overflow"],
               {"speed": "a zero start would be just as fast per epoch; the trouble is that "
                         "both hidden neurons would stay the same.",
                "overflow": "zeros cannot overflow; the trouble is that both hidden neurons "
                            "would get the same blame and stay the same."}),
        "What happens to two hidden neurons that start with the same weights?",
        "Twins: hidden neurons that start alike get the same blame and move alike, every "
        "epoch, so they stay twins and draw only one line. Random starts break the tie.",
        'quiz_4_5 = "twins"',
        [('quiz_4_5 = "speed"', "stay the same")],
        [("Twins", "correct")]),
)


quiz5 = SimpleNamespace(
    title="Check-in 5 · after notebooks 09 and 10",
    notebooks=("09", "10"),
    q1=Exercise(
        "Check-in 5.1",
        "True or False: trained long enough, a network with two inputs, 2 hidden neurons and "
        "one output can class every point of notebook 10's ring round a disc right.",
        truth(False, "each hidden neuron draws one straight line, and two lines make a band or "
                     "a wedge: both stay open to the edge of the plane, so some of the ring "
                     "always falls on the disc's side (the explorer's best with 2 is 171 of "
                     "200). A closed fence needs at least three lines.",
              "two lines make only an open band or wedge; a closed fence round the disc needs "
              "three."),
        "Draw it: where can two straight lines fence in a region, and is that region closed?",
        "False: two lines leave an open band or wedge that runs off to the edge, and the ring "
        "surrounds the disc on every side. Three lines make a triangle; with 3 hidden neurons "
        "the network gets all 200 points right, with 2 at best 171.",
        "quiz_5_1 = False",
        [("quiz_5_1 = True", "A closed fence needs at least three lines")],
        [(0, "correct"), ("False", "no quotes")]),
    q2=Exercise(
        "Check-in 5.2",
        "In the 3-or-8 weight picture a pixel is deep blue (a large positive weight; the neuron "
        "fires for 3). Ink on that pixel pushes z 'up' or 'down'?",
        choice("up", ["up", "down"],
               {"down": "a positive weight times positive ink adds to z: it pushes z up, "
                        "towards firing, towards 3."}),
        "z = b + w1·x1 + ... + w64·x64, and ink makes x positive.",
        "Up: the pixel adds w·x > 0 to z, a vote for firing, for 3. Vermillion pixels (negative "
        "weights) vote for 8.",
        'quiz_5_2 = "up"',
        [('quiz_5_2 = "down"', "pushes z up")],
        [("Up", "correct"), (1, "text in quotes")]),
    q3=Exercise(
        "Check-in 5.3",
        "Ten one-vs-rest perceptrons read a digit. How is the answer chosen: 'largest z', "
        "'first that fires' or 'majority'?",
        choice("largest z", ["largest z", "first that fires", "majority"],
               {"first that fires": "Several perceptrons may fire for one image, or none: "
                                    "the first that fires depends on the order we ask them. "
                                    "Notebook 09 compares their z.",
                "majority": "each perceptron answers a different question (its own digit or "
                            "not), so there is nothing to vote on: compare their z."}),
        "What if two perceptrons fire for the same image, or none does?",
        "The largest z wins: the digit whose perceptron is most firmly on its 'yes' side. It "
        "always gives one answer, even when several or none fire.",
        'quiz_5_3 = "largest z"',
        [('quiz_5_3 = "first that fires"', "Several perceptrons may fire")],
        [("Largest Z", "correct")]),
    q4=Exercise(
        "Check-in 5.4",
        "A reader gets 570 of 597 test images right. What is its accuracy, as a fraction "
        "between 0 and 1? (You may write a calculation.)",
        number(570 / 597, {27 / 597: "that is the fraction wrong, 27 of 597; the accuracy is "
                                     "the fraction right.",
                           100 * 570 / 597: "that is a percentage; write it as a fraction "
                                            "between 0 and 1."}, abs_tol=0.0005),
        "Accuracy = images right / images judged.",
        "570 / 597 ≈ 0.955: about 95 % of images it never saw.",
        "quiz_5_4 = 570 / 597",
        [("quiz_5_4 = 27 / 597", "fraction wrong")],
        [(0.955, "correct"), (100 * 570 / 597, "percentage")]),
    q5=Exercise(
        "Check-in 5.5",
        "True or False: the pocket weights always get at least as many test images right as "
        "the last weights.",
        truth(False, "the pocket is the best on the *training* images. In notebook 09 the 5's "
                     "pocket weights get more test images wrong than its last weights: a good "
                     "bet, not a promise."),
        "What does the pocket choose its weights by?",
        "False: the pocket keeps the weights that do best on the training images. On new "
        "images that is usually, but not always, better (notebook 09's 5 against the rest).",
        "quiz_5_5 = False",
        [("quiz_5_5 = True", "a good bet, not a promise")],
        [(0, "correct"), ("False", "no quotes")]),
)


QUIZZES = {"quiz1": quiz1, "quiz2": quiz2, "quiz3": quiz3, "quiz4": quiz4, "quiz5": quiz5}
