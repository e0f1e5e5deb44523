"""The exercises of notebook 08 · Learning the hidden layer."""


import numpy as np

from .core import Exercise, as_numbers, function_of, number, raised, vector

q1 = Exercise(
    "Exercise 8.1", "What is the slope of the sigmoid at z = 0?",
    number(0.25, {0.5: "0.5 is the sigmoid's value at z = 0, its output. The slope is "
                       "sigmoid(z) · (1 - sigmoid(z)).",
                  1: "the step jumps from 0 to 1 at z = 0, but the sigmoid climbs gently: its "
                     "slope is sigmoid(z) · (1 - sigmoid(z)).",
                  0: "0 is the step function's slope (away from its jump). The sigmoid has a "
                     "slope everywhere, and it is largest at z = 0."}),
    "The slope is sigmoid(z) · (1 - sigmoid(z)), and sigmoid(0) = 0.5.",
    "0.5 · (1 - 0.5) = 0.25, the steepest the sigmoid ever gets (sigmoid_slope(0) says the "
    "same).",
    "answer_8_1 = 0.5 * (1 - 0.5)",
    [("answer_8_1 = 0.5", "its output"), ("answer_8_1 = 0", "step function's slope")])


q2 = Exercise(
    "Exercise 8.2", "A sigmoid neuron with W = [0, 0, 0] sees x = (1, 1) with d = 1 (lr = 1, "
    "squared loss). What is W after one step of the delta rule?",
    vector([0.125, 0.125, 0.125],
           [([0.5, 0.5, 0.5], "that leaves out the sigmoid's slope, 0.25 at z = 0: the delta "
                              "rule multiplies by it."),
            ([0, 0, 0], "Rosenblatt's rule would not move here (step(0) = 1 = d), but the "
                        "sigmoid's output is 0.5, not 1, so d - y = 0.5."),
            ([-0.125, -0.125, -0.125], "wrong direction: d - y = 1 - 0.5 is positive, so the "
                                       "weights grow."),
            ([0, 0.125, 0.125], "The bias moves too: the extended input is [1, 1, 1]."),
            ([0.25, 0.25, 0.25], "the slope at z = 0 is 0.5 · (1 - 0.5) = 0.25, and d - y = "
                                 "0.5: multiply both.")],
           names="[b, w1, w2]"),
    "z = 0, so y = sigmoid(0) = 0.5 and the slope is 0.25. Then W + lr · (d - y) · slope · [1, "
    "1, 1].",
    "y = 0.5, d - y = 0.5, slope 0.25: W moves by 1 · 0.5 · 0.25 · [1, 1, 1] = [0.125, 0.125, "
    "0.125].",
    "answer_8_2 = [0.125, 0.125, 0.125]",
    [("answer_8_2 = [0.5, 0.5, 0.5]", "leaves out the sigmoid's slope"),
     ("answer_8_2 = [0, 0, 0]", "Rosenblatt's rule would not move"),
     ("answer_8_2 = [0, 0.125, 0.125]", "The bias moves too")])


# --- a function the learner writes: the blame passed back to the hidden layer --------------

def _hidden_delta(delta_out, v, h):
    return delta_out * v * h * (1 - h)


# arrays, as in the notebook: a message shows a case as np.array([...]), so a learner who
# copies the call gets what the checker got
_CASES = [(d, np.array(v), np.array(h)) for d, v, h in (
    (0.1, [0.5, -2.0], [0.3, 0.9]), (-0.2, [1.5, 0.25], [0.5, 0.5]),
    (0.05, [-3.0, 2.0], [0.99, 0.01]), (0.0, [1.0, 1.0], [0.2, 0.7]),
    (0.3, [0.0, -1.0], [0.6, 0.4]))]


