"""The exercises of notebook 07 · Real data.

The right answers are computed here the way the notebook computes them (the same flowers,
the same seeds), so that each check knows the typical wrong answers too.
"""

import numpy as np

from ..data import iris_two_species
from ..perceptron import Perceptron
from .core import Exercise, number

FEATURES = ("sepal length", "petal length")

# --- 7.1: scale a new flower with the training flowers' statistics ------------------------------
_X, _d = iris_two_species("setosa", "versicolor", features=FEATURES)
_train = np.random.default_rng(0).permutation(len(_d))[:70]        # the notebook's split
_mean, _std = _X[_train].mean(axis=0), _X[_train].std(axis=0)
NEW_PETAL = 4.5                                                    # cm
_scaled = (NEW_PETAL - _mean[1]) / _std[1]
# the same with pandas' sample standard deviation (ddof=1): 1.2357 against the right 1.2446,
# both 1.24 at 3 significant digits, so a rounded answer needs 4 (core._digits_needed)
_sample_std = (NEW_PETAL - _mean[1]) / _X[_train, 1].std(ddof=1)

q1 = Exercise(
    "Exercise 7.1", f"A new flower has a petal length of {NEW_PETAL} cm. Scaled the way the "
    "notebook scales the flowers, what is its scaled petal length (at least 4 significant "
    "digits)?",
    number(_scaled, {
        NEW_PETAL - _mean[1]: "you subtracted the mean but did not divide by the standard "
                              "deviation.",
        (NEW_PETAL - _X[:, 1].mean()) / _X[:, 1].std():
            "that uses the mean and spread of all 100 flowers, test flowers included. Scale "
            "with the training flowers' mean and std (the notebook's mean and std).",
        (NEW_PETAL - _mean[0]) / _std[0]: "that uses the sepal length's mean and std (column "
                                          "0). Petal length is column 1: mean[1], std[1].",
        (NEW_PETAL - _mean[1]) / _std[1] ** 2: "divide by the standard deviation, not by its "
                                               "square (the variance).",
        _sample_std:
            "that divides by the sample standard deviation (ddof=1, as pandas does). The "
            "notebook uses NumPy's std, with ddof=0: use std[1]."}),
    "(x - mean) / std, with the mean and std of the training flowers: the notebook's mean[1] "
    "and std[1] (column 1 is petal length). Give at least 4 significant digits, or let Python "
    "compute it.",
    f"(4.5 - mean[1]) / std[1] = (4.5 - {_mean[1]:.3f}) / {_std[1]:.3f} ≈ {_scaled:.3f}: "
    f"this flower's petal is about 1.2 standard deviations longer than the average training "
    f"flower's. A new flower must be scaled exactly like the training flowers, or the learned "
    f"line means nothing for it.",
    f"answer_7_1 = {_scaled:.3f}",
    [(f"answer_7_1 = {NEW_PETAL - _mean[1]:.3f}", "did not divide"),
     (f"answer_7_1 = {(NEW_PETAL - _X[:, 1].mean()) / _X[:, 1].std():.3f}", "all 100 flowers"),
     (f"answer_7_1 = {(NEW_PETAL - _mean[0]) / _std[0]:.3f}", "sepal length"),
     (f"answer_7_1 = {_sample_std:.3f}", "ddof=1"),
     (f"answer_7_1 = {_scaled:.2f}", "give at least 4 significant digits")],
    [(round(_scaled, 4), "correct"), (round(_sample_std, 4), "ddof=1"),
     (round(_scaled, 1), "1.2 is close: give at least 4 significant digits"),
     (round(_scaled, 2), "1.24 is close: give at least 4 significant digits"),
     (round(_sample_std, 2), "1.24 is close: give at least 4 significant digits"),
     (1.25, "close, but not close enough")])


# --- 7.2: which epoch's weights does the pocket keep? -------------------------------------------
_X2, _d2 = iris_two_species("versicolor", "virginica", features=FEATURES)
_X2 = (_X2 - _X2.mean(axis=0)) / _X2.std(axis=0)
_p = Perceptron(2)
_acc = []
for _ in range(60):
    _p.partial_fit(_X2, _d2)
    _acc.append(_p.score(_X2, _d2))
_acc = np.array(_acc)
_best = _acc.max()
_at_best = np.flatnonzero(_acc == _best) + 1                     # epochs, counted from 1
POCKET_EPOCH = int(_at_best[0])

