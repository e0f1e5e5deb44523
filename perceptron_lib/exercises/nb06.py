"""The exercises of notebook 06 · A hidden layer for XOR."""


from ..data import BOOLEAN_FUNCTION_NAMES
from ..exact import as_decimal, exact_sum, fires
from ..hidden_layer import HIDDEN_MENU, NOT_ONE_NEURON, all_runs, function_number, verdict
from .core import (
    INPUTS,
    Exercise,
    bias_first,
    bias_last,
    number,
    read_vector,
    table,
    vector,
)

HIDDEN = {(0, 0): (0, 1), (0, 1): (1, 1), (1, 0): (1, 1), (1, 1): (1, 0)}   # x -> (OR, NAND)
XNOR = (1, 0, 0, 1)


def _show(v):
    """A weight as the learner wrote it: 3, -2, 2.5."""
    f = as_decimal(v)
    return str(f.numerator) if f.denominator == 1 else repr(float(v))


def _z_words(W, h):
    """'3 + (-2)·1 + (-1)·1', z written out at the hidden point h (negative factors in ())."""
    terms = [f"({_show(v)})" if as_decimal(v) < 0 else _show(v) for v in W[1:]]
    return f"{_show(W[0])} + {terms[0]}·{h[0]} + {terms[1]}·{h[1]}"


def _inputs_words(xs):
    """'the input (0, 0)', 'the inputs (0, 1) and (1, 0)': inputs in plain words."""
    pts = [f"({a}, {b})" for a, b in xs]
    if len(pts) == 1:
        return f"the input {pts[0]}"
    return "the inputs " + ", ".join(pts[:-1]) + f" and {pts[-1]}"


def _outputs(W):
    """The network's output for the four inputs, with z computed exactly."""
    return [fires(exact_sum(W[1:], HIDDEN[x], W[0])) for x in INPUTS]


def _xnor_checker(answer):
    W, problem = read_vector(answer, 3, "[b, v1, v2]")
    if problem:
        return False, problem
    out = _outputs(W)
    if out == list(XNOR):
        return True, "The network computes XNOR on all four inputs."
    if _outputs(bias_first(W)) == list(XNOR):           # written as [v1, v2, b]
        return False, bias_last("[b, v1, v2]")
    flipped = [-as_decimal(v) for v in W]
    # hidden points exactly on the line (z = 0), where step(0) = 1 fires but XNOR wants 0
    ties = sorted({HIDDEN[x] for x, o, t in zip(INPUTS, out, XNOR)
                   if o != t and exact_sum(W[1:], HIDDEN[x], W[0]) == 0})
    if out == [0, 1, 1, 0]:
        if _outputs(flipped) == list(XNOR):
            return False, ("Your network computes XOR, the opposite. You need NOT AND at the "
                           "output, which is NAND: flip the signs of all three numbers.")
        h = next(HIDDEN[x] for x in INPUTS if exact_sum(W[1:], HIDDEN[x], W[0]) == 0)
        return False, (f"Your network computes XOR, the opposite: XNOR needs NAND at the "
                       f"output. Flipping the signs alone fails here, because z = 0 at the "
                       f"hidden point {h} and still fires after a flip: flip them and make b "
                       f"a little smaller.")
    if ties:
        h = ties[0]
        landed = [x for x in INPUTS if HIDDEN[x] == h]
        where = f"the hidden point {h}, where {_inputs_words(landed)} land" if len(landed) > 1 \
            else f"the hidden point {h}, where {_inputs_words(landed)} lands"
        message = (f"At {where}, z = {_z_words(W, h)} = 0 exactly: the point lies on your line, "
                   f"and step(0) = 1 fires, but XNOR wants 0 there (the tie at z = 0 from "
                   f"notebook 05).")
        if _outputs(flipped) == [0, 1, 1, 0]:
            message += (" Flipping the signs of all three numbers turns every z into -z, so "
                        "the answer flips everywhere except on the line, where z stays 0 and "
                        "still fires: flipping is a NOT only when no point lies on the line. "
                        "Make b a little smaller, or use NAND's learned weights [2, -2, -1].")
        else:
            message += " Move the line off that point."
        return False, message
    bad = [x for x, o, t in zip(INPUTS, out, XNOR) if o != t]
    return False, f"The network is wrong for {_inputs_words(bad)}. Look at the hidden values first."