def _typical_mistake(f):
    """What a typical wrong hidden_delta computes, found on the first test case."""
    d, v, h = _CASES[0]
    got = np.asarray(f(d, v.copy(), h.copy()), dtype=float)
    s = 1 / (1 + np.exp(-h))
    for typical, message in (
            (d * v, "that passes the blame back through v but leaves out the hidden "
                    "neuron's own slope, h · (1 - h)."),
            (d * h * (1 - h), "each hidden neuron's share of the blame goes through its "
                              "weight to the output: multiply by v too."),
            (d * v * s * (1 - s), "h is already the sigmoid's output, so the slope is "
                                  "simply h · (1 - h): do not apply the sigmoid again.")):
        if got.shape == typical.shape and np.allclose(got, typical):
            return message
    return None


_hidden_delta_checker = function_of(_hidden_delta, _CASES, "hidden_delta",
                                    diagnose=_typical_mistake, rtol=1e-9, atol=1e-15)


_HIDDEN_DELTA = """\
def hidden_delta(delta_out, v, h):
    return delta_out * v * h * (1 - h)"""


q3 = Exercise(
    "Exercise 8.3", "Write hidden_delta(delta_out, v, h): the blame passed back to the two "
    "hidden neurons, for one sample.",
    _hidden_delta_checker,
    "Hidden neuron j gets delta_out times its weight v_j to the output, times its own slope "
    "h_j · (1 - h_j). NumPy multiplies arrays entry by entry.",
    "delta_out · v_j says how much the loss changes with h_j; h_j · (1 - h_j) says how much h_j "
    "changes with the hidden neuron's z. The chain rule multiplies them. This is line 3 of "
    "the four lines in the library's gradients().",
    _HIDDEN_DELTA,
    [(_HIDDEN_DELTA.replace(" * h * (1 - h)", ""), "leaves out the hidden neuron's own slope"),
     (_HIDDEN_DELTA.replace("delta_out * v * h", "delta_out * h"), "multiply by v too"),
     (_HIDDEN_DELTA.replace("    return", "    h = 1 / (1 + np.exp(-h))\n    return"),
      "do not apply the sigmoid again"),
     (_HIDDEN_DELTA.replace("    return ", "    "), "did you forget `return`")],
    [(np.zeros(3), "function itself")])


q6 = Exercise(
    "Exercise 8.6", "Another stuck network puts three inputs, (0, 1), (1, 0) and (1, 1), on one "
    "spot of the hidden plane, so they get one output; the best it can give them is their "
    "average target, 2/3. It gets (0, 0) exactly right. What is its loss (the mean of "
    "(y - d)² / 2)?",
    number(1 / 12, {
        1 / 3: "that is the sum over the four samples; the loss is their mean: divide by 4.",
        1 / 6: "each sample's loss is (y - d)² / 2: that looks like the mean without the / 2.",
        0.0625: "that is the stuck run above, two samples at 0.5. Here three samples share the "
                "output 2/3: two of them want 1, one wants 0.",
        3 * 0.125 / 4: "the three samples get 2/3, not 0.5: (0, 1) and (1, 0) are off by 1/3, "
                       "(1, 1) by 2/3.",
        2 / 9: "that is (1, 1)'s loss alone, (2/3)² / 2. Add the two samples with d = 1, "
               "each (1/3)² / 2, then take the mean over all four.",
        100 / 12: "that looks like a percentage. A loss is not a fraction of anything: give "
                  "the number itself, (sum of the four samples' losses) / 4.",
        12: "that is the loss upside down: the four samples' losses add up to 1/3, and the "
            "mean divides that by 4."}),
    "(0, 1) and (1, 0) want 1 and get 2/3: each is off by 1/3. (1, 1) wants 0 and gets 2/3. "
    "(0, 0) adds 0. Square each error, halve it, add up, divide by 4.",
    "(1/3)² / 2 = 1/18 twice, plus (2/3)² / 2 = 2/9, plus 0: together 1/3, and the mean over "
    "four samples is 1/12 ≈ 0.0833, above the 0.0625 of the stuck run in the notebook.",
    "answer_8_6 = (2 * (1 - 2/3)**2 / 2 + (0 - 2/3)**2 / 2 + 0) / 4",
    [("answer_8_6 = 2 * (1 - 2/3)**2 / 2 + (0 - 2/3)**2 / 2", "divide by 4"),
     ("answer_8_6 = 0.0625", "the stuck run above"),
     ("answer_8_6 = (3 * 0.5**2 / 2) / 4", "not 0.5"),
     ("answer_8_6 = (2 * (1/3)**2 + (2/3)**2) / 4", "without the / 2")],
    [(0.0833, "correct"), (0.083, "3 significant digits"), (0.08333333, "correct"),
     (8.33, "percentage"), (12, "upside down")])