q2 = Exercise(
    "Exercise 7.2", "The pocket algorithm (checking once per epoch, as in the notebook) runs on "
    "the 60 epochs whose accuracies are in acc. Which epoch's weights are in its pocket at the "
    "end? (Epochs count from 1.)",
    number(POCKET_EPOCH, {
        POCKET_EPOCH - 1: "np.argmax counts from 0: acc[0] is epoch 1, so add 1.",
        **{int(e): f"epoch {e} only equals the best accuracy, {_best:.0%}, reached "
                   f"earlier: the pocket swaps only for a strictly better score (acc > "
                   f"best_acc), so it keeps the first epoch that reached it."
           for e in _at_best[1:]},
        60: "that is the last epoch: its weights are the last weights, not the pocket's.",
        _best: f"{_best} is the best accuracy; the question asks for the epoch that reached it.",
        100 * _best: f"{100 * _best:.0f} % is the best accuracy; the question asks for the epoch "
                     f"that reached it."}),
    "Find the highest accuracy in acc and the first epoch that reached it: np.argmax gives "
    "the first position of the maximum, counting from 0.",
    f"int(np.argmax(acc)) + 1 = {POCKET_EPOCH}: acc reaches its best, {_best:.0%}, first in "
    f"epoch {POCKET_EPOCH}, and again in epochs {', '.join(str(e) for e in _at_best[1:])}, "
    f"but a tie never replaces the pocket (acc > best_acc).",
    f"answer_7_2 = {POCKET_EPOCH}",
    [(f"answer_7_2 = {POCKET_EPOCH - 1}", "counts from 0"),
     (f"answer_7_2 = {_at_best[-1]}", "strictly better"),
     ("answer_7_2 = 60", "last weights")])


# --- 7.3: read the confusion table --------------------------------------------------------------
# the notebook's test flowers (45; seed 0), one-vs-rest with three pocket perceptrons:
# the row of true versicolor and the column of flowers said to be versicolor
VERSICOLOR_ROW = (0, 9, 8)          # said setosa, versicolor, virginica
VIRGINICA_ROW = (0, 4, 11)          # the row below it
SAID_VERSICOLOR = 13                # the versicolor column: 0 + 9 + 4
TEST_FLOWERS, RIGHT = 45, 33        # all test flowers, and the diagonal

_row = sum(VERSICOLOR_ROW)
_fraction = number(VERSICOLOR_ROW[1] / _row, {
    VERSICOLOR_ROW[1] / SAID_VERSICOLOR:
        "that reads the column: of the flowers *said* to be versicolor, how many are. The "
        "question asks about the true versicolor flowers: read their row.",
    VERSICOLOR_ROW[1] / TEST_FLOWERS: "that divides by all 45 test flowers; divide by the "
                                      "versicolor flowers only (the sum of their row).",
    VERSICOLOR_ROW[2] / _row: "that is the fraction taken for virginica, the mistakes: the "
                              "right answers are on the diagonal.",
    # 11/15 and 33/45 are the same number: a learner may have read either
    VIRGINICA_ROW[2] / sum(VIRGINICA_ROW):
        f"that is the virginica row's fraction ({VIRGINICA_ROW[2]}/{sum(VIRGINICA_ROW)}), "
        f"which happens to equal the overall accuracy ({RIGHT}/{TEST_FLOWERS}): read the "
        f"versicolor row.",
    _row / VERSICOLOR_ROW[1]: "that is the fraction upside down: right answers on top, all "
                              "versicolor flowers (the row's sum) below."},
    abs_tol=0.005,
    ranges={"(1, 100]": "{shown} looks like a percentage, or a count; write a fraction between 0 "
                        "and 1 (right / all of them)."})


q3 = Exercise(
    "Exercise 7.3", "From the confusion table: what fraction of the true versicolor test flowers "
    "does one-vs-rest get right? (A number between 0 and 1.)",
    _fraction,
    "Find the row 'true versicolor': its diagonal entry counts the right answers, the row's "
    "sum counts all versicolor test flowers.",
    f"{VERSICOLOR_ROW[1]} of the {_row} versicolor test flowers (row: "
    f"{' + '.join(map(str, VERSICOLOR_ROW))}) are said to be versicolor: "
    f"{VERSICOLOR_ROW[1]}/{_row} ≈ {VERSICOLOR_ROW[1] / _row:.2f}, barely more than half, "
    f"while every setosa is right: the versicolor perceptron asks a question no line can "
    f"answer.",
    f"answer_7_3 = {VERSICOLOR_ROW[1]} / {_row}",
    [(f"answer_7_3 = {VERSICOLOR_ROW[1]} / {SAID_VERSICOLOR}", "reads the column"),
     (f"answer_7_3 = {VERSICOLOR_ROW[1]} / {TEST_FLOWERS}", "all 45 test flowers"),
     (f"answer_7_3 = {VERSICOLOR_ROW[2]} / {_row}", "taken for virginica"),
     (f"answer_7_3 = {VIRGINICA_ROW[2]} / {sum(VIRGINICA_ROW)}", "virginica row's fraction"),
     (f"answer_7_3 = {RIGHT} / {TEST_FLOWERS}", "equal the overall accuracy")],
    [(0.53, "correct"), (52.9, "percentage"), (9, "a count"), (17 / 9, "upside down"),
     ("9/17", "without the quotes")])