# the website's check (checks.js, checkXnorOutput) is this function in JavaScript
_xnor_checker.spec = {"kind": "xnor_output", "hidden": [list(HIDDEN[x]) for x in INPUTS],
                      "targets": list(XNOR)}


q1 = Exercise("Exercise 6.1", "For input (1, 1), what are the hidden values (h1, h2) = "
              "(OR, NAND)?",
              vector([1, 0], [([1, 1], "NAND(1, 1) = 0: NAND is 0 only when both inputs are 1."),
                              ([0, 1], "In that order: h1 is OR (1 for (1, 1)) and h2 is NAND "
                                       "(0 for (1, 1))."),
                              ([0, 0], "OR(1, 1) = 1.")], names="[h1, h2]"),
              "OR(1, 1) and NAND(1, 1), in that order.", "OR(1, 1) = 1, NAND(1, 1) = 0.",
              "answer_6_1 = [1, 0]",
              [("answer_6_1 = [1, 1]", "NAND(1, 1) = 0"), ("answer_6_1 = [0, 1]", "In that order"),
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
              "XNOR is NOT XOR. The XOR network uses AND at the output; what is NOT AND? Mind a "
              "hidden point exactly on your line: z = 0 fires before and after a flip of the "
              "signs.",
              "A NAND at the output: it gives 0 only for (h1, h2) = (1, 1), which is where "
              "XOR's 1s went.",
              "answer_6_3 = [1.5, -1, -1]",
              [("answer_6_3 = [-1.5, 1, 1]", "flip the signs of all three numbers"),
               ("answer_6_3 = [-3, 2, 1]", "make b a little smaller"),
               ("answer_6_3 = [3, -2, -1]", "z = 3 + (-2)·1 + (-1)·1 = 0 exactly"),
               ("answer_6_3 = [1.5, -1]", "Expected 3 numbers"),
               ("answer_6_3 = [-1, -1, 1.5]", "you put the bias last")],
              [([2, -2, -1], "correct"), ([2.5, -2, -1], "correct"),
               ([-2, -1, 2], "bias first: W = [b, v1, v2]"),
               ([-2, -1, 2.5], "bias first: W = [b, v1, v2]"),
               ([0, 0, 0], "the inputs (0, 1) and (1, 0) land"),
               ([0.5, -1, 0], "The network is wrong for the input (1, 1)."),
               ([-1, 0, 0], "The network is wrong for the inputs (0, 0) and (1, 1)")])


def _gate_pair(answer):
    """("k1-k2", None) for two gate names a hidden neuron can compute, else (None, a
    message, as the explorer's menus say it)."""
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return None, ("Please answer with two gate names in quotes, one for h1 and one for "
                      "h2, as in the explorer's menus: (\"name of h1\", \"name of h2\").")
    try:
        k1 = function_number(answer[0], "hidden gate 1", hidden=True)
        k2 = function_number(answer[1], "hidden gate 2", hidden=True)
    except (TypeError, ValueError) as err:
        message = str(err)
        return None, message[:1].upper() + message[1:]
    return f"{k1}-{k2}", None


def _pair_verdict(k1, k2):
    if {k1, k2} == {function_number("OR"), function_number("NAND")}:
        return False, ("That is the pair from the text (OR and NAND, in either order): find "
                       "another one.")
    words = verdict(k1, k2, function_number("XOR"), all_runs()[k1, k2, function_number("XOR")])
    return words.startswith("✔"), words[2:]


_HIDDEN = [function_number(g) for g in HIDDEN_MENU]
_pair_checker = table(_gate_pair, {f"{a}-{b}": _pair_verdict(a, b) for a in _HIDDEN
                                   for b in _HIDDEN},
                      {"read": "gate_pair", "names": list(BOOLEAN_FUNCTION_NAMES),
                       "menu": list(HIDDEN_MENU), "not_one": list(NOT_ONE_NEURON)})


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