# --- 8.4 and 8.5: all of backpropagation, written by the learner ------------------------------

def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _backprop(W_hidden, W_out, x, d):
    """The slopes of one sample's loss (y - d)² / 2 with respect to all nine weights."""
    xe = np.concatenate(([1.0], x))              # [1, x1, x2]
    h = _sigmoid(W_hidden @ xe)                  # the hidden outputs
    he = np.concatenate(([1.0], h))              # [1, h1, h2]
    y = _sigmoid(W_out @ he)
    delta = (y - d) * y * (1 - y)                # 1. the output's blame
    delta_h = delta * W_out[1:] * h * (1 - h)    # 3. the hidden neurons' blames
    return np.outer(delta_h, xe), delta * he     # 4. and 2.: the slopes


def _cases(count, seed):
    """Random networks (weights from -2 to 2) and one of XOR's samples each."""
    rng = np.random.default_rng(seed)
    inputs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return [(rng.uniform(-2, 2, (2, 3)), rng.uniform(-2, 2, 3), inputs[k % 4], (0, 1, 1, 0)[k % 4])
            for k in range(count)]


_BACKPROP_CASES = _cases(6, 8)


def _variants(W_hidden, W_out, x, d):
    """What typical wrong versions of backprop return for one case, with what to say."""
    xe, h = np.concatenate(([1.0], x)), _sigmoid(W_hidden @ np.concatenate(([1.0], x)))
    he = np.concatenate(([1.0], h))
    y = _sigmoid(W_out @ he)
    right = (y - d) * y * (1 - y)
    slope_h = h * (1 - h)
    out = []
    for delta, delta_h, message in (
            ((y - d), (y - d) * W_out[1:] * slope_h,
             "the output's blame leaves out the sigmoid's slope: δ = (y - d) · y · (1 - y)."),
            (right, right * W_out[1:],
             "the hidden blames leave out the hidden neurons' own slopes, h_j · (1 - h_j)."),
            (right, right * slope_h,
             "each hidden neuron's blame comes back through its weight to the output: "
             "multiply by v_j (W_out[1:]) too."),
            (right, np.array([right, right]),
             "that gives the hidden neurons the output's blame as it is; each one gets its "
             "share: δ · v_j · h_j (1 - h_j)."),
            (-right, -right * W_out[1:] * slope_h,
             "every slope has the wrong sign: the loss's slope in y is y - d, not d - y."),
            (right, right * W_out[1:] * y * (1 - y),
             "the hidden neurons' slopes are h_j · (1 - h_j), with their own outputs h_j, "
             "not the output's y · (1 - y).")):
        out.append(((np.outer(delta_h, xe), delta * he), message))
    out.append(((np.outer(right * W_out[1:] * slope_h, xe), right * np.concatenate(([0.0], h))),
                "the output neuron's bias has a slope too: its input is always 1, so its "
                "slope is δ itself."))
    out.append(((np.outer(right * W_out[1:] * slope_h, np.concatenate(([0.0], x))), right * he),
                "the hidden biases have slopes too: a bias's input is always 1, so hidden "
                "neuron j's bias slope is δ_j."))
    return out


