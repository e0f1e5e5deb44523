"""The exercises of notebook 00 · Start here."""

import numpy as np

from .core import (
    Exercise,
    number,
    vector,
)

q1 = Exercise("Exercise 0.1", "What does 2 + 3 * 4 give in Python?",
              number(14, {20: "Python multiplies before it adds, as in maths: 3 * 4 first."}),
              "Which goes first, + or *?", "3 * 4 = 12 is computed first, then 2 + 12 = 14.",
              "answer_0_1 = 14",
              [("answer_0_1 = 20", "multiplies before it adds"),
               ('answer_0_1 = "14"', "without the quotes")],
              [(np.int64(14), "correct"), (14.0, "correct"), ([14], "not a list")])


q2 = Exercise("Exercise 0.2", "Make the NumPy array [1, 0, 1].",
              vector([1, 0, 1], [([1, 1, 0], "the order matters: first 1, then 0, then 1.")]),
              "np.array([...]) turns a list into an array.",
              "np.array turns the list into an array of three numbers.",
              "answer_0_2 = np.array([1, 0, 1])",
              [("answer_0_2 = np.array([1, 1, 0])", "order matters"),
               ("answer_0_2 = np.array([[1, 0, 1]])", "not a table"),
               ("answer_0_2 = np.array([True, False, True])", "not True/False"),
               ("answer_0_2 = np.array([1, 0])", "Expected 3 numbers")],
              [([1, 0, 1], "correct"), ("[1, 0, 1]", "not text"), (101, "list of 3 numbers")])


q3 = Exercise("Exercise 0.3", "What is the dot product of [1, 2, 3] and [4, 5, 6]?",
              number(32, {21: "that is the sum of all six numbers; the dot product multiplies "
                              "pairs first, then adds the products.",
                          6: "that is 1 + 2 + 3; multiply each by its partner 4, 5, 6 first."},
                     lists=[([4, 10, 18], "those are the three products 1·4, 2·5 and 3·6. "
                                          "Now add them up: the dot product is their sum, "
                                          "one number.")]),
              "Multiply the numbers pair by pair, then add the three products.",
              "1·4 + 2·5 + 3·6 = 4 + 10 + 18 = 32.",
              "answer_0_3 = np.dot([1, 2, 3], [4, 5, 6])",
              [("answer_0_3 = 1 + 2 + 3 + 4 + 5 + 6", "sum of all six"),
               ("answer_0_3 = np.array([1, 2, 3]) * np.array([4, 5, 6])", "add them up"),
               ("answer_0_3 = [1 * 4, 2 * 5, 3 * 6]", "three products"),
               ("answer_0_3 = [1, 2, 3] + [4, 5, 6]", "single number")],
              [(32, "correct"), (True, "not True/False"), ([4, 10, 18], "add them up"),
               ((4, 10, 18), "add them up"), ([4.0, 10.0, 18.0], "add them up"),
               ([18, 10, 4], "single number"), ([4, 10], "single number"),
               ([32], "not a list")])
