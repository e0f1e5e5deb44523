"""The exercises of notebook 07 · Real data."""


from .core import (
    Exercise,
    choice,
    number,
    species_pair,
)

q1 = Exercise("Exercise 7.1", "How many flowers of each species does the Iris data hold?",
              number(50, {150: "150 is all three species together.",
                          100: "100 is two species: setosa and versicolor."}),
              "np.bincount(iris.target) counts them.", "50 of each of the three species.",
              "answer_7_1 = 50",
              [("answer_7_1 = 150", "all three"), ("answer_7_1 = [50, 50, 50]", "single number")])


q2 = Exercise("Exercise 7.2", "After standardising a feature ((x - mean) / std), what is its mean?",
              number(0, {1: "the standard deviation becomes 1; the mean becomes 0."}, abs_tol=1e-6),
              "Subtracting the mean moves the centre to ...?",
              "Subtracting the mean centres the feature at 0; dividing by the std makes its "
              "spread 1.",
              "answer_7_2 = 0",
              [("answer_7_2 = 1", "standard deviation")],
              [(1e-17, "correct")])


q3 = Exercise("Exercise 7.3", "With sepal length and petal length, which pair of species can a "
              "line separate: 'setosa/versicolor' or 'versicolor/virginica'?",
              choice("setosa/versicolor", ["setosa/versicolor", "versicolor/virginica"],
                     {"versicolor/virginica": "these two overlap: the perceptron never stops "
                      "making mistakes on them (see the mistakes per epoch)."}, key=species_pair),
              "Which training converged?",
              "Training converges on setosa/versicolor; versicolor and virginica overlap.",
              'answer_7_3 = "setosa/versicolor"',
              [('answer_7_3 = "versicolor/virginica"', "overlap"),
               ('answer_7_3 = "setosa"', "one of")],
              [("versicolor / setosa", "correct"), ("Setosa and Versicolor", "correct")])