def _pair(got):
    """(grad_hidden, grad_out) as float arrays, or (None, what is wrong)."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return None, ("return two things, grad_hidden and grad_out, as in "
                      "`return grad_hidden, grad_out`")
    parts = [as_numbers(g) for g in got]
    for (arr, what), name in zip(parts, ("grad_hidden", "grad_out")):
        if arr is None:
            return None, f"{name} is {what}"
    gh, go = (arr for arr, _ in parts)
    if gh.shape == (3,) and go.shape == (2, 3):
        return None, ("the two are the other way round: return grad_hidden (2 rows of 3) "
                      "first, then grad_out (3 numbers)")
    if gh.shape == (2, 2) or go.shape == (2,):
        return None, ("a bias is missing: each neuron has three weights, the bias first, so "
                      "grad_hidden has 2 rows of 3 numbers and grad_out 3 numbers")
    if gh.shape != (2, 3) or go.shape != (3,):
        return None, (f"grad_hidden should have shape (2, 3) and grad_out shape (3,); got "
                      f"{gh.shape} and {go.shape}")
    return (gh, go), None


def _show_case(W_hidden, W_out, x, d):
    return (f"backprop(np.array({np.round(W_hidden, 3).tolist()}), "
            f"np.array({np.round(W_out, 3).tolist()}), np.array({x.tolist()}), {d})")


def _run(f, args, names, shown, returns):
    """The learner's f called on copies of ``args``: (its result, None), or (None, what to
    say: an error it raised, a missing return, an input changed in place)."""
    given = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        got = f(*given)
    except Exception as err:  # the learner's code may raise anything
        return None, raised(shown, err, f)
    if got is None:
        return None, f"your function returned None: did you forget `return`? (return {returns})"
    for name, a, b in zip(names, given, args):
        if isinstance(b, np.ndarray) and not np.array_equal(a, b):
            return None, (f"your function changed its input {name} in place (with -= or +=): "
                          f"build new arrays and leave the ones it was given as they are.")
    return got, None


def _backprop_checker(f):
    if not callable(f):
        return False, "Please pass your function itself: check(backprop) without ()."
    for W_hidden, W_out, x, d in _BACKPROP_CASES:
        shown = _show_case(W_hidden, W_out, x, d)
        got, problem = _run(f, (W_hidden, W_out, x, d), ("W_hidden", "W_out", "x", "d"), shown,
                            "grad_hidden, grad_out")
        if problem:
            return False, problem
        pair, problem = _pair(got)
        if problem:
            return False, f"{shown}: {problem}."
        want = _backprop(W_hidden, W_out, x, d)
        if all(np.allclose(g, w, rtol=0, atol=1e-12) for g, w in zip(pair, want)):
            continue
        for (gh, go), message in _variants(W_hidden, W_out, x, d):
            if np.allclose(pair[0], gh, rtol=0, atol=1e-12) and \
                    np.allclose(pair[1], go, rtol=0, atol=1e-12):
                return False, message
        wrong = "grad_out" if not np.allclose(pair[1], want[1], rtol=0, atol=1e-12) else \
            "grad_hidden"
        return False, (f"{shown}: {wrong} is off (expected grad_hidden = "
                       f"{np.round(want[0], 6).tolist()}, grad_out = "
                       f"{np.round(want[1], 6).tolist()}). Go through the four lines one by one.")
    return True, (f"all nine slopes agree with the library's to 1e-12 on "
                  f"{len(_BACKPROP_CASES)} random networks.")


_BACKPROP = """\
def backprop(W_hidden, W_out, x, d):
    xe = np.array([1, x[0], x[1]])               # the input, extended: [1, x1, x2]
    h = sigmoid(W_hidden @ xe)                   # the two hidden outputs
    he = np.array([1, h[0], h[1]])               # [1, h1, h2]
    y = sigmoid(W_out @ he)                      # the network's output
    delta = (y - d) * y * (1 - y)                # 1. the output's blame
    grad_out = delta * he                        # 2. the output weights' slopes
    delta_h = delta * W_out[1:] * h * (1 - h)    # 3. the hidden neurons' blames
    grad_hidden = np.outer(delta_h, xe)          # 4. row j: delta_h[j] * [1, x1, x2]
    return grad_hidden, grad_out"""


q4 = Exercise(
    "Exercise 8.4", "Write backprop(W_hidden, W_out, x, d): the slopes of one sample's loss "
    "(y - d)² / 2 with respect to all nine weights, returned as grad_hidden (2 rows of 3, like "
    "W_hidden) and grad_out (3 numbers, like W_out).",
    _backprop_checker,
    "Go forward first: h = sigmoid(W_hidden @ [1, x1, x2]), then y = sigmoid(W_out @ [1, h1, "
    "h2]). Then the four lines backwards: delta, its slopes delta · [1, h1, h2], the hidden "
    "blames delta · v_j · h_j (1 - h_j), and their slopes. np.outer(a, b) makes the table of "
    "a[j] · b[k].",
    "Forward, keeping h and y; backwards, each line uses the one before: the output's blame, "
    "its weights' slopes, the blame passed back through v, the hidden weights' slopes. The "
    "library's gradients() does the same for all four samples at once and averages.",
    _BACKPROP,
    [(_BACKPROP.replace("delta = (y - d) * y * (1 - y)", "delta = y - d"),
      "leaves out the sigmoid's slope"),
     (_BACKPROP.replace(" * h * (1 - h)", ""), "own slopes"),
     (_BACKPROP.replace("delta * W_out[1:] * h", "delta * h"), "multiply by v_j"),
     (_BACKPROP.replace("(y - d) * y", "(d - y) * y"), "wrong sign"),
     (_BACKPROP.replace("grad_out = delta * he", "grad_out = delta * h"), "a bias is missing"),
     (_BACKPROP.replace("np.outer(delta_h, xe)", "np.outer(delta_h, x)"), "a bias is missing"),
     (_BACKPROP.replace("    return grad_hidden, grad_out", "    return grad_out, grad_hidden"),
      "the other way round"),
     (_BACKPROP.replace("    return grad_hidden, grad_out", "    grad_hidden, grad_out"),
      "did you forget `return`")],
    [(np.zeros(3), "function itself")])


def _epoch(W_hidden, W_out, X, d, lr):
    """One epoch of the library's training, written out: the mean slope, then a step."""
    grads = [_backprop(W_hidden, W_out, x, t) for x, t in zip(X, d)]
    grad_hidden = sum(g for g, _ in grads) / len(X)
    grad_out = sum(g for _, g in grads) / len(X)
    return W_hidden - lr * grad_hidden, W_out - lr * grad_out


_XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_XOR_D = np.array([0, 1, 1, 0])
_EPOCH_CASES = [(W_hidden, W_out, _XOR_X.copy(), _XOR_D.copy(), lr)
                for (W_hidden, W_out, _, _), lr in zip(_cases(4, 9), (5, 1, 0.5, 2))]


def _one_by_one(W_hidden, W_out, X, d, lr):
    """A wrong epoch: a step after each sample (the next sample sees the changed weights)."""
    for x, t in zip(X, d):
        gh, go = _backprop(W_hidden, W_out, x, t)
        W_hidden, W_out = W_hidden - lr * gh, W_out - lr * go
    return W_hidden, W_out


def _out_first(W_hidden, W_out, X, d, lr):
    """A wrong epoch: v stepped before the hidden slopes are computed with it."""
    grads = [_backprop(W_hidden, W_out, x, t) for x, t in zip(X, d)]
    W_out = W_out - lr * sum(g for _, g in grads) / len(X)
    grads = [_backprop(W_hidden, W_out, x, t) for x, t in zip(X, d)]
    return W_hidden - lr * sum(g for g, _ in grads) / len(X), W_out


def _epoch_variants(W_hidden, W_out, X, d, lr):
    right = _epoch(W_hidden, W_out, X, d, lr)
    summed = _epoch(W_hidden, W_out, X, d, lr * len(X))
    return [
        (summed, "that steps by the sum of the four samples' slopes; the library's loss is "
                 "their mean, so divide the sum by 4 (the number of samples)."),
        ((2 * W_hidden - right[0], 2 * W_out - right[1]),
         "that climbs uphill: a step goes against the slope, W - lr · slope."),
        (_epoch(W_hidden, W_out, X, d, 1) if lr != 1 else None,
         "the learning rate is missing: step by lr times the mean slope."),
        (_one_by_one(W_hidden, W_out, X, d, lr),
         "that takes a step after each sample, so the later samples see changed weights. One "
         "epoch here adds up the four samples' slopes at the same weights, then takes one "
         "step."),
        (_out_first(W_hidden, W_out, X, d, lr),
         "the output weights v were changed before the hidden slopes were computed with "
         "them: compute all nine slopes first, then change the weights."),
    ]


def _epoch_checker(f):
    if not callable(f):
        return False, "Please pass your function itself: check(train_epoch) without ()."
    for W_hidden, W_out, X, d, lr in _EPOCH_CASES:
        shown = (f"train_epoch(np.array({np.round(W_hidden, 3).tolist()}), "
                 f"np.array({np.round(W_out, 3).tolist()}), X, d, {lr})")
        got, problem = _run(f, (W_hidden, W_out, X, d, lr), ("W_hidden", "W_out", "X", "d", "lr"),
                            shown, "the new W_hidden, W_out")
        if problem:
            return False, problem
        pair, problem = _pair(got)
        if problem:
            problem = problem.replace("grad_hidden", "W_hidden").replace("grad_out", "W_out")
            return False, f"{shown}: {problem}."
        want = _epoch(W_hidden, W_out, X, d, lr)
        if all(np.allclose(g, w, rtol=0, atol=1e-12) for g, w in zip(pair, want)):
            continue
        for variant, message in _epoch_variants(W_hidden, W_out, X, d, lr):
            if variant is not None and all(np.allclose(g, w, rtol=0, atol=1e-12)
                                           for g, w in zip(pair, variant)):
                return False, message
        return False, (f"{shown}: the new weights are off (expected W_hidden = "
                       f"{np.round(want[0], 6).tolist()}, W_out = {np.round(want[1], 6).tolist()})"
                       f". Call backprop for each sample, take the mean of the slopes, then one "
                       f"step.")
    return True, (f"one epoch agrees with the library's to 1e-12 on {len(_EPOCH_CASES)} "
                  f"random networks.")


_TRAIN_EPOCH = """\
def train_epoch(W_hidden, W_out, X, d, lr):
    grad_hidden = np.zeros((2, 3))
    grad_out = np.zeros(3)
    for x, target in zip(X, d):                  # every sample's slopes, at the same weights
        gh, go = backprop(W_hidden, W_out, x, target)
        grad_hidden = grad_hidden + gh
        grad_out = grad_out + go
    n = len(X)                                   # the loss is the mean: so are its slopes
    return W_hidden - lr * grad_hidden / n, W_out - lr * grad_out / n"""


q5 = Exercise(
    "Exercise 8.5", "Write train_epoch(W_hidden, W_out, X, d, lr): one epoch of the library's "
    "training with your backprop. Add up the four samples' slopes at the same weights, divide "
    "by the number of samples (the loss is their mean), and return the new W_hidden and W_out "
    "after one step downhill.",
    _epoch_checker,
    "Start two sums at zero (np.zeros((2, 3)) and np.zeros(3)); add each sample's backprop; "
    "then return W_hidden - lr * (sum / n) and the same for W_out.",
    "The four samples' slopes are all taken at the same weights, then averaged, then one "
    "step: W ← W - η · mean slope. That is exactly TinyNetwork's epoch (gradients() does the "
    "four samples at once with matrix products).",
    _TRAIN_EPOCH,
    [(_TRAIN_EPOCH.replace(" / n, W_out - lr * grad_out / n", ", W_out - lr * grad_out"),
      "sum of the four samples' slopes"),
     (_TRAIN_EPOCH.replace("W_hidden - lr * grad_hidden / n, W_out - lr * grad_out / n",
                           "W_hidden + lr * grad_hidden / n, W_out + lr * grad_out / n"),
      "climbs uphill")],
    [(np.zeros(3), "function itself")],
    before=_BACKPROP)
